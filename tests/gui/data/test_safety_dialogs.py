"""The Backups, Recovery and Check-database dialogs, the safe text browser and the PDF report."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QTextBrowser
from pytestqt.qtbot import QtBot

from tests.faults.damage import DAMAGES
from tracker.app import start_safely
from tracker.exchange import export
from tracker.exchange.report import report_html
from tracker.locations import DATABASE_FILE
from tracker.services.safety import RecoveryChoice
from tracker.storage.database import head_revision
from tracker.storage.lock import DataFolderLock
from tracker.ui.data.backups_dialog import BackupsDialog, BackupTableModel
from tracker.ui.data.check_database_dialog import CheckDatabaseDialog
from tracker.ui.data.recovery_dialog import RecoveryDialog
from tracker.ui.widgets.safe_text import SafeTextBrowser
from tracker.wiring import Services, Settings, check_at_start, open_services, recover_database


def html5_done(settings: Settings) -> bool:
    fresh = open_services(settings)
    try:
        item = fresh.checklist.checklist("flask").find("html5")
        assert item is not None
        return item.done
    finally:
        fresh.close()


def test_backup_table_model_is_a_well_behaved_qt_model(qtmodeltester, services: Services) -> None:  # type: ignore[no-untyped-def]
    services.backups.back_up_now()
    model = BackupTableModel()
    model.set_rows(services.backups.backups())
    assert model.rowCount() == 2  # today's automatic one and ours
    qtmodeltester.check(model)


def test_back_up_now_adds_a_row(qtbot: QtBot, services: Services) -> None:
    dialog = BackupsDialog(services.backups)
    qtbot.addWidget(dialog)
    rows = dialog.model.rowCount()
    with qtbot.waitSignal(dialog.backup_made, timeout=5000):
        dialog.back_up_button.click()
    assert dialog.model.rowCount() == rows + 1
    assert "Backed up" in dialog.status_label.text()
    assert dialog.model.index(0, 1).data() == "Backed up by you"


def _restore_button(box: QMessageBox) -> QPushButton:
    return next(b for b in box.findChildren(QPushButton) if b.text() == "Restore")


OFFSCREEN = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@OFFSCREEN
def test_restoring_a_backup_from_the_dialog(
    qtbot: QtBot, services: Services, settings: Settings
) -> None:
    services.checklist.set_done("flask", "html5", True)
    dialog = BackupsDialog(services.backups)
    qtbot.addWidget(dialog)
    dialog.back_up_button.click()
    backup = dialog.selected_backup()
    assert backup is not None
    services.checklist.set_done("flask", "html5", False)
    assert not html5_done(settings)

    dialog.restore_button.click()
    box = dialog.confirmation
    assert box is not None and box.isVisible()
    assert "Go back to your progress" in box.text()
    with qtbot.waitSignal(dialog.backup_restored, timeout=5000):
        _restore_button(box).click()
    assert html5_done(settings)
    assert "Restored your progress" in dialog.status_label.text()
    reasons = [dialog.model.index(row, 1).data() for row in range(dialog.model.rowCount())]
    assert "Before a restore" in reasons


@OFFSCREEN
def test_cancelling_the_restore_changes_nothing(
    qtbot: QtBot, services: Services, settings: Settings
) -> None:
    services.checklist.set_done("flask", "html5", True)
    dialog = BackupsDialog(services.backups)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)  # today's automatic backup, taken before html5 was ticked
    dialog.restore_button.click()
    box = dialog.confirmation
    assert box is not None
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert html5_done(settings)
    assert dialog.model.rowCount() == 1


def test_the_backups_dialog_has_an_empty_state(qtbot: QtBot, services: Services) -> None:
    for backup in services.backups.backups():
        backup.path.unlink()
    dialog = BackupsDialog(services.backups)
    qtbot.addWidget(dialog)
    assert dialog.list_stack.currentWidget() is dialog.empty_label
    assert not dialog.restore_button.isEnabled()


def test_recovery_dialog_offers_the_backup_and_recovers(
    qtbot: QtBot, services: Services, settings: Settings
) -> None:
    services.checklist.set_done("flask", "html5", True)
    services.backups.back_up_now()
    services.close()
    DAMAGES["truncated"](settings.data_dir / DATABASE_FILE, random.Random(1))
    plan = check_at_start(settings)
    assert plan is not None
    dialog = RecoveryDialog(plan)
    qtbot.addWidget(dialog)
    assert "cut short" in dialog.explanation_label.text()
    assert dialog.backup_button is not None and dialog.fresh_button is not None
    dialog.backup_button.click()
    assert dialog.choice is RecoveryChoice.USE_BACKUP
    recover_database(settings, plan, dialog.choice)
    assert html5_done(settings)
    assert len(list((settings.data_dir / "damaged").iterdir())) == 1


def test_recovery_dialog_for_a_newer_database_only_closes(
    qtbot: QtBot, services: Services, settings: Settings
) -> None:
    services.close()
    DAMAGES["newer-schema"](settings.data_dir / DATABASE_FILE, random.Random(1))
    plan = check_at_start(settings)
    assert plan is not None
    dialog = RecoveryDialog(plan)
    qtbot.addWidget(dialog)
    assert dialog.backup_button is None and dialog.fresh_button is None
    assert "newer" in dialog.explanation_label.text()


def test_check_database_dialog_reports_counts_and_orphans(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    orphan = {
        "format": "learning-path-tracker-progress",
        "format_version": 1,
        "profile": {"name": "default", "created_at": "2026-01-01T00:00:00"},
        "resource_progress": [
            {
                "path": "flask",
                "resource": "a-removed-course",
                "status": "done",
                "changed_at": "2026-01-02T00:00:00",
            }
        ],
    }
    file = tmp_path / "p.json"
    file.write_text(json.dumps(orphan))
    services.exchange.import_file(file)
    dialog = CheckDatabaseDialog(services.database_check)
    qtbot.addWidget(dialog)
    assert "No problems found" in dialog.headline.text()
    assert "items no installed path has: 1 progress entry," in dialog.summary.text()
    details = dialog.details.toPlainText()
    assert "resource_progress: flask/a-removed-course" in details
    assert f"Schema revision: {head_revision()}" in details
    assert "  prerequisite: 16" in details


def test_check_database_dialog_reports_damage(
    qtbot: QtBot, services: Services, settings: Settings
) -> None:
    database = settings.data_dir / DATABASE_FILE
    services.store.dispose()
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    DAMAGES["scribbled-pages"](database, random.Random(3))
    dialog = CheckDatabaseDialog(services.database_check)
    qtbot.addWidget(dialog)
    assert dialog.headline.text() in ("Problems found", "The check could not run")


class _LinkCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


def test_safe_text_browser_opens_only_web_links(qtbot: QtBot) -> None:
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    catcher = _LinkCatcher()
    for scheme in ("https", "http", "file"):
        QDesktopServices.setUrlHandler(scheme, catcher, "open")
    try:
        refused: list[str] = []
        browser.link_refused.connect(refused.append)
        for link in ("https://flask.palletsprojects.com/", "file:///etc/passwd", "javascript:x"):
            browser.anchorClicked.emit(QUrl(link))
        assert catcher.opened == ["https://flask.palletsprojects.com/"]
        assert refused == ["file:///etc/passwd", "javascript:x"]
    finally:
        for scheme in ("https", "http", "file"):
            QDesktopServices.unsetUrlHandler(scheme)


def test_safe_text_browser_loads_no_local_files_or_remote_images(
    qtbot: QtBot, tmp_path: Path
) -> None:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0xFF0000)
    picture = tmp_path / "secret.png"
    image.save(str(picture))
    html = f"<p>note</p><img src='{QUrl.fromLocalFile(str(picture)).toString()}'>"
    plain, safe = QTextBrowser(), SafeTextBrowser()
    for browser in (plain, safe):
        qtbot.addWidget(browser)
        browser.setHtml(html)
    url = QUrl.fromLocalFile(str(picture))
    kind = QTextDocument.ResourceType.ImageResource.value
    assert plain.document().resource(kind, url).size().width() == 8  # a plain one reads it
    assert safe.document().resource(kind, url).size().width() == 1  # a blank stand-in
    remote = safe.document().resource(kind, QUrl("http://example.org/track.png"))
    assert remote.size().width() == 1
    style = QTextDocument.ResourceType.StyleSheetResource.value
    css = tmp_path / "style.css"
    css.write_text("p { color: red }")
    assert safe.document().resource(style, QUrl.fromLocalFile(str(css))).strip() == ""


def test_progress_report_escapes_text_and_writes_a_pdf(services: Services, tmp_path: Path) -> None:
    services.catalog.set_status("flask", "flask-official-tutorial", "in-progress")
    services.catalog.set_notes(
        "flask", "flask-official-tutorial", "<img src='file:///etc/passwd'> & more"
    )
    services.studylog.log("flask", 50, note="chapter 2")
    html = report_html(services, "flask")
    assert "&lt;img src=" in html and "<img" not in html
    assert "Flask tutorial (official)" in html and "In progress" in html and "50 min" in html
    exported = export(services, "pdf", tmp_path / "report.pdf", path_slug="flask")
    assert exported.files == (tmp_path / "report.pdf",)
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF-")


class _ModalDriver:
    """Answers the modal dialogs that start-up opens, as a learner would, one after another."""

    def __init__(self, answer_recovery: str = "backup") -> None:
        self.seen: list[str] = []
        self._answer = answer_recovery
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._answer_modal)
        self._timer.start()

    def _answer_modal(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if not widget.isVisible():
                continue
            if isinstance(widget, RecoveryDialog):
                self.seen.append("recovery")
                if self._answer == "backup" and widget.backup_button is not None:
                    widget.backup_button.click()
                else:
                    widget.reject()
                return
            if isinstance(widget, QMessageBox):
                self.seen.append(widget.text())
                widget.button(QMessageBox.StandardButton.Ok).click()
                return

    def stop(self) -> None:
        self._timer.stop()


@OFFSCREEN
def test_start_safely_takes_the_lock_on_a_healthy_folder(
    qtbot: QtBot, services: Services, settings: Settings
) -> None:
    lock = start_safely(settings)
    assert lock is not None and lock.held
    lock.release()


@OFFSCREEN
def test_start_safely_tells_a_second_instance_and_quits(
    qtbot: QtBot, services: Services, settings: Settings
) -> None:
    first = DataFolderLock(settings.data_dir)
    first.acquire()
    driver = _ModalDriver()
    try:
        assert start_safely(settings) is None
    finally:
        driver.stop()
        first.release()
    assert any("already open on this data folder" in text for text in driver.seen)


@OFFSCREEN
def test_start_safely_recovers_a_damaged_database_from_the_backup(
    qtbot: QtBot, services: Services, settings: Settings
) -> None:
    services.checklist.set_done("flask", "html5", True)
    services.backups.back_up_now()
    services.close()
    DAMAGES["random-bytes"](settings.data_dir / DATABASE_FILE, random.Random(2))
    driver = _ModalDriver()
    try:
        lock = start_safely(settings)
    finally:
        driver.stop()
    assert lock is not None
    lock.release()
    assert driver.seen[0] == "recovery" and "Restored your backup" in driver.seen[1]
    assert html5_done(settings)


@OFFSCREEN
def test_quitting_the_recovery_leaves_the_damaged_file_in_place(
    qtbot: QtBot, services: Services, settings: Settings
) -> None:
    services.close()
    database = settings.data_dir / DATABASE_FILE
    DAMAGES["zero-length"](database, random.Random(2))
    driver = _ModalDriver(answer_recovery="quit")
    try:
        assert start_safely(settings) is None
    finally:
        driver.stop()
    assert database.exists() and database.stat().st_size == 0
    assert not (settings.data_dir / "damaged").exists()
    DataFolderLock(settings.data_dir).acquire()  # the lock was given back
