"""The catalog's reads and writes: a path's resources, the learner's own and their progress.

Portable SQLAlchemy Core statements over a Session, for SQLite and PostgreSQL alike: named
binds, expanding IN lists, booleans as ``is_(False)``, JSON columns compared as text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    cast,
    exists,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session

from tracker.domain.enums import ItemKind
from tracker.storage.models import OwnResource, Resource, ResourceProgress, StudySession

RESOURCE_FIELDS = (
    "kind",
    "url",
    "provider",
    "cost",
    "currency",
    "duration_hours",
    "duration_weeks",
    "hours_per_week",
    "format",
    "level",
    "approach",
    "teaches",
    "tags",
    "description",
)
"""What describes a resource besides its slug and title, in the order rows are read."""

VIEW_COLUMNS = ("slug", "title", *RESOURCE_FIELDS)
"""The columns of a resource row as :func:`pack_rows` and :func:`own_rows` give them."""


@dataclass(frozen=True)
class CatalogScope:
    """Whose catalog: a path's resources (by the path's id) and one learner's own and progress."""

    path_id: int
    path_slug: str
    profile_id: int


@dataclass(frozen=True)
class RowFilter:
    """Which rows to read; the default reads every row."""

    statuses: frozenset[str] | None = None
    """Only those the learner gave one of these statuses."""
    slugs: frozenset[str] | None = None
    """Only these."""
    teaching: bool = False
    """Only those that teach some prerequisite."""


_PACK = Resource.__table__
_OWN = OwnResource.__table__
_PROGRESS = ResourceProgress.__table__


def _as_text(column: Any) -> ColumnElement[str]:
    """A JSON column's stored text (PostgreSQL's json type has no equality or LIKE)."""
    return cast(column, String)


def _view_columns(table: Any) -> list[Any]:
    """The row columns in ``VIEW_COLUMNS`` order, the JSON lists read as their stored text.

    Read as text, an empty list needs no parsing and the rest parse once, where they are used.
    """
    return [
        _as_text(table.c[name]).label(name) if name in ("teaches", "tags") else table.c[name]
        for name in VIEW_COLUMNS
    ]


def pack_scope(path_id: int) -> ColumnElement[bool]:
    """The active (not archived) resources of a path."""
    return and_(_PACK.c.path_id == path_id, _PACK.c.archived.is_(False))


def own_scope(profile_id: int, path_slug: str) -> ColumnElement[bool]:
    """A learner's own resources on a path."""
    return and_(_OWN.c.profile_id == profile_id, _OWN.c.path_slug == path_slug)


def _filtered(
    statement: Select[Any], table: Any, scope: CatalogScope, rows: RowFilter
) -> Select[Any]:
    if rows.statuses is not None:
        statement = statement.where(
            exists().where(
                _PROGRESS.c.profile_id == scope.profile_id,
                _PROGRESS.c.path_slug == scope.path_slug,
                _PROGRESS.c.resource_slug == table.c.slug,
                _PROGRESS.c.status.in_(sorted(rows.statuses)),
            )
        )
    if rows.slugs is not None:
        statement = statement.where(table.c.slug.in_(sorted(rows.slugs)))
    if rows.teaching:
        statement = statement.where(_as_text(table.c.teaches) != "[]")
    return statement


def pack_rows(
    session: Session, scope: CatalogScope, rows: RowFilter, limit: int | None = None
) -> Iterable[Any]:
    """The path's active resources in catalog order, as tuples of ``VIEW_COLUMNS`` (streamed);
    with ``limit``, only the first rows."""
    statement = _filtered(
        select(*_view_columns(_PACK)).where(pack_scope(scope.path_id)), _PACK, scope, rows
    ).order_by(_PACK.c.position)
    if limit is not None:
        statement = statement.limit(limit)
    return session.connection().execute(statement)


def own_rows(
    session: Session, scope: CatalogScope, rows: RowFilter, limit: int | None = None
) -> Iterable[Any]:
    """The learner's own resources on the path, oldest first, as :func:`pack_rows` gives them."""
    statement = _filtered(
        select(*_view_columns(_OWN)).where(own_scope(scope.profile_id, scope.path_slug)),
        _OWN,
        scope,
        rows,
    ).order_by(_OWN.c.id)
    if limit is not None:
        statement = statement.limit(limit)
    return session.connection().execute(statement)


def own_rows_stamp(session: Session, scope: CatalogScope) -> tuple[Any, ...]:
    """Every own resource of the path with its id: a value that changes with any of them."""
    statement = (
        select(_OWN.c.id, *_view_columns(_OWN))
        .where(own_scope(scope.profile_id, scope.path_slug))
        .order_by(_OWN.c.id)
    )
    return tuple(tuple(row) for row in session.execute(statement))


def progress_rows(session: Session, scope: CatalogScope) -> Iterable[Any]:
    """(resource slug, status, rating, notes) of each resource the learner has progress on."""
    return session.execute(
        select(
            _PROGRESS.c.resource_slug, _PROGRESS.c.status, _PROGRESS.c.rating, _PROGRESS.c.notes
        ).where(
            _PROGRESS.c.profile_id == scope.profile_id, _PROGRESS.c.path_slug == scope.path_slug
        )
    )


def minutes_by_resource(session: Session, scope: CatalogScope) -> dict[str | None, int]:
    """Minutes the learner logged on each resource of the path."""
    sessions = StudySession.__table__
    statement = (
        select(sessions.c.item_slug, func.sum(sessions.c.minutes))
        .where(
            sessions.c.profile_id == scope.profile_id,
            sessions.c.path_slug == scope.path_slug,
            sessions.c.item_kind == ItemKind.RESOURCE.value,
        )
        .group_by(sessions.c.item_slug)
    )
    return {slug: int(total or 0) for slug, total in session.execute(statement)}


def shown_count(session: Session, scope: CatalogScope) -> int:
    """How many resources the catalog shows: the active pack ones and the learner's own."""
    pack = (
        select(func.count()).select_from(_PACK).where(pack_scope(scope.path_id)).scalar_subquery()
    )
    own = (
        select(func.count())
        .select_from(_OWN)
        .where(own_scope(scope.profile_id, scope.path_slug))
        .scalar_subquery()
    )
    return int(session.execute(select(pack + own)).scalar_one())


def status_counts(session: Session, scope: CatalogScope) -> dict[str, int]:
    """How many of the shown resources have each status (archived ones do not count)."""
    shown_pack = exists().where(
        pack_scope(scope.path_id), _PACK.c.slug == _PROGRESS.c.resource_slug
    )
    shown_own = exists().where(
        own_scope(scope.profile_id, scope.path_slug), _OWN.c.slug == _PROGRESS.c.resource_slug
    )
    statement = (
        select(_PROGRESS.c.status, func.count())
        .where(
            _PROGRESS.c.profile_id == scope.profile_id,
            _PROGRESS.c.path_slug == scope.path_slug,
            _PROGRESS.c.status.is_not(None),
            or_(shown_pack, shown_own),
        )
        .group_by(_PROGRESS.c.status)
    )
    return {str(status): int(count) for status, count in session.execute(statement)}


def resource_title(session: Session, scope: CatalogScope, slug: str) -> str | None:
    """The title of resource ``slug`` of the path (a pack's, archived or not, or the learner's
    own), or None when the path has no such resource."""
    pack = select(_PACK.c.title).where(_PACK.c.path_id == scope.path_id, _PACK.c.slug == slug)
    own = select(_OWN.c.title).where(
        own_scope(scope.profile_id, scope.path_slug), _OWN.c.slug == slug
    )
    return session.execute(pack.union_all(own).limit(1)).scalar()


def set_progress(
    session: Session, scope: CatalogScope, slug: str, field: str, value: Any, now: datetime
) -> Any:
    """Set the learner's ``field`` (status, rating or notes) on a resource; return the old value.

    Written through the ORM session, so the change is in the session's unit of work. Setting
    the value it has changes nothing (and makes no row).
    """
    key = {"profile_id": scope.profile_id, "path_slug": scope.path_slug, "resource_slug": slug}
    row = session.get(ResourceProgress, key)
    old = None if row is None else getattr(row, field)
    if row is None:
        old = "" if field == "notes" else None
        if value == old:
            return old
        row = ResourceProgress(**key, status=None, rating=None, notes="", changed_at=now)
        session.add(row)
    elif old == value:
        return old
    setattr(row, field, value)
    row.changed_at = now
    return old
