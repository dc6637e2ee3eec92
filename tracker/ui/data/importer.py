"""Importing a pack off the GUI thread: one worker (Anki-style), progress and result by signal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from tracker.errors import PackError, TrackerError

if TYPE_CHECKING:
    from tracker.domain.changes import OpResult
    from tracker.domain.views import ImportReport
    from tracker.services.packs import PackService


class _Signals(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)  # OpResult[ImportReport]
    failed = Signal(str, list)  # message, located issue lines (empty unless a PackError)


class _ImportJob(QRunnable):
    def __init__(self, packs: PackService, file: Path, signals: _Signals) -> None:
        super().__init__()
        self._packs = packs
        self._file = file
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._packs.import_file(self._file, progress=self._signals.progressed.emit)
        except PackError as exc:
            self._signals.failed.emit(
                str(exc).splitlines()[0], [str(issue) for issue in exc.issues]
            )
        except TrackerError as exc:
            self._signals.failed.emit(str(exc), [])
        except Exception as exc:  # a bug: shown, not swallowed
            self._signals.failed.emit(f"Unexpected error: {exc!r}", [])
        else:
            self._signals.finished.emit(result)


class PackImporter(QObject):
    """Runs imports one at a time on a single worker thread; signals arrive on the GUI thread."""

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str, list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.progressed.connect(self.progressed)
        self._signals.finished.connect(self._done)
        self._signals.failed.connect(self._failed)
        self.busy = False

    def start(self, packs: PackService, file: Path) -> bool:
        if self.busy:
            return False
        self.busy = True
        self._pool.start(_ImportJob(packs, file, self._signals))
        return True

    def _done(self, result: OpResult[ImportReport]) -> None:
        self.busy = False
        self.finished.emit(result)

    def _failed(self, message: str, issues: list[str]) -> None:
        self.busy = False
        self.failed.emit(message, issues)

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)
