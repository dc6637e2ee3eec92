"""The compare page: the learner's weighed comparison, and what the path's source tabulates."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.views import ComparisonTable, Fact
from tracker.ui.compare.choose import ChoosePage
from tracker.ui.shell.context import AppContext
from tracker.ui.widgets.common import Card, FlowScrollArea, heading, muted, page_header
from tracker.ui.widgets.page import Page
from tracker.ui.widgets.safe_text import PlainLabel, isolate, plain_tooltip


def tr(text: str) -> str:
    return QCoreApplication.translate("ComparePage", text)


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
    def __init__(self, table: ComparisonTable, parent: QWidget | None = None) -> None:
        super().__init__(table.title, parent)
        if table.description:
            self.body.addWidget(muted(table.description))
        self.table_widget = comparison_table_widget(table)
        self.body.addWidget(self.table_widget)
        if table.recommendation:
            callout = QFrame()
            callout.setObjectName("Callout")
            callout.setAccessibleName(tr("Recommendation"))
            lines = QVBoxLayout(callout)
            lines.setContentsMargins(0, 0, 0, 0)
            lines.setSpacing(2)
            lines.addWidget(heading(tr("Recommendation"), "CalloutTitle"))
            self.recommendation_label = PlainLabel(table.recommendation)
            self.recommendation_label.setWordWrap(True)
            lines.addWidget(self.recommendation_label)
            self.body.addWidget(callout)


class FactCard(Card):
    """A fact the source states in more than one way: every claim with where it says so."""

    def __init__(self, fact: Fact, parent: QWidget | None = None) -> None:
        super().__init__(fact.title, parent)
        badge = PlainLabel(tr("Disputed: the source gives %d answers") % len(fact.claims))
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


class ComparePage(Page):
    """The page a learner decides with, and what the path's source says.

    Two views behind a segmented switch: "Weighed for you" (``choose``, the ChoosePage:
    situation, weights, ranking with reasons, offers, my choice, export) and "What the article
    says" (the pack's comparison tables with their recommendation lines, the disputed facts
    and the key takeaways). ``set_body(widget)`` still swaps the article view's body.
    """

    title = "Compare"
    WEIGHED, ARTICLE = range(2)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        switch_bar = QHBoxLayout()
        switch_bar.setContentsMargins(20, 14, 20, 0)
        switch_bar.setSpacing(0)
        self.switch = QButtonGroup(self)
        self.switch.setExclusive(True)
        self.weighed_button = QPushButton(tr("&Weighed for you"))
        self.article_button = QPushButton(tr("What the &article says"))
        for index, (button, tip) in enumerate(
            (
                (self.weighed_button, tr("Your options ranked for your situation and weights")),
                (self.article_button, tr("The comparison tables, disputed facts and takeaways")),
            )
        ):
            button.setCheckable(True)
            button.setObjectName("Segment")
            button.setToolTip(tip)
            button.setAccessibleName(button.text().replace("&", ""))
            self.switch.addButton(button, index)
            switch_bar.addWidget(button)
        switch_bar.addStretch(1)
        outer.addLayout(switch_bar)

        self.views = QStackedWidget()
        outer.addWidget(self.views, 1)
        self.choose = ChoosePage(context)
        self.views.addWidget(self.choose)

        self.scroll_area = FlowScrollArea()
        self.views.addWidget(self.scroll_area)
        self._body = QWidget()
        self._body.setObjectName("PageBody")
        self.scroll_area.setWidget(self._body)
        self.layout_ = QVBoxLayout(self._body)
        self.layout_.setContentsMargins(24, 16, 24, 20)
        self.layout_.setSpacing(16)
        header, self.title_label, self.subtitle_label = page_header(
            tr("Compare"), tr("How the ways to learn compare, as the path's source tabulates them.")
        )
        self.layout_.addWidget(header)
        self.tables_box = QVBoxLayout()
        self.tables_box.setSpacing(16)
        self.layout_.addLayout(self.tables_box)
        self.facts_title = heading(tr("Where the source disagrees with itself"))
        self.layout_.addWidget(self.facts_title)
        self.facts_box = QHBoxLayout()
        self.facts_box.setSpacing(16)
        self.layout_.addLayout(self.facts_box)
        self.takeaways = Card(tr("Key takeaways"))
        self.takeaways_box = QVBoxLayout()
        self.takeaways_box.setSpacing(6)
        self.takeaways.body.addLayout(self.takeaways_box)
        self.layout_.addWidget(self.takeaways)
        self.layout_.addStretch(1)
        self.cards: list[ComparisonCard] = []

        self.switch.idClicked.connect(self.show_view)
        self.show_view(self.WEIGHED)

    def show_view(self, view: int) -> None:
        """Show "Weighed for you" (``WEIGHED``) or "What the article says" (``ARTICLE``)."""
        button = self.switch.button(view)
        if button is not None and not button.isChecked():
            button.setChecked(True)
        self.views.setCurrentIndex(view)

    def current_view(self) -> int:
        return self.views.currentIndex()

    def set_body(self, widget: QWidget) -> None:
        """Replace the page's body (seam for issue 5's weighted comparison)."""
        old = self.scroll_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll_area.setWidget(widget)

    def refresh(self) -> None:
        services = self.context.services
        path = self.context.path_slug
        tables = services.comparisons.tables(path)
        detail = services.packs.path_detail(path)
        self.title_label.setText(
            tr("What the article says about learning %s") % isolate(detail.title)
        )
        _clear(self.tables_box)
        self.cards = [ComparisonCard(table) for table in tables]
        for card in self.cards:
            self.tables_box.addWidget(card, 1)
        if not tables:
            self.tables_box.addWidget(muted(tr("This path has no comparison tables.")))
        _clear(self.facts_box)
        disputed = [fact for fact in detail.facts if fact.disputed]
        for fact in disputed:
            self.facts_box.addWidget(FactCard(fact), 1)
        self.facts_title.setVisible(bool(disputed))
        _clear(self.takeaways_box)
        for takeaway in detail.takeaways:
            point = PlainLabel(f"•  {isolate(takeaway)}")
            point.setWordWrap(True)
            self.takeaways_box.addWidget(point)
        self.takeaways.setVisible(bool(detail.takeaways))
        self.scroll_area.fit_content()


def _clear(layout: QHBoxLayout | QVBoxLayout) -> None:
    while layout.count():
        child = layout.takeAt(0)
        widget = child.widget() if child is not None else None
        if widget is not None:
            widget.setParent(None)
            widget.deleteLater()
