"""The dashboard's snapshot: everything it shows, built from one read transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy.orm import Session

from tracker.domain.enums import ItemKind
from tracker.domain.forecast import Forecast, forecast
from tracker.domain.study import ChartSeries, StudyItem, TimerView, chart_series
from tracker.domain.views import Checklist, EventView, NextStep, ProgressSummary
from tracker.services.plan import (
    PlanSettings,
    progress_in,
    settings_in,
    work_items_in,
)
from tracker.services.revisits import RevisitView, scheduled_in
from tracker.services.store import require_path
from tracker.services.studylog import study_items_in, timer_view_in
from tracker.storage import progress as progress_store
from tracker.storage import study as study_store


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


def _charts_from(
    session: Session,
    profile_id: int,
    path_slug: str,
    checklist: Checklist,
    today: date,
    plan: PlanSettings,
    weeks: int,
    streaks: bool,
) -> ChartSeries:
    path = require_path(session, path_slug)
    minutes = study_store.minutes_by_day(session, profile_id, path_slug, last=today)
    spent = study_store.minutes_by_item(session, profile_id, path_slug)
    outlook = forecast(
        work_items_in(session, profile_id, path_slug, checklist, spent),
        minutes,
        today,
        plan_hours_per_week=plan.hours_per_week,
        target_date=plan.target_date,
    )
    first = today - timedelta(days=weeks * 7 - 1)
    points = progress_in(session, profile_id, path_slug, checklist, first, today)
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
    plan = settings_in(session, profile_id)
    return _charts_from(session, profile_id, path_slug, checklist, today, plan, weeks, streaks)


def read_dashboard(
    session: Session,
    profile_id: int,
    path_slug: str,
    checklist: Checklist,
    summary: ProgressSummary,
    next_up: list[NextStep],
    events: list[EventView],
    today: date,
    *,
    weeks: int = 26,
) -> DashboardSnapshot:
    """The rest of the snapshot in the caller's session, around what progress has read."""
    path = require_path(session, path_slug)
    titles = {item.slug: item.title for item in checklist.all_items()}
    named = {e.item_slug for e in events if e.item_kind == ItemKind.RESOURCE.value and e.item_slug}
    for slug, title, *_ in progress_store.resource_estimates(
        session, profile_id, path.id, path_slug, named
    ):
        titles[slug] = title
    plan = settings_in(session, profile_id)
    charts = _charts_from(session, profile_id, path_slug, checklist, today, plan, weeks, True)
    return DashboardSnapshot(
        path_slug=path_slug,
        path_title=path.title,
        today=today,
        checklist=checklist,
        summary=summary,
        next_up=tuple(next_up),
        events=tuple(events),
        titles=titles,
        plan=plan,
        forecast=charts.forecast,
        revisits=tuple(scheduled_in(session, profile_id, path_slug, checklist)),
        timer=timer_view_in(session, profile_id),
        timer_items=tuple(study_items_in(session, profile_id, path_slug, active_only=True)),
        charts=charts,
    )
