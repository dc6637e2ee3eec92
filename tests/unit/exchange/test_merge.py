"""Merging progress from a second machine, field by field, by the times in each event log."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.wiring import Services, Settings, open_services

BOOK = "flask-books"


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Services]:
    services = open_services(Settings.resolve(tmp_path / "laptop"))
    yield services
    services.close()


def sync(source: Services, target: Services, file: Path) -> list[str]:
    source.exchange.export_json(file)
    return target.exchange.import_file(file).value.lines()


def test_a_later_rating_elsewhere_does_not_revert_newer_notes_here(
    services: Services, laptop: Services, tmp_path: Path
) -> None:
    services.catalog.set_notes("flask", BOOK, "first notes")
    sync(services, laptop, tmp_path / "desktop.json")
    services.checklist.set_done("flask", "html5", True)  # something else: a new notes session
    services.catalog.set_notes("flask", BOOK, "newer notes, written on the desktop")
    laptop.catalog.set_rating("flask", BOOK, 4)  # later than the desktop's notes
    lines = sync(laptop, services, tmp_path / "laptop.json")
    book = services.catalog.resource("flask", BOOK)
    assert (book.notes, book.rating) == ("newer notes, written on the desktop", 4)
    assert not any("Changed on both machines" in line for line in lines)  # no conflict
    sync(services, laptop, tmp_path / "desktop.json")  # and the other way round
    book = laptop.catalog.resource("flask", BOOK)
    assert (book.notes, book.rating) == ("newer notes, written on the desktop", 4)


def test_a_field_changed_on_both_machines_keeps_the_newer_and_reports_the_other(
    services: Services, laptop: Services, tmp_path: Path
) -> None:
    services.catalog.set_status("flask", BOOK, "planned")
    sync(services, laptop, tmp_path / "desktop.json")
    services.catalog.set_notes("flask", BOOK, "desktop notes")
    laptop.catalog.set_notes("flask", BOOK, "laptop notes, written later")
    lines = sync(laptop, services, tmp_path / "laptop.json")
    assert services.catalog.resource("flask", BOOK).notes == "laptop notes, written later"
    conflict = next(line for line in lines if f"flask/{BOOK}, notes" in line)
    assert "kept 'laptop notes, written later' (the file" in conflict
    assert "this machine had 'desktop notes'" in conflict
    # the value not kept is still in this machine's log, with its time
    notes = [
        e.new
        for e in services.progress.recent_events(limit=50)
        if e.action == "resource.notes" and e.item_slug == BOOK
    ]
    assert "desktop notes" in notes and "laptop notes, written later" in notes

    lines = sync(services, laptop, tmp_path / "desktop.json")
    assert laptop.catalog.resource("flask", BOOK).notes == "laptop notes, written later"
    assert not any("Changed on both machines" in line for line in lines)  # seen already


def test_the_situation_merges_field_by_field_too(
    services: Services, laptop: Services, tmp_path: Path
) -> None:
    services.choosing.set_situation(goal="upskill", budget=300)
    sync(services, laptop, tmp_path / "desktop.json")
    laptop.choosing.set_situation(budget=900)
    services.choosing.set_situation(goal="career-change")
    sync(laptop, services, tmp_path / "laptop.json")
    situation = services.choosing.situation()
    assert (situation.goal, situation.budget) == ("career-change", 900)
