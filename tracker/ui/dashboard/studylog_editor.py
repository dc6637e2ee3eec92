"""The study-log editor: a table of entries with add, edit and delete, each an undoable step."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
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
from tracker.domain.changes import Kind, OpChanges
from tracker.domain.study import MAX_MINUTES_PER_ENTRY, MAX_NOTE_CHARS, StudyItem
from tracker.errors import TrackerError
from tracker.formatting import counted
from tracker.formatting import minutes as minutes_text
from tracker.ui.shell.context import AppContext
from tracker.ui.widgets.safe_text import PlainLabel, plain_tooltip

if TYPE_CHECKING:  # services load SQLAlchemy; the widget only calls the object it is given
    from tracker.domain.study import StudyEntry

AnyIndex = QModelIndex | QPersistentModelIndex


class StudyLogTableModel(QAbstractTableModel):
    """Study-log entries, newest first: date, minutes, what, note."""

    EntryIdRole = Qt.ItemDataRole.UserRole + 1
    COLUMNS = ("Date", "Minutes", "On", "Note")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[StudyEntry, ...] = ()
        self._titles: dict[str, str] = {}

    def column_titles(self) -> tuple[str, str, str, str]:
        return (self.tr("Date"), self.tr("Minutes"), self.tr("On"), self.tr("Note"))

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
            return self.column_titles()[section]
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
                    return self.tr("The path as a whole")
                key = f"{entry.item_kind}:{entry.item_slug}"
                return self._titles.get(key, entry.item_slug)
            if column == 3:
                return entry.note
        return None


class StudyLogEditor(QWidget):
    """The learner's study log for one path: add, edit, delete, each one step of the app's
    undo history (``context.run``); Undo here is Edit › Undo.

    It reads the log when shown and when the log changes while it is on screen (``log_changed``
    fires after each such reload).
    """

    log_changed = Signal()
    SHOWS = (Kind.STUDY, Kind.CHECKLIST, Kind.CATALOG, Kind.PACKS)

    def __init__(self, context: AppContext, path_slug: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.path_slug = path_slug
        self.setObjectName("StudyLogEditor")
        self._items: list[StudyItem] = []
        self._stale = True

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
        self.table.setAccessibleName(self.tr("Study log entries"))

        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(1, MAX_MINUTES_PER_ENTRY)
        self.minutes_spin.setSuffix(self.tr(" min"))
        self.minutes_spin.setValue(30)
        self.item_combo = QComboBox()
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(MAX_NOTE_CHARS)
        self.note_edit.setPlaceholderText(self.tr("What did you do? (optional)"))

        self.add_button = QPushButton(self.tr("Add entry"))
        self.add_button.setObjectName("PrimaryButton")
        self.add_button.clicked.connect(self.add_entry)
        self.save_button = QPushButton(self.tr("Save changes"))
        self.save_button.clicked.connect(self.save_selected)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Undo your last change (Edit › Undo)"))
        self.undo_button.clicked.connect(context.undo)
        undo_action = QAction(self.tr("Undo"), self)
        undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo_action.triggered.connect(context.undo)
        self.addAction(undo_action)

        self.total_label = PlainLabel()
        self.total_label.setObjectName("Muted")

        self.date_edit.setAccessibleName(self.tr("Date studied"))
        self.minutes_spin.setAccessibleName(self.tr("Minutes studied"))
        self.item_combo.setAccessibleName(self.tr("What you studied"))
        self.note_edit.setAccessibleName(self.tr("Note"))
        form = QFormLayout()
        form.addRow(self.tr("Date"), self.date_edit)
        form.addRow(self.tr("Time"), self.minutes_spin)
        form.addRow(self.tr("On"), self.item_combo)
        form.addRow(self.tr("Note"), self.note_edit)
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
        self.reset_form()
        self._selection_changed()
        context.changed.connect(self._on_changed)

    # --- public -----------------------------------------------------------------------------

    def set_path(self, path_slug: str) -> None:
        """Show another learning path's log (read now if on screen, else when shown)."""
        if path_slug != self.path_slug:
            self.path_slug = path_slug
            self._stale = True
        if self._stale and self.isVisible() and self.context.is_open:
            self.reload()

    def reload(self) -> None:
        """Read the path's log and what time can be logged on (one read)."""
        self._stale = False
        selected = self.selected_entry()
        services = self.context.services
        try:
            with services.snapshot():
                self._items = services.studylog.study_items(self.path_slug)
                entries = services.studylog.entries(self.path_slug)
        except TrackerError as exc:
            self.total_label.setText(str(exc))
            return
        self._fill_items()
        titles = {f"{item.kind}:{item.slug}": item.title for item in self._items}
        self.model.set_rows(entries, titles)
        total = sum(entry.minutes for entry in entries)
        self.total_label.setText(
            self.tr("%s, %s in all") % (counted(len(entries), "entry"), minutes_text(total))
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
        studylog, path = self.context.services.studylog, self.path_slug
        day, minutes, kind, slug, note = self._form_values()
        added = self.context.run(
            lambda: studylog.log(path, minutes, item_kind=kind, item_slug=slug, note=note, day=day)
        )
        return added is not None

    def save_selected(self) -> bool:
        """Save the form over the selected entry (one undo step)."""
        selected = self.selected_entry()
        if selected is None:
            return False
        studylog = self.context.services.studylog
        day, minutes, kind, slug, note = self._form_values()
        saved = self.context.run(
            lambda: studylog.update_entry(
                selected.id, day=day, minutes=minutes, item_kind=kind, item_slug=slug, note=note
            )
        )
        return saved is not None

    def delete_selected(self) -> bool:
        """Delete the selected entry (one undo step: Undo brings it back)."""
        selected = self.selected_entry()
        if selected is None:
            return False
        studylog = self.context.services.studylog
        self.table.clearSelection()
        return self.context.run(lambda: studylog.delete_entry(selected.id)) is not None

    # --- inside -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.context.is_open:
            self.reload()

    def _on_changed(self, changes: OpChanges) -> None:
        if not changes.touches(*self.SHOWS):
            return
        if self.isVisible() and self.context.is_open:
            self.reload()
        else:
            self._stale = True

    def _fill_items(self) -> None:
        keys = [self.item_combo.itemData(i) for i in range(1, self.item_combo.count())]
        if keys == [f"{item.kind}:{item.slug}" for item in self._items]:
            return  # the same items: keep the form's choice
        selected = self.item_combo.currentData()
        self.item_combo.clear()
        self.item_combo.addItem(self.tr("The path as a whole"), "")
        for item in self._items:
            self.item_combo.addItem(item.label, f"{item.kind}:{item.slug}")
        self.item_combo.setCurrentIndex(max(0, self.item_combo.findData(selected)))

    def _form_values(self) -> tuple[date, int, str | None, str | None, str]:
        qdate = self.date_edit.date()
        key = self.item_combo.currentData()
        kind, _, slug = key.partition(":") if isinstance(key, str) and key else (None, "", None)
        day = date(qdate.year(), qdate.month(), qdate.day())
        return day, self.minutes_spin.value(), kind, slug, self.note_edit.text().strip()

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
