"""The Compare page's side-by-side table of the ticked options, and its export to a file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.choosing import Criterion, RankedOption
from tracker.errors import TrackerError
from tracker.ui.models.compare import MAX_COMPARED, MIN_COMPARED, ComparisonModel
from tracker.ui.shell.context import AppContext
from tracker.ui.widgets.safe_text import PlainLabel

ROW_HEIGHT = 44
HEADER_HEIGHT = 46


class SideBySide(QWidget):
    """Criteria as rows, the ticked options as columns; export them as CSV or Markdown."""

    exported = Signal(str)
    message = Signal(str, bool)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.file_dialog: QFileDialog | None = None
        self._path = ""
        self._slugs: list[str] = []
        self.model = ComparisonModel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        heading_row = QHBoxLayout()
        side = PlainLabel(self.tr("Side by side"))
        side.setObjectName("SectionTitle")
        self.hint = PlainLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("Hint")
        self.export_csv_button = QPushButton(self.tr("Export CSV…"))
        self.export_markdown_button = QPushButton(self.tr("Export Markdown…"))
        self.export_csv_button.clicked.connect(lambda: self.export("csv"))
        self.export_markdown_button.clicked.connect(lambda: self.export("md"))
        heading_row.addWidget(side)
        heading_row.addSpacing(8)
        heading_row.addWidget(self.hint, 1)
        heading_row.addWidget(self.export_csv_button)
        heading_row.addWidget(self.export_markdown_button)
        layout.addLayout(heading_row)

        view = QTableView()
        view.setObjectName("comparisonView")
        view.setAccessibleName(self.tr("Options side by side"))
        view.setModel(self.model)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setTabKeyNavigation(False)
        view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        columns = view.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        columns.setFixedHeight(HEADER_HEIGHT)
        rows = view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(ROW_HEIGHT)
        rows.setMinimumWidth(150)
        view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.view = view
        layout.addWidget(view)

    def show_compared(
        self, path_slug: str, entries: Sequence[RankedOption], weights: Mapping[Criterion, int]
    ) -> None:
        self._path = path_slug
        self._slugs = [entry.option.slug for entry in entries]
        self.model.set_columns(entries, dict(weights))
        count = len(entries)
        view = self.view
        view.setFixedHeight(
            HEADER_HEIGHT + self.model.rowCount() * ROW_HEIGHT + 2 * view.frameWidth() + 2
        )
        view.setVisible(count > 0)
        if count < MIN_COMPARED:
            self.hint.setText(
                self.tr("Tick %d to %d options in the ranking to see them side by side.")
                % (MIN_COMPARED, MAX_COMPARED)
            )
        else:
            self.hint.setText(
                self.tr("%d options, criteria as rows. ×N is your weight; hover a cell for why.")
                % count
            )

    def export(self, kind: str) -> None:
        """Ask where to save the comparison (.csv or .md), then write it there."""
        self.context.flush_requested.emit()
        suffix = ".csv" if kind == "csv" else ".md"
        name_filter = (
            self.tr("CSV files (*.csv)") if kind == "csv" else self.tr("Markdown files (*.md)")
        )
        dialog = QFileDialog(self, self.tr("Export the comparison"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setNameFilter(name_filter)
        dialog.setDefaultSuffix(suffix.lstrip("."))
        dialog.selectFile(f"{self._path}-comparison{suffix}")
        dialog.fileSelected.connect(self._export_to)
        self.file_dialog = dialog
        dialog.open()

    def _export_to(self, file_name: str) -> None:
        if not file_name:
            return
        from tracker.exchange import Format, export

        written = Path(file_name)
        csv = written.suffix.lower() == ".csv"
        fmt = Format.COMPARISON_CSV if csv else Format.COMPARISON_MARKDOWN
        try:
            export(self.context.services, fmt, written, path_slug=self._path, slugs=self._slugs)
        except TrackerError as exc:
            self.message.emit(str(exc), True)
            return
        self.message.emit(self.tr("Exported to %s.") % written, False)
        self.exported.emit(str(written))
