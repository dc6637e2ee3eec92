"""The study-day summary in words: kind, and singular where there is one of a thing."""

from __future__ import annotations

from datetime import date, timedelta

from tracker.domain.study import study_days

TODAY = date(2027, 1, 4)


def test_no_days_says_so() -> None:
    assert study_days([], TODAY).message == "No study days logged yet."


def test_one_day_in_all_is_said_in_the_singular() -> None:
    assert study_days([TODAY], TODAY).message == (
        "Studied 1 of the last 7 days, 1 of the last 30; 1 study day in all."
    )


def test_runs_are_said_after_the_counts() -> None:
    days = [TODAY - timedelta(days=n) for n in range(3)]
    assert study_days(days, TODAY).message == (
        "Studied 3 of the last 7 days, 3 of the last 30; 3 study days in all. "
        "Longest run: 3 days in a row. Current run: 3 days."
    )
