"""Statements behind progress: resources by status, resource titles, and the recent event log.

Built once with named parameters (see ``tracker.storage.study``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import and_, bindparam, exists, func, or_, select
from sqlalchemy.orm import Session

from tracker.storage.models import Event, OwnResource, Resource, ResourceProgress

_PROGRESS_OF_PATH = and_(
    ResourceProgress.profile_id == bindparam("profile_id"),
    ResourceProgress.path_slug == bindparam("path_slug"),
)
_PACK = and_(Resource.path_id == bindparam("path_id"), Resource.archived.is_(False))
_OWN = and_(
    OwnResource.profile_id == bindparam("profile_id"),
    OwnResource.path_slug == bindparam("path_slug"),
)

RESOURCE_TOTAL = select(
    select(func.count()).select_from(Resource).where(_PACK).scalar_subquery()
    + select(func.count()).select_from(OwnResource).where(_OWN).scalar_subquery()
)
STATUS_COUNTS = (
    select(ResourceProgress.status, func.count())
    .where(
        _PROGRESS_OF_PATH,
        ResourceProgress.status.is_not(None),
        or_(
            exists().where(_PACK, Resource.slug == ResourceProgress.resource_slug),
            exists().where(
                OwnResource.profile_id == ResourceProgress.profile_id,
                OwnResource.path_slug == ResourceProgress.path_slug,
                OwnResource.slug == ResourceProgress.resource_slug,
            ),
        ),
    )
    .group_by(ResourceProgress.status)
)
RESOURCES_WITH_STATUS = [
    select(
        Resource.slug,
        Resource.title,
        Resource.duration_hours,
        Resource.duration_weeks,
        Resource.hours_per_week,
        ResourceProgress.status,
    )
    .join(
        ResourceProgress, and_(_PROGRESS_OF_PATH, ResourceProgress.resource_slug == Resource.slug)
    )
    .where(_PACK, ResourceProgress.status.in_(bindparam("statuses", expanding=True)))
    .order_by(Resource.position),
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
        and_(_PROGRESS_OF_PATH, ResourceProgress.resource_slug == OwnResource.slug),
    )
    .where(_OWN, ResourceProgress.status.in_(bindparam("statuses", expanding=True)))
    .order_by(OwnResource.id),
]
RESOURCE_ESTIMATES = [
    select(
        Resource.slug,
        Resource.title,
        Resource.duration_hours,
        Resource.duration_weeks,
        Resource.hours_per_week,
    ).where(_PACK, Resource.slug.in_(bindparam("slugs", expanding=True))),
    select(
        OwnResource.slug,
        OwnResource.title,
        OwnResource.duration_hours,
        OwnResource.duration_weeks,
        OwnResource.hours_per_week,
    ).where(_OWN, OwnResource.slug.in_(bindparam("slugs", expanding=True))),
]
RECENT_EVENTS = (
    select(Event)
    .where(Event.profile_id == bindparam("profile_id"))
    .order_by(Event.at.desc(), Event.id.desc())
    .limit(bindparam("limit"))
)
RECENT_EVENTS_OF_PATH = RECENT_EVENTS.where(Event.path_slug == bindparam("path_slug"))


def _of(profile_id: int, path_id: int, path_slug: str) -> dict[str, Any]:
    return {"profile_id": profile_id, "path_id": path_id, "path_slug": path_slug}


def status_counts(
    session: Session, profile_id: int, path_id: int, path_slug: str
) -> tuple[int, dict[str, int]]:
    """How many resources the catalog shows, and how many of them have each status."""
    values = _of(profile_id, path_id, path_slug)
    total = session.scalar(RESOURCE_TOTAL, values)
    rows = session.execute(STATUS_COUNTS, values)
    return int(total or 0), {str(status): int(count) for status, count in rows}


def resources_with_status(
    session: Session, profile_id: int, path_id: int, path_slug: str, statuses: Sequence[str]
) -> list[tuple[str, str, float | None, float | None, float | None, str]]:
    """(slug, title, duration_hours, duration_weeks, hours_per_week, status) of the pack's
    resources, then the learner's own, whose status is one of ``statuses``, in catalog order."""
    values = _of(profile_id, path_id, path_slug) | {"statuses": list(statuses)}
    return [
        (slug, title, hours, weeks, per_week, str(status))
        for statement in RESOURCES_WITH_STATUS
        for slug, title, hours, weeks, per_week, status in session.execute(statement, values)
    ]


def resource_estimates(
    session: Session, profile_id: int, path_id: int, path_slug: str, slugs: Collection[str]
) -> list[tuple[str, str, float | None, float | None, float | None]]:
    """Titles and durations of the resources named (a few, not the catalog); own ones last."""
    if not slugs:
        return []
    values = _of(profile_id, path_id, path_slug) | {"slugs": sorted(set(slugs))}
    return [
        (slug, title, hours, weeks, per_week)
        for statement in RESOURCE_ESTIMATES
        for slug, title, hours, weeks, per_week in session.execute(statement, values)
    ]


def recent_events(
    session: Session, profile_id: int, path_slug: str | None, limit: int
) -> list[Event]:
    """The newest entries of the log, newest first."""
    if path_slug is None:
        return list(session.scalars(RECENT_EVENTS, {"profile_id": profile_id, "limit": limit}))
    values = {"profile_id": profile_id, "path_slug": path_slug, "limit": limit}
    return list(session.scalars(RECENT_EVENTS_OF_PATH, values))
