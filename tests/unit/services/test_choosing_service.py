"""The choosing service on a real database: situation, weights, offers, choice."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.helpers import database_snapshot
from tests.offers import BOOTCAMP_A
from tracker.domain.choosing import DEFAULT_WEIGHTS, Criterion, Situation
from tracker.domain.enums import Goal, Guidance, ResourceFormat
from tracker.errors import NotFoundError
from tracker.services.choosing import InvalidFieldsError
from tracker.storage.models import Event
from tracker.wiring import Services, Settings, open_services


def reopen(settings: Settings) -> Services:
    return open_services(settings)


def events(services: Services, action: str) -> list[Event]:
    with services.store.reading() as session:
        return list(session.scalars(select(Event).where(Event.action == action).order_by(Event.id)))


def test_the_situation_is_saved_per_profile_and_survives_a_restart(
    services: Services, settings: Settings
) -> None:
    services.choosing.set_situation(
        hours_per_week=10,
        budget="2500",
        currency="eur",
        target_date="2027-06-30",
        goal="career-change",
        guidance="lots",
        preferred_format="live-online",
    )
    again = reopen(settings)
    try:
        assert again.choosing.situation() == Situation(
            hours_per_week=10,
            budget=2500,
            currency="EUR",
            target_date=date(2027, 6, 30),
            goal=Goal.CAREER_CHANGE,
            guidance=Guidance.LOTS,
            preferred_format=ResourceFormat.LIVE_ONLINE,
        )
        assert {e.field for e in events(again, "situation.changed")} == {
            "hours_per_week",
            "budget",
            "currency",
            "target_date",
            "goal",
            "guidance",
            "preferred_format",
        }
        other = open_services(Settings.resolve(settings.data_dir, profile="someone-else"))
        try:
            assert other.choosing.situation() == Situation()
        finally:
            other.close()
    finally:
        again.close()


def test_none_clears_a_situation_field(services: Services) -> None:
    services.choosing.set_situation(budget=500, goal="upskill")
    services.choosing.set_situation(budget=None)
    assert services.choosing.situation() == Situation(goal=Goal.UPSKILL)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"hours_per_week": 200}, "hours_per_week", "must be 168 or less"),
        ({"hours_per_week": -1}, "hours_per_week", "must not be negative"),
        ({"budget": "lots"}, "budget", "must be a number, not 'lots'"),
        ({"currency": "dollars"}, "currency", "use a three-letter code such as USD or EUR"),
        ({"goal": "fun"}, "goal", "choose one of: career-change, upskill, project"),
        ({"guidance": "max"}, "guidance", "choose one of: little, some, lots"),
        (
            {"preferred_format": "tv"},
            "preferred_format",
            "choose one of: self-paced, live-online, in-person",
        ),
        ({"target_date": "30/06/2027"}, "target_date", "use the form YYYY-MM-DD, not '30/06/2027'"),
        ({"mood": "good"}, "mood", "is not part of the situation"),
    ],
)
def test_a_bad_situation_field_is_named_and_nothing_changes(
    services: Services, data_dir: Path, changes: dict[str, Any], field: str, message: str
) -> None:
    services.choosing.set_situation(hours_per_week=8)
    before = database_snapshot(data_dir)
    with pytest.raises(InvalidFieldsError) as raised:
        services.choosing.set_situation(**{"budget": 100, **changes})
    assert raised.value.problems == {field: message}
    assert str(raised.value).startswith("Your situation was not saved.")
    assert database_snapshot(data_dir) == before


def test_weights_are_stored_in_the_situation(services: Services, settings: Settings) -> None:
    assert services.choosing.weights() == DEFAULT_WEIGHTS
    services.choosing.set_weights({"cost": 9, "career-focus": 2})
    again = reopen(settings)
    try:
        weights = again.choosing.weights()
        assert (weights[Criterion.COST], weights[Criterion.CAREER_FOCUS]) == (9, 2)
        assert weights[Criterion.TIMELINE] == 5
        assert len(events(again, "situation.weights")) == 1
        again.choosing.reset_weights()
        assert again.choosing.weights() == DEFAULT_WEIGHTS
    finally:
        again.close()


@pytest.mark.parametrize(
    ("weights", "field", "message"),
    [
        ({"cost": 11}, "cost", "must be 0 to 10, not 11"),
        ({"cost": -1}, "cost", "must be 0 to 10, not -1"),
        ({"cost": 2.5}, "cost", "must be a whole number, not 2.5"),
        ({"cost": "high"}, "cost", "must be a whole number, not 'high'"),
    ],
)
def test_a_bad_weight_is_named_and_nothing_changes(
    services: Services, data_dir: Path, weights: dict[str, Any], field: str, message: str
) -> None:
    before = database_snapshot(data_dir)
    with pytest.raises(InvalidFieldsError) as raised:
        services.choosing.set_weights(weights)
    assert raised.value.problems == {field: message}
    assert database_snapshot(data_dir) == before


def test_an_unknown_criterion_is_refused(services: Services, data_dir: Path) -> None:
    before = database_snapshot(data_dir)
    with pytest.raises(InvalidFieldsError) as raised:
        services.choosing.set_weights({"price": 3})
    assert raised.value.problems["price"].startswith("is not a criterion (use one of: timeline,")
    assert database_snapshot(data_dir) == before


def test_options_are_the_pack_approaches_then_own_offers(services: Services) -> None:
    slug = services.choosing.add_offer("flask", BOOTCAMP_A).value
    options = services.choosing.options("flask")
    assert [o.slug for o in options] == ["self-study", "structured-classes", "bootcamps", slug]
    assert slug == "own-example-bootcamp-a"
    assert [o.generic for o in options] == [True, True, True, False]
    assert options[-1].own
    assert options[1].cost is None  # the article gives no price: unknown, not invented


def test_an_added_offer_is_scored_with_its_limits(services: Services) -> None:
    services.choosing.set_situation(hours_per_week=10, budget=1_000, goal="career-change")
    slug = services.choosing.add_offer("flask", BOOTCAMP_A).value
    entry = services.choosing.rank("flask").find(slug)
    assert entry is not None
    assert [v.message for v in entry.violations] == [
        "costs $12,000 over your budget",
        "needs 40 h/week, you have 10",
    ]
    assert len(events(services, "offer.added")) == 1


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": "  "}, "title", "is required"),
        ({"cost": -5}, "cost", "must not be negative"),
        ({"cost": "cheap"}, "cost", "must be a number"),
        ({"url": "ftp://example.com/x"}, "url", "URL scheme must be http or https, not 'ftp'"),
        (
            {"url": "javascript:alert(1)"},
            "url",
            "URL scheme must be http or https, not 'javascript'",
        ),
        ({"url": "https://"}, "url", "URL has no host"),
        ({"rating": 6}, "rating", "must be 5 or less"),
        ({"hours_per_week": 200}, "hours_per_week", "must be 168 or less"),
        ({"currency": "euro"}, "currency", "use a three-letter code such as USD or EUR"),
        (
            {"schedule": "weekends"},
            "schedule",
            "choose one of: flexible, part-time, full-time, evenings or semester",
        ),
        (
            {"weeks_min": 20, "weeks_max": 12},
            "weeks_max",
            "must not be less than the minimum (20 weeks)",
        ),
        ({"colour": "red"}, "colour", "is not an offer field"),
    ],
)
def test_a_bad_offer_field_is_named_and_nothing_changes(
    services: Services, data_dir: Path, fields: dict[str, Any], field: str, message: str
) -> None:
    slug = services.choosing.add_offer("flask", BOOTCAMP_A).value
    before = database_snapshot(data_dir)
    with pytest.raises(InvalidFieldsError) as raised:
        services.choosing.add_offer("flask", {**BOOTCAMP_A, **fields})
    assert raised.value.problems == {field: message}
    with pytest.raises(InvalidFieldsError):
        services.choosing.update_offer("flask", slug, {**BOOTCAMP_A, **fields})
    assert database_snapshot(data_dir) == before


def test_edit_duplicate_and_delete_own_offers(services: Services) -> None:
    choosing = services.choosing
    slug = choosing.add_offer("flask", BOOTCAMP_A).value
    old = choosing.update_offer("flask", slug, {**BOOTCAMP_A, "cost": 12_000}).value
    assert old["cost"] == 13_000
    assert choosing.option("flask", slug).cost == 12_000

    copy = choosing.duplicate_offer("flask", slug).value
    assert copy == "own-example-bootcamp-a-copy"
    assert choosing.option("flask", copy).title == "Example Bootcamp A (copy)"
    assert choosing.option("flask", copy).cost == 12_000

    from_pack = choosing.duplicate_offer("flask", "bootcamps").value
    duplicated = choosing.option("flask", from_pack)
    assert (duplicated.own, duplicated.generic, duplicated.weeks_min) == (True, False, 12)

    choosing.delete_offer("flask", copy)
    assert copy not in [o.slug for o in choosing.options("flask")]
    actions = [e.action for e in events(services, "offer.edited")]
    assert actions == ["offer.edited"]


def test_pack_offers_cannot_be_edited_or_deleted(services: Services, data_dir: Path) -> None:
    before = database_snapshot(data_dir)
    with pytest.raises(NotFoundError, match="'bootcamps' is not one of your own offers"):
        services.choosing.update_offer("flask", "bootcamps", BOOTCAMP_A)
    with pytest.raises(NotFoundError):
        services.choosing.delete_offer("flask", "self-study")
    assert database_snapshot(data_dir) == before


def test_my_choice_is_recorded_with_the_ranking_of_that_moment(
    services: Services, settings: Settings
) -> None:
    services.choosing.set_situation(hours_per_week=40, budget=20_000, goal="career-change")
    slug = services.choosing.add_offer("flask", BOOTCAMP_A).value
    choice = services.choosing.choose("flask", slug).value
    assert choice.option_title == "Example Bootcamp A"

    again = reopen(settings)
    try:
        saved = again.choosing.choice("flask")
        assert saved is not None
        assert (saved.option_slug, saved.option_title) == (slug, "Example Bootcamp A")
        assert [row["slug"] for row in saved.ranking] == [
            e.option.slug for e in again.choosing.rank("flask").ranking
        ]
        (event,) = events(again, "decision.made")
        assert event.item_slug == slug
        assert event.new["option"] == slug
        assert event.new["ranking"][0]["rank"] == 1
        assert event.new["weights"]["cost"] == 5
    finally:
        again.close()


def test_deleting_the_chosen_offer_clears_the_choice(services: Services) -> None:
    slug = services.choosing.add_offer("flask", BOOTCAMP_A).value
    services.choosing.choose("flask", slug)
    services.choosing.delete_offer("flask", slug)
    assert services.choosing.choice("flask") is None
    assert len(events(services, "decision.cleared")) == 1


def test_choosing_an_unknown_option_changes_nothing(services: Services, data_dir: Path) -> None:
    before = database_snapshot(data_dir)
    with pytest.raises(NotFoundError, match=r"There is no option 'nope' in the 'flask' path\."):
        services.choosing.choose("flask", "nope")
    assert database_snapshot(data_dir) == before


def test_ticking_prerequisites_changes_what_self_study_assumes(services: Services) -> None:
    def self_study_violations() -> list[str]:
        entry = services.choosing.rank("flask").find("self-study")
        assert entry is not None
        return [v.message for v in entry.violations]

    assert self_study_violations()[0].startswith("assumes 4 required prerequisites")
    for slug in ("python-proficiency", "web-fundamentals", "http-rest"):
        services.checklist.set_done("flask", slug, True)
    assert self_study_violations() == [
        "assumes the Databases and SQL prerequisite you haven't ticked"
    ]
    services.checklist.set_done("flask", "databases-sql", True)
    assert self_study_violations() == []


def test_all_offer_problems_are_reported_at_once(services: Services, data_dir: Path) -> None:
    before = database_snapshot(data_dir)
    with pytest.raises(InvalidFieldsError) as raised:
        services.choosing.add_offer(
            "flask", {**BOOTCAMP_A, "weeks_min": 20, "weeks_max": 12, "cost": -1}
        )
    assert raised.value.problems == {
        "cost": "must not be negative",
        "weeks_max": "must not be less than the minimum (20 weeks)",
    }
    assert database_snapshot(data_dir) == before
