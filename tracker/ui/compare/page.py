"""The Compare page: ways to learn weighed for the learner, and what the path's source says."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.changes import Kind
from tracker.domain.choosing import Recommendation
from tracker.errors import TrackerError
from tracker.locations import resources_dir
from tracker.services.choosing import CompareView
from tracker.ui.compare.article import ArticleView
from tracker.ui.compare.offer_actions import OfferActions
from tracker.ui.compare.parts import set_flag
from tracker.ui.compare.ranking_panel import RankingPanel
from tracker.ui.compare.side_by_side import SideBySide
from tracker.ui.compare.situation_form import SituationForm
from tracker.ui.compare.weight_sliders import WeightSliders
from tracker.ui.models.compare import MAX_COMPARED
from tracker.ui.shell.context import AppContext
from tracker.ui.shell.theme import LIGHT, Colors, current_colors
from tracker.ui.widgets.common import FlowScrollArea
from tracker.ui.widgets.page import Page
from tracker.ui.widgets.safe_text import PlainLabel, isolate


def _icon(name: str, colors: Colors) -> str:
    mode = "light" if colors is LIGHT else "dark"
    return (resources_dir() / "icons" / f"{name}-{mode}.svg").as_posix()


def page_style(colors: Colors) -> str:
    """What the app's theme does not style already, in the theme's colours."""
    c = colors
    checked, unchecked = _icon("checkbox-checked", c), _icon("checkbox-unchecked", c)
    chevron = _icon("chevron-down", c)
    return f"""
QTableView::indicator {{ width: 16px; height: 16px; }}
QTableView::indicator:checked {{ image: url({checked}); }}
QTableView::indicator:unchecked {{ image: url({unchecked}); }}
QSpinBox::up-button, QSpinBox::down-button {{ width: 0px; border: none; }}
QSlider::groove:horizontal {{ height: 4px; background: {c.border}; border-radius: 2px; }}
QSlider::sub-page:horizontal {{ background: {c.accent}; border-radius: 2px; }}
QSlider::handle:horizontal {{ background: {c.base}; border: 2px solid {c.accent}; width: 12px;
    height: 12px; margin: -6px 0; border-radius: 8px; }}
QSlider::handle:horizontal:focus {{ background: {c.accent}; }}
QDateEdit::drop-down {{ border: none; width: 24px; }}
QDateEdit::down-arrow {{ image: url({chevron}); width: 12px; height: 12px; }}
QFrame#Banner {{ background: {c.accent_soft}; border: 1px solid {c.border}; border-radius: 12px; }}
QLabel#BannerTitle {{ font-size: 17px; font-weight: 650; color: {c.text}; }}
QLabel#BannerText {{ color: {c.text}; font-size: 13px; }}
QLabel#ChoiceText {{ color: {c.good}; font-weight: 600; }}
QLabel#ChoiceText[empty="true"] {{ color: {c.muted}; font-weight: normal; }}
QLabel#FieldError {{ color: {c.warn}; font-size: 11px; }}
QLabel#Status[error="true"] {{ color: {c.warn}; }}
QLabel#WeightValue {{ font-weight: 600; min-width: 18px; }}
QLabel#Hint {{ color: {c.muted}; font-size: 11px; }}
QDateEdit {{ padding: 5px 8px; border: 1px solid {c.border}; border-radius: 7px;
    background: {c.base}; }}
QDateEdit:focus {{ border: 1px solid {c.accent}; }}
QDateEdit:disabled {{ color: {c.muted}; background: {c.alt_base}; }}
QPushButton:disabled {{ color: {c.muted}; }}
QPushButton#Primary:disabled {{ background: {c.accent_soft}; color: {c.muted};
    border-color: {c.border}; }}
"""


class ComparePage(Page):
    """The page a learner decides with, and what the path's source says.

    Two views behind a segmented switch. "Weighed for you": the situation form and weight
    sliders at the side; the ranking with its reasons, the actions on the selected option and
    the ticked options side by side. "What the article says": the pack's comparison tables,
    the disputed facts and the key takeaways. One read (``ChoosingService.view``) fills both;
    a moving slider re-ranks that snapshot without reading again.
    """

    title = "Compare"
    shows = frozenset({Kind.CHOOSING, Kind.CHECKLIST, Kind.PACKS})
    """Situation, weights, offers and the choice; the ticks that set the skill level; the
    path's own offers and tables."""
    WEIGHED, ARTICLE = range(2)

    situation_changed = Signal()
    weights_changed = Signal()
    offers_changed = Signal()
    choice_made = Signal(str)
    exported = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._view: CompareView | None = None
        self._path = ""
        self._seeded_compare = False
        self._colors: Colors | None = None
        self.situation = SituationForm(context)
        self.weights = WeightSliders(context)
        self.ranking = RankingPanel()
        self.offers = OfferActions(context)
        self.side_by_side = SideBySide(context)
        self.article = ArticleView()

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addLayout(self._build_switch())
        self.views = QStackedWidget()
        outer.addWidget(self.views, 1)
        self.weighed = self._build_weighed()
        self.views.addWidget(self.weighed)
        self.views.addWidget(self.article)

        for part in (self.situation, self.weights, self.offers, self.side_by_side):
            part.message.connect(self.say)
        self.situation.saved.connect(self.situation_changed)
        self.weights.moved.connect(self._weights_moved)
        self.weights.saved.connect(self.weights_changed)
        self.ranking.current_changed.connect(self._current_changed)
        self.ranking.delete_requested.connect(self.offers.delete_offer)
        self.ranking.model.compared_changed.connect(self._show_compared)
        self.ranking.model.compare_refused.connect(self.say)
        self.offers.offer_saved.connect(self._offer_saved)
        self.offers.offer_deleted.connect(self.offers_changed)
        self.offers.choice_made.connect(self.choice_made)
        self.side_by_side.exported.connect(self.exported)
        self.switch.idClicked.connect(self.show_view)
        self.show_view(self.WEIGHED)
        self._follow_theme()

    # --- building --------------------------------------------------------------------------

    def _build_switch(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setContentsMargins(20, 14, 20, 0)
        bar.setSpacing(0)
        self.switch = QButtonGroup(self)
        self.switch.setExclusive(True)
        self.weighed_button = QPushButton(self.tr("&Weighed for you"))
        self.article_button = QPushButton(self.tr("What the &article says"))
        tips = (
            self.tr("Your options ranked for your situation and weights"),
            self.tr("The comparison tables, disputed facts and takeaways"),
        )
        for index, (button, tip) in enumerate(
            zip((self.weighed_button, self.article_button), tips, strict=True)
        ):
            button.setCheckable(True)
            button.setObjectName("Segment")
            button.setToolTip(tip)
            button.setAccessibleName(button.text().replace("&", ""))
            self.switch.addButton(button, index)
            bar.addWidget(button)
        bar.addStretch(1)
        return bar

    def _build_weighed(self) -> QWidget:
        weighed = QWidget()
        weighed.setObjectName("PageBody")
        weighed.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        root = QHBoxLayout(weighed)
        root.setContentsMargins(20, 18, 20, 18)
        root.setSpacing(18)

        column = QWidget()
        column.setObjectName("PageBody")
        side = QVBoxLayout(column)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(14)
        side.addWidget(self.situation)
        side.addWidget(self.weights)
        side.addStretch(1)
        sidebar = QScrollArea()
        sidebar.setWidget(column)
        sidebar.setWidgetResizable(True)
        sidebar.setFrameShape(QFrame.Shape.NoFrame)
        sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        sidebar.setFixedWidth(320)
        root.addWidget(sidebar)

        main = QWidget()
        main.setObjectName("PageBody")
        layout = QVBoxLayout(main)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.setSpacing(12)
        self.title_label = PlainLabel()
        self.title_label.setObjectName("PageTitle")
        subtitle = PlainLabel(
            self.tr("Your skill level, time and goals, weighed for you: every score says why.")
        )
        subtitle.setObjectName("PageSubtitle")
        subtitle.setWordWrap(True)
        layout.addWidget(self.title_label)
        layout.addWidget(subtitle)
        layout.addWidget(self.ranking)
        layout.addWidget(self.offers)
        layout.addWidget(self.side_by_side)
        self.status_label = PlainLabel()
        self.status_label.setObjectName("Status")
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(self.tr("Comparison status"))
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        self.main_scroll = FlowScrollArea()
        # a narrow window scrolls sideways rather than squeezing the tables unreadable
        self.main_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.main_scroll.setWidget(main)
        root.addWidget(self.main_scroll, 1)
        return weighed

    # --- theme -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._follow_theme()

    def _follow_theme(self) -> None:
        """Restyle for the app's light or dark theme (the tints of the tables follow too)."""
        app = QCoreApplication.instance()
        colors = current_colors(app) if isinstance(app, QApplication) else LIGHT
        if colors is self._colors:
            return
        self._colors = colors
        self.weighed.setStyleSheet(page_style(colors))
        dark = colors is not LIGHT
        self.ranking.model.set_dark(dark)
        self.side_by_side.model.set_dark(dark)
        self.ranking.view.viewport().update()
        self.side_by_side.view.viewport().update()

    # --- views -----------------------------------------------------------------------------

    def show_view(self, view: int) -> None:
        """Show "Weighed for you" (``WEIGHED``) or "What the article says" (``ARTICLE``)."""
        button = self.switch.button(view)
        if button is not None and not button.isChecked():
            button.setChecked(True)
        self.views.setCurrentIndex(view)

    def current_view(self) -> int:
        return self.views.currentIndex()

    # --- reading ---------------------------------------------------------------------------

    @property
    def path_slug(self) -> str:
        return self._path

    def refresh(self) -> None:
        """Read the path's comparison in one snapshot and show it everywhere on the page."""
        if self.context.path_slug != self._path:
            self._path = self.context.path_slug
            self._seeded_compare = False
            self.ranking.model.set_compared(())
        if self.weights.busy():
            # a slider is still moving: keep its live ranking, the weights are saved soon
            return
        try:
            view = self.context.services.choosing.view(self._path)
        except TrackerError as exc:
            self.say(str(exc), error=True)
            return
        self._view = view
        self.title_label.setText(self.tr("Choose how to learn %s") % isolate(view.path_title))
        self.situation.show_situation(view.situation, view.readiness)
        self.weights.show_weights(view.weights)
        self._show_ranking(view.recommendation)
        self.article.show_view(view)

    def _weights_moved(self) -> None:
        if self._view is None or not self.context.is_open:
            return
        self._show_ranking(self.context.services.choosing.rerank(self._view, self.weights.values()))

    def _show_ranking(self, recommendation: Recommendation) -> None:
        assert self._view is not None
        self.ranking.show_ranking(recommendation, self._view.choice)
        if not self._seeded_compare and recommendation.ranking:
            self._seeded_compare = True
            self.ranking.model.set_compared(
                entry.option.slug for entry in recommendation.ranking[:MAX_COMPARED]
            )
        self._show_compared()
        self._current_changed()

    def _show_compared(self) -> None:
        if self._view is None:
            return
        recommendation = self.ranking.model.recommendation()
        self.side_by_side.show_compared(
            self._path, self.ranking.model.compared(), recommendation.weights
        )

    def _current_changed(self) -> None:
        entry = self.ranking.current_entry()
        choice = self._view.choice if self._view else None
        chosen = (
            entry is not None and choice is not None and choice.option_slug == entry.option.slug
        )
        self.offers.set_current(entry.option if entry else None, chosen)

    def _offer_saved(self, slug: str, compare: bool) -> None:
        self.ensure_fresh()
        if compare:
            wanted = [*self.ranking.model.compared_slugs(), slug]
            self.ranking.model.set_compared(wanted[-MAX_COMPARED:])
        self.ranking.select_option(slug)
        self.offers_changed.emit()

    # --- what tests, screenshots and the keyboard reach ------------------------------------

    def recommendation(self) -> Recommendation | None:
        """The ranking on screen (with the sliders' weights while one moves)."""
        return self.ranking.model.recommendation() if self._view else None

    def current_slug(self) -> str | None:
        return self.ranking.current_slug()

    def select_option(self, slug: str) -> None:
        self.ranking.select_option(slug)

    def say(self, text: str, error: bool = False) -> None:
        self.status_label.setText(text)
        set_flag(self.status_label, "error", error)

    def status_text(self) -> str:
        return self.status_label.text()
