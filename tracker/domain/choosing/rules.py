"""How well one option fits one learner, criterion by criterion, each fit with its reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

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
    ResourceFormat,
    Schedule,
    Support,
)
from tracker.wording import QT_TRANSLATE_NOOP, say

# --- words -------------------------------------------------------------------------------------


def _number(value: float) -> str:
    return f"{value:g}"


ONE_WEEK = QT_TRANSLATE_NOOP("Choosing", "1 week")
WEEKS = QT_TRANSLATE_NOOP("Choosing", "{weeks} weeks")
UP_TO_ONE_WEEK = QT_TRANSLATE_NOOP("Choosing", "up to 1 week")
UP_TO_WEEKS = QT_TRANSLATE_NOOP("Choosing", "up to {weeks} weeks")
AT_LEAST_ONE_WEEK = QT_TRANSLATE_NOOP("Choosing", "at least 1 week")
AT_LEAST_WEEKS = QT_TRANSLATE_NOOP("Choosing", "at least {weeks} weeks")
WEEKS_FROM_TO = QT_TRANSLATE_NOOP("Choosing", "{low}-{high} weeks")
LIST_AND_LAST = QT_TRANSLATE_NOOP("Choosing", "{items} and {last}")


def weeks_text(option: Option) -> str | None:
    low, high = option.weeks_min, option.weeks_max
    if low is None and high is None:
        return None
    if low is None or high is None or low == high:
        only = low if low is not None else high
        assert only is not None
        if low is None:
            one, many = UP_TO_ONE_WEEK, UP_TO_WEEKS
        elif high is None:
            one, many = AT_LEAST_ONE_WEEK, AT_LEAST_WEEKS
        else:
            one, many = ONE_WEEK, WEEKS
        return say(one) if only == 1 else say(many, weeks=_number(only))
    return say(WEEKS_FROM_TO, low=_number(low), high=_number(high))


def join(titles: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``: a list as a sentence names it."""
    if len(titles) <= 1:
        return "".join(titles)
    return say(LIST_AND_LAST, items=", ".join(titles[:-1]), last=titles[-1])


SCHEDULE_WORDS = {
    Schedule.FLEXIBLE: QT_TRANSLATE_NOOP("Choosing", "flexible"),
    Schedule.PART_TIME: QT_TRANSLATE_NOOP("Choosing", "part-time"),
    Schedule.FULL_TIME: QT_TRANSLATE_NOOP("Choosing", "full-time"),
    Schedule.EVENINGS: QT_TRANSLATE_NOOP("Choosing", "evening"),
    Schedule.SEMESTER: QT_TRANSLATE_NOOP("Choosing", "semester-based"),
}
FORMAT_WORDS = {
    ResourceFormat.SELF_PACED: QT_TRANSLATE_NOOP("Choosing", "self-paced"),
    ResourceFormat.LIVE_ONLINE: QT_TRANSLATE_NOOP("Choosing", "live online"),
    ResourceFormat.IN_PERSON: QT_TRANSLATE_NOOP("Choosing", "in person"),
}
SUPPORT_WORDS = {
    Support.SELF_DIRECTED: QT_TRANSLATE_NOOP("Choosing", "self-directed"),
    Support.INSTRUCTOR_LED: QT_TRANSLATE_NOOP("Choosing", "instructor-led"),
    Support.MENTOR_GUIDED: QT_TRANSLATE_NOOP("Choosing", "mentor-guided"),
}
COVERAGE_WORDS = {
    PrerequisiteCoverage.ASSUMED: QT_TRANSLATE_NOOP("Choosing", "assumed (must have)"),
    PrerequisiteCoverage.OFTEN_INCLUDED: QT_TRANSLATE_NOOP("Choosing", "often included"),
    PrerequisiteCoverage.COVERED: QT_TRANSLATE_NOOP("Choosing", "covered"),
}
GOAL_WORDS = {
    Goal.CAREER_CHANGE: QT_TRANSLATE_NOOP("Choosing", "a career change"),
    Goal.UPSKILL: QT_TRANSLATE_NOOP("Choosing", "upskilling at work"),
    Goal.PROJECT: QT_TRANSLATE_NOOP("Choosing", "a personal project"),
}
"""The words for each choice, marked for translation; ``say`` them where they are shown."""


# --- the reasons -------------------------------------------------------------------------------

UNKNOWN = QT_TRANSLATE_NOOP("Choosing", "unknown")

SEMESTER_LENGTH = QT_TRANSLATE_NOOP("Choosing", "semester-based")
AT_YOUR_PACE_LENGTH = QT_TRANSLATE_NOOP("Choosing", "flexible: your pace")
LENGTH_UNKNOWN = QT_TRANSLATE_NOOP("Choosing", "length unknown")
LENGTH_UNKNOWN_IS_NEUTRAL = QT_TRANSLATE_NOOP("Choosing", "length unknown, counted as neutral")
NO_TARGET_DATE = QT_TRANSLATE_NOOP("Choosing", "no target date set, so length is not weighed")
TARGET_DATE_PASSED = QT_TRANSLATE_NOOP(
    "Choosing", "your target date has passed, so it is not weighed"
)
FITS_TARGET_DATE = QT_TRANSLATE_NOOP("Choosing", "fits your target date ({left} away)")
MAY_RUN_PAST_TARGET_DATE = QT_TRANSLATE_NOOP(
    "Choosing", "may run past your target date ({left} away)"
)
TOO_LONG_FOR_TARGET_DATE = QT_TRANSLATE_NOOP(
    "Choosing", "too long for your target date ({left} away)"
)
TAKES_AT_LEAST_ONE_WEEK = QT_TRANSLATE_NOOP(
    "Choosing", "takes at least 1 week, your target date is {left} away"
)
TAKES_AT_LEAST_WEEKS = QT_TRANSLATE_NOOP(
    "Choosing", "takes at least {weeks} weeks, your target date is {left} away"
)

NO_REQUIRED_PREREQUISITES = QT_TRANSLATE_NOOP(
    "Choosing", "the path lists no required prerequisites"
)
HAS_ALL_PREREQUISITES = QT_TRANSLATE_NOOP("Choosing", "you have all the required prerequisites")
COVERS_WHAT_YOU_MISS = QT_TRANSLATE_NOOP(
    "Choosing", "covers what you still miss ({done} of {total} required skills done)"
)
OFTEN_INCLUDES_WHAT_YOU_MISS = QT_TRANSLATE_NOOP(
    "Choosing", "often includes what you still miss ({done} of {total} required skills done)"
)
ASSUMES_THE_PREREQUISITES = QT_TRANSLATE_NOOP(
    "Choosing", "assumes the prerequisites ({done} of {total} required skills done)"
)
ASSUMES_ONE_UNTICKED = QT_TRANSLATE_NOOP(
    "Choosing", "assumes the {missing} prerequisite you haven't ticked"
)
ASSUMES_UNTICKED = QT_TRANSLATE_NOOP(
    "Choosing", "assumes {count} required prerequisites you haven't ticked: {missing}"
)
ASSUMES_UNFINISHED = QT_TRANSLATE_NOOP(
    "Choosing",
    "assumes prerequisites you haven't finished ({done} of {total} required skills done)",
)

PROFESSIONAL = QT_TRANSLATE_NOOP("Choosing", "professional")
PROFESSIONAL_WITH_CAREER_SERVICES = QT_TRANSLATE_NOOP("Choosing", "professional (career services)")
PROFESSIONAL_WITH_JOB_GUARANTEE = QT_TRANSLATE_NOOP("Choosing", "professional (job guarantee)")
PROFESSIONAL_WITH_BOTH = QT_TRANSLATE_NOOP(
    "Choosing", "professional (career services, job guarantee)"
)
ACADEMIC = QT_TRANSLATE_NOOP("Choosing", "academic")
VARIABLE = QT_TRANSLATE_NOOP("Choosing", "variable")
NO_GOAL = QT_TRANSLATE_NOOP("Choosing", "no goal set, so career focus is not weighed")
PERSONAL_PROJECT = QT_TRANSLATE_NOOP(
    "Choosing", "career focus does not matter for a personal project"
)
CAREER_FOCUSED = QT_TRANSLATE_NOOP("Choosing", "career-focused, as a career change needs")
CAREER_FOCUSED_WITH_GUARANTEE = QT_TRANSLATE_NOOP(
    "Choosing", "career-focused, as a career change needs, with a job guarantee"
)
LITTLE_CAREER_PREPARATION = QT_TRANSLATE_NOOP(
    "Choosing", "little career preparation for a career change"
)
FINE_FOR_UPSKILLING = {
    2: QT_TRANSLATE_NOOP("Choosing", "professional focus, fine for upskilling at work"),
    1: QT_TRANSLATE_NOOP("Choosing", "academic focus, fine for upskilling at work"),
    0: QT_TRANSLATE_NOOP("Choosing", "variable focus, fine for upskilling at work"),
}
"""By career level: 2 professional, 1 academic, 0 variable."""

NO_GUIDANCE = QT_TRANSLATE_NOOP("Choosing", "guidance wanted not set, so support is not weighed")
FITS_GUIDANCE = {
    Guidance.LOTS: QT_TRANSLATE_NOOP("Choosing", "fits your wish for lots of guidance"),
    Guidance.SOME: QT_TRANSLATE_NOOP("Choosing", "fits your wish for some guidance"),
    Guidance.LITTLE: QT_TRANSLATE_NOOP("Choosing", "fits your wish for little guidance"),
}
PARTLY_FITS_GUIDANCE = {
    Guidance.LOTS: QT_TRANSLATE_NOOP("Choosing", "partly fits your wish for lots of guidance"),
    Guidance.SOME: QT_TRANSLATE_NOOP("Choosing", "partly fits your wish for some guidance"),
    Guidance.LITTLE: QT_TRANSLATE_NOOP("Choosing", "partly fits your wish for little guidance"),
}
DOES_NOT_FIT_GUIDANCE = {
    Guidance.LOTS: QT_TRANSLATE_NOOP("Choosing", "does not fit your wish for lots of guidance"),
    Guidance.SOME: QT_TRANSLATE_NOOP("Choosing", "does not fit your wish for some guidance"),
    Guidance.LITTLE: QT_TRANSLATE_NOOP("Choosing", "does not fit your wish for little guidance"),
}

COST_UNKNOWN = QT_TRANSLATE_NOOP("Choosing", "cost unknown, counted as neutral")
FREE = QT_TRANSLATE_NOOP("Choosing", "free")
NO_BUDGET = QT_TRANSLATE_NOOP("Choosing", "no budget set, so the price is not weighed")
OTHER_CURRENCY = QT_TRANSLATE_NOOP(
    "Choosing", "priced in {currency}, your budget is in {budget_currency}: not compared"
)
OVER_BUDGET = QT_TRANSLATE_NOOP("Choosing", "over your {budget} budget")
COSTS_OVER_BUDGET = QT_TRANSLATE_NOOP("Choosing", "costs {over} over your budget")
WITHIN_BUDGET = QT_TRANSLATE_NOOP("Choosing", "within your {budget} budget")

HOURS_A_WEEK = QT_TRANSLATE_NOOP("Choosing", "{hours} h/week")
YOUR_CHOICE = QT_TRANSLATE_NOOP("Choosing", "your choice")
HOURS_NOT_GIVEN = QT_TRANSLATE_NOOP("Choosing", "{schedule}, hours not given")
YOUR_HOURS_NOT_SET = QT_TRANSLATE_NOOP("Choosing", "your hours per week not set, so not weighed")
NEEDS_HOURS = QT_TRANSLATE_NOOP("Choosing", "needs {needed} h/week, you have {have}")
NEEDS_MORE_HOURS = QT_TRANSLATE_NOOP("Choosing", "needs more hours than you have ({have} h/week)")
GOES_AT_YOUR_PACE = QT_TRANSLATE_NOOP("Choosing", "goes at your pace: fits your {have} h/week")
FULL_TIME_TOO_MANY_HOURS = QT_TRANSLATE_NOOP("Choosing", "full-time, more than your hours")
FULL_TIME_YOU_HAVE = QT_TRANSLATE_NOOP("Choosing", "full-time schedule, you have {have} h/week")
HOURS_NOT_GIVEN_IS_NEUTRAL = QT_TRANSLATE_NOOP(
    "Choosing", "hours per week not given, counted as neutral"
)

SCHEDULE_AND_FORMAT = QT_TRANSLATE_NOOP("Choosing", "{schedule}, {format}")
SCHEDULE = QT_TRANSLATE_NOOP("Choosing", "{schedule} schedule")
FLEXIBILITY_COUNTS_MORE = QT_TRANSLATE_NOOP(
    "Choosing", "with {have} h/week, flexibility counts more"
)
FIXED_SCHEDULE_MATTERS_LESS = QT_TRANSLATE_NOOP(
    "Choosing", "with {have} h/week, a fixed schedule matters less"
)
FORMAT_AS_PREFERRED = QT_TRANSLATE_NOOP("Choosing", "{format}, as you prefer")
FORMAT_NOT_PREFERRED = QT_TRANSLATE_NOOP("Choosing", "{format}, you prefer {preferred}")
NOTES_SEPARATOR = "; "
"""Between the notes of one reason, and the parts of one value: a list, not a sentence."""

AUDITED_FIGURE = QT_TRANSLATE_NOOP("Choosing", "audited: {figure}")
AUDITED_REPORT = QT_TRANSLATE_NOOP("Choosing", "audited report")
FIGURE_NOT_AUDITED = QT_TRANSLATE_NOOP("Choosing", "{figure} (not audited)")
JOB_GUARANTEE = QT_TRANSLATE_NOOP("Choosing", "job guarantee")
RATED = QT_TRANSLATE_NOOP("Choosing", "rated {rating}/5")
AUDITED_OUTCOMES = QT_TRANSLATE_NOOP("Choosing", "published, audited outcomes")
NO_AUDITED_OUTCOMES = QT_TRANSLATE_NOOP("Choosing", "no audited outcomes; rating and promises only")
OUTCOMES_UNKNOWN = QT_TRANSLATE_NOOP("Choosing", "outcomes unknown, counted as neutral")


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
            value = say(SEMESTER_LENGTH)
        elif option.schedule is Schedule.FLEXIBLE:
            value = say(AT_YOUR_PACE_LENGTH)
        else:
            value = say(LENGTH_UNKNOWN)
        return _Fit(value, NEUTRAL_SCORE, say(LENGTH_UNKNOWN_IS_NEUTRAL), known=False)
    target = situation.target_date
    if target is None:
        return _Fit(length, NEUTRAL_SCORE, say(NO_TARGET_DATE))
    weeks_left = (target - today).days / 7
    if weeks_left <= 0:
        return _Fit(length, NEUTRAL_SCORE, say(TARGET_DATE_PASSED))
    left = formatting.counted(round(weeks_left), "week")
    longest = option.weeks_max if option.weeks_max is not None else option.weeks_min
    shortest = option.weeks_min if option.weeks_min is not None else option.weeks_max
    assert longest is not None
    assert shortest is not None
    if longest <= weeks_left:
        return _Fit(length, MAX_SCORE, say(FITS_TARGET_DATE, left=left))
    if shortest <= weeks_left:
        return _Fit(length, 6.0, say(MAY_RUN_PAST_TARGET_DATE, left=left))
    takes = (
        say(TAKES_AT_LEAST_ONE_WEEK, left=left)
        if shortest == 1
        else say(TAKES_AT_LEAST_WEEKS, weeks=_number(shortest), left=left)
    )
    return _Fit(length, 0.0, say(TOO_LONG_FOR_TARGET_DATE, left=left), violation=takes)


def _prerequisites(option: Option, readiness: Readiness) -> _Fit:
    coverage = option.prerequisites
    value = say(COVERAGE_WORDS[coverage])
    if readiness.required_total == 0:
        return _Fit(value, MAX_SCORE, say(NO_REQUIRED_PREREQUISITES))
    if readiness.complete:
        return _Fit(value, MAX_SCORE, say(HAS_ALL_PREREQUISITES))
    share = readiness.share
    done = {"done": readiness.required_done, "total": readiness.required_total}
    if coverage is PrerequisiteCoverage.COVERED:
        return _Fit(value, MAX_SCORE, say(COVERS_WHAT_YOU_MISS, **done))
    if coverage is PrerequisiteCoverage.OFTEN_INCLUDED:
        score = MAX_SCORE * share + (MAX_SCORE - MAX_SCORE * share) * 0.6
        return _Fit(value, score, say(OFTEN_INCLUDES_WHAT_YOU_MISS, **done))
    missing = join(readiness.missing)
    count = len(readiness.missing)
    if count == 1:
        violation = say(ASSUMES_ONE_UNTICKED, missing=missing)
    elif count:
        violation = say(ASSUMES_UNTICKED, count=count, missing=missing)
    else:
        violation = say(ASSUMES_UNFINISHED, **done)
    return _Fit(
        value, MAX_SCORE * share, say(ASSUMES_THE_PREREQUISITES, **done), violation=violation
    )


def _career_level(option: Option) -> tuple[str, int]:
    """(words, level): 2 professional, 1 academic, 0 variable."""
    if option.career_services and option.job_guarantee:
        return say(PROFESSIONAL_WITH_BOTH), 2
    if option.career_services:
        return say(PROFESSIONAL_WITH_CAREER_SERVICES), 2
    if option.job_guarantee:
        return say(PROFESSIONAL_WITH_JOB_GUARANTEE), 2
    if option.approach is Approach.BOOTCAMP:
        return say(PROFESSIONAL), 2
    if option.approach is Approach.STRUCTURED_CLASS:
        return say(ACADEMIC), 1
    return say(VARIABLE), 0


CAREER_FIT = {
    Goal.CAREER_CHANGE: (2.0, 5.0, 10.0),
    Goal.UPSKILL: (6.0, 7.0, 8.0),
}


def _career_focus(option: Option, situation: Situation) -> _Fit:
    value, level = _career_level(option)
    goal = situation.goal
    if goal is None:
        return _Fit(value, NEUTRAL_SCORE, say(NO_GOAL))
    if goal is Goal.PROJECT:
        return _Fit(value, NEUTRAL_SCORE, say(PERSONAL_PROJECT))
    score = CAREER_FIT[goal][level]
    if goal is Goal.UPSKILL:
        reason = FINE_FOR_UPSKILLING[level]
    elif level == 2:
        reason = CAREER_FOCUSED_WITH_GUARANTEE if option.job_guarantee else CAREER_FOCUSED
    else:
        reason = LITTLE_CAREER_PREPARATION  # a job guarantee makes an option professional
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
    value = say(SUPPORT_WORDS[option.support])
    guidance = situation.guidance
    if guidance is None:
        return _Fit(value, NEUTRAL_SCORE, say(NO_GUIDANCE))
    score = SUPPORT_FIT[guidance][option.support]
    verdict = (
        FITS_GUIDANCE
        if score >= 8
        else (PARTLY_FITS_GUIDANCE if score >= 5 else DOES_NOT_FIT_GUIDANCE)
    )
    return _Fit(value, score, say(verdict[guidance]))


def _cost(option: Option, situation: Situation) -> _Fit:
    cost = option.cost
    if cost is None:
        return _Fit(say(UNKNOWN), NEUTRAL_SCORE, say(COST_UNKNOWN), known=False)
    if cost == 0:
        return _Fit(say(FREE), MAX_SCORE, say(FREE))
    value = formatting.money(cost, option.currency)
    budget = situation.budget
    if budget is None:
        return _Fit(value, NEUTRAL_SCORE, say(NO_BUDGET))
    if option.currency != situation.currency:
        return _Fit(
            value,
            NEUTRAL_SCORE,
            say(OTHER_CURRENCY, currency=option.currency, budget_currency=situation.currency),
            known=False,
        )
    budget_text = formatting.money(budget, situation.currency)
    if cost > budget:
        over = formatting.money(cost - budget, option.currency)
        return _Fit(
            value,
            0.0,
            say(OVER_BUDGET, budget=budget_text),
            violation=say(COSTS_OVER_BUDGET, over=over),
        )
    score = 4.0 + 6.0 * (1 - cost / budget) if budget else MAX_SCORE
    return _Fit(value, score, say(WITHIN_BUDGET, budget=budget_text))


def _time_per_week(option: Option, situation: Situation) -> _Fit:
    have = situation.hours_per_week
    needed = option.hours_per_week
    if needed is not None:
        value = say(HOURS_A_WEEK, hours=_number(needed))
    elif option.schedule is Schedule.FLEXIBLE:
        value = say(YOUR_CHOICE)
    else:
        value = say(HOURS_NOT_GIVEN, schedule=say(SCHEDULE_WORDS[option.schedule]))
    if have is None:
        return _Fit(value, NEUTRAL_SCORE, say(YOUR_HOURS_NOT_SET))
    hours = {"have": _number(have)}
    if needed is not None:
        needs = say(NEEDS_HOURS, needed=_number(needed), **hours)
        if needed <= have:
            return _Fit(value, MAX_SCORE, needs)
        return _Fit(value, 0.0, say(NEEDS_MORE_HOURS, **hours), violation=needs)
    if option.schedule is Schedule.FLEXIBLE:
        return _Fit(value, MAX_SCORE, say(GOES_AT_YOUR_PACE, **hours))
    if option.schedule is Schedule.FULL_TIME:
        full_time = say(FULL_TIME_YOU_HAVE, **hours)
        if have < FULL_TIME_HOURS:
            return _Fit(value, 0.0, say(FULL_TIME_TOO_MANY_HOURS), violation=full_time)
        return _Fit(value, 8.0, full_time)
    return _Fit(value, NEUTRAL_SCORE, say(HOURS_NOT_GIVEN_IS_NEUTRAL), known=False)


SCHEDULE_FLEXIBILITY = {
    Schedule.FLEXIBLE: 10.0,
    Schedule.EVENINGS: 7.0,
    Schedule.PART_TIME: 7.0,
    Schedule.SEMESTER: 4.0,
    Schedule.FULL_TIME: 2.0,
}


def _flexibility(option: Option, situation: Situation) -> _Fit:
    base = SCHEDULE_FLEXIBILITY[option.schedule]
    schedule = say(SCHEDULE_WORDS[option.schedule])
    form = say(FORMAT_WORDS[option.format])
    value = say(SCHEDULE_AND_FORMAT, schedule=schedule, format=form)
    notes = [say(SCHEDULE, schedule=schedule)]
    have = situation.hours_per_week
    score = base
    if have is not None and have < LITTLE_TIME_HOURS:
        score = MAX_SCORE - (MAX_SCORE - base) * 1.5
        notes.append(say(FLEXIBILITY_COUNTS_MORE, have=_number(have)))
    elif have is not None and have >= AMPLE_TIME_HOURS:
        score = MAX_SCORE - (MAX_SCORE - base) * 0.5
        notes.append(say(FIXED_SCHEDULE_MATTERS_LESS, have=_number(have)))
    preferred = situation.preferred_format
    if preferred is not None:
        if option.format is preferred:
            score += 1.0
            notes.append(say(FORMAT_AS_PREFERRED, format=form))
        else:
            score -= 3.0
            notes.append(
                say(FORMAT_NOT_PREFERRED, format=form, preferred=say(FORMAT_WORDS[preferred]))
            )
    return _Fit(value, clamp(score), NOTES_SEPARATOR.join(notes))


def _outcomes(option: Option) -> _Fit:
    parts: list[str] = []
    figure = option.outcomes_figure
    if option.outcomes_audited:
        parts.append(say(AUDITED_FIGURE, figure=figure) if figure else say(AUDITED_REPORT))
    elif figure:
        parts.append(say(FIGURE_NOT_AUDITED, figure=figure))
    if option.job_guarantee:
        parts.append(say(JOB_GUARANTEE))
    if option.rating is not None:
        parts.append(say(RATED, rating=_number(option.rating)))
    value = NOTES_SEPARATOR.join(parts)
    if option.outcomes_audited:
        score = 9.0 + (1.0 if option.job_guarantee else 0.0)
        return _Fit(value, score, say(AUDITED_OUTCOMES))
    if option.rating is not None or option.job_guarantee:
        score = (option.rating / 5 * 7.0) if option.rating is not None else NEUTRAL_SCORE
        if option.job_guarantee:
            score += 2.0
        return _Fit(value, clamp(score), say(NO_AUDITED_OUTCOMES))
    return _Fit(value or say(UNKNOWN), NEUTRAL_SCORE, say(OUTCOMES_UNKNOWN), known=False)


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
