"""The safety menus and start-up in the real window: restore, export, import, lock, recovery."""

from __future__ import annotations

import csv
import json
import random
import re
import sys
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.faults.damage import DAMAGES
from tests.gui.conftest import WindowFactory
from tests.gui.shown import details_dialog, message_box
from tests.helpers import database_snapshot
from tracker.app import (
    EXIT_AFTER_ENV,
    EXIT_NOT_OPENED,
    build_window,
    open_data_safely,
    run,
)
from tracker.domain.changes import Kind, OpChanges
from tracker.locations import DATABASE_FILE
from tracker.storage.backups import DAMAGED_FOLDER
from tracker.ui.data.recovery_dialog import RecoveryDialog
from tracker.ui.shell.crash import CrashDialog
from tracker.ui.shell.main_window import MainWindow
from tracker.wiring import Services, Settings, lock_data_folder, open_services

OFFSCREEN = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def html5_state(window: MainWindow, slug: str = "html5") -> Qt.CheckState:
    page = window.prerequisites
    page.ensure_fresh()
    return Qt.CheckState(page.model.data(page.model.index_of(slug), Qt.ItemDataRole.CheckStateRole))


def tick_html5(qtbot: QtBot, window: MainWindow, slug: str = "html5") -> None:
    """Tick or untick ``slug`` in the checklist with the keyboard, as a learner would."""
    window.show_page("prerequisites")
    window.prerequisites.select_skill(slug)
    window.prerequisites.tree.setFocus()
    qtbot.keyClick(window.prerequisites.tree, Qt.Key.Key_Space)


def finish(qtbot: QtBot, window: MainWindow) -> None:
    """Wait for the window's background job (restore, import, export) to be delivered."""
    qtbot.waitUntil(lambda: not window.safety.busy, timeout=30000)


SKILL = "web-fundamentals"  # a required skill: the dashboard's readiness counts it


@OFFSCREEN
def test_restoring_a_backup_from_the_file_menu_brings_the_tick_back_everywhere(
    qtbot: QtBot, make_window: WindowFactory, fresh: Callable[[], Services]
) -> None:
    window = make_window()
    tick_html5(qtbot, window, SKILL)
    assert html5_state(window, SKILL) == Qt.CheckState.Checked
    window.safety.back_up_action.trigger()
    assert window.statusBar().currentMessage().startswith("Backed up")
    tick_html5(qtbot, window, SKILL)  # untick after the backup
    assert html5_state(window, SKILL) == Qt.CheckState.Unchecked
    assert window.undo_action.isEnabled()

    window.safety.backups_action.trigger()
    dialog = window.safety.backups_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.rowCount() >= 2  # today's automatic backup and the one just made
    manual = next(
        dialog.model.backup_at(row)
        for row in range(dialog.model.rowCount())
        if dialog.model.backup_at(row).reason == "manual"
    )
    dialog.select_backup(manual.path)
    dialog.restore_button.click()
    box = dialog.confirmation
    assert box is not None
    restore = next(b for b in box.findChildren(QPushButton) if b.text() == "Restore")
    refreshed: list[OpChanges] = []
    window.context.changed.connect(refreshed.append)
    with qtbot.waitSignal(dialog.backup_restored, timeout=30000):
        restore.click()
    assert refreshed and refreshed[-1].kinds == frozenset(Kind)  # every page reads again

    assert "Restored your progress" in dialog.status_label.text()
    assert html5_state(window, SKILL) == Qt.CheckState.Checked
    window.show_page("dashboard")
    assert window.dashboard.readiness_number.text().startswith("1/")
    # Undo now offers the restored file's own last step, not one of the state left behind
    restored = fresh().operations.status().undo
    assert restored is not None
    assert window.undo_action.text() == f"&Undo {restored.label}"
    assert fresh().checklist.checklist("flask").find(SKILL).done
    dialog.close()
    window.close()

    again = make_window()  # a restart reads the restored database
    assert html5_state(again, SKILL) == Qt.CheckState.Checked


@OFFSCREEN
def test_a_backup_that_cannot_be_restored_changes_nothing_and_says_why(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    window.safety.back_up_action.trigger()
    tick_html5(qtbot, window)
    before = database_snapshot(data_dir)
    dialog = window.safety.show_backups()
    assert dialog is not None
    backup = dialog.selected_backup()
    assert backup is not None
    backup.path.write_bytes(b"not a database any more" * 50)  # damaged after it was listed
    dialog.restore_button.click()
    box = dialog.confirmation
    assert box is not None
    next(b for b in box.findChildren(QPushButton) if b.text() == "Restore").click()
    finish(qtbot, window)
    assert "cannot be restored" in dialog.status_label.text()
    assert dialog.restore_button.isEnabled()  # the dialog is usable again
    assert html5_state(window) == Qt.CheckState.Checked  # the window shows what is stored
    assert window.undo_action.isEnabled()  # nothing was replaced, so the steps still apply
    assert database_snapshot(data_dir) == before
    dialog.close()


@OFFSCREEN
def test_each_export_from_the_file_menu_can_be_read_back(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path
) -> None:
    tick_html5(qtbot, window)
    services.catalog.set_status("flask", "flask-official-tutorial", "in-progress")
    services.catalog.set_notes("flask", "flask-official-tutorial", "=cmd|' /C calc'!A0")
    services.plan.set_plan(None, date.today() + timedelta(days=30))

    def export(key: str, name: str) -> Path:
        target = tmp_path / name
        window.safety.choose_save_path = lambda *_args: target
        window.safety.export_actions[key].trigger()
        finish(qtbot, window)
        return target

    data = json.loads(export("json", "me.json").read_text(encoding="utf-8"))
    states = {s["prerequisite"]: s for s in data["prerequisite_states"]}
    assert states["html5"]["done"] is True

    catalog = export("csv", "catalog.csv")
    with catalog.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["slug"]: row for row in csv.DictReader(handle)}
    assert rows["flask-official-tutorial"]["status"] == "in-progress"
    assert rows["flask-official-tutorial"]["notes"].startswith("'=")  # never run as a formula
    assert (tmp_path / "catalog-time-log.csv").exists()

    export("ics", "plan")  # typed without a suffix: the format's own is added
    calendar = icalendar.Calendar.from_ical((tmp_path / "plan.ics").read_bytes())
    todos = {str(t["UID"]).split("@")[0]: t for t in calendar.walk("VTODO")}
    tutorial = todos["resource-flask-flask-official-tutorial"]
    assert str(tutorial["STATUS"]) == "IN-PROCESS"
    assert tutorial.decoded("DUE") <= date.today() + timedelta(days=30)
    assert not (tmp_path / "plan").exists()

    pdf = export("pdf", "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 1
    assert "report.pdf" in window.statusBar().currentMessage()


@OFFSCREEN
@pytest.mark.parametrize("key", ["json", "csv", "ics", "pdf"])
def test_an_export_that_cannot_be_written_says_so_plainly(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, key: str
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    blocker = folder / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    window.safety.choose_save_path = lambda *_args: blocker / f"out.{key}"  # can never exist
    window.safety.export_actions[key].trigger()
    finish(qtbot, window)
    box = message_box(window)
    assert box is not None and box.windowTitle() == "Nothing was exported"
    assert "could not be written" in box.text()
    assert window.findChild(CrashDialog) is None
    box.close()
    assert [p.name for p in folder.iterdir()] == ["a-file"]


@OFFSCREEN
def test_importing_progress_from_another_profile_merges_and_refreshes(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, fresh: Callable[[], Services]
) -> None:
    other = open_services(Settings.resolve(tmp_path / "laptop", profile="laptop"))
    other.checklist.set_done("flask", "html5", True)
    other.catalog.set_status("flask", "flask-quickstart", "done")
    export = tmp_path / "laptop.json"
    other.exchange.export_json(export)
    other.close()
    assert html5_state(window) == Qt.CheckState.Unchecked

    window.safety.choose_open_path = lambda *_args: export
    window.safety.import_progress_action.trigger()
    finish(qtbot, window)

    assert html5_state(window) == Qt.CheckState.Checked
    assert window.statusBar().currentMessage().startswith("Added:")
    assert "Added:" in details_dialog(window).details.toPlainText()
    details_dialog(window).close()
    window.show_page("catalog")
    window.catalog.select_resource("flask-quickstart")
    assert window.catalog.detail.status_buttons["done"].isChecked()
    reread = fresh()
    assert reread.checklist.checklist("flask").find("html5").done

    window.safety.import_progress(export)  # the same file again adds nothing
    finish(qtbot, window)
    assert window.statusBar().currentMessage() == "Added: nothing."

    # the import is one step of the Edit menu: undo puts every merged row back
    assert window.undo_action.text() == "&Undo Import progress from laptop.json"
    window.undo_action.trigger()
    window.show_page("prerequisites")
    assert html5_state(window) == Qt.CheckState.Unchecked
    reread = fresh()
    assert not reread.checklist.checklist("flask").find("html5").done
    assert reread.catalog.resource("flask", "flask-quickstart").status is None


@OFFSCREEN
def test_a_bad_progress_file_changes_nothing_and_says_why(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, data_dir: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "not ours"}', encoding="utf-8")
    before = database_snapshot(data_dir)
    window.safety.import_progress(bad)
    finish(qtbot, window)
    assert message_box(window) is not None
    assert message_box(window).windowTitle() == "The progress was not imported"
    assert "bad.json" in message_box(window).text()
    message_box(window).close()
    assert database_snapshot(data_dir) == before


def test_back_up_now_into_an_unusable_folder_shows_a_plain_message(
    make_window: WindowFactory, data_dir: Path
) -> None:
    # a file where the backups folder should be: no folder can be made there, even as root
    (data_dir / "backups").write_text("not a folder", encoding="utf-8")
    window = make_window()
    assert window.isVisible()
    status = window.statusBar().currentMessage()
    assert status.startswith("Today's automatic backup failed")  # the start-up note is shown
    window.safety.back_up_action.trigger()
    box = message_box(window)
    assert box is not None and box.windowTitle() == "The backup was not made"
    assert "could not be made" in box.text() and "Traceback" not in box.text()
    box.close()
    assert window.context.is_open  # the window keeps working
    assert window.safety.back_up_action.isEnabled()


@OFFSCREEN
def test_a_bug_in_background_work_opens_the_crash_dialog(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.ui.shell.crash import install_crash_handler

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_crash_handler(lambda: window)

    def broken() -> object:
        raise KeyError("a bug in a background job")

    window.context.tasks.run(broken, lambda _result: None)
    qtbot.waitUntil(lambda: not window.context.tasks.busy, timeout=30000)
    dialog = window.findChild(CrashDialog)
    assert dialog is not None and dialog.isVisible()
    assert "KeyError: 'a bug in a background job'" in dialog.details.toPlainText()
    dialog.close()
    assert window.isVisible() and window.context.is_open


# --- start-up through the real entry point -------------------------------------------------------


@pytest.fixture
def answered(qtbot: QtBot) -> Iterator[Callable[[Callable[[QWidget], None]], list[str]]]:
    """Answer each modal window the app shows with ``answer``; return what they said."""
    timers: list[QTimer] = []

    def start(answer: Callable[[QWidget], None]) -> list[str]:
        seen: list[str] = []

        def look() -> None:
            modal = QApplication.activeModalWidget()
            if modal is None or not modal.isVisible():
                return
            if isinstance(modal, QMessageBox):
                seen.append(modal.text())
            elif isinstance(modal, RecoveryDialog):
                seen.append(modal.plan.explanation)
            answer(modal)

        timer = QTimer()
        timer.setInterval(30)
        timer.timeout.connect(look)
        timer.start()
        timers.append(timer)
        return seen

    yield start
    for timer in timers:
        timer.stop()


@pytest.fixture
def start_app(monkeypatch: pytest.MonkeyPatch, ui_settings_file: Path) -> Callable[[Settings], int]:
    """Call the app's real entry point, ``run``, with its own QSettings file."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs the crash hook

    def start(settings: Settings) -> int:
        return run(settings, QSettings(str(ui_settings_file), QSettings.Format.IniFormat))

    return start


def close_boxes(widget: QWidget) -> None:
    if isinstance(widget, QMessageBox):
        widget.accept()


@OFFSCREEN
def test_a_second_instance_is_refused_while_the_first_holds_the_lock(
    qtbot: QtBot,
    settings: Settings,
    ui_settings_file: Path,
    answered: Callable[[Callable[[QWidget], None]], list[str]],
    start_app: Callable[[Settings], int],
) -> None:
    first = build_window(
        settings, QSettings(str(ui_settings_file), QSettings.Format.IniFormat), lazy=True
    )
    qtbot.addWidget(first)
    first.show()
    first.finish_building()
    assert open_data_safely(first)  # takes the real data-folder lock
    assert first.context.data_lock is not None and first.context.data_lock.held

    said = answered(close_boxes)
    assert start_app(settings) == EXIT_NOT_OPENED
    assert any("already open on this data folder" in text for text in said)

    tick_html5(qtbot, first)  # the first instance keeps working
    assert html5_state(first) == Qt.CheckState.Checked
    first.close()
    lock_data_folder(settings).release()  # closing the window let go of the lock


@OFFSCREEN
def test_a_second_instance_is_refused_while_another_app_process_runs(
    qtbot: QtBot,
    settings: Settings,
    data_dir: Path,
    tmp_path: Path,
    answered: Callable[[Callable[[QWidget], None]], list[str]],
    start_app: Callable[[Settings], int],
) -> None:
    import os
    import subprocess

    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    env.pop(EXIT_AFTER_ENV, None)
    first = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--data-dir", str(data_dir)],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    lock_file = data_dir / "tracker.lock"
    try:
        # the first app has painted, taken the lock (it writes its pid) and opened the data
        qtbot.waitUntil(
            lambda: lock_file.exists() and lock_file.read_text() == str(first.pid), timeout=60000
        )
        said = answered(close_boxes)
        assert start_app(settings) == EXIT_NOT_OPENED
        assert any(f"already open on this data folder (process {first.pid})" in t for t in said)
        assert first.poll() is None  # the first instance keeps running
    finally:
        first.terminate()
        first.wait(timeout=30)


@OFFSCREEN
def test_a_damaged_database_at_start_offers_recovery_and_keeps_the_damaged_file(
    qtbot: QtBot,
    settings: Settings,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    answered: Callable[[Callable[[QWidget], None]], list[str]],
    start_app: Callable[[Settings], int],
) -> None:
    database = data_dir / DATABASE_FILE
    DAMAGES["truncated"](database, random.Random(3))
    damaged = database.read_bytes()

    def fresh_start(widget: QWidget) -> None:
        if isinstance(widget, RecoveryDialog):
            assert widget.fresh_button is not None
            widget.fresh_button.click()
        else:
            close_boxes(widget)

    said = answered(fresh_start)
    monkeypatch.setenv(EXIT_AFTER_ENV, "loaded")
    assert start_app(settings) == 0
    assert any("is cut short" in text for text in said)  # the plain explanation
    assert any(text.startswith("Started fresh") for text in said)
    kept = [p for p in (data_dir / DAMAGED_FOLDER).iterdir() if p.read_bytes() == damaged]
    assert kept, "the damaged file is kept, byte for byte"
    reopened = open_services(settings)
    assert not reopened.checklist.checklist("flask").find("html5").done
    reopened.close()


@OFFSCREEN
def test_a_database_from_a_newer_version_is_refused_and_left_untouched(
    settings: Settings,
    data_dir: Path,
    answered: Callable[[Callable[[QWidget], None]], list[str]],
    start_app: Callable[[Settings], int],
) -> None:
    database = data_dir / DATABASE_FILE
    DAMAGES["newer-schema"](database, random.Random(1))
    before = database.read_bytes()

    def close(widget: QWidget) -> None:
        widget.close()

    said = answered(close)
    assert start_app(settings) == EXIT_NOT_OPENED
    assert any("newer Learning Path Tracker" in text and "this is version" in text for text in said)
    assert database.read_bytes() == before
