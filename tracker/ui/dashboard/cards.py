"""The dashboard's study cards: the forecast and plan, the study timer, revisits due, the charts.

``StudyCards`` makes the cards; the dashboard page places them and hands each refresh's
snapshot to ``show``, so the cards read nothing themselves. The widgets that write through the
services are made on the first snapshot (the page is built before the database is open), and
the charts, which import pyqtgraph, only ``CHARTS_DELAY_MS`` after the dashboard first shows
its data, so the window paints and answers before that import.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tracker.clock import local_today
from tracker.domain.forecast import Forecast, format_day
from tracker.formatting import hours as hours_text
from tracker.formatting import minutes as minutes_text
from tracker.ui.dashboard.revisits import RevisitsWidget
from tracker.ui.dashboard.timer import StudyTimerWidget
from tracker.ui.shell.context import AppContext
from tracker.ui.widgets.common import Card, heading, muted
from tracker.ui.widgets.safe_text import PlainLabel

if TYPE_CHECKING:
    from tracker.services.dashboard import DashboardSnapshot
    from tracker.ui.dashboard.charts import ProgressChartsWidget
    from tracker.ui.dashboard.studylog_editor import StudyLogEditor

CHARTS_DELAY_MS = 300
CHART_HEIGHT = 270
DEFAULT_HOURS_PER_WEEK = 5.0
DEFAULT_TARGET_WEEKS = 12


class PlanEditor(QWidget):
    """Hours per week and an optional target date, saved as one undo step."""

    plan_chosen = Signal(object, object)  # hours per week (float), target date (date | None)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.hours_spin = QDoubleSpinBox()
        self.hours_spin.setRange(0.5, 100)
        self.hours_spin.setSingleStep(0.5)
        self.hours_spin.setDecimals(1)
        self.hours_spin.setSuffix(self.tr(" h/week"))
        self.hours_spin.setAccessibleName(self.tr("Hours per week you plan to study"))
        self.target_check = QCheckBox(self.tr("Target"))
        self.target_check.setAccessibleName(self.tr("Have a target date"))
        self.target_edit = QDateEdit()
        self.target_edit.setCalendarPopup(True)
        self.target_edit.setDisplayFormat("d MMM yyyy")
        self.target_edit.setAccessibleName(self.tr("Target date"))
        self.target_check.toggled.connect(self.target_edit.setEnabled)
        self.save_button = QPushButton(self.tr("Save plan"))
        self.save_button.setObjectName("Primary")
        self.save_button.clicked.connect(self._save)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancelled)
        layout.addWidget(self.hours_spin)
        layout.addWidget(self.target_check)
        layout.addWidget(self.target_edit)
        layout.addStretch(1)
        layout.addWidget(self.save_button)
        layout.addWidget(self.cancel_button)

    def show_plan(self, hours_per_week: float | None, target: date | None) -> None:
        self.hours_spin.setValue(hours_per_week or DEFAULT_HOURS_PER_WEEK)
        day = target or local_today() + timedelta(weeks=DEFAULT_TARGET_WEEKS)
        self.target_edit.setDate(QDate(day.year, day.month, day.day))
        self.target_check.setChecked(target is not None)
        self.target_edit.setEnabled(target is not None)

    def _save(self) -> None:
        target = None
        if self.target_check.isChecked():
            chosen = self.target_edit.date()
            target = date(chosen.year(), chosen.month(), chosen.day())
        self.plan_chosen.emit(float(self.hours_spin.value()), target)


class ForecastCard(Card):
    """'When will you be ready?': the forecast date and sentence, the plan, study days."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("When will you be ready?"), parent)
        self.context = context
        self.finish_label = PlainLabel(self.tr("…"))
        self.finish_label.setObjectName("BigNumber")
        self.finish_label.setStyleSheet("font-size: 28px;")
        self.finish_label.setAccessibleName(self.tr("Forecast finish date"))
        self.body.addWidget(self.finish_label)
        self.forecast_label = PlainLabel()
        self.forecast_label.setWordWrap(True)
        self.forecast_label.setAccessibleName(self.tr("Forecast"))
        self.body.addWidget(self.forecast_label)

        plan_row = QHBoxLayout()
        self.plan_label = muted()
        self.plan_label.setAccessibleName(self.tr("Your plan"))
        self.change_plan_button = QPushButton(self.tr("Change plan…"))
        self.change_plan_button.setFlat(True)
        self.change_plan_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.change_plan_button.clicked.connect(self.open_plan_editor)
        plan_row.addWidget(self.plan_label, 1)
        plan_row.addWidget(self.change_plan_button)
        self.body.addLayout(plan_row)
        self.plan_editor = PlanEditor()
        self.plan_editor.plan_chosen.connect(self.set_plan)
        self.plan_editor.cancelled.connect(self._close_plan_editor)
        self.plan_editor.hide()
        self.body.addWidget(self.plan_editor)

        self.streaks_check = QCheckBox(self.tr("Show my study days"))
        self.streaks_check.setToolTip(
            self.tr("Days studied lately and your longest run. A day off never erases anything.")
        )
        self.streaks_check.clicked.connect(self._streaks_clicked)
        self.study_days_label = muted()
        self.study_days_label.setAccessibleName(self.tr("Study days"))
        self.study_days_label.hide()
        self.body.addWidget(self.streaks_check)
        self.body.addWidget(self.study_days_label)
        self.forecast: Forecast | None = None
        self._editing = False

    def show_snapshot(self, snapshot: DashboardSnapshot) -> None:
        plan = snapshot.plan
        forecast = snapshot.forecast
        self.forecast = forecast
        if forecast.finish_date is None:
            self.finish_label.setText(self.tr("No date yet"))
        elif forecast.remaining_hours == 0:
            self.finish_label.setText(self.tr("All done"))
        else:
            self.finish_label.setText(format_day(forecast.finish_date))
        self.forecast_label.setText(forecast.message)
        if plan.hours_per_week:
            text = self.tr("Your plan: %s h/week") % hours_text(plan.hours_per_week)
            if plan.target_date is not None:
                text += "  ·  " + self.tr("target %s") % format_day(plan.target_date)
            self.plan_label.setText(text)
            self.change_plan_button.setText(self.tr("Change plan…"))
        else:
            self.plan_label.setText(
                self.tr(
                    "Set the hours you mean to study each week, and a target date if you have one."
                )
            )
            self.change_plan_button.setText(self.tr("Set a plan…"))
        if not self._editing:
            self.plan_editor.show_plan(plan.hours_per_week, plan.target_date)
        self.plan_editor.setVisible(self._editing or not plan.hours_per_week)
        self.plan_editor.cancel_button.setVisible(bool(plan.hours_per_week))
        self.change_plan_button.setVisible(not self.plan_editor.isVisibleTo(self))
        self.streaks_check.setChecked(plan.streaks_enabled)
        study_days = snapshot.charts.study_days
        if study_days is not None:
            self.study_days_label.setText(study_days.message)
        self.study_days_label.setVisible(study_days is not None)

    def open_plan_editor(self) -> None:
        self._editing = True
        self.plan_editor.show()
        self.change_plan_button.hide()
        self.plan_editor.hours_spin.setFocus(Qt.FocusReason.OtherFocusReason)

    def _close_plan_editor(self) -> None:
        self._editing = False
        self.plan_editor.hide()
        self.change_plan_button.show()

    def set_plan(self, hours_per_week: float, target: date | None) -> bool:
        self._editing = False
        plan = self.context.services.plan
        return self.context.run(lambda: plan.set_plan(hours_per_week, target)) is not None

    def _streaks_clicked(self, checked: bool) -> None:
        plan = self.context.services.plan
        self.context.run(lambda: plan.set_streaks_enabled(checked))


class StudyLogDialog(QDialog):
    """The study-log editor in a window of its own; its steps go on the app's undo stack."""

    def __init__(self, editor: StudyLogEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setWindowTitle(self.tr("Study log"))
        self.setAccessibleName(self.tr("Study log"))
        self.resize(780, 560)
        layout = QVBoxLayout(self)
        layout.addWidget(editor)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)


class StudyCards(QObject):
    """The dashboard's study cards; ``show(snapshot)`` fills them from the page's one read."""

    charts_ready = Signal()

    def __init__(self, context: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self._parent_widget = parent
        self._bound_to: object = None  # the services the widgets were made for
        self._snapshot: DashboardSnapshot | None = None
        self.timer: StudyTimerWidget | None = None
        self.revisits: RevisitsWidget | None = None
        self.charts: ProgressChartsWidget | None = None
        self.log_dialog: StudyLogDialog | None = None

        self.forecast_card = ForecastCard(context)

        self.timer_column = QWidget()
        stack = QVBoxLayout(self.timer_column)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.setSpacing(16)
        self.timer_card = Card(self.tr("Study timer"))
        self.timer_card.setAccessibleName(self.tr("Study timer"))
        self.log_button = QPushButton(self.tr("Study log…"))
        self.log_button.setToolTip(self.tr("Add time by hand, edit or delete entries (undoable)"))
        self.log_button.clicked.connect(self.open_study_log)
        self.total_label = muted()
        self.total_label.setAccessibleName(self.tr("Time logged"))
        log_row = QHBoxLayout()
        log_row.addWidget(self.total_label, 1)
        log_row.addWidget(self.log_button)
        self.timer_card.body.addLayout(log_row)
        self.revisits_card = Card(self.tr("Due for a revisit"))
        stack.addWidget(self.timer_card)
        stack.addWidget(self.revisits_card)
        stack.addStretch(1)

        self.charts_box = QWidget()
        charts_layout = QVBoxLayout(self.charts_box)
        charts_layout.setContentsMargins(0, 8, 0, 0)
        charts_layout.setSpacing(8)
        charts_layout.addWidget(heading(self.tr("Progress over time")))
        self.charts_placeholder = muted(self.tr("The charts are loading…"))
        self.charts_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.charts_placeholder.setMinimumHeight(2 * CHART_HEIGHT + 140)
        charts_layout.addWidget(self.charts_placeholder)

        self._charts_timer = QTimer(self)
        self._charts_timer.setSingleShot(True)
        self._charts_timer.setInterval(CHARTS_DELAY_MS)
        self._charts_timer.timeout.connect(self.build_charts)

    # --- showing a snapshot -------------------------------------------------------------------

    def show(self, snapshot: DashboardSnapshot) -> None:
        """Fill every card from ``snapshot`` (nothing is read here)."""
        self._snapshot = snapshot
        services = self.context.services
        if services is not self._bound_to:
            self._bind(services)  # first snapshot, or the database was reopened
        assert self.timer is not None
        assert self.revisits is not None
        self.forecast_card.show_snapshot(snapshot)
        self.total_label.setText(
            self.tr("%s logged on this path") % minutes_text(snapshot.summary.minutes_logged)
        )
        self.timer.show_state(snapshot.path_slug, snapshot.timer, snapshot.timer_items)
        self.revisits.show_scheduled(snapshot.path_slug, snapshot.revisits)
        self._fit_revisits()
        if self.log_dialog is not None:
            self.log_dialog.editor.set_path(snapshot.path_slug)  # reads only if on screen
        if self.charts is None:
            if not self._charts_timer.isActive():
                self._charts_timer.start()
        else:
            self.charts.show_series(snapshot.charts)

    def _bind(self, services: object) -> None:
        """Make the widgets bound to the open database (first snapshot, or reopened)."""
        self._bound_to = services
        if self.timer is not None:
            self.timer.deleteLater()
        self.timer = StudyTimerWidget(self.context)
        self.timer_card.body.insertWidget(1, self.timer)
        if self.revisits is not None:
            self.revisits.deleteLater()
        self.revisits = RevisitsWidget(self.context)
        self.revisits_card.body.addWidget(self.revisits)
        if self.log_dialog is not None:
            self.log_dialog.deleteLater()
            self.log_dialog = None
        if self.charts is not None:
            self.charts.deleteLater()
            self.charts = None
            self.charts_placeholder.show()

    def _fit_revisits(self) -> None:
        """The list as tall as its rows (up to five), hidden when nothing is scheduled."""
        assert self.revisits is not None
        listing = self.revisits.list
        rows = listing.count()
        listing.setVisible(rows > 0)
        self.revisits.confidence_combo.setVisible(rows > 0)
        self.revisits.revisited_button.setVisible(rows > 0)
        if self.revisits.due_slugs() and listing.currentItem() is None:
            listing.setCurrentRow(0)  # "I revisited it" is one click away
        if rows:
            listing.doItemsLayout()  # lay the refilled rows out now, with the style's padding
            # the style sheet pads items; before the first paint the view may not know it yet
            row_height = max(listing.sizeHintForRow(0), listing.fontMetrics().height() + 14)
            listing.setFixedHeight(min(rows, 5) * row_height + 2 * listing.frameWidth() + 8)

    def build_charts(self) -> ProgressChartsWidget | None:
        """Make the charts now (pyqtgraph loads when they are first shown)."""
        if self.charts is not None or self._snapshot is None:
            return self.charts
        from tracker.ui.dashboard.charts import ProgressChartsWidget

        self._charts_timer.stop()
        charts = ProgressChartsWidget(summary=False, plot_height=CHART_HEIGHT)
        charts.charts_built.connect(self.charts_ready)
        charts.show_series(self._snapshot.charts)
        self.charts = charts
        self.charts_placeholder.hide()
        layout = self.charts_box.layout()
        assert layout is not None
        layout.addWidget(charts)
        return charts

    # --- the study log ----------------------------------------------------------------------

    def open_study_log(self) -> StudyLogDialog:
        """Show the study-log editor (made once per database; undo goes through Edit › Undo)."""
        if self.log_dialog is None:
            from tracker.ui.dashboard.studylog_editor import StudyLogEditor

            editor = StudyLogEditor(self.context, self.context.path_slug)
            self.log_dialog = StudyLogDialog(editor, self._parent_widget)
        self.log_dialog.editor.set_path(self.context.path_slug)
        if self.log_dialog.isVisible():
            self.log_dialog.activateWindow()
        else:
            self.log_dialog.show()
        return self.log_dialog
