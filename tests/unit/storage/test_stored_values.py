"""Stored values the app cannot interpret: refused on import, survived when already stored.

The importer checks every field with the definitions the app reads with; whatever is in the
database anyway (an older import, a damaged row, another tool) is read as unreadable, never a
traceback, and the learner's other data stays as it is.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import database_snapshot
from tests.poisoned import poison, stored
from tracker.cli import main
from tracker.wiring import Services, Settings, open_services


def progress(**parts: Any) -> dict[str, Any]:
    return {
        "format": "learning-path-tracker-progress",
        "format_version": 1,
        "profile": {"name": "default", "created_at": "2026-01-01T00:00:00"},
        **parts,
    }


def cli(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


@pytest.mark.parametrize(
    ("parts", "where"),
    [
        ({"situation": {"goal": "bogus", "changed_at": "2026-01-02T00:00:00"}}, "situation.goal"),
        (
            {"situation": {"weights": {"cost": 2.5}, "changed_at": "2026-01-02T00:00:00"}},
            "situation.weights.cost",
        ),
        (
            {
                "events": [
                    {
                        "at": "2099-01-01T00:00:00",
                        "action": "resource.status",
                        "path": "flask",
                        "item_kind": "resource",
                        "item_slug": "flask-books",
                        "new": {"a": 1},
                    }
                ]
            },
            "events.0.new",
        ),
        ({"events": [{"at": "2026-01-02T00:00:00", "action": "alien.action"}]}, "events.0.action"),
        (
            {
                "study_sessions": [
                    {"path": "flask", "item_kind": "spaceship", "day": "2026-01-02", "minutes": 5}
                ]
            },
            "study_sessions.0.item_kind",
        ),
        (
            {"decisions": [{"path": "flask", "option": "x", "ranking": [7], "decided_at": "2026"}]},
            "decisions.0.ranking.0",
        ),
    ],
)
def test_a_value_the_app_cannot_read_is_refused_with_its_field(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], parts: Any, where: str
) -> None:
    assert cli(data_dir, "status") == 0  # the profile exists
    before = database_snapshot(data_dir)
    file = tmp_path / "from-elsewhere.json"
    file.write_text(json.dumps(progress(**parts)), encoding="utf-8")
    assert cli(data_dir, "import-progress", str(file)) == 1
    message = capsys.readouterr().err
    assert "from-elsewhere.json was not imported" in message and where in message
    assert database_snapshot(data_dir) == before


def test_every_command_survives_rows_it_cannot_interpret(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(data_dir, "status") == 0
    poison(data_dir)
    for command in (
        ["status"],
        ["compare"],
        ["compare", "--json"],
        ["situation"],
        ["offer", "list"],
        ["export", "--format", "json", "-o", str(tmp_path / "me.json")],
        ["export", "--format", "csv", "-o", str(tmp_path / "me.csv")],
        ["export", "--format", "ics", "-o", str(tmp_path / "me.ics")],
    ):
        assert cli(data_dir, *command) == 0, command
    out = capsys.readouterr().out
    note = next(line for line in out.splitlines() if "could not be read, so" in line)
    assert all(name in note for name in ("goal", "guidance", "hours per week", "weights"))
    assert "1 saved offer could not be read and is left out." in out
    assert "goal:             -" in out  # shown as unset, not guessed
    assert "7 values in situation" in out and "4 log events" in out  # left out of the file
    assert cli(tmp_path / "elsewhere", "import-progress", str(tmp_path / "me.json")) == 0


def test_clearing_a_goal_that_cannot_be_read_works(data_dir: Path) -> None:
    assert cli(data_dir, "status") == 0
    poison(data_dir)
    assert cli(data_dir, "situation", "--clear", "goal") == 0
    assert stored(data_dir, "SELECT goal, guidance FROM situation") == [(None, "nope")]
    assert cli(data_dir, "situation", "--goal", "upskill", "--guidance", "some") == 0
    assert stored(data_dir, "SELECT goal, guidance FROM situation") == [("upskill", "some")]


def test_the_services_read_what_they_can_and_mark_the_rest(settings: Settings) -> None:
    open_services(settings).close()
    poison(settings.data_dir)
    services = open_services(settings)
    try:
        events = services.progress.recent_events(limit=10)
        status = next(e for e in events if e.action == "resource.status")
        assert status.unreadable and status.new is None  # the mapping is not handed on
        alien = next(e for e in events if e.action == "alien.action")
        assert alien.unreadable
        readable = [e for e in events if not e.unreadable]
        assert [e.action for e in readable] == ["profile.created"]
        resource = services.catalog.resource("flask", "flask-books")
        assert (resource.status, resource.rating, resource.notes) == (None, None, "my notes stay")
        html5 = services.checklist.checklist("flask").find("html5")
        assert html5 is not None and html5.done
        assert (html5.confidence, html5.evidence) == (None, ())
        situation = services.choosing.stored_situation()
        assert situation.situation.goal is None and situation.situation.currency == "USD"
        assert set(situation.unreadable) >= {"goal", "guidance", "hours_per_week", "weights"}
        assert "own-weird" not in {option.slug for option in services.choosing.options("flask")}
        choice = services.choosing.choice("flask")
        assert choice is not None and choice.option_slug == "self-study" and choice.ranking == ()
        history = services.plan.progress_over_time("flask", date(2026, 2, 28), date(2026, 3, 2))
        assert [point.skills_done for point in history] == [0, 0, 0]  # a mapping is no tick
        assert services.plan.settings().hours_per_week is None
    finally:
        services.close()


def test_an_export_leaves_out_what_it_cannot_read_and_imports_elsewhere(
    services: Services, tmp_path: Path
) -> None:
    services.catalog.set_notes("flask", "flask-quickstart", "readable notes")
    poison(services.settings.data_dir)
    file = tmp_path / "me.json"
    notes = services.exchange.export_json(file)
    assert notes and "It all stays in your database" in notes[0]
    other = open_services(Settings.resolve(tmp_path / "other"))
    try:
        other.exchange.import_file(file)
        assert other.catalog.resource("flask", "flask-quickstart").notes == "readable notes"
        assert other.catalog.resource("flask", "flask-books").notes == "my notes stay"
    finally:
        other.close()
    # the values left out are still where they were
    assert stored(services.settings.data_dir, "SELECT goal FROM situation") == [("bogus",)]


def test_a_timer_from_a_machine_with_another_path_does_not_break_status(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    timer = {
        "path": "django",
        "item_kind": "resource",
        "item_slug": "django-tutorial",
        "started_at": "2026-01-02T09:00:00",
    }
    file = tmp_path / "other-machine.json"
    file.write_text(json.dumps(progress(running_timer=timer)), encoding="utf-8")
    assert cli(data_dir, "import-progress", str(file)) == 0
    assert cli(data_dir, "status") == 0
    assert cli(data_dir, "timer", "stop", "--minutes", "20") == 0
    assert "20 min" in capsys.readouterr().out
