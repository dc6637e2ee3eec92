"""The Choose page: weigh self-study, classes, bootcamps and real offers for your own situation."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
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
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.choosing import (
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
from tracker.services.choosing import Choice, ChoosingService, InvalidFieldsError, offer_fields
from tracker.ui.pages.choose_models import (
    MAX_COMPARED,
    MIN_COMPARED,
    ComparisonModel,
    RankingModel,
    ScoreBarDelegate,
)
from tracker.ui.pages.choose_offer import OfferDialog

WEIGHT_SAVE_DELAY_MS = 400
"""Weights re-rank live while a slider moves, and are saved once it rests this long."""

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

PAGE_STYLE = """
#choosePage { background: #f5f7fa; }
#choosePage QLabel { color: #1f2933; }
QFrame#card { background: #ffffff; border: 1px solid #dde3ea; border-radius: 10px; }
QFrame#banner { background: #eaf2fd; border: 1px solid #bcd4f6; border-radius: 10px; }
QLabel#pageTitle { font-size: 22px; font-weight: 600; }
QLabel#pageSubtitle { color: #52606d; font-size: 13px; }
QLabel#cardTitle { font-size: 15px; font-weight: 600; }
QLabel#hint { color: #52606d; font-size: 11px; }
QLabel#bannerTitle { font-size: 17px; font-weight: 600; color: #123d7a; }
QLabel#bannerText { color: #1f3b61; font-size: 13px; }
QLabel#choiceText { color: #1d6b3a; font-weight: 600; }
QLabel#fieldError { color: #a3302a; font-size: 11px; }
QLabel#weightValue { font-weight: 600; min-width: 18px; }
QLabel#status { color: #52606d; }
QTableView { background: #ffffff; border: 1px solid #dde3ea; border-radius: 6px;
             gridline-color: #e6eaef; selection-background-color: #d6e6fb;
             selection-color: #1f2933; }
QHeaderView::section { background: #f0f3f7; color: #3e4c59; border: none;
                       border-bottom: 1px solid #dde3ea; padding: 6px 8px; font-weight: 600; }
QTextBrowser { background: #ffffff; border: 1px solid #dde3ea; border-radius: 6px; }
QLineEdit, QSpinBox, QComboBox, QDateEdit { background: #ffffff; border: 1px solid #c5ced8;
    border-radius: 5px; padding: 3px 6px; min-height: 20px; }
QLineEdit:focus, QSpinBox:focus, QComboBox:focus, QDateEdit:focus { border-color: #2563c9; }
QLineEdit:disabled, QDateEdit:disabled { background: #f0f3f7; color: #9aa5b1; }
QSlider::groove:horizontal { height: 4px; background: #dde3ea; border-radius: 2px; }
QSlider::sub-page:horizontal { background: #2563c9; border-radius: 2px; }
QSlider::handle:horizontal { background: #ffffff; border: 2px solid #2563c9; width: 12px;
    height: 12px; margin: -6px 0; border-radius: 8px; }
QCheckBox::indicator { width: 14px; height: 14px; border: 1px solid #8795a1;
    border-radius: 3px; background: #ffffff; }
QCheckBox::indicator:checked { background: #2563c9; border-color: #2563c9; }
QPushButton { padding: 6px 12px; border-radius: 6px; border: 1px solid #c5ced8;
              background: #ffffff; }
QPushButton:hover { background: #f0f4f9; }
QPushButton:disabled { color: #9aa5b1; }
QPushButton#primary { background: #2563c9; color: white; border: 1px solid #1f55ad; }
QPushButton#primary:disabled { background: #9dbbe9; border-color: #9dbbe9; }
"""


def _card(title: str, hint: str = "") -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 14, 16, 14)
    layout.setSpacing(8)
    heading = QLabel(title)
    heading.setObjectName("cardTitle")
    layout.addWidget(heading)
    if hint:
        note = QLabel(hint)
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout.addWidget(note)
    return frame, layout


def _combo(items: tuple[tuple[str | None, str], ...], name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    for value, text in items:
        combo.addItem(text, value)
    return combo


def _select(combo: QComboBox, value: str | None) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


class ChoosePage(QWidget):
    """Options side by side, weighed by sliders, ranked with reasons; add offers, mark a choice.

    Give it the choosing service and a path; it calls the service for everything and holds no
    data of its own. It emits ``changed`` after anything it saved, so a main window can refresh
    other pages.
    """

    situation_changed = Signal()
    weights_changed = Signal()
    offers_changed = Signal()
    choice_made = Signal(str)
    exported = Signal(str)
    changed = Signal()

    def __init__(
        self, choosing: ChoosingService, path_slug: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("choosePage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(PAGE_STYLE)
        self._choosing = choosing
        self._path = path_slug
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
        root.addLayout(self._build_main(), 1)

        self.ranking_model.compared_changed.connect(self._show_comparison)
        self.ranking_model.compare_refused.connect(self._say)
        self.ranking_view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.refresh()

    # --- building: the sidebar -------------------------------------------------------------

    def _build_sidebar(self) -> QWidget:
        column = QWidget()
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
        scroll.setFixedWidth(350)
        scroll.setStyleSheet("QScrollArea { background: transparent; }")
        column.setStyleSheet("background: transparent;")
        return scroll

    def _build_situation(self) -> QFrame:
        frame, layout = _card("Your situation", "What you have and want. Saved as you change it.")
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(4)
        self.field_errors: dict[str, QLabel] = {}

        self.hours_edit = QSpinBox()
        self.hours_edit.setObjectName("hours_per_week")
        self.hours_edit.setRange(0, 168)
        self.hours_edit.setSpecialValueText("not set")
        self.hours_edit.setSuffix(" h/week")
        self.hours_edit.setKeyboardTracking(False)
        self.hours_edit.valueChanged.connect(
            lambda value: self._save_situation(hours_per_week=value or None)
        )
        self._form_row(form, "Time", self.hours_edit, "hours_per_week")

        budget_row = QWidget()
        budget_layout = QHBoxLayout(budget_row)
        budget_layout.setContentsMargins(0, 0, 0, 0)
        budget_layout.setSpacing(6)
        self.budget_edit = QLineEdit()
        self.budget_edit.setObjectName("budget")
        self.budget_edit.setPlaceholderText("not set")
        self.budget_edit.editingFinished.connect(self._budget_finished)
        self.currency_combo = QComboBox()
        self.currency_combo.setObjectName("currency")
        self.currency_combo.setEditable(True)
        self.currency_combo.addItems(CURRENCIES)
        self.currency_combo.setFixedWidth(80)
        self.currency_combo.activated.connect(self._currency_finished)
        line = self.currency_combo.lineEdit()
        if line is not None:
            line.editingFinished.connect(self._currency_finished)
        budget_layout.addWidget(self.budget_edit, 1)
        budget_layout.addWidget(self.currency_combo)
        self._form_row(form, "Budget", budget_row, "budget", extra_error="currency")

        date_row = QWidget()
        date_layout = QHBoxLayout(date_row)
        date_layout.setContentsMargins(0, 0, 0, 0)
        self.target_check = QCheckBox("by")
        self.target_check.setObjectName("has_target_date")
        self.target_check.setToolTip("Set a target date")
        self.target_edit = QDateEdit()
        self.target_edit.setObjectName("target_date")
        self.target_edit.setCalendarPopup(True)
        self.target_edit.setDisplayFormat("d MMM yyyy")
        self.target_edit.setDate(QDate.currentDate().addMonths(6))
        self.target_edit.setEnabled(False)
        self.target_check.toggled.connect(self._target_toggled)
        self.target_edit.dateChanged.connect(lambda _d: self._target_finished())
        date_layout.addWidget(self.target_check)
        date_layout.addWidget(self.target_edit, 1)
        self._form_row(form, "Target date", date_row, "target_date")

        self.goal_combo = _combo(GOALS, "goal")
        self.goal_combo.currentIndexChanged.connect(
            lambda _i: self._save_situation(goal=self.goal_combo.currentData())
        )
        self._form_row(form, "Goal", self.goal_combo, "goal")
        self.guidance_combo = _combo(GUIDANCES, "guidance")
        self.guidance_combo.currentIndexChanged.connect(
            lambda _i: self._save_situation(guidance=self.guidance_combo.currentData())
        )
        self._form_row(form, "Guidance", self.guidance_combo, "guidance")
        self.format_combo = _combo(FORMATS, "preferred_format")
        self.format_combo.currentIndexChanged.connect(
            lambda _i: self._save_situation(preferred_format=self.format_combo.currentData())
        )
        self._form_row(form, "Format", self.format_combo, "preferred_format")
        layout.addLayout(form)

        self.readiness_label = QLabel()
        self.readiness_label.setObjectName("hint")
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
    ) -> None:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        for key in (name, extra_error):
            if key is None:
                continue
            error = QLabel()
            error.setObjectName("fieldError")
            error.setWordWrap(True)
            error.setVisible(False)
            self.field_errors[key] = error
            column.addWidget(error)
        form.addRow(label, holder)

    def _build_weights(self) -> QFrame:
        frame, layout = _card(
            "What matters to you", "0 = ignore, 10 = matters most. The ranking follows live."
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(7)
        self.weight_sliders: dict[Criterion, QSlider] = {}
        self._weight_values: dict[Criterion, QLabel] = {}
        for row, criterion in enumerate(Criterion):
            name = QLabel(criterion.label)
            name.setToolTip(CRITERION_HINTS[criterion])
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setObjectName(f"weight-{criterion.value}")
            slider.setRange(MIN_WEIGHT, MAX_WEIGHT)
            slider.setPageStep(1)
            slider.setToolTip(CRITERION_HINTS[criterion])
            slider.setAccessibleName(f"Weight of {criterion.label.lower()}")
            slider.valueChanged.connect(lambda value, c=criterion: self._weight_moved(c, value))
            value = QLabel()
            value.setObjectName("weightValue")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(name, row, 0)
            grid.addWidget(slider, row, 1)
            grid.addWidget(value, row, 2)
            self.weight_sliders[criterion] = slider
            self._weight_values[criterion] = value
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.reset_weights_button = QPushButton("Reset to equal weights")
        self.reset_weights_button.clicked.connect(self.reset_weights)
        layout.addWidget(self.reset_weights_button, 0, Qt.AlignmentFlag.AlignLeft)
        return frame

    # --- building: the main column ---------------------------------------------------------

    def _build_main(self) -> QVBoxLayout:
        layout = QVBoxLayout()
        layout.setSpacing(12)
        self.title_label = QLabel()
        self.title_label.setObjectName("pageTitle")
        subtitle = QLabel(
            "Choose based on your current skill level, available time and career goals: "
            "here they are weighed for you, and every score says why."
        )
        subtitle.setObjectName("pageSubtitle")
        subtitle.setWordWrap(True)
        layout.addWidget(self.title_label)
        layout.addWidget(subtitle)

        banner = QFrame()
        banner.setObjectName("banner")
        banner_layout = QVBoxLayout(banner)
        banner_layout.setContentsMargins(16, 12, 16, 12)
        banner_layout.setSpacing(4)
        self.best_label = QLabel()
        self.best_label.setObjectName("bannerTitle")
        self.summary_label = QLabel()
        self.summary_label.setObjectName("bannerText")
        self.summary_label.setWordWrap(True)
        self.choice_label = QLabel()
        self.choice_label.setObjectName("choiceText")
        banner_layout.addWidget(self.best_label)
        banner_layout.addWidget(self.summary_label)
        banner_layout.addWidget(self.choice_label)
        layout.addWidget(banner)

        middle = QHBoxLayout()
        middle.setSpacing(12)
        ranking_column = QVBoxLayout()
        ranking_column.setSpacing(6)
        heading = QLabel("Ranking for you")
        heading.setObjectName("cardTitle")
        ranking_column.addWidget(heading)
        self.ranking_view = QTableView()
        self.ranking_view.setObjectName("rankingView")
        self.ranking_view.setModel(self.ranking_model)
        self.ranking_view.setItemDelegateForColumn(RankingModel.SCORE, ScoreBarDelegate(self))
        self.ranking_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.ranking_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.ranking_view.setShowGrid(False)
        self.ranking_view.setWordWrap(False)
        self.ranking_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.ranking_view.setAlternatingRowColors(False)
        self.ranking_view.verticalHeader().setVisible(False)
        self.ranking_view.verticalHeader().setDefaultSectionSize(34)
        header = self.ranking_view.horizontalHeader()
        header.setSectionResizeMode(RankingModel.COMPARE, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(RankingModel.RANK, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(RankingModel.OPTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RankingModel.SCORE, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(RankingModel.LIMITS, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(RankingModel.COMPARE, 74)
        header.resizeSection(RankingModel.RANK, 34)
        header.resizeSection(RankingModel.SCORE, 128)
        header.setHighlightSections(False)
        self.ranking_view.setMinimumWidth(440)
        ranking_column.addWidget(self.ranking_view, 1)
        middle.addLayout(ranking_column, 3)

        explain_column = QVBoxLayout()
        explain_column.setSpacing(6)
        why = QLabel("Why")
        why.setObjectName("cardTitle")
        explain_column.addWidget(why)
        self.explanation = QTextBrowser()
        self.explanation.setObjectName("explanation")
        self.explanation.setOpenExternalLinks(True)
        self.explanation.setMinimumWidth(300)
        explain_column.addWidget(self.explanation, 1)
        middle.addLayout(explain_column, 2)
        layout.addLayout(middle, 5)
        layout.addLayout(self._build_buttons())

        compare_heading = QHBoxLayout()
        side = QLabel("Side by side")
        side.setObjectName("cardTitle")
        self.compare_hint = QLabel()
        self.compare_hint.setObjectName("hint")
        compare_heading.addWidget(side)
        compare_heading.addSpacing(8)
        compare_heading.addWidget(self.compare_hint, 1)
        layout.addLayout(compare_heading)
        self.comparison_view = QTableView()
        self.comparison_view.setObjectName("comparisonView")
        self.comparison_view.setModel(self.comparison_model)
        self.comparison_view.setWordWrap(True)
        self.comparison_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.comparison_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.comparison_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.comparison_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.comparison_view.verticalHeader().setMinimumSectionSize(40)
        self.comparison_view.verticalHeader().setMinimumWidth(150)
        self.comparison_view.setSizePolicy(
            QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding
        )
        layout.addWidget(self.comparison_view, 7)

        self.status_label = QLabel()
        self.status_label.setObjectName("status")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        return layout

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        self.add_button = QPushButton("Add offer…")
        self.edit_button = QPushButton("Edit…")
        self.duplicate_button = QPushButton("Duplicate")
        self.delete_button = QPushButton("Delete")
        self.choose_button = QPushButton("★ Mark as my choice")
        self.choose_button.setObjectName("primary")
        self.export_csv_button = QPushButton("Export CSV…")
        self.export_markdown_button = QPushButton("Export Markdown…")
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
        row.addWidget(self.export_csv_button)
        row.addWidget(self.export_markdown_button)
        row.addWidget(self.choose_button)
        return row

    # --- public API for the main window -----------------------------------------------------

    @property
    def path_slug(self) -> str:
        return self._path

    def set_path(self, path_slug: str) -> None:
        """Show another learning path."""
        self.save_weights()
        self._path = path_slug
        self._seeded_compare = False
        self.refresh()

    def refresh(self) -> None:
        """Read everything again (after a change elsewhere, such as a ticked prerequisite)."""
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
            text = "This path lists no required prerequisites."
        elif readiness.complete:
            text = (
                f"Skill level, from your checklist: all {readiness.required_total} required "
                "skills done."
            )
        else:
            text = (
                f"Skill level, from your checklist: {readiness.required_done} of "
                f"{readiness.required_total} required skills done. Still missing: "
                + ", ".join(readiness.missing)
                + "."
            )
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
        for name in changes:
            label = self.field_errors.get(name)
            if label is not None:
                label.setVisible(False)
        try:
            self._choosing.set_situation(**changes)
        except InvalidFieldsError as exc:
            for name, message in exc.problems.items():
                label = self.field_errors.get(name)
                if label is not None:
                    label.setText(message[:1].upper() + message[1:] + ".")
                    label.setVisible(True)
            self._say("Your situation was not saved: fix the field marked in red.", error=True)
            return
        except TrackerError as exc:
            self._say(str(exc), error=True)
            return
        self._say("Saved your situation.")
        self.refresh()
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

    def _weight_moved(self, criterion: Criterion, value: int) -> None:
        self._weight_values[criterion].setText(str(value))
        self._rerank(self.slider_weights())
        self._weight_timer.start()

    def save_weights(self) -> None:
        """Save the sliders' weights now (they are saved by themselves once a slider rests)."""
        self._weight_timer.stop()
        weights = self.slider_weights()
        if weights == self._choosing.weights():
            return
        try:
            self._choosing.set_weights({c.value: value for c, value in weights.items()})
        except TrackerError as exc:
            self._say(str(exc), error=True)
            return
        self.weights_changed.emit()
        self.changed.emit()

    def reset_weights(self) -> None:
        self._weight_timer.stop()
        try:
            self._choosing.reset_weights()
        except TrackerError as exc:
            self._say(str(exc), error=True)
            return
        self.refresh()
        self.weights_changed.emit()
        self.changed.emit()

    def hideEvent(self, event: QHideEvent) -> None:
        if self._weight_timer.isActive():
            self.save_weights()
        super().hideEvent(event)

    # --- ranking ---------------------------------------------------------------------------

    def _rerank(self, weights: dict[Criterion, int]) -> None:
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
        self.title_label.setText(title)
        self._show_banner(recommendation)
        self._show_comparison()
        self.select_option(current or (chosen or "") or self._first_slug())

    def _title(self) -> str:
        return f"Choose how to learn {self._choosing.path_title(self._path)}"

    def _first_slug(self) -> str:
        if self._recommendation and self._recommendation.ranking:
            return self._recommendation.ranking[0].option.slug
        return ""

    def _show_banner(self, recommendation: Recommendation) -> None:
        best = recommendation.best
        if best is None:
            self.best_label.setText("Nothing to compare yet")
        else:
            self.best_label.setText(f"Best fit for you: {best.option.title} · {best.score:.0f}/100")
        self.summary_label.setText(recommendation.summary)
        if self._choice is None:
            self.choice_label.setText("No choice recorded yet.")
            self.choice_label.setStyleSheet("color: #52606d; font-weight: normal;")
        else:
            title = self._choice.option_title or "an offer you have since deleted"
            when = self._choice.decided_at.strftime("%d %b %Y")
            self.choice_label.setText(f"★ My choice: {title} (recorded {when})")
            self.choice_label.setStyleSheet("")

    def _show_comparison(self) -> None:
        if self._recommendation is None:
            return
        compared = self.ranking_model.compared()
        self.comparison_model.set_columns(compared, dict(self._recommendation.weights))
        count = len(compared)
        if count < MIN_COMPARED:
            self.compare_hint.setText(
                f"Tick {MIN_COMPARED} to {MAX_COMPARED} options in the ranking to see them "
                "side by side."
            )
        else:
            self.compare_hint.setText(
                f"{count} options, criteria as rows. ×N is your weight; hover a cell for why."
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
        self.choose_button.setText("★ Your choice" if chosen else "★ Mark as my choice")

    def _show_explanation(self) -> None:
        slug = self.current_slug()
        entry = self._recommendation.find(slug) if self._recommendation and slug else None
        if entry is None:
            self.explanation.setMarkdown("*Select an option in the ranking to see why.*")
            return
        self.explanation.setMarkdown(explanation_markdown(entry))

    # --- offers ----------------------------------------------------------------------------

    def add_offer(self) -> None:
        """Open the offer form (not modal to the app, so a test or the user can fill it)."""
        self._open_offer_dialog("Add an offer", None, None)

    def edit_offer(self) -> None:
        slug = self.current_slug()
        if slug is None:
            return
        option = self._choosing.option(self._path, slug)
        if not option.own:
            self._say("Only your own offers can be edited: duplicate this one first.", error=True)
            return
        self._open_offer_dialog(f"Edit {option.title}", slug, offer_fields(option))

    def _open_offer_dialog(
        self, title: str, slug: str | None, initial: dict[str, Any] | None
    ) -> None:
        saved: list[str] = []

        def save(fields: dict[str, Any]) -> None:
            if slug is None:
                saved.append(self._choosing.add_offer(self._path, fields))
            else:
                self._choosing.update_offer(self._path, slug, fields)
                saved.append(slug)

        dialog = OfferDialog(save, initial, self, title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)

        def accepted() -> None:
            new_slug = saved[-1]
            self._offers_saved(new_slug, compare=slug is None)
            self._say(f"Saved {dialog.fields()['title']}.")

        dialog.accepted.connect(accepted)
        self.offer_dialog = dialog
        dialog.open()

    def _offers_saved(self, slug: str, compare: bool) -> None:
        self.refresh()
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
        try:
            copy = self._choosing.duplicate_offer(self._path, slug)
        except TrackerError as exc:
            self._say(str(exc), error=True)
            return
        self._offers_saved(copy, compare=False)
        self._say("Duplicated as your own offer: edit it to enter a real offer's details.")

    def delete_offer(self) -> None:
        slug = self.current_slug()
        if slug is None:
            return
        option = self._choosing.option(self._path, slug)
        if not option.own:
            self._say("Offers that come with the path cannot be deleted.", error=True)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Delete offer",
            f"Delete {option.title}? Its history stays in your log.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)

        def answered(button: int) -> None:
            if QMessageBox.StandardButton(button) != QMessageBox.StandardButton.Yes:
                return
            try:
                self._choosing.delete_offer(self._path, slug)
            except TrackerError as exc:
                self._say(str(exc), error=True)
                return
            self.refresh()
            self._say(f"Deleted {option.title}.")
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
        try:
            choice = self._choosing.choose(self._path, slug)
        except TrackerError as exc:
            self._say(str(exc), error=True)
            return
        self.refresh()
        self._say(f"Recorded your choice: {choice.option_title}, with today's ranking.")
        self.choice_made.emit(slug)
        self.changed.emit()

    def export(self, kind: str) -> None:
        """Ask where to save the comparison (.csv or .md), then write it there."""
        self.save_weights()
        suffix = ".csv" if kind == "csv" else ".md"
        name_filter = "CSV files (*.csv)" if kind == "csv" else "Markdown files (*.md)"
        dialog = QFileDialog(self, "Export the comparison")
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
        slugs = self.ranking_model.compared_slugs() or None
        try:
            written = self._choosing.export(self._path, Path(file_name), slugs)
        except TrackerError as exc:
            self._say(str(exc), error=True)
            return
        self._say(f"Exported to {written}.")
        self.exported.emit(str(written))

    # --- messages --------------------------------------------------------------------------

    def _say(self, text: str, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet("color: #a3302a;" if error else "")

    def status_text(self) -> str:
        return self.status_label.text()


def situation_values(situation: Situation) -> dict[str, Any]:
    """The situation as plain values (enum members as their strings) for the form."""
    return {
        name: value.value if isinstance(value, StrEnum) else value
        for name, value in vars(situation).items()
    }


def explanation_markdown(entry: RankedOption) -> str:
    """The reasons of one option, as the Why panel shows them."""
    option = entry.option
    lines = [f"### {entry.rank}. {option.title}: {entry.score:.0f}/100", ""]
    facts = [option.kind_label]
    if option.provider:
        facts.append(option.provider)
    if option.cost is not None:
        facts.append("free" if option.cost == 0 else format_money(option.cost, option.currency))
    lines.append(" · ".join(facts))
    lines.append("")
    if entry.violations:
        lines.append("**Breaks your limits**")
        lines.append("")
        lines.extend(f"- ⚠ {violation.message}" for violation in entry.violations)
        lines.append("")
    lines.append("**Reasons**")
    lines.append("")
    lines.extend(f"- {reason}" for reason in entry.reasons)
    if option.notes:
        lines += ["", f"*{option.notes.strip()}*"]
    if option.url:
        lines += ["", f"[{option.url}]({option.url})"]
    return "\n".join(lines)
