"""Every change of the comparison is one undo step: undone through the service and through
``learning-tracker undo``, the stored rows are as before, read through a fresh session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import database_snapshot
from tests.offers import BOOTCAMP_A, EVENING_CLASS_B
from tracker.cli import main
from tracker.domain.changes import Kind
from tracker.wiring import Services, Settings, open_services

PATH = "flask"
OWN_A = "own-example-bootcamp-a"
Change = Callable[[Services], Any]

LEARNER_TABLES = ("situation", "own_offer", "decision")


def learner_rows(data_dir: Path) -> dict[str, list[tuple[object, ...]]]:
    """The comparison's learner rows, read afresh with plain sqlite3."""
    snapshot = database_snapshot(data_dir)
    return {table: snapshot[table] for table in LEARNER_TABLES}


def prepared(services: Services) -> None:
    """A learner who already has a situation, an own offer and a choice."""
    services.choosing.set_situation(hours_per_week=10, budget=2000)
    slug = services.choosing.add_offer(PATH, BOOTCAMP_A).value
    services.choosing.choose(PATH, slug)


CHANGES: dict[str, tuple[Change, str]] = {
    "situation field": (
        lambda s: s.choosing.set_situation(goal="career-change"),
        "Set goal",
    ),
    "weights": (lambda s: s.choosing.set_weights({"cost": 9}), "Weigh cost"),
    "reset weights": (lambda s: s.choosing.reset_weights(), "Reset the weights"),
    "add offer": (
        lambda s: s.choosing.add_offer(PATH, EVENING_CLASS_B),
        "Add Example Evening Class B",
    ),
    "edit offer": (
        lambda s: s.choosing.update_offer(
            PATH, "own-example-bootcamp-a", {**BOOTCAMP_A, "cost": 9}
        ),
        "Edit Example Bootcamp A",
    ),
    "duplicate offer": (
        lambda s: s.choosing.duplicate_offer(PATH, "bootcamps"),
        "Duplicate Bootcamps",
    ),
    "delete offer (and the choice of it)": (
        lambda s: s.choosing.delete_offer(PATH, "own-example-bootcamp-a"),
        "Delete Example Bootcamp A",
    ),
    "choose": (lambda s: s.choosing.choose(PATH, "self-study"), "Choose Self-study"),
    "clear the choice": (lambda s: s.choosing.clear_choice(PATH), "Clear my choice"),
}


@pytest.fixture
def ready(services: Services) -> Services:
    prepared(services)
    services.choosing.set_weights({"outcomes": 8})  # so that a reset changes something
    return services


@pytest.mark.parametrize("name", list(CHANGES))
def test_each_change_is_one_step_undone_by_the_service(
    name: str, ready: Services, data_dir: Path, settings: Settings
) -> None:
    change, label = CHANGES[name]
    before = learner_rows(data_dir)
    result = change(ready)
    assert result.step is not None and result.step.label == label
    assert result.changes.touches(Kind.CHOOSING)
    after = learner_rows(data_dir)
    assert after != before

    ready.operations.undo()
    assert learner_rows(data_dir) == before
    ready.operations.redo()
    assert learner_rows(data_dir) == after


@pytest.mark.parametrize("name", list(CHANGES))
def test_each_change_is_undone_by_the_command_line(
    name: str,
    ready: Services,
    data_dir: Path,
    settings: Settings,
    capsys: pytest.CaptureFixture[str],
) -> None:
    change, label = CHANGES[name]
    before = learner_rows(data_dir)
    change(ready)
    ready.close()

    assert main(["--data-dir", str(data_dir), "undo"]) == 0
    assert capsys.readouterr().out == f"Undid: {label}.\n"
    assert learner_rows(data_dir) == before
    again = open_services(settings)
    try:
        assert again.operations.status().redo is not None
    finally:
        again.close()


def test_undoing_a_delete_brings_back_the_offer_and_the_choice_of_it(ready: Services) -> None:
    choosing = ready.choosing
    chosen = choosing.choice(PATH)
    assert chosen is not None and chosen.option_slug == "own-example-bootcamp-a"
    choosing.delete_offer(PATH, "own-example-bootcamp-a")
    assert choosing.choice(PATH) is None

    ready.operations.undo()
    back = choosing.choice(PATH)
    assert back is not None
    assert (back.option_slug, back.decided_at, back.ranking) == (
        chosen.option_slug,
        chosen.decided_at,
        chosen.ranking,
    )
    assert choosing.option(PATH, "own-example-bootcamp-a").cost == 13_000


def test_typing_in_one_situation_field_is_one_undo_step(services: Services, data_dir: Path) -> None:
    before = learner_rows(data_dir)
    for hours in (1, 2, 3, 4):
        services.choosing.set_situation(hours_per_week=hours)
    assert services.choosing.situation().hours_per_week == 4
    assert [step.label for step in services.operations.history(5)] == ["Set time per week"]
    services.operations.undo()
    assert learner_rows(data_dir) == before


def test_a_save_that_changes_nothing_makes_no_step(services: Services) -> None:
    services.choosing.set_weights({"cost": 5})
    services.choosing.set_situation(budget=None)
    assert services.operations.history(5) == []
