"""The revisit schedule, pinned: 3, 7, 21, then every 60 days; a drop restarts it."""

from __future__ import annotations

from datetime import date, timedelta

from tracker.domain.revisits import (
    NO_REVISIT,
    RevisitSchedule,
    ScheduledRevisit,
    after_confidence_change,
    after_revisit,
    due_on,
)

DAY = date(2027, 1, 1)


def test_low_confidence_schedules_a_revisit_in_three_days() -> None:
    assert after_confidence_change(NO_REVISIT, None, 3, DAY) == RevisitSchedule(0, date(2027, 1, 4))
    assert after_confidence_change(NO_REVISIT, None, 1, DAY) == RevisitSchedule(0, date(2027, 1, 4))


def test_high_or_no_confidence_schedules_nothing_and_ends_a_schedule() -> None:
    running = RevisitSchedule(2, date(2027, 1, 20))
    assert after_confidence_change(NO_REVISIT, None, 4, DAY) == NO_REVISIT
    assert after_confidence_change(running, 2, 5, DAY) == NO_REVISIT
    assert after_confidence_change(running, 2, None, DAY) == NO_REVISIT


def test_revisits_follow_3_7_21_then_60_days() -> None:
    schedule = after_confidence_change(NO_REVISIT, None, 2, DAY)
    day = DAY
    gaps = [(schedule.due - day).days]
    for _ in range(5):
        assert schedule.due is not None
        day = schedule.due
        schedule = after_revisit(schedule, day)
        assert schedule.due is not None
        gaps.append((schedule.due - day).days)
    assert gaps == [3, 7, 21, 60, 60, 60]
    assert schedule.step == 5


def test_a_late_revisit_counts_from_the_day_it_happened() -> None:
    schedule = RevisitSchedule(0, date(2027, 1, 4))
    assert after_revisit(schedule, date(2027, 1, 10)) == RevisitSchedule(1, date(2027, 1, 17))


def test_a_drop_in_confidence_restarts_the_schedule() -> None:
    running = RevisitSchedule(2, date(2027, 1, 30))
    assert after_confidence_change(running, 3, 2, DAY) == RevisitSchedule(0, date(2027, 1, 4))


def test_the_same_or_a_higher_low_rating_keeps_the_schedule() -> None:
    running = RevisitSchedule(2, date(2027, 1, 30))
    assert after_confidence_change(running, 2, 3, DAY) == running
    assert after_confidence_change(running, 3, 3, DAY) == running


def test_due_lists_today_and_overdue_most_overdue_first() -> None:
    scheduled = [
        ScheduledRevisit("later", DAY + timedelta(days=1)),
        ScheduledRevisit("today", DAY),
        ScheduledRevisit("overdue", DAY - timedelta(days=5)),
    ]
    assert [item.slug for item in due_on(scheduled, DAY)] == ["overdue", "today"]
    assert due_on(scheduled, DAY - timedelta(days=6)) == []
