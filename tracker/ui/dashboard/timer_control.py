"""The app's one study timer, started and stopped from any page, and its start/stop button."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from tracker.clock import utcnow
from tracker.domain.study import TimerView
from tracker.errors import TimerTooLongError, TrackerError
from tracker.ui.dashboard.timer import ask_minutes, format_elapsed
from tracker.ui.shell.context import AppContext
from tracker.ui.widgets.safe_text import PlainLabel, isolate, plain_tooltip

Clock = Callable[[], datetime]


def tr(text: str) -> str:
    return QCoreApplication.translate("TimerControl", text)


class TimerControl(QObject):
    """Starts and stops the learner's timer through the services, for every page of a window.

    One per ``AppContext`` (``TimerControl.of(context)``). The timer itself lives in the
    database, so it survives a restart; a change is saved at once and ``data_changed`` makes
    every page show it. ``clock`` returns naive UTC now (tests set their own).
    """

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.setObjectName("TimerControl")
        self.context = context
        self.clock: Clock = utcnow

    @classmethod
    def of(cls, context: AppContext) -> TimerControl:
        """The context's timer control (made on first use, a child of the context)."""
        found = context.findChild(TimerControl, "TimerControl")
        return found if isinstance(found, TimerControl) else cls(context)

    def now(self) -> datetime:
        return self.clock()

    def running(self) -> TimerView | None:
        if not self.context.is_open:
            return None
        try:
            return self.context.services.studylog.running_timer()
        except TrackerError as exc:
            self.context.report_failure(exc)
            return None

    def start(self, item_kind: str | None, item_slug: str | None) -> bool:
        """Start the timer on an item of the current path (or the path as a whole)."""
        try:
            self.context.services.studylog.start_timer(
                self.context.path_slug, item_kind, item_slug, now=self.clock()
            )
        except TrackerError as exc:
            self.context.report_failure(exc)
            return False
        self.context.notify_saved()
        return True

    def stop(self, parent: QWidget | None = None, minutes: int | None = None) -> int | None:
        """Stop and log the timer; one left on too long asks how long the study really was."""
        try:
            stopped = self.context.services.studylog.stop_timer(now=self.clock(), minutes=minutes)
        except TimerTooLongError as exc:
            asked = ask_minutes(parent, exc.elapsed_seconds, exc.limit_hours)
            return None if asked is None else self.stop(parent, asked)
        except TrackerError as exc:
            self.context.report_failure(exc)
            return None
        self.context.notify_saved()
        return stopped.minutes


class TimerButton(QWidget):
    """'Start timer' on the item a page shows; 'Stop && log' with the time while one runs.

    The page calls ``show_state`` whenever it refreshes or its selection changes; clicks go to
    the window's ``TimerControl``.
    """

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._item: tuple[str, str] | None = None
        self._running: TimerView | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.button = QPushButton(tr("Start timer"))
        self.button.setObjectName("TimerButton")
        self.button.clicked.connect(self._clicked)
        self.label = PlainLabel()
        self.label.setObjectName("Muted")
        self.label.setAccessibleName(tr("Study timer"))
        self.label.setWordWrap(True)
        layout.addWidget(self.button)
        layout.addWidget(self.label, 1)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_label)
        self.show_state(None, None)

    @property
    def control(self) -> TimerControl:
        return TimerControl.of(self.context)

    def show_state(self, item: tuple[str, str] | None, running: TimerView | None) -> None:
        """``item`` is (kind, slug) of what the page shows; ``running`` the stored timer."""
        self._item = item
        self._running = running
        if running is None:
            self._tick.stop()
            self.button.setText(tr("▶  Start timer"))
            self.button.setAccessibleName(tr("Start the study timer on this"))
            self.button.setToolTip(tr("Time your study of this; stop it to log the minutes"))
            self.button.setEnabled(item is not None)
            self.label.setText("")
            return
        self.button.setEnabled(True)
        self.button.setText(tr("■  Stop && log"))
        self.button.setAccessibleName(tr("Stop the study timer and log the time"))
        here = item is not None and (running.item_kind, running.item_slug) == item
        self.button.setToolTip(
            ""
            if here
            else plain_tooltip(
                tr("The timer runs on %s") % (isolate(running.item_title or "") or tr("the path"))
            )
        )
        self._tick.start()
        self._update_label()

    def _update_label(self) -> None:
        running = self._running
        if running is None:
            return
        elapsed = format_elapsed(running.elapsed_seconds(self.control.now()))
        here = self._item is not None and (running.item_kind, running.item_slug) == self._item
        if here:
            self.label.setText(tr("Timer running: %s") % elapsed)
        else:
            on = isolate(running.item_title) if running.item_title else tr("the path as a whole")
            self.label.setText(tr("Timer running on %s: %s") % (on, elapsed))

    def _clicked(self) -> None:
        if self._running is not None:
            self.control.stop(self.window())
        elif self._item is not None:
            self.control.start(*self._item)

    def is_running_here(self) -> bool:
        running = self._running
        return (
            running is not None
            and self._item is not None
            and (running.item_kind, running.item_slug) == self._item
        )
