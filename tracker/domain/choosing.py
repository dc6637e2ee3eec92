"""Choosing how to learn: the learner's situation, the options, and a pure, explained ranking.

Every criterion gives each option a fit score from 0 to 10 for *this* learner; the learner's
weights (0 to 10) say how much each criterion matters. An option's score is the weighted mean
of its fit scores, as a number from 0 to 100, minus a stated penalty for each hard limit it
breaks (over budget, more hours than the learner has, a missed target date, prerequisites it
assumes and the learner lacks). Nothing is dropped: a broken limit is ranked, flagged and
explained. A value nobody knows (a generic approach has no price) is called unknown and counts
as a neutral 5; it is never guessed. Same inputs, same ranking: ties are broken by slug.

The rules follow the article's "Learning Approaches" table: self-study assumes the
prerequisites ("Must have"), classes often include them and bootcamps usually cover them; a
career change favours career-focused options; little available time favours flexible ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from tracker import formatting
from tracker.domain.enums import (
    Approach,
    Goal,
    Guidance,
    PrerequisiteCoverage,
    ResourceFormat,
    Schedule,
    Support,
)
from tracker.domain.views import Checklist, ChecklistItem

OFFER_FIELDS = (
    "approach",
    "provider",
    "cost",
    "currency",
    "weeks_min",
    "weeks_max",
    "hours_per_week",
    "schedule",
    "format",
    "support",
    "prerequisites",
    "career_services",
    "job_guarantee",
    "outcomes_audited",
    "outcomes_figure",
    "rating",
    "url",
    "notes",
)

SITUATION_FIELDS = (
    "hours_per_week",
    "budget",
    "currency",
    "target_date",
    "goal",
    "guidance",
    "preferred_format",
)


class Criterion(StrEnum):
    """What an option is judged on: the article's four rows, then four more."""

    TIMELINE = "timeline"
    PREREQUISITES = "prerequisites"
    CAREER_FOCUS = "career-focus"
    SUPPORT = "support"
    COST = "cost"
    TIME_PER_WEEK = "time-per-week"
    FLEXIBILITY = "flexibility"
    OUTCOMES = "outcomes"

    @property
    def label(self) -> str:
        return CRITERION_TITLES[self]


CRITERION_TITLES: dict[Criterion, str] = {
    Criterion.TIMELINE: "Timeline",
    Criterion.PREREQUISITES: "Prerequisites",
    Criterion.CAREER_FOCUS: "Career focus",
    Criterion.SUPPORT: "Support level",
    Criterion.COST: "Cost",
    Criterion.TIME_PER_WEEK: "Time per week",
    Criterion.FLEXIBILITY: "Flexibility",
    Criterion.OUTCOMES: "Outcomes",
}

MIN_WEIGHT, MAX_WEIGHT = 0, 10
DEFAULT_WEIGHT = 5
DEFAULT_WEIGHTS: dict[Criterion, int] = dict.fromkeys(Criterion, DEFAULT_WEIGHT)

MAX_SCORE = 10.0
NEUTRAL_SCORE = 5.0
"""What an unknown value counts as: neither for nor against an option."""
LIMIT_PENALTY = 15.0
"""Points (of 100) taken off per broken hard limit, unless its criterion's weight is 0."""
FULL_TIME_HOURS = 30.0
"""Fewer hours a week than this cannot follow a full-time schedule (the rule's own threshold)."""
LITTLE_TIME_HOURS = 15.0
"""Below this many hours a week, flexibility counts for more (differences are widened)."""
AMPLE_TIME_HOURS = 30.0
"""From this many hours a week, a fixed schedule matters less (differences are narrowed)."""


# --- inputs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Situation:
    """What the learner has and wants; ``None`` means not said (it is then not weighed)."""

    hours_per_week: float | None = None
    budget: float | None = None
    currency: str = "USD"
    target_date: date | None = None
    goal: Goal | None = None
    guidance: Guidance | None = None
    preferred_format: ResourceFormat | None = None


@dataclass(frozen=True)
class Readiness:
    """The learner's skill level, read from the checklist: required skills done and missing."""

    required_done: int
    required_total: int
    missing: tuple[str, ...] = ()
    """Titles of the required prerequisites not done yet, in checklist order."""

    @property
    def share(self) -> float:
        return self.required_done / self.required_total if self.required_total else 1.0

    @property
    def complete(self) -> bool:
        return self.required_done >= self.required_total


def readiness_from_checklist(checklist: Checklist) -> Readiness:
    """Count the required skills (leaves under required prerequisites) and name what is missing."""
    leaves: list[ChecklistItem] = []
    missing: list[str] = []
    for item in checklist.items:
        if not item.required:
            continue
        leaves.extend(entry for entry in item.walk() if not entry.children)
        if not item.done:
            missing.append(item.title)
    return Readiness(sum(1 for leaf in leaves if leaf.done), len(leaves), tuple(missing))


@dataclass(frozen=True)
class Option:
    """A way to learn: a pack's generic approach, or a real offer (a pack's or the learner's)."""

    slug: str
    title: str
    approach: Approach
    generic: bool = False
    own: bool = False
    provider: str = ""
    cost: float | None = None
    currency: str = "USD"
    weeks_min: float | None = None
    weeks_max: float | None = None
    hours_per_week: float | None = None
    schedule: Schedule = Schedule.FLEXIBLE
    format: ResourceFormat = ResourceFormat.SELF_PACED
    support: Support = Support.SELF_DIRECTED
    prerequisites: PrerequisiteCoverage = PrerequisiteCoverage.ASSUMED
    career_services: bool = False
    job_guarantee: bool = False
    outcomes_audited: bool = False
    outcomes_figure: str = ""
    rating: float | None = None
    url: str = ""
    notes: str = ""

    @property
    def kind_label(self) -> str:
        if self.generic:
            return "approach"
        return "your offer" if self.own else "offer"


# --- outputs -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Violation:
    """A hard limit an option breaks, in plain words."""

    criterion: Criterion
    message: str
    penalised: bool = True


@dataclass(frozen=True)
class CriterionScore:
    """One cell of the comparison: the option's value on a criterion and how well it fits."""

    criterion: Criterion
    value: str
    """The option's value in words ("$13,000", "12-24 weeks", "unknown")."""
    score: float
    """Fit for this learner, 0 to 10."""
    reason: str
    """Why this score, in words ("fits your target date")."""
    weight: int
    known: bool = True

    @property
    def points(self) -> float:
        """Weighted score; the share of the total it carries is ``points / total weight``."""
        return self.score * self.weight


@dataclass(frozen=True)
class RankedOption:
    """An option's place in the ranking, with its score, reasons and broken limits."""

    rank: int
    option: Option
    score: float
    """0 to 100, after penalties."""
    weighted: float
    """0 to 100, before penalties."""
    penalty: float
    criteria: tuple[CriterionScore, ...]
    reasons: tuple[str, ...]
    violations: tuple[Violation, ...]

    def criterion(self, criterion: Criterion) -> CriterionScore:
        for entry in self.criteria:
            if entry.criterion is criterion:
                return entry
        raise KeyError(criterion)

    def to_json(self) -> dict[str, object]:
        return {
            "rank": self.rank,
            "option": self.option.title,
            "slug": self.option.slug,
            "kind": self.option.kind_label,
            "score": round(self.score, 1),
            "reasons": list(self.reasons),
            "violations": [violation.message for violation in self.violations],
            "criteria": {
                entry.criterion.value: {
                    "value": entry.value,
                    "score": round(entry.score, 1),
                    "weight": entry.weight,
                    "known": entry.known,
                }
                for entry in self.criteria
            },
        }


@dataclass(frozen=True)
class Recommendation:
    """The ranking, best first, and one sentence that says what carried the choice."""

    ranking: tuple[RankedOption, ...]
    summary: str
    weights: Mapping[Criterion, int] = field(default_factory=dict)

    @property
    def best(self) -> RankedOption | None:
        return self.ranking[0] if self.ranking else None

    def find(self, slug: str) -> RankedOption | None:
        for entry in self.ranking:
            if entry.option.slug == slug:
                return entry
        return None


# --- words -------------------------------------------------------------------------------------


format_money = formatting.money


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


def _join(titles: Sequence[str]) -> str:
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


def _clamp(score: float) -> float:
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
    left = f"{weeks_left:.0f} week{'s' if round(weeks_left) != 1 else ''}"
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
    missing = _join(readiness.missing)
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
    value = format_money(cost, option.currency)
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
        over = format_money(cost - budget, option.currency)
        return _Fit(
            value,
            0.0,
            f"over your {format_money(budget, situation.currency)} budget",
            violation=f"costs {over} over your budget",
        )
    score = 4.0 + 6.0 * (1 - cost / budget) if budget else MAX_SCORE
    return _Fit(value, score, f"within your {format_money(budget, situation.currency)} budget")


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
    return _Fit(value, _clamp(score), "; ".join(notes))


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
        return _Fit(
            "; ".join(parts), _clamp(score), "no audited outcomes; rating and promises only"
        )
    return _Fit(
        "; ".join(parts) or "unknown",
        NEUTRAL_SCORE,
        "outcomes unknown, counted as neutral",
        known=False,
    )


def _fits(
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


# --- the ranking -------------------------------------------------------------------------------


def normalise_weights(weights: Mapping[Criterion, int] | None) -> dict[Criterion, int]:
    """Every criterion with a weight from 0 to 10 (missing ones at the default)."""
    given = dict(weights or {})
    return {
        criterion: max(MIN_WEIGHT, min(MAX_WEIGHT, int(given.get(criterion, DEFAULT_WEIGHT))))
        for criterion in Criterion
    }


@dataclass(frozen=True)
class _Scored:
    option: Option
    weighted: float
    penalty: float
    criteria: tuple[CriterionScore, ...]
    violations: tuple[Violation, ...]

    @property
    def score(self) -> float:
        return max(0.0, self.weighted - self.penalty)


def _score(
    option: Option,
    situation: Situation,
    readiness: Readiness,
    weights: Mapping[Criterion, int],
    today: date,
) -> _Scored:
    fits = _fits(option, situation, readiness, today)
    total_weight = sum(weights.values())
    criteria = tuple(
        CriterionScore(
            criterion,
            fit.value,
            round(_clamp(fit.score), 2),
            fit.reason,
            weights[criterion],
            fit.known,
        )
        for criterion, fit in fits.items()
    )
    weighted = (
        sum(entry.points for entry in criteria) / (MAX_SCORE * total_weight) * 100
        if total_weight
        else 0.0
    )
    violations = tuple(
        Violation(criterion, fit.violation, penalised=weights[criterion] > 0)
        for criterion, fit in fits.items()
        if fit.violation is not None
    )
    penalty = LIMIT_PENALTY * sum(1 for violation in violations if violation.penalised)
    return _Scored(option, round(weighted, 2), penalty, criteria, violations)


def _points(entry: CriterionScore, total_weight: int) -> float:
    return entry.points / (MAX_SCORE * total_weight) * 100 if total_weight else 0.0


def _lead(
    winner: _Scored, other: _Scored, total_weight: int, count: int = 2
) -> list[tuple[Criterion, float]]:
    """The criteria on which ``winner`` gains most over ``other``, in points of 100."""
    gains = []
    for mine, theirs in zip(winner.criteria, other.criteria, strict=True):
        gain = _points(mine, total_weight) - _points(theirs, total_weight)
        if gain > 0.05:
            gains.append((mine.criterion, gain))
    gains.sort(key=lambda pair: (-pair[1], list(Criterion).index(pair[0])))
    return gains[:count]


def _gains_text(gains: Iterable[tuple[Criterion, float]]) -> str:
    return _join([f"{criterion.label.lower()} (+{gain:.1f})" for criterion, gain in gains])


def _reasons(
    scored: _Scored, rank: int, ranking: Sequence[_Scored], total_weight: int
) -> tuple[str, ...]:
    reasons: list[str] = []
    if total_weight == 0:
        return ("every weight is 0: set at least one to rank the options",)
    if rank == 1 and len(ranking) > 1:
        runner_up = ranking[1]
        gains = _lead(scored, runner_up, total_weight)
        if gains:
            reasons.append(f"ahead of {runner_up.option.title} on {_gains_text(gains)}")
        elif scored.score == runner_up.score:
            reasons.append(f"tied with {runner_up.option.title}; listed first by name")
    elif rank > 1:
        leader = ranking[0]
        gains = _lead(leader, scored, total_weight)
        if gains:
            reasons.append(f"behind {leader.option.title} on {_gains_text(gains)}")
    strong = sorted(
        (entry for entry in scored.criteria if entry.weight and entry.score >= 7.5 and entry.known),
        key=lambda entry: (-entry.points, list(Criterion).index(entry.criterion)),
    )
    for entry in strong[:3]:
        reasons.append(f"{entry.criterion.label} {entry.score:.0f}/10: {entry.reason}")
    weak = sorted(
        (
            entry
            for entry in scored.criteria
            if entry.weight
            and entry.score <= 3
            and entry.known
            and not any(v.criterion is entry.criterion for v in scored.violations)
        ),
        key=lambda entry: (
            entry.points - MAX_SCORE * entry.weight,
            list(Criterion).index(entry.criterion),
        ),
    )
    for entry in weak[:2]:
        reasons.append(
            f"weak on {entry.criterion.label.lower()} ({entry.score:.0f}/10): {entry.reason}"
        )
    unknown = [entry.criterion.label.lower() for entry in scored.criteria if not entry.known]
    if unknown:
        reasons.append(f"unknown, counted as neutral 5/10: {_join(unknown)}")
    if scored.penalty:
        count = sum(1 for violation in scored.violations if violation.penalised)
        reasons.append(
            f"{scored.penalty:.0f} points off for {count} broken limit{'s' if count != 1 else ''}"
        )
    unpenalised = [v for v in scored.violations if not v.penalised]
    if unpenalised:
        reasons.append(
            "not penalised, as you weigh "
            + _join([v.criterion.label.lower() for v in unpenalised])
            + " at 0"
        )
    return tuple(reasons)


def rank_options(
    options: Iterable[Option],
    situation: Situation,
    readiness: Readiness,
    weights: Mapping[Criterion, int] | None,
    today: date,
) -> Recommendation:
    """Rank ``options`` for this learner, best first, each with its reasons and broken limits."""
    weights = normalise_weights(weights)
    total_weight = sum(weights.values())
    scored = [_score(option, situation, readiness, weights, today) for option in options]
    scored.sort(
        key=lambda entry: (-round(entry.score, 2), len(entry.violations), entry.option.slug)
    )
    ranking = tuple(
        RankedOption(
            rank=index,
            option=entry.option,
            score=round(entry.score, 1),
            weighted=round(entry.weighted, 1),
            penalty=entry.penalty,
            criteria=entry.criteria,
            reasons=_reasons(entry, index, scored, total_weight),
            violations=entry.violations,
        )
        for index, entry in enumerate(scored, start=1)
    )
    return Recommendation(ranking, _summary(scored, total_weight), weights)


def _summary(scored: Sequence[_Scored], total_weight: int) -> str:
    if not scored:
        return "No options to compare yet: add an offer."
    if total_weight == 0:
        return "Every weight is 0: set at least one to rank the options."
    best = scored[0]
    text = f"{best.option.title} fits you best ({round(best.score, 1):.0f}/100)"
    if len(scored) > 1:
        runner_up = scored[1]
        gains = _lead(best, runner_up, total_weight)
        text += f", ahead of {runner_up.option.title} ({round(runner_up.score, 1):.0f}/100)"
        if gains:
            text += f", mainly on {_join([c.label.lower() for c, _ in gains])}"
    text += "."
    if best.violations:
        text += " It still breaks a limit: " + "; ".join(v.message for v in best.violations) + "."
    return text
