"""The catalog's table view: one row per resource, sortable, one selected at a time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from tracker.ui.models.catalog import CatalogTableModel

COLUMN_WIDTHS = (0, 110, 150, 70, 100, 95, 100, 100)
"""Each column's width in pixels; 0: the column stretches (the title)."""


SPARE_COLUMNS = (5, 6)
"""Format and level: left out while the table is too narrow for the titles (the filters stay)."""
TITLE_ROOM = 260
"""The width the titles keep before the spare columns give way."""


class ResourceTable(QTableView):
    """The catalog's table: on a narrow window the titles keep their room, and the format and
    level columns (still filterable) give way."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        others = sum(COLUMN_WIDTHS) - sum(COLUMN_WIDTHS[column] for column in SPARE_COLUMNS)
        narrow = (
            self.viewport().width()
            < others + sum(COLUMN_WIDTHS[column] for column in SPARE_COLUMNS) + TITLE_ROOM
        )
        for column in SPARE_COLUMNS:
            self.setColumnHidden(column, narrow)


def resource_table(model: CatalogTableModel) -> QTableView:
    """A table of ``model``: whole rows selected, sorted by a header click, titles stretched."""
    table = ResourceTable()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(32)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    header_view = table.horizontalHeader()
    header_view.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header_view.setHighlightSections(False)
    header_view.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for column, width in enumerate(COLUMN_WIDTHS):
        if width:
            table.setColumnWidth(column, width)
    header_view.setMinimumSectionSize(60)
    return table
