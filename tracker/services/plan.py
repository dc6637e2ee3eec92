"""The plan: hours per week and target date, the forecast, progress over time and study days.

What counts as work: every prerequisite of the path (a skill with sub-skills counts each
sub-skill, plus whatever its own estimate has beyond theirs), and every resource the learner put
on their plan (status planned, in progress or done) that has an estimate. Catalog entries with
no status are a menu, not a plan, so they are left out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from tracker.clock import local_today, utcnow
from tracker.domain.actions import Action
from tracker.domain.changes import Kind, OpResult
from tracker.domain.enums import ItemKind, ResourceStatus
from tracker.domain.forecast import Forecast, WorkItem, forecast
from tracker.domain.study import ProgressPoint, StudyDays, study_days
from tracker.domain.views import Checklist, ChecklistItem
from tracker.errors import InvalidInputError
from tracker.formatting import hours as hours_text
from tracker.services.checklist import ChecklistService
from tracker.services.event_values import read_event_value
from tracker.services.operations import Operation, Operations
from tracker.services.records import EARLIEST_DAY, LATEST_DAY, SituationValues, is_readable
from tracker.services.study_views import local_day
from tracker.storage import plan as plan_store
from tracker.storage import progress as progress_store
from tracker.storage import study as study_store
from tracker.storage.events import record_event
from tracker.storage.store import Store, require_path
from tracker.wording import QT_TRANSLATE_NOOP, say

MAX_HOURS_PER_WEEK = 100.0
MAX_DUE_DAYS = 10 * 365

BAD_HOURS_PER_WEEK = QT_TRANSLATE_NOOP(
    "Plan", "Hours per week must be more than 0 and at most {limit}, not {hours}."
)
BAD_TARGET_DATE = QT_TRANSLATE_NOOP(
    "Plan", "A target date lies between {earliest} and {latest}, not {day}."
)
SET_PLAN = QT_TRANSLATE_NOOP("Plan", "Set plan: {hours} h/week")
SET_PLAN_AND_TARGET = QT_TRANSLATE_NOOP("Plan", "Set plan: {hours} h/week, target {day}")
SET_PLAN_WITHOUT_HOURS = QT_TRANSLATE_NOOP("Plan", "Set plan: no weekly hours")
SET_PLAN_TARGET_ONLY = QT_TRANSLATE_NOOP("Plan", "Set plan: no weekly hours, target {day}")
SHOW_STUDY_DAYS = QT_TRANSLATE_NOOP("Plan", "Show study days")
HIDE_STUDY_DAYS = QT_TRANSLATE_NOOP("Plan", "Hide study days")
PLANNED_STATUSES = (
    ResourceStatus.PLANNED.value,
    ResourceStatus.IN_PROGRESS.value,
    ResourceStatus.DONE.value,
)
HISTORY_ACTIONS = (Action.PREREQUISITE_DONE, Action.RESOURCE_STATUS)
_PLAN_FIELDS = ("hours_per_week", "target_date", "streaks_enabled")


@dataclass(frozen=True)
class PlanSettings:
    """The parts of the learner's situation the plan reads (defaults when none is saved)."""

    hours_per_week: float | None = None
    target_date: date | None = None
    streaks_enabled: bool = False


def _estimate(hours: float | None, weeks: float | None, per_week: float | None) -> float | None:
    """A resource's estimated hours: its hours, else its weeks at its hours per week."""
    if hours is not None:
        return hours
    if weeks is not None and per_week is not None:
        return weeks * per_week
    return None


# --- reads in the caller's session (the dashboard reads them all in one) -----------------------


def settings_in(session: Session, profile_id: int) -> PlanSettings:
    row = plan_store.situation(session, profile_id)
    if row is None:
        return PlanSettings()
    readable = {
        name: value
        for name in _PLAN_FIELDS
        if is_readable(SituationValues, name, value := getattr(row, name))
    }  # a value this version cannot read is left unset, as the situation reads it
    return PlanSettings(**readable)


PlannedRow = tuple[str, str, float | None, float | None, float | None, str]
"""A resource on the plan: slug, title, duration hours, weeks, hours per week, status."""


def work_items_of(
    checklist: Checklist, planned: Sequence[PlannedRow], spent: Mapping[tuple[str, str], int]
) -> list[WorkItem]:
    """The estimated work of the path, with what is done and the time already spent on it."""
    kind_p, kind_r = ItemKind.PREREQUISITE.value, ItemKind.RESOURCE.value
    items: list[WorkItem] = []

    def add(item: ChecklistItem) -> None:
        hours = spent.get((kind_p, item.slug), 0) / 60
        if not item.children:
            items.append(WorkItem(kind_p, item.slug, item.estimate_hours, item.done, hours))
            return
        for child in item.children:
            add(child)
        covered = sum(child.estimate_hours or 0.0 for child in item.children)
        beyond = (item.estimate_hours or 0.0) - covered
        if beyond > 0:
            items.append(WorkItem(kind_p, item.slug, beyond, item.done, hours))

    for top in checklist.items:
        add(top)
    for slug, _title, hours, weeks, per_week, status in planned:
        items.append(
            WorkItem(
                kind_r,
                slug,
                _estimate(hours, weeks, per_week),
                status == ResourceStatus.DONE.value,
                spent.get((kind_r, slug), 0) / 60,
            )
        )
    return items


def planned_in(session: Session, profile_id: int, path_id: int, path_slug: str) -> list[PlannedRow]:
    """The resources on the learner's plan (planned, in progress or done), in catalog order."""
    return progress_store.resources_with_status(
        session, profile_id, path_id, path_slug, PLANNED_STATUSES
    )


def progress_in(
    session: Session,
    profile_id: int,
    path_id: int,
    path_slug: str,
    checklist: Checklist,
    first: date,
    last: date,
) -> list[ProgressPoint]:
    """Skills done, resources done and estimated hours done at the end of each day.

    Replayed from the event log, so it shows the past as it was, including things unticked.
    """
    events = plan_store.history(session, profile_id, path_slug, HISTORY_ACTIONS)
    changed = {
        slug for _at, action, slug, _new in events if action == Action.RESOURCE_STATUS and slug
    }
    estimates = {  # the resources whose status changed, not all 100k
        f"resource:{slug}": _estimate(hours, weeks, per_week) or 0.0
        for slug, _title, hours, weeks, per_week in progress_store.resource_estimates(
            session, profile_id, path_id, path_slug, changed
        )
    }
    return progress_points(checklist, events, estimates, first, last)


def progress_points(
    checklist: Checklist,
    events: Sequence[tuple[datetime, str, str | None, Any]],
    resource_estimates: Mapping[str, float],
    first: date,
    last: date,
) -> list[ProgressPoint]:
    """Replay ``events`` (at, action, slug, new; oldest first) into one point per day."""
    leaves = {item.slug: item for item in checklist.all_items() if not item.children}
    estimates = {slug: item.estimate_hours or 0.0 for slug, item in leaves.items()}
    estimates.update(resource_estimates)
    # A skill's own estimate beyond its sub-skills' is done when all of them are.
    beyond: list[tuple[float, list[str]]] = []
    for item in checklist.all_items():
        if item.children:
            extra = (item.estimate_hours or 0.0) - sum(
                child.estimate_hours or 0.0 for child in item.children
            )
            below = [kid.slug for kid in item.walk() if not kid.children]
            if extra > 0:
                beyond.append((extra, below))
    done: dict[str, bool] = {}
    points: list[ProgressPoint] = []
    counts = (0, 0, 0.0)
    cursor = first
    index = 0
    while cursor <= last:
        changed = False
        while index < len(events) and local_day(events[index][0]) <= cursor:
            _at, action, slug, new = events[index]
            index += 1
            if not read_event_value(action, "new", new, None).readable:
                continue  # an entry whose value does not fit its action tells nothing
            if action == Action.PREREQUISITE_DONE and slug in leaves:
                done[slug] = bool(new)
                changed = True
            elif action == Action.RESOURCE_STATUS and slug is not None:
                done[f"resource:{slug}"] = new == ResourceStatus.DONE.value
                changed = True
        if changed:  # most days change nothing: their counts are the day before's
            finished = [key for key, value in done.items() if value]
            counts = (
                sum(1 for key in finished if not key.startswith("resource:")),
                sum(1 for key in finished if key.startswith("resource:")),
                sum(estimates.get(key, 0.0) for key in finished)
                + sum(extra for extra, below in beyond if all(done.get(k) for k in below)),
            )
        points.append(ProgressPoint(cursor, *counts))
        cursor += timedelta(days=1)
    return points


class PlanService:
    """Forecasts when the learner is ready, and the series the dashboard charts draw."""

    def __init__(
        self, store: Store, profile_id: int, checklist: ChecklistService, operations: Operations
    ) -> None:
        self._store = store
        self._profile_id = profile_id
        self._checklist = checklist
        self._ops = operations

    def _checklist_in(self, session: Session, path_slug: str) -> Checklist:
        return self._checklist.build(session, path_slug)

    def _outlook(
        self, session: Session, path_slug: str, day: date
    ) -> tuple[PlanSettings, Forecast, list[WorkItem], list[PlannedRow]]:
        path = require_path(session, path_slug)
        plan = settings_in(session, self._profile_id)
        checklist = self._checklist_in(session, path_slug)
        spent = study_store.minutes_by_item(session, self._profile_id, path_slug)
        planned = planned_in(session, self._profile_id, path.id, path_slug)
        items = work_items_of(checklist, planned, spent)
        outlook = forecast(
            items,
            study_store.minutes_by_day(session, self._profile_id, path_slug, last=day),
            day,
            plan_hours_per_week=plan.hours_per_week,
            target_date=plan.target_date,
        )
        return plan, outlook, items, planned

    # --- the situation's plan fields ----------------------------------------------------------

    def settings(self) -> PlanSettings:
        with self._store.reading() as session:
            return settings_in(session, self._profile_id)

    def set_plan(
        self, hours_per_week: float | None, target_date: date | None
    ) -> OpResult[PlanSettings]:
        """Set the planned hours per week and the target date; the value: the settings before."""
        if hours_per_week is not None and not 0 < hours_per_week <= MAX_HOURS_PER_WEEK:
            raise InvalidInputError(
                say(
                    BAD_HOURS_PER_WEEK, limit=f"{MAX_HOURS_PER_WEEK:g}", hours=f"{hours_per_week:g}"
                )
            )
        if target_date is not None and not EARLIEST_DAY <= target_date <= LATEST_DAY:
            raise InvalidInputError(
                say(
                    BAD_TARGET_DATE,
                    earliest=EARLIEST_DAY.year,
                    latest=LATEST_DAY.year,
                    day=target_date.isoformat(),
                )
            )
        day = f"{target_date:%d %b %Y}" if target_date is not None else ""
        if hours_per_week:
            sentence = SET_PLAN if target_date is None else SET_PLAN_AND_TARGET
            label = say(sentence, hours=hours_text(hours_per_week), day=day)
        else:
            sentence = SET_PLAN_WITHOUT_HOURS if target_date is None else SET_PLAN_TARGET_ONLY
            label = say(sentence, day=day)
        return self._update(label, hours_per_week=hours_per_week, target_date=target_date)

    def set_streaks_enabled(self, enabled: bool) -> OpResult[PlanSettings]:
        """Turn the study-days summary on or off (it is off until the learner asks for it)."""
        label = say(SHOW_STUDY_DAYS if enabled else HIDE_STUDY_DAYS)
        return self._update(label, streaks_enabled=enabled)

    def _update(self, label: str, **values: object) -> OpResult[PlanSettings]:
        def work(session: Session) -> PlanSettings:
            now = utcnow()
            row = plan_store.situation_to_change(session, self._profile_id, now)
            previous = PlanSettings(row.hours_per_week, row.target_date, bool(row.streaks_enabled))
            for field, value in values.items():
                old = getattr(row, field)
                if old == value:
                    continue
                setattr(row, field, value)
                row.changed_at = now
                record_event(
                    session,
                    self._profile_id,
                    Action.SITUATION_CHANGED,  # the same action as ChoosingService.set_situation
                    item_kind=ItemKind.PROFILE.value,
                    field=field,
                    old=old.isoformat() if isinstance(old, date) else old,
                    new=value.isoformat() if isinstance(value, date) else value,
                    at=now,
                )
            return previous

        operation = Operation(Action.SITUATION_CHANGED, label, kinds=frozenset({Kind.PLAN}))
        return self._ops.run(operation, work)

    # --- the forecast -------------------------------------------------------------------------

    def work_items(self, path_slug: str) -> list[WorkItem]:
        """The estimated work of the path, with what is done and the time already spent on it."""
        with self._store.reading() as session:
            return self._outlook(session, path_slug, local_today())[2]

    def forecast(self, path_slug: str, today: date | None = None) -> Forecast:
        """When the learner finishes the path's estimated work, at their pace or their plan."""
        with self._store.reading() as session:
            return self._outlook(session, path_slug, today or local_today())[1]

    def due_dates(
        self, path_slug: str, today: date | None = None
    ) -> dict[tuple[str, str, str], date]:
        """When each unfinished resource on the plan is due, for the calendar export.

        The remaining work is taken in the plan's order (skills first, then the resources in
        progress, then the planned ones) at the weekly hours of the forecast (the learner's plan,
        else their pace); without hours per week it is spread evenly up to the target date.
        A resource with no estimate is due at the end. No hours and no target: no dates.
        Keys are (item kind, path slug, item slug), as ``ExchangeService.export_ics`` takes.
        """
        day = today or local_today()
        with self._store.reading() as session:
            plan, outlook, items, planned = self._outlook(session, path_slug, day)
        statuses = {row[0]: row[5] for row in planned}
        return _due_dates(path_slug, day, plan, outlook, items, statuses)

    def calendar_due_dates(
        self, path_slugs: Iterable[str], today: date | None = None
    ) -> dict[tuple[str, str, str], date]:
        """``due_dates`` of every path in ``path_slugs``, merged (for one calendar file)."""
        dates: dict[tuple[str, str, str], date] = {}
        for path_slug in path_slugs:
            dates |= self.due_dates(path_slug, today)
        return dates

    # --- history for the charts ---------------------------------------------------------------

    def totals(self, path_slug: str) -> tuple[int, int]:
        """How many skills (sub-skills, or skills without any) and resources the path has."""
        with self._store.reading() as session:
            skills = self._checklist_in(session, path_slug).skills.total
            path = require_path(session, path_slug)
            total, _ = progress_store.status_counts(session, self._profile_id, path.id, path_slug)
            return skills, total

    def study_days(self, path_slug: str, today: date | None = None) -> StudyDays:
        """Days studied lately and the longest run; shown only when streaks are turned on."""
        day = today or local_today()
        with self._store.reading() as session:
            days = study_store.minutes_by_day(session, self._profile_id, path_slug, last=day)
        return study_days(days, day)

    def progress_over_time(
        self, path_slug: str, first: date, last: date | None = None
    ) -> list[ProgressPoint]:
        """Skills done, resources done and estimated hours done at the end of each day."""
        end = last or local_today()
        with self._store.reading() as session:
            path = require_path(session, path_slug)
            checklist = self._checklist_in(session, path_slug)
            return progress_in(session, self._profile_id, path.id, path_slug, checklist, first, end)


def _due_dates(
    path_slug: str,
    day: date,
    plan: PlanSettings,
    outlook: Forecast,
    items: list[WorkItem],
    statuses: Mapping[str, str],
) -> dict[tuple[str, str, str], date]:
    kind_r = ItemKind.RESOURCE.value
    in_progress = ResourceStatus.IN_PROGRESS.value
    ordered = [item for item in items if item.kind != kind_r]
    ordered += [i for i in items if i.kind == kind_r and statuses.get(i.slug) == in_progress]
    ordered += [i for i in items if i.kind == kind_r and statuses.get(i.slug) != in_progress]
    remaining = [item for item in ordered if not item.done]
    total = sum(item.remaining_hours for item in remaining)
    hours_per_week = outlook.plan_hours_per_week or outlook.hours_per_week
    end = plan.target_date or outlook.finish_date
    if hours_per_week:

        def due(hours: float) -> date:
            days = math.ceil(hours / hours_per_week * 7)
            return day + timedelta(days=min(days, MAX_DUE_DAYS))
    elif end is not None:
        span = max(0, (end - day).days)

        def due(hours: float) -> date:
            return day + timedelta(days=round(span * hours / total) if total else span)
    else:
        return {}
    dates: dict[tuple[str, str, str], date] = {}
    done_hours = 0.0
    for item in remaining:
        done_hours += item.remaining_hours
        if item.kind != kind_r:
            continue
        when = due(done_hours) if item.estimate_hours is not None else due(total)
        dates[(kind_r, path_slug, item.slug)] = when
    return dates
