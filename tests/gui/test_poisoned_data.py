"""The window with stored rows it cannot interpret, and importers given numbers, dates and
nesting Python itself cannot read: plain messages and unreadable entries, never a crash."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.gui.conftest import WindowFactory
from tests.gui.shown import details_dialog, message_box
from tests.helpers import database_snapshot
from tests.poisoned import poison
from tracker.ui.shell.crash import CrashDialog
from tracker.ui.shell.main_window import MainWindow
from tracker.wiring import Services, Settings, open_services

OFFSCREEN = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_dashboard_and_compare_open_with_rows_they_cannot_interpret(
    qtbot: QtBot, make_window: WindowFactory, settings: Settings
) -> None:
    open_services(settings).close()
    poison(settings.data_dir)
    window = make_window()
    window.show_page("dashboard")
    page = window.dashboard
    activity = [page.activity_list.item(i).text() for i in range(page.activity_list.count())]
    assert any("cannot read (resource.status)" in text for text in activity)
    assert any("cannot read (alien.action)" in text for text in activity)
    window.show_page("compare")
    choose = window.compare
    assert "could not be read" in choose.ranking.summary_label.text()
    slugs = {choose.ranking.model.entry(row).option.slug for row in range(3)}
    assert slugs == {"self-study", "structured-classes", "bootcamps"}
    window.show_page("catalog")
    window.catalog.select_resource("flask-books")
    assert window.catalog.detail.notes_edit.toPlainText() == "my notes stay"
    assert window.findChild(CrashDialog) is None


@OFFSCREEN
def test_a_progress_file_with_a_time_that_overflows_is_refused_plainly(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, data_dir: Path
) -> None:
    bad = tmp_path / "far-future.json"
    bad.write_text(
        json.dumps(
            {
                "format": "learning-path-tracker-progress",
                "format_version": 1,
                "profile": {"name": "default", "created_at": "9999-12-31T23:59:59-01:00"},
            }
        ),
        encoding="utf-8",
    )
    before = database_snapshot(data_dir)
    window.safety.import_progress(bad)
    qtbot.waitUntil(lambda: not window.safety.busy, timeout=30000)
    box = message_box(window)
    assert box is not None and box.windowTitle() == "The progress was not imported"
    assert "profile.created_at" in box.text() and "out of range" in box.text()
    box.close()
    assert database_snapshot(data_dir) == before
    assert window.findChild(CrashDialog) is None


def test_a_pack_with_a_huge_number_shows_its_located_problem(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, fresh: Callable[[], Services]
) -> None:
    pack = tmp_path / "huge.yaml"
    pack.write_text(
        "format: 1\nslug: huge\nversion: '1'\ntitle: Huge\nprerequisites:\n"
        "  - slug: a\n    title: A\n    estimate_hours: " + "9" * 5000 + "\n",
        encoding="utf-8",
    )
    assert window.import_pack(pack)
    assert window.importer is not None
    with qtbot.waitSignal(window.importer.failed, timeout=20000) as blocker:
        pass
    _message, issues = blocker.args  # type: ignore[misc]
    assert issues == [f"{pack}:8: invalid YAML: a number with more than 4,300 digits"]
    assert [p.slug for p in fresh().packs.paths()] == ["flask"]
    details_dialog(window).close()
