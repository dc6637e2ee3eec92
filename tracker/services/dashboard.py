"""The dashboard's snapshot: everything it shows, built from one read transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy.orm import Session

from tracker.domain.enums import ItemKind, ResourceStatus
from tracker.domain.forecast import Forecast, forecast
from tracker.domain.progress import next_up_of, summary_of
from tracker.domain.study import ChartSeries, StudyItem, TimerView, chart_series
from tracker.domain.views import Checklist, EventView, NextStep, ProgressSummary
from tracker.services.plan import (
    PlanSettings,
    planned_in,
    progress_in,
    settings_in,
    work_items_of,
)
from tracker.services.revisits import RevisitView, scheduled_in
from tracker.services.study_views import ACTIVE_STATUSES, timer_view_in
from tracker.storage import progress as progress_store
from tracker.storage import study as study_store
from tracker.storage.store import require_path

NEXT_UP_SHOWN = 8


@dataclass(frozen=True)
class DashboardSnapshot:
    """What the dashboard shows of one path at one moment; every card fills from it."""

    path_slug: str
    path_title: str
    today: date
    checklist: Checklist
    summary: ProgressSummary
    next_up: tuple[NextStep, ...]
    events: tuple[EventView, ...]
    titles: Mapping[str, str]  # slug -> title of the skills, and the resources in ``events``
    plan: PlanSettings
    forecast: Forecast
    revisits: tuple[RevisitView, ...]
    timer: TimerView | None
    timer_items: tuple[StudyItem, ...]  # what a new timer can run on
    charts: ChartSeries = field(repr=False)


def read_charts(
    session: Session,
    profile_id: int,
    path_slug: str,
    checklist: Checklist,
    today: date,
    *,
    weeks: int = 26,
    streaks: bool = True,
) -> ChartSeries:
    """The charts' series in the caller's session."""
    path = require_path(session, path_slug)
    plan = settings_in(session, profile_id)
    minutes = study_store.minutes_by_day(session, profile_id, path_slug)
    spent = study_store.minutes_by_item(session, profile_id, path_slug)
    planned = planned_in(session, profile_id, path.id, path_slug)
    outlook = forecast(
        work_items_of(checklist, planned, spent),
        minutes,
        today,
        plan_hours_per_week=plan.hours_per_week,
        target_date=plan.target_date,
    )
    first = today - timedelta(days=weeks * 7 - 1)
    points = progress_in(session, profile_id, path.id, path_slug, checklist, first, today)
    total, _ = progress_store.status_counts(session, profile_id, path.id, path_slug)
    return chart_series(
        path_slug,
        minutes,
        points,
        (checklist.skills.total, total),
        outlook,
        plan.hours_per_week,
        today,
        weeks=weeks,
        streaks=streaks and plan.streaks_enabled,
    )


def read_dashboard(
    session: Session,
    profile_id: int,
    path_slug: str,
    checklist: Checklist,
    events: list[EventView],
    today: date,
    *,
    weeks: int = 26,
) -> DashboardSnapshot:
    """The snapshot in the caller's session, around the checklist and the events read there.

    Each table is read once: the day sums give the total, the forecast, the charts and the
    study days; the resources on the plan give the forecast's work and what is in progress.
    """
    path = require_path(session, path_slug)
    counts = progress_store.status_counts(session, profile_id, path.id, path_slug)
    minutes = study_store.minutes_by_day(session, profile_id, path_slug)
    spent = study_store.minutes_by_item(session, profile_id, path_slug)
    planned = planned_in(session, profile_id, path.id, path_slug)
    plan = settings_in(session, profile_id)

    in_progress = [(row[0], row[1]) for row in planned if row[5] == ResourceStatus.IN_PROGRESS]
    titles = {item.slug: item.title for item in checklist.all_items()}
    named = {e.item_slug for e in events if e.item_kind == ItemKind.RESOURCE.value and e.item_slug}
    for slug, title, *_ in progress_store.resource_estimates(
        session, profile_id, path.id, path_slug, named
    ):
        titles[slug] = title

    outlook = forecast(
        work_items_of(checklist, planned, spent),
        minutes,
        today,
        plan_hours_per_week=plan.hours_per_week,
        target_date=plan.target_date,
    )
    first = today - timedelta(days=weeks * 7 - 1)
    charts = chart_series(
        path_slug,
        minutes,
        progress_in(session, profile_id, path.id, path_slug, checklist, first, today),
        (checklist.skills.total, counts[0]),
        outlook,
        plan.hours_per_week,
        today,
        weeks=weeks,
        streaks=plan.streaks_enabled,
    )

    running = study_store.running_timer(session, profile_id)
    timed_slug = running.item_slug if running is not None else None
    timer_items = tuple(
        StudyItem(kind, slug, title)
        for kind, slug, title in study_store.study_items(
            session,
            profile_id,
            path.id,
            path_slug,
            active_statuses=ACTIVE_STATUSES,
            timed_slug=timed_slug,
        )
    )
    timer = None
    if running is not None:
        known: dict[tuple[str | None, str | None], str] = {
            (i.kind, i.slug): i.title for i in timer_items
        }
        key = (running.item_kind, running.item_slug)
        if running.path_slug == path_slug and (running.item_slug is None or key in known):
            timer = TimerView(
                running.path_slug,
                running.item_kind,
                running.item_slug,
                known.get(key),
                running.started_at,
            )
        else:  # a timer on another path: its title from there
            timer = timer_view_in(session, profile_id)

    return DashboardSnapshot(
        path_slug=path_slug,
        path_title=path.title,
        today=today,
        checklist=checklist,
        summary=summary_of(path_slug, checklist, counts, sum(minutes.values())),
        next_up=tuple(next_up_of(checklist, in_progress, NEXT_UP_SHOWN)),
        events=tuple(events),
        titles=titles,
        plan=plan,
        forecast=outlook,
        revisits=tuple(scheduled_in(session, profile_id, path_slug, checklist)),
        timer=timer,
        timer_items=timer_items,
        charts=charts,
    )
