"""The Choose page: weigh self-study, classes, bootcamps and real offers for your own situation."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.choosing import (
    DEFAULT_WEIGHTS,
    MAX_WEIGHT,
    MIN_WEIGHT,
    Criterion,
    RankedOption,
    Readiness,
    Recommendation,
    Situation,
    format_money,
)
from tracker.domain.enums import Goal, Guidance, ResourceFormat
from tracker.errors import TrackerError
from tracker.locations import resources_dir
from tracker.services.choosing import (
    Choice,
    ChoosingService,
    InvalidFieldsError,
    offer_fields,
    validate_offer,
    validate_situation,
)
from tracker.ui.commands import ServiceCommand
from tracker.ui.compare.commands import (
    AddOfferCommand,
    ChooseCommand,
    DeleteOfferCommand,
    DuplicateOfferCommand,
    EditOfferCommand,
    SetSituationCommand,
    SetWeightsCommand,
)
from tracker.ui.compare.offer import OfferDialog
from tracker.ui.models.compare import (
    MAX_COMPARED,
    MIN_COMPARED,
    ComparisonModel,
    RankingModel,
    ScoreBarDelegate,
)
from tracker.ui.shell.context import AppContext
from tracker.ui.shell.theme import LIGHT, Colors, current_colors
from tracker.ui.widgets.common import FlowScrollArea
from tracker.ui.widgets.page import Page
from tracker.ui.widgets.safe_text import PlainLabel, SafeTextBrowser, is_web_url, isolate

WEIGHT_SAVE_DELAY_MS = 400
"""Weights re-rank live while a slider moves; a drag is saved when the slider is released,
keys and the wheel once the slider rests this long (one undo step each)."""

RANKING_ROWS_SHOWN = 8
"""The ranking grows to show this many options before it scrolls."""
COMPARISON_ROW_HEIGHT = 44
COMPARISON_HEADER_HEIGHT = 46

CRITERION_HINTS = {
    Criterion.TIMELINE: "Finishing by your target date",
    Criterion.PREREQUISITES: "Teaching what you haven't ticked yet",
    Criterion.CAREER_FOCUS: "Preparing you for your goal",
    Criterion.SUPPORT: "The guidance you want",
    Criterion.COST: "Staying within budget",
    Criterion.TIME_PER_WEEK: "Fitting the hours you have",
    Criterion.FLEXIBILITY: "Schedule and format you can follow",
    Criterion.OUTCOMES: "Published, audited results",
}
GOALS = (
    (None, "Not set"),
    (Goal.CAREER_CHANGE.value, "Career change"),
    (Goal.UPSKILL.value, "Upskill at work"),
    (Goal.PROJECT.value, "A personal project"),
)
GUIDANCES = (
    (None, "Not set"),
    (Guidance.LITTLE.value, "Little: I learn on my own"),
    (Guidance.SOME.value, "Some: a teacher to ask"),
    (Guidance.LOTS.value, "Lots: mentors and structure"),
)
FORMATS = (
    (None, "No preference"),
    (ResourceFormat.SELF_PACED.value, "Self-paced"),
    (ResourceFormat.LIVE_ONLINE.value, "Live online"),
    (ResourceFormat.IN_PERSON.value, "In person"),
)
CURRENCIES = ("USD", "EUR", "GBP", "CAD", "AUD", "INR", "CHF")


def tr(text: str) -> str:
    return QCoreApplication.translate("ChoosePage", text)


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


def _card(title: str, hint: str = "") -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("Card")
    frame.setAccessibleName(title)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 14, 16, 14)
    layout.setSpacing(8)
    heading = PlainLabel(title)
    heading.setObjectName("SectionTitle")
    layout.addWidget(heading)
    if hint:
        note = PlainLabel(hint)
        note.setObjectName("Hint")
        note.setWordWrap(True)
        layout.addWidget(note)
    return frame, layout


def _combo(items: tuple[tuple[str | None, str], ...], name: str, label: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(label)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    for value, text in items:
        combo.addItem(tr(text), value)
    return combo


def _select(combo: QComboBox, value: str | None) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


def _set_flag(widget: QWidget, name: str, on: bool) -> None:
    """Set a style-sheet property (``[error="true"]``) and restyle the widget."""
    widget.setProperty(name, "true" if on else "false")
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


SITUATION_LABELS = {
    "hours_per_week": "time per week",
    "budget": "budget",
    "currency": "currency",
    "target_date": "target date",
    "goal": "goal",
    "guidance": "guidance",
    "preferred_format": "preferred format",
}


class ChoosePage(Page):
    """Options side by side, weighed by sliders, ranked with reasons; add offers, mark a choice.

    It shows the context's path and reads everything from the choosing service; every change
    is a command in ``context.perform`` (one undo step), and ``data_changed`` (a ticked
    prerequisite, an undo, a path switch) re-reads and re-ranks. It emits ``changed`` (and a
    more precise signal) after anything it saved.
    """

    situation_changed = Signal()
    weights_changed = Signal()
    offers_changed = Signal()
    choice_made = Signal(str)
    exported = Signal(str)
    changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("PageBody")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._colors: Colors | None = None
        self._path = context.path_slug
        self._recommendation: Recommendation | None = None
        self._choice: Choice | None = None
        self._seeded_compare = False
        self.offer_dialog: OfferDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.file_dialog: QFileDialog | None = None
        self._weight_timer = QTimer(self)
        self._weight_timer.setSingleShot(True)
        self._weight_timer.setInterval(WEIGHT_SAVE_DELAY_MS)
        self._weight_timer.timeout.connect(self.save_weights)

        self.ranking_model = RankingModel(self)
        self.comparison_model = ComparisonModel(self)

        root = QHBoxLayout(self)
        root.setContentsMargins(20, 18, 20, 18)
        root.setSpacing(18)
        root.addWidget(self._build_sidebar())
        main = QWidget()
        main.setObjectName("PageBody")
        main_layout = self._build_main()
        main_layout.setContentsMargins(0, 0, 6, 0)
        main.setLayout(main_layout)
        self.main_scroll = FlowScrollArea()
        # a narrow window scrolls sideways rather than squeezing the tables unreadable
        self.main_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.main_scroll.setWidget(main)
        root.addWidget(self.main_scroll, 1)

        self.ranking_model.compared_changed.connect(self._show_comparison)
        self.ranking_model.compare_refused.connect(self._say)
        self.ranking_view.selectionModel().currentRowChanged.connect(self._current_changed)
        context.flush_requested.connect(self._flush_weights)
        for spin_box, name in (
            (self.hours_edit, tr("Hours per week you have")),
            (self.target_edit, tr("Target date")),
        ):
            inner = spin_box.findChild(QLineEdit)
            if inner is not None:  # the editor inside a spin box is what takes the focus
                inner.setAccessibleName(name)
        self._follow_theme()

    @property
    def _choosing(self) -> ChoosingService:
        return self.context.services.choosing

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
        self.setStyleSheet(page_style(colors))
        dark = colors is not LIGHT
        self.ranking_model.set_dark(dark)
        self.comparison_model.set_dark(dark)
        self.ranking_view.viewport().update()
        self.comparison_view.viewport().update()

    # --- building: the sidebar -------------------------------------------------------------

    def _build_sidebar(self) -> QWidget:
        column = QWidget()
        column.setObjectName("PageBody")
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(self._build_situation())
        layout.addWidget(self._build_weights())
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(column)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFixedWidth(320)
        return scroll

    def _build_situation(self) -> QFrame:
        frame, layout = _card(
            tr("Your situation"), tr("What you have and want. Saved as you change it.")
        )
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(4)
        self.field_errors: dict[str, QLabel] = {}

        self.hours_edit = QSpinBox()
        self.hours_edit.setObjectName("hours_per_week")
        self.hours_edit.setAccessibleName(tr("Hours per week you have"))
        self.hours_edit.setRange(0, 168)
        self.hours_edit.setSpecialValueText(tr("not set"))
        self.hours_edit.setSuffix(tr(" h/week"))
        self.hours_edit.setKeyboardTracking(False)
        self.hours_edit.setToolTip(tr("Type the hours, or use the arrow keys"))
        self.hours_edit.valueChanged.connect(
            lambda value: self._save_situation(hours_per_week=value or None)
        )
        self._form_row(form, tr("T&ime"), self.hours_edit, "hours_per_week")

        budget_row = QWidget()
        budget_layout = QHBoxLayout(budget_row)
        budget_layout.setContentsMargins(0, 0, 0, 0)
        budget_layout.setSpacing(6)
        self.budget_edit = QLineEdit()
        self.budget_edit.setObjectName("budget")
        self.budget_edit.setAccessibleName(tr("Budget"))
        self.budget_edit.setPlaceholderText(tr("not set"))
        self.budget_edit.editingFinished.connect(self._budget_finished)
        self.currency_combo = QComboBox()
        self.currency_combo.setObjectName("currency")
        self.currency_combo.setAccessibleName(tr("Currency"))
        self.currency_combo.setEditable(True)
        self.currency_combo.addItems(CURRENCIES)
        self.currency_combo.setFixedWidth(86)
        self.currency_combo.activated.connect(self._currency_finished)
        line = self.currency_combo.lineEdit()
        if line is not None:
            line.setAccessibleName(tr("Currency"))
            line.editingFinished.connect(self._currency_finished)
        budget_layout.addWidget(self.budget_edit, 1)
        budget_layout.addWidget(self.currency_combo)
        self._form_row(
            form,
            tr("&Budget"),
            budget_row,
            "budget",
            extra_error="currency",
            buddy=self.budget_edit,
        )

        date_row = QWidget()
        date_layout = QHBoxLayout(date_row)
        date_layout.setContentsMargins(0, 0, 0, 0)
        self.target_check = QCheckBox(tr("by"))
        self.target_check.setObjectName("has_target_date")
        self.target_check.setAccessibleName(tr("Have a target date"))
        self.target_check.setToolTip(tr("Set a target date"))
        self.target_edit = QDateEdit()
        self.target_edit.setObjectName("target_date")
        self.target_edit.setAccessibleName(tr("Target date"))
        self.target_edit.setCalendarPopup(True)
        self.target_edit.setDisplayFormat("d MMM yyyy")
        self.target_edit.setDate(QDate.currentDate().addMonths(6))
        self.target_edit.setEnabled(False)
        self.target_check.toggled.connect(self._target_toggled)
        self.target_edit.dateChanged.connect(lambda _d: self._target_finished())
        date_layout.addWidget(self.target_check)
        date_layout.addWidget(self.target_edit, 1)
        self._form_row(form, tr("Target &date"), date_row, "target_date", buddy=self.target_check)

        self.goal_combo = _combo(GOALS, "goal", tr("Goal"))
        self.goal_combo.currentIndexChanged.connect(
            lambda _i: self._save_situation(goal=self.goal_combo.currentData())
        )
        self._form_row(form, tr("&Goal"), self.goal_combo, "goal")
        self.guidance_combo = _combo(GUIDANCES, "guidance", tr("Guidance you want"))
        self.guidance_combo.currentIndexChanged.connect(
            lambda _i: self._save_situation(guidance=self.guidance_combo.currentData())
        )
        self._form_row(form, tr("G&uidance"), self.guidance_combo, "guidance")
        self.format_combo = _combo(FORMATS, "preferred_format", tr("Preferred format"))
        self.format_combo.currentIndexChanged.connect(
            lambda _i: self._save_situation(preferred_format=self.format_combo.currentData())
        )
        self._form_row(form, tr("Fo&rmat"), self.format_combo, "preferred_format")
        layout.addLayout(form)

        self.readiness_label = PlainLabel()
        self.readiness_label.setObjectName("Hint")
        self.readiness_label.setWordWrap(True)
        layout.addWidget(self.readiness_label)
        return frame

    def _form_row(
        self,
        form: QFormLayout,
        label: str,
        field: QWidget,
        name: str,
        extra_error: str | None = None,
        buddy: QWidget | None = None,
    ) -> None:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        for key in (name, extra_error):
            if key is None:
                continue
            error = PlainLabel()
            error.setObjectName("FieldError")
            error.setWordWrap(True)
            error.setVisible(False)
            self.field_errors[key] = error
            column.addWidget(error)
        caption = PlainLabel(label)
        caption.setBuddy(buddy or field)
        form.addRow(caption, holder)

    def _build_weights(self) -> QFrame:
        frame, layout = _card(
            tr("What matters to you"),
            tr("0 = ignore, 10 = matters most. The ranking follows as you move a slider."),
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(7)
        self.weight_sliders: dict[Criterion, QSlider] = {}
        self._weight_values: dict[Criterion, QLabel] = {}
        for row, criterion in enumerate(Criterion):
            label = tr(criterion.label)
            hint = tr(CRITERION_HINTS[criterion])
            name = PlainLabel(label)
            name.setToolTip(hint)
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setObjectName(f"weight-{criterion.value}")
            slider.setRange(MIN_WEIGHT, MAX_WEIGHT)
            slider.setPageStep(1)
            slider.setToolTip(hint)
            slider.setAccessibleName(tr("Weight of %s") % label.lower())
            slider.valueChanged.connect(lambda value, c=criterion: self._weight_moved(c, value))
            slider.sliderReleased.connect(lambda c=criterion: self._weight_released(c))
            value = PlainLabel()
            value.setObjectName("WeightValue")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            name.setBuddy(slider)
            grid.addWidget(name, row, 0)
            grid.addWidget(slider, row, 1)
            grid.addWidget(value, row, 2)
            self.weight_sliders[criterion] = slider
            self._weight_values[criterion] = value
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.reset_weights_button = QPushButton(tr("Reset to equal weights"))
        self.reset_weights_button.clicked.connect(self.reset_weights)
        layout.addWidget(self.reset_weights_button, 0, Qt.AlignmentFlag.AlignLeft)
        return frame

    # --- building: the main column ---------------------------------------------------------

    def _build_main(self) -> QVBoxLayout:
        layout = QVBoxLayout()
        layout.setSpacing(12)
        self.title_label = PlainLabel()
        self.title_label.setObjectName("PageTitle")
        subtitle = PlainLabel(
            tr("Your skill level, time and goals, weighed for you: every score says why.")
        )
        subtitle.setObjectName("PageSubtitle")
        subtitle.setWordWrap(True)
        layout.addWidget(self.title_label)
        layout.addWidget(subtitle)

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
        heading = PlainLabel(tr("Ranking for you"))
        heading.setObjectName("SectionTitle")
        ranking_column.addWidget(heading)
        self.ranking_view = QTableView()
        self.ranking_view.setObjectName("rankingView")
        self.ranking_view.setAccessibleName(tr("Ranking for you"))
        self.ranking_view.setModel(self.ranking_model)
        self.ranking_view.setItemDelegateForColumn(RankingModel.SCORE, ScoreBarDelegate(self))
        self.ranking_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.ranking_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.ranking_view.setShowGrid(False)
        self.ranking_view.setWordWrap(False)
        self.ranking_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.ranking_view.setAlternatingRowColors(False)
        self.ranking_view.setTabKeyNavigation(False)
        self.ranking_view.verticalHeader().setVisible(False)
        self.ranking_view.verticalHeader().setDefaultSectionSize(34)
        header = self.ranking_view.horizontalHeader()
        header.setSectionResizeMode(RankingModel.COMPARE, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(RankingModel.RANK, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(RankingModel.OPTION, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(RankingModel.SCORE, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(RankingModel.LIMITS, QHeaderView.ResizeMode.Stretch)
        bold_header = QFont(header.font())
        bold_header.setBold(True)
        compare_width = QFontMetrics(bold_header).horizontalAdvance(tr("Compare")) + 18
        header.resizeSection(RankingModel.COMPARE, max(56, compare_width))
        header.resizeSection(RankingModel.SCORE, 104)
        self.ranking_view.setColumnHidden(RankingModel.RANK, True)  # the order says it
        header.setHighlightSections(False)
        self.ranking_view.setMinimumWidth(380)
        self.ranking_view.installEventFilter(self)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.ranking_view)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_offer)
        ranking_column.addWidget(self.ranking_view)
        ranking_column.addStretch(1)
        middle.addLayout(ranking_column, 5)

        explain_column = QVBoxLayout()
        explain_column.setSpacing(6)
        why = PlainLabel(tr("Why"))
        why.setObjectName("SectionTitle")
        explain_column.addWidget(why)
        self.explanation = SafeTextBrowser()
        self.explanation.setObjectName("explanation")
        self.explanation.setAccessibleName(tr("Why this option scores as it does"))
        self.explanation.setFrameShape(QFrame.Shape.StyledPanel)
        self.explanation.setMinimumWidth(230)
        self.explanation.setMinimumHeight(170)
        explain_column.addWidget(self.explanation, 1)
        middle.addLayout(explain_column, 3)
        layout.addLayout(middle)
        layout.addLayout(self._build_buttons())

        compare_heading = QHBoxLayout()
        side = PlainLabel(tr("Side by side"))
        side.setObjectName("SectionTitle")
        self.compare_hint = PlainLabel()
        self.compare_hint.setWordWrap(True)
        self.compare_hint.setObjectName("Hint")
        compare_heading.addWidget(side)
        compare_heading.addSpacing(8)
        compare_heading.addWidget(self.compare_hint, 1)
        compare_heading.addWidget(self.export_csv_button)
        compare_heading.addWidget(self.export_markdown_button)
        layout.addLayout(compare_heading)
        self.comparison_view = QTableView()
        self.comparison_view.setObjectName("comparisonView")
        self.comparison_view.setAccessibleName(tr("Options side by side"))
        self.comparison_view.setModel(self.comparison_model)
        self.comparison_view.setWordWrap(False)
        self.comparison_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.comparison_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.comparison_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.comparison_view.setTabKeyNavigation(False)
        self.comparison_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.comparison_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.comparison_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        columns = self.comparison_view.horizontalHeader()
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        columns.setFixedHeight(COMPARISON_HEADER_HEIGHT)
        rows = self.comparison_view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(COMPARISON_ROW_HEIGHT)
        rows.setMinimumWidth(150)
        self.comparison_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.comparison_view)

        self.status_label = PlainLabel()
        self.status_label.setObjectName("Status")
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(tr("Comparison status"))
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        return layout

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        self.add_button = QPushButton(tr("Add &offer…"))
        self.edit_button = QPushButton(tr("Edit…"))
        self.duplicate_button = QPushButton(tr("Duplicate"))
        self.delete_button = QPushButton(tr("Delete"))
        self.choose_button = QPushButton(tr("★ &Mark as my choice"))
        self.choose_button.setObjectName("Primary")
        self.export_csv_button = QPushButton(tr("Export CSV…"))
        self.export_markdown_button = QPushButton(tr("Export Markdown…"))
        self.add_button.setToolTip(tr("Add a bootcamp, class or course you are considering"))
        self.duplicate_button.setToolTip(tr("Copy the selected option into an offer of yours"))
        self.add_button.clicked.connect(self.add_offer)
        self.edit_button.clicked.connect(self.edit_offer)
        self.duplicate_button.clicked.connect(self.duplicate_offer)
        self.delete_button.clicked.connect(self.delete_offer)
        self.choose_button.clicked.connect(self.mark_choice)
        self.export_csv_button.clicked.connect(lambda: self.export("csv"))
        self.export_markdown_button.clicked.connect(lambda: self.export("md"))
        for button in (
            self.add_button,
            self.edit_button,
            self.duplicate_button,
            self.delete_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.choose_button)
        return row

    # --- public API ------------------------------------------------------------------------

    @property
    def path_slug(self) -> str:
        return self._path

    def refresh(self) -> None:
        """Read everything again: the context's path, situation, weights, checklist, choice."""
        if self.context.path_slug != self._path:
            self._path = self.context.path_slug
            self._seeded_compare = False
            self.ranking_model.set_compared(())
        if self._weight_timer.isActive() or self._dragging():
            # a slider is still moving: keep its live ranking, the weights are saved soon
            return
        try:
            situation = self._choosing.situation()
            weights = self._choosing.weights()
            readiness = self._choosing.readiness(self._path)
            self._choice = self._choosing.choice(self._path)
        except TrackerError as exc:
            self._say(str(exc), error=True)
            return
        self._show_situation(situation_values(situation), readiness)
        self._show_weights(weights)
        self._rerank(weights)

    def recommendation(self) -> Recommendation | None:
        return self._recommendation

    def current_slug(self) -> str | None:
        index = self.ranking_view.currentIndex()
        if not index.isValid():
            return None
        return str(index.data(RankingModel.SlugRole))

    def select_option(self, slug: str) -> None:
        row = self.ranking_model.row_of(slug)
        if row is not None:
            self.ranking_view.setCurrentIndex(self.ranking_model.index(row, RankingModel.OPTION))

    def _perform(self, command: ServiceCommand) -> bool:
        """Apply ``command`` as one undo step; the page re-reads what is stored either way."""
        done = self.context.perform(command)
        self.ensure_fresh()
        return done

    # --- situation -------------------------------------------------------------------------

    def _show_situation(self, values: dict[str, Any], readiness: Readiness) -> None:
        blockers = [
            QSignalBlocker(widget)
            for widget in (
                self.hours_edit,
                self.budget_edit,
                self.currency_combo,
                self.target_check,
                self.target_edit,
                self.goal_combo,
                self.guidance_combo,
                self.format_combo,
            )
        ]
        hours = values.get("hours_per_week")
        self.hours_edit.setValue(round(hours) if hours else 0)
        budget = values.get("budget")
        if not self.budget_edit.hasFocus() or self.field_errors["budget"].isHidden():
            self.budget_edit.setText("" if budget is None else f"{budget:g}")
        self.currency_combo.setCurrentText(values.get("currency") or "USD")
        target: date | None = values.get("target_date")
        self.target_check.setChecked(target is not None)
        self.target_edit.setEnabled(target is not None)
        if target is not None:
            self.target_edit.setDate(QDate(target.year, target.month, target.day))
        _select(self.goal_combo, values.get("goal"))
        _select(self.guidance_combo, values.get("guidance"))
        _select(self.format_combo, values.get("preferred_format"))
        del blockers
        if readiness.required_total == 0:
            text = tr("This path lists no required prerequisites.")
        elif readiness.complete:
            text = tr("Skill level, from your checklist: all %d required skills done.") % (
                readiness.required_total
            )
        else:
            text = tr(
                "Skill level, from your checklist: %d of %d required skills done. "
                "Still missing: %s."
            ) % (readiness.required_done, readiness.required_total, ", ".join(readiness.missing))
        self.readiness_label.setText(text)

    def _budget_finished(self) -> None:
        text = self.budget_edit.text().strip().replace(",", "")
        self._save_situation(budget=text or None)

    def _currency_finished(self) -> None:
        self._save_situation(currency=self.currency_combo.currentText())

    def _target_toggled(self, on: bool) -> None:
        self.target_edit.setEnabled(on)
        self._target_finished()

    def _target_finished(self) -> None:
        if not self.target_check.isChecked():
            self._save_situation(target_date=None)
            return
        picked = self.target_edit.date()
        self._save_situation(target_date=date(picked.year(), picked.month(), picked.day()))

    def _save_situation(self, **changes: Any) -> None:
        """Check the fields here (problems show next to them), then save as one undo step."""
        for name in changes:
            label = self.field_errors.get(name)
            if label is not None:
                label.setVisible(False)
        try:
            cleaned = validate_situation(changes)
            current = situation_values(self._choosing.situation())
        except InvalidFieldsError as exc:
            for name, message in exc.problems.items():
                label = self.field_errors.get(name)
                if label is not None:
                    label.setText(message[:1].upper() + message[1:] + ".")
                    label.setVisible(True)
            self._say(tr("Your situation was not saved: fix the field marked in red."), True)
            return
        except TrackerError as exc:
            self._say(str(exc), error=True)
            return
        changed = {name: value for name, value in cleaned.items() if current.get(name) != value}
        if not changed:
            return
        what = ", ".join(tr(SITUATION_LABELS.get(name, name)) for name in changed)
        if self._perform(SetSituationCommand(self.context, changed, what)):
            self._say(tr("Saved your situation."))
            self.situation_changed.emit()
            self.changed.emit()

    # --- weights ---------------------------------------------------------------------------

    def _show_weights(self, weights: dict[Criterion, int]) -> None:
        for criterion, slider in self.weight_sliders.items():
            with QSignalBlocker(slider):
                slider.setValue(weights[criterion])
            self._weight_values[criterion].setText(str(weights[criterion]))

    def slider_weights(self) -> dict[Criterion, int]:
        return {criterion: slider.value() for criterion, slider in self.weight_sliders.items()}

    def _dragging(self) -> bool:
        return any(slider.isSliderDown() for slider in self.weight_sliders.values())

    def _weight_moved(self, criterion: Criterion, value: int) -> None:
        self._weight_values[criterion].setText(str(value))
        self._rerank(self.slider_weights())
        if self.weight_sliders[criterion].isSliderDown():
            self._weight_timer.stop()  # a drag is saved when the slider is released
        else:
            self._weight_timer.start()  # keys and the wheel: saved once the slider rests

    def _weight_released(self, _criterion: Criterion) -> None:
        self.save_weights()

    def _flush_weights(self) -> None:
        """Before undo, redo, a path switch or closing: save a weight still pending."""
        if self._weight_timer.isActive():
            self.save_weights()

    def save_weights(self, text: str = "") -> None:
        """Save the sliders' weights now, as one undo step (nothing if they are unchanged)."""
        self._weight_timer.stop()
        if not self.context.is_open:
            return
        weights = self.slider_weights()
        try:
            stored = self._choosing.weights()
        except TrackerError as exc:
            self._say(str(exc), error=True)
            return
        if weights == stored:
            return
        if not text:
            moved = [c for c in Criterion if weights[c] != stored[c]]
            names = ", ".join(tr(c.label).lower() for c in moved)
            text = tr("Weigh %s") % names
        if self._perform(SetWeightsCommand(self.context, weights, text)):
            self.weights_changed.emit()
            self.changed.emit()

    def reset_weights(self) -> None:
        self._weight_timer.stop()
        self._show_weights(dict(DEFAULT_WEIGHTS))
        self.save_weights(tr("Reset the weights"))
        self.ensure_fresh()
        self._rerank(self.slider_weights())

    def hideEvent(self, event: QHideEvent) -> None:
        self._flush_weights()
        super().hideEvent(event)

    # --- ranking ---------------------------------------------------------------------------

    def _rerank(self, weights: dict[Criterion, int]) -> None:
        if not self.context.is_open or not self._path:
            return
        current = self.current_slug()
        try:
            recommendation = self._choosing.rank(self._path, weights=weights)
            title = self._title()
        except TrackerError as exc:
            self._say(str(exc), error=True)
            return
        self._recommendation = recommendation
        chosen = self._choice.option_slug if self._choice else None
        self.ranking_model.set_recommendation(recommendation, chosen)
        if not self._seeded_compare and recommendation.ranking:
            self._seeded_compare = True
            self.ranking_model.set_compared(
                entry.option.slug for entry in recommendation.ranking[:MAX_COMPARED]
            )
        self._fit_ranking_height()
        self.title_label.setText(title)
        self._show_banner(recommendation)
        self._show_comparison()
        self.select_option(current or (chosen or "") or self._first_slug())
        self._show_explanation()
        self._update_buttons()

    def _fit_ranking_height(self) -> None:
        """Show every option without scrolling, up to ``RANKING_ROWS_SHOWN`` of them."""
        rows = max(3, min(RANKING_ROWS_SHOWN, self.ranking_model.rowCount()))
        view = self.ranking_view
        header = view.horizontalHeader().sizeHint().height()
        height = header + rows * view.verticalHeader().defaultSectionSize()
        view.setFixedHeight(height + 2 * view.frameWidth() + 2)
        self._fit_ranking_columns()

    def _fit_ranking_columns(self) -> None:
        """Option names as wide as they need, up to 80% of what the fixed columns leave."""
        view = self.ranking_view
        header = view.horizontalHeader()
        bold = QFont(view.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        width = metrics.horizontalAdvance("M" * 8)
        for row in range(self.ranking_model.rowCount()):
            text = str(self.ranking_model.index(row, RankingModel.OPTION).data() or "")
            width = max(width, metrics.horizontalAdvance(text) + 24)
        fixed = header.sectionSize(RankingModel.COMPARE) + header.sectionSize(RankingModel.SCORE)
        room = max(0, view.viewport().width() - fixed)
        header.resizeSection(RankingModel.OPTION, max(120, min(width, int(room * 0.8))))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.ranking_view and event.type() == QEvent.Type.Resize:
            self._fit_ranking_columns()
        return super().eventFilter(watched, event)

    def _title(self) -> str:
        return tr("Choose how to learn %s") % isolate(self._choosing.path_title(self._path))

    def _first_slug(self) -> str:
        if self._recommendation and self._recommendation.ranking:
            return self._recommendation.ranking[0].option.slug
        return ""

    def _show_banner(self, recommendation: Recommendation) -> None:
        best = recommendation.best
        if best is None:
            self.best_label.setText(tr("Nothing to compare yet"))
        else:
            self.best_label.setText(
                tr("Best fit for you: %s · %d/100")
                % (isolate(best.option.title), round(best.score))
            )
        self.summary_label.setText(recommendation.summary)
        if self._choice is None:
            self.choice_label.setText(
                tr("No choice recorded yet: select an option and mark it as your choice.")
            )
            _set_flag(self.choice_label, "empty", True)
        else:
            title = self._choice.option_title or tr("an offer you have since deleted")
            when = self._choice.decided_at.strftime("%d %b %Y")
            self.choice_label.setText(tr("★ My choice: %s (recorded %s)") % (isolate(title), when))
            _set_flag(self.choice_label, "empty", False)

    def _show_comparison(self) -> None:
        if self._recommendation is None:
            return
        compared = self.ranking_model.compared()
        self.comparison_model.set_columns(compared, dict(self._recommendation.weights))
        count = len(compared)
        view = self.comparison_view
        rows = self.comparison_model.rowCount()
        view.setFixedHeight(
            COMPARISON_HEADER_HEIGHT + rows * COMPARISON_ROW_HEIGHT + 2 * view.frameWidth() + 2
        )
        view.setVisible(count > 0)
        if count < MIN_COMPARED:
            self.compare_hint.setText(
                tr("Tick %d to %d options in the ranking to see them side by side.")
                % (MIN_COMPARED, MAX_COMPARED)
            )
        else:
            self.compare_hint.setText(
                tr("%d options, criteria as rows. ×N is your weight; hover a cell for why.") % count
            )

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_explanation()
        self._update_buttons()

    def _update_buttons(self) -> None:
        slug = self.current_slug()
        entry = self._recommendation.find(slug) if self._recommendation and slug else None
        own = entry is not None and entry.option.own
        self.edit_button.setEnabled(own)
        self.delete_button.setEnabled(own)
        self.duplicate_button.setEnabled(entry is not None)
        chosen = self._choice is not None and self._choice.option_slug == slug
        self.choose_button.setEnabled(entry is not None and not chosen)
        self.choose_button.setText(tr("★ Your choice") if chosen else tr("★ &Mark as my choice"))

    def _show_explanation(self) -> None:
        slug = self.current_slug()
        entry = self._recommendation.find(slug) if self._recommendation and slug else None
        if entry is None:
            self.explanation.setHtml(
                "<i>" + escape(tr("Select an option in the ranking to see why.")) + "</i>"
            )
            return
        self.explanation.setHtml(explanation_html(entry))

    # --- offers ----------------------------------------------------------------------------

    def add_offer(self) -> None:
        """Open the offer form (not modal to the app, so a test or the user can fill it)."""
        self._open_offer_dialog(tr("Add an offer"), None, None)

    def edit_offer(self) -> None:
        slug = self.current_slug()
        if slug is None:
            return
        option = self._choosing.option(self._path, slug)
        if not option.own:
            self._say(tr("Only your own offers can be edited: duplicate this one first."), True)
            return
        self._open_offer_dialog(tr("Edit %s") % isolate(option.title), slug, offer_fields(option))

    def _open_offer_dialog(
        self, title: str, slug: str | None, initial: dict[str, Any] | None
    ) -> None:
        saved: list[str] = []

        def save(fields: dict[str, Any]) -> None:
            validate_offer(fields)  # problems show next to their fields, nothing is saved
            command: AddOfferCommand | EditOfferCommand
            if slug is None:
                command = AddOfferCommand(self.context, fields)
            else:
                command = EditOfferCommand(self.context, slug, fields)
            if not self._perform(command):
                raise TrackerError(self.context.last_error)
            saved.append(command.slug)

        dialog = OfferDialog(save, initial, self, title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)

        def accepted() -> None:
            self._offers_saved(saved[-1], compare=slug is None)
            self._say(tr("Saved %s.") % dialog.fields()["title"])

        dialog.accepted.connect(accepted)
        self.offer_dialog = dialog
        dialog.open()

    def _offers_saved(self, slug: str, compare: bool) -> None:
        self.ensure_fresh()
        if compare:
            wanted = [*self.ranking_model.compared_slugs(), slug]
            if len(wanted) > MAX_COMPARED:
                wanted = wanted[-MAX_COMPARED:]
            self.ranking_model.set_compared(wanted)
        self.select_option(slug)
        self.offers_changed.emit()
        self.changed.emit()

    def duplicate_offer(self) -> None:
        slug = self.current_slug()
        if slug is None:
            return
        title = self._choosing.option(self._path, slug).title
        command = DuplicateOfferCommand(self.context, slug, title)
        if not self._perform(command):
            return
        self._offers_saved(command.slug, compare=False)
        self._say(tr("Duplicated as your own offer: edit it to enter a real offer's details."))

    def delete_offer(self) -> None:
        slug = self.current_slug()
        if slug is None:
            return
        option = self._choosing.option(self._path, slug)
        if not option.own:
            self._say(tr("Offers that come with the path cannot be deleted."), error=True)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("Delete offer"),
            tr("Delete %s? Edit › Undo brings it back; its history stays in your log.")
            % isolate(option.title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)

        def answered(button: int) -> None:
            if QMessageBox.StandardButton(button) != QMessageBox.StandardButton.Yes:
                return
            if not self._perform(DeleteOfferCommand(self.context, slug, option.title)):
                return
            self._say(tr("Deleted %s. Edit › Undo brings it back.") % isolate(option.title))
            self.offers_changed.emit()
            self.changed.emit()

        box.finished.connect(answered)
        self.confirm_box = box
        box.open()

    # --- choice and export -----------------------------------------------------------------

    def mark_choice(self) -> None:
        slug = self.current_slug()
        if slug is None:
            return
        self.save_weights()
        title = self._choosing.option(self._path, slug).title
        if not self._perform(ChooseCommand(self.context, slug, title)):
            return
        self._say(tr("Recorded your choice: %s, with today's ranking.") % isolate(title))
        self.choice_made.emit(slug)
        self.changed.emit()

    def export(self, kind: str) -> None:
        """Ask where to save the comparison (.csv or .md), then write it there."""
        self.save_weights()
        suffix = ".csv" if kind == "csv" else ".md"
        name_filter = tr("CSV files (*.csv)") if kind == "csv" else tr("Markdown files (*.md)")
        dialog = QFileDialog(self, tr("Export the comparison"))
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

        slugs = self.ranking_model.compared_slugs() or None
        fmt = (
            Format.COMPARISON_CSV
            if file_name.lower().endswith(".csv")
            else Format.COMPARISON_MARKDOWN
        )
        written = Path(file_name)
        try:
            export(self.context.services, fmt, written, path_slug=self._path, slugs=slugs)
        except TrackerError as exc:
            self._say(str(exc), error=True)
            return
        self._say(tr("Exported to %s.") % written)
        self.exported.emit(str(written))

    # --- messages --------------------------------------------------------------------------

    def _say(self, text: str, error: bool = False) -> None:
        self.status_label.setText(text)
        _set_flag(self.status_label, "error", error)

    def status_text(self) -> str:
        return self.status_label.text()


def situation_values(situation: Situation) -> dict[str, Any]:
    """The situation as plain values (enum members as their strings) for the form."""
    return {
        name: value.value if isinstance(value, StrEnum) else value
        for name, value in vars(situation).items()
    }


def explanation_html(entry: RankedOption) -> str:
    """The reasons of one option, as the Why panel shows them; every outside text escaped."""
    option = entry.option
    parts = [f"<h3>{entry.rank}. {escape(option.title)}: {entry.score:.0f}/100</h3>"]
    facts = [option.kind_label]
    if option.provider:
        facts.append(option.provider)
    if option.cost is not None:
        facts.append("free" if option.cost == 0 else format_money(option.cost, option.currency))
    parts.append(f"<p>{escape(' · '.join(facts))}</p>")
    if entry.violations:
        parts.append(f"<p><b>{escape(tr('Breaks your limits'))}</b></p><ul>")
        parts += [f"<li>⚠ {escape(violation.message)}</li>" for violation in entry.violations]
        parts.append("</ul>")
    parts.append(f"<p><b>{escape(tr('Reasons'))}</b></p><ul>")
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
