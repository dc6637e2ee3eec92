"""The Backups dialog: the list of backups with dates and sizes, "Back up now" and "Restore…"."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker import formatting
from tracker.clock import utcnow
from tracker.errors import TrackerError
from tracker.services.safety import (
    KEEP_DAILY,
    KEEP_MONTHLY,
    KEEP_WEEKLY,
    BackupInfo,
    BackupService,
)

_REASONS = {
    "daily": QT_TRANSLATE_NOOP("BackupsDialog", "Daily (automatic)"),
    "manual": QT_TRANSLATE_NOOP("BackupsDialog", "Backed up by you"),
    "before-restore": QT_TRANSLATE_NOOP("BackupsDialog", "Before a restore"),
    "before-progress-import": QT_TRANSLATE_NOOP("BackupsDialog", "Before importing progress"),
}

ModelIndex = QModelIndex | QPersistentModelIndex


def describe_reason(reason: str) -> str:
    """A reason in words: 'before-migration-0001' -> 'Before an app update (schema 0001)'."""
    if reason in _REASONS:
        return _translate(str(_REASONS[reason]))
    if reason.startswith("before-migration"):
        return _translate("Before an app update")
    if reason.startswith("before-reimport-"):
        return _translate("Before updating the %s path") % reason.removeprefix("before-reimport-")
    return reason.replace("-", " ").capitalize() or _translate("Backup")


def _translate(text: str) -> str:
    return QCoreApplication.translate("BackupsDialog", text)


class BackupTableModel(QAbstractTableModel):
    """Backups, newest first: when (local time), why, and how big."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("BackupTableModel", "Taken"),
        QT_TRANSLATE_NOOP("BackupTableModel", "Why"),
        QT_TRANSLATE_NOOP("BackupTableModel", "Size"),
    )
    BackupRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[BackupInfo, ...] = ()

    def set_rows(self, rows: Iterable[BackupInfo]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def backup_at(self, row: int) -> BackupInfo:
        return self._rows[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        backup = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                local = backup.taken_at.replace(tzinfo=UTC).astimezone()
                shown = local.strftime("%a %d %b %Y, %H:%M")
                return f"⚠ {shown}" if backup.in_future(utcnow()) else shown
            if column == 1:
                return describe_reason(backup.reason)
            return formatting.size(backup.size_bytes)
        if role == Qt.ItemDataRole.ToolTipRole:
            if backup.in_future(utcnow()):
                return self.tr(
                    "%s\nDated after now: the clock was set ahead when it was taken. "
                    "It is kept, and it does not count among the kept days, weeks and months."
                ) % (backup.path,)
            return str(backup.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.BackupRole:
            return str(backup.path)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.tr(str(self.COLUMNS[section]))
        return None


class BackupsDialog(QDialog):
    """Lists backups; backs up now; restores one after a confirmation (backing up first).

    ``run_restore`` lets the app carry out the restore (on its worker, with the database's
    other users paused); it must call ``restored`` or ``restore_failed`` when done. Without it
    the dialog restores synchronously.
    """

    backup_made = Signal(str)
    backup_restored = Signal(str)

    def __init__(
        self,
        backups: BackupService,
        parent: QWidget | None = None,
        run_restore: Callable[[BackupInfo], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self._backups = backups
        self._run_restore = run_restore
        self.setWindowTitle(self.tr("Backups"))
        self.setMinimumSize(620, 420)

        heading = QLabel(self.tr("Backups"))
        heading.setObjectName("heading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(
            self.tr(
                "Your progress is backed up automatically once a day, before an app update and "
                "before a path is updated. The last %s, %s and %s are kept in:"
            )
            % (
                formatting.counted(KEEP_DAILY, "day"),
                formatting.counted(KEEP_WEEKLY, "week"),
                formatting.counted(KEEP_MONTHLY, "month"),
            )
        )
        intro.setWordWrap(True)
        self.folder_label = QLabel(str(backups.folder))
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setStyleSheet("color: #555;")

        self.model = BackupTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.ask_to_restore())

        self.empty_label = QLabel(
            self.tr("No backups yet.\nThe first one is made today; or click “Back up now”.")
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #555; padding: 24px;")
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_label)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)

        self.back_up_button = QPushButton(self.tr("Back up now"))
        self.back_up_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.tr("Restore…"))
        self.restore_button.clicked.connect(self.ask_to_restore)
        close_button = QPushButton(self.tr("Close"))
        close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_up_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.list_stack, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)

        self.confirmation: QMessageBox | None = None
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        if not backups.available:
            self.empty_label.setText(backups.unavailable_reason())
            self.empty_label.setWordWrap(True)
            self.back_up_button.setEnabled(False)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(self._backups.backups())
        self.list_stack.setCurrentWidget(self.table if self.model.rowCount() else self.empty_label)
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)

    def selected_backup(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backup_at(rows[0].row()) if rows else None

    def select_backup(self, path: Path) -> None:
        for row in range(self.model.rowCount()):
            if self.model.backup_at(row).path == path:
                self.table.selectRow(row)
                return

    def back_up_now(self) -> None:
        try:
            backup = self._backups.back_up_now()
        except TrackerError as exc:
            self._show_status(str(exc), error=True)
            return
        self.refresh()
        self.select_backup(backup.path)
        self._show_status(self.tr("Backed up (%s).") % formatting.size(backup.size_bytes))
        self.backup_made.emit(str(backup.path))

    def ask_to_restore(self) -> None:
        """Ask before restoring; the answer arrives without blocking (see ``_restore``)."""
        backup = self.selected_backup()
        if backup is None:
            return
        local = backup.taken_at.replace(tzinfo=UTC).astimezone()
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Restore a backup"))
        box.setText(
            self.tr("Go back to your progress as it was on %s?") % f"{local:%A %d %B %Y, %H:%M}"
        )
        informative = self.tr(
            "What you did after that is replaced. Your current progress is backed up first, "
            "so you can come back to it from this list."
        )
        if backup.in_future(utcnow()):
            informative += "\n\n" + self.tr(
                "This backup is dated after now: the clock was set ahead when it was taken, "
                "so it may be older than its date says."
            )
        box.setInformativeText(informative)
        restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(
            lambda button: self._restore(backup) if button is restore else None
        )
        self.confirmation = box
        box.open()

    def _restore(self, backup: BackupInfo) -> None:
        if self._run_restore is not None:
            self._set_busy(True)
            self._show_status(self.tr("Restoring…"))
            self._run_restore(backup)
            return
        try:
            safety = self._backups.restore(backup.path)
        except TrackerError as exc:
            self.restore_failed(str(exc))
            return
        self.restored(backup, safety)

    def _set_busy(self, busy: bool) -> None:
        self.back_up_button.setEnabled(not busy and self._backups.available)
        self.restore_button.setEnabled(not busy and self.selected_backup() is not None)
        self.table.setEnabled(not busy)

    def restored(self, backup: BackupInfo, safety: BackupInfo) -> None:
        """The restore of ``backup`` is done; ``safety`` is the backup taken just before it."""
        self._set_busy(False)
        self.refresh()
        local = backup.taken_at.replace(tzinfo=UTC).astimezone()
        self._show_status(
            self.tr("Restored your progress of %s. The state before is kept as “%s”.")
            % (f"{local:%d %b %Y, %H:%M}", describe_reason(safety.reason))
        )
        self.backup_restored.emit(str(backup.path))

    def restore_failed(self, message: str) -> None:
        self._set_busy(False)
        self.refresh()
        self._show_status(message, error=True)

    def _show_status(self, text: str, *, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet("color: #b3261e;" if error else "color: #1b6e3a;")
