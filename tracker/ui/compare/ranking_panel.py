"""The Compare page's ranking: the best fit in a banner, the options best first, and why."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker import formatting
from tracker.domain.choosing import RankedOption, Recommendation
from tracker.services.choosing import Choice
from tracker.ui.compare.parts import set_flag
from tracker.ui.models.compare import RankingModel, ScoreBarDelegate
from tracker.ui.widgets.safe_text import PlainLabel, SafeTextBrowser, is_web_url, isolate

ROWS_SHOWN = 8
"""The ranking grows to show this many options before it scrolls."""


def explanation_html(entry: RankedOption) -> str:
    """The reasons of one option, as the Why panel shows them; every outside text escaped."""

    option = entry.option
    free = QCoreApplication.translate("RankingPanel", "free")
    breaks = QCoreApplication.translate("RankingPanel", "Breaks your limits")
    reasons = QCoreApplication.translate("RankingPanel", "Reasons")
    parts = [f"<h3>{entry.rank}. {escape(option.title)}: {entry.score:.0f}/100</h3>"]
    facts = [option.kind_label]
    if option.provider:
        facts.append(option.provider)
    if option.cost is not None:
        facts.append(free if option.cost == 0 else formatting.money(option.cost, option.currency))
    parts.append(f"<p>{escape(' · '.join(facts))}</p>")
    if entry.violations:
        parts.append(f"<p><b>{escape(breaks)}</b></p><ul>")
        parts += [f"<li>⚠ {escape(violation.message)}</li>" for violation in entry.violations]
        parts.append("</ul>")
    parts.append(f"<p><b>{escape(reasons)}</b></p><ul>")
    parts += [f"<li>{escape(reason)}</li>" for reason in entry.reasons]
    parts.append("</ul>")
    if option.notes:
        notes = escape(option.notes.strip())
        parts.append(f"<p style='white-space: pre-wrap'><i>{notes}</i></p>")
    if option.url:
        link = escape(option.url, quote=True)
        parts.append(
            f'<p><a href="{link}">{link}</a></p>' if is_web_url(option.url) else f"<p>{link}</p>"
        )
    return "".join(parts)


class RankingPanel(QWidget):
    """The banner (best fit, summary, my choice), the ranking table and the Why panel."""

    current_changed = Signal()
    """Another option is selected (or none)."""
    delete_requested = Signal()
    """The Delete key was pressed in the ranking."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._recommendation = Recommendation((), "")
        self.model = RankingModel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)

        banner = QFrame()
        banner.setObjectName("Banner")
        banner_layout = QVBoxLayout(banner)
        banner_layout.setContentsMargins(16, 12, 16, 12)
        banner_layout.setSpacing(4)
        self.best_label = PlainLabel()
        self.best_label.setObjectName("BannerTitle")
        self.summary_label = PlainLabel()
        self.summary_label.setObjectName("BannerText")
        self.summary_label.setWordWrap(True)
        self.choice_label = PlainLabel()
        self.choice_label.setObjectName("ChoiceText")
        banner_layout.addWidget(self.best_label)
        banner_layout.addWidget(self.summary_label)
        banner_layout.addWidget(self.choice_label)
        layout.addWidget(banner)

        middle = QHBoxLayout()
        middle.setSpacing(12)
        ranking_column = QVBoxLayout()
        ranking_column.setSpacing(6)
        heading = PlainLabel(self.tr("Ranking for you"))
        heading.setObjectName("SectionTitle")
        ranking_column.addWidget(heading)
        self.view = self._build_view()
        self.view.installEventFilter(self)
        ranking_column.addWidget(self.view)
        ranking_column.addStretch(1)
        middle.addLayout(ranking_column, 5)

        explain_column = QVBoxLayout()
        explain_column.setSpacing(6)
        why = PlainLabel(self.tr("Why"))
        why.setObjectName("SectionTitle")
        explain_column.addWidget(why)
        self.explanation = SafeTextBrowser()
        self.explanation.setObjectName("explanation")
        self.explanation.setAccessibleName(self.tr("Why this option scores as it does"))
        self.explanation.setFrameShape(QFrame.Shape.StyledPanel)
        self.explanation.setMinimumWidth(230)
        self.explanation.setMinimumHeight(170)
        explain_column.addWidget(self.explanation, 1)
        middle.addLayout(explain_column, 3)
        layout.addLayout(middle)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)

    def _build_view(self) -> QTableView:
        view = QTableView()
        view.setObjectName("rankingView")
        view.setAccessibleName(self.tr("Ranking for you"))
        view.setModel(self.model)
        view.setItemDelegateForColumn(RankingModel.SCORE, ScoreBarDelegate(self))
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setAlternatingRowColors(False)
        view.setTabKeyNavigation(False)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(34)
        header = view.horizontalHeader()
        header.setSectionResizeMode(RankingModel.COMPARE, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(RankingModel.RANK, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(RankingModel.OPTION, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(RankingModel.SCORE, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(RankingModel.LIMITS, QHeaderView.ResizeMode.Stretch)
        bold_header = QFont(header.font())
        bold_header.setBold(True)
        compare_width = QFontMetrics(bold_header).horizontalAdvance(self.tr("Compare")) + 18
        header.resizeSection(RankingModel.COMPARE, max(56, compare_width))
        header.resizeSection(RankingModel.SCORE, 104)
        view.setColumnHidden(RankingModel.RANK, True)  # the order says it
        header.setHighlightSections(False)
        view.setMinimumWidth(380)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), view)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_requested)
        return view

    # --- showing ---------------------------------------------------------------------------

    def show_ranking(self, recommendation: Recommendation, choice: Choice | None) -> None:
        """Show the ranking, keeping the selected option selected where it moved."""
        current = self.current_slug()
        self._recommendation = recommendation
        chosen = choice.option_slug if choice else None
        self.model.set_recommendation(recommendation, chosen)
        self._fit_height()
        self._show_banner(recommendation, choice)
        first = recommendation.ranking[0].option.slug if recommendation.ranking else ""
        self.select_option(current or chosen or first)
        self._show_explanation()

    def _show_banner(self, recommendation: Recommendation, choice: Choice | None) -> None:
        best = recommendation.best
        if best is None:
            self.best_label.setText(self.tr("Nothing to compare yet"))
        else:
            self.best_label.setText(
                self.tr("Best fit for you: %s · %d/100")
                % (isolate(best.option.title), round(best.score))
            )
        self.summary_label.setText(recommendation.summary)
        if choice is None:
            self.choice_label.setText(
                self.tr("No choice recorded yet: select an option and mark it as your choice.")
            )
            set_flag(self.choice_label, "empty", True)
        else:
            title = choice.option_title or self.tr("an offer you have since deleted")
            when = choice.decided_at.strftime("%d %b %Y")
            self.choice_label.setText(
                self.tr("★ My choice: %s (recorded %s)") % (isolate(title), when)
            )
            set_flag(self.choice_label, "empty", False)

    def _fit_height(self) -> None:
        """Show every option without scrolling, up to ``ROWS_SHOWN`` of them."""
        rows = max(3, min(ROWS_SHOWN, self.model.rowCount()))
        view = self.view
        header = view.horizontalHeader().sizeHint().height()
        height = header + rows * view.verticalHeader().defaultSectionSize()
        view.setFixedHeight(height + 2 * view.frameWidth() + 2)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Option names as wide as they need, up to 80% of what the fixed columns leave."""
        view = self.view
        header = view.horizontalHeader()
        bold = QFont(view.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        width = metrics.horizontalAdvance("M" * 8)
        for row in range(self.model.rowCount()):
            text = str(self.model.index(row, RankingModel.OPTION).data() or "")
            width = max(width, metrics.horizontalAdvance(text) + 24)
        fixed = header.sectionSize(RankingModel.COMPARE) + header.sectionSize(RankingModel.SCORE)
        room = max(0, view.viewport().width() - fixed)
        header.resizeSection(RankingModel.OPTION, max(120, min(width, int(room * 0.8))))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_explanation()
        self.current_changed.emit()

    def _show_explanation(self) -> None:
        entry = self.current_entry()
        if entry is None:
            self.explanation.setHtml(
                "<i>" + escape(self.tr("Select an option in the ranking to see why.")) + "</i>"
            )
            return
        self.explanation.setHtml(explanation_html(entry))

    # --- selection -------------------------------------------------------------------------

    def current_slug(self) -> str | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return str(index.data(RankingModel.SlugRole))

    def current_entry(self) -> RankedOption | None:
        slug = self.current_slug()
        return self._recommendation.find(slug) if slug else None

    def select_option(self, slug: str) -> None:
        row = self.model.row_of(slug)
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, RankingModel.OPTION))
