"""The application context every page shares: services, the undo stack, and change signals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal

from tracker.domain.changes import Kind, OpChanges, OpResult, UndoStatus
from tracker.errors import TrackerError
from tracker.ui.tasks import TaskRunner

T = TypeVar("T")


class Releasable(Protocol):
    """What the window holds while open (the data folder's lock) and lets go of on close."""

    def release(self) -> None: ...


if TYPE_CHECKING:
    from tracker.services.bundle import Services
    from tracker.settings import Settings


class AppContext(QObject):
    """What pages need, passed through constructors (no global registry).

    - ``services``: the services bound to the open database (None until ``open_services``).
    - ``run(operation)``: every learner change is a service operation (one transaction, one
      undo step in the core's history); ``undo``/``redo`` move through that same history, the
      one ``learning-tracker undo`` uses.
    - ``changed(OpChanges)``: what an operation, undo or redo changed; each page refreshes only
      when something it shows changed. ``undo_changed``: the Edit menu's texts may change.
    - ``flush_requested``: emitted before undo/redo/close so editors save pending typing.
    """

    services_opened = Signal()
    services_failed = Signal(str)
    changed = Signal(object)  # OpChanges: what an operation, undo or redo changed
    undo_changed = Signal()
    path_changed = Signal(str)
    saved = Signal(datetime)
    save_failed = Signal(str)
    flush_requested = Signal()

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._services: Services | None = None
        self.path_slug = ""
        self.tasks = TaskRunner(self)  # the one worker thread for slow work
        self._undo_status: UndoStatus | None = None
        self._path_titles: dict[str, str] = {}
        self.data_lock: Releasable | None = None

    # --- services ---------------------------------------------------------------------------

    @property
    def services(self) -> Services:
        if self._services is None:
            raise RuntimeError("The services are not open yet.")
        return self._services

    @property
    def is_open(self) -> bool:
        return self._services is not None

    def attach(self, services: Services) -> None:
        """Use ``services`` (already open) and select the first installed path."""
        self._services = services
        paths = services.packs.paths()
        self._path_titles = {path.slug: path.title for path in paths}
        self.path_slug = paths[0].slug if paths else ""
        self._undo_status = None
        self.services_opened.emit()
        self.changed.emit(OpChanges.everything())
        self.undo_changed.emit()

    def set_path(self, path_slug: str) -> None:
        if path_slug == self.path_slug:
            return
        self.flush_requested.emit()
        self.path_slug = path_slug
        self.path_changed.emit(path_slug)
        self.changed.emit(OpChanges.everything())

    def path_title(self) -> str:
        """The title of the path on screen (read when the paths change, not by every page)."""
        return self._path_titles.get(self.path_slug, self.path_slug)

    def paths_changed(self) -> None:
        """The installed paths changed (a pack imported): read their titles again."""
        if self.is_open:
            self._path_titles = {p.slug: p.title for p in self.services.packs.paths()}

    def hold(self, lock: Releasable) -> None:
        """Keep ``lock`` (the data folder's one-writer lock) until ``close``."""
        self.data_lock = lock

    def release_held(self) -> None:
        if self.data_lock is not None:
            self.data_lock.release()
            self.data_lock = None

    def close(self) -> None:
        self.flush_requested.emit()
        if self._services is not None:
            self._services.close()
            self._services = None
        self.release_held()

    # --- changes ----------------------------------------------------------------------------

    def run(self, operation: Callable[[], OpResult[T]]) -> T | None:
        """Run one service operation (one undo step) and tell the pages what it changed.

        A TrackerError (read-only disk, bad input) changes nothing: the message is shown and
        the pages refresh from what is stored, so the UI shows the truth again. Returns the
        operation's value, or None when it failed.
        """
        try:
            result = operation()
        except TrackerError as exc:
            self.report_failure(exc)
            return None
        self.apply(result)
        return result.value

    def apply(self, result: OpResult[object]) -> None:
        """Tell the pages and the Edit menu about an operation done elsewhere (a task)."""
        if result.step is not None:
            self._undo_status = UndoStatus(result.step, None)
            self.undo_changed.emit()
        if result.changes or result.step is not None:
            self.saved.emit(datetime.now())
        if result.changes.touches(Kind.PACKS):
            self.paths_changed()
        if result.changes:
            self.changed.emit(result.changes)

    def undo_status(self) -> UndoStatus:
        """What Edit > Undo and Redo would do (read from the core's history when not known)."""
        if self._undo_status is None:
            self._undo_status = self.services.operations.status() if self.is_open else UndoStatus()
        return self._undo_status

    def undo(self) -> None:
        self._move(redo=False)

    def redo(self) -> None:
        self._move(redo=True)

    def _move(self, *, redo: bool) -> None:
        self.flush_requested.emit()
        if not self.is_open:
            return
        operations = self.services.operations
        try:
            result = operations.redo() if redo else operations.undo()
        except TrackerError as exc:
            self._undo_status = None
            self.undo_changed.emit()
            self.report_failure(exc)
            return
        self._undo_status = None
        self.undo_changed.emit()
        self.saved.emit(datetime.now())
        self.changed.emit(result.changes)

    def notify_changed(self, changes: OpChanges | None = None) -> None:
        """Tell the pages that data changed outside an operation (an import, a restore)."""
        changes = changes or OpChanges.everything()
        if changes.touches(Kind.PACKS):
            self.paths_changed()
        self._undo_status = None
        self.undo_changed.emit()
        self.changed.emit(changes)

    def report_failure(self, exc: TrackerError) -> None:
        self.save_failed.emit(str(exc))
        self.changed.emit(OpChanges.everything())
