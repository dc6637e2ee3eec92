"""Progress summaries, the recent-activity feed and the dashboard's one snapshot."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy.orm import Session

from tracker.clock import local_today
from tracker.domain.enums import ResourceStatus
from tracker.domain.progress import next_up_of, summary_of
from tracker.domain.study import ChartSeries
from tracker.domain.views import Checklist, EventView, NextStep, ProgressSummary
from tracker.services.checklist import ChecklistService
from tracker.services.dashboard import DashboardSnapshot, read_charts, read_dashboard
from tracker.services.event_values import EventValues
from tracker.services.records import EARLIEST_DAY, LATEST_DAY, read_row
from tracker.storage import progress as progress_store
from tracker.storage import study as study_store
from tracker.storage.models import Event
from tracker.storage.store import Store, require_path

FINISHED = (ResourceStatus.DONE.value, ResourceStatus.SKIPPED.value)


def recent_events_in(
    session: Session, profile_id: int, limit: int, path_slug: str | None
) -> list[EventView]:
    """The newest entries of the log; one whose values do not fit its action is marked
    unreadable (its values left out), so no stored entry can break what shows the log."""
    rows = progress_store.recent_events(session, profile_id, path_slug, limit)
    return [_view(row) for row in rows]


class ProgressService:
    """How far a learner is, what they did lately, and everything the dashboard shows."""

    def __init__(self, store: Store, profile_id: int, checklist: ChecklistService) -> None:
        self._store = store
        self._profile_id = profile_id
        self._checklist = checklist

    def _checklist_in(self, session: Session, path_slug: str) -> Checklist:
        return self._checklist.build(session, path_slug)

    def summary(self, path_slug: str) -> ProgressSummary:
        with self._store.reading() as session:
            path = require_path(session, path_slug)
            checklist = self._checklist_in(session, path_slug)
            counts = progress_store.status_counts(session, self._profile_id, path.id, path_slug)
            minutes = study_store.total_minutes(session, self._profile_id, path_slug)
            return summary_of(path_slug, checklist, counts, minutes)

    def next_up(self, path_slug: str, limit: int = 6) -> list[NextStep]:
        """Unmet required prerequisites first (their first open sub-skills), then resources
        in progress, then unmet recommended prerequisites; at most ``limit``."""
        with self._store.reading() as session:
            path = require_path(session, path_slug)
            checklist = self._checklist_in(session, path_slug)
            rows = progress_store.resources_with_status(
                session, self._profile_id, path.id, path_slug, (ResourceStatus.IN_PROGRESS.value,)
            )
            return next_up_of(checklist, [(row[0], row[1]) for row in rows], limit)

    def recent_events(self, limit: int = 20, path_slug: str | None = None) -> list[EventView]:
        """The newest entries of the log, newest first (see ``recent_events_in``)."""
        with self._store.reading() as session:
            return recent_events_in(session, self._profile_id, limit, path_slug)

    def dashboard(
        self, path_slug: str, today: date | None = None, *, weeks: int = 26
    ) -> DashboardSnapshot:
        """Everything the dashboard shows, read in one transaction (one consistent moment)."""
        day = today or local_today()
        with self._store.reading() as session:
            checklist = self._checklist_in(session, path_slug)
            events = recent_events_in(session, self._profile_id, 12, path_slug)
            return read_dashboard(
                session, self._profile_id, path_slug, checklist, events, day, weeks=weeks
            )

    def charts(
        self, path_slug: str, today: date | None = None, *, weeks: int = 26, streaks: bool = True
    ) -> ChartSeries:
        """What the progress charts draw, read in one transaction."""
        day = today or local_today()
        with self._store.reading() as session:
            checklist = self._checklist_in(session, path_slug)
            return read_charts(
                session, self._profile_id, path_slug, checklist, day, weeks=weeks, streaks=streaks
            )


EARLIEST = datetime.combine(EARLIEST_DAY, time.min)
LATEST = datetime.combine(LATEST_DAY, time.max)


def _view(row: Event) -> EventView:
    read = read_row(EventValues, row, {"path": "path_slug"})
    if read.values is None or read.unreadable:
        at = min(max(row.at, EARLIEST), LATEST)  # shown in local time: never near an overflow
        return EventView(at, None, str(row.action)[:40], None, None, None, None, None, True)
    values = read.values
    return EventView(
        values.at,
        values.path,
        values.action,
        None if values.item_kind is None else values.item_kind.value,
        values.item_slug,
        values.field,
        values.old,
        values.new,
    )
