"""What the data actions need of the main window that creates them (so they never import it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QStatusBar

if TYPE_CHECKING:
    from tracker.ui.shell.context import AppContext


class Busy(Protocol):
    """Something that may be running a long job (a restore, an import)."""

    @property
    def busy(self) -> bool: ...


class DataWindow(Protocol):
    """The main window, as its File and Tools menu actions use it."""

    context: AppContext
    quit_action: QAction

    @property
    def importer(self) -> Busy: ...
    @property
    def safety(self) -> Busy: ...
    def menu(self, name: str) -> QMenu: ...
    def add_file_action(self, action: QAction) -> None: ...
    def show_tools_menu(self) -> None: ...
    def show_message(self, title: str, text: str) -> QMessageBox: ...
    def show_paths(self, selected: str) -> None: ...
    def statusBar(self) -> QStatusBar: ...
