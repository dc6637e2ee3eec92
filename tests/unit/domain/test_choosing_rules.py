"""The ranking of ways to learn, pinned on explicit learners: order, reasons and broken limits."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest

from tracker.domain.choosing import (
    LIMIT_PENALTY,
    NEUTRAL_SCORE,
    Criterion,
    Option,
    Readiness,
    Recommendation,
    Situation,
    rank_options,
    readiness_from_checklist,
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
from tracker.domain.views import Checklist, ChecklistItem

TODAY = date(2026, 11, 25)

# The pack's three generic approaches, as resources/paths/flask.yaml describes them.
SELF_STUDY = Option("self-study", "Self-study", Approach.SELF_STUDY, generic=True, cost=0)
CLASSES = Option(
    "structured-classes",
    "Structured classes",
    Approach.STRUCTURED_CLASS,
    generic=True,
    schedule=Schedule.SEMESTER,
    format=ResourceFormat.LIVE_ONLINE,
    support=Support.INSTRUCTOR_LED,
    prerequisites=PrerequisiteCoverage.OFTEN_INCLUDED,
)
BOOTCAMPS = Option(
    "bootcamps",
    "Bootcamps",
    Approach.BOOTCAMP,
    generic=True,
    weeks_min=12,
    weeks_max=24,
    schedule=Schedule.FULL_TIME,
    format=ResourceFormat.LIVE_ONLINE,
    support=Support.MENTOR_GUIDED,
    prerequisites=PrerequisiteCoverage.COVERED,
    career_services=True,
)
GENERIC = (SELF_STUDY, CLASSES, BOOTCAMPS)

# Two offers a learner might enter (fictional names, the learner's own data).
FULL_TIME_BOOTCAMP = Option(
    "own-example-bootcamp-a",
    "Example Bootcamp A",
    Approach.BOOTCAMP,
    own=True,
    cost=13_000,
    weeks_min=16,
    weeks_max=16,
    hours_per_week=40,
    schedule=Schedule.FULL_TIME,
    format=ResourceFormat.LIVE_ONLINE,
    support=Support.MENTOR_GUIDED,
    prerequisites=PrerequisiteCoverage.COVERED,
    career_services=True,
    job_guarantee=True,
    outcomes_audited=True,
    outcomes_figure="79% in a developer role within 180 days",
)
EVENING_CLASS = Option(
    "own-example-evening-class-b",
    "Example Evening Class B",
    Approach.STRUCTURED_CLASS,
    own=True,
    cost=450,
    weeks_min=10,
    weeks_max=10,
    hours_per_week=6,
    schedule=Schedule.EVENINGS,
    format=ResourceFormat.LIVE_ONLINE,
    support=Support.INSTRUCTOR_LED,
    prerequisites=PrerequisiteCoverage.OFTEN_INCLUDED,
    rating=4.4,
)
ALL = (*GENERIC, FULL_TIME_BOOTCAMP, EVENING_CLASS)

REQUIRED = (
    "Python proficiency",
    "Web development fundamentals",
    "HTTP and RESTful API design",
    "Databases and SQL",
)
NOTHING_DONE = Readiness(0, 9, REQUIRED)
HALF_DONE = Readiness(5, 9, ("HTTP and RESTful API design", "Databases and SQL"))
ALL_DONE = Readiness(9, 9)


def order(recommendation: Recommendation) -> list[str]:
    return [entry.option.slug for entry in recommendation.ranking]


def rank(
    options: tuple[Option, ...],
    situation: Situation,
    readiness: Readiness,
    weights: dict[Criterion, int] | None = None,
) -> Recommendation:
    return rank_options(options, situation, readiness, weights, TODAY)


# --- the three learners of the issue -----------------------------------------------------------


def test_with_no_prerequisites_done_self_study_comes_last_and_says_why() -> None:
    recommendation = rank(GENERIC, Situation(), NOTHING_DONE)

    assert order(recommendation) == ["bootcamps", "structured-classes", "self-study"]
    best, _, last = recommendation.ranking
    assert best.reasons[0] == "ahead of Structured classes on prerequisites (+5.0)"
    assert [v.message for v in last.violations] == [
        "assumes 4 required prerequisites you haven't ticked: Python proficiency, Web "
        "development fundamentals, HTTP and RESTful API design and Databases and SQL"
    ]
    assert last.penalty == LIMIT_PENALTY
    assert last.score == pytest.approx(last.weighted - LIMIT_PENALTY)
    assert recommendation.summary.startswith("Bootcamps fits you best")


def test_the_same_learner_with_every_prerequisite_done_is_sent_to_self_study() -> None:
    recommendation = rank(GENERIC, Situation(), ALL_DONE)

    assert order(recommendation)[0] == "self-study"
    assert recommendation.ranking[0].violations == ()
    prerequisites = recommendation.ranking[0].criterion(Criterion.PREREQUISITES)
    assert (prerequisites.score, prerequisites.reason) == (
        10.0,
        "you have all the required prerequisites",
    )


def test_a_career_changer_with_10_hours_and_a_small_budget_gets_the_evening_class() -> None:
    situation = Situation(hours_per_week=10, budget=600, goal=Goal.CAREER_CHANGE)
    recommendation = rank(ALL, situation, HALF_DONE)

    assert order(recommendation) == [
        "own-example-evening-class-b",
        "self-study",
        "structured-classes",
        "bootcamps",
        "own-example-bootcamp-a",
    ]
    best = recommendation.ranking[0]
    assert best.reasons[0] == (
        "ahead of Self-study on career focus (+3.8) and prerequisites (+3.3)"
    )
    assert best.violations == ()
    bootcamp = recommendation.find("own-example-bootcamp-a")
    assert bootcamp is not None
    assert [v.message for v in bootcamp.violations] == [
        "costs $12,400 over your budget",
        "needs 40 h/week, you have 10",
    ]
    generic_bootcamp = recommendation.find("bootcamps")
    assert generic_bootcamp is not None
    assert [v.message for v in generic_bootcamp.violations] == [
        "full-time schedule, you have 10 h/week"
    ]
    self_study = recommendation.find("self-study")
    assert self_study is not None
    assert [v.message for v in self_study.violations] == [
        "assumes 2 required prerequisites you haven't ticked: "
        "HTTP and RESTful API design and Databases and SQL"
    ]


def test_a_full_time_career_changer_with_a_large_budget_gets_the_bootcamp() -> None:
    situation = Situation(
        hours_per_week=40, budget=20_000, goal=Goal.CAREER_CHANGE, guidance=Guidance.LOTS
    )
    recommendation = rank(ALL, situation, ALL_DONE)

    assert order(recommendation)[:3] == [
        "own-example-bootcamp-a",
        "own-example-evening-class-b",
        "bootcamps",
    ]
    assert order(recommendation)[-1] == "structured-classes"
    best = recommendation.ranking[0]
    assert best.reasons[0].startswith("ahead of Example Evening Class B on career focus")
    assert best.violations == ()
    assert "mainly on career focus and outcomes" in recommendation.summary

    generic = rank(GENERIC, situation, ALL_DONE)
    assert order(generic) == ["bootcamps", "self-study", "structured-classes"]
    assert generic.ranking[0].reasons[0] == (
        "ahead of Self-study on career focus (+10.0) and support level (+10.0)"
    )


# --- the rules, one at a time ------------------------------------------------------------------


def test_one_missing_prerequisite_is_named_for_options_that_assume_it() -> None:
    readiness = Readiness(8, 9, ("Databases and SQL",))
    recommendation = rank((SELF_STUDY, BOOTCAMPS), Situation(), readiness)

    self_study = recommendation.find("self-study")
    bootcamps = recommendation.find("bootcamps")
    assert self_study is not None
    assert bootcamps is not None
    assert [v.message for v in self_study.violations] == [
        "assumes the Databases and SQL prerequisite you haven't ticked"
    ]
    assert bootcamps.criterion(Criterion.PREREQUISITES).score == 10.0


def test_little_time_favours_the_flexible_option() -> None:
    little = rank(GENERIC, Situation(hours_per_week=6), ALL_DONE)
    ample = rank(GENERIC, Situation(hours_per_week=40), ALL_DONE)

    def flexibility(recommendation: Recommendation, slug: str) -> float:
        entry = recommendation.find(slug)
        assert entry is not None
        return entry.criterion(Criterion.FLEXIBILITY).score

    gap_little = flexibility(little, "self-study") - flexibility(little, "bootcamps")
    gap_ample = flexibility(ample, "self-study") - flexibility(ample, "bootcamps")
    assert gap_little > gap_ample
    assert "with 6 h/week, flexibility counts more" in (
        little.ranking[0].criterion(Criterion.FLEXIBILITY).reason
    )


def test_career_change_favours_career_focus_and_a_project_does_not() -> None:
    change = rank(GENERIC, Situation(goal=Goal.CAREER_CHANGE), ALL_DONE)
    project = rank(GENERIC, Situation(goal=Goal.PROJECT), ALL_DONE)

    def career(recommendation: Recommendation, slug: str) -> float:
        entry = recommendation.find(slug)
        assert entry is not None
        return entry.criterion(Criterion.CAREER_FOCUS).score

    assert career(change, "bootcamps") > career(change, "structured-classes")
    assert career(change, "structured-classes") > career(change, "self-study")
    assert {career(project, option.slug) for option in GENERIC} == {NEUTRAL_SCORE}


def test_unknown_cost_is_said_and_counted_as_neutral_never_guessed() -> None:
    recommendation = rank(GENERIC, Situation(budget=1_000), ALL_DONE)

    bootcamps = recommendation.find("bootcamps")
    assert bootcamps is not None
    cost = bootcamps.criterion(Criterion.COST)
    assert (cost.value, cost.score, cost.known) == ("unknown", NEUTRAL_SCORE, False)
    assert bootcamps.violations == ()
    assert "unknown, counted as neutral 5/10: cost and outcomes" in bootcamps.reasons


def test_an_offer_over_budget_says_by_how_much() -> None:
    offer = replace(EVENING_CLASS, cost=5_000)
    recommendation = rank((offer,), Situation(budget=2_000), ALL_DONE)

    entry = recommendation.ranking[0]
    assert [v.message for v in entry.violations] == ["costs $3,000 over your budget"]
    assert entry.criterion(Criterion.COST).score == 0.0


def test_a_price_in_another_currency_is_not_compared_with_the_budget() -> None:
    offer = replace(EVENING_CLASS, cost=5_000, currency="EUR")
    entry = rank((offer,), Situation(budget=2_000, currency="USD"), ALL_DONE).ranking[0]

    assert entry.violations == ()
    cost = entry.criterion(Criterion.COST)
    assert cost.value == "€5,000"
    assert cost.reason == "priced in EUR, your budget is in USD: not compared"
    assert not cost.known


def test_a_target_date_too_close_is_a_broken_limit() -> None:
    situation = Situation(target_date=date(2027, 1, 20))  # 8 weeks away
    six_to_ten_weeks = replace(EVENING_CLASS, weeks_min=6)
    recommendation = rank((BOOTCAMPS, six_to_ten_weeks), situation, ALL_DONE)

    bootcamps = recommendation.find("bootcamps")
    evening = recommendation.find("own-example-evening-class-b")
    assert bootcamps is not None
    assert evening is not None
    assert [v.message for v in bootcamps.violations] == [
        "takes at least 12 weeks, your target date is 8 weeks away"
    ]
    assert evening.violations == ()
    assert evening.criterion(Criterion.TIMELINE).score == 6.0  # may run past the date


def test_a_limit_on_a_criterion_weighed_at_zero_is_shown_but_not_penalised() -> None:
    offer = replace(EVENING_CLASS, cost=5_000)
    weights = {Criterion.COST: 0}
    entry = rank((offer,), Situation(budget=2_000), ALL_DONE, weights).ranking[0]

    assert [v.message for v in entry.violations] == ["costs $3,000 over your budget"]
    assert entry.penalty == 0
    assert "not penalised, as you weigh cost at 0" in entry.reasons


def test_changing_a_weight_changes_the_ranking() -> None:
    situation = Situation(hours_per_week=10, budget=600, goal=Goal.CAREER_CHANGE)
    default = rank(GENERIC, situation, ALL_DONE)
    career_first = rank(
        GENERIC,
        situation,
        ALL_DONE,
        {**dict.fromkeys(Criterion, 0), Criterion.CAREER_FOCUS: 10},
    )
    assert order(default)[0] == "self-study"
    assert order(career_first)[0] == "bootcamps"


def test_same_inputs_same_ranking_with_ties_broken_by_slug() -> None:
    twin_a = replace(SELF_STUDY, slug="a-twin", title="Twin")
    twin_b = replace(SELF_STUDY, slug="b-twin", title="Twin")
    options = [*ALL, twin_b, twin_a]
    situation = Situation(hours_per_week=12, budget=1_000, goal=Goal.UPSKILL)
    expected = order(rank(tuple(options), situation, HALF_DONE))
    shuffler = random.Random(7)
    for _ in range(5):
        shuffler.shuffle(options)
        assert order(rank(tuple(options), situation, HALF_DONE)) == expected
    assert expected.index("a-twin") + 1 == expected.index("b-twin")


def test_scores_are_interpretable_weighted_means_out_of_100() -> None:
    entry = rank((SELF_STUDY,), Situation(), ALL_DONE).ranking[0]
    mean = sum(cell.score for cell in entry.criteria) / len(entry.criteria)
    assert entry.score == pytest.approx(mean * 10, abs=0.05)
    assert 0 <= entry.score <= 100


def test_all_weights_zero_ranks_nothing_as_better_and_says_so() -> None:
    recommendation = rank(GENERIC, Situation(), ALL_DONE, dict.fromkeys(Criterion, 0))
    assert {entry.score for entry in recommendation.ranking} == {0.0}
    assert recommendation.summary == "Every weight is 0: set at least one to rank the options."


def test_readiness_is_read_from_the_required_skills_of_the_checklist() -> None:
    def item(slug: str, done: bool, required: bool = True, *kids: ChecklistItem) -> ChecklistItem:
        return ChecklistItem(
            slug, slug.title(), required, done, done, None, "", None, (), (), None, None, kids
        )

    checklist = Checklist(
        "flask",
        (
            item("python", False, True, item("oop", True), item("decorators", False)),
            item("sql", True),
            item("git", False, False),
        ),
    )
    readiness = readiness_from_checklist(checklist)
    assert (readiness.required_done, readiness.required_total) == (2, 3)
    assert readiness.missing == ("Python",)


def test_a_one_week_minimum_is_said_in_the_singular() -> None:
    situation = Situation(target_date=TODAY + timedelta(days=6))  # six days away
    one_week = replace(EVENING_CLASS, weeks_min=1, weeks_max=1)
    entry = rank((one_week,), situation, ALL_DONE).ranking[0]
    assert entry.criterion(Criterion.TIMELINE).value == "1 week"
    assert [v.message for v in entry.violations] == [
        "takes at least 1 week, your target date is 1 week away"
    ]
