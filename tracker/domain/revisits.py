"""Spaced revisits of skills learned shakily: a confidence of 3 or less schedules a revisit.

The schedule is 3, 7, 21 and then every 60 days after each revisit, while the confidence stays
low. A drop in confidence starts the schedule again at 3 days; raising it to 4 or 5 ends it.
``step`` is how many revisits are done in the current schedule. Pure functions, no Qt, no SQL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

REVISIT_INTERVALS_DAYS = (3, 7, 21, 60)
LOW_CONFIDENCE = 3


@dataclass(frozen=True)
class RevisitSchedule:
    """Where a skill is in its revisit schedule: revisits done, and the next one (None: none)."""

    step: int
    due: date | None

    @property
    def active(self) -> bool:
        return self.due is not None


NO_REVISIT = RevisitSchedule(step=0, due=None)


def interval_after(step: int) -> int:
    """Days until the next revisit after ``step`` revisits (the last interval repeats)."""
    return REVISIT_INTERVALS_DAYS[min(max(step, 0), len(REVISIT_INTERVALS_DAYS) - 1)]


def needs_revisit(confidence: int | None) -> bool:
    return confidence is not None and confidence <= LOW_CONFIDENCE


def after_confidence_change(
    current: RevisitSchedule,
    old_confidence: int | None,
    new_confidence: int | None,
    today: date,
) -> RevisitSchedule:
    """The schedule once a learner rates a (done) skill.

    High or no confidence ends the schedule. Low confidence starts it, and a drop restarts it
    at the first interval; the same or a higher low rating keeps the running schedule.
    """
    if not needs_revisit(new_confidence):
        return NO_REVISIT
    assert new_confidence is not None
    dropped = old_confidence is None or new_confidence < old_confidence
    if current.active and not dropped:
        return current
    return RevisitSchedule(step=0, due=today + timedelta(days=interval_after(0)))


def after_revisit(current: RevisitSchedule, today: date) -> RevisitSchedule:
    """The schedule once the learner revisited the skill today: the next interval, from today."""
    step = current.step + 1
    return RevisitSchedule(step=step, due=today + timedelta(days=interval_after(step)))


def after_revisit_rated(
    current: RevisitSchedule,
    old_confidence: int | None,
    new_confidence: int | None,
    today: date,
) -> RevisitSchedule:
    """The schedule once the learner revisited a skill and (maybe) rated it anew: 4 or 5 ends
    it, a lower rating than before restarts it, the same rating moves on to the next interval."""
    if not needs_revisit(new_confidence):
        return NO_REVISIT
    if (
        old_confidence is not None
        and new_confidence is not None
        and new_confidence < old_confidence
    ):
        return RevisitSchedule(0, today + timedelta(days=interval_after(0)))
    return after_revisit(current, today)


@dataclass(frozen=True)
class ScheduledRevisit:
    slug: str
    due: date


def due_on(scheduled: Iterable[ScheduledRevisit], day: date) -> list[ScheduledRevisit]:
    """What is due on ``day`` (including anything overdue), the most overdue first."""
    return sorted(
        (item for item in scheduled if item.due <= day), key=lambda item: (item.due, item.slug)
    )
