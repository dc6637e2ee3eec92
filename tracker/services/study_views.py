"""Reads of the study log in the caller's session: entries as views, what time can be logged
on, and the running timer (the service and the dashboard's snapshot share them)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from tracker.domain.enums import ResourceStatus
from tracker.domain.study import StudyEntry, StudyItem, TimerView
from tracker.errors import NotFoundError
from tracker.storage import study as study_store
from tracker.storage.models import StudySession
from tracker.storage.store import require_path

ACTIVE_STATUSES = (ResourceStatus.PLANNED.value, ResourceStatus.IN_PROGRESS.value)
"""The resources a timer's list offers: those planned or in progress."""


def local_day(utc_naive: datetime) -> date:
    """The learner's local date of a stored (naive UTC) moment."""
    return utc_naive.replace(tzinfo=UTC).astimezone().date()


def entry_view(row: StudySession) -> StudyEntry:
    return StudyEntry(
        row.id,
        row.path_slug,
        row.item_kind,
        row.item_slug,
        row.day,
        row.started_at,
        row.minutes,
        row.note,
    )


def study_items_in(
    session: Session,
    profile_id: int,
    path_slug: str,
    *,
    slugs: Collection[str] | None = None,
    active_only: bool = False,
) -> list[StudyItem]:
    """What time can be logged on, read in the caller's session (see ``study_items``)."""
    path = require_path(session, path_slug)
    timed_slug = None
    if active_only:
        timed = study_store.running_timer(session, profile_id)
        timed_slug = timed.item_slug if timed is not None else None
    rows = study_store.study_items(
        session,
        profile_id,
        path.id,
        path_slug,
        slugs=slugs,
        active_statuses=ACTIVE_STATUSES if active_only else None,
        timed_slug=timed_slug,
    )
    return [StudyItem(kind, slug, title) for kind, slug, title in rows]


def timer_view_in(session: Session, profile_id: int) -> TimerView | None:
    """The learner's running timer with the title of what it runs on, or None."""
    row = study_store.running_timer(session, profile_id)
    if row is None:
        return None
    title = None
    if row.item_kind and row.item_slug:
        try:
            items = study_items_in(session, profile_id, row.path_slug, slugs=(row.item_slug,))
        except NotFoundError:  # a timer from another machine, on a path not installed here
            items = []
        title = next(
            (i.title for i in items if i.kind == row.item_kind and i.slug == row.item_slug),
            row.item_slug,
        )
    return TimerView(row.path_slug, row.item_kind, row.item_slug, title, row.started_at)
