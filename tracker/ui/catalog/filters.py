"""The catalog's filter bar: search as you type, and kind, price, format, level and status."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from tracker.domain.enums import Level, ResourceFormat, ResourceKind, ResourceStatus
from tracker.ui.catalog.detail import labelled_combo
from tracker.ui.models.catalog import NOT_STARTED, CatalogFilter
from tracker.ui.widgets.labels import STATUS_LABELS, humanize


class CatalogFilterBar(QWidget):
    """The search box and the filter combos; ``filters_changed`` when a combo changes."""

    filters_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(
            self.tr("Search title, provider, tags, description, notes…  (Ctrl+F)")
        )
        self.search_edit.setAccessibleName(self.tr("Search the catalog"))
        self.search_edit.setClearButtonEnabled(True)
        row.addWidget(self.search_edit, 3)
        self.kind_combo = labelled_combo(
            self.tr("Kind"),
            [(self.tr("All kinds"), "")]
            + [(self.tr(humanize(k.value)), k.value) for k in ResourceKind],
        )
        self.price_combo = labelled_combo(
            self.tr("Price"),
            [
                (self.tr("Free or paid"), ""),
                (self.tr("Free"), "free"),
                (self.tr("Paid or varies"), "paid"),
            ],
        )
        self.format_combo = labelled_combo(
            self.tr("Format"),
            [(self.tr("All formats"), "")]
            + [(self.tr(humanize(f.value)), f.value) for f in ResourceFormat],
        )
        self.level_combo = labelled_combo(
            self.tr("Level"),
            [(self.tr("All levels"), "")] + [(self.tr(humanize(v.value)), v.value) for v in Level],
        )
        self.status_combo = labelled_combo(
            self.tr("Status"),
            [(self.tr("Any status"), ""), (self.tr("Not started"), NOT_STARTED)]
            + [(self.tr(STATUS_LABELS[s.value]), s.value) for s in ResourceStatus],
        )
        for combo in self.combos():
            combo.currentIndexChanged.connect(self.filters_changed)
            row.addWidget(combo, 1)
        self.setTabOrder(self.search_edit, self.kind_combo)

    def combos(self) -> list[QComboBox]:
        return [
            self.kind_combo,
            self.price_combo,
            self.format_combo,
            self.level_combo,
            self.status_combo,
        ]

    def chosen(self, search: str) -> CatalogFilter:
        """The combos' choices, with ``search`` (the search the table applies)."""
        return CatalogFilter(
            kind=self.kind_combo.currentData(),
            price=self.price_combo.currentData(),
            format=self.format_combo.currentData(),
            level=self.level_combo.currentData(),
            status=self.status_combo.currentData(),
            search=search,
        )

    def clear(self) -> None:
        self.search_edit.clear()
        for combo in self.combos():
            combo.setCurrentIndex(0)
