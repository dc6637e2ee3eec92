"""The Compare page's "What matters to you" card: one 0-10 slider per criterion."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from tracker.domain.choosing import DEFAULT_WEIGHTS, MAX_WEIGHT, MIN_WEIGHT, Criterion
from tracker.ui.compare.parts import card
from tracker.ui.models.compare import criterion_label
from tracker.ui.shell.context import AppContext
from tracker.ui.widgets.safe_text import PlainLabel

SAVE_DELAY_MS = 400
"""Weights re-rank live while a slider moves; a drag is saved when the slider is released,
keys and the wheel once the slider rests this long (one undo step each)."""

CRITERION_HINTS = {
    Criterion.TIMELINE: str(QT_TRANSLATE_NOOP("WeightSliders", "Finishing by your target date")),
    Criterion.PREREQUISITES: str(
        QT_TRANSLATE_NOOP("WeightSliders", "Teaching what you haven't ticked yet")
    ),
    Criterion.CAREER_FOCUS: str(QT_TRANSLATE_NOOP("WeightSliders", "Preparing you for your goal")),
    Criterion.SUPPORT: str(QT_TRANSLATE_NOOP("WeightSliders", "The guidance you want")),
    Criterion.COST: str(QT_TRANSLATE_NOOP("WeightSliders", "Staying within budget")),
    Criterion.TIME_PER_WEEK: str(QT_TRANSLATE_NOOP("WeightSliders", "Fitting the hours you have")),
    Criterion.FLEXIBILITY: str(
        QT_TRANSLATE_NOOP("WeightSliders", "Schedule and format you can follow")
    ),
    Criterion.OUTCOMES: str(QT_TRANSLATE_NOOP("WeightSliders", "Published, audited results")),
}


class WeightSliders(QWidget):
    """How much each criterion matters; the ranking follows live, a drag is one undo step."""

    moved = Signal()
    """A slider moved (not saved yet): re-rank with ``values()``."""
    saved = Signal()
    message = Signal(str, bool)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stored: dict[Criterion, int] = dict(DEFAULT_WEIGHTS)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        frame, layout = card(
            self.tr("What matters to you"),
            self.tr("0 = ignore, 10 = matters most. The ranking follows as you move a slider."),
        )
        outer.addWidget(frame)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(7)
        self.sliders: dict[Criterion, QSlider] = {}
        self._values: dict[Criterion, QLabel] = {}
        for row, criterion in enumerate(Criterion):
            label = criterion_label(criterion)
            hint = self.tr(CRITERION_HINTS[criterion])
            name = PlainLabel(label)
            name.setToolTip(hint)
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setObjectName(f"weight-{criterion.value}")
            slider.setRange(MIN_WEIGHT, MAX_WEIGHT)
            slider.setPageStep(1)
            slider.setToolTip(hint)
            slider.setAccessibleName(self.tr("Weight of %s") % label.lower())
            slider.valueChanged.connect(lambda value, c=criterion: self._moved(c, value))
            slider.sliderReleased.connect(self.save)
            value = PlainLabel()
            value.setObjectName("WeightValue")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            name.setBuddy(slider)
            grid.addWidget(name, row, 0)
            grid.addWidget(slider, row, 1)
            grid.addWidget(value, row, 2)
            self.sliders[criterion] = slider
            self._values[criterion] = value
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.reset_button = QPushButton(self.tr("Reset to equal weights"))
        self.reset_button.clicked.connect(self.reset)
        layout.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignLeft)
        context.flush_requested.connect(self.flush)

    def show_weights(self, weights: dict[Criterion, int]) -> None:
        self._stored = dict(weights)
        for criterion, slider in self.sliders.items():
            with QSignalBlocker(slider):
                slider.setValue(weights[criterion])
            self._values[criterion].setText(str(weights[criterion]))

    def values(self) -> dict[Criterion, int]:
        return {criterion: slider.value() for criterion, slider in self.sliders.items()}

    def busy(self) -> bool:
        """A slider is moving, or its new value waits to be saved."""
        return self._timer.isActive() or any(s.isSliderDown() for s in self.sliders.values())

    def _moved(self, criterion: Criterion, value: int) -> None:
        self._values[criterion].setText(str(value))
        self.moved.emit()
        if self.sliders[criterion].isSliderDown():
            self._timer.stop()  # a drag is saved when the slider is released
        else:
            self._timer.start()  # keys and the wheel: saved once the slider rests

    def flush(self) -> None:
        """Before undo, redo, a path switch, a choice or closing: save a weight still pending."""
        if self._timer.isActive():
            self.save()

    def save(self) -> None:
        """Save the sliders' weights now, as one undo step (nothing if they are unchanged)."""
        self._timer.stop()
        if not self.context.is_open:
            return
        weights = self.values()
        if weights == self._stored:
            return
        choosing = self.context.services.choosing
        values = {criterion.value: value for criterion, value in weights.items()}
        if self.context.run(lambda: choosing.set_weights(values)) is not None:
            self.saved.emit()

    def reset(self) -> None:
        """Every slider back to the default weight, saved as one undo step."""
        self._timer.stop()
        for criterion, slider in self.sliders.items():
            with QSignalBlocker(slider):
                slider.setValue(DEFAULT_WEIGHTS[criterion])
            self._values[criterion].setText(str(DEFAULT_WEIGHTS[criterion]))
        self.moved.emit()
        if self.values() != self._stored and self.context.is_open:
            choosing = self.context.services.choosing
            if self.context.run(choosing.reset_weights) is not None:
                self.saved.emit()

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)
