"""Statements of the study log and the timer: entries, sums of minutes, what time is logged on.

Statements are built once, with named parameters (``bindparam``), and executed with values:
SQLAlchemy caches their compiled SQL, and nothing is rebuilt on a hot path like a refresh.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, bindparam, func, or_, select
from sqlalchemy.orm import Session

from tracker.storage.models import (
    OwnResource,
    Prerequisite,
    Resource,
    ResourceProgress,
    RunningTimer,
    StudySession,
)

PREREQUISITE = "prerequisite"
RESOURCE = "resource"

_OF_PATH = (
    StudySession.profile_id == bindparam("profile_id"),
    StudySession.path_slug == bindparam("path_slug"),
)

ENTRIES = (
    select(StudySession).where(*_OF_PATH).order_by(StudySession.day.desc(), StudySession.id.desc())
)
TOTAL_MINUTES = select(func.coalesce(func.sum(StudySession.minutes), 0)).where(*_OF_PATH)
MINUTES_BY_ITEM = (
    select(StudySession.item_kind, StudySession.item_slug, func.sum(StudySession.minutes))
    .where(*_OF_PATH, StudySession.item_kind.is_not(None), StudySession.item_slug.is_not(None))
    .group_by(StudySession.item_kind, StudySession.item_slug)
)
MINUTES_BY_DAY = (
    select(StudySession.day, func.sum(StudySession.minutes))
    .where(
        *_OF_PATH,
        StudySession.day >= bindparam("first", type_=StudySession.day.type),
        StudySession.day <= bindparam("last", type_=StudySession.day.type),
    )
    .group_by(StudySession.day)
)
EARLIEST = date(1, 1, 1)
LATEST = date(9999, 12, 31)


def _of(profile_id: int, path_slug: str) -> dict[str, Any]:
    return {"profile_id": profile_id, "path_slug": path_slug}


# --- entries -------------------------------------------------------------------------------


def entries(session: Session, profile_id: int, path_slug: str) -> list[StudySession]:
    """The path's log entries, newest day first."""
    return list(session.scalars(ENTRIES, _of(profile_id, path_slug)))


def entry(session: Session, profile_id: int, entry_id: int) -> StudySession | None:
    """One entry of this learner, or None."""
    row = session.get(StudySession, entry_id)
    return row if row is not None and row.profile_id == profile_id else None


def entry_id_free(session: Session, entry_id: int) -> bool:
    return session.get(StudySession, entry_id) is None


def add_entry(session: Session, **values: Any) -> StudySession:
    """A new entry (``StudySession`` columns as keywords); its id is set on return."""
    row = StudySession(**values)
    session.add(row)
    session.flush()
    return row


def delete_row(session: Session, row: StudySession | RunningTimer) -> None:
    session.delete(row)
    session.flush()


# --- sums ----------------------------------------------------------------------------------


def total_minutes(session: Session, profile_id: int, path_slug: str) -> int:
    return int(session.scalar(TOTAL_MINUTES, _of(profile_id, path_slug)) or 0)


def minutes_by_item(
    session: Session, profile_id: int, path_slug: str
) -> dict[tuple[str, str], int]:
    """Minutes per (kind, slug); time logged on the path as a whole is left out."""
    return {
        (str(kind), str(slug)): int(total)
        for kind, slug, total in session.execute(MINUTES_BY_ITEM, _of(profile_id, path_slug))
        if kind is not None and slug is not None
    }


def minutes_by_day(
    session: Session,
    profile_id: int,
    path_slug: str,
    first: date | None = None,
    last: date | None = None,
) -> dict[date, int]:
    """Minutes per day (only days with time), between ``first`` and ``last``."""
    values = _of(profile_id, path_slug) | {"first": first or EARLIEST, "last": last or LATEST}
    return {day: int(total) for day, total in session.execute(MINUTES_BY_DAY, values) if total}


# --- what time can be logged on --------------------------------------------------------------


def study_item_statements(
    *, by_slug: bool = False, active_only: bool = False
) -> list[tuple[str, Select[str, str]]]:
    """(kind, statement of (slug, title)) for prerequisites, pack resources and own resources.

    Parameters: ``path_id``, ``profile_id``, ``path_slug``; with ``by_slug`` also ``slugs``
    (a list); with ``active_only`` also ``statuses`` (a list) and ``timed_slug``, to keep only
    the resources with one of those statuses and the one the timer runs on.
    """
    prerequisites = (
        select(Prerequisite.slug, Prerequisite.title)
        .where(Prerequisite.path_id == bindparam("path_id"), Prerequisite.archived.is_(False))
        .order_by(Prerequisite.position)
    )
    resources = (
        select(Resource.slug, Resource.title)
        .where(Resource.path_id == bindparam("path_id"), Resource.archived.is_(False))
        .order_by(Resource.position)
    )
    own = (
        select(OwnResource.slug, OwnResource.title)
        .where(
            OwnResource.profile_id == bindparam("profile_id"),
            OwnResource.path_slug == bindparam("path_slug"),
        )
        .order_by(OwnResource.id)
    )
    if by_slug:
        prerequisites = prerequisites.where(
            Prerequisite.slug.in_(bindparam("slugs", expanding=True))
        )
        resources = resources.where(Resource.slug.in_(bindparam("slugs", expanding=True)))
        own = own.where(OwnResource.slug.in_(bindparam("slugs", expanding=True)))
    if active_only:
        active = Resource.slug.in_(
            select(ResourceProgress.resource_slug).where(
                ResourceProgress.profile_id == bindparam("profile_id"),
                ResourceProgress.path_slug == bindparam("path_slug"),
                ResourceProgress.status.in_(bindparam("statuses", expanding=True)),
            )
        )
        timed = Resource.slug == bindparam("timed_slug")
        resources = resources.where(or_(active, timed))
    return [(PREREQUISITE, prerequisites), (RESOURCE, resources), (RESOURCE, own)]


_ITEM_STATEMENTS = {
    (by_slug, active): study_item_statements(by_slug=by_slug, active_only=active)
    for by_slug in (False, True)
    for active in (False, True)
}


def study_items(
    session: Session,
    profile_id: int,
    path_id: int,
    path_slug: str,
    *,
    slugs: Collection[str] | None = None,
    active_statuses: Sequence[str] | None = None,
    timed_slug: str | None = None,
) -> list[tuple[str, str, str]]:
    """(kind, slug, title) of what time can be logged on, in pack order, own resources last."""
    values: dict[str, Any] = {"path_id": path_id} | _of(profile_id, path_slug)
    if slugs is not None:
        values["slugs"] = sorted(set(slugs))
    if active_statuses is not None:
        values["statuses"] = list(active_statuses)
        values["timed_slug"] = timed_slug
    statements = _ITEM_STATEMENTS[(slugs is not None, active_statuses is not None)]
    return [
        (kind, str(slug), str(title))
        for kind, statement in statements
        for slug, title in session.execute(statement, values)
    ]


# --- the timer -----------------------------------------------------------------------------


def running_timer(session: Session, profile_id: int) -> RunningTimer | None:
    return session.get(RunningTimer, profile_id)


def start_timer(
    session: Session,
    profile_id: int,
    path_slug: str,
    item_kind: str | None,
    item_slug: str | None,
    started_at: datetime,
) -> RunningTimer:
    row = RunningTimer(
        profile_id=profile_id,
        path_slug=path_slug,
        item_kind=item_kind,
        item_slug=item_slug,
        started_at=started_at,
    )
    session.add(row)
    session.flush()
    return row
