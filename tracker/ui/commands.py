"""Undo commands: each is one learner action, applied and reverted through the services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from tracker.errors import TrackerError

if TYPE_CHECKING:
    from tracker.ui.shell.context import AppContext


def tr(text: str) -> str:
    return QCoreApplication.translate("commands", text)


class ServiceCommand(QUndoCommand):
    """A change made through the services; ``AppContext.perform`` applies it once, then pushes.

    Subclasses implement ``apply`` (do it, remembering what was there) and ``revert``.
    QUndoStack calls ``redo`` on push: the first call is skipped because ``perform`` already
    applied the change. A failing undo/redo reports the error and refreshes the pages.
    """

    def __init__(self, context: AppContext, text: str) -> None:
        super().__init__(text)
        self.context = context
        self.path_slug = context.path_slug
        self._applied_by_perform = False

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def mark_applied(self) -> None:
        self._applied_by_perform = True

    def redo(self) -> None:
        if self._applied_by_perform:
            self._applied_by_perform = False
            return
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, step: Any) -> None:
        try:
            step()
        except TrackerError as exc:
            self.setObsolete(True)
            self.context.report_failure(exc)
            return
        self.context.notify_saved()
