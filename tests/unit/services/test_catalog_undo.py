"""Every catalog change is one undo step: undone through the service and through
``learning-tracker undo`` in another process's way (a real CLI call), each checked in what is
stored, read through a fresh session."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from tracker.cli import main
from tracker.storage.models import OwnResource, ResourceProgress
from tracker.wiring import Services, Settings, open_services

PATH = "flask"
SLUG = "flask-quickstart"
TITLE = "Flask quickstart (official)"


def stored(settings: Settings) -> dict[str, Any]:
    """The learner's catalog rows as a new connection reads them: progress and own resources."""
    engine = create_engine(settings.db_url)
    try:
        with Session(engine) as session:
            progress = {
                row.resource_slug: (row.status, row.rating, row.notes)
                for row in session.scalars(
                    select(ResourceProgress).where(ResourceProgress.path_slug == PATH)
                )
            }
            own = {
                row.slug: (row.title, row.kind, row.cost)
                for row in session.scalars(select(OwnResource).where(OwnResource.path_slug == PATH))
            }
    finally:
        engine.dispose()
    return {"progress": progress, "own": own}


@dataclass(frozen=True)
class Change:
    """A catalog change: what sets the scene, the change itself, its label and what it stores."""

    name: str
    do: Callable[[Services], Any]
    label: str
    after: Callable[[dict[str, Any]], bool]
    before: Callable[[Services], Any] = lambda _services: None


def _own(services: Services) -> str:
    return services.catalog.add_own_resource(PATH, {"title": "My talk", "kind": "video"}).value


CHANGES = [
    Change(
        "status",
        lambda s: s.catalog.set_status(PATH, SLUG, "done"),
        f"Mark {TITLE} done",
        lambda db: db["progress"][SLUG][0] == "done",
    ),
    Change(
        "rating",
        lambda s: s.catalog.set_rating(PATH, SLUG, 4),
        f"Rate {TITLE} 4 stars",
        lambda db: db["progress"][SLUG][1] == 4,
        before=lambda s: s.catalog.set_rating(PATH, SLUG, 2),
    ),
    Change(
        "notes",
        lambda s: s.catalog.set_notes(PATH, SLUG, "Read twice"),
        f"Edit notes on {TITLE}",
        lambda db: db["progress"][SLUG][2] == "Read twice",
    ),
    Change(
        "own resource added",
        lambda s: s.catalog.add_own_resource(PATH, {"title": "My talk", "kind": "video"}),
        "Add My talk",
        lambda db: db["own"] == {"own-my-talk": ("My talk", "video", None)},
    ),
    Change(
        "own resource edited",
        lambda s: s.catalog.update_own_resource(
            PATH, "own-my-talk", {"title": "My talk", "kind": "video", "cost": 12.5}
        ),
        "Edit My talk",
        lambda db: db["own"] == {"own-my-talk": ("My talk", "video", 12.5)},
        before=_own,
    ),
    Change(
        "own resource removed",
        lambda s: s.catalog.delete_own_resource(PATH, "own-my-talk"),
        "Remove My talk",
        lambda db: db["own"] == {},
        before=_own,
    ),
]


@pytest.fixture
def opened(settings: Settings) -> Iterator[Services]:
    services = open_services(settings)
    yield services
    services.close()


@pytest.mark.parametrize("change", CHANGES, ids=[c.name for c in CHANGES])
def test_undone_by_the_service(change: Change, opened: Services, settings: Settings) -> None:
    change.before(opened)
    before = stored(settings)
    result = change.do(opened)
    assert result.step is not None and result.step.label == change.label
    assert result.changes.path_slug == PATH and "catalog" in result.changes.kinds
    assert change.after(stored(settings))

    undone = opened.operations.undo()
    assert undone.value.label == change.label
    assert stored(settings) == before
    opened.operations.redo()
    assert change.after(stored(settings))


@pytest.mark.parametrize("change", CHANGES, ids=[c.name for c in CHANGES])
def test_undone_from_the_command_line(
    change: Change, opened: Services, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    change.before(opened)
    before = stored(settings)
    change.do(opened)

    assert main(["--data-dir", str(settings.data_dir), "undo"]) == 0
    assert capsys.readouterr().out == f"Undid: {change.label}.\n"
    assert stored(settings) == before
    assert main(["--data-dir", str(settings.data_dir), "redo"]) == 0
    assert change.after(stored(settings))


def test_a_typing_session_is_one_step_and_its_undo_restores_the_notes_before_it(
    opened: Services, settings: Settings
) -> None:
    opened.catalog.set_notes(PATH, SLUG, "Before")
    for text in ("R", "Re", "Read", "Read it"):
        opened.catalog.set_notes(PATH, SLUG, text, typing_session="s1")
    opened.catalog.set_notes(PATH, SLUG, "Read it again", typing_session="s2")
    labels = [step.label for step in opened.operations.history(10)]
    assert labels == [f"Edit notes on {TITLE}"] * 3
    opened.operations.undo()
    assert stored(settings)["progress"][SLUG][2] == "Read it"
    opened.operations.undo()
    assert stored(settings)["progress"][SLUG][2] == "Before"


def test_undoing_a_removal_brings_back_the_resource_and_its_search_words(
    opened: Services,
) -> None:
    slug = _own(opened)
    opened.catalog.set_notes(PATH, slug, "okapi")
    opened.catalog.delete_own_resource(PATH, slug)
    assert opened.catalog.search(PATH, "talk") == []
    opened.operations.undo()
    assert opened.catalog.search(PATH, "my talk") == [slug]
    assert opened.catalog.search(PATH, "okapi") == [slug]
    assert opened.catalog.resource(PATH, slug).notes == "okapi"


def test_a_change_that_changes_nothing_makes_no_step(opened: Services) -> None:
    opened.catalog.set_status(PATH, SLUG, "done")
    again = opened.catalog.set_status(PATH, SLUG, "done")
    assert again.step is None and not again.changes
    assert len(opened.operations.history(10)) == 1


def test_a_pack_import_says_what_it_changed_and_is_not_an_undo_step(
    opened: Services, tmp_path: Any
) -> None:
    from tracker.domain.changes import Kind
    from tracker.locations import bundled_packs_dir

    result = opened.packs.import_file(bundled_packs_dir() / "flask.yaml")
    assert result.step is None
    assert result.changes.path_slug == PATH
    assert {Kind.PACKS, Kind.CATALOG, Kind.CHECKLIST} <= result.changes.kinds
    assert opened.operations.history(10) == []
