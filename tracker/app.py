"""The desktop app's one wiring place: the window is built, then the data is opened safely and
the services are handed to it. Nothing in tracker.ui opens a database or builds a service.

The window paints first; then the data folder is locked, the database checked (a damaged one
gets the recovery dialog), the services opened and attached, and the pages filled.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from tracker import wording
from tracker.errors import TrackerError
from tracker.ui.shell.context import AppContext
from tracker.ui.shell.main_window import MainWindow
from tracker.ui.shell.theme import apply_theme, stored_theme

if TYPE_CHECKING:
    from tracker.settings import Settings
    from tracker.storage.lock import DataFolderLock

ORGANIZATION = "LearningPathTracker"
APPLICATION = "Learning Path Tracker"
# "shown": quit after the first paint of the frame; "loaded": after the page on screen is
# filled and painted (a big catalog: its first rows, searchable); "complete": after a Catalog
# page on screen holds every row.
# The app prints "<mode> <unix time>" so a benchmark can time launch-to-window from outside.
EXIT_AFTER_ENV = "LEARNING_TRACKER_EXIT_AFTER_SHOWN"


def build_window(settings: Settings, ui_settings: QSettings, lazy: bool = False) -> MainWindow:
    """The main window with its pages, theme and saved layout; the database is not open yet.

    ``lazy`` builds the frame only; after the first paint call ``window.finish_building()``
    (the page on screen) and ``window.build_remaining_pages()``.
    """
    app = QApplication.instance()
    if isinstance(app, QApplication):
        # before the widgets exist: styling them once is far cheaper than restyling them
        apply_theme(app, stored_theme(ui_settings))
    context = AppContext(settings)
    window = MainWindow(context, ui_settings)
    window.build_pages(lazy=lazy)
    QGuiApplication.styleHints().colorSchemeChanged.connect(window.follow_system_scheme)
    window.restore_state()
    return window


APP_TITLE = "Learning Path Tracker"


def _tell(parent: QWidget | None, icon: QMessageBox.Icon, text: str) -> None:
    """A modal message owned here (not a static QMessageBox), deleted when answered."""
    box = QMessageBox(icon, APP_TITLE, text, QMessageBox.StandardButton.Ok, parent)
    box.exec()
    box.deleteLater()


def recover_at_start(settings: Settings, parent: QWidget | None = None) -> bool:
    from tracker.wiring import check_at_start, recover_database

    """The GUI's start-up check: True to go on opening the app, False to quit.

    Runs the check at start; if the database is damaged or missing (or from a newer version,
    or the disk failed), shows the RecoveryDialog and carries out the learner's choice. A
    notice (an interrupted recovery finished, a newer damaged file) is shown, then the app
    opens.
    """
    try:
        plan = check_at_start(settings)
    except TrackerError as exc:
        _tell(parent, QMessageBox.Icon.Critical, str(exc))
        return False
    if plan is None:
        return True
    from tracker.ui.data.recovery_dialog import RecoveryDialog

    dialog = RecoveryDialog(plan, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    choice, backup_name = dialog.choice, dialog.backup_name
    dialog.deleteLater()
    if plan.can_open:
        return accepted
    if not accepted or choice is None:
        return False
    try:
        result = recover_database(settings, plan, choice, backup_name)
    except TrackerError as exc:
        _tell(parent, QMessageBox.Icon.Critical, str(exc))
        return False
    _tell(parent, QMessageBox.Icon.Information, result.message)
    return True


def start_safely(settings: Settings, parent: QWidget | None = None) -> DataFolderLock | None:
    """What the GUI does before open_services: take the data-folder lock, then check and recover.

    Returns the held lock (release it when the app quits), or None when the app should quit:
    another instance has the folder (the learner is told so), or the learner chose to quit
    the recovery.
    """
    from tracker.wiring import lock_data_folder

    try:
        lock = lock_data_folder(settings)
    except TrackerError as exc:
        _tell(parent, QMessageBox.Icon.Warning, str(exc))
        return None
    if not recover_at_start(settings, parent):
        lock.release()
        return None
    return lock


EXIT_NOT_OPENED = 3  # another instance has the data folder, or the database could not be used


def open_data_safely(window: MainWindow) -> bool:
    """Take the data folder's lock, check the database, then open it in ``window``.

    A damaged database gets the RecoveryDialog (newest good backup or a fresh start; the damaged
    file is moved aside, never overwritten); a database from a newer version gets a message
    naming both versions and is left untouched. Returns False when the app should quit: another
    instance holds the folder, or the learner could not or chose not to recover. The lock is
    held by the window's context and released when the window closes.
    """
    window.saved_label.setText(QCoreApplication.translate("MainWindow", "Checking your data…"))
    lock = start_safely(window.context.settings, window)
    if lock is None:
        return False
    window.context.hold(lock)
    open_data(window)
    return True


def open_data(window: MainWindow) -> bool:
    """Open the database (imports SQLAlchemy: after the window's first paint) and hand the
    services to the window; False (and the window says why) when it cannot be used."""
    from tracker.wiring import open_services

    try:
        services = open_services(window.context.settings)
    except TrackerError as exc:
        window.context.services_failed.emit(str(exc))
        return False
    window.context.attach(services)
    return True


def run(settings: Settings, ui_settings: QSettings | None = None) -> int:
    """The GUI entry point called by ``learning-tracker`` with no command; returns the exit code.

    Non-zero when the data could not be opened (another instance has it, a newer version wrote
    it, or the learner quit the recovery). ``ui_settings`` replaces the user's QSettings (tests).
    """
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setDesktopFileName("learning-path-tracker")
    wording.use_translator(QCoreApplication.translate)
    window = build_window(settings, ui_settings or QSettings(), lazy=True)
    from tracker.ui.shell.crash import install_crash_handler

    install_crash_handler(lambda: window)
    exit_after = os.environ.get(EXIT_AFTER_ENV, "")
    refused: list[int] = []

    def leave() -> None:
        window.close()
        # exit() ends this event loop only; quit() would also close every other window
        QTimer.singleShot(0, lambda: app.exit(refused[0] if refused else 0))

    def report(stage: str) -> None:
        if stage != "shown":
            window.repaint()  # the data is painted when the time is taken, not just set
        print(f"{stage} {time.time():.6f}", flush=True)
        QTimer.singleShot(0, leave)

    def build_remaining_pages() -> None:
        if window.build_next_page():
            QTimer.singleShot(0, build_remaining_pages)

    def open_data() -> None:
        window.finish_building()
        if not open_data_safely(window):
            refused.append(EXIT_NOT_OPENED)
            leave()
            return
        if exit_after == "complete":
            page = window.page(window.current_page_key())
            fully_loaded = getattr(page, "fully_loaded", None)
            if fully_loaded is not None and getattr(page, "is_loading", False):
                fully_loaded.connect(lambda: report("complete"))
            else:
                QTimer.singleShot(0, lambda: report("complete"))
        if exit_after == "loaded":
            # the page on screen refreshed when the data opened: time its paint, before the others
            QTimer.singleShot(0, lambda: report("loaded"))
        QTimer.singleShot(0, build_remaining_pages)  # after the page on screen has painted

    def after_first_paint() -> None:
        if exit_after == "shown":
            report("shown")
            return
        QTimer.singleShot(0, open_data)

    window.first_painted.connect(after_first_paint)
    window.show()
    try:
        code = app.exec()
    finally:
        window.context.release_held()  # released on close; this covers an exec that failed
    return refused[0] if refused else code
