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
from enum import Enum, StrEnum

from tracker.formatting import counted
from tracker.formatting import hours as hours_text
from tracker.wording import QT_TRANSLATE_NOOP, Sentence, say

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


class _Side(Enum):
    """Where a finish date falls against the learner's target date."""

    NO_TARGET = "no target"
    ON_TARGET = "on target"
    AFTER_TARGET = "after target"
    BEFORE_TARGET = "before target"


def _against_target(finish: date, target: date | None) -> tuple[_Side, str]:
    """The side of the target the finish falls on, and by how long ("6 weeks", "1 day")."""
    if target is None:
        return _Side.NO_TARGET, ""
    days = (finish - target).days
    if days == 0:
        return _Side.ON_TARGET, ""
    amount = abs(days)
    span = counted(round(amount / 7), "week") if amount >= 14 else counted(amount, "day")
    return (_Side.AFTER_TARGET if days > 0 else _Side.BEFORE_TARGET), span


def _finishing(
    sentences: Mapping[_Side, Sentence], finish: date, target: date | None, **values: object
) -> str:
    """The one of ``sentences`` that says where ``finish`` falls against ``target``."""
    side, span = _against_target(finish, target)
    return say(sentences[side], day=format_day(finish), span=span, **values)


NO_ESTIMATED_WORK = QT_TRANSLATE_NOOP(
    "Forecast", "There is no estimated work to forecast: the path's items have no hours."
)
ONE_HOUR_DONE = QT_TRANSLATE_NOOP("Forecast", "The 1 estimated hour of work is done.")
ALL_HOURS_DONE = QT_TRANSLATE_NOOP("Forecast", "All {total} estimated hours of work are done.")
NOTHING_LOGGED_LAST_WEEK = QT_TRANSLATE_NOOP(
    "Forecast",
    "You logged no study time in the last week, so at this pace there is no date "
    "({left} h of estimated work left).",
)
NOTHING_LOGGED_LAST_WEEKS = QT_TRANSLATE_NOOP(
    "Forecast",
    "You logged no study time in the last {weeks}, so at this pace there is no date "
    "({left} h of estimated work left).",
)
AT_PLAN_YOU_WOULD_FINISH = {
    _Side.NO_TARGET: QT_TRANSLATE_NOOP(
        "Forecast", "At your plan of {plan} h/week you would finish on {day}."
    ),
    _Side.ON_TARGET: QT_TRANSLATE_NOOP(
        "Forecast",
        "At your plan of {plan} h/week you would finish on {day}, right on your target date.",
    ),
    _Side.AFTER_TARGET: QT_TRANSLATE_NOOP(
        "Forecast",
        "At your plan of {plan} h/week you would finish on {day}, {span} after your target.",
    ),
    _Side.BEFORE_TARGET: QT_TRANSLATE_NOOP(
        "Forecast",
        "At your plan of {plan} h/week you would finish on {day}, {span} before your target.",
    ),
}
PACE_TOO_SLOW_LAST_WEEK = QT_TRANSLATE_NOOP(
    "Forecast",
    "At your pace of {pace} h/week over the last week, "
    "the {left} h of estimated work left would take more than ten years.",
)
PACE_TOO_SLOW_LAST_WEEKS = QT_TRANSLATE_NOOP(
    "Forecast",
    "At your pace of {pace} h/week over the last {weeks}, "
    "the {left} h of estimated work left would take more than ten years.",
)
AT_PACE_OF_LAST_WEEK_YOU_FINISH = {
    _Side.NO_TARGET: QT_TRANSLATE_NOOP(
        "Forecast",
        "At your pace of {pace} h/week (over the last week) you finish on {day}; "
        "{left} h of estimated work left.",
    ),
    _Side.ON_TARGET: QT_TRANSLATE_NOOP(
        "Forecast",
        "At your pace of {pace} h/week (over the last week) you finish on {day}, "
        "right on your target date; {left} h of estimated work left.",
    ),
    _Side.AFTER_TARGET: QT_TRANSLATE_NOOP(
        "Forecast",
        "At your pace of {pace} h/week (over the last week) you finish on {day}, "
        "{span} after your target; {left} h of estimated work left.",
    ),
    _Side.BEFORE_TARGET: QT_TRANSLATE_NOOP(
        "Forecast",
        "At your pace of {pace} h/week (over the last week) you finish on {day}, "
        "{span} before your target; {left} h of estimated work left.",
    ),
}
AT_PACE_OF_LAST_WEEKS_YOU_FINISH = {
    _Side.NO_TARGET: QT_TRANSLATE_NOOP(
        "Forecast",
        "At your pace of {pace} h/week (over the last {weeks}) you finish on {day}; "
        "{left} h of estimated work left.",
    ),
    _Side.ON_TARGET: QT_TRANSLATE_NOOP(
        "Forecast",
        "At your pace of {pace} h/week (over the last {weeks}) you finish on {day}, "
        "right on your target date; {left} h of estimated work left.",
    ),
    _Side.AFTER_TARGET: QT_TRANSLATE_NOOP(
        "Forecast",
        "At your pace of {pace} h/week (over the last {weeks}) you finish on {day}, "
        "{span} after your target; {left} h of estimated work left.",
    ),
    _Side.BEFORE_TARGET: QT_TRANSLATE_NOOP(
        "Forecast",
        "At your pace of {pace} h/week (over the last {weeks}) you finish on {day}, "
        "{span} before your target; {left} h of estimated work left.",
    ),
}
PLAN_TOO_SLOW = QT_TRANSLATE_NOOP(
    "Forecast",
    "At your plan of {plan} h/week the {left} h of estimated work left would take over ten years.",
)
NOTHING_LOGGED_YET_AT_PLAN_YOU_FINISH = {
    _Side.NO_TARGET: QT_TRANSLATE_NOOP(
        "Forecast",
        "No study time logged yet, so this uses your plan: at {plan} h/week you finish on "
        "{day}; {left} h of estimated work left.",
    ),
    _Side.ON_TARGET: QT_TRANSLATE_NOOP(
        "Forecast",
        "No study time logged yet, so this uses your plan: at {plan} h/week you finish on "
        "{day}, right on your target date; {left} h of estimated work left.",
    ),
    _Side.AFTER_TARGET: QT_TRANSLATE_NOOP(
        "Forecast",
        "No study time logged yet, so this uses your plan: at {plan} h/week you finish on "
        "{day}, {span} after your target; {left} h of estimated work left.",
    ),
    _Side.BEFORE_TARGET: QT_TRANSLATE_NOOP(
        "Forecast",
        "No study time logged yet, so this uses your plan: at {plan} h/week you finish on "
        "{day}, {span} before your target; {left} h of estimated work left.",
    ),
}
NO_FORECAST_YET = QT_TRANSLATE_NOOP(
    "Forecast",
    "No forecast yet: log some study time or set the hours per week you plan to study "
    "({left} h of estimated work left).",
)
ONE_ITEM_UNESTIMATED = QT_TRANSLATE_NOOP(
    "Forecast", "1 unfinished item has no estimate and is not counted."
)
ITEMS_UNESTIMATED = QT_TRANSLATE_NOOP(
    "Forecast", "{count} unfinished items have no estimate and are not counted."
)


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
        note = say(ONE_ITEM_UNESTIMATED) if count == 1 else say(ITEMS_UNESTIMATED, count=count)
        result = replace(result, message=f"{result.message} {note}")
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
            message=say(NO_ESTIMATED_WORK),
            window_days=window,
        )
    if remaining == 0:
        return replace(
            base,
            basis=basis,
            hours_per_week=hours_per_week,
            finish_date=today,
            message=say(ONE_HOUR_DONE)
            if hours_text(total) == "1"
            else say(ALL_HOURS_DONE, total=hours_text(total)),
            window_days=window,
        )
    left = hours_text(remaining)
    if pace is not None:
        finish = _finish(today, remaining, pace.hours_per_week)
        weeks = round(pace.window_days / 7)
        over = {"weeks": counted(weeks, "week"), "left": left}
        one_week = weeks <= 1
        if pace.hours_per_week == 0:
            message = say(
                NOTHING_LOGGED_LAST_WEEK if one_week else NOTHING_LOGGED_LAST_WEEKS, **over
            )
            if plan_finish is not None and plan is not None:
                plan_says = _finishing(
                    AT_PLAN_YOU_WOULD_FINISH, plan_finish, target_date, plan=hours_text(plan)
                )
                message = f"{message} {plan_says}"
        elif finish is None:
            message = say(
                PACE_TOO_SLOW_LAST_WEEK if one_week else PACE_TOO_SLOW_LAST_WEEKS,
                pace=hours_text(pace.hours_per_week),
                **over,
            )
        else:
            message = _finishing(
                AT_PACE_OF_LAST_WEEK_YOU_FINISH if one_week else AT_PACE_OF_LAST_WEEKS_YOU_FINISH,
                finish,
                target_date,
                pace=hours_text(pace.hours_per_week),
                **over,
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
            message = say(PLAN_TOO_SLOW, plan=hours_text(plan), left=left)
        else:
            message = _finishing(
                NOTHING_LOGGED_YET_AT_PLAN_YOU_FINISH,
                plan_finish,
                target_date,
                plan=hours_text(plan),
                left=left,
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
        message=say(NO_FORECAST_YET, left=left),
    )
