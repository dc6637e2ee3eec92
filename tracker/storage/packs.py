"""What a pack import reads and writes: installed paths, their content rows, shipped-pack marks.

Content rows are synchronised, never deleted: new rows are inserted (in one executemany), changed
ones updated, missing ones archived, so a learner's progress (keyed by slug) is never lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, func, select, update
from sqlalchemy.orm import Session

from tracker.storage.bulk import insert_rows
from tracker.storage.models import (
    AppMeta,
    Comparison,
    LearningPath,
    Offer,
    Prerequisite,
    PrerequisiteState,
    Resource,
    ResourceProgress,
)
from tracker.storage.search import indexing_in_one_go

ContentModel = type[Prerequisite] | type[Resource] | type[Comparison] | type[Offer]
BUNDLED_PREFIX = "bundled:"


def paths(session: Session) -> list[LearningPath]:
    """Every installed path, by title."""
    return list(session.scalars(select(LearningPath).order_by(LearningPath.title)))


def find_path(session: Session, slug: str) -> LearningPath | None:
    return session.scalar(select(LearningPath).where(LearningPath.slug == slug))


def put_path(session: Session, slug: str, values: dict[str, Any]) -> tuple[int, str | None]:
    """Install the path ``slug`` or update it with ``values``: its id and the pack version it
    had before (None: new)."""
    path = find_path(session, slug)
    previous_version = None if path is None else path.pack_version
    if path is None:
        path = LearningPath(slug=slug, **values)
        session.add(path)
        session.flush()
    else:
        for key, value in values.items():
            setattr(path, key, value)
    return path.id, previous_version


def installed_digest(session: Session, slug: str) -> str | None:
    """The digest of the pack the path ``slug`` was last imported from (None: not installed)."""
    return session.scalar(select(LearningPath.pack_digest).where(LearningPath.slug == slug))


def applied_bundled(session: Session) -> dict[str, str]:
    """The digest each shipped pack had when it was last applied, by its mark's key."""
    statement = select(AppMeta.key, AppMeta.value).where(AppMeta.key.startswith(BUNDLED_PREFIX))
    return {key: value for key, value in session.execute(statement)}


def mark_bundled(session: Session, key: str, digest: str) -> None:
    """Remember that the shipped pack ``key`` was applied in the form ``digest``."""
    session.merge(AppMeta(key=key, value=digest))


def progress_kept(session: Session, path_slug: str) -> int:
    """How many rows of a learner's progress (ticks, resource progress) the path has."""
    return sum(
        session.scalar(select(func.count()).select_from(model).where(model.path_slug == path_slug))
        or 0
        for model in (PrerequisiteState, ResourceProgress)
    )


@dataclass
class Diff:
    """What a synchronisation did to one table's rows, by slug."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    unchanged: int = 0


def sync_table(
    session: Session, model: ContentModel, path_id: int, rows: Sequence[dict[str, Any]]
) -> Diff:
    """Insert new rows, update changed ones, archive missing ones; never delete."""
    diff = Diff()
    table = cast(Table, model.__table__)
    columns = [column.key for column in table.columns if column.key not in ("id", "path_id")]
    existing = {
        row.slug: row
        for row in session.execute(
            select(*[table.c[name] for name in ["id", *columns]]).where(table.c.path_id == path_id)
        )
    }
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for row in rows:
        current = existing.get(row["slug"])
        if current is None:
            inserts.append({"path_id": path_id, "archived": False, **row})
            diff.added.append(row["slug"])
            continue
        values = {"archived": False, **row}
        changes = {key: value for key, value in values.items() if getattr(current, key) != value}
        if not changes:
            diff.unchanged += 1
            continue
        updates.append({"id": current.id, **changes})
        if current.archived:
            diff.restored.append(row["slug"])
        if set(changes) - {"archived", "position"}:
            diff.changed.append(row["slug"])
    new_slugs = {row["slug"] for row in rows}
    for slug, current in existing.items():
        if slug not in new_slugs and not current.archived:
            updates.append({"id": current.id, "archived": True})
            diff.archived.append(slug)
    if inserts and model is Resource:
        with indexing_in_one_go(session):  # the search index, in one go
            insert_rows(session, table, inserts)
    elif inserts:
        insert_rows(session, table, inserts)
    for group in _group_by_keys(updates):
        session.execute(update(model), group)
    return diff


def _group_by_keys(rows: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    return list(groups.values())
