"""The "What the article says" view: the pack's comparison tables, disputed facts, takeaways."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.views import ComparisonTable, Fact
from tracker.services.choosing import CompareView
from tracker.ui.widgets.common import Card, FlowScrollArea, heading, muted, page_header
from tracker.ui.widgets.safe_text import PlainLabel, isolate, plain_tooltip


def comparison_table_widget(table: ComparisonTable) -> QTableWidget:
    """Criteria as rows, subjects as columns; every cell readable without scrolling."""
    widget = QTableWidget(len(table.rows), len(table.subjects))
    widget.setAccessibleName(table.title)
    widget.setHorizontalHeaderLabels(list(table.subjects))
    widget.setVerticalHeaderLabels([row.title for row in table.rows])
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    widget.setWordWrap(False)
    widget.setShowGrid(False)
    widget.setAlternatingRowColors(True)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    widget.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    widget.verticalHeader().setDefaultSectionSize(36)
    widget.verticalHeader().setMinimumWidth(170)
    widget.verticalHeader().setMaximumWidth(320)  # a long row title is cut, not the cells
    widget.verticalHeader().setDefaultAlignment(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    )
    widget.horizontalHeader().setFixedHeight(36)
    for row_index, row in enumerate(table.rows):
        for column, cell in enumerate(row.cells):
            text = cell.text if cell is not None else "—"
            if cell is not None and cell.score is not None:
                text += f"  ({cell.score}/5)"
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            item.setToolTip(
                plain_tooltip(f"{isolate(row.title)} — {isolate(table.subjects[column])}: {text}")
            )
            widget.setItem(row_index, column, item)
    height = widget.horizontalHeader().height() + sum(
        widget.rowHeight(r) for r in range(widget.rowCount())
    )
    widget.setFixedHeight(height + 2 * widget.frameWidth() + 2)
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return widget


class ComparisonCard(Card):
    """One of the pack's comparison tables, with its recommendation line."""

    def __init__(self, table: ComparisonTable, parent: QWidget | None = None) -> None:
        super().__init__(table.title, parent)
        if table.description:
            self.body.addWidget(muted(table.description))
        self.table_widget = comparison_table_widget(table)
        self.body.addWidget(self.table_widget)
        if table.recommendation:
            callout = QFrame()
            callout.setObjectName("Callout")
            callout.setAccessibleName(self.tr("Recommendation"))
            lines = QVBoxLayout(callout)
            lines.setContentsMargins(0, 0, 0, 0)
            lines.setSpacing(2)
            lines.addWidget(heading(self.tr("Recommendation"), "CalloutTitle"))
            self.recommendation_label = PlainLabel(table.recommendation)
            self.recommendation_label.setWordWrap(True)
            lines.addWidget(self.recommendation_label)
            self.body.addWidget(callout)


class FactCard(Card):
    """A fact the source states in more than one way: every claim with where it says so."""

    def __init__(self, fact: Fact, parent: QWidget | None = None) -> None:
        super().__init__(fact.title, parent)
        badge = PlainLabel(self.tr("Disputed: the source gives %d answers") % len(fact.claims))
        badge.setObjectName("BadgeMuted")
        self.body.addWidget(badge, 0, Qt.AlignmentFlag.AlignLeft)
        for claim in fact.claims:
            label = PlainLabel(f"“{isolate(claim.text)}”")
            label.setWordWrap(True)
            label.setAccessibleName(claim.text)
            self.body.addWidget(label)
            if claim.context:
                self.body.addWidget(muted(f"— {isolate(claim.context)}"))
        if fact.note:
            self.body.addWidget(muted(fact.note))


class ArticleView(FlowScrollArea):
    """What the path's source tabulates: its tables, where it disagrees with itself, takeaways."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        body = QWidget()
        body.setObjectName("PageBody")
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 16, 24, 20)
        layout.setSpacing(16)
        header, self.title_label, self.subtitle_label = page_header(
            self.tr("Compare"),
            self.tr("How the ways to learn compare, as the path's source tabulates them."),
        )
        layout.addWidget(header)
        self.tables_box = QVBoxLayout()
        self.tables_box.setSpacing(16)
        layout.addLayout(self.tables_box)
        self.facts_title = heading(self.tr("Where the source disagrees with itself"))
        layout.addWidget(self.facts_title)
        self.facts_box = QHBoxLayout()
        self.facts_box.setSpacing(16)
        layout.addLayout(self.facts_box)
        self.takeaways = Card(self.tr("Key takeaways"))
        self.takeaways_box = QVBoxLayout()
        self.takeaways_box.setSpacing(6)
        self.takeaways.body.addLayout(self.takeaways_box)
        layout.addWidget(self.takeaways)
        layout.addStretch(1)
        self.cards: list[ComparisonCard] = []

    def show_view(self, view: CompareView) -> None:
        self.title_label.setText(
            self.tr("What the article says about learning %s") % isolate(view.path_title)
        )
        _clear(self.tables_box)
        self.cards = [ComparisonCard(table) for table in view.tables]
        for card in self.cards:
            self.tables_box.addWidget(card, 1)
        if not view.tables:
            self.tables_box.addWidget(muted(self.tr("This path has no comparison tables.")))
        _clear(self.facts_box)
        disputed = [fact for fact in view.facts if fact.disputed]
        for fact in disputed:
            self.facts_box.addWidget(FactCard(fact), 1)
        self.facts_title.setVisible(bool(disputed))
        _clear(self.takeaways_box)
        for takeaway in view.takeaways:
            point = PlainLabel(f"•  {isolate(takeaway)}")
            point.setWordWrap(True)
            self.takeaways_box.addWidget(point)
        self.takeaways.setVisible(bool(view.takeaways))
        self.fit_content()


def _clear(layout: QHBoxLayout | QVBoxLayout) -> None:
    while layout.count():
        child = layout.takeAt(0)
        widget = child.widget() if child is not None else None
        if widget is not None:
            widget.setParent(None)
            widget.deleteLater()
