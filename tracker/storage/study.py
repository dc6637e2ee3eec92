"""Statements of the study log and the timer: entries, sums of minutes, what time is logged on."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select
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


def _of_path(profile_id: int, path_slug: str) -> ColumnElement[bool]:
    return and_(StudySession.profile_id == profile_id, StudySession.path_slug == path_slug)


# --- entries -------------------------------------------------------------------------------


def entries_statement(profile_id: int, path_slug: str) -> Select[StudySession]:
    return (
        select(StudySession)
        .where(_of_path(profile_id, path_slug))
        .order_by(StudySession.day.desc(), StudySession.id.desc())
    )


def entries(session: Session, profile_id: int, path_slug: str) -> list[StudySession]:
    """The path's log entries, newest day first."""
    return list(session.scalars(entries_statement(profile_id, path_slug)))


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


def total_minutes_statement(profile_id: int, path_slug: str) -> Select[int]:
    return select(func.coalesce(func.sum(StudySession.minutes), 0)).where(
        _of_path(profile_id, path_slug)
    )


def total_minutes(session: Session, profile_id: int, path_slug: str) -> int:
    return int(session.scalar(total_minutes_statement(profile_id, path_slug)) or 0)


def minutes_by_item_statement(
    profile_id: int, path_slug: str
) -> Select[str | None, str | None, int]:
    return (
        select(StudySession.item_kind, StudySession.item_slug, func.sum(StudySession.minutes))
        .where(
            _of_path(profile_id, path_slug),
            StudySession.item_kind.is_not(None),
            StudySession.item_slug.is_not(None),
        )
        .group_by(StudySession.item_kind, StudySession.item_slug)
    )


def minutes_by_item(
    session: Session, profile_id: int, path_slug: str
) -> dict[tuple[str, str], int]:
    """Minutes per (kind, slug); time logged on the path as a whole is left out."""
    return {
        (str(kind), str(slug)): int(total)
        for kind, slug, total in session.execute(minutes_by_item_statement(profile_id, path_slug))
        if kind is not None and slug is not None
    }


def minutes_by_day_statement(
    profile_id: int, path_slug: str, first: date | None = None, last: date | None = None
) -> Select[date, int]:
    query = select(StudySession.day, func.sum(StudySession.minutes)).where(
        _of_path(profile_id, path_slug)
    )
    if first is not None:
        query = query.where(StudySession.day >= first)
    if last is not None:
        query = query.where(StudySession.day <= last)
    return query.group_by(StudySession.day)


def minutes_by_day(
    session: Session,
    profile_id: int,
    path_slug: str,
    first: date | None = None,
    last: date | None = None,
) -> dict[date, int]:
    """Minutes per day (only days with time), between ``first`` and ``last``."""
    rows = session.execute(minutes_by_day_statement(profile_id, path_slug, first, last))
    return {day: int(total) for day, total in rows if total}


# --- what time can be logged on --------------------------------------------------------------


def study_item_statements(
    profile_id: int,
    path_id: int,
    path_slug: str,
    *,
    slugs: Collection[str] | None = None,
    active_statuses: Sequence[str] | None = None,
    timed_slug: str | None = None,
) -> list[tuple[str, Select[str, str]]]:
    """(kind, statement of (slug, title)) for prerequisites, pack resources and own resources.

    ``active_statuses`` keeps only the resources with one of those statuses, and the one the
    timer runs on (``timed_slug``).
    """
    prerequisites = (
        select(Prerequisite.slug, Prerequisite.title)
        .where(Prerequisite.path_id == path_id, Prerequisite.archived.is_(False))
        .order_by(Prerequisite.position)
    )
    resources = (
        select(Resource.slug, Resource.title)
        .where(Resource.path_id == path_id, Resource.archived.is_(False))
        .order_by(Resource.position)
    )
    own = (
        select(OwnResource.slug, OwnResource.title)
        .where(OwnResource.profile_id == profile_id, OwnResource.path_slug == path_slug)
        .order_by(OwnResource.id)
    )
    if slugs is not None:
        wanted = sorted(set(slugs))
        prerequisites = prerequisites.where(Prerequisite.slug.in_(wanted))
        resources = resources.where(Resource.slug.in_(wanted))
        own = own.where(OwnResource.slug.in_(wanted))
    if active_statuses is not None:
        active = Resource.slug.in_(
            select(ResourceProgress.resource_slug).where(
                ResourceProgress.profile_id == profile_id,
                ResourceProgress.path_slug == path_slug,
                ResourceProgress.status.in_(list(active_statuses)),
            )
        )
        timed = Resource.slug == timed_slug if timed_slug is not None else false()
        resources = resources.where(or_(active, timed))
    return [(PREREQUISITE, prerequisites), (RESOURCE, resources), (RESOURCE, own)]


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
    statements = study_item_statements(
        profile_id,
        path_id,
        path_slug,
        slugs=slugs,
        active_statuses=active_statuses,
        timed_slug=timed_slug,
    )
    return [
        (kind, str(slug), str(title))
        for kind, statement in statements
        for slug, title in session.execute(statement)
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
