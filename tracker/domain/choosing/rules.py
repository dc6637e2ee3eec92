"""How well one option fits one learner, criterion by criterion, each fit with its reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import tracker.domain.choosing.words as words
from tracker import formatting
from tracker.domain.choosing.values import (
    AMPLE_TIME_HOURS,
    FULL_TIME_HOURS,
    LITTLE_TIME_HOURS,
    MAX_SCORE,
    NEUTRAL_SCORE,
    Criterion,
    Option,
    Readiness,
    Situation,
)
from tracker.domain.enums import (
    Approach,
    Goal,
    Guidance,
    PrerequisiteCoverage,
    Schedule,
    Support,
)
from tracker.wording import say

# --- words -------------------------------------------------------------------------------------


def _number(value: float) -> str:
    return f"{value:g}"


def weeks_text(option: Option) -> str | None:
    low, high = option.weeks_min, option.weeks_max
    if low is None and high is None:
        return None
    if low is None or high is None or low == high:
        only = low if low is not None else high
        assert only is not None
        if low is None:
            one, many = words.UP_TO_ONE_WEEK, words.UP_TO_WEEKS
        elif high is None:
            one, many = words.AT_LEAST_ONE_WEEK, words.AT_LEAST_WEEKS
        else:
            one, many = words.ONE_WEEK, words.WEEKS
        return say(one) if only == 1 else say(many, weeks=_number(only))
    return say(words.WEEKS_FROM_TO, low=_number(low), high=_number(high))


def join(titles: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``: a list as a sentence names it."""
    if len(titles) <= 1:
        return "".join(titles)
    return say(words.LIST_AND_LAST, items=", ".join(titles[:-1]), last=titles[-1])


# --- the criteria ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Fit:
    value: str
    score: float
    reason: str
    known: bool = True
    violation: str | None = None


def clamp(score: float) -> float:
    return max(0.0, min(MAX_SCORE, score))


def _timeline(option: Option, situation: Situation, today: date) -> _Fit:
    length = weeks_text(option)
    if length is None:
        if option.schedule is Schedule.SEMESTER:
            value = say(words.SEMESTER_LENGTH)
        elif option.schedule is Schedule.FLEXIBLE:
            value = say(words.AT_YOUR_PACE_LENGTH)
        else:
            value = say(words.LENGTH_UNKNOWN)
        return _Fit(value, NEUTRAL_SCORE, say(words.LENGTH_UNKNOWN_IS_NEUTRAL), known=False)
    target = situation.target_date
    if target is None:
        return _Fit(length, NEUTRAL_SCORE, say(words.NO_TARGET_DATE))
    weeks_left = (target - today).days / 7
    if weeks_left <= 0:
        return _Fit(length, NEUTRAL_SCORE, say(words.TARGET_DATE_PASSED))
    left = formatting.counted(round(weeks_left), "week")
    longest = option.weeks_max if option.weeks_max is not None else option.weeks_min
    shortest = option.weeks_min if option.weeks_min is not None else option.weeks_max
    assert longest is not None
    assert shortest is not None
    if longest <= weeks_left:
        return _Fit(length, MAX_SCORE, say(words.FITS_TARGET_DATE, left=left))
    if shortest <= weeks_left:
        return _Fit(length, 6.0, say(words.MAY_RUN_PAST_TARGET_DATE, left=left))
    takes = (
        say(words.TAKES_AT_LEAST_ONE_WEEK, left=left)
        if shortest == 1
        else say(words.TAKES_AT_LEAST_WEEKS, weeks=_number(shortest), left=left)
    )
    return _Fit(length, 0.0, say(words.TOO_LONG_FOR_TARGET_DATE, left=left), violation=takes)


def _prerequisites(option: Option, readiness: Readiness) -> _Fit:
    coverage = option.prerequisites
    value = say(words.COVERAGE_WORDS[coverage])
    if readiness.required_total == 0:
        return _Fit(value, MAX_SCORE, say(words.NO_REQUIRED_PREREQUISITES))
    if readiness.complete:
        return _Fit(value, MAX_SCORE, say(words.HAS_ALL_PREREQUISITES))
    share = readiness.share
    done = {"done": readiness.required_done, "total": readiness.required_total}
    if coverage is PrerequisiteCoverage.COVERED:
        return _Fit(value, MAX_SCORE, say(words.COVERS_WHAT_YOU_MISS, **done))
    if coverage is PrerequisiteCoverage.OFTEN_INCLUDED:
        score = MAX_SCORE * share + (MAX_SCORE - MAX_SCORE * share) * 0.6
        return _Fit(value, score, say(words.OFTEN_INCLUDES_WHAT_YOU_MISS, **done))
    missing = join(readiness.missing)
    count = len(readiness.missing)
    if count == 1:
        violation = say(words.ASSUMES_ONE_UNTICKED, missing=missing)
    elif count:
        violation = say(words.ASSUMES_UNTICKED, count=count, missing=missing)
    else:
        violation = say(words.ASSUMES_UNFINISHED, **done)
    return _Fit(
        value, MAX_SCORE * share, say(words.ASSUMES_THE_PREREQUISITES, **done), violation=violation
    )


def _career_level(option: Option) -> tuple[str, int]:
    """(words, level): 2 professional, 1 academic, 0 variable."""
    if option.career_services and option.job_guarantee:
        return say(words.PROFESSIONAL_WITH_BOTH), 2
    if option.career_services:
        return say(words.PROFESSIONAL_WITH_CAREER_SERVICES), 2
    if option.job_guarantee:
        return say(words.PROFESSIONAL_WITH_JOB_GUARANTEE), 2
    if option.approach is Approach.BOOTCAMP:
        return say(words.PROFESSIONAL), 2
    if option.approach is Approach.STRUCTURED_CLASS:
        return say(words.ACADEMIC), 1
    return say(words.VARIABLE), 0


CAREER_FIT = {
    Goal.CAREER_CHANGE: (2.0, 5.0, 10.0),
    Goal.UPSKILL: (6.0, 7.0, 8.0),
}


def _career_focus(option: Option, situation: Situation) -> _Fit:
    value, level = _career_level(option)
    goal = situation.goal
    if goal is None:
        return _Fit(value, NEUTRAL_SCORE, say(words.NO_GOAL))
    if goal is Goal.PROJECT:
        return _Fit(value, NEUTRAL_SCORE, say(words.PERSONAL_PROJECT))
    score = CAREER_FIT[goal][level]
    if goal is Goal.UPSKILL:
        reason = words.FINE_FOR_UPSKILLING[level]
    elif level == 2:
        reason = (
            words.CAREER_FOCUSED_WITH_GUARANTEE if option.job_guarantee else words.CAREER_FOCUSED
        )
    else:
        reason = words.LITTLE_CAREER_PREPARATION  # a job guarantee makes an option professional
    return _Fit(value, score, say(reason))


SUPPORT_FIT = {
    Guidance.LOTS: {
        Support.MENTOR_GUIDED: 10.0,
        Support.INSTRUCTOR_LED: 8.0,
        Support.SELF_DIRECTED: 2.0,
    },
    Guidance.SOME: {
        Support.MENTOR_GUIDED: 8.0,
        Support.INSTRUCTOR_LED: 10.0,
        Support.SELF_DIRECTED: 5.0,
    },
    Guidance.LITTLE: {
        Support.MENTOR_GUIDED: 6.0,
        Support.INSTRUCTOR_LED: 6.0,
        Support.SELF_DIRECTED: 10.0,
    },
}


def _support(option: Option, situation: Situation) -> _Fit:
    value = say(words.SUPPORT_WORDS[option.support])
    guidance = situation.guidance
    if guidance is None:
        return _Fit(value, NEUTRAL_SCORE, say(words.NO_GUIDANCE))
    score = SUPPORT_FIT[guidance][option.support]
    verdict = (
        words.FITS_GUIDANCE
        if score >= 8
        else (words.PARTLY_FITS_GUIDANCE if score >= 5 else words.DOES_NOT_FIT_GUIDANCE)
    )
    return _Fit(value, score, say(verdict[guidance]))


def _cost(option: Option, situation: Situation) -> _Fit:
    cost = option.cost
    if cost is None:
        return _Fit(say(words.UNKNOWN), NEUTRAL_SCORE, say(words.COST_UNKNOWN), known=False)
    if cost == 0:
        return _Fit(say(words.FREE), MAX_SCORE, say(words.FREE))
    value = formatting.money(cost, option.currency)
    budget = situation.budget
    if budget is None:
        return _Fit(value, NEUTRAL_SCORE, say(words.NO_BUDGET))
    if option.currency != situation.currency:
        return _Fit(
            value,
            NEUTRAL_SCORE,
            say(words.OTHER_CURRENCY, currency=option.currency, budget_currency=situation.currency),
            known=False,
        )
    budget_text = formatting.money(budget, situation.currency)
    if cost > budget:
        over = formatting.money(cost - budget, option.currency)
        return _Fit(
            value,
            0.0,
            say(words.OVER_BUDGET, budget=budget_text),
            violation=say(words.COSTS_OVER_BUDGET, over=over),
        )
    score = 4.0 + 6.0 * (1 - cost / budget) if budget else MAX_SCORE
    return _Fit(value, score, say(words.WITHIN_BUDGET, budget=budget_text))


def _time_per_week(option: Option, situation: Situation) -> _Fit:
    have = situation.hours_per_week
    needed = option.hours_per_week
    if needed is not None:
        value = say(words.HOURS_A_WEEK, hours=_number(needed))
    elif option.schedule is Schedule.FLEXIBLE:
        value = say(words.YOUR_CHOICE)
    else:
        value = say(words.HOURS_NOT_GIVEN, schedule=say(words.SCHEDULE_WORDS[option.schedule]))
    if have is None:
        return _Fit(value, NEUTRAL_SCORE, say(words.YOUR_HOURS_NOT_SET))
    hours = {"have": _number(have)}
    if needed is not None:
        needs = say(words.NEEDS_HOURS, needed=_number(needed), **hours)
        if needed <= have:
            return _Fit(value, MAX_SCORE, needs)
        return _Fit(value, 0.0, say(words.NEEDS_MORE_HOURS, **hours), violation=needs)
    if option.schedule is Schedule.FLEXIBLE:
        return _Fit(value, MAX_SCORE, say(words.GOES_AT_YOUR_PACE, **hours))
    if option.schedule is Schedule.FULL_TIME:
        full_time = say(words.FULL_TIME_YOU_HAVE, **hours)
        if have < FULL_TIME_HOURS:
            return _Fit(value, 0.0, say(words.FULL_TIME_TOO_MANY_HOURS), violation=full_time)
        return _Fit(value, 8.0, full_time)
    return _Fit(value, NEUTRAL_SCORE, say(words.HOURS_NOT_GIVEN_IS_NEUTRAL), known=False)


SCHEDULE_FLEXIBILITY = {
    Schedule.FLEXIBLE: 10.0,
    Schedule.EVENINGS: 7.0,
    Schedule.PART_TIME: 7.0,
    Schedule.SEMESTER: 4.0,
    Schedule.FULL_TIME: 2.0,
}


def _flexibility(option: Option, situation: Situation) -> _Fit:
    base = SCHEDULE_FLEXIBILITY[option.schedule]
    schedule = say(words.SCHEDULE_WORDS[option.schedule])
    form = say(words.FORMAT_WORDS[option.format])
    value = say(words.SCHEDULE_AND_FORMAT, schedule=schedule, format=form)
    notes = [say(words.SCHEDULE, schedule=schedule)]
    have = situation.hours_per_week
    score = base
    if have is not None and have < LITTLE_TIME_HOURS:
        score = MAX_SCORE - (MAX_SCORE - base) * 1.5
        notes.append(say(words.FLEXIBILITY_COUNTS_MORE, have=_number(have)))
    elif have is not None and have >= AMPLE_TIME_HOURS:
        score = MAX_SCORE - (MAX_SCORE - base) * 0.5
        notes.append(say(words.FIXED_SCHEDULE_MATTERS_LESS, have=_number(have)))
    preferred = situation.preferred_format
    if preferred is not None:
        if option.format is preferred:
            score += 1.0
            notes.append(say(words.FORMAT_AS_PREFERRED, format=form))
        else:
            score -= 3.0
            notes.append(
                say(
                    words.FORMAT_NOT_PREFERRED,
                    format=form,
                    preferred=say(words.FORMAT_WORDS[preferred]),
                )
            )
    return _Fit(value, clamp(score), words.NOTES_SEPARATOR.join(notes))


def _outcomes(option: Option) -> _Fit:
    parts: list[str] = []
    figure = option.outcomes_figure
    if option.outcomes_audited:
        parts.append(
            say(words.AUDITED_FIGURE, figure=figure) if figure else say(words.AUDITED_REPORT)
        )
    elif figure:
        parts.append(say(words.FIGURE_NOT_AUDITED, figure=figure))
    if option.job_guarantee:
        parts.append(say(words.JOB_GUARANTEE))
    if option.rating is not None:
        parts.append(say(words.RATED, rating=_number(option.rating)))
    value = words.NOTES_SEPARATOR.join(parts)
    if option.outcomes_audited:
        score = 9.0 + (1.0 if option.job_guarantee else 0.0)
        return _Fit(value, score, say(words.AUDITED_OUTCOMES))
    if option.rating is not None or option.job_guarantee:
        score = (option.rating / 5 * 7.0) if option.rating is not None else NEUTRAL_SCORE
        if option.job_guarantee:
            score += 2.0
        return _Fit(value, clamp(score), say(words.NO_AUDITED_OUTCOMES))
    return _Fit(
        value or say(words.UNKNOWN), NEUTRAL_SCORE, say(words.OUTCOMES_UNKNOWN), known=False
    )


def fits(
    option: Option, situation: Situation, readiness: Readiness, today: date
) -> dict[Criterion, _Fit]:
    return {
        Criterion.TIMELINE: _timeline(option, situation, today),
        Criterion.PREREQUISITES: _prerequisites(option, readiness),
        Criterion.CAREER_FOCUS: _career_focus(option, situation),
        Criterion.SUPPORT: _support(option, situation),
        Criterion.COST: _cost(option, situation),
        Criterion.TIME_PER_WEEK: _time_per_week(option, situation),
        Criterion.FLEXIBILITY: _flexibility(option, situation),
        Criterion.OUTCOMES: _outcomes(option),
    }
