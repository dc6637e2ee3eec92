"""The study-log editor: a table of entries with add, edit and delete, each undoable."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.clock import local_today
from tracker.domain.study import MAX_MINUTES_PER_ENTRY, MAX_NOTE_CHARS, StudyItem
from tracker.errors import TrackerError
from tracker.ui.widgets.safe_text import PlainLabel, plain_tooltip

if TYPE_CHECKING:  # services load SQLAlchemy; the widget only calls the object it is given
    from tracker.services.studylog import StudyEntry, StudyLogService

AnyIndex = QModelIndex | QPersistentModelIndex


def tr(text: str) -> str:
    return QCoreApplication.translate("StudyLogEditor", text)


class StudyLogTableModel(QAbstractTableModel):
    """Study-log entries, newest first: date, minutes, what, note."""

    EntryIdRole = Qt.ItemDataRole.UserRole + 1
    COLUMNS = ("Date", "Minutes", "On", "Note")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[StudyEntry, ...] = ()
        self._titles: dict[str, str] = {}

    def set_rows(self, rows: Iterable[StudyEntry], titles: dict[str, str]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self._titles = dict(titles)
        self.endResetModel()

    def entry(self, row: int) -> StudyEntry:
        return self._rows[row]

    def row_of(self, entry_id: int) -> int:
        for row, entry in enumerate(self._rows):
            if entry.id == entry_id:
                return row
        return -1

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return tr(self.COLUMNS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == self.EntryIdRole:
            return entry.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            shown = self.data(index, Qt.ItemDataRole.DisplayRole)
            return plain_tooltip(str(shown)) if shown is not None else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return entry.day.isoformat()
            if column == 1:
                return entry.minutes
            if column == 2:
                if entry.item_kind is None or entry.item_slug is None:
                    return tr("The path as a whole")
                key = f"{entry.item_kind}:{entry.item_slug}"
                return self._titles.get(key, entry.item_slug)
            if column == 3:
                return entry.note
        return None


class _DoneCommand(QUndoCommand):
    """An undo step for a change already made (so a refused change never reaches the stack)."""

    def __init__(self, editor: StudyLogEditor, text: str) -> None:
        super().__init__(text)
        self._editor = editor
        self._skip_first_redo = True

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
        else:
            self._run(self._redo)
        self._editor.reload()
        self._editor.entries_changed.emit()

    def undo(self) -> None:
        self._run(self._undo)
        self._editor.reload()
        self._editor.entries_changed.emit()

    def _run(self, step: Callable[[], None]) -> None:
        """A refused undo/redo (read-only disk, entry gone) says why and leaves the stack."""
        try:
            step()
        except TrackerError as exc:
            self.setObsolete(True)
            self._editor.message_label.setText(str(exc))

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class _AddEntry(_DoneCommand):
    def __init__(self, editor: StudyLogEditor, entry: StudyEntry) -> None:
        super().__init__(editor, tr("Log %s min") % entry.minutes)
        self._entry = entry

    def _redo(self) -> None:
        self._entry = replace(self._entry, id=self._editor.studylog.restore_entry(self._entry))

    def _undo(self) -> None:
        self._editor.studylog.delete_entry(self._entry.id)


class _EditEntry(_DoneCommand):
    def __init__(self, editor: StudyLogEditor, previous: StudyEntry, current: StudyEntry) -> None:
        super().__init__(editor, tr("Edit log entry"))
        self._previous = previous
        self._current = current

    @staticmethod
    def _apply(editor: StudyLogEditor, entry: StudyEntry) -> None:
        editor.studylog.update_entry(
            entry.id,
            day=entry.day,
            minutes=entry.minutes,
            item_kind=entry.item_kind,
            item_slug=entry.item_slug,
            note=entry.note,
        )

    def _redo(self) -> None:
        self._apply(self._editor, self._current)

    def _undo(self) -> None:
        self._apply(self._editor, self._previous)


class _DeleteEntry(_DoneCommand):
    def __init__(self, editor: StudyLogEditor, deleted: StudyEntry) -> None:
        super().__init__(editor, tr("Delete log entry"))
        self._deleted = deleted

    def _redo(self) -> None:
        self._editor.studylog.delete_entry(self._deleted.id)

    def _undo(self) -> None:
        self._deleted = replace(
            self._deleted, id=self._editor.studylog.restore_entry(self._deleted)
        )


class StudyLogEditor(QWidget):
    """The learner's study log for one path: add, edit, delete; Ctrl+Z undoes.

    Pass a shared ``undo_stack`` to put these steps in the app's undo history.
    ``log_changed`` fires on every reload; ``entries_changed`` only when an add, edit or delete
    (or its undo/redo) changed what is stored.
    """

    log_changed = Signal()
    entries_changed = Signal()

    def __init__(
        self,
        studylog: StudyLogService,
        path_slug: str,
        parent: QWidget | None = None,
        *,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self.studylog = studylog
        self.path_slug = path_slug
        self.undo_stack = undo_stack or QUndoStack(self)
        self.setObjectName("StudyLogEditor")
        self._items: list[StudyItem] = []

        self.model = StudyLogTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(2, 240)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.setAccessibleName(tr("Study log entries"))

        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(1, MAX_MINUTES_PER_ENTRY)
        self.minutes_spin.setSuffix(tr(" min"))
        self.minutes_spin.setValue(30)
        self.item_combo = QComboBox()
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(MAX_NOTE_CHARS)
        self.note_edit.setPlaceholderText(tr("What did you do? (optional)"))

        self.add_button = QPushButton(tr("Add entry"))
        self.add_button.setObjectName("PrimaryButton")
        self.add_button.clicked.connect(self.add_entry)
        self.save_button = QPushButton(tr("Save changes"))
        self.save_button.clicked.connect(self.save_selected)
        self.delete_button = QPushButton(tr("Delete"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button = QPushButton(tr("Undo"))
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_button.setEnabled(self.undo_stack.canUndo())
        undo_action = self.undo_stack.createUndoAction(self)
        undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(undo_action)

        self.message_label = PlainLabel()
        self.message_label.setObjectName("Muted")
        self.message_label.setWordWrap(True)
        self.total_label = PlainLabel()
        self.total_label.setObjectName("Muted")

        self.date_edit.setAccessibleName(tr("Date studied"))
        self.minutes_spin.setAccessibleName(tr("Minutes studied"))
        self.item_combo.setAccessibleName(tr("What you studied"))
        self.note_edit.setAccessibleName(tr("Note"))
        form = QFormLayout()
        form.addRow(tr("Date"), self.date_edit)
        form.addRow(tr("Time"), self.minutes_spin)
        form.addRow(tr("On"), self.item_combo)
        form.addRow(tr("Note"), self.note_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total_label)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)

        self._fill_items()
        self.reset_form()
        self.reload()

    # --- public -----------------------------------------------------------------------------

    def set_path(self, path_slug: str) -> None:
        """Show another learning path's log (its undo steps stay in the stack)."""
        self.path_slug = path_slug
        self._fill_items()
        self.reload()

    def reload(self) -> None:
        selected = self.selected_entry()
        try:
            entries = self.studylog.entries(self.path_slug)
        except TrackerError as exc:
            self.message_label.setText(str(exc))
            return
        titles = {f"{item.kind}:{item.slug}": item.title for item in self._items}
        self.model.set_rows(entries, titles)
        total = sum(entry.minutes for entry in entries)
        hours, minutes = divmod(total, 60)
        self.total_label.setText(
            tr("%d entries, %d h %02d min in all") % (len(entries), hours, minutes)
        )
        if selected is not None and (row := self.model.row_of(selected.id)) >= 0:
            self.table.selectRow(row)
        self._selection_changed()
        self.log_changed.emit()

    def selected_entry(self) -> StudyEntry | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.entry(rows[0].row()) if rows else None

    def reset_form(self) -> None:
        today = local_today()
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        self.minutes_spin.setValue(30)
        self.item_combo.setCurrentIndex(0)
        self.note_edit.clear()

    def add_entry(self) -> bool:
        """Log the form's entry (one undo step)."""
        values = self._form_values()
        try:
            entry_id = self.studylog.log(self.path_slug, **values)  # type: ignore[arg-type]
            entry = self.studylog.entry(entry_id)
        except TrackerError as exc:
            self.message_label.setText(str(exc))
            return False
        self.undo_stack.push(_AddEntry(self, entry))
        self.message_label.setText(tr("Logged %s min.") % entry.minutes)
        return True

    def save_selected(self) -> bool:
        """Save the form over the selected entry (one undo step)."""
        selected = self.selected_entry()
        if selected is None:
            self.message_label.setText(tr("Select an entry to change."))
            return False
        try:
            previous = self.studylog.update_entry(selected.id, **self._form_values())  # type: ignore[arg-type]
            current = self.studylog.entry(selected.id)
        except TrackerError as exc:
            self.message_label.setText(str(exc))
            return False
        self.undo_stack.push(_EditEntry(self, previous, current))
        self.message_label.setText(tr("Saved."))
        return True

    def delete_selected(self) -> bool:
        """Delete the selected entry (one undo step)."""
        selected = self.selected_entry()
        if selected is None:
            self.message_label.setText(tr("Select an entry to delete."))
            return False
        try:
            deleted = self.studylog.delete_entry(selected.id)
        except TrackerError as exc:
            self.message_label.setText(str(exc))
            return False
        self.table.clearSelection()
        self.undo_stack.push(_DeleteEntry(self, deleted))
        self.message_label.setText(tr("Deleted; Undo brings it back."))
        return True

    # --- inside -----------------------------------------------------------------------------

    def _fill_items(self) -> None:
        self.item_combo.clear()
        self.item_combo.addItem(tr("The path as a whole"), "")
        try:
            self._items = self.studylog.study_items(self.path_slug)
        except TrackerError as exc:
            self.message_label.setText(str(exc))
            return
        for item in self._items:
            self.item_combo.addItem(item.label, f"{item.kind}:{item.slug}")

    def _form_values(self) -> dict[str, object]:
        qdate = self.date_edit.date()
        key = self.item_combo.currentData()
        kind, _, slug = key.partition(":") if isinstance(key, str) and key else (None, "", None)
        return {
            "day": date(qdate.year(), qdate.month(), qdate.day()),
            "minutes": self.minutes_spin.value(),
            "item_kind": kind,
            "item_slug": slug,
            "note": self.note_edit.text().strip(),
        }

    def _selection_changed(self, *_args: object) -> None:
        entry = self.selected_entry()
        self.save_button.setEnabled(entry is not None)
        self.delete_button.setEnabled(entry is not None)
        if entry is None:
            return
        self.date_edit.setDate(QDate(entry.day.year, entry.day.month, entry.day.day))
        self.minutes_spin.setValue(entry.minutes)
        key = f"{entry.item_kind}:{entry.item_slug}" if entry.item_kind else ""
        self.item_combo.setCurrentIndex(max(0, self.item_combo.findData(key)))
        self.note_edit.setText(entry.note)
