"""File and Tools menu items that keep the data safe: back up, restore, export, import."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QStandardPaths, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QMenu,
    QProgressDialog,
    QWidget,
)

from tracker.errors import TrackerError
from tracker.ui.data.window import DataWindow
from tracker.ui.tasks import show_crash
from tracker.ui.widgets.safe_text import PlainLabel

if TYPE_CHECKING:
    from tracker.domain.changes import OpResult
    from tracker.exchange import ProgressImportReport
    from tracker.services.safety import BackupInfo
    from tracker.ui.data.backups_dialog import BackupsDialog


@dataclass(frozen=True)
class ExportFormat:
    """One way to export from the File menu: the format, its menu label and file filter."""

    key: str  # a tracker.exchange.Format value
    label: str
    file_filter: str
    suffix: str


EXPORT_FORMATS = (
    ExportFormat(
        "json",
        str(QT_TRANSLATE_NOOP("SafetyActions", "Your progress (&JSON)…")),
        str(QT_TRANSLATE_NOOP("SafetyActions", "Progress files (*.json)")),
        ".json",
    ),
    ExportFormat(
        "csv",
        str(QT_TRANSLATE_NOOP("SafetyActions", "Catalog and time log (&CSV)…")),
        str(QT_TRANSLATE_NOOP("SafetyActions", "Spreadsheets, comma-separated (*.csv)")),
        ".csv",
    ),
    ExportFormat(
        "ics",
        str(QT_TRANSLATE_NOOP("SafetyActions", "Study plan and revisits (i&Calendar)…")),
        str(QT_TRANSLATE_NOOP("SafetyActions", "Calendars (*.ics)")),
        ".ics",
    ),
    ExportFormat(
        "pdf",
        str(QT_TRANSLATE_NOOP("SafetyActions", "Progress &report (PDF)…")),
        str(QT_TRANSLATE_NOOP("SafetyActions", "PDF documents (*.pdf)")),
        ".pdf",
    ),
)

PathChooser = Callable[[str, str, str], Path | None]


def ask_save_path(caption: str, file_filter: str, suggested: str) -> Path | None:
    """The system's Save dialog (tests replace ``SafetyActions.choose_save_path``)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name, _filter = QFileDialog.getSaveFileName(
        None, caption, str(Path(folder) / suggested), file_filter
    )
    return Path(name) if name else None


def ask_open_path(caption: str, file_filter: str, _suggested: str) -> Path | None:
    """The system's Open dialog (tests replace ``SafetyActions.choose_open_path``)."""
    name, _filter = QFileDialog.getOpenFileName(None, caption, "", file_filter)
    return Path(name) if name else None


class SafetyActions(QObject):
    """File › Back up now, Backups…, Export ▸, Import progress…; Tools › Check database….

    Restore, progress import and exports run on the app's task runner behind a window-modal
    progress dialog, so the window keeps painting and nothing else writes the database
    meanwhile. After a restore or an import every page re-reads the services and the undo
    stack is cleared (its steps describe the data as it was before).
    """

    def __init__(self, window: DataWindow) -> None:
        assert isinstance(window, QWidget)
        super().__init__(window)
        self.window = window
        self.widget: QWidget = window  # the parent of the dialogs opened here
        self.context = window.context
        self.choose_save_path: PathChooser = ask_save_path
        self.choose_open_path: PathChooser = ask_open_path
        self.progress: QProgressDialog | None = None
        self.backups_dialog: BackupsDialog | None = None
        self._running = False

        self.back_up_action = QAction(self.tr("&Back up now"), window)
        self.back_up_action.setShortcut("Ctrl+Shift+B")
        self.back_up_action.triggered.connect(self.back_up_now)
        self.backups_action = QAction(self.tr("Bac&kups…"), window)
        self.backups_action.triggered.connect(self.show_backups)
        self.export_menu = QMenu(self.tr("&Export"), window)
        self.export_actions: dict[str, QAction] = {}
        for fmt in EXPORT_FORMATS:
            action = QAction(self._translate(fmt.label), window)
            action.triggered.connect(lambda _c=False, f=fmt: self.export(f.key))
            self.export_menu.addAction(action)
            self.export_actions[fmt.key] = action
        self.import_progress_action = QAction(self.tr("Import &progress…"), window)
        self.import_progress_action.triggered.connect(self.choose_progress_file)
        self.check_action = QAction(self.tr("&Check database…"), window)
        self.check_action.triggered.connect(self.check_database)

        for action in (
            self.back_up_action,
            self.backups_action,
            self.export_menu.menuAction(),
            self.import_progress_action,
        ):
            window.add_file_action(action)
        window.menu("File").insertSeparator(window.quit_action)
        window.menu("Tools").addAction(self.check_action)
        window.show_tools_menu()
        self._data_actions = [
            self.back_up_action,
            self.backups_action,
            self.export_menu.menuAction(),
            self.import_progress_action,
            self.check_action,
        ]
        self._set_enabled(False)
        self.context.services_opened.connect(lambda: self._set_enabled(True))

    @staticmethod
    def _translate(text: str) -> str:
        return QCoreApplication.translate("SafetyActions", text)

    def _set_enabled(self, enabled: bool) -> None:
        for action in self._data_actions:
            action.setEnabled(enabled)

    # --- running work ---------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """A restore, import or export started here is still under way."""
        return self._running

    def _can_write(self) -> bool:
        if not self.context.is_open:
            return False
        importer = self.window.importer
        if self._running or (importer is not None and importer.busy):
            self.window.show_message(
                self.tr("Please wait"), self.tr("The app is still busy with your last request.")
            )
            return False
        return True

    def _run(
        self,
        label: str,
        work: Callable[[], object],
        on_done: Callable[[object], None],
        on_failed: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> bool:
        """Run ``work`` on the task runner behind a window-modal busy indicator.

        A TrackerError (a full disk, a bad file) goes to ``on_failed`` in plain words; any
        other exception is a bug, for the crash dialog. Either way the pages show what is
        stored afterwards.
        """
        self.context.flush_requested.emit()  # notes typed a moment ago are saved first
        self._running = True

        def done(result: object) -> None:
            self._finish()
            on_done(result)

        def failed(exc: BaseException) -> None:
            self._finish()
            if isinstance(exc, TrackerError):
                on_failed(str(exc))
            self.context.notify_changed()  # show what is stored
            if not isinstance(exc, TrackerError):
                show_crash(exc)

        self.context.tasks.run(work, done, failed)
        progress = QProgressDialog(parent or self.widget)
        progress.setLabel(PlainLabel(label))
        progress.setRange(0, 0)
        progress.setCancelButton(None)
        progress.setWindowTitle(self.tr("Working"))
        progress.setAccessibleName(label)
        progress.setMinimumDuration(300)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setValue(0)
        self.progress = progress
        return True

    def _finish(self) -> None:
        self._running = False
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _tell(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10000)

    def _fail(self, title: str) -> Callable[[str], None]:
        def show(message: str) -> None:
            self.window.show_message(title, message)

        return show

    # --- backups --------------------------------------------------------------------------------

    def back_up_now(self) -> bool:
        """Take a backup now; a failure (full disk, unwritable folder) is shown in plain words."""
        from tracker import formatting

        if not self._can_write():
            return False
        self.context.flush_requested.emit()
        try:
            backup = self.context.services.backups.back_up_now()
        except TrackerError as exc:
            self._fail(self.tr("The backup was not made"))(str(exc))
            return False
        size = formatting.size(backup.size_bytes)
        self._tell(self.tr("Backed up (%s) to %s") % (size, backup.path))
        return True

    def show_backups(self) -> BackupsDialog | None:
        from tracker.ui.data.backups_dialog import BackupsDialog

        if not self.context.is_open:
            return None
        dialog = BackupsDialog(self.context.services.backups, self.widget, self.restore)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "backups_dialog", None))
        self.backups_dialog = dialog
        dialog.open()
        return dialog

    def restore(self, backup: BackupInfo) -> bool:
        """Restore ``backup`` on the task runner (the current state is backed up first)."""
        dialog = self.backups_dialog
        if not self._can_write():
            if dialog is not None:
                dialog.restore_failed(self.tr("The app is busy; try again in a moment."))
            return False
        services = self.context.services
        # no pooled connection of the GUI thread stays open across the file swap
        services.store.dispose()

        def done(result: object) -> None:
            from tracker.domain.changes import OpChanges
            from tracker.services.safety import BackupInfo

            assert isinstance(result, BackupInfo)
            self.context.notify_changed(OpChanges.everything())  # every kind: the whole file
            if self.backups_dialog is not None:
                self.backups_dialog.restored(backup, result)
            self._tell(self.tr("Restored the backup %s") % backup.name)

        def failed(message: str) -> None:
            if self.backups_dialog is not None:
                self.backups_dialog.restore_failed(message)
            else:
                self.window.show_message(self.tr("The backup was not restored"), message)

        return self._run(
            self.tr("Restoring your backup…"),
            lambda: services.backups.restore(backup.path),
            done,
            failed,
            dialog,
        )

    # --- export and import ----------------------------------------------------------------------

    def export(self, key: str) -> bool:
        """Ask where to save, then export in format ``key`` on the task runner."""
        from tracker.exchange import Exported, export

        if not self.context.is_open:
            return False
        fmt = next(f for f in EXPORT_FORMATS if f.key == key)
        path_slug = self.context.path_slug
        suggested = f"learning-progress-{path_slug or 'all'}{fmt.suffix}"
        file = self.choose_save_path(self.tr("Export"), self._translate(fmt.file_filter), suggested)
        if file is None:
            return False
        if not file.suffix:
            file = file.with_suffix(fmt.suffix)
        if not self._can_write():
            return False
        services = self.context.services

        def done(result: object) -> None:
            assert isinstance(result, Exported)
            self._tell(self.tr("Exported to %s") % " and ".join(str(f) for f in result.files))

        return self._run(
            self.tr("Exporting to %s…") % file.name,
            lambda: export(services, key, file, path_slug=path_slug or None),
            done,
            self._fail(self.tr("Nothing was exported")),
        )

    def choose_progress_file(self) -> bool:
        file = self.choose_open_path(
            self.tr("Import progress"), self.tr("Progress files (*.json)"), "learning-progress.json"
        )
        return self.import_progress(file) if file is not None else False

    def import_progress(self, file: Path) -> bool:
        """Merge a progress file (a JSON export) on the task runner; show what it changed."""
        if not self._can_write():
            return False
        services = self.context.services

        def done(result: object) -> None:
            from tracker.ui.widgets.dialogs import show_lines

            imported = cast("OpResult[ProgressImportReport]", result)
            self.context.apply(imported)  # one undo step; the pages see what it changed
            lines = imported.value.lines()
            self._tell(lines[0])
            show_lines(
                self.widget, self.tr("Progress imported"), self.tr("Merged %s.") % file.name, lines
            )

        return self._run(
            self.tr("Importing %s…") % file.name,
            lambda: services.exchange.import_file(file),
            done,
            self._fail(self.tr("The progress was not imported")),
        )

    # --- check ----------------------------------------------------------------------------------

    def check_database(self) -> QWidget | None:
        from tracker.ui.data.check_database_dialog import CheckDatabaseDialog

        if not self.context.is_open:
            return None
        dialog = CheckDatabaseDialog(self.context.services.database_check, self.widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
