"""The application context every page shares: services, the undo stack, and change signals."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from tracker.errors import TrackerError
from tracker.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from tracker.storage.lock import DataFolderLock
    from tracker.ui.commands import ServiceCommand
    from tracker.wiring import Services, Settings


class AppContext(QObject):
    """What pages need, passed through constructors (no global registry).

    - ``services``: the services bound to the open database (None until ``open_services``).
    - ``undo_stack``: one QUndoStack; every learner change is a ``ServiceCommand`` pushed by
      ``perform``, so one user action is one undo step.
    - ``data_changed``: emitted after every change, undo and redo, and when the path changes;
      every page refreshes from the services when it fires (issue 6's charts, issue 5's
      comparison and issue 7's restore only need to connect to it or call ``notify_changed``).
    - ``flush_requested``: emitted before undo/redo/close so editors save pending typing.
    """

    services_opened = Signal()
    services_failed = Signal(str)
    data_changed = Signal()
    path_changed = Signal(str)
    saved = Signal(datetime)
    save_failed = Signal(str)
    flush_requested = Signal()

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._services: Services | None = None
        self.path_slug = ""
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(200)
        self.tasks = TaskRunner(self)  # the one worker thread for slow work
        self.last_error = ""
        self.data_lock: DataFolderLock | None = None

    # --- services ---------------------------------------------------------------------------

    @property
    def services(self) -> Services:
        if self._services is None:
            raise RuntimeError("The services are not open yet.")
        return self._services

    @property
    def is_open(self) -> bool:
        return self._services is not None

    def open_services(self) -> bool:
        """Open the database (imports SQLAlchemy: call after the window's first paint)."""
        from tracker.wiring import open_services

        try:
            services = open_services(self.settings)
        except TrackerError as exc:
            self.last_error = str(exc)
            self.services_failed.emit(str(exc))
            return False
        self.attach(services)
        return True

    def attach(self, services: Services) -> None:
        """Use ``services`` (already open) and select the first installed path."""
        self._services = services
        paths = services.packs.paths()
        self.path_slug = paths[0].slug if paths else ""
        self.services_opened.emit()
        self.data_changed.emit()

    def set_path(self, path_slug: str) -> None:
        if path_slug == self.path_slug:
            return
        self.flush_requested.emit()
        self.path_slug = path_slug
        self.undo_stack.clear()
        self.path_changed.emit(path_slug)
        self.data_changed.emit()

    def hold_lock(self, lock: DataFolderLock) -> None:
        """Keep the data folder's one-writer lock until ``close`` (the window closing)."""
        self.data_lock = lock

    def close(self) -> None:
        self.flush_requested.emit()
        if self._services is not None:
            self._services.close()
            self._services = None
        if self.data_lock is not None:
            self.data_lock.release()
            self.data_lock = None

    # --- changes ----------------------------------------------------------------------------

    def perform(self, command: ServiceCommand) -> bool:
        """Apply ``command`` through the services and push it as one undo step.

        A TrackerError (read-only disk, bad input) changes nothing: the message is shown and
        every page refreshes from what is stored, so the UI shows the truth again.
        """
        try:
            command.apply()
        except TrackerError as exc:
            self.report_failure(exc)
            return False
        command.mark_applied()
        self.undo_stack.push(command)
        self.notify_saved()
        return True

    def notify_saved(self) -> None:
        self.saved.emit(datetime.now())
        self.data_changed.emit()

    def notify_changed(self) -> None:
        """Refresh every page (after an import, a restore, a path switch)."""
        self.data_changed.emit()

    def report_failure(self, exc: TrackerError) -> None:
        self.last_error = str(exc)
        self.save_failed.emit(str(exc))
        self.data_changed.emit()

    def undo(self) -> None:
        self.flush_requested.emit()
        self.undo_stack.undo()

    def redo(self) -> None:
        self.flush_requested.emit()
        self.undo_stack.redo()
