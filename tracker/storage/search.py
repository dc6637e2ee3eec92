"""Full-text search of a path's catalog, behind one interface: SQLite FTS5, or portable LIKE.

:func:`catalog_search` picks the implementation for a session's database;
:func:`search_slugs` answers a query with it. Both implementations give the same answers:

- :class:`LikeSearch` is portable SQLAlchemy Core (any database): LIKE narrows the rows,
  Python checks the rule on what is left.
- :class:`Fts5Search` queries SQLite FTS5 indexes, where migration 0002 made them. Three FTS5
  tables, kept in sync by triggers on the tables they index, so every write path (services,
  CLI, a future sync) updates them:

  - ``resource_fts``: title, provider, tags and description of pack resources (rowid =
    resource.id);
  - ``own_resource_fts``: the same for a learner's own resources (rowid = own_resource.id);
  - ``resource_note_fts``: a learner's notes, keyed by profile, path and resource slug,
    because notes belong to a profile (one row per non-empty note).

  Both FTS tables of content are contentless: they hold the words, the rows hold the text.
  Tags are indexed as words (not as their JSON), so the index and LIKE see the same text.

A resource matches a query when every query word is a word of its title, provider, tags,
description or the learner's note on it; the last word also matches as a prefix (the learner is
still typing it). Words are runs of letters and digits, compared in lower case, as FTS5's
``unicode61`` tokenizer (diacritics kept) splits them. The query is split into such words before
it reaches FTS5, and each is quoted, so no input can inject FTS syntax (quotes, AND, NEAR(...)).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Connection, Select, String, and_, cast, func, or_, select, text
from sqlalchemy.orm import Session

from tracker.storage.catalog import CatalogScope, own_scope, pack_scope
from tracker.storage.models import OwnResource, Resource, ResourceProgress

RESOURCE_FTS = "resource_fts"
OWN_RESOURCE_FTS = "own_resource_fts"
NOTE_FTS = "resource_note_fts"
SEARCH_INDEX_TABLES = (RESOURCE_FTS, OWN_RESOURCE_FTS, NOTE_FTS)
_FTS5_SHADOW_SUFFIXES = ("", "_data", "_idx", "_docsize", "_config", "_content")

_WORD = re.compile(r"[^\W_]+")


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

    table: Any
    fts: str

    def scope(self, scope: CatalogScope) -> Any:
        if self.table is _PACK:
            return pack_scope(scope.path_id)
        return own_scope(scope.profile_id, scope.path_slug)

    @property
    def order(self) -> Any:
        return self.table.c.position if self.table is _PACK else self.table.c.id


_PACK = Resource.__table__
_OWN = OwnResource.__table__
_PROGRESS = ResourceProgress.__table__
_KINDS = (_Kind(_PACK, RESOURCE_FTS), _Kind(_OWN, OWN_RESOURCE_FTS))


def every_slug_statements(scope: CatalogScope) -> list[Select[Any]]:
    """The statements listing every shown slug in catalog order (what an empty query finds)."""
    return [
        select(kind.table.c.slug).where(kind.scope(scope)).order_by(kind.order) for kind in _KINDS
    ]


# --- the interface -------------------------------------------------------------------------


class CatalogSearch(Protocol):
    """One way to search a catalog; every implementation gives the same answers."""

    def slugs(self, session: Session, scope: CatalogScope, query: SearchQuery) -> list[str]:
        """Slugs of the shown resources matching a query with words, in catalog order."""
        ...

    def bulk_indexing(self, session: Session) -> AbstractContextManager[None]:
        """A block inside a transaction whose inserted pack resources are indexed in one go."""
        ...


def catalog_search(session: Session | Connection, *, use_index: bool = True) -> CatalogSearch:
    """The search for this database: FTS5 where SQLite has the index, else LIKE."""
    dialect = session.get_bind().dialect if isinstance(session, Session) else session.dialect
    if use_index and dialect.name == "sqlite" and Fts5Search.present(session):
        return Fts5Search()
    return LikeSearch()


def search_slugs(
    session: Session, scope: CatalogScope, query: str, *, use_index: bool = True
) -> list[str]:
    """Slugs of the path's active resources, then the learner's own, that match ``query``.

    In catalog order. An empty query (no words) matches every resource. ``use_index=False``
    (or a database without the FTS tables) takes the portable LIKE search, which answers the
    same.
    """
    parsed = SearchQuery.parse(query)
    if not parsed.words:
        connection = session.connection()
        return [
            slug
            for statement in every_slug_statements(scope)
            for slug in connection.execute(statement).scalars()
        ]
    return catalog_search(session, use_index=use_index).slugs(session, scope, parsed)


def indexing_in_one_go(session: Session) -> AbstractContextManager[None]:
    """Inside one transaction: index the pack resources inserted in this block in one go."""
    return catalog_search(session).bulk_indexing(session)


# --- portable: LIKE ------------------------------------------------------------------------


class LikeSearch:
    """Any database: LIKE narrows the rows (by the query's ASCII words), Python decides."""

    def statements(self, scope: CatalogScope, query: SearchQuery) -> list[Select[Any]]:
        """One statement per kind of row: the candidate rows, in catalog order, as
        (slug, title, provider, tags as JSON text, description, notes or None)."""
        statements = []
        for kind in _KINDS:
            table = kind.table
            columns = (
                table.c.title,
                table.c.provider,
                cast(table.c.tags, String),
                table.c.description,
                func.coalesce(_PROGRESS.c.notes, ""),
            )
            # ASCII only: SQLite's LIKE and lower() fold only ASCII case
            narrowing = [
                or_(*(column.ilike(f"%{word}%") for column in columns))
                for word in query.words
                if word.isascii()
            ]
            statements.append(
                select(table.c.slug, *columns[:4], _PROGRESS.c.notes)
                .select_from(table)
                .outerjoin(
                    _PROGRESS,
                    and_(
                        _PROGRESS.c.profile_id == scope.profile_id,
                        _PROGRESS.c.path_slug == scope.path_slug,
                        _PROGRESS.c.resource_slug == table.c.slug,
                    ),
                )
                .where(kind.scope(scope), *narrowing)
                .order_by(kind.order)
            )
        return statements

    @staticmethod
    def matching(query: SearchQuery, rows: Iterable[Sequence[Any]]) -> list[str]:
        """The slugs of candidate rows (as :meth:`statements` gives them) that match."""
        return [
            slug
            for slug, title, provider, tags, description, notes in rows
            if query.matches((title, provider, *_tag_words(tags), description, notes or ""))
        ]

    def slugs(self, session: Session, scope: CatalogScope, query: SearchQuery) -> list[str]:
        connection = session.connection()
        return [
            slug
            for statement in self.statements(scope, query)
            for slug in self.matching(query, connection.execute(statement))
        ]

    def bulk_indexing(self, session: Session) -> AbstractContextManager[None]:
        return nullcontext()  # no index to keep


def _tag_words(raw: str | list[str] | None) -> list[str]:
    loaded = json.loads(raw) if isinstance(raw, str) else raw or []
    return [str(tag) for tag in loaded]


# --- SQLite: FTS5 --------------------------------------------------------------------------

TAG_WORDS_SQL = "(SELECT coalesce(group_concat(value, ' '), '') FROM json_each({row}.tags))"
"""SQLite SQL for a row's tags as space-separated words (the index sees words, not JSON)."""


class Fts5Search:
    """SQLite with the FTS5 tables of migration 0002: the index finds the rows."""

    @staticmethod
    def present(session: Session | Connection) -> bool:
        """Whether the FTS tables exist in this (SQLite) database."""
        found = session.execute(
            text(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (:a, :b, :c)"
            ),
            {"a": RESOURCE_FTS, "b": OWN_RESOURCE_FTS, "c": NOTE_FTS},
        ).scalar()
        return found == len(SEARCH_INDEX_TABLES)

    def slugs(self, session: Session, scope: CatalogScope, query: SearchQuery) -> list[str]:
        binds = _binds(scope)
        noted_by_term = [
            set(
                session.execute(
                    text(
                        f"SELECT resource_slug FROM {NOTE_FTS} WHERE {NOTE_FTS} MATCH :term "
                        "AND profile_id = :profile_id AND path_slug = :path_slug"
                    ),
                    {**binds, "term": term},
                ).scalars()
            )
            for term in query.fts_terms()
        ]
        slugs: list[str] = []
        for kind in _KINDS:
            # the index first, then each hit's row by primary key (CROSS JOIN keeps that order;
            # left to itself the planner may scan the path's rows and probe the index per row)
            found = session.execute(
                text(
                    f"SELECT r.slug, {_ORDER_SQL[kind.fts]} FROM (SELECT rowid AS id FROM "
                    f"{kind.fts} WHERE {kind.fts} MATCH :expression) hit CROSS JOIN "
                    f"{kind.table.name} r ON r.id = hit.id WHERE {_SCOPE_SQL[kind.fts]}"
                ),
                {**binds, "expression": query.fts_expression()},
            )
            rows: list[tuple[str, int]] = [tuple(row) for row in found]
            rows.sort(key=_second)  # hits come in id order, mostly catalog order: a linear sort
            extra = self._through_notes(session, kind, query, binds, noted_by_term, rows)
            if extra:
                rows = sorted([*rows, *extra], key=_second)
            slugs.extend(row[0] for row in rows)
        return slugs

    @staticmethod
    def _through_notes(
        session: Session,
        kind: _Kind,
        query: SearchQuery,
        binds: dict[str, Any],
        noted_by_term: Sequence[set[str]],
        content_rows: Sequence[Any],
    ) -> list[tuple[str, int]]:
        """Rows that match only when the learner's notes count: each word in text or note."""
        candidates = set().union(*noted_by_term) - {row[0] for row in content_rows}
        matched: list[tuple[str, int]] = []
        for slug in sorted(candidates):
            row = session.execute(
                text(
                    f"SELECT r.id, {_ORDER_SQL[kind.fts]} FROM {kind.table.name} r "
                    f"WHERE {_SCOPE_SQL[kind.fts]} AND r.slug = :slug"
                ),
                {**binds, "slug": slug},
            ).first()
            if row is None:
                continue
            if all(
                slug in noted
                or session.execute(
                    text(f"SELECT 1 FROM {kind.fts} WHERE {kind.fts} MATCH :term AND rowid = :id"),
                    {"term": term, "id": row[0]},
                ).first()
                for term, noted in zip(query.fts_terms(), noted_by_term, strict=True)
            ):
                matched.append((slug, row[1]))
        return matched

    def bulk_indexing(self, session: Session) -> AbstractContextManager[None]:
        return _indexing_in_one_go(session)


_ORDER_SQL = {RESOURCE_FTS: "r.position", OWN_RESOURCE_FTS: "r.id"}
_SCOPE_SQL = {
    RESOURCE_FTS: "r.path_id = :path_id AND r.archived = :archived",
    OWN_RESOURCE_FTS: "r.profile_id = :profile_id AND r.path_slug = :path_slug",
}


def _binds(scope: CatalogScope) -> dict[str, Any]:
    return {
        "path_id": scope.path_id,
        "path_slug": scope.path_slug,
        "profile_id": scope.profile_id,
        "archived": False,
    }


def _second(row: tuple[str, int]) -> int:
    return row[1]


@contextmanager
def _indexing_in_one_go(session: Session) -> Iterator[None]:
    """Index the pack resources inserted in this block in one statement (SQLite FTS5).

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
    after_id = session.execute(select(func.coalesce(func.max(_PACK.c.id), 0))).scalar_one()
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
