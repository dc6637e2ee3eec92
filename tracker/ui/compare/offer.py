"""The form to add or edit an offer to compare, with each validation message next to its field."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.enums import (
    Approach,
    PrerequisiteCoverage,
    ResourceFormat,
    Schedule,
    Support,
)
from tracker.errors import TrackerError
from tracker.services.choosing import InvalidFieldsError
from tracker.ui.shell.theme import LIGHT, current_colors
from tracker.ui.widgets.safe_text import PlainLabel

SaveOffer = Callable[[dict[str, Any]], None]
"""Saves the form's fields (raises InvalidFieldsError with per-field problems)."""

CHOICES: dict[str, tuple[tuple[str, str], ...]] = {
    "approach": (
        (Approach.BOOTCAMP.value, str(QT_TRANSLATE_NOOP("OfferDialog", "Bootcamp"))),
        (
            Approach.STRUCTURED_CLASS.value,
            str(QT_TRANSLATE_NOOP("OfferDialog", "Structured class")),
        ),
        (Approach.SELF_STUDY.value, str(QT_TRANSLATE_NOOP("OfferDialog", "Self-study course"))),
    ),
    "schedule": (
        (Schedule.FULL_TIME.value, str(QT_TRANSLATE_NOOP("OfferDialog", "Full-time"))),
        (Schedule.PART_TIME.value, str(QT_TRANSLATE_NOOP("OfferDialog", "Part-time"))),
        (Schedule.EVENINGS.value, str(QT_TRANSLATE_NOOP("OfferDialog", "Evenings"))),
        (Schedule.SEMESTER.value, str(QT_TRANSLATE_NOOP("OfferDialog", "Semester-based"))),
        (Schedule.FLEXIBLE.value, str(QT_TRANSLATE_NOOP("OfferDialog", "Flexible"))),
    ),
    "format": (
        (ResourceFormat.LIVE_ONLINE.value, str(QT_TRANSLATE_NOOP("OfferDialog", "Live online"))),
        (ResourceFormat.IN_PERSON.value, str(QT_TRANSLATE_NOOP("OfferDialog", "In person"))),
        (ResourceFormat.SELF_PACED.value, str(QT_TRANSLATE_NOOP("OfferDialog", "Self-paced"))),
    ),
    "support": (
        (Support.MENTOR_GUIDED.value, str(QT_TRANSLATE_NOOP("OfferDialog", "Mentor-guided"))),
        (Support.INSTRUCTOR_LED.value, str(QT_TRANSLATE_NOOP("OfferDialog", "Instructor-led"))),
        (Support.SELF_DIRECTED.value, str(QT_TRANSLATE_NOOP("OfferDialog", "Self-directed"))),
    ),
    "prerequisites": (
        (
            PrerequisiteCoverage.COVERED.value,
            str(QT_TRANSLATE_NOOP("OfferDialog", "Covered by the offer")),
        ),
        (
            PrerequisiteCoverage.OFTEN_INCLUDED.value,
            str(QT_TRANSLATE_NOOP("OfferDialog", "Partly included")),
        ),
        (
            PrerequisiteCoverage.ASSUMED.value,
            str(QT_TRANSLATE_NOOP("OfferDialog", "Assumed (must have)")),
        ),
    ),
}
TEXT_FIELDS = {
    "title": (
        str(QT_TRANSLATE_NOOP("OfferDialog", "Name")),
        str(QT_TRANSLATE_NOOP("OfferDialog", "e.g. the bootcamp's name")),
    ),
    "provider": (
        str(QT_TRANSLATE_NOOP("OfferDialog", "Provider")),
        str(QT_TRANSLATE_NOOP("OfferDialog", "who runs it")),
    ),
    "cost": (
        str(QT_TRANSLATE_NOOP("OfferDialog", "Cost")),
        str(QT_TRANSLATE_NOOP("OfferDialog", "empty if unknown")),
    ),
    "currency": (
        str(QT_TRANSLATE_NOOP("OfferDialog", "Currency")),
        str(QT_TRANSLATE_NOOP("OfferDialog", "USD")),
    ),
    "weeks_min": (
        str(QT_TRANSLATE_NOOP("OfferDialog", "Weeks (from)")),
        str(QT_TRANSLATE_NOOP("OfferDialog", "e.g. 12")),
    ),
    "weeks_max": (
        str(QT_TRANSLATE_NOOP("OfferDialog", "Weeks (to)")),
        str(QT_TRANSLATE_NOOP("OfferDialog", "e.g. 24")),
    ),
    "hours_per_week": (
        str(QT_TRANSLATE_NOOP("OfferDialog", "Hours per week")),
        str(QT_TRANSLATE_NOOP("OfferDialog", "e.g. 15")),
    ),
    "outcomes_figure": (
        str(QT_TRANSLATE_NOOP("OfferDialog", "Outcomes figure")),
        str(QT_TRANSLATE_NOOP("OfferDialog", "e.g. the published hiring rate")),
    ),
    "rating": (
        str(QT_TRANSLATE_NOOP("OfferDialog", "Rating (0-5)")),
        str(QT_TRANSLATE_NOOP("OfferDialog", "e.g. 4.5")),
    ),
    "url": (
        str(QT_TRANSLATE_NOOP("OfferDialog", "Link")),
        str(QT_TRANSLATE_NOOP("OfferDialog", "https://...")),
    ),
}
CHOICE_LABELS = {
    "approach": str(QT_TRANSLATE_NOOP("OfferDialog", "Kind")),
    "schedule": str(QT_TRANSLATE_NOOP("OfferDialog", "Schedule")),
    "format": str(QT_TRANSLATE_NOOP("OfferDialog", "Format")),
    "support": str(QT_TRANSLATE_NOOP("OfferDialog", "Support")),
    "prerequisites": str(QT_TRANSLATE_NOOP("OfferDialog", "Prerequisites")),
}
FLAGS = {
    "career_services": str(QT_TRANSLATE_NOOP("OfferDialog", "Career services")),
    "job_guarantee": str(QT_TRANSLATE_NOOP("OfferDialog", "Job guarantee")),
    "outcomes_audited": str(
        QT_TRANSLATE_NOOP("OfferDialog", "Outcomes audited (a published report)")
    ),
}
NUMBER_FIELDS = ("cost", "weeks_min", "weeks_max", "hours_per_week", "rating")


def _warning_colour() -> str:
    """The theme's colour for problems (readable on the light and the dark background)."""
    app = QApplication.instance()
    return (current_colors(app) if isinstance(app, QApplication) else LIGHT).warn


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return f"{value:g}"
    return str(value)


class OfferDialog(QDialog):
    """Add or edit an offer; stays open and points at the fields while anything is wrong."""

    def __init__(
        self,
        save: SaveOffer,
        initial: Mapping[str, Any] | None = None,
        parent: QWidget | None = None,
        title: str = "Add an offer",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("offerDialog")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(640)
        self._save = save
        self.edits: dict[str, QLineEdit] = {}
        self.combos: dict[str, QComboBox] = {}
        self.flags: dict[str, QCheckBox] = {}
        self.errors: dict[str, QLabel] = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        intro = PlainLabel(
            self.tr(
                "Enter what the provider publishes. Leave a field empty when you don't know "
                "it: it is then shown as unknown, never guessed."
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("dialogIntro")
        layout.addWidget(intro)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        layout.addLayout(grid)
        cells = [
            "title",
            "approach",
            "provider",
            "url",
            "cost",
            "currency",
            "weeks_min",
            "weeks_max",
            "hours_per_week",
            "schedule",
            "format",
            "support",
            "prerequisites",
            "rating",
        ]
        for position, name in enumerate(cells):
            row, column = divmod(position, 2)
            grid.addWidget(self._field(name), row, column)
        flags_row = QWidget()
        flags_layout = QVBoxLayout(flags_row)
        flags_layout.setContentsMargins(0, 6, 0, 0)
        for name, text in FLAGS.items():
            box = QCheckBox(self.tr(text))
            box.setObjectName(name)
            self.flags[name] = box
            flags_layout.addWidget(box)
        grid.addWidget(flags_row, len(cells) // 2, 0)
        figure = self._field("outcomes_figure")
        grid.addWidget(figure, len(cells) // 2, 1, Qt.AlignmentFlag.AlignTop)

        notes_label = PlainLabel(self.tr("Notes"))
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setPlaceholderText(
            self.tr("What you found out: reviews, a call with admissions…")
        )
        self.notes.setFixedHeight(70)
        layout.addWidget(notes_label)
        layout.addWidget(self.notes)
        self.errors["notes"] = self._error_label()
        layout.addWidget(self.errors["notes"])

        self.message = PlainLabel()
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {_warning_colour()};")
        layout.addWidget(self.message)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.set_fields(initial or {"currency": "USD"})

    # --- building --------------------------------------------------------------------------

    @staticmethod
    def _error_label() -> QLabel:
        label = PlainLabel()
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {_warning_colour()}; font-size: 11px;")
        label.setVisible(False)
        return label

    def _field(self, name: str) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 4, 0, 4)
        column.setSpacing(3)
        if name in CHOICES:
            caption = PlainLabel(self.tr(CHOICE_LABELS[name]))
            column.addWidget(caption)
            combo = QComboBox()
            combo.setObjectName(name)
            combo.setAccessibleName(caption.text())
            caption.setBuddy(combo)
            for value, text in CHOICES[name]:
                combo.addItem(self.tr(text), value)
            self.combos[name] = combo
            column.addWidget(combo)
        else:
            label, placeholder = TEXT_FIELDS[name]
            caption = PlainLabel(self.tr(label))
            column.addWidget(caption)
            edit = QLineEdit()
            edit.setObjectName(name)
            edit.setAccessibleName(caption.text())
            caption.setBuddy(edit)
            edit.setPlaceholderText(self.tr(placeholder))
            edit.textEdited.connect(lambda _text, field=name: self._clear_error(field))
            self.edits[name] = edit
            column.addWidget(edit)
        error = self._error_label()
        self.errors[name] = error
        column.addWidget(error)
        return box

    # --- values ----------------------------------------------------------------------------

    def set_fields(self, fields: Mapping[str, Any]) -> None:
        for name, edit in self.edits.items():
            value = fields.get(name)
            edit.setText(_as_text(value))
        for name, combo in self.combos.items():
            value = fields.get(name)
            if value is not None:
                index = combo.findData(str(value))
                if index >= 0:
                    combo.setCurrentIndex(index)
        for name, box in self.flags.items():
            box.setChecked(bool(fields.get(name)))
        self.notes.setPlainText(str(fields.get("notes") or ""))

    def fields(self) -> dict[str, Any]:
        """What the form says, as ``ChoosingService.add_offer`` takes it (empty means unknown)."""
        values: dict[str, Any] = {}
        for name, edit in self.edits.items():
            text = edit.text().strip()
            if name in NUMBER_FIELDS:
                values[name] = text.replace(",", "") if text else None
            else:
                values[name] = text
        for name, combo in self.combos.items():
            values[name] = combo.currentData()
        for name, box in self.flags.items():
            values[name] = box.isChecked()
        values["notes"] = self.notes.toPlainText()
        if not values.get("currency"):
            values["currency"] = "USD"
        return values

    # --- saving ----------------------------------------------------------------------------

    def _clear_error(self, name: str) -> None:
        label = self.errors.get(name)
        if label is not None:
            label.clear()
            label.setVisible(False)

    def show_problems(self, problems: Mapping[str, str]) -> None:
        for name in self.errors:
            self._clear_error(name)
        unplaced = []
        for name, message in problems.items():
            label = self.errors.get(name)
            if label is None:
                unplaced.append(message)
                continue
            label.setText(message[:1].upper() + message[1:] + ".")
            label.setVisible(True)
        first = next((name for name in problems if name in self.edits), None)
        if first is not None:
            self.edits[first].setFocus()
        count = len(problems)
        text = (
            self.tr("Not saved: 1 field needs fixing.")
            if count == 1
            else (self.tr("Not saved: %d fields need fixing.") % count)
        )
        self.message.setText(text + (" " + " ".join(unplaced) if unplaced else ""))

    def _submit(self) -> None:
        try:
            self._save(self.fields())
        except InvalidFieldsError as exc:
            self.show_problems(exc.problems)
            return
        except TrackerError as exc:
            self.message.setText(str(exc))
            return
        self.accept()
