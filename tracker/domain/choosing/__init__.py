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

from tracker.domain.choosing.ranking import normalise_weights, rank_options
from tracker.domain.choosing.rules import weeks_text
from tracker.domain.choosing.values import (
    AMPLE_TIME_HOURS,
    CRITERION_TITLES,
    DEFAULT_WEIGHT,
    DEFAULT_WEIGHTS,
    FULL_TIME_HOURS,
    LIMIT_PENALTY,
    LITTLE_TIME_HOURS,
    MAX_SCORE,
    MAX_WEIGHT,
    MIN_WEIGHT,
    NEUTRAL_SCORE,
    OFFER_FIELDS,
    SITUATION_FIELDS,
    Criterion,
    CriterionScore,
    Option,
    RankedOption,
    Readiness,
    Recommendation,
    Situation,
    Violation,
    readiness_from_checklist,
)
from tracker.domain.choosing.words import (
    COVERAGE_WORDS,
    FORMAT_WORDS,
    GOAL_WORDS,
    SCHEDULE_WORDS,
    SUPPORT_WORDS,
)

__all__ = [
    "AMPLE_TIME_HOURS",
    "COVERAGE_WORDS",
    "CRITERION_TITLES",
    "DEFAULT_WEIGHT",
    "DEFAULT_WEIGHTS",
    "FORMAT_WORDS",
    "FULL_TIME_HOURS",
    "GOAL_WORDS",
    "LIMIT_PENALTY",
    "LITTLE_TIME_HOURS",
    "MAX_SCORE",
    "MAX_WEIGHT",
    "MIN_WEIGHT",
    "NEUTRAL_SCORE",
    "OFFER_FIELDS",
    "SCHEDULE_WORDS",
    "SITUATION_FIELDS",
    "SUPPORT_WORDS",
    "Criterion",
    "CriterionScore",
    "Option",
    "RankedOption",
    "Readiness",
    "Recommendation",
    "Situation",
    "Violation",
    "normalise_weights",
    "rank_options",
    "readiness_from_checklist",
    "weeks_text",
]
