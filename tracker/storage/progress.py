"""Statements behind progress: resources by status, resource titles, and the recent event log."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from tracker.storage.models import Event, OwnResource, Resource, ResourceProgress

ESTIMATE_COLUMNS = ("duration_hours", "duration_weeks", "hours_per_week")


def _progress_of(profile_id: int, path_slug: str) -> ColumnElement[bool]:
    return and_(ResourceProgress.profile_id == profile_id, ResourceProgress.path_slug == path_slug)


# --- counts --------------------------------------------------------------------------------


def resource_total_statement(profile_id: int, path_id: int, path_slug: str) -> Select[int]:
    pack = (
        select(func.count())
        .select_from(Resource)
        .where(Resource.path_id == path_id, Resource.archived.is_(False))
        .scalar_subquery()
    )
    own = (
        select(func.count())
        .select_from(OwnResource)
        .where(OwnResource.profile_id == profile_id, OwnResource.path_slug == path_slug)
        .scalar_subquery()
    )
    return select(pack + own)


def status_counts_statement(
    profile_id: int, path_id: int, path_slug: str
) -> Select[str | None, int]:
    in_pack = exists().where(
        Resource.path_id == path_id,
        Resource.archived.is_(False),
        Resource.slug == ResourceProgress.resource_slug,
    )
    in_own = exists().where(
        OwnResource.profile_id == ResourceProgress.profile_id,
        OwnResource.path_slug == ResourceProgress.path_slug,
        OwnResource.slug == ResourceProgress.resource_slug,
    )
    return (
        select(ResourceProgress.status, func.count())
        .where(
            _progress_of(profile_id, path_slug),
            ResourceProgress.status.is_not(None),
            or_(in_pack, in_own),
        )
        .group_by(ResourceProgress.status)
    )


def status_counts(
    session: Session, profile_id: int, path_id: int, path_slug: str
) -> tuple[int, dict[str, int]]:
    """How many resources the catalog shows, and how many of them have each status."""
    total = session.scalar(resource_total_statement(profile_id, path_id, path_slug))
    rows = session.execute(status_counts_statement(profile_id, path_id, path_slug))
    return int(total or 0), {str(status): int(count) for status, count in rows}


# --- resources with a status, and titles -----------------------------------------------------


def resources_with_status_statements(
    profile_id: int, path_id: int, path_slug: str, statuses: Sequence[str]
) -> list[Select[str, str, float | None, float | None, float | None, str | None]]:
    """(slug, title, duration_hours, duration_weeks, hours_per_week, status) of the pack's
    resources, then the learner's own, whose status is one of ``statuses``, in catalog order."""
    wanted = list(statuses)
    pack = (
        select(
            Resource.slug,
            Resource.title,
            Resource.duration_hours,
            Resource.duration_weeks,
            Resource.hours_per_week,
            ResourceProgress.status,
        )
        .join(
            ResourceProgress,
            and_(
                _progress_of(profile_id, path_slug),
                ResourceProgress.resource_slug == Resource.slug,
            ),
        )
        .where(
            Resource.path_id == path_id,
            Resource.archived.is_(False),
            ResourceProgress.status.in_(wanted),
        )
        .order_by(Resource.position)
    )
    own = (
        select(
            OwnResource.slug,
            OwnResource.title,
            OwnResource.duration_hours,
            OwnResource.duration_weeks,
            OwnResource.hours_per_week,
            ResourceProgress.status,
        )
        .join(
            ResourceProgress,
            and_(
                _progress_of(profile_id, path_slug),
                ResourceProgress.resource_slug == OwnResource.slug,
            ),
        )
        .where(
            OwnResource.profile_id == profile_id,
            OwnResource.path_slug == path_slug,
            ResourceProgress.status.in_(wanted),
        )
        .order_by(OwnResource.id)
    )
    return [pack, own]


def resources_with_status(
    session: Session, profile_id: int, path_id: int, path_slug: str, statuses: Sequence[str]
) -> list[tuple[str, str, float | None, float | None, float | None, str]]:
    statements = resources_with_status_statements(profile_id, path_id, path_slug, statuses)
    return [
        (slug, title, hours, weeks, per_week, str(status))
        for statement in statements
        for slug, title, hours, weeks, per_week, status in session.execute(statement)
    ]


def resource_estimate_statements(
    profile_id: int, path_id: int, path_slug: str, slugs: Collection[str]
) -> list[Select[str, str, float | None, float | None, float | None]]:
    """(slug, title, duration_hours, duration_weeks, hours_per_week) of the resources named."""
    wanted = sorted(set(slugs))
    pack = select(
        Resource.slug,
        Resource.title,
        Resource.duration_hours,
        Resource.duration_weeks,
        Resource.hours_per_week,
    ).where(Resource.path_id == path_id, Resource.archived.is_(False), Resource.slug.in_(wanted))
    own = select(
        OwnResource.slug,
        OwnResource.title,
        OwnResource.duration_hours,
        OwnResource.duration_weeks,
        OwnResource.hours_per_week,
    ).where(
        OwnResource.profile_id == profile_id,
        OwnResource.path_slug == path_slug,
        OwnResource.slug.in_(wanted),
    )
    return [pack, own]


def resource_estimates(
    session: Session, profile_id: int, path_id: int, path_slug: str, slugs: Collection[str]
) -> list[tuple[str, str, float | None, float | None, float | None]]:
    """Titles and durations of the resources named (a few, not the catalog); own ones win."""
    if not slugs:
        return []
    statements = resource_estimate_statements(profile_id, path_id, path_slug, slugs)
    return [
        (slug, title, hours, weeks, per_week)
        for statement in statements
        for slug, title, hours, weeks, per_week in session.execute(statement)
    ]


# --- the event log -------------------------------------------------------------------------


def recent_events_statement(profile_id: int, path_slug: str | None, limit: int) -> Select[Event]:
    query = select(Event).where(Event.profile_id == profile_id)
    if path_slug is not None:
        query = query.where(Event.path_slug == path_slug)
    return query.order_by(Event.at.desc(), Event.id.desc()).limit(limit)


def recent_events(
    session: Session, profile_id: int, path_slug: str | None, limit: int
) -> list[Event]:
    """The newest entries of the log, newest first."""
    return list(session.scalars(recent_events_statement(profile_id, path_slug, limit)))
