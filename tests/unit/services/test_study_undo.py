"""Every change to study time, the timer, the plan and revisits is one undo step in the core:
undone by the service and by ``learning-tracker undo``, as a fresh session then reads it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tracker.cli import main
from tracker.clock import local_today
from tracker.domain.changes import Kind
from tracker.errors import TimerTooLongError
from tracker.wiring import Services, Settings, open_services

START = datetime(2026, 1, 5, 18, 0, 0)


def log_state(services: Services) -> object:
    return [(e.day, e.minutes, e.item_slug, e.note) for e in services.studylog.entries("flask")]


def timer_state(services: Services) -> object:
    running = services.studylog.running_timer()
    timer = None if running is None else (running.item_slug, running.started_at)
    return timer, log_state(services)


def plan_state(services: Services) -> object:
    return services.plan.settings()


def revisit_state(services: Services) -> object:
    item = services.checklist.checklist("flask").find("html5")
    assert item is not None
    return item.confidence, [(v.slug, v.due, v.step) for v in services.revisits.scheduled("flask")]


def first_entry(services: Services) -> int:
    return services.studylog.entries("flask")[0].id


@dataclass(frozen=True)
class WriteKind:
    """One kind of change: how to set it up, make it, read what it left, and its step."""

    setup: Callable[[Services], Any]
    change: Callable[[Services], Any]
    state: Callable[[Services], object]
    label: str
    kind: Kind


KINDS = {
    "log": WriteKind(
        lambda s: None,
        lambda s: s.studylog.log("flask", 30, item_kind="prerequisite", item_slug="html5"),
        log_state,
        "Log 30 min on HTML5",
        Kind.STUDY,
    ),
    "edit an entry": WriteKind(
        lambda s: s.studylog.log("flask", 30, note="forms", day=date(2026, 1, 2)),
        lambda s: s.studylog.update_entry(
            first_entry(s),
            day=date(2026, 1, 3),
            minutes=45,
            item_kind=None,
            item_slug=None,
            note="tables",
        ),
        log_state,
        "Edit log entry of 03 Jan 2026",
        Kind.STUDY,
    ),
    "delete an entry": WriteKind(
        lambda s: s.studylog.log("flask", 30, note="forms"),
        lambda s: s.studylog.delete_entry(first_entry(s)),
        log_state,
        "Delete log entry",
        Kind.STUDY,
    ),
    "start the timer": WriteKind(
        lambda s: None,
        lambda s: s.studylog.start_timer("flask", "resource", "flask-quickstart", now=START),
        timer_state,
        "Start timer on Flask quickstart (official)",
        Kind.TIMER,
    ),
    "stop the timer": WriteKind(
        lambda s: s.studylog.start_timer("flask", "prerequisite", "css3", now=START),
        lambda s: s.studylog.stop_timer(now=START + timedelta(minutes=25)),
        timer_state,
        "Stop timer and log 25 min",
        Kind.STUDY,
    ),
    "discard the timer": WriteKind(
        lambda s: s.studylog.start_timer("flask", now=START),
        lambda s: s.studylog.discard_timer(),
        timer_state,
        "Discard timer",
        Kind.TIMER,
    ),
    "set the plan": WriteKind(
        lambda s: None,
        lambda s: s.plan.set_plan(6, date(2026, 6, 1)),
        plan_state,
        "Set plan: 6 h/week, target 01 Jun 2026",
        Kind.PLAN,
    ),
    "show study days": WriteKind(
        lambda s: None,
        lambda s: s.plan.set_streaks_enabled(True),
        plan_state,
        "Show study days",
        Kind.PLAN,
    ),
    "revisit a skill": WriteKind(
        lambda s: (
            s.checklist.set_done("flask", "html5", True),
            s.checklist.set_confidence("flask", "html5", 2),
        ),
        lambda s: s.revisits.revisited(
            "flask", "html5", confidence=3, today=local_today() + timedelta(days=4)
        ),
        revisit_state,
        "Revisit HTML5 (confidence 3/5)",
        Kind.CHECKLIST,
    ),
}


@pytest.fixture
def fresh(settings: Settings) -> Callable[[Callable[[Services], object]], object]:
    """What a new process reads: ``fresh(state)`` opens the data folder anew and reads it."""

    def read(state: Callable[[Services], object]) -> object:
        services = open_services(settings)
        try:
            return state(services)
        finally:
            services.close()

    return read


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_change_is_undone_and_redone_by_the_service(
    name: str, services: Services, fresh: Callable[[Callable[[Services], object]], object]
) -> None:
    write = KINDS[name]
    write.setup(services)
    before = fresh(write.state)
    result = write.change(services)
    after = fresh(write.state)
    assert after != before
    assert result.step is not None and result.step.label == write.label
    assert result.changes.touches(write.kind)

    undone = services.operations.undo()
    assert undone.value.label == write.label and undone.changes.touches(write.kind)
    assert fresh(write.state) == before
    services.operations.redo()
    assert fresh(write.state) == after


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_change_is_undone_by_the_command_line(
    name: str,
    services: Services,
    data_dir: Path,
    fresh: Callable[[Callable[[Services], object]], object],
    capsys: pytest.CaptureFixture[str],
) -> None:
    write = KINDS[name]
    write.setup(services)
    before = fresh(write.state)
    write.change(services)
    services.close()
    assert main(["--data-dir", str(data_dir), "undo"]) == 0
    assert f"Undid: {write.label}." in capsys.readouterr().out
    assert fresh(write.state) == before


def test_a_refused_stop_changes_nothing_and_makes_no_step(services: Services) -> None:
    services.studylog.start_timer("flask", now=START)
    steps = services.operations.history()
    with pytest.raises(TimerTooLongError, match=r"running for 14\.0 hours"):
        services.studylog.stop_timer(now=START + timedelta(hours=14))
    assert services.operations.history() == steps
    assert services.studylog.running_timer() is not None
