"""The study timer: start and stop on a prerequisite or resource; the service keeps it running."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.study import StudyItem, TimerView
from tracker.formatting import clock as clock_text
from tracker.formatting import minutes as minutes_text
from tracker.ui.dashboard.timer_control import TimerControl
from tracker.ui.shell.context import AppContext
from tracker.ui.widgets.safe_text import PlainLabel, isolate


class StudyTimerWidget(QWidget):
    """Start/stop a study timer on the chosen item and show the time elapsed.

    The running timer lives in the database, so closing the app or the widget does not stop
    it. The widget reads nothing: ``show_state`` shows what the dashboard's snapshot read, and
    its buttons go through the window's ``TimerControl`` (operations, undoable).
    """

    timer_started = Signal()
    session_logged = Signal(int)  # minutes logged (0 when the timer ran under half a minute)
    timer_discarded = Signal()

    NO_ITEM = ""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._path_slug = ""
        self._running: TimerView | None = None
        self._items: tuple[StudyItem, ...] | None = None
        self.setObjectName("StudyTimer")
        self.setAccessibleName(self.tr("Study timer"))

        self.item_combo = QComboBox()
        self.item_combo.setAccessibleName(self.tr("What you are studying"))
        self.item_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.item_combo.setMinimumContentsLength(24)
        self.item_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        self.elapsed_label = PlainLabel(clock_text(0))
        self.elapsed_label.setObjectName("TimerElapsed")
        font = QFont(self.elapsed_label.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setFamilies(["Menlo", "Consolas", "DejaVu Sans Mono", "monospace"])
        self.elapsed_label.setFont(font)
        self.elapsed_label.setAccessibleName(self.tr("Time elapsed"))

        self.status_label = PlainLabel()
        self.status_label.setObjectName("Muted")
        self.status_label.setWordWrap(True)

        self.start_stop_button = QPushButton()
        self.start_stop_button.setObjectName("PrimaryButton")
        self.start_stop_button.setMinimumWidth(110)
        self.start_stop_button.clicked.connect(self._start_or_stop)
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.setToolTip(self.tr("Throw this timer away without logging anything"))
        self.discard_button.clicked.connect(self.discard)

        top = QHBoxLayout()
        top.addWidget(self.item_combo, 1)
        top.addWidget(self.start_stop_button)
        top.addWidget(self.discard_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.elapsed_label, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status_label)
        layout.addStretch(1)

        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_elapsed)
        self._show_items(())
        self._refresh()

    # --- public -----------------------------------------------------------------------------

    @property
    def control(self) -> TimerControl:
        return TimerControl.of(self.context)

    @property
    def path_slug(self) -> str:
        return self._path_slug

    @property
    def is_running(self) -> bool:
        return self._running is not None

    def select_item(self, kind: str | None, slug: str | None) -> bool:
        """Choose what the next timer is for (e.g. the item selected on a page)."""
        key = f"{kind}:{slug}" if kind and slug else self.NO_ITEM
        index = self.item_combo.findData(key)
        if index < 0:
            return False
        self.item_combo.setCurrentIndex(index)
        return True

    def show_state(
        self, path_slug: str, running: TimerView | None, items: Sequence[StudyItem]
    ) -> None:
        """Show the running timer and what a new one can run on (read by the dashboard)."""
        self._path_slug = path_slug
        if tuple(items) != self._items:
            self._show_items(items)
        changed = running != self._running
        self._running = running
        if running is not None:
            self.select_item(running.item_kind, running.item_slug)
            self._tick.start()
        else:
            self._tick.stop()
        if changed:
            self._refresh()

    def start(self) -> bool:
        kind, slug = self._selected()
        if not self.control.start(kind, slug):
            return False
        self.timer_started.emit()
        return True

    def stop(self, minutes: int | None = None) -> int | None:
        """Stop and log; a timer left on too long asks how long the study really was."""
        logged = self.control.stop(self, minutes)
        if logged is None:
            return None
        if logged:
            self.status_label.setText(self.tr("Logged %s.") % minutes_text(logged))
        else:
            self.status_label.setText(self.tr("Under half a minute: nothing was logged."))
        self.session_logged.emit(logged)
        return logged

    def discard(self) -> None:
        if self.control.discard():
            self.status_label.setText(self.tr("Timer discarded; nothing was logged."))
            self.timer_discarded.emit()

    # --- inside -----------------------------------------------------------------------------

    def _show_items(self, items: Sequence[StudyItem]) -> None:
        # resources planned or in progress only: a combo cannot offer a 100k catalog (the
        # Catalog page's timer button times any resource)
        self._items = tuple(items)
        selected = self.item_combo.currentData()
        self.item_combo.clear()
        self.item_combo.addItem(self.tr("The path as a whole"), self.NO_ITEM)
        kinds = {"prerequisite": self.tr("Prerequisites"), "resource": self.tr("Resources")}
        current_kind = None
        for item in items:
            if item.kind != current_kind:
                self.item_combo.insertSeparator(self.item_combo.count())
                current_kind = item.kind
                self.item_combo.addItem(kinds.get(item.kind, item.kind))
                header = self.item_combo.model().index(self.item_combo.count() - 1, 0)
                self.item_combo.model().setData(header, 0, Qt.ItemDataRole.UserRole - 1)
            self.item_combo.addItem(item.title, f"{item.kind}:{item.slug}")
        self.item_combo.setCurrentIndex(max(0, self.item_combo.findData(selected)))

    def _selected(self) -> tuple[str | None, str | None]:
        key = self.item_combo.currentData()
        if not isinstance(key, str) or not key:
            return None, None
        kind, _, slug = key.partition(":")
        return kind, slug

    def _start_or_stop(self) -> None:
        if self._running is None:
            self.start()
        else:
            self.stop()

    def _update_elapsed(self) -> None:
        if self._running is not None:
            elapsed = self._running.elapsed_seconds(self.control.now())
            self.elapsed_label.setText(clock_text(elapsed))

    def _refresh(self) -> None:
        running = self._running
        self.item_combo.setEnabled(running is None)
        self.discard_button.setVisible(running is not None)
        if running is None:
            self.start_stop_button.setText(self.tr("Start"))
            self.start_stop_button.setAccessibleName(self.tr("Start the study timer"))
            self.elapsed_label.setText(clock_text(0))
            self.status_label.setText(self.tr("Pick what you study and press Start."))
            return
        self.start_stop_button.setText(self.tr("Stop && log"))
        self.start_stop_button.setAccessibleName(self.tr("Stop the timer and log the time"))
        local = running.started_at.replace(tzinfo=UTC).astimezone()
        on = isolate(running.item_title) if running.item_title else self.tr("the path as a whole")
        since = local.strftime("%H:%M")
        if local.date() != datetime.now().astimezone().date():
            since = local.strftime("%d %b, %H:%M")
        self.status_label.setText(self.tr("Running on %s since %s.") % (on, since))
        self._update_elapsed()
