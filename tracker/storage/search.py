"""Full-text search of a path's catalog: SQLite FTS5 indexes, with a plain LIKE fallback.

Three FTS5 tables, created and filled by migration 0002 and kept in sync by triggers on the
tables they index, so every write path (services, CLI, a future sync) updates them:

- ``resource_fts``: title, provider, tags and description of pack resources (rowid = resource.id);
- ``own_resource_fts``: the same for a learner's own resources (rowid = own_resource.id);
- ``resource_note_fts``: a learner's notes, keyed by profile, path and resource slug, because
  notes belong to a profile (one row per non-empty note).

Both FTS tables of content are contentless: they hold the words, the rows hold the text. Tags
are indexed as words (not as their JSON), so the index and the fallback see the same text.

A resource matches a query when every query word is a word of its title, provider, tags,
description or the learner's note on it; the last word also matches as a prefix (the learner is
still typing it). Words are runs of letters and digits, compared in lower case, as FTS5's
``unicode61`` tokenizer (diacritics kept) splits them. The query is split into such words before
it reaches FTS5, and each is quoted, so no input can inject FTS syntax (quotes, AND, NEAR(...)).

Where the SQLite build lacks FTS5, the migration skips the FTS objects and :func:`search_slugs`
narrows candidates with LIKE and checks the same rule in Python: same answers, slower.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

RESOURCE_FTS = "resource_fts"
OWN_RESOURCE_FTS = "own_resource_fts"
NOTE_FTS = "resource_note_fts"
SEARCH_INDEX_TABLES = (RESOURCE_FTS, OWN_RESOURCE_FTS, NOTE_FTS)
_FTS5_SHADOW_SUFFIXES = ("", "_data", "_idx", "_docsize", "_config", "_content")

_WORD = re.compile(r"[^\W_]+")

TAG_WORDS_SQL = "(SELECT coalesce(group_concat(value, ' '), '') FROM json_each({row}.tags))"
"""SQL for a row's tags as space-separated words (the index sees words, not JSON)."""


def is_search_index_table(name: str | None) -> bool:
    """Whether ``name`` is one of the FTS5 tables (or their shadow tables) of the search index.

    They are not in the SQLAlchemy models; schema comparison skips exactly these names.
    """
    return name is not None and any(
        name == table + suffix for table in SEARCH_INDEX_TABLES for suffix in _FTS5_SHADOW_SUFFIXES
    )


def include_schema_name(name: str | None, type_: str, _parent_names: Any) -> bool:
    """Alembic ``include_name`` hook: reflect everything but the search index tables."""
    return not (type_ == "table" and is_search_index_table(name))


def search_index_present(connection: Connection | Session) -> bool:
    """Whether the FTS tables exist in this database (the migration made them)."""
    found = connection.execute(
        text("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (:a, :b, :c)"),
        {"a": RESOURCE_FTS, "b": OWN_RESOURCE_FTS, "c": NOTE_FTS},
    ).scalar()
    return found == len(SEARCH_INDEX_TABLES)


# --- queries -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchQuery:
    """A learner's search split into words; the last one may be a prefix."""

    words: tuple[str, ...]
    last_is_prefix: bool

    @classmethod
    def parse(cls, query: str) -> SearchQuery:
        """Words of ``query`` (letters and digits, lower case); anything else separates them."""
        words = tuple(_WORD.findall(query.lower()))
        return cls(words, bool(words) and not query[-1:].isspace())

    def fts_terms(self) -> list[str]:
        """One FTS5 expression per word: quoted, the last one with ``*`` when it is a prefix."""
        terms = [f'"{word}"' for word in self.words]
        if self.last_is_prefix:
            terms[-1] += "*"
        return terms

    def fts_expression(self) -> str:
        return " AND ".join(self.fts_terms())

    def matches(self, texts: Iterable[str]) -> bool:
        """Whether every word occurs in ``texts`` (the last as a prefix when it is one)."""
        found = set(_WORD.findall(" ".join(texts).lower()))
        *whole, last = self.words
        if any(word not in found for word in whole):
            return False
        if self.last_is_prefix:
            return any(word.startswith(last) for word in found)
        return last in found


@dataclass(frozen=True)
class _Kind:
    """Where one kind of catalog row lives: pack resources or a learner's own."""

    table: str
    fts: str
    scope: str
    order: str


_PACK = _Kind("resource", RESOURCE_FTS, "r.path_id = :path_id AND r.archived = 0", "r.position")
_OWN = _Kind(
    "own_resource",
    OWN_RESOURCE_FTS,
    "r.profile_id = :profile_id AND r.path_slug = :path_slug",
    "r.id",
)


def search_slugs(
    session: Session,
    *,
    path_id: int,
    path_slug: str,
    profile_id: int,
    query: str,
    use_index: bool = True,
) -> list[str]:
    """Slugs of the path's active resources, then the learner's own, that match ``query``.

    In catalog order. An empty query (no words) matches every resource. ``use_index=False``
    (or a database without the FTS tables) takes the LIKE fallback, which answers the same.
    """
    parsed = SearchQuery.parse(query)
    scope = {"path_id": path_id, "path_slug": path_slug, "profile_id": profile_id}
    if not parsed.words:
        return [
            slug
            for kind in (_PACK, _OWN)
            for slug in session.execute(
                text(f"SELECT r.slug FROM {kind.table} r WHERE {kind.scope} ORDER BY {kind.order}"),
                scope,
            ).scalars()
        ]
    if use_index and search_index_present(session):
        return _search_indexed(session, parsed, scope)
    return _search_fallback(session, parsed, scope)


def _search_indexed(session: Session, parsed: SearchQuery, scope: dict[str, Any]) -> list[str]:
    noted_by_term = [
        set(
            session.execute(
                text(
                    f"SELECT resource_slug FROM {NOTE_FTS} WHERE {NOTE_FTS} MATCH :term "
                    "AND profile_id = :profile_id AND path_slug = :path_slug"
                ),
                {**scope, "term": term},
            ).scalars()
        )
        for term in parsed.fts_terms()
    ]
    slugs: list[str] = []
    for kind in (_PACK, _OWN):
        # the index first, then each hit's row by primary key (CROSS JOIN keeps that order;
        # left to itself the planner may scan the path's rows and probe the index per row)
        found = session.execute(
            text(
                f"SELECT r.slug, {kind.order} FROM (SELECT rowid AS id FROM {kind.fts} "
                f"WHERE {kind.fts} MATCH :expression) hit CROSS JOIN {kind.table} r "
                f"ON r.id = hit.id WHERE {kind.scope}"
            ),
            {**scope, "expression": parsed.fts_expression()},
        )
        rows: list[tuple[str, int]] = [tuple(row) for row in found]
        rows.sort(key=_second)  # hits come in id order, mostly catalog order: a linear sort
        extra = _matched_through_notes(session, kind, parsed, scope, noted_by_term, rows)
        if extra:
            rows = sorted([*rows, *extra], key=lambda row: row[1])
        slugs.extend(row[0] for row in rows)
    return slugs


def _second(row: tuple[str, int]) -> int:
    return row[1]


def _matched_through_notes(
    session: Session,
    kind: _Kind,
    parsed: SearchQuery,
    scope: dict[str, Any],
    noted_by_term: Sequence[set[str]],
    content_rows: Sequence[Any],
) -> list[tuple[str, int]]:
    """Rows that match only when the learner's notes count: each word in the text or the note."""
    candidates = set().union(*noted_by_term) - {row[0] for row in content_rows}
    matched: list[tuple[str, int]] = []
    for slug in sorted(candidates):
        row = session.execute(
            text(
                f"SELECT r.id, {kind.order} FROM {kind.table} r "
                f"WHERE {kind.scope} AND r.slug = :slug"
            ),
            {**scope, "slug": slug},
        ).first()
        if row is None:
            continue
        if all(
            slug in noted
            or session.execute(
                text(f"SELECT 1 FROM {kind.fts} WHERE {kind.fts} MATCH :term AND rowid = :id"),
                {"term": term, "id": row[0]},
            ).first()
            for term, noted in zip(parsed.fts_terms(), noted_by_term, strict=True)
        ):
            matched.append((slug, row[1]))
    return matched


def _search_fallback(session: Session, parsed: SearchQuery, scope: dict[str, Any]) -> list[str]:
    """LIKE narrows the rows (ASCII words only: LIKE folds only ASCII case); Python decides."""
    columns = ("r.title", "r.provider", "r.tags", "r.description", "coalesce(p.notes, '')")
    conditions: list[str] = []
    parameters: dict[str, Any] = dict(scope)
    for index, word in enumerate(parsed.words):
        if word.isascii():
            parameters[f"w{index}"] = f"%{word}%"
            conditions.append(
                "(" + " OR ".join(f"{column} LIKE :w{index}" for column in columns) + ")"
            )
    narrowing = "".join(f" AND {condition}" for condition in conditions)
    slugs: list[str] = []
    for kind in (_PACK, _OWN):
        rows = session.execute(
            text(
                f"SELECT r.slug, r.title, r.provider, r.tags, r.description, p.notes "
                f"FROM {kind.table} r LEFT JOIN resource_progress p "
                "ON p.profile_id = :profile_id AND p.path_slug = :path_slug "
                f"AND p.resource_slug = r.slug WHERE {kind.scope}{narrowing} ORDER BY {kind.order}"
            ),
            parameters,
        )
        for slug, title, provider, tags, description, notes in rows:
            if parsed.matches((title, provider, *_tag_words(tags), description, notes or "")):
                slugs.append(slug)
    return slugs


def _tag_words(raw: str | None) -> list[str]:
    loaded = json.loads(raw) if raw else []
    return [str(tag) for tag in loaded]


# --- keeping the index in step with a bulk import ------------------------------------------


@contextmanager
def indexing_in_one_go(session: Session) -> Iterator[None]:
    """Inside one transaction: index the pack resources inserted in this block in one statement.

    Indexing 100k inserted rows one trigger call at a time costs several times what one
    INSERT ... SELECT does. The insert trigger is dropped for the block and re-created from its
    own stored SQL afterwards, in the same transaction: other connections never see it missing,
    and an error rolls both back. Updates and deletes keep their triggers.
    """
    trigger = f"{RESOURCE_FTS}_insert"
    trigger_sql = session.execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
        {"name": trigger},
    ).scalar()
    if trigger_sql is None:  # no FTS5 here: nothing to keep in step
        yield
        return
    dbapi_connection = session.connection().connection.dbapi_connection
    if not getattr(dbapi_connection, "in_transaction", True):
        # sqlite3 opens its transaction at the first write; DDL alone would commit at once
        session.execute(text("UPDATE app_meta SET value = value WHERE 0"))
    after_id = session.execute(text("SELECT coalesce(max(id), 0) FROM resource")).scalar_one()
    session.execute(text(f"DROP TRIGGER {trigger}"))
    yield
    session.execute(
        text(
            f"INSERT INTO {RESOURCE_FTS} (rowid, title, provider, tags, description) "
            f"SELECT id, title, provider, {TAG_WORDS_SQL.format(row='resource')}, description "
            "FROM resource WHERE id > :after_id"
        ),
        {"after_id": after_id},
    )
    session.execute(text(trigger_sql))
