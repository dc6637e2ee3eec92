"""The app's background worker for long data work (restore, progress import, PDF export)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from tracker.errors import TrackerError


class _Signals(QObject):
    finished = Signal(object)  # the job's result
    failed = Signal(str)  # a TrackerError's message: plain words for the learner
    crashed = Signal(object)  # an unexpected exception (a bug), for the crash dialog


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object], signals: _Signals) -> None:
        super().__init__()
        self._work = work
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._work()
        except TrackerError as exc:
            self._signals.failed.emit(str(exc))
        except Exception as exc:  # a bug: shown in the crash dialog, not swallowed
            self._signals.crashed.emit(exc)
        else:
            self._signals.finished.emit(result)


class BackgroundWorker(QObject):
    """Runs one job at a time on one thread (like the pack importer); results arrive by signal.

    ``busy`` is True from ``start`` until ``finished``, ``failed`` or ``crashed`` is delivered
    on the GUI thread, so callers can refuse a second writer while one runs.
    """

    finished = Signal(object)
    failed = Signal(str)
    crashed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.finished.connect(self._finished)
        self._signals.failed.connect(self._failed)
        self._signals.crashed.connect(self._crashed)
        self.busy = False

    def start(self, work: Callable[[], object]) -> bool:
        if self.busy:
            return False
        self.busy = True
        self._pool.start(_Job(work, self._signals))
        return True

    def _finished(self, result: object) -> None:
        self.busy = False
        self.finished.emit(result)

    def _failed(self, message: str) -> None:
        self.busy = False
        self.failed.emit(message)

    def _crashed(self, exc: object) -> None:
        self.busy = False
        self.crashed.emit(exc)

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)
