"""Importing a pack on the task runner: progress and the result arrive on the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from tracker.errors import PackError, TrackerError
from tracker.ui.tasks import TaskRunner, show_crash

if TYPE_CHECKING:
    from tracker.domain.changes import OpResult
    from tracker.domain.views import ImportReport
    from tracker.services.packs import PackService


class PackImporter(QObject):
    """Imports one pack at a time on the app's task runner; its signals arrive on the GUI thread."""

    progressed = Signal(int, int)
    finished = Signal(object)  # OpResult[ImportReport]
    failed = Signal(str, list)  # message, located issue lines (empty unless a PackError)

    def __init__(self, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.busy = False

    def start(self, packs: PackService, file: Path) -> bool:
        if self.busy:
            return False
        self.busy = True
        # progressed is this object's signal: emitted on the worker, delivered queued here
        self._tasks.run(
            lambda: packs.import_file(file, progress=self.progressed.emit),
            self._done,
            self._failed,
        )
        return True

    def _done(self, result: OpResult[ImportReport]) -> None:
        self.busy = False
        self.finished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        if isinstance(exc, PackError):
            self.failed.emit(str(exc).splitlines()[0], [str(issue) for issue in exc.issues])
        elif isinstance(exc, TrackerError):
            self.failed.emit(str(exc), [])
        else:  # a bug: the crash dialog shows it, and the import is over
            self.failed.emit(self.tr("The import stopped on an unexpected error."), [])
            show_crash(exc)

    def wait(self, msecs: int = -1) -> bool:
        return self._tasks.wait(msecs)
