"""Importing progress is one operation: one undo step that puts every merged row back."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import database_snapshot
from tracker.cli import main
from tracker.domain.changes import Kind
from tracker.domain.enums import ItemKind
from tracker.wiring import Services, Settings, open_services

LEARNER_TABLES = (
    "profile",
    "prerequisite_state",
    "resource_progress",
    "own_resource",
    "own_offer",
    "situation",
    "decision",
    "study_session",
    "running_timer",
    "event",
)


@pytest.fixture
def laptop_file(tmp_path: Path) -> Path:
    """A progress file from another machine that changes a bit of everything here."""
    laptop = open_services(Settings.resolve(tmp_path / "laptop"))
    try:
        laptop.checklist.set_done("flask", "html5", True)
        laptop.checklist.set_confidence("flask", "python-oop", 2)
        laptop.catalog.set_status("flask", "flask-books", "done")
        laptop.catalog.set_notes("flask", "flask-books", "from the laptop")
        own = laptop.catalog.add_own_resource(
            "flask", {"title": "Laptop notes", "kind": "tutorial", "url": "https://example.org/"}
        ).value
        laptop.studylog.log("flask", 40, item_kind=ItemKind.RESOURCE, item_slug=own, note="train")
        laptop.choosing.set_situation(hours_per_week=8, budget=300)
        file = tmp_path / "laptop.json"
        laptop.exchange.export_json(file)
    finally:
        laptop.close()
    return file


def learner_state(data_dir: Path) -> dict[str, list[tuple[object, ...]]]:
    """The learner's tables as a fresh connection reads them."""
    snapshot = database_snapshot(data_dir)
    return {table: snapshot[table] for table in LEARNER_TABLES if table in snapshot}


def added_actions(before: list[tuple[object, ...]], after: list[tuple[object, ...]]) -> list[str]:
    """The actions of the log entries in ``after`` and not in ``before`` (which all stay)."""
    assert set(before) <= set(after)
    return sorted(str(row[4]) for row in set(after) - set(before))


def record_something(services: Services) -> None:
    services.checklist.set_done("flask", "css3", True)
    services.catalog.set_notes("flask", "flask-books", "from the desktop")
    services.studylog.log("flask", 25, note="desktop")


def test_an_import_is_one_step_and_undo_puts_every_row_back(
    services: Services, data_dir: Path, laptop_file: Path
) -> None:
    record_something(services)
    before = learner_state(data_dir)
    result = services.exchange.import_file(laptop_file)
    assert result.value.changed_anything
    assert result.step is not None and result.step.label == "Import progress from laptop.json"
    assert result.changes.touches(Kind.CHECKLIST, Kind.CATALOG, Kind.STUDY, Kind.CHOOSING)
    assert result.changes.kinds >= {Kind.CHECKLIST, Kind.CATALOG, Kind.STUDY, Kind.CHOOSING}
    merged = learner_state(data_dir)
    assert merged != before
    assert services.operations.status().undo == result.step

    undone = services.operations.undo()
    assert undone.value.label == "Import progress from laptop.json"
    assert undone.changes.kinds >= {Kind.CHECKLIST, Kind.CATALOG, Kind.STUDY, Kind.CHOOSING}
    after = learner_state(data_dir)
    logged = after.pop("event")
    expected = dict(before)
    before_log = expected.pop("event")
    assert after == expected  # every merged row back as it was
    # the log: what was there, the import's own entry and the undo's; none of the laptop's
    assert added_actions(before_log, logged) == ["history.undone", "progress.imported"]

    reread = open_services(Settings.resolve(data_dir))
    try:
        assert not reread.checklist.checklist("flask").find("html5").done  # type: ignore[union-attr]
        assert reread.catalog.resource("flask", "flask-books").notes == "from the desktop"
        assert reread.studylog.total_minutes("flask") == 25
    finally:
        reread.close()

    redone = services.operations.redo()  # and back again: the merge as it was
    assert redone.value.label == "Import progress from laptop.json"
    again = learner_state(data_dir)
    again.pop("event")
    merged.pop("event")
    assert again == merged


def test_an_import_is_undone_from_the_command_line(
    services: Services, data_dir: Path, laptop_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record_something(services)
    services.close()
    before = learner_state(data_dir)
    base = ["--data-dir", str(data_dir)]
    assert main([*base, "import-progress", str(laptop_file)]) == 0
    assert learner_state(data_dir) != before
    capsys.readouterr()
    assert main([*base, "undo"]) == 0
    assert capsys.readouterr().out.strip() == "Undid: Import progress from laptop.json."
    after = learner_state(data_dir)
    after_log, before_log = after.pop("event"), dict(before).pop("event")
    assert after == {k: v for k, v in before.items() if k != "event"}
    assert added_actions(before_log, after_log) == ["history.undone", "progress.imported"]

    fresh = open_services(Settings.resolve(data_dir))
    try:
        assert not fresh.checklist.checklist("flask").find("html5").done  # type: ignore[union-attr]
        assert fresh.catalog.resource("flask", "flask-books").notes == "from the desktop"
    finally:
        fresh.close()


def test_importing_the_same_file_after_an_undo_merges_it_again(
    services: Services, laptop_file: Path
) -> None:
    first = services.exchange.import_file(laptop_file).value
    services.operations.undo()
    second = services.exchange.import_file(laptop_file).value  # the laptop's log is gone too
    assert second.added == first.added and second.updated == first.updated
    assert services.checklist.checklist("flask").find("html5").done  # type: ignore[union-attr]


def test_an_import_that_changes_nothing_makes_no_step(services: Services, tmp_path: Path) -> None:
    file = tmp_path / "me.json"
    services.checklist.set_done("flask", "html5", True)
    services.exchange.export_json(file)
    status = services.operations.status()
    result = services.exchange.import_file(file)  # into itself
    assert not result.value.changed_anything and result.step is None
    assert services.operations.status() == status
