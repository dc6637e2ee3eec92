"""The one task runner: slow work (restore, imports, exports, a big catalog) off the GUI thread.

Like Anki's task manager, every job runs on the same single worker thread, one after another,
so two background jobs never touch the database at once; what a job returns (or raises) is
handed to its callbacks on the main thread, in the order the jobs were started.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

T = TypeVar("T")

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Deliveries(QObject):
    """Lives on the main thread: a job's outcome emitted from the worker arrives queued here."""

    delivered = Signal(object)  # a callable to run on the main thread


class _Job(QRunnable):
    def __init__(
        self, work: Callable[[], object], on_done: Done, on_error: Failed, out: _Deliveries
    ) -> None:
        super().__init__()
        self._work, self._on_done, self._on_error, self._out = work, on_done, on_error, out

    def run(self) -> None:
        on_done, on_error = self._on_done, self._on_error
        try:
            result = self._work()
        except Exception as exc:  # handed to the job's on_error on the main thread
            error = exc
            self._out.delivered.emit(lambda: on_error(error))
        else:
            self._out.delivered.emit(lambda: on_done(result))


def show_crash(exc: BaseException) -> None:
    """The default ``on_error``: an unexpected exception goes to the crash dialog."""
    sys.excepthook(type(exc), exc, exc.__traceback__)


class TaskRunner(QObject):
    """Runs jobs one at a time on one worker thread; callbacks run on the main thread.

    ``busy`` is True from ``run`` until the last started job's callback has run, so a caller
    can refuse a second writer while one is under way.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._deliveries = _Deliveries(self)
        self._deliveries.delivered.connect(self._deliver)
        self._pending = 0

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def run(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Failed = show_crash,
    ) -> None:
        """Queue ``work``; ``on_done(result)`` or ``on_error(exception)`` follows on the main
        thread."""
        self._pending += 1
        self._pool.start(_Job(work, on_done, on_error, self._deliveries))

    def _deliver(self, callback: Callable[[], None]) -> None:
        self._pending -= 1
        callback()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker is idle (callbacks still to be delivered by the event loop)."""
        return self._pool.waitForDone(msecs)
