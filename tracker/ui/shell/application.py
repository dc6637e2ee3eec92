"""Start the desktop app: paint the window first, then open the database and fill the pages."""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from tracker.ui.shell.context import AppContext
from tracker.ui.shell.main_window import MainWindow
from tracker.ui.shell.theme import ThemeMode, apply_theme

if TYPE_CHECKING:
    from tracker.wiring import Settings

ORGANIZATION = "LearningPathTracker"
APPLICATION = "Learning Path Tracker"
# "shown": quit after the first paint of the frame; "loaded": after the page on screen is
# filled and painted (a big catalog: its first rows, searchable); "complete": after a Catalog
# page on screen holds every row.
# The app prints "<mode> <unix time>" so a benchmark can time launch-to-window from outside.
EXIT_AFTER_ENV = "LEARNING_TRACKER_EXIT_AFTER_SHOWN"


def stored_theme(ui_settings: QSettings) -> ThemeMode:
    try:
        return ThemeMode(str(ui_settings.value("view/theme", ThemeMode.SYSTEM.value)))
    except ValueError:
        return ThemeMode.SYSTEM


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


EXIT_NOT_OPENED = 3  # another instance has the data folder, or the database could not be used


def open_data_safely(window: MainWindow) -> bool:
    """Take the data folder's lock, check the database, then open it in ``window``.

    A damaged database gets the RecoveryDialog (newest good backup or a fresh start; the damaged
    file is moved aside, never overwritten); a database from a newer version gets a message
    naming both versions and is left untouched. Returns False when the app should quit: another
    instance holds the folder, or the learner could not or chose not to recover. The lock is
    held by the window's context and released when the window closes.
    """
    from tracker.ui.data.recovery_dialog import start_safely

    window.saved_label.setText(QCoreApplication.translate("MainWindow", "Checking your data…"))
    lock = start_safely(window.context.settings, window)
    if lock is None:
        return False
    window.context.hold_lock(lock)
    window.context.open_services()
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
            # the current page refreshed on data_changed: time its paint, before other pages
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
        lock = window.context.data_lock  # released on close; this covers an exec that failed
        if lock is not None:
            lock.release()
    return refused[0] if refused else code
