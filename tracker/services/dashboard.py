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
    PlannedRow,
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


@dataclass(frozen=True)
class _Read:
    """The rows a snapshot reads once and shares between its cards."""

    path_id: int
    plan: PlanSettings
    counts: tuple[int, dict[str, int]]
    minutes: dict[date, int]  # every day with time, on the path
    spent: dict[tuple[str, str], int]
    planned: list[PlannedRow]


def _read(session: Session, profile_id: int, path_slug: str) -> _Read:
    path = require_path(session, path_slug)
    return _Read(
        path.id,
        settings_in(session, profile_id),
        progress_store.status_counts(session, profile_id, path.id, path_slug),
        study_store.minutes_by_day(session, profile_id, path_slug),
        study_store.minutes_by_item(session, profile_id, path_slug),
        planned_in(session, profile_id, path.id, path_slug),
    )


def _charts(
    session: Session,
    profile_id: int,
    path_slug: str,
    checklist: Checklist,
    rows: _Read,
    today: date,
    weeks: int,
    streaks: bool,
) -> ChartSeries:
    plan = rows.plan
    outlook = forecast(
        work_items_of(checklist, rows.planned, rows.spent),
        rows.minutes,
        today,
        plan_hours_per_week=plan.hours_per_week,
        target_date=plan.target_date,
    )
    first = today - timedelta(days=weeks * 7 - 1)
    points = progress_in(session, profile_id, rows.path_id, path_slug, checklist, first, today)
    return chart_series(
        path_slug,
        rows.minutes,
        points,
        (checklist.skills.total, rows.counts[0]),
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
    rows = _read(session, profile_id, path_slug)
    return _charts(session, profile_id, path_slug, checklist, rows, today, weeks, streaks)


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
    rows = _read(session, profile_id, path_slug)
    in_progress = [(r[0], r[1]) for r in rows.planned if r[5] == ResourceStatus.IN_PROGRESS]
    titles = {item.slug: item.title for item in checklist.all_items()}
    named = {e.item_slug for e in events if e.item_kind == ItemKind.RESOURCE.value and e.item_slug}
    for slug, title, *_ in progress_store.resource_estimates(
        session, profile_id, path.id, path_slug, named
    ):
        titles[slug] = title
    charts = _charts(session, profile_id, path_slug, checklist, rows, today, weeks, True)

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
        summary=summary_of(path_slug, checklist, rows.counts, sum(rows.minutes.values())),
        next_up=tuple(next_up_of(checklist, in_progress, NEXT_UP_SHOWN)),
        events=tuple(events),
        titles=titles,
        plan=rows.plan,
        forecast=charts.forecast,
        revisits=tuple(scheduled_in(session, profile_id, path_slug, checklist)),
        timer=timer,
        timer_items=timer_items,
        charts=charts,
    )
