"""Importing a pack: File › Import a learning path…, run on the task runner with progress."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from tracker.errors import PackError, TrackerError
from tracker.ui.tasks import TaskRunner, show_crash
from tracker.ui.widgets.dialogs import show_lines
from tracker.ui.widgets.safe_text import PlainLabel, isolate

if TYPE_CHECKING:
    from tracker.domain.changes import OpResult
    from tracker.domain.views import ImportReport
    from tracker.services.packs import PackService
    from tracker.ui.data.window import DataWindow


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


class PackImport(QObject):
    """File › Import a learning path…: the file chooser, the import in the background with a
    progress dialog, and the report (or the located problems) when it ends."""

    def __init__(self, window: DataWindow) -> None:
        assert isinstance(window, QWidget)
        super().__init__(window)
        self.window = window
        self.widget: QWidget = window
        self.importer = PackImporter(window.context.tasks, self)
        self.importer.progressed.connect(self._progressed)
        self.importer.finished.connect(self._finished)
        self.importer.failed.connect(self._failed)
        self._progress: QProgressDialog | None = None
        self.action = QAction(self.tr("&Import a learning path…"), window)
        self.action.setShortcut(QKeySequence.StandardKey.Open)
        self.action.triggered.connect(self.choose_file)
        window.add_file_action(self.action)
        window.menu("File").insertSeparator(window.quit_action)

    def choose_file(self) -> None:
        file, _filter = QFileDialog.getOpenFileName(
            self.widget,
            self.tr("Import a learning path"),
            "",
            self.tr("Learning-path packs (*.yaml *.yml *.json)"),
        )
        if file:
            self.import_file(Path(file))

    def import_file(self, file: Path) -> bool:
        """Import ``file`` on the task runner, with a progress dialog; the window stays live."""
        context = self.window.context
        if not context.is_open or self.window.safety.busy:
            return False
        if not self.importer.start(context.services.packs, file):
            return False
        progress = QProgressDialog(self.widget)
        progress.setLabel(PlainLabel(self.tr("Importing %s…") % isolate(file.name)))
        progress.setRange(0, 0)
        progress.setCancelButton(None)
        progress.setWindowTitle(self.tr("Importing"))
        progress.setAccessibleName(self.tr("Import progress"))
        progress.setMinimumDuration(300)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._progress = progress
        return True

    def _progressed(self, step: int, total: int) -> None:
        if self._progress is not None:
            self._progress.setMaximum(total)
            self._progress.setValue(step)

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None

    def _finished(self, result: OpResult[ImportReport]) -> None:
        report = result.value
        self._close_progress()
        self.window.show_paths(report.path_slug)
        context = self.window.context
        if report.path_slug == context.path_slug:
            context.notify_changed(result.changes)
        else:  # the imported path is shown: one refresh, of everything, on the new path
            context.paths_changed()
            context.set_path(report.path_slug)
        self.window.statusBar().showMessage(report.lines()[0], 8000)
        show_lines(self.widget, self.tr("Import finished"), report.lines()[0], report.lines())

    def _failed(self, message: str, issues: list[str]) -> None:
        self._close_progress()
        show_lines(self.widget, self.tr("The pack was not imported"), message, issues or [message])
