"""Progress summaries and the recent-activity feed, read from the checklist, catalog and log."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import select

from tracker.domain.enums import ItemKind, ResourceStatus
from tracker.domain.views import Count, EventView, NextStep, ProgressSummary
from tracker.services.catalog import CatalogService
from tracker.services.checklist import ChecklistService
from tracker.services.event_values import EventValues
from tracker.services.records import EARLIEST_DAY, LATEST_DAY, read_row
from tracker.services.studylog import StudyLogService
from tracker.storage.models import Event
from tracker.storage.store import Store

FINISHED = (ResourceStatus.DONE.value, ResourceStatus.SKIPPED.value)


class ProgressService:
    """How far a learner is, and what they did lately."""

    def __init__(
        self,
        store: Store,
        profile_id: int,
        checklist: ChecklistService,
        catalog: CatalogService,
        studylog: StudyLogService,
    ) -> None:
        self._store = store
        self._profile_id = profile_id
        self._checklist = checklist
        self._catalog = catalog
        self._studylog = studylog

    def summary(self, path_slug: str) -> ProgressSummary:
        checklist = self._checklist.checklist(path_slug)
        total, by_status = self._catalog.status_counts(path_slug)  # no 100k views for counts
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
            minutes_logged=self._studylog.total_minutes(path_slug),
            sections=sections,
        )

    def next_up(self, path_slug: str, limit: int = 6) -> list[NextStep]:
        """Unmet required prerequisites first (their first open sub-skills), then resources
        in progress, then unmet recommended prerequisites; at most ``limit``."""
        checklist = self._checklist.checklist(path_slug)
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
                    steps.append(
                        NextStep(ItemKind.PREREQUISITE.value, item.slug, item.title, label)
                    )
            if required:
                steps.extend(
                    NextStep(ItemKind.RESOURCE.value, r.slug, r.title, "in progress")
                    for r in self._catalog.resources(
                        path_slug, status=ResourceStatus.IN_PROGRESS.value
                    )
                )
        return steps[:limit]

    def recent_events(self, limit: int = 20, path_slug: str | None = None) -> list[EventView]:
        """The newest entries of the log; one whose values do not fit its action is marked
        unreadable (its values left out), so no stored entry can break what shows the log."""
        with self._store.reading() as session:
            query = select(Event).where(Event.profile_id == self._profile_id)
            if path_slug is not None:
                query = query.where(Event.path_slug == path_slug)
            rows = session.scalars(query.order_by(Event.at.desc(), Event.id.desc()).limit(limit))
            return [_view(row) for row in rows]


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
