"""The Compare page's "Your situation" card: time, budget, target date, goal, guidance, format."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.choosing import Readiness, Situation
from tracker.domain.enums import Goal, Guidance, ResourceFormat
from tracker.errors import TrackerError
from tracker.services.choosing import InvalidFieldsError, validate_situation
from tracker.ui.compare.parts import card, select
from tracker.ui.shell.context import AppContext
from tracker.ui.widgets.safe_text import PlainLabel

GOALS = (
    (None, str(QT_TRANSLATE_NOOP("SituationForm", "Not set"))),
    (Goal.CAREER_CHANGE.value, str(QT_TRANSLATE_NOOP("SituationForm", "Career change"))),
    (Goal.UPSKILL.value, str(QT_TRANSLATE_NOOP("SituationForm", "Upskill at work"))),
    (Goal.PROJECT.value, str(QT_TRANSLATE_NOOP("SituationForm", "A personal project"))),
)
GUIDANCES = (
    (None, str(QT_TRANSLATE_NOOP("SituationForm", "Not set"))),
    (Guidance.LITTLE.value, str(QT_TRANSLATE_NOOP("SituationForm", "Little: I learn on my own"))),
    (Guidance.SOME.value, str(QT_TRANSLATE_NOOP("SituationForm", "Some: a teacher to ask"))),
    (Guidance.LOTS.value, str(QT_TRANSLATE_NOOP("SituationForm", "Lots: mentors and structure"))),
)
FORMATS = (
    (None, str(QT_TRANSLATE_NOOP("SituationForm", "No preference"))),
    (ResourceFormat.SELF_PACED.value, str(QT_TRANSLATE_NOOP("SituationForm", "Self-paced"))),
    (ResourceFormat.LIVE_ONLINE.value, str(QT_TRANSLATE_NOOP("SituationForm", "Live online"))),
    (ResourceFormat.IN_PERSON.value, str(QT_TRANSLATE_NOOP("SituationForm", "In person"))),
)
CURRENCIES = ("USD", "EUR", "GBP", "CAD", "AUD", "INR", "CHF")


def situation_values(situation: Situation) -> dict[str, Any]:
    """The situation as plain values (enum members as their strings) for the form."""
    return {
        name: value.value if isinstance(value, StrEnum) else value
        for name, value in vars(situation).items()
    }


class SituationForm(QWidget):
    """What the learner has and wants; each field is saved as it changes (one undo step).

    A field that does not check out is pointed at next to it and nothing is saved.
    """

    saved = Signal()
    message = Signal(str, bool)
    """A line for the page's status (the text, and whether it reports a problem)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._shown: dict[str, Any] = {}
        self.field_errors: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        frame, layout = card(
            self.tr("Your situation"), self.tr("What you have and want. Saved as you change it.")
        )
        outer.addWidget(frame)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(4)

        self.hours_edit = QSpinBox()
        self.hours_edit.setObjectName("hours_per_week")
        self.hours_edit.setAccessibleName(self.tr("Hours per week you have"))
        self.hours_edit.setRange(0, 168)
        self.hours_edit.setSpecialValueText(self.tr("not set"))
        self.hours_edit.setSuffix(self.tr(" h/week"))
        self.hours_edit.setKeyboardTracking(False)
        self.hours_edit.setToolTip(self.tr("Type the hours, or use the arrow keys"))
        self.hours_edit.valueChanged.connect(lambda value: self.save(hours_per_week=value or None))
        self._row(form, self.tr("T&ime"), self.hours_edit, "hours_per_week")

        budget_row = QWidget()
        budget_layout = QHBoxLayout(budget_row)
        budget_layout.setContentsMargins(0, 0, 0, 0)
        budget_layout.setSpacing(6)
        self.budget_edit = QLineEdit()
        self.budget_edit.setObjectName("budget")
        self.budget_edit.setAccessibleName(self.tr("Budget"))
        self.budget_edit.setPlaceholderText(self.tr("not set"))
        self.budget_edit.editingFinished.connect(self._budget_finished)
        self.currency_combo = QComboBox()
        self.currency_combo.setObjectName("currency")
        self.currency_combo.setAccessibleName(self.tr("Currency"))
        self.currency_combo.setEditable(True)
        self.currency_combo.addItems(CURRENCIES)
        self.currency_combo.setFixedWidth(86)
        self.currency_combo.activated.connect(self._currency_finished)
        line = self.currency_combo.lineEdit()
        if line is not None:
            line.setAccessibleName(self.tr("Currency"))
            line.editingFinished.connect(self._currency_finished)
        budget_layout.addWidget(self.budget_edit, 1)
        budget_layout.addWidget(self.currency_combo)
        self._row(
            form,
            self.tr("&Budget"),
            budget_row,
            "budget",
            extra_error="currency",
            buddy=self.budget_edit,
        )

        date_row = QWidget()
        date_layout = QHBoxLayout(date_row)
        date_layout.setContentsMargins(0, 0, 0, 0)
        self.target_check = QCheckBox(self.tr("by"))
        self.target_check.setObjectName("has_target_date")
        self.target_check.setAccessibleName(self.tr("Have a target date"))
        self.target_check.setToolTip(self.tr("Set a target date"))
        self.target_edit = QDateEdit()
        self.target_edit.setObjectName("target_date")
        self.target_edit.setAccessibleName(self.tr("Target date"))
        self.target_edit.setCalendarPopup(True)
        self.target_edit.setDisplayFormat("d MMM yyyy")
        self.target_edit.setDate(QDate.currentDate().addMonths(6))
        self.target_edit.setEnabled(False)
        self.target_check.toggled.connect(self._target_toggled)
        self.target_edit.dateChanged.connect(lambda _d: self._target_finished())
        date_layout.addWidget(self.target_check)
        date_layout.addWidget(self.target_edit, 1)
        self._row(form, self.tr("Target &date"), date_row, "target_date", buddy=self.target_check)

        self.goal_combo = self._combo(GOALS, "goal", self.tr("Goal"))
        self.goal_combo.currentIndexChanged.connect(
            lambda _i: self.save(goal=self.goal_combo.currentData())
        )
        self._row(form, self.tr("&Goal"), self.goal_combo, "goal")
        self.guidance_combo = self._combo(GUIDANCES, "guidance", self.tr("Guidance you want"))
        self.guidance_combo.currentIndexChanged.connect(
            lambda _i: self.save(guidance=self.guidance_combo.currentData())
        )
        self._row(form, self.tr("G&uidance"), self.guidance_combo, "guidance")
        self.format_combo = self._combo(FORMATS, "preferred_format", self.tr("Preferred format"))
        self.format_combo.currentIndexChanged.connect(
            lambda _i: self.save(preferred_format=self.format_combo.currentData())
        )
        self._row(form, self.tr("Fo&rmat"), self.format_combo, "preferred_format")
        layout.addLayout(form)

        self.readiness_label = PlainLabel()
        self.readiness_label.setObjectName("Hint")
        self.readiness_label.setWordWrap(True)
        layout.addWidget(self.readiness_label)
        for spin_box, name in (
            (self.hours_edit, self.tr("Hours per week you have")),
            (self.target_edit, self.tr("Target date")),
        ):
            inner = spin_box.findChild(QLineEdit)
            if inner is not None:  # the editor inside a spin box is what takes the focus
                inner.setAccessibleName(name)

    # --- building --------------------------------------------------------------------------

    def _combo(self, items: tuple[tuple[str | None, str], ...], name: str, label: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(label)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        for value, text in items:
            combo.addItem(self.tr(text), value)
        return combo

    def _row(
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

    # --- showing ---------------------------------------------------------------------------

    def show_situation(self, situation: Situation, readiness: Readiness) -> None:
        """Show what is saved (typing in progress in a field marked wrong is kept)."""
        values = situation_values(situation)
        self._shown = values
        widgets = (
            self.hours_edit,
            self.budget_edit,
            self.currency_combo,
            self.target_check,
            self.target_edit,
            self.goal_combo,
            self.guidance_combo,
            self.format_combo,
        )
        blockers = [QSignalBlocker(widget) for widget in widgets]
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
        select(self.goal_combo, values.get("goal"))
        select(self.guidance_combo, values.get("guidance"))
        select(self.format_combo, values.get("preferred_format"))
        del blockers
        self.readiness_label.setText(self._readiness_text(readiness))

    def _readiness_text(self, readiness: Readiness) -> str:
        if readiness.required_total == 0:
            return self.tr("This path lists no required prerequisites.")
        if readiness.complete:
            return self.tr("Skill level, from your checklist: all %d required skills done.") % (
                readiness.required_total
            )
        return self.tr(
            "Skill level, from your checklist: %d of %d required skills done. Still missing: %s."
        ) % (readiness.required_done, readiness.required_total, ", ".join(readiness.missing))

    # --- saving ----------------------------------------------------------------------------

    def _budget_finished(self) -> None:
        text = self.budget_edit.text().strip().replace(",", "")
        self.save(budget=text or None)

    def _currency_finished(self) -> None:
        self.save(currency=self.currency_combo.currentText())

    def _target_toggled(self, on: bool) -> None:
        self.target_edit.setEnabled(on)
        self._target_finished()

    def _target_finished(self) -> None:
        if not self.target_check.isChecked():
            self.save(target_date=None)
            return
        picked = self.target_edit.date()
        self.save(target_date=date(picked.year(), picked.month(), picked.day()))

    def save(self, **changes: Any) -> None:
        """Check the fields here (problems show next to them), then save as one undo step."""
        for name in changes:
            label = self.field_errors.get(name)
            if label is not None:
                label.setVisible(False)
        try:
            cleaned = validate_situation(changes)
        except InvalidFieldsError as exc:
            for name, message in exc.problems.items():
                label = self.field_errors.get(name)
                if label is not None:
                    label.setText(message[:1].upper() + message[1:] + ".")
                    label.setVisible(True)
            self.message.emit(
                self.tr("Your situation was not saved: fix the field marked in red."), True
            )
            return
        except TrackerError as exc:
            self.message.emit(str(exc), True)
            return
        changed = {name: value for name, value in cleaned.items() if self._shown.get(name) != value}
        if not changed:
            return
        choosing = self.context.services.choosing
        if self.context.run(lambda: choosing.set_situation(**changed)) is not None:
            self.message.emit(self.tr("Saved your situation."), False)
            self.saved.emit()
