"""GUI fixtures: a main window on a real data folder, with its own QSettings file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from tracker.app import build_window, open_data
from tracker.ui.shell.main_window import MainWindow
from tracker.wiring import Services, Settings, open_services

WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def ui_settings_file(tmp_path: Path) -> Path:
    return tmp_path / "ui.ini"


@pytest.fixture
def make_window(
    qtbot: QtBot, settings: Settings, ui_settings_file: Path
) -> Iterator[WindowFactory]:
    """Open a window like the app does: frame first, then the services; closed at teardown."""
    opened: list[MainWindow] = []

    def make(app_settings: Settings | None = None) -> MainWindow:
        ui_settings = QSettings(str(ui_settings_file), QSettings.Format.IniFormat)
        window = build_window(app_settings or settings, ui_settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        open_data(window)
        opened.append(window)
        return window

    yield make
    for window in opened:
        if window.isVisible():
            window.close()


@pytest.fixture
def window(make_window: WindowFactory) -> MainWindow:
    return make_window()


@pytest.fixture
def fresh(settings: Settings) -> Iterator[Callable[[], Services]]:
    """Services opened anew on the same data folder: what a restart would read."""
    opened: list[Services] = []

    def open_fresh() -> Services:
        services = open_services(settings)
        opened.append(services)
        return services

    yield open_fresh
    for services in opened:
        services.close()
