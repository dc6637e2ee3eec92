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
        prefix = "up to " if low is None else ("at least " if high is None else "")
        return f"{prefix}{_number(only)} week{'s' if only != 1 else ''}"
    return f"{_number(low)}-{_number(high)} weeks"


def join(titles: Sequence[str]) -> str:
    if len(titles) <= 1:
        return "".join(titles)
    return ", ".join(titles[:-1]) + " and " + titles[-1]


SCHEDULE_WORDS = {
    Schedule.FLEXIBLE: "flexible",
    Schedule.PART_TIME: "part-time",
    Schedule.FULL_TIME: "full-time",
    Schedule.EVENINGS: "evening",
    Schedule.SEMESTER: "semester-based",
}
FORMAT_WORDS = {
    ResourceFormat.SELF_PACED: "self-paced",
    ResourceFormat.LIVE_ONLINE: "live online",
    ResourceFormat.IN_PERSON: "in person",
}
SUPPORT_WORDS = {
    Support.SELF_DIRECTED: "self-directed",
    Support.INSTRUCTOR_LED: "instructor-led",
    Support.MENTOR_GUIDED: "mentor-guided",
}
COVERAGE_WORDS = {
    PrerequisiteCoverage.ASSUMED: "assumed (must have)",
    PrerequisiteCoverage.OFTEN_INCLUDED: "often included",
    PrerequisiteCoverage.COVERED: "covered",
}
GOAL_WORDS = {
    Goal.CAREER_CHANGE: "a career change",
    Goal.UPSKILL: "upskilling at work",
    Goal.PROJECT: "a personal project",
}


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
            value = "semester-based"
        elif option.schedule is Schedule.FLEXIBLE:
            value = "flexible: your pace"
        else:
            value = "length unknown"
        return _Fit(value, NEUTRAL_SCORE, "length unknown, counted as neutral", known=False)
    target = situation.target_date
    if target is None:
        return _Fit(length, NEUTRAL_SCORE, "no target date set, so length is not weighed")
    weeks_left = (target - today).days / 7
    if weeks_left <= 0:
        return _Fit(length, NEUTRAL_SCORE, "your target date has passed, so it is not weighed")
    left = formatting.counted(round(weeks_left), "week")
    longest = option.weeks_max if option.weeks_max is not None else option.weeks_min
    shortest = option.weeks_min if option.weeks_min is not None else option.weeks_max
    assert longest is not None
    assert shortest is not None
    if longest <= weeks_left:
        return _Fit(length, MAX_SCORE, f"fits your target date ({left} away)")
    if shortest <= weeks_left:
        return _Fit(length, 6.0, f"may run past your target date ({left} away)")
    return _Fit(
        length,
        0.0,
        f"too long for your target date ({left} away)",
        violation=f"takes at least {_number(shortest)} weeks, your target date is {left} away",
    )


def _prerequisites(option: Option, readiness: Readiness) -> _Fit:
    coverage = option.prerequisites
    value = COVERAGE_WORDS[coverage]
    if readiness.required_total == 0 or readiness.complete:
        have = (
            "the path lists no required prerequisites"
            if readiness.required_total == 0
            else "you have all the required prerequisites"
        )
        return _Fit(value, MAX_SCORE, have)
    share = readiness.share
    done = f"{readiness.required_done} of {readiness.required_total} required skills done"
    missing = join(readiness.missing)
    if coverage is PrerequisiteCoverage.COVERED:
        return _Fit(value, MAX_SCORE, f"covers what you still miss ({done})")
    if coverage is PrerequisiteCoverage.OFTEN_INCLUDED:
        score = MAX_SCORE * share + (MAX_SCORE - MAX_SCORE * share) * 0.6
        return _Fit(value, score, f"often includes what you still miss ({done})")
    count = len(readiness.missing)
    if count == 1:
        violation = f"assumes the {missing} prerequisite you haven't ticked"
    elif count:
        violation = f"assumes {count} required prerequisites you haven't ticked: {missing}"
    else:
        violation = f"assumes prerequisites you haven't finished ({done})"
    return _Fit(
        value, MAX_SCORE * share, f"assumes the prerequisites ({done})", violation=violation
    )


def _career_level(option: Option) -> tuple[str, int]:
    """(words, level): 2 professional, 1 academic, 0 variable."""
    extras = [
        text
        for flag, text in (
            (option.career_services, "career services"),
            (option.job_guarantee, "job guarantee"),
        )
        if flag
    ]
    if extras or option.approach is Approach.BOOTCAMP:
        words = "professional" + (f" ({', '.join(extras)})" if extras else "")
        return words, 2
    if option.approach is Approach.STRUCTURED_CLASS:
        return "academic", 1
    return "variable", 0


CAREER_FIT = {
    Goal.CAREER_CHANGE: (2.0, 5.0, 10.0),
    Goal.UPSKILL: (6.0, 7.0, 8.0),
}


def _career_focus(option: Option, situation: Situation) -> _Fit:
    value, level = _career_level(option)
    goal = situation.goal
    if goal is None:
        return _Fit(value, NEUTRAL_SCORE, "no goal set, so career focus is not weighed")
    if goal is Goal.PROJECT:
        return _Fit(value, NEUTRAL_SCORE, "career focus does not matter for a personal project")
    score = CAREER_FIT[goal][level]
    if goal is Goal.CAREER_CHANGE:
        reason = (
            "career-focused, as a career change needs"
            if level == 2
            else "little career preparation for a career change"
        )
    else:
        reason = f"{value.split(' (')[0]} focus, fine for upskilling at work"
    if option.job_guarantee and goal is Goal.CAREER_CHANGE:
        reason += ", with a job guarantee"
    return _Fit(value, score, reason)


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
GUIDANCE_WORDS = {Guidance.LOTS: "lots of", Guidance.SOME: "some", Guidance.LITTLE: "little"}


def _support(option: Option, situation: Situation) -> _Fit:
    value = SUPPORT_WORDS[option.support]
    guidance = situation.guidance
    if guidance is None:
        return _Fit(value, NEUTRAL_SCORE, "guidance wanted not set, so support is not weighed")
    score = SUPPORT_FIT[guidance][option.support]
    verdict = "fits" if score >= 8 else ("partly fits" if score >= 5 else "does not fit")
    return _Fit(value, score, f"{verdict} your wish for {GUIDANCE_WORDS[guidance]} guidance")


def _cost(option: Option, situation: Situation) -> _Fit:
    cost = option.cost
    if cost is None:
        return _Fit("unknown", NEUTRAL_SCORE, "cost unknown, counted as neutral", known=False)
    if cost == 0:
        return _Fit("free", MAX_SCORE, "free")
    value = formatting.money(cost, option.currency)
    budget = situation.budget
    if budget is None:
        return _Fit(value, NEUTRAL_SCORE, "no budget set, so the price is not weighed")
    if option.currency != situation.currency:
        return _Fit(
            value,
            NEUTRAL_SCORE,
            f"priced in {option.currency}, your budget is in {situation.currency}: not compared",
            known=False,
        )
    if cost > budget:
        over = formatting.money(cost - budget, option.currency)
        return _Fit(
            value,
            0.0,
            f"over your {formatting.money(budget, situation.currency)} budget",
            violation=f"costs {over} over your budget",
        )
    score = 4.0 + 6.0 * (1 - cost / budget) if budget else MAX_SCORE
    return _Fit(value, score, f"within your {formatting.money(budget, situation.currency)} budget")


def _time_per_week(option: Option, situation: Situation) -> _Fit:
    have = situation.hours_per_week
    needed = option.hours_per_week
    if needed is not None:
        value = f"{_number(needed)} h/week"
    elif option.schedule is Schedule.FLEXIBLE:
        value = "your choice"
    else:
        value = f"{SCHEDULE_WORDS[option.schedule]}, hours not given"
    if have is None:
        return _Fit(value, NEUTRAL_SCORE, "your hours per week not set, so not weighed")
    you = f"you have {_number(have)}"
    if needed is not None:
        if needed <= have:
            return _Fit(value, MAX_SCORE, f"needs {_number(needed)} h/week, {you}")
        return _Fit(
            value,
            0.0,
            f"needs more hours than you have ({_number(have)} h/week)",
            violation=f"needs {_number(needed)} h/week, {you}",
        )
    if option.schedule is Schedule.FLEXIBLE:
        return _Fit(value, MAX_SCORE, f"goes at your pace: fits your {_number(have)} h/week")
    if option.schedule is Schedule.FULL_TIME:
        if have < FULL_TIME_HOURS:
            return _Fit(
                value,
                0.0,
                "full-time, more than your hours",
                violation=f"full-time schedule, you have {_number(have)} h/week",
            )
        return _Fit(value, 8.0, f"full-time schedule, {you} h/week")
    return _Fit(value, NEUTRAL_SCORE, "hours per week not given, counted as neutral", known=False)


SCHEDULE_FLEXIBILITY = {
    Schedule.FLEXIBLE: 10.0,
    Schedule.EVENINGS: 7.0,
    Schedule.PART_TIME: 7.0,
    Schedule.SEMESTER: 4.0,
    Schedule.FULL_TIME: 2.0,
}


def _flexibility(option: Option, situation: Situation) -> _Fit:
    base = SCHEDULE_FLEXIBILITY[option.schedule]
    value = f"{SCHEDULE_WORDS[option.schedule]}, {FORMAT_WORDS[option.format]}"
    notes = [f"{SCHEDULE_WORDS[option.schedule]} schedule"]
    have = situation.hours_per_week
    score = base
    if have is not None and have < LITTLE_TIME_HOURS:
        score = MAX_SCORE - (MAX_SCORE - base) * 1.5
        notes.append(f"with {_number(have)} h/week, flexibility counts more")
    elif have is not None and have >= AMPLE_TIME_HOURS:
        score = MAX_SCORE - (MAX_SCORE - base) * 0.5
        notes.append(f"with {_number(have)} h/week, a fixed schedule matters less")
    preferred = situation.preferred_format
    if preferred is not None:
        if option.format is preferred:
            score += 1.0
            notes.append(f"{FORMAT_WORDS[option.format]}, as you prefer")
        else:
            score -= 3.0
            notes.append(f"{FORMAT_WORDS[option.format]}, you prefer {FORMAT_WORDS[preferred]}")
    return _Fit(value, clamp(score), "; ".join(notes))


def _outcomes(option: Option) -> _Fit:
    parts: list[str] = []
    if option.outcomes_audited:
        parts.append(
            f"audited: {option.outcomes_figure}" if option.outcomes_figure else "audited report"
        )
    elif option.outcomes_figure:
        parts.append(f"{option.outcomes_figure} (not audited)")
    if option.job_guarantee:
        parts.append("job guarantee")
    if option.rating is not None:
        parts.append(f"rated {_number(option.rating)}/5")
    if option.outcomes_audited:
        score = 9.0 + (1.0 if option.job_guarantee else 0.0)
        return _Fit("; ".join(parts), score, "published, audited outcomes")
    if option.rating is not None or option.job_guarantee:
        score = (option.rating / 5 * 7.0) if option.rating is not None else NEUTRAL_SCORE
        if option.job_guarantee:
            score += 2.0
        return _Fit("; ".join(parts), clamp(score), "no audited outcomes; rating and promises only")
    return _Fit(
        "; ".join(parts) or "unknown",
        NEUTRAL_SCORE,
        "outcomes unknown, counted as neutral",
        known=False,
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
