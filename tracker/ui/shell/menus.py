"""The main window's menus: File, Edit (undo and redo from the core's history), View, Help."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from tracker.ui.shell.theme import ThemeMode
from tracker.ui.widgets.safe_text import menu_text

if TYPE_CHECKING:
    from tracker.ui.shell.context import AppContext

MENU_NAMES = ("File", "Edit", "View", "Tools", "Help")


class MenuWindow(Protocol):
    """The main window, as its menus use it: the actions they make are kept on it."""

    context: AppContext
    quit_action: QAction
    undo_action: QAction
    redo_action: QAction
    find_action: QAction
    theme_group: QActionGroup
    theme_actions: dict[ThemeMode, QAction]

    def menuBar(self) -> QMenuBar: ...
    def close(self) -> bool: ...
    def focus_search(self) -> None: ...
    def set_theme(self, mode: ThemeMode) -> None: ...
    def show_shortcuts(self) -> None: ...
    def show_about(self) -> None: ...


def build_menus(window: MenuWindow) -> dict[str, QMenu]:
    """The menu bar's menus and the window's own actions (import, quit, undo, find, theme, help);
    the data actions add theirs to File and Tools."""
    menus: dict[str, QMenu] = {}
    assert isinstance(window, QObject)
    owner: QObject = window  # the actions' parent: they live as long as the window
    bar = window.menuBar()
    titles = {
        "File": QCoreApplication.translate("MainWindow", "&File"),
        "Edit": QCoreApplication.translate("MainWindow", "&Edit"),
        "View": QCoreApplication.translate("MainWindow", "&View"),
        "Tools": QCoreApplication.translate("MainWindow", "&Tools"),
        "Help": QCoreApplication.translate("MainWindow", "&Help"),
    }
    for name in MENU_NAMES:
        menus[name] = bar.addMenu(titles[name])
    file_menu = menus["File"]
    window.quit_action = QAction(QCoreApplication.translate("MainWindow", "&Quit"), owner)
    window.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    window.quit_action.triggered.connect(window.close)
    file_menu.addAction(window.quit_action)

    edit = menus["Edit"]
    window.undo_action = QAction(QCoreApplication.translate("MainWindow", "&Undo"), owner)
    window.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
    window.undo_action.triggered.connect(window.context.undo)
    window.redo_action = QAction(QCoreApplication.translate("MainWindow", "&Redo"), owner)
    window.redo_action.setShortcuts(
        [
            QKeySequence(QKeySequence.StandardKey.Redo),
            QKeySequence("Ctrl+Y"),
            QKeySequence("Ctrl+Shift+Z"),
        ]
    )
    window.redo_action.triggered.connect(window.context.redo)
    window.context.undo_changed.connect(lambda: update_undo_actions(window))
    window.undo_action.setEnabled(False)
    window.redo_action.setEnabled(False)
    window.undo_action.setStatusTip(
        QCoreApplication.translate("MainWindow", "Undo the last change (kept across restarts)")
    )
    edit.addAction(window.undo_action)
    edit.addAction(window.redo_action)
    edit.addSeparator()
    window.find_action = QAction(
        QCoreApplication.translate("MainWindow", "&Find in catalog"), window
    )
    window.find_action.setShortcut(QKeySequence.StandardKey.Find)
    window.find_action.triggered.connect(window.focus_search)
    edit.addAction(window.find_action)

    view = menus["View"]
    theme_menu = view.addMenu(QCoreApplication.translate("MainWindow", "&Theme"))
    window.theme_group = QActionGroup(owner)
    window.theme_actions = {}
    for mode, label in (
        (ThemeMode.SYSTEM, QCoreApplication.translate("MainWindow", "Follow the &system")),
        (ThemeMode.LIGHT, QCoreApplication.translate("MainWindow", "&Light")),
        (ThemeMode.DARK, QCoreApplication.translate("MainWindow", "&Dark")),
    ):
        action = QAction(label, owner, checkable=True)
        action.triggered.connect(lambda _c=False, m=mode: window.set_theme(m))
        window.theme_group.addAction(action)
        theme_menu.addAction(action)
        window.theme_actions[mode] = action

    help_menu = menus["Help"]
    shortcuts = QAction(QCoreApplication.translate("MainWindow", "&Keyboard shortcuts"), owner)
    shortcuts.setShortcut(QKeySequence.StandardKey.HelpContents)
    shortcuts.triggered.connect(window.show_shortcuts)
    help_menu.addAction(shortcuts)
    about = QAction(
        QCoreApplication.translate("MainWindow", "&About Learning Path Tracker"), window
    )
    about.setMenuRole(QAction.MenuRole.AboutRole)
    about.triggered.connect(window.show_about)
    help_menu.addAction(about)
    menus["Tools"].menuAction().setVisible(False)  # shown once a data action is added to it
    return menus


def update_undo_actions(window: MenuWindow) -> None:
    """Edit > Undo and Redo name the step they would take ("Undo Tick Decorators")."""
    status = window.context.undo_status()
    undo_text = status.undo.label if status.undo else ""
    redo_text = status.redo.label if status.redo else ""
    can_undo, can_redo = status.undo is not None, status.redo is not None
    window.undo_action.setText(
        QCoreApplication.translate("MainWindow", "&Undo %s") % menu_text(undo_text)
        if undo_text
        else QCoreApplication.translate("MainWindow", "&Undo")
    )
    window.redo_action.setText(
        QCoreApplication.translate("MainWindow", "&Redo %s") % menu_text(redo_text)
        if redo_text
        else QCoreApplication.translate("MainWindow", "&Redo")
    )
    window.undo_action.setEnabled(can_undo)
    window.redo_action.setEnabled(can_redo)
