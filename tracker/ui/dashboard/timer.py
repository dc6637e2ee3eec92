"""The study timer: start and stop on a prerequisite or resource; the service keeps it running."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tracker.clock import utcnow
from tracker.domain.study import MAX_MINUTES_PER_ENTRY, TimerView
from tracker.errors import TimerTooLongError, TrackerError
from tracker.ui.widgets.safe_text import PlainLabel, isolate

if TYPE_CHECKING:  # services load SQLAlchemy; the widget only calls the object it is given
    from tracker.services.studylog import StudyLogService

Clock = Callable[[], datetime]


def tr(text: str) -> str:
    return QCoreApplication.translate("StudyTimerWidget", text)


def format_elapsed(seconds: int) -> str:
    """01:05:09 for an hour, five minutes and nine seconds."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def ask_minutes(parent: QWidget | None, elapsed_seconds: int, limit_hours: int) -> int | None:
    """Ask how long a timer left running really was; None if the learner cancels."""
    hours = elapsed_seconds / 3600
    limit = min(MAX_MINUTES_PER_ENTRY, (elapsed_seconds + 59) // 60)
    minutes, ok = QInputDialog.getInt(
        parent,
        tr("Timer left running?"),
        tr(
            "The timer ran for %.1f hours, more than %d. "
            "How many minutes did you really study? (0 logs nothing)"
        )
        % (hours, limit_hours),
        60,
        0,
        limit,
    )
    return minutes if ok else None


class StudyTimerWidget(QWidget):
    """Start/stop a study timer on the chosen item and show the time elapsed.

    The running timer lives in the database (``StudyLogService``), so closing the app or the
    widget does not stop it; a new widget shows it still running. ``clock`` returns naive UTC
    now (tests pass their own).
    """

    timer_started = Signal()
    session_logged = Signal(int)  # minutes logged (0 when the timer ran under half a minute)
    timer_discarded = Signal()

    NO_ITEM = ""

    def __init__(
        self,
        studylog: StudyLogService,
        path_slug: str,
        parent: QWidget | None = None,
        *,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(parent)
        self._studylog = studylog
        self._path_slug = path_slug
        self._clock: Clock = clock or utcnow
        self._running: TimerView | None = None
        self.setObjectName("StudyTimer")
        self.setAccessibleName(tr("Study timer"))

        self.item_combo = QComboBox()
        self.item_combo.setAccessibleName(tr("What you are studying"))
        self.item_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.item_combo.setMinimumContentsLength(24)
        self.item_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        self.elapsed_label = PlainLabel(format_elapsed(0))
        self.elapsed_label.setObjectName("TimerElapsed")
        font = QFont(self.elapsed_label.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setFamilies(["Menlo", "Consolas", "DejaVu Sans Mono", "monospace"])
        self.elapsed_label.setFont(font)
        self.elapsed_label.setAccessibleName(tr("Time elapsed"))

        self.status_label = PlainLabel()
        self.status_label.setObjectName("Muted")
        self.status_label.setWordWrap(True)

        self.start_stop_button = QPushButton()
        self.start_stop_button.setObjectName("PrimaryButton")
        self.start_stop_button.setMinimumWidth(110)
        self.start_stop_button.clicked.connect(self._start_or_stop)
        self.discard_button = QPushButton(tr("Discard"))
        self.discard_button.setToolTip(tr("Throw this timer away without logging anything"))
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

        self._fill_items()
        self.reload()

    # --- public -----------------------------------------------------------------------------

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

    def set_path(self, path_slug: str) -> None:
        """Offer another path's items for the next timer (a running timer keeps its own)."""
        self._path_slug = path_slug
        self._fill_items()
        self.reload()

    def reload(self) -> None:
        """Read the running timer from the service (after a restart or a change elsewhere)."""
        try:
            self._running = self._studylog.running_timer()
        except TrackerError as exc:
            self._show_error(str(exc))
            return
        if self._running is not None:
            self.select_item(self._running.item_kind, self._running.item_slug)
            self._tick.start()
        else:
            self._tick.stop()
        self._refresh()

    def start(self) -> bool:
        kind, slug = self._selected()
        try:
            self._running = self._studylog.start_timer(
                self._path_slug, kind, slug, now=self._clock()
            )
        except TrackerError as exc:
            self._show_error(str(exc))
            return False
        self._tick.start()
        self._refresh()
        self.timer_started.emit()
        return True

    def stop(self, minutes: int | None = None) -> int | None:
        """Stop and log; a timer left on too long asks how long the study really was."""
        try:
            stopped = self._studylog.stop_timer(now=self._clock(), minutes=minutes)
        except TimerTooLongError as exc:
            asked = self._ask_minutes(exc.elapsed_seconds, exc.limit_hours)
            if asked is None:
                return None
            return self.stop(asked)
        except TrackerError as exc:
            self._show_error(str(exc))
            return None
        self._running = None
        self._tick.stop()
        self._refresh()
        if stopped.minutes:
            self.status_label.setText(tr("Logged %s min.") % stopped.minutes)
        else:
            self.status_label.setText(tr("Under half a minute: nothing was logged."))
        self.session_logged.emit(stopped.minutes)
        return stopped.minutes

    def discard(self) -> None:
        try:
            self._studylog.discard_timer()
        except TrackerError as exc:
            self._show_error(str(exc))
            return
        self._running = None
        self._tick.stop()
        self._refresh()
        self.status_label.setText(tr("Timer discarded; nothing was logged."))
        self.timer_discarded.emit()

    # --- inside -----------------------------------------------------------------------------

    def _fill_items(self) -> None:
        self.item_combo.clear()
        self.item_combo.addItem(tr("The path as a whole"), self.NO_ITEM)
        try:
            # resources planned or in progress only: a combo cannot offer a 100k catalog (the
            # Catalog page's timer button times any resource)
            items = self._studylog.study_items(self._path_slug, active_only=True)
        except TrackerError as exc:
            self._show_error(str(exc))
            return
        kinds = {"prerequisite": tr("Prerequisites"), "resource": tr("Resources")}
        current_kind = None
        for item in items:
            if item.kind != current_kind:
                self.item_combo.insertSeparator(self.item_combo.count())
                current_kind = item.kind
                self.item_combo.addItem(kinds.get(item.kind, item.kind))
                header = self.item_combo.model().index(self.item_combo.count() - 1, 0)
                self.item_combo.model().setData(header, 0, Qt.ItemDataRole.UserRole - 1)
            self.item_combo.addItem(item.title, f"{item.kind}:{item.slug}")

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

    def _ask_minutes(self, elapsed_seconds: int, limit_hours: int) -> int | None:
        return ask_minutes(self, elapsed_seconds, limit_hours)

    def _update_elapsed(self) -> None:
        if self._running is not None:
            self.elapsed_label.setText(format_elapsed(self._running.elapsed_seconds(self._clock())))

    def _refresh(self) -> None:
        running = self._running
        self.item_combo.setEnabled(running is None)
        self.discard_button.setVisible(running is not None)
        if running is None:
            self.start_stop_button.setText(tr("Start"))
            self.start_stop_button.setAccessibleName(tr("Start the study timer"))
            self.elapsed_label.setText(format_elapsed(0))
            self.status_label.setText(tr("Pick what you study and press Start."))
            return
        self.start_stop_button.setText(tr("Stop && log"))
        self.start_stop_button.setAccessibleName(tr("Stop the timer and log the time"))
        local = running.started_at.replace(tzinfo=UTC).astimezone()
        on = isolate(running.item_title) if running.item_title else tr("the path as a whole")
        since = local.strftime("%H:%M")
        if local.date() != datetime.now().astimezone().date():
            since = local.strftime("%d %b, %H:%M")
        self.status_label.setText(tr("Running on %s since %s.") % (on, since))
        self._update_elapsed()

    def _show_error(self, message: str) -> None:
        self.status_label.setText(message)
