"""Start the desktop app: paint the window first, then open the database and fill the pages."""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from tracker.ui.context import AppContext
from tracker.ui.main_window import MainWindow
from tracker.ui.theme import ThemeMode, apply_theme

if TYPE_CHECKING:
    from tracker.wiring import Settings

ORGANIZATION = "LearningPathTracker"
APPLICATION = "Learning Path Tracker"
# "shown": quit after the first paint of the frame; "loaded": after the pages are filled.
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


def run(settings: Settings) -> int:
    """The GUI entry point called by ``learning-tracker`` with no command; returns the exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setDesktopFileName("learning-path-tracker")
    window = build_window(settings, QSettings(), lazy=True)
    from tracker.ui.crash import install_crash_handler

    install_crash_handler(lambda: window)
    exit_after = os.environ.get(EXIT_AFTER_ENV, "")

    def report(stage: str) -> None:
        print(f"{stage} {time.time():.6f}", flush=True)
        QTimer.singleShot(0, window.close)

    def open_data() -> None:
        window.finish_building()
        window.context.open_services()
        QTimer.singleShot(0, window.build_remaining_pages)
        if exit_after == "loaded":
            # the current page refreshes on data_changed; let its repaint happen first
            QTimer.singleShot(0, lambda: report("loaded"))

    def after_first_paint() -> None:
        if exit_after == "shown":
            report("shown")
            return
        QTimer.singleShot(0, open_data)

    window.first_painted.connect(after_first_paint)
    window.show()
    return app.exec()
