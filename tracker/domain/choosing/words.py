"""What the comparison's rules say: the words of each value, the reasons and broken limits.

Each is marked for translation under the "Choosing" context and said (``say``) where a rule
builds it, so a learner reads it in their language.
"""

from __future__ import annotations

from tracker.domain.enums import (
    Goal,
    Guidance,
    PrerequisiteCoverage,
    ResourceFormat,
    Schedule,
    Support,
)
from tracker.wording import QT_TRANSLATE_NOOP

ONE_WEEK = QT_TRANSLATE_NOOP("Choosing", "1 week")
WEEKS = QT_TRANSLATE_NOOP("Choosing", "{weeks} weeks")
UP_TO_ONE_WEEK = QT_TRANSLATE_NOOP("Choosing", "up to 1 week")
UP_TO_WEEKS = QT_TRANSLATE_NOOP("Choosing", "up to {weeks} weeks")
AT_LEAST_ONE_WEEK = QT_TRANSLATE_NOOP("Choosing", "at least 1 week")
AT_LEAST_WEEKS = QT_TRANSLATE_NOOP("Choosing", "at least {weeks} weeks")
WEEKS_FROM_TO = QT_TRANSLATE_NOOP("Choosing", "{low}-{high} weeks")
LIST_AND_LAST = QT_TRANSLATE_NOOP("Choosing", "{items} and {last}")

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
