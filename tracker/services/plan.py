"""The plan: hours per week and target date, the forecast, progress over time and study days.

What counts as work: every prerequisite of the path (a skill with sub-skills counts each
sub-skill, plus whatever its own estimate has beyond theirs), and every resource the learner put
on their plan (status planned, in progress or done) that has an estimate. Catalog entries with
no status are a menu, not a plan, so they are left out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from tracker.clock import local_today, utcnow
from tracker.domain.enums import ItemKind, ResourceStatus
from tracker.domain.forecast import Forecast, WorkItem, forecast
from tracker.domain.study import ProgressPoint, StudyDays, study_days
from tracker.domain.views import ChecklistItem
from tracker.errors import InvalidInputError
from tracker.services.catalog import CatalogService
from tracker.services.checklist import ChecklistService
from tracker.services.event_values import read_event_value
from tracker.services.records import EARLIEST_DAY, LATEST_DAY, SituationValues, is_readable
from tracker.services.studylog import StudyLogService, local_day
from tracker.storage.events import record_event
from tracker.storage.models import Event, Situation
from tracker.storage.store import Store

MAX_HOURS_PER_WEEK = 100.0
MAX_DUE_DAYS = 10 * 365
PLANNED_STATUSES = (
    ResourceStatus.PLANNED.value,
    ResourceStatus.IN_PROGRESS.value,
    ResourceStatus.DONE.value,
)


@dataclass(frozen=True)
class PlanSettings:
    """The parts of the learner's situation the plan reads (defaults when none is saved)."""

    hours_per_week: float | None = None
    target_date: date | None = None
    streaks_enabled: bool = False


class PlanService:
    """Forecasts when the learner is ready, and the series the dashboard charts draw."""

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

    # --- the situation's plan fields ----------------------------------------------------------

    def settings(self) -> PlanSettings:
        with self._store.reading() as session:
            row = session.get(Situation, self._profile_id)
            if row is None:
                return PlanSettings()
            readable = {
                name: value
                for name in ("hours_per_week", "target_date", "streaks_enabled")
                if is_readable(SituationValues, name, value := getattr(row, name))
            }  # a value this version cannot read is left unset, as the situation reads it
            return PlanSettings(**readable)

    def set_plan(self, hours_per_week: float | None, target_date: date | None) -> PlanSettings:
        """Set the planned hours per week and the target date; return the previous settings."""
        if hours_per_week is not None and not 0 < hours_per_week <= MAX_HOURS_PER_WEEK:
            raise InvalidInputError(
                f"Hours per week must be more than 0 and at most {MAX_HOURS_PER_WEEK:g}, "
                f"not {hours_per_week:g}."
            )
        if target_date is not None and not EARLIEST_DAY <= target_date <= LATEST_DAY:
            raise InvalidInputError(
                f"A target date lies between {EARLIEST_DAY.year} and {LATEST_DAY.year}, "
                f"not {target_date.isoformat()}."
            )
        return self._update(hours_per_week=hours_per_week, target_date=target_date)

    def set_streaks_enabled(self, enabled: bool) -> PlanSettings:
        """Turn the study-days summary on or off (it is off until the learner asks for it)."""
        return self._update(streaks_enabled=enabled)

    def _update(self, **values: object) -> PlanSettings:
        with self._store.transaction() as session:
            now = utcnow()
            row = session.get(Situation, self._profile_id)
            if row is None:
                row = Situation(
                    profile_id=self._profile_id, weights={}, streaks_enabled=False, changed_at=now
                )
                session.add(row)
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
                    "situation.changed",  # the same action as ChoosingService.set_situation
                    item_kind=ItemKind.PROFILE.value,
                    field=field,
                    old=old.isoformat() if isinstance(old, date) else old,
                    new=value.isoformat() if isinstance(value, date) else value,
                    at=now,
                )
            return previous

    # --- the forecast -------------------------------------------------------------------------

    def work_items(self, path_slug: str) -> list[WorkItem]:
        """The estimated work of the path, with what is done and the time already spent on it."""
        spent = self._studylog.minutes_by_item(path_slug)
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

        for top in self._checklist.checklist(path_slug).items:
            add(top)
        for resource in self._catalog.resources(path_slug, status=PLANNED_STATUSES):
            if resource.status in PLANNED_STATUSES:
                items.append(
                    WorkItem(
                        kind_r,
                        resource.slug,
                        resource.estimated_hours,
                        resource.status == ResourceStatus.DONE.value,
                        resource.minutes_spent / 60,
                    )
                )
        return items

    def forecast(self, path_slug: str, today: date | None = None) -> Forecast:
        """When the learner finishes the path's estimated work, at their pace or their plan."""
        day = today or local_today()
        plan = self.settings()
        return forecast(
            self.work_items(path_slug),
            self._studylog.minutes_by_day(path_slug, last=day),
            day,
            plan_hours_per_week=plan.hours_per_week,
            target_date=plan.target_date,
        )

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
        plan = self.settings()
        outlook = self.forecast(path_slug, day)
        items = self.work_items(path_slug)
        statuses = {
            r.slug: r.status for r in self._catalog.resources(path_slug, status=PLANNED_STATUSES)
        }
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
        skills = self._checklist.checklist(path_slug).skills.total
        return skills, self._catalog.status_counts(path_slug)[0]

    def study_days(self, path_slug: str, today: date | None = None) -> StudyDays:
        """Days studied lately and the longest run; shown only when streaks are turned on."""
        day = today or local_today()
        return study_days(self._studylog.minutes_by_day(path_slug, last=day), day)

    def progress_over_time(
        self, path_slug: str, first: date, last: date | None = None
    ) -> list[ProgressPoint]:
        """Skills done, resources done and estimated hours done at the end of each day.

        Replayed from the event log, so it shows the past as it was, including things unticked.
        """
        end = last or local_today()
        checklist = self._checklist.checklist(path_slug)
        leaves = {item.slug: item for item in checklist.all_items() if not item.children}
        estimates = {slug: item.estimate_hours or 0.0 for slug, item in leaves.items()}
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
        with self._store.reading() as session:
            events = session.execute(
                select(Event.at, Event.action, Event.item_slug, Event.new)
                .where(
                    Event.profile_id == self._profile_id,
                    Event.path_slug == path_slug,
                    Event.action.in_(("prerequisite.done", "resource.status")),
                )
                .order_by(Event.at, Event.id)
            ).all()
        changed = {slug for _at, action, slug, _new in events if action == "resource.status"}
        for resource in self._catalog.resources(path_slug, slugs=changed):  # not all 100k
            estimates[f"resource:{resource.slug}"] = resource.estimated_hours or 0.0
        done: dict[str, bool] = {}
        points: list[ProgressPoint] = []
        cursor = first
        index = 0
        while cursor <= end:
            while index < len(events) and local_day(events[index].at) <= cursor:
                _at, action, slug, new = events[index]
                index += 1
                if not read_event_value(action, "new", new, None).readable:
                    continue  # an entry whose value does not fit its action tells nothing
                if action == "prerequisite.done" and slug in leaves:
                    done[slug] = bool(new)
                elif action == "resource.status" and slug is not None:
                    done[f"resource:{slug}"] = new == ResourceStatus.DONE.value
            finished = [key for key, value in done.items() if value]
            points.append(
                ProgressPoint(
                    day=cursor,
                    skills_done=sum(1 for key in finished if not key.startswith("resource:")),
                    resources_done=sum(1 for key in finished if key.startswith("resource:")),
                    estimated_hours_done=sum(estimates.get(key, 0.0) for key in finished)
                    + sum(extra for extra, below in beyond if all(done.get(k) for k in below)),
                )
            )
            cursor += timedelta(days=1)
        return points
