"""The base of every page: refreshes from the services when data changes, lazily if hidden."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from tracker.ui.shell.context import AppContext


class Page(QWidget):
    """A page of the main window.

    Subclasses implement ``refresh()`` (read the services, fill the widgets). A page listens to
    ``AppContext.data_changed``; a hidden page only marks itself stale and refreshes when shown,
    so a change costs one page's reads, not four.
    """

    title = "Page"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stale = True
        self.setObjectName("PageBody")
        context.data_changed.connect(self._on_data_changed)

    def _on_data_changed(self) -> None:
        if not self.context.is_open or not self.context.path_slug:
            return
        if self.isVisible():
            self._stale = False
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
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
