"""The one operation path: every change is one undo step in the core, kept across processes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, select, update

from tracker.cli import main
from tracker.domain.actions import Action
from tracker.domain.changes import Kind
from tracker.errors import InvalidInputError
from tracker.storage.history import KEEP_STEPS
from tracker.storage.models import Event, PrerequisiteState, UndoStep
from tracker.wiring import Services, Settings, open_services


def own_states(services: Services, slug: str) -> list[tuple[str, bool]]:
    item = services.checklist.checklist("flask").find(slug)
    assert item is not None
    return [(entry.slug, entry.own_done) for entry in item.walk()]


@pytest.fixture
def reopen(settings: Settings) -> Iterator[Callable[[], Services]]:
    opened: list[Services] = []

    def fresh() -> Services:
        services = open_services(settings)
        opened.append(services)
        return services

    yield fresh
    for services in opened:
        services.close()


def test_undo_puts_a_tick_of_a_skill_and_its_sub_skills_back(services: Services) -> None:
    services.checklist.set_done("flask", "python-oop", True)
    before = own_states(services, "python-proficiency")
    result = services.checklist.set_done("flask", "python-proficiency", True)
    assert result.step is not None and result.step.label == "Tick Python proficiency"
    assert result.changes.kinds == {Kind.CHECKLIST}
    assert result.changes.path_slug == "flask"
    assert result.changes.slugs == {"python-proficiency", "python-decorators", "python-packaging"}
    undone = services.operations.undo()
    assert undone.value.label == "Tick Python proficiency"
    assert undone.changes.touches(Kind.CHECKLIST)
    assert own_states(services, "python-proficiency") == before
    services.operations.redo()
    assert all(done for _, done in own_states(services, "python-proficiency"))


def test_the_history_is_kept_in_the_database_for_the_next_process(
    services: Services, reopen: Callable[[], Services]
) -> None:
    services.checklist.set_done("flask", "html5", True)
    services.checklist.set_confidence("flask", "html5", 4)
    later = reopen()
    assert later.operations.status().undo.label == "Set confidence in HTML5 to 4"  # type: ignore[union-attr]
    later.operations.undo()
    later.operations.undo()
    item = reopen().checklist.checklist("flask").find("html5")
    assert item is not None and not item.done and item.confidence is None


def test_undo_is_logged_so_progress_drawn_from_the_log_stays_true(services: Services) -> None:
    services.checklist.set_done("flask", "html5", True)
    services.operations.undo()
    with services.store.reading() as session:
        entries = session.execute(
            select(Event.action, Event.item_slug, Event.old, Event.new).order_by(Event.id)
        ).all()
    assert entries[-3:] == [
        (Action.PREREQUISITE_DONE, "html5", False, True),
        (Action.UNDONE, None, None, {"label": "Tick HTML5", "action": "prerequisite.done"}),
        (Action.PREREQUISITE_DONE, "html5", True, False),
    ]


def test_a_typing_session_is_one_step(services: Services) -> None:
    for confidence in (2, 3, 4):
        services.checklist.set_confidence("flask", "css3", confidence)
    steps = services.operations.history()
    assert [step.label for step in steps] == ["Set confidence in CSS3 to 4"]
    services.operations.undo()
    item = services.checklist.checklist("flask").find("css3")
    assert item is not None and item.confidence is None


def test_saves_far_apart_are_separate_steps(services: Services) -> None:
    services.checklist.set_confidence("flask", "css3", 2)
    with services.store.transaction() as session:
        step = session.scalars(select(UndoStep)).one()
        step.at -= timedelta(minutes=6)
    services.checklist.set_confidence("flask", "css3", 3)
    assert len(services.operations.history()) == 2


def test_a_change_that_changes_nothing_makes_no_step(services: Services) -> None:
    services.checklist.set_done("flask", "html5", True)
    again = services.checklist.set_done("flask", "html5", True)
    assert again.step is None and not again.changes
    assert len(services.operations.history()) == 1


def test_a_new_change_after_undo_ends_the_redo_branch(services: Services) -> None:
    services.checklist.set_done("flask", "html5", True)
    services.operations.undo()
    assert services.operations.status().redo is not None
    services.checklist.set_done("flask", "css3", True)
    assert services.operations.status().redo is None
    with pytest.raises(InvalidInputError, match="nothing to redo"):
        services.operations.redo()


def test_at_least_two_hundred_steps_are_kept(services: Services) -> None:
    for index in range(KEEP_STEPS + 5):
        services.checklist.set_done("flask", "html5", index % 2 == 0)
    assert len(services.operations.history(1000)) == KEEP_STEPS >= 50
    for _ in range(KEEP_STEPS):
        services.operations.undo()
    item = services.checklist.checklist("flask").find("html5")
    assert item is not None and item.done  # as the fifth change (the oldest kept) left it
    with pytest.raises(InvalidInputError, match="nothing to undo"):
        services.operations.undo()


def test_undo_refuses_when_the_row_changed_outside_the_history(services: Services) -> None:
    services.checklist.set_done("flask", "html5", True)
    with services.store.transaction() as session:
        session.execute(
            update(PrerequisiteState)
            .where(PrerequisiteState.prerequisite_slug == "html5")
            .values(done=False)
        )
    with pytest.raises(InvalidInputError, match="Cannot undo “Tick HTML5”"):
        services.operations.undo()
    assert services.operations.status().undo is not None  # still there, nothing changed


def test_undo_and_redo_from_the_command_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str], reopen: Callable[[], Services]
) -> None:
    assert main(["--data-dir", str(data_dir), "check", "html5"]) == 0
    assert main(["--data-dir", str(data_dir), "undo"]) == 0
    assert "Undid: Tick HTML5." in capsys.readouterr().out
    item = reopen().checklist.checklist("flask").find("html5")
    assert item is not None and not item.done
    assert main(["--data-dir", str(data_dir), "redo"]) == 0
    assert main(["--data-dir", str(data_dir), "history"]) == 0
    assert "Tick HTML5" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "undo"]) == 0
    assert main(["--data-dir", str(data_dir), "undo"]) == 1
    assert "There is nothing to undo." in capsys.readouterr().err


def test_reads_in_a_snapshot_are_one_transaction(services: Services) -> None:
    begun: list[object] = []

    def count(connection: object) -> None:
        begun.append(connection)

    event.listen(services.store.engine, "begin", count)
    try:
        with services.snapshot():
            services.checklist.checklist("flask")
            services.catalog.resources("flask")
            services.studylog.running_timer()
        assert len(begun) == 1
        services.checklist.checklist("flask")
        services.catalog.resources("flask")
        assert len(begun) == 3  # outside a snapshot, each read is its own
    finally:
        event.remove(services.store.engine, "begin", count)


def test_confidence_and_evidence_are_undone_from_the_command_line(
    services: Services, data_dir: Path, reopen: Callable[[], Services]
) -> None:
    services.checklist.set_evidence("flask", "html5", ["https://github.com/me/site"])
    services.checklist.set_confidence("flask", "html5", 2)  # schedules a revisit
    services.close()
    assert main(["--data-dir", str(data_dir), "undo"]) == 0
    item = reopen().checklist.checklist("flask").find("html5")
    assert item is not None and item.confidence is None and item.revisit_due is None
    assert item.evidence == ("https://github.com/me/site",)
    assert main(["--data-dir", str(data_dir), "undo"]) == 0
    item = reopen().checklist.checklist("flask").find("html5")
    assert item is not None and item.evidence == ()
