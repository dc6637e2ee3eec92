"""What the comparison is about: the learner's situation, the options, and the ranked results.

Plain values only; the rules that score an option live in ``rules``, the ranking in ``ranking``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

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
from tracker.wording import QT_TRANSLATE_NOOP, Sentence, say

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
        """The criterion's title, as a column heads it ("Time per week")."""
        return say(CRITERION_TITLES[self])

    @property
    def noun(self) -> str:
        """The criterion as a sentence names it ("time per week")."""
        return say(CRITERION_NOUNS[self])


CRITERION_TITLES: dict[Criterion, Sentence] = {
    Criterion.TIMELINE: QT_TRANSLATE_NOOP("Choosing", "Timeline"),
    Criterion.PREREQUISITES: QT_TRANSLATE_NOOP("Choosing", "Prerequisites"),
    Criterion.CAREER_FOCUS: QT_TRANSLATE_NOOP("Choosing", "Career focus"),
    Criterion.SUPPORT: QT_TRANSLATE_NOOP("Choosing", "Support level"),
    Criterion.COST: QT_TRANSLATE_NOOP("Choosing", "Cost"),
    Criterion.TIME_PER_WEEK: QT_TRANSLATE_NOOP("Choosing", "Time per week"),
    Criterion.FLEXIBILITY: QT_TRANSLATE_NOOP("Choosing", "Flexibility"),
    Criterion.OUTCOMES: QT_TRANSLATE_NOOP("Choosing", "Outcomes"),
}
CRITERION_NOUNS: dict[Criterion, Sentence] = {
    Criterion.TIMELINE: QT_TRANSLATE_NOOP("Choosing", "timeline"),
    Criterion.PREREQUISITES: QT_TRANSLATE_NOOP("Choosing", "prerequisites"),
    Criterion.CAREER_FOCUS: QT_TRANSLATE_NOOP("Choosing", "career focus"),
    Criterion.SUPPORT: QT_TRANSLATE_NOOP("Choosing", "support level"),
    Criterion.COST: QT_TRANSLATE_NOOP("Choosing", "cost"),
    Criterion.TIME_PER_WEEK: QT_TRANSLATE_NOOP("Choosing", "time per week"),
    Criterion.FLEXIBILITY: QT_TRANSLATE_NOOP("Choosing", "flexibility"),
    Criterion.OUTCOMES: QT_TRANSLATE_NOOP("Choosing", "outcomes"),
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
