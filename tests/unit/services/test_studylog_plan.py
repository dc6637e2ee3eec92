"""The study log, timer, plan and revisits as services, on a real database per test."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers import database_snapshot
from tracker.clock import local_today
from tracker.domain.forecast import ForecastBasis
from tracker.errors import InvalidInputError, NotFoundError, TimerTooLongError
from tracker.storage.models import Event, RunningTimer, StudySession
from tracker.wiring import Services, Settings, open_services

START = datetime(2026, 1, 5, 18, 0, 0)


def actions(services: Services) -> list[str]:
    with services.store.reading() as session:
        return list(session.scalars(select(Event.action).order_by(Event.id)))


def test_a_running_timer_survives_a_restart_and_logs_rounded_minutes(settings: Settings) -> None:
    first = open_services(settings)
    first.studylog.start_timer("flask", "resource", "flask-quickstart", now=START)
    first.close()

    second = open_services(settings)
    running = second.studylog.running_timer()
    assert running is not None and running.item_title == "Flask quickstart (official)"
    stopped = second.studylog.stop_timer(now=START + timedelta(minutes=42, seconds=31)).value
    second.close()

    third = open_services(settings)
    assert stopped.minutes == 43
    assert third.studylog.running_timer() is None
    [entry] = third.studylog.entries("flask")
    assert (entry.item_kind, entry.item_slug, entry.minutes) == ("resource", "flask-quickstart", 43)
    assert entry.started_at == START
    assert third.studylog.minutes_by_item("flask") == {("resource", "flask-quickstart"): 43}
    assert actions(third)[-3:] == ["timer.started", "time.logged", "timer.stopped"]
    third.close()


def test_only_one_timer_runs_and_a_second_start_changes_nothing(
    services: Services, data_dir: Path
) -> None:
    services.studylog.start_timer("flask", "prerequisite", "html5", now=START)
    before = database_snapshot(data_dir)
    with pytest.raises(InvalidInputError, match="already running on HTML5"):
        services.studylog.start_timer("flask", "resource", "flask-quickstart")
    assert database_snapshot(data_dir) == before


def test_a_timer_under_half_a_minute_logs_nothing(services: Services) -> None:
    services.studylog.start_timer("flask", now=START)
    stopped = services.studylog.stop_timer(now=START + timedelta(seconds=20)).value
    assert stopped.minutes == 0 and stopped.entry_id is None
    assert services.studylog.entries("flask") == []
    assert services.studylog.running_timer() is None


def test_a_timer_left_on_overnight_asks_instead_of_logging(
    services: Services, data_dir: Path
) -> None:
    services.studylog.start_timer("flask", "prerequisite", "css3", now=START)
    before = database_snapshot(data_dir)
    with pytest.raises(TimerTooLongError, match=r"running for 14\.0 hours"):
        services.studylog.stop_timer(now=START + timedelta(hours=14))
    assert database_snapshot(data_dir) == before
    with pytest.raises(InvalidInputError, match="say 0 to 840 minutes"):
        services.studylog.stop_timer(now=START + timedelta(hours=14), minutes=900)
    stopped = services.studylog.stop_timer(now=START + timedelta(hours=14), minutes=90).value
    assert stopped.minutes == 90
    assert [e.minutes for e in services.studylog.entries("flask")] == [90]


def test_a_timer_on_an_unknown_item_is_refused(services: Services) -> None:
    with pytest.raises(NotFoundError, match="no resource 'nope'"):
        services.studylog.start_timer("flask", "resource", "nope")
    with pytest.raises(InvalidInputError):
        services.studylog.start_timer("flask", "offer", "self-study")
    with services.store.reading() as session:
        assert session.scalars(select(RunningTimer)).all() == []


def test_edit_and_delete_say_what_they_replaced(services: Services) -> None:
    log = services.studylog
    entry_id = log.log("flask", 30, note="first try", day=date(2026, 1, 2)).value
    previous = log.update_entry(
        entry_id,
        day=date(2026, 1, 3),
        minutes=45,
        item_kind="prerequisite",
        item_slug="sql-queries",
        note="joins",
    ).value
    assert (previous.minutes, previous.note, previous.item_slug) == (30, "first try", None)
    assert log.entry(entry_id).minutes == 45
    assert log.minutes_by_item("flask") == {("prerequisite", "sql-queries"): 45}
    deleted = log.delete_entry(entry_id).value
    assert deleted.minutes == 45 and log.entries("flask") == []
    assert actions(services)[-3:] == ["time.logged", "time.edited", "time.deleted"]


def test_bad_entries_are_refused_with_a_clear_message(services: Services, data_dir: Path) -> None:
    before = database_snapshot(data_dir)
    with pytest.raises(InvalidInputError, match="between 1 and 1440"):
        services.studylog.log("flask", 2000)
    with pytest.raises(NotFoundError, match="no prerequisite 'cobol'"):
        services.studylog.log("flask", 20, item_kind="prerequisite", item_slug="cobol")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="in the future"):
        services.studylog.log("flask", 20, day=local_today() + timedelta(days=9))
    with pytest.raises(NotFoundError, match="no study-log entry 999"):
        services.studylog.delete_entry(999)
    assert database_snapshot(data_dir) == before


def test_resolve_item_finds_prerequisites_and_resources(services: Services) -> None:
    assert services.studylog.resolve_item("flask", "html5").kind == "prerequisite"
    assert services.studylog.resolve_item("flask", "mdn-html").kind == "resource"
    assert services.studylog.resolve_item("flask", "resource:mdn-html").title
    with pytest.raises(NotFoundError, match="no prerequisite or resource 'nope'"):
        services.studylog.resolve_item("flask", "nope")


def test_weekly_and_daily_series_add_up_with_gaps_as_zero(services: Services) -> None:
    today = date(2026, 1, 14)  # a Wednesday
    for day, minutes in (
        (date(2026, 1, 12), 60),
        (date(2026, 1, 14), 30),
        (date(2025, 12, 31), 90),
    ):
        services.studylog.log("flask", minutes, day=day)
    weeks = services.studylog.weekly_hours("flask", weeks=3, today=today)
    assert [(w.week_start, w.hours) for w in weeks] == [
        (date(2025, 12, 29), 1.5),
        (date(2026, 1, 5), 0.0),
        (date(2026, 1, 12), 1.5),
    ]
    daily = services.studylog.daily_minutes("flask", days=3, today=today)
    assert daily == [(date(2026, 1, 12), 60), (date(2026, 1, 13), 0), (date(2026, 1, 14), 30)]


def test_forecast_without_a_situation_row_and_after_setting_the_plan(services: Services) -> None:
    today = date(2026, 1, 5)
    nothing = services.plan.forecast("flask", today=today)
    assert nothing.basis is None and nothing.finish_date is None
    assert nothing.total_hours == 126  # the prerequisites' estimates; no resource planned yet
    previous = services.plan.set_plan(6, date(2026, 6, 1)).value
    assert previous.hours_per_week is None
    planned = services.plan.forecast("flask", today=today)
    assert planned.basis is ForecastBasis.PLAN and planned.hours_per_week == 6
    assert planned.finish_date == today + timedelta(days=147)  # 126 h at 6 h/week: 21 weeks
    assert "situation.changed" in actions(services)


def test_the_plan_reads_the_situation_the_choosing_page_saves(services: Services) -> None:
    services.choosing.set_situation(hours_per_week=8, target_date=date(2026, 9, 1))
    settings = services.plan.settings()
    assert (settings.hours_per_week, settings.target_date) == (8, date(2026, 9, 1))
    previous = services.plan.set_plan(4, None).value
    assert previous.hours_per_week == 8
    assert services.choosing.situation().hours_per_week == 4


def test_forecast_counts_done_skills_planned_resources_and_actual_pace(services: Services) -> None:
    today = local_today()
    services.checklist.set_done("flask", "python-proficiency", True)  # 40 h
    services.catalog.set_status("flask", "flask-quickstart", "planned")  # 2 h
    for n in range(28):
        services.studylog.log("flask", 60, day=today - timedelta(days=n))
    result = services.plan.forecast("flask")
    assert result.total_hours == 128 and result.remaining_hours == 88
    assert result.basis is ForecastBasis.ACTUAL_PACE and result.hours_per_week == 7
    assert result.finish_date == today + timedelta(days=88)


def test_low_confidence_schedules_a_revisit_and_revisiting_advances_it(services: Services) -> None:
    today = local_today()
    services.checklist.set_done("flask", "html5", True)
    services.checklist.set_confidence("flask", "html5", 2)
    [scheduled] = services.revisits.scheduled("flask")
    assert (scheduled.slug, scheduled.due) == ("html5", today + timedelta(days=3))
    assert services.revisits.due("flask") == []
    [due] = services.revisits.due("flask", today=today + timedelta(days=4))
    assert due.slug == "html5" and due.overdue_days(today + timedelta(days=4)) == 1

    schedule = services.revisits.revisited("flask", "html5", today=today + timedelta(days=4)).value
    assert schedule.due == today + timedelta(days=11) and schedule.step == 1
    schedule = services.revisits.revisited(
        "flask", "html5", confidence=1, today=today + timedelta(days=11)
    ).value
    assert schedule.due == today + timedelta(days=14) and schedule.step == 0
    services.revisits.revisited("flask", "html5", confidence=5)
    assert services.revisits.scheduled("flask") == []
    assert services.checklist.checklist("flask").find("html5").confidence == 5  # type: ignore[union-attr]
    assert actions(services).count("prerequisite.revisited") == 3


def test_revisits_are_for_done_skills(services: Services) -> None:
    services.checklist.set_confidence("flask", "css3", 2)
    assert services.revisits.scheduled("flask") == []
    with pytest.raises(InvalidInputError, match="not ticked as done"):
        services.revisits.revisited("flask", "css3")


def test_study_days_never_erase_history(services: Services) -> None:
    today = date(2026, 1, 11)
    for n in (0, 1, 2, 4, 5, 6, 7, 8, 20):
        services.studylog.log("flask", 25, day=today - timedelta(days=n))
    days = services.plan.study_days("flask", today=today)
    assert (days.days_last_7, days.days_last_30, days.longest_run, days.current_run) == (6, 9, 5, 3)
    assert days.message.startswith("Studied 6 of the last 7 days")
    assert services.plan.settings().streaks_enabled is False
    services.plan.set_streaks_enabled(True)
    assert services.plan.settings().streaks_enabled is True


def test_progress_over_time_replays_ticks_and_unticks(services: Services) -> None:
    with services.store.transaction() as session:
        session.add(
            StudySession(
                profile_id=services.profile_id, path_slug="flask", day=local_today(), minutes=5
            )
        )
    services.checklist.set_done("flask", "web-fundamentals", True)  # three skills, 40 h
    services.checklist.set_done("flask", "css3", False)
    services.catalog.set_status("flask", "flask-quickstart", "done")
    today = local_today()
    points = services.plan.progress_over_time("flask", today - timedelta(days=2), today)
    assert [(p.skills_done, p.resources_done) for p in points] == [(0, 0), (0, 0), (2, 1)]
    assert points[-1].estimated_hours_done == 12 + 16 + 2
