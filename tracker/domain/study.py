"""Value types of the study log (timer, items, chart series) and the kind study-day summary."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from tracker.domain.forecast import Forecast
from tracker.wording import QT_TRANSLATE_NOOP, say

MAX_MINUTES_PER_ENTRY = 24 * 60
MAX_TIMER_HOURS = 12
MAX_NOTE_CHARS = 2000


NO_STUDY_DAYS = QT_TRANSLATE_NOOP("StudyLog", "No study days logged yet.")
STUDIED_ONE_DAY_IN_ALL = QT_TRANSLATE_NOOP(
    "StudyLog", "Studied {week} of the last 7 days, {month} of the last 30; 1 study day in all."
)
STUDIED = QT_TRANSLATE_NOOP(
    "StudyLog",
    "Studied {week} of the last 7 days, {month} of the last 30; {total} study days in all.",
)
LONGEST_RUN = QT_TRANSLATE_NOOP("StudyLog", "Longest run: {days} days in a row.")
CURRENT_RUN = QT_TRANSLATE_NOOP("StudyLog", "Current run: {days} days.")
ITEM_OF_KIND = {
    "prerequisite": QT_TRANSLATE_NOOP("StudyLog", "{title} (prerequisite)"),
    "resource": QT_TRANSLATE_NOOP("StudyLog", "{title} (resource)"),
}


@dataclass(frozen=True)
class StudyItem:
    """Something time can be logged on: a prerequisite or a resource of a path."""

    kind: str
    slug: str
    title: str

    @property
    def label(self) -> str:
        sentence = ITEM_OF_KIND.get(self.kind)
        return say(sentence, title=self.title) if sentence else f"{self.title} ({self.kind})"


@dataclass(frozen=True)
class StudyEntry:
    """One entry of the study log, as the learner sees it."""

    id: int
    path_slug: str
    item_kind: str | None
    item_slug: str | None
    day: date
    started_at: datetime | None
    minutes: int
    note: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path_slug": self.path_slug,
            "item_kind": self.item_kind,
            "item_slug": self.item_slug,
            "day": self.day.isoformat(),
            "minutes": self.minutes,
            "note": self.note,
        }


@dataclass(frozen=True)
class TimerView:
    """A running study timer; ``started_at`` is naive UTC, as stored."""

    path_slug: str
    item_kind: str | None
    item_slug: str | None
    item_title: str | None
    started_at: datetime

    def elapsed_seconds(self, now: datetime) -> int:
        return max(0, int((now - self.started_at).total_seconds()))


@dataclass(frozen=True)
class TimerStopped:
    """What stopping a timer did: the minutes logged (0: too short to log) and the entry id."""

    minutes: int
    entry_id: int | None
    elapsed_seconds: int


@dataclass(frozen=True)
class WeekHours:
    week_start: date
    hours: float


@dataclass(frozen=True)
class ProgressPoint:
    """Counts of finished things on one day, for the progress-over-time chart."""

    day: date
    skills_done: int
    resources_done: int
    estimated_hours_done: float


@dataclass(frozen=True)
class StudyDays:
    """A summary of study days that never shames: a day off does not erase anything."""

    days_last_7: int
    days_last_30: int
    total_days: int
    longest_run: int
    current_run: int

    @property
    def message(self) -> str:
        if self.total_days == 0:
            return say(NO_STUDY_DAYS)
        days = {"week": self.days_last_7, "month": self.days_last_30, "total": self.total_days}
        sentences = [say(STUDIED_ONE_DAY_IN_ALL if self.total_days == 1 else STUDIED, **days)]
        if self.longest_run > 1:
            sentences.append(say(LONGEST_RUN, days=self.longest_run))
        if self.current_run > 1:
            sentences.append(say(CURRENT_RUN, days=self.current_run))
        return " ".join(sentences)


def study_days(days: Iterable[date], today: date) -> StudyDays:
    """Summarise the days with logged study; the current run may end yesterday (today is open)."""
    known = sorted({day for day in days if day <= today})
    longest = run = 0
    previous: date | None = None
    for day in known:
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest = max(longest, run)
        previous = day
    current = 0
    cursor = today if today in known else today - timedelta(days=1)
    present = set(known)
    while cursor in present:
        current += 1
        cursor -= timedelta(days=1)
    return StudyDays(
        days_last_7=sum(1 for d in known if (today - d).days < 7),
        days_last_30=sum(1 for d in known if (today - d).days < 30),
        total_days=len(known),
        longest_run=longest,
        current_run=current,
    )


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def weekly_hours(minutes_by_day: Mapping[date, int], first: date, last: date) -> list[WeekHours]:
    """Hours per week (Monday-based) for every week from ``first``'s to ``last``'s, gaps as 0."""
    totals: dict[date, int] = {}
    for day, minutes in minutes_by_day.items():
        if first <= day <= last:
            totals[week_start(day)] = totals.get(week_start(day), 0) + minutes
    weeks = []
    cursor = week_start(first)
    while cursor <= last:
        weeks.append(WeekHours(cursor, totals.get(cursor, 0) / 60))
        cursor += timedelta(days=7)
    return weeks


@dataclass(frozen=True)
class ChartSeries:
    """What the progress charts draw, from ``first`` to ``today``: held by the charts, so a
    new theme redraws them without reading the database again."""

    path_slug: str
    today: date
    first: date
    forecast: Forecast
    plan_hours_per_week: float | None
    daily: tuple[tuple[date, int], ...]  # every day from first to today, days off as 0
    minutes_before: int  # logged before ``first``
    points: tuple[ProgressPoint, ...]
    totals: tuple[int, int]  # skills, resources
    weeks: tuple[WeekHours, ...]
    study_days: StudyDays | None  # None unless the learner turned study days on


def chart_series(
    path_slug: str,
    minutes_by_day: Mapping[date, int],
    points: Iterable[ProgressPoint],
    totals: tuple[int, int],
    outlook: Forecast,
    plan_hours_per_week: float | None,
    today: date,
    *,
    weeks: int = 26,
    streaks: bool = False,
) -> ChartSeries:
    """The series over the last ``weeks`` weeks, from every day's minutes up to today."""
    first = today - timedelta(days=weeks * 7 - 1)
    daily = tuple(
        (first + timedelta(days=n), minutes_by_day.get(first + timedelta(days=n), 0))
        for n in range((today - first).days + 1)
    )
    before = sum(minutes for day, minutes in minutes_by_day.items() if day < first)
    week_first = week_start(today) - timedelta(days=7 * (weeks - 1))
    return ChartSeries(
        path_slug=path_slug,
        today=today,
        first=first,
        forecast=outlook,
        plan_hours_per_week=plan_hours_per_week,
        daily=daily,
        minutes_before=before,
        points=tuple(points),
        totals=totals,
        weeks=tuple(weekly_hours(minutes_by_day, week_first, today)),
        study_days=study_days(minutes_by_day, today) if streaks else None,
    )
