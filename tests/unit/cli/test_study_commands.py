"""The study commands from the command line, each undone by 'learning-tracker undo'."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.cli import main
from tracker.wiring import Settings, open_services


def read(data_dir: Path) -> tuple[list[int], bool, float | None]:
    """Minutes logged, whether a timer runs, and the weekly hours planned (a fresh process)."""
    services = open_services(Settings.resolve(data_dir))
    try:
        minutes = [entry.minutes for entry in services.studylog.entries("flask")]
        running = services.studylog.running_timer() is not None
        return minutes, running, services.plan.settings().hours_per_week
    finally:
        services.close()


def test_log_timer_and_plan_each_undo_from_the_command_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--data-dir", str(data_dir)]
    assert main([*base, "log", "30", "--on", "html5"]) == 0
    assert read(data_dir) == ([30], False, None)
    assert main([*base, "timer", "start", "--on", "css3"]) == 0
    assert read(data_dir) == ([30], True, None)
    assert main([*base, "plan", "--hours-per-week", "6"]) == 0
    assert read(data_dir) == ([30], True, 6)
    capsys.readouterr()

    assert main([*base, "undo"]) == 0
    assert read(data_dir) == ([30], True, None)
    assert main([*base, "undo"]) == 0
    assert read(data_dir) == ([30], False, None)
    assert main([*base, "undo"]) == 0
    assert read(data_dir) == ([], False, None)
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "Undid: Set plan: 6 h/week.",
        "Undid: Start timer on CSS3.",
        "Undid: Log 30 min on HTML5.",
    ]
    assert main([*base, "redo"]) == 0
    assert read(data_dir) == ([30], False, None)


def test_revisited_prints_the_next_revisit_and_undoes(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--data-dir", str(data_dir)]
    assert main([*base, "check", "html5"]) == 0
    services = open_services(Settings.resolve(data_dir))
    services.checklist.set_confidence("flask", "html5", 2)  # rated low: a revisit scheduled
    services.close()
    capsys.readouterr()
    assert main([*base, "revisited", "html5"]) == 0
    assert "next revisit on" in capsys.readouterr().out
    assert main([*base, "undo"]) == 0
    assert "Undid: Revisit HTML5." in capsys.readouterr().out
