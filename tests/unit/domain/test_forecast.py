"""The forecast on explicit cases: no history, steady pace, a pause, work already done."""

from __future__ import annotations

from datetime import date, timedelta

from tracker.domain.forecast import ForecastBasis, WorkItem, forecast, trailing_pace

TODAY = date(2027, 1, 4)  # a Monday


def work(total_hours: float, done_hours: float = 0.0) -> list[WorkItem]:
    items = [WorkItem("prerequisite", "todo", total_hours - done_hours, done=False)]
    if done_hours:
        items.append(WorkItem("prerequisite", "done", done_hours, done=True))
    return items


def steady(minutes_per_day: int, days: int, end: date = TODAY) -> dict[date, int]:
    return {end - timedelta(days=n): minutes_per_day for n in range(days)}


def test_no_history_uses_the_plan_and_says_so() -> None:
    result = forecast(work(40), {}, TODAY, plan_hours_per_week=5, target_date=date(2027, 3, 1))
    assert result.basis is ForecastBasis.PLAN
    assert result.hours_per_week == 5
    assert result.finish_date == TODAY + timedelta(days=56)  # 40 h at 5 h/week: 8 weeks
    assert "No study time logged yet, so this uses your plan" in result.message
    assert "1 March 2027, right on your target date" in result.message


def test_no_history_and_no_plan_gives_no_date_and_says_why() -> None:
    result = forecast(work(40), {}, TODAY)
    assert result.basis is None and result.finish_date is None and result.hours_per_week is None
    assert "log some study time or set the hours per week" in result.message


def test_steady_pace_over_four_weeks() -> None:
    history = steady(60, 60)  # one hour every day for two months: 7 h/week
    result = forecast(work(70), history, TODAY, plan_hours_per_week=3, target_date=date(2027, 2, 1))
    assert result.basis is ForecastBasis.ACTUAL_PACE
    assert result.hours_per_week == 7
    assert result.window_days == 28
    assert result.finish_date == TODAY + timedelta(days=70)  # 70 h at 7 h/week: 10 weeks
    assert result.days_after_target == 42
    assert (
        "At your pace of 7 h/week" in result.message
        and "6 weeks after your target" in result.message
    )
    assert result.plan_finish_date == TODAY + timedelta(days=164)  # 70 h at 3 h/week


def test_only_the_last_four_weeks_count() -> None:
    old = steady(240, 30, end=TODAY - timedelta(days=40))  # a busy month long ago
    recent = steady(30, 28)  # then half an hour a day: 3.5 h/week
    pace = trailing_pace({**old, **recent}, TODAY)
    assert pace is not None and pace.hours_per_week == 3.5


def test_a_pause_of_two_weeks_halves_the_pace_and_moves_the_date() -> None:
    before = forecast(work(35), steady(60, 56), TODAY)
    paused_history = steady(60, 42, end=TODAY - timedelta(days=14))
    after = forecast(work(35), paused_history, TODAY)
    assert before.hours_per_week == 7 and after.hours_per_week == 3.5
    assert before.finish_date == TODAY + timedelta(days=35)
    assert after.finish_date == TODAY + timedelta(days=70)


def test_a_pause_longer_than_the_window_gives_no_date_but_the_plan() -> None:
    history = steady(60, 30, end=TODAY - timedelta(days=45))
    result = forecast(work(20), history, TODAY, plan_hours_per_week=4, target_date=date(2027, 3, 1))
    assert result.basis is ForecastBasis.ACTUAL_PACE
    assert result.hours_per_week == 0 and result.finish_date is None
    assert "no study time in the last 4 weeks" in result.message
    assert result.plan_finish_date == TODAY + timedelta(days=35)
    assert "At your plan of 4 h/week you would finish on 8 February 2027" in result.message


def test_a_new_learner_is_measured_since_their_first_day_but_over_one_week_at_least() -> None:
    ten_days = steady(60, 10)
    pace = trailing_pace(ten_days, TODAY)
    assert pace is not None and pace.window_days == 10 and pace.hours_per_week == 7
    one_evening = {TODAY: 180}
    pace = trailing_pace(one_evening, TODAY)
    assert pace is not None and pace.window_days == 7 and pace.hours_per_week == 3


def test_work_already_done_and_time_spent_are_subtracted() -> None:
    items = [
        WorkItem("prerequisite", "a", 10, done=True),
        WorkItem("prerequisite", "b", 10, done=False, hours_spent=4),
        WorkItem("resource", "c", 6, done=False, hours_spent=9),  # over its estimate: 0 left
        WorkItem("resource", "d", None, done=False),
    ]
    result = forecast(items, {}, TODAY, plan_hours_per_week=3)
    assert result.total_hours == 26
    assert result.remaining_hours == 6
    assert result.unestimated_items == 1
    assert result.message.endswith("1 unfinished item has no estimate and is not counted.")
    assert result.finish_date == TODAY + timedelta(days=14)


def test_everything_done_finishes_today() -> None:
    result = forecast(work(12, done_hours=12), steady(60, 5), TODAY)
    assert result.remaining_hours == 0 and result.finish_date == TODAY
    assert result.message == "All 12 estimated hours of work are done."


def test_a_tiny_pace_gives_no_date_rather_than_one_decades_away() -> None:
    result = forecast(work(500), {TODAY - timedelta(days=20): 1}, TODAY)
    assert result.finish_date is None and "more than ten years" in result.message


def test_entries_in_the_future_are_ignored() -> None:
    assert trailing_pace({TODAY + timedelta(days=3): 600}, TODAY) is None


def test_json_has_the_documented_keys() -> None:
    result = forecast(work(14), steady(60, 28), TODAY)
    payload = result.to_json()
    assert payload["finish_date"] == "2027-01-18"
    assert payload["hours_per_week"] == 7
    assert payload["basis"] == "actual pace"


def test_one_hour_of_work_done_is_said_in_the_singular() -> None:
    result = forecast(work(1, done_hours=1), {}, TODAY)
    assert result.message == "The 1 estimated hour of work is done."
