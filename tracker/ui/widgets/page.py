"""The base of every page: refreshes from the services when data changes, lazily if hidden."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from tracker.domain.changes import ALL_KINDS, Kind, OpChanges
from tracker.ui.shell.context import AppContext
from tracker.ui.shell.theme import Colors, colors_in_use, style_sheet


class Page(QWidget):
    """A page of the main window.

    Subclasses implement ``refresh()``: read everything the page shows in one snapshot (one
    read transaction) and fill the widgets. ``shows`` names the kinds of data on the page: a
    change to none of them costs the page nothing. A visible page gets ``show_changes`` (by
    default a refresh; a page may update just the rows that changed); a hidden one only marks
    itself stale and refreshes when shown, so a change costs one page's reads, not four.

    The theme works the same way: the page holds the theme's style sheet itself, and
    ``use_colors`` restyles it at once if it is on screen, else when it is next shown.
    """

    title = "Page"
    shows: frozenset[Kind] = ALL_KINDS

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stale = True
        self.setObjectName("PageBody")
        self._theme_colors = colors_in_use()
        self._sheet_colors: Colors | None = None
        self._take_colors()  # before the widgets are polished: styling them once is cheap
        context.changed.connect(self._on_changed)

    def _on_changed(self, changes: OpChanges) -> None:
        if not self.context.is_open or not self.context.path_slug:
            return
        if not changes.touches(*self.shows):
            return
        if self.isVisible() and not self._stale:
            self.show_changes(changes)
        elif self.isVisible():
            self._stale = False
            self.refresh()
        else:
            self._stale = True

    def show_changes(self, changes: OpChanges) -> None:
        """Show what ``changes`` changed (the page is on screen and was up to date)."""
        self.refresh()

    def use_colors(self, colors: Colors) -> None:
        """Take the theme's ``colors``: at once if on screen, else when next shown."""
        self._theme_colors = colors
        if self.isVisible():
            self._take_colors()

    def _take_colors(self) -> None:
        if self._sheet_colors != self._theme_colors:
            self._sheet_colors = self._theme_colors
            self.setStyleSheet(style_sheet(self._theme_colors))

    def showEvent(self, event: QShowEvent) -> None:
        self._take_colors()
        super().showEvent(event)
        if self._stale and self.context.is_open and self.context.path_slug:
            self._stale = False
            self.refresh()

    def ensure_fresh(self) -> None:
        """Refresh now if stale (tests and screenshots call it on hidden pages)."""
        if self._stale and self.context.is_open and self.context.path_slug:
            self._stale = False
            self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError
