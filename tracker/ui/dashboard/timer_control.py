"""The app's one study timer, started and stopped from any page, and its start/stop button."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QPushButton, QWidget

from tracker.clock import utcnow
from tracker.domain.study import MAX_MINUTES_PER_ENTRY, TimerStopped, TimerView
from tracker.errors import TimerTooLongError, TrackerError
from tracker.formatting import clock as clock_text
from tracker.ui.shell.context import AppContext
from tracker.ui.widgets.safe_text import PlainLabel, isolate, plain_tooltip

Clock = Callable[[], datetime]


def ask_minutes(parent: QWidget | None, elapsed_seconds: int, limit_hours: int) -> int | None:
    """Ask how long a timer left running really was; None if the learner cancels."""
    hours = elapsed_seconds / 3600
    limit = min(MAX_MINUTES_PER_ENTRY, (elapsed_seconds + 59) // 60)
    minutes, ok = QInputDialog.getInt(
        parent,
        QCoreApplication.translate("TimerControl", "Timer left running?"),
        QCoreApplication.translate(
            "TimerControl",
            "The timer ran for %.1f hours, more than %d. "
            "How many minutes did you really study? (0 logs nothing)",
        )
        % (hours, limit_hours),
        60,
        0,
        limit,
    )
    return minutes if ok else None


class TimerControl(QObject):
    """Starts, stops and discards the learner's timer for every page of a window.

    One per ``AppContext`` (``TimerControl.of(context)``). Each is an operation run through
    ``context.run`` (one undo step; the pages showing the timer refresh from what changed).
    The timer lives in the database, so it survives a restart. ``clock`` returns naive UTC
    now (tests set their own).
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
        studylog = self.context.services.studylog
        path, now = self.context.path_slug, self.clock()
        started = self.context.run(
            lambda: studylog.start_timer(path, item_kind, item_slug, now=now)
        )
        return started is not None

    def stop(self, parent: QWidget | None = None, minutes: int | None = None) -> int | None:
        """Stop and log the timer (the minutes logged); one left on too long asks how long the
        study really was (None: the learner cancelled, or it failed)."""
        studylog = self.context.services.studylog
        now = self.clock()
        try:
            result = studylog.stop_timer(now=now, minutes=minutes)
        except TimerTooLongError as exc:
            asked = ask_minutes(parent, exc.elapsed_seconds, exc.limit_hours)
            return None if asked is None else self.stop(parent, asked)
        except TrackerError as exc:
            self.context.report_failure(exc)
            return None
        self.context.apply(result)
        stopped: TimerStopped = result.value
        return stopped.minutes

    def discard(self) -> bool:
        """Throw the running timer away without logging (undoable, like everything)."""
        studylog = self.context.services.studylog
        return self.context.run(studylog.discard_timer) is not None


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
        self.button = QPushButton(self.tr("Start timer"))
        self.button.setObjectName("TimerButton")
        self.button.clicked.connect(self._clicked)
        self.label = PlainLabel()
        self.label.setObjectName("Muted")
        self.label.setAccessibleName(self.tr("Study timer"))
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
            self.button.setText(self.tr("▶  Start timer"))
            self.button.setAccessibleName(self.tr("Start the study timer on this"))
            self.button.setToolTip(self.tr("Time your study of this; stop it to log the minutes"))
            self.button.setEnabled(item is not None)
            self.label.setText("")
            return
        self.button.setEnabled(True)
        self.button.setText(self.tr("■  Stop && log"))
        self.button.setAccessibleName(self.tr("Stop the study timer and log the time"))
        here = item is not None and (running.item_kind, running.item_slug) == item
        self.button.setToolTip(
            ""
            if here
            else plain_tooltip(
                self.tr("The timer runs on %s")
                % (isolate(running.item_title or "") or self.tr("the path"))
            )
        )
        self._tick.start()
        self._update_label()

    def _update_label(self) -> None:
        running = self._running
        if running is None:
            return
        elapsed = clock_text(running.elapsed_seconds(self.control.now()))
        here = self._item is not None and (running.item_kind, running.item_slug) == self._item
        if here:
            self.label.setText(self.tr("Timer running: %s") % elapsed)
        else:
            on = (
                isolate(running.item_title)
                if running.item_title
                else self.tr("the path as a whole")
            )
            self.label.setText(self.tr("Timer running on %s: %s") % (on, elapsed))

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
