"""Progress summaries, the recent-activity feed and the dashboard's one snapshot."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy.orm import Session

from tracker.domain.enums import ItemKind, ResourceStatus
from tracker.domain.study import ChartSeries
from tracker.domain.views import Checklist, Count, EventView, NextStep, ProgressSummary
from tracker.services.checklist import ChecklistService
from tracker.services.dashboard import DashboardSnapshot, read_charts, read_dashboard
from tracker.services.event_values import EventValues
from tracker.services.records import EARLIEST_DAY, LATEST_DAY, read_row
from tracker.services.store import Store, local_today, require_path
from tracker.storage import progress as progress_store
from tracker.storage import study as study_store
from tracker.storage.models import Event

FINISHED = (ResourceStatus.DONE.value, ResourceStatus.SKIPPED.value)


def summary_in(
    session: Session, profile_id: int, path_slug: str, checklist: Checklist
) -> ProgressSummary:
    path = require_path(session, path_slug)
    total, by_status = progress_store.status_counts(session, profile_id, path.id, path_slug)
    sections = tuple(
        (
            item.title,
            Count(item.done_children, len(item.children))
            if item.children
            else Count(int(item.done), 1),
        )
        for item in checklist.items
    )
    return ProgressSummary(
        path_slug=path_slug,
        required=checklist.required,
        prerequisites=checklist.top_level,
        skills=checklist.skills,
        resources=Count(by_status.get(ResourceStatus.DONE.value, 0), total),
        resources_in_progress=by_status.get(ResourceStatus.IN_PROGRESS.value, 0),
        minutes_logged=study_store.total_minutes(session, profile_id, path_slug),
        sections=sections,
    )


def next_up_in(
    session: Session, profile_id: int, path_slug: str, checklist: Checklist, limit: int
) -> list[NextStep]:
    """Unmet required prerequisites first (their first open sub-skills), then resources
    in progress, then unmet recommended prerequisites; at most ``limit``."""
    steps: list[NextStep] = []
    for required in (True, False):
        for item in checklist.items:
            if item.required != required or item.done:
                continue
            open_children = [child for child in item.children if not child.done]
            if open_children:
                for child in open_children:
                    steps.append(
                        NextStep(
                            ItemKind.PREREQUISITE.value,
                            child.slug,
                            child.title,
                            f"{item.title}: {item.done_children}/{len(item.children)} done",
                        )
                    )
            else:
                label = "required" if item.required else "recommended"
                steps.append(NextStep(ItemKind.PREREQUISITE.value, item.slug, item.title, label))
        if required and len(steps) < limit:
            path = require_path(session, path_slug)
            rows = progress_store.resources_with_status(
                session, profile_id, path.id, path_slug, (ResourceStatus.IN_PROGRESS.value,)
            )
            steps.extend(
                NextStep(ItemKind.RESOURCE.value, row[0], row[1], "in progress") for row in rows
            )
    return steps[:limit]


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
        return self._checklist._build(session, path_slug)

    def summary(self, path_slug: str) -> ProgressSummary:
        with self._store.reading() as session:
            checklist = self._checklist_in(session, path_slug)
            return summary_in(session, self._profile_id, path_slug, checklist)

    def next_up(self, path_slug: str, limit: int = 6) -> list[NextStep]:
        """Unmet required prerequisites first (their first open sub-skills), then resources
        in progress, then unmet recommended prerequisites; at most ``limit``."""
        with self._store.reading() as session:
            checklist = self._checklist_in(session, path_slug)
            return next_up_in(session, self._profile_id, path_slug, checklist, limit)

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
            summary = summary_in(session, self._profile_id, path_slug, checklist)
            return read_dashboard(
                session,
                self._profile_id,
                path_slug,
                checklist,
                summary,
                next_up_in(session, self._profile_id, path_slug, checklist, 8),
                recent_events_in(session, self._profile_id, 12, path_slug),
                day,
                weeks=weeks,
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
