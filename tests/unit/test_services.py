"""The services a learner's actions go through: each saved at once, each in the event log."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from tracker.domain.views import Checklist
from tracker.errors import InvalidInputError, NotFoundError, StorageError
from tracker.wiring import Services, Settings, open_services


def test_ticking_a_skill_with_sub_skills_ticks_them_all(services: Services) -> None:
    previous = services.checklist.set_done("flask", "python-proficiency", True).value
    assert previous == {
        "python-proficiency": False,
        "python-oop": False,
        "python-decorators": False,
        "python-packaging": False,
    }
    checklist = services.checklist.checklist("flask")
    item = checklist.find("python-proficiency")
    assert item is not None and item.done and item.done_children == 3
    assert (checklist.required.done, checklist.required.total) == (1, 4)


def test_a_parent_is_done_only_when_all_its_children_are(services: Services) -> None:
    services.checklist.set_done("flask", "python-oop", True)
    services.checklist.set_done("flask", "python-decorators", True)
    item = services.checklist.checklist("flask").find("python-proficiency")
    assert item is not None and not item.done and item.done_children == 2
    services.checklist.set_done("flask", "python-packaging", True)
    item = services.checklist.checklist("flask").find("python-proficiency")
    assert item is not None and item.done


def test_undoing_a_tick_restores_every_previous_state(services: Services) -> None:
    services.checklist.set_done("flask", "python-oop", True)
    services.checklist.set_done("flask", "python-proficiency", True)
    services.operations.undo()
    checklist = services.checklist.checklist("flask")
    assert [(i.slug, i.own_done) for i in checklist.find("python-proficiency").walk()] == [  # type: ignore[union-attr]
        ("python-proficiency", False),
        ("python-oop", True),
        ("python-decorators", False),
        ("python-packaging", False),
    ]


def test_required_prerequisites_come_first(services: Services) -> None:
    items = services.checklist.checklist("flask").items
    flags = [item.required for item in items]
    assert flags == sorted(flags, reverse=True) and flags.count(False) == 2


def test_every_change_is_in_the_event_log(services: Services) -> None:
    services.checklist.set_done("flask", "html5", True)
    services.catalog.set_status("flask", "flask-quickstart", "done")
    services.catalog.set_notes("flask", "flask-quickstart", "Easy.")
    events = services.progress.recent_events(path_slug="flask")
    assert [(e.action, e.item_slug, e.old, e.new) for e in events[:3]] == [
        ("resource.notes", "flask-quickstart", "", "Easy."),
        ("resource.status", "flask-quickstart", None, "done"),
        ("prerequisite.done", "html5", False, True),
    ]


def test_changes_are_durable_for_a_new_process(services: Services, settings: Settings) -> None:
    services.catalog.set_status("flask", "mdn-html", "in-progress")
    services.catalog.set_rating("flask", "mdn-html", 4)
    services.checklist.set_evidence("flask", "html5", ["https://github.com/me/site"])
    other = open_services(settings)
    try:
        view = other.catalog.resource("flask", "mdn-html")
        assert (view.status, view.rating) == ("in-progress", 4)
        assert other.checklist.checklist("flask").find("html5").evidence == (  # type: ignore[union-attr]
            "https://github.com/me/site",
        )
    finally:
        other.close()


def test_sqlite_is_configured_for_durability(services: Services) -> None:
    with services.store.engine.connect() as connection:
        pragmas = {
            name: connection.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 5000,
    }


def test_bad_input_is_refused_with_a_message_and_changes_nothing(services: Services) -> None:
    with pytest.raises(InvalidInputError, match=r"url: .*http or https"):
        services.catalog.add_own_resource("flask", {"title": "x", "url": "file:///etc/passwd"})
    with pytest.raises(InvalidInputError, match="rating is 1 to 5"):
        services.catalog.set_rating("flask", "mdn-html", 9)
    with pytest.raises(InvalidInputError, match="Unknown status 'finished'"):
        services.catalog.set_status("flask", "mdn-html", "finished")
    with pytest.raises(NotFoundError, match="no prerequisite 'pyhton'"):
        services.checklist.set_done("flask", "pyhton", True)
    with pytest.raises(NotFoundError, match="no learning path 'django'"):
        services.catalog.resources("django")
    with pytest.raises(InvalidInputError, match="Evidence link 1"):
        services.checklist.set_evidence("flask", "html5", ["javascript:alert(1)"])
    assert services.progress.recent_events(path_slug="flask") == []
    assert all(r.status is None and r.rating is None for r in services.catalog.resources("flask"))


def test_logged_time_adds_up_per_resource(services: Services) -> None:
    from tracker.domain.enums import ItemKind

    services.studylog.log("flask", 30, item_kind=ItemKind.RESOURCE, item_slug="flask-quickstart")
    services.studylog.log("flask", 45, item_kind=ItemKind.RESOURCE, item_slug="flask-quickstart")
    services.studylog.log("flask", 20)
    assert services.catalog.resource("flask", "flask-quickstart").minutes_spent == 75
    assert services.progress.summary("flask").minutes_logged == 95
    with pytest.raises(InvalidInputError, match="between 1 and 1440"):
        services.studylog.log("flask", 0)


def test_profiles_keep_their_progress_apart(settings: Settings, services: Services) -> None:
    services.checklist.set_done("flask", "css3", True)
    other = open_services(Settings(settings.data_dir, settings.db_url, "sam"))
    try:
        assert not other.checklist.checklist("flask").find("css3").done  # type: ignore[union-attr]
        assert other.store.profile_names() == ["default", "sam"]
    finally:
        other.close()


def test_a_read_only_database_gives_a_plain_error(services: Services, data_dir: Path) -> None:
    """Root ignores file modes, so the database is opened read-only the way SQLite allows."""
    services.close()
    url = f"sqlite:///file:{data_dir / 'tracker.sqlite3'}?mode=ro&uri=true"
    read_only = open_services(Settings(data_dir, url))
    try:
        with pytest.raises(StorageError, match="read-only, so nothing could be saved"):
            read_only.checklist.set_done("flask", "css3", True)
        assert not read_only.checklist.checklist("flask").find("css3").done  # type: ignore[union-attr]
    finally:
        read_only.close()


def test_a_full_disk_gives_a_plain_error_and_keeps_what_was_saved(
    services: Services, settings: Settings
) -> None:
    """SQLite's max_page_count makes the database 'full' exactly as a full disk does."""
    services.catalog.set_notes("flask", "mdn-html", "saved before the disk filled up")
    with services.store.engine.connect() as connection:
        pages = connection.execute(text("PRAGMA page_count")).scalar()

    from sqlalchemy import event

    def cap(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")  # type: ignore[attr-defined]

    services.store.engine.dispose()
    event.listen(services.store.engine, "connect", cap)
    with pytest.raises(StorageError, match="The disk is full"):
        services.catalog.set_notes("flask", "mdn-css", "x" * 90_000)
    other = open_services(settings)
    try:
        assert other.catalog.resource("flask", "mdn-html").notes == (
            "saved before the disk filled up"
        )
        assert other.catalog.resource("flask", "mdn-css").notes == ""
    finally:
        other.close()


def test_a_locked_database_gives_a_plain_error(
    services: Services, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from tracker.storage import database

    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    services.store.engine.dispose()
    writer = sqlite3.connect(settings.data_dir / "tracker.sqlite3", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StorageError, match="The database is busy"):
            services.checklist.set_done("flask", "css3", True)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert not services.checklist.checklist("flask").find("css3").done  # type: ignore[union-attr]


def test_next_up_lists_unmet_required_skills_then_resources_in_progress(
    services: Services,
) -> None:
    services.checklist.set_done("flask", "python-proficiency", True)
    services.checklist.set_done("flask", "html5", True)
    services.catalog.set_status("flask", "flask-quickstart", "in-progress")

    steps = services.progress.next_up("flask", limit=20)

    slugs = [step.slug for step in steps]
    assert "python-oop" not in slugs and "html5" not in slugs
    assert slugs[:2] == ["css3", "javascript-basics"]
    assert steps[0].detail.endswith("1/3 done")
    first_resource = next(i for i, step in enumerate(steps) if step.kind == "resource")
    assert steps[first_resource].slug == "flask-quickstart"
    required_prerequisites = [
        i for i, s in enumerate(steps) if s.kind == "prerequisite" and s.detail != "recommended"
    ]
    assert max(required_prerequisites) < first_resource
    assert steps[-1].detail == "recommended"
    assert len(services.progress.next_up("flask", limit=3)) == 3


def test_a_tick_covers_exactly_the_skill_and_its_sub_skills(services: Services) -> None:
    checklist = services.checklist.checklist("flask")
    for item in checklist.all_items():
        previous = services.checklist.set_done("flask", item.slug, True).value
        assert list(previous) == [entry.slug for entry in item.walk()]
        services.operations.undo()

    def states(checklist: Checklist) -> list[tuple[str, bool, bool]]:
        return [(i.slug, i.done, i.own_done) for i in checklist.all_items()]

    assert states(services.checklist.checklist("flask")) == states(checklist)
