"""A theme switch reaches every page, the frame and the dialogs, whichever page is on screen."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QDialog, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tracker.ui.shell.crash import TextDetailsDialog
from tracker.ui.shell.main_window import MainWindow
from tracker.ui.shell.theme import DARK, LIGHT, Colors, ThemeMode


def pixel(widget: QWidget, x: int, y: int) -> str:
    return QColor(widget.grab().toImage().pixel(x, y)).name()


def corner(widget: QWidget) -> str:
    """The colour just inside the top-left corner: the background."""
    return pixel(widget, 2, 2)


def show(window: MainWindow, qtbot: QtBot, key: str) -> QWidget:
    window.show_page(key)
    page = window.page(key)
    qtbot.waitUntil(page.isVisible, timeout=2000)
    return page


def test_a_page_shown_after_a_switch_has_the_new_colours(window: MainWindow, qtbot: QtBot) -> None:
    window.set_theme(ThemeMode.LIGHT)
    for key in window.page_keys():  # every page built and painted in the light theme
        assert corner(show(window, qtbot, key)) == LIGHT.window
    show(window, qtbot, "dashboard")

    window.set_theme(ThemeMode.DARK)

    catalog = show(window, qtbot, "catalog")
    assert corner(catalog) == DARK.window
    table = window.catalog.table.viewport()
    assert QColor(pixel(table, table.width() - 3, table.height() - 3)).lightness() < 80
    for key in window.page_keys():
        assert corner(show(window, qtbot, key)) == DARK.window, key


def assert_frame_in(window: MainWindow, colors: Colors) -> None:
    dark = colors is DARK
    for part in (window.menuBar(), window.statusBar()):
        assert (QColor(corner(part)).lightness() < 80) is dark, part


def test_the_frame_and_an_open_dialog_follow_a_switch(window: MainWindow, qtbot: QtBot) -> None:
    window.set_theme(ThemeMode.LIGHT)
    assert_frame_in(window, LIGHT)
    window.set_theme(ThemeMode.DARK)
    assert_frame_in(window, DARK)

    dialog = TextDetailsDialog("Title", "A message", "details", window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    details = dialog.details.viewport()
    assert corner(dialog) == DARK.window
    assert corner(details) == DARK.base

    window.set_theme(ThemeMode.LIGHT)  # while the dialog is open
    assert_frame_in(window, LIGHT)
    assert corner(dialog) == LIGHT.window
    assert corner(details) == LIGHT.base


def colours_in(widget: QWidget) -> set[str]:
    image = widget.grab().toImage()
    width, height = image.width(), image.height()
    return {QColor(image.pixel(x, y)).name() for x in range(width) for y in range(height)}


def test_a_dialog_opened_after_a_switch_has_the_themes_check_boxes(
    window: MainWindow, qtbot: QtBot
) -> None:
    for colors, mode in ((DARK, ThemeMode.DARK), (LIGHT, ThemeMode.LIGHT)):
        window.set_theme(mode)
        dialog = QDialog(window)
        qtbot.addWidget(dialog)
        box = QCheckBox("Remember", dialog)
        box.setChecked(True)
        QVBoxLayout(dialog).addWidget(box)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert corner(dialog) == colors.window
        assert colors.accent in colours_in(box)  # the theme's ticked box, not Fusion's
        dialog.close()
