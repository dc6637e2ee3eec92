"""The plan's forecast: remaining estimated hours over the learner's recent pace gives a date.

Pure functions, no Qt, no SQL. The pace is measured over a trailing window of four weeks
(``PACE_WINDOW_DAYS``): short enough that a pause shows in the forecast within a few weeks,
long enough that one busy weekend or one missed week does not swing the date. A learner who
started less than four weeks ago is measured over the days since their first entry (at least
one week, so a single long first evening does not read as a weekly pace).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

PACE_WINDOW_DAYS = 28
MIN_PACE_WINDOW_DAYS = 7
MAX_FORECAST_DAYS = 10 * 365


class ForecastBasis(StrEnum):
    """What the weekly hours of a forecast come from."""

    ACTUAL_PACE = "actual pace"
    PLAN = "plan"


@dataclass(frozen=True)
class WorkItem:
    """One piece of estimated work: a skill to learn or a resource the learner plans to finish."""

    kind: str
    slug: str
    estimate_hours: float | None
    done: bool
    hours_spent: float = 0.0

    @property
    def remaining_hours(self) -> float:
        """Nothing if done; else the estimate minus the time already logged on it (not below 0)."""
        if self.done or self.estimate_hours is None:
            return 0.0
        return max(0.0, self.estimate_hours - self.hours_spent)


@dataclass(frozen=True)
class Pace:
    """Hours studied per week over the trailing window that ends today."""

    hours_per_week: float
    window_days: int
    minutes_in_window: int


@dataclass(frozen=True)
class Forecast:
    """When the remaining work is done at a weekly pace, against the learner's target date."""

    basis: ForecastBasis | None
    hours_per_week: float | None
    finish_date: date | None
    target_date: date | None
    total_hours: float
    remaining_hours: float
    unestimated_items: int
    message: str
    window_days: int = 0
    plan_hours_per_week: float | None = None
    plan_finish_date: date | None = None

    @property
    def done_hours(self) -> float:
        return self.total_hours - self.remaining_hours

    @property
    def days_after_target(self) -> int | None:
        """Positive when the forecast is later than the target, negative when earlier."""
        if self.finish_date is None or self.target_date is None:
            return None
        return (self.finish_date - self.target_date).days

    def to_json(self) -> dict[str, object]:
        return {
            "finish_date": self.finish_date.isoformat() if self.finish_date else None,
            "hours_per_week": round(self.hours_per_week, 2)
            if self.hours_per_week is not None
            else None,
            "basis": self.basis.value if self.basis else None,
            "target_date": self.target_date.isoformat() if self.target_date else None,
            "remaining_hours": round(self.remaining_hours, 1),
            "total_hours": round(self.total_hours, 1),
            "message": self.message,
        }


def trailing_pace(
    minutes_by_day: Mapping[date, int], today: date, window_days: int = PACE_WINDOW_DAYS
) -> Pace | None:
    """The weekly hours over the last ``window_days`` days up to today; None with no history.

    Entries dated after today (a typo, a clock change) are ignored. A window that would start
    before the first entry is shortened to the days since it, but never below one week.
    """
    past = {day: minutes for day, minutes in minutes_by_day.items() if day <= today and minutes}
    if not past:
        return None
    days_known = (today - min(past)).days + 1
    window = max(MIN_PACE_WINDOW_DAYS, min(window_days, days_known))
    start = today - timedelta(days=window - 1)
    minutes = sum(m for day, m in past.items() if day >= start)
    return Pace(
        hours_per_week=minutes / 60 / window * 7, window_days=window, minutes_in_window=minutes
    )


def format_day(day: date) -> str:
    """A date as a learner reads it: 12 March 2027."""
    return f"{day.day} {day:%B %Y}"


def _hours(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _versus_target(finish: date, target: date | None) -> str:
    if target is None:
        return ""
    days = (finish - target).days
    if days == 0:
        return ", right on your target date"
    amount = abs(days)
    if amount >= 14:
        weeks = round(amount / 7)
        span = f"{weeks} weeks"
    else:
        span = f"{amount} day{'s' if amount != 1 else ''}"
    return f", {span} {'after' if days > 0 else 'before'} your target"


def _finish(today: date, remaining_hours: float, hours_per_week: float) -> date | None:
    if hours_per_week <= 0:
        return None
    days = math.ceil(remaining_hours / hours_per_week * 7)
    if days > MAX_FORECAST_DAYS:
        return None
    return today + timedelta(days=days)


def forecast(
    items: Iterable[WorkItem],
    minutes_by_day: Mapping[date, int],
    today: date,
    *,
    plan_hours_per_week: float | None = None,
    target_date: date | None = None,
    window_days: int = PACE_WINDOW_DAYS,
) -> Forecast:
    """Forecast the finish date of the remaining estimated work.

    The basis is the learner's actual pace when they have logged any time, else their planned
    hours per week (said so in the message), else there is no date and the message says why.
    Items without an estimate cannot be forecast; the message says how many were left out.
    """
    result = _forecast(
        items,
        minutes_by_day,
        today,
        plan_hours_per_week=plan_hours_per_week,
        target_date=target_date,
        window_days=window_days,
    )
    count = result.unestimated_items
    if count and result.remaining_hours > 0:
        things, verb = ("item has", "is") if count == 1 else ("items have", "are")
        note = f" {count} unfinished {things} no estimate and {verb} not counted."
        result = replace(result, message=result.message + note)
    return result


def _forecast(
    items: Iterable[WorkItem],
    minutes_by_day: Mapping[date, int],
    today: date,
    *,
    plan_hours_per_week: float | None = None,
    target_date: date | None = None,
    window_days: int = PACE_WINDOW_DAYS,
) -> Forecast:
    work = list(items)
    total = sum(item.estimate_hours or 0.0 for item in work)
    remaining = sum(item.remaining_hours for item in work)
    unestimated = sum(1 for item in work if item.estimate_hours is None and not item.done)
    plan = plan_hours_per_week if plan_hours_per_week and plan_hours_per_week > 0 else None
    plan_finish = _finish(today, remaining, plan) if plan else None
    pace = trailing_pace(minutes_by_day, today, window_days)
    base = Forecast(
        basis=None,
        hours_per_week=None,
        finish_date=None,
        target_date=target_date,
        total_hours=total,
        remaining_hours=remaining,
        unestimated_items=unestimated,
        message="",
        plan_hours_per_week=plan,
        plan_finish_date=plan_finish,
    )
    basis = ForecastBasis.ACTUAL_PACE if pace else (ForecastBasis.PLAN if plan else None)
    hours_per_week = pace.hours_per_week if pace else plan
    window = pace.window_days if pace else 0

    if not work or total == 0:
        return replace(
            base,
            basis=None,
            hours_per_week=hours_per_week,
            finish_date=None,
            message="There is no estimated work to forecast: the path's items have no hours.",
            window_days=window,
        )
    if remaining == 0:
        return replace(
            base,
            basis=basis,
            hours_per_week=hours_per_week,
            finish_date=today,
            message=f"All {_hours(total)} estimated hours of work are done.",
            window_days=window,
        )
    left = f"{_hours(remaining)} h of estimated work left"
    if pace is not None:
        finish = _finish(today, remaining, pace.hours_per_week)
        weeks = round(pace.window_days / 7)
        over = f"the last {weeks} weeks" if weeks > 1 else "the last week"
        if pace.hours_per_week == 0:
            message = (
                f"You logged no study time in {over}, so at this pace there is no date ({left})."
            )
            if plan_finish is not None and plan is not None:
                message += (
                    f" At your plan of {_hours(plan)} h/week you would finish on "
                    f"{format_day(plan_finish)}{_versus_target(plan_finish, target_date)}."
                )
        elif finish is None:
            message = (
                f"At your pace of {_hours(pace.hours_per_week)} h/week over {over}, "
                f"the {left} would take more than ten years."
            )
        else:
            message = (
                f"At your pace of {_hours(pace.hours_per_week)} h/week (over {over}) "
                f"you finish on {format_day(finish)}{_versus_target(finish, target_date)}; {left}."
            )
        return replace(
            base,
            basis=ForecastBasis.ACTUAL_PACE,
            hours_per_week=pace.hours_per_week,
            finish_date=finish,
            message=message,
            window_days=pace.window_days,
        )
    if plan is not None:
        if plan_finish is None:
            message = f"At your plan of {_hours(plan)} h/week the {left} would take over ten years."
        else:
            message = (
                f"No study time logged yet, so this uses your plan: at {_hours(plan)} h/week you "
                f"finish on {format_day(plan_finish)}{_versus_target(plan_finish, target_date)}; "
                f"{left}."
            )
        return replace(
            base,
            basis=ForecastBasis.PLAN,
            hours_per_week=plan,
            finish_date=plan_finish,
            message=message,
        )
    return replace(
        base,
        basis=None,
        hours_per_week=None,
        finish_date=None,
        message=(
            f"No forecast yet: log some study time or set the hours per week you plan to study "
            f"({left})."
        ),
    )
