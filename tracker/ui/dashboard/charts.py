"""Progress charts for the dashboard: burn-up against the plan, things done, hours, study days.

pyqtgraph is imported the first time the widget is shown (``ensure_built``), not when this
module is imported, so the charts add nothing to the app's start-up. The widget draws the
``ChartSeries`` it is given and keeps it: a new palette (the theme) redraws from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tracker.domain.study import ChartSeries
from tracker.ui.dashboard.chart_drawing import (
    CHART_NAMES,
    ChartColors,
    ChartPainter,
    burnup_lines,
    heat_level,
)
from tracker.ui.widgets.safe_text import PlainLabel

__all__ = ["CHART_NAMES", "ChartColors", "ProgressChartsWidget", "heat_level"]


class ChartCard(QFrame):
    """A titled panel holding one chart and its Save-as-PNG button."""

    def __init__(self, title: str, subtitle: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title_label = PlainLabel(title)
        self.title_label.setObjectName("SectionTitle")
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title_label.setFont(font)
        self.subtitle_label = PlainLabel(subtitle)
        self.subtitle_label.setObjectName("Muted")
        self.subtitle_label.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save PNG…"))
        self.save_button.setToolTip(self.tr("Save this chart as a PNG image"))
        self.save_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.subtitle_label)
        head.addLayout(titles, 1)
        head.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(14, 12, 14, 12)
        self.body.setSpacing(8)
        self.body.addLayout(head)


class ProgressChartsWidget(QWidget):
    """Four charts of a path's progress, built on first show, drawn by ``show_series``.

    ``summary=False`` leaves out the forecast and study-days lines (the dashboard shows them in
    its own card).
    """

    charts_built = Signal()
    chart_saved = Signal(str, str)  # chart name, file path

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        summary: bool = True,
        plot_height: int = 0,
    ) -> None:
        super().__init__(parent)
        self._summary = summary
        self._plot_height = plot_height  # > 0: every plot this tall (the dashboard scrolls)
        self._series: ChartSeries | None = None
        self._painter: ChartPainter | None = None
        self.plots: dict[str, Any] = {}
        self.items: dict[str, Any] = {}
        self.cards: dict[str, ChartCard] = {}
        # What each chart was last drawn from. A redraw makes thousands of Qt calls, and
        # under PySide6 6.12 on CPython 3.11 each call of a void method drops a reference to
        # None, so a chart is redrawn only when something it shows has changed.
        self._drawn: dict[str, tuple[object, ...]] = {}
        self.setObjectName("ProgressCharts")

        self.forecast_label = PlainLabel(self.tr("Charts appear here."))
        self.forecast_label.setObjectName("ForecastText")
        self.forecast_label.setWordWrap(True)
        font = self.forecast_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setWeight(QFont.Weight.DemiBold)
        self.forecast_label.setFont(font)
        self.study_days_label = PlainLabel()
        self.study_days_label.setObjectName("Muted")
        self.study_days_label.setWordWrap(True)
        self.study_days_label.hide()
        self.message_label = PlainLabel()
        self.message_label.setObjectName("Muted")
        self.message_label.setWordWrap(True)
        self.message_label.hide()  # shown with a message (a failed save)

        self.grid = QGridLayout()
        self.grid.setSpacing(12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.forecast_label)
        layout.addWidget(self.study_days_label)
        layout.addLayout(self.grid, 1)
        layout.addWidget(self.message_label)
        self.forecast_label.setVisible(summary)

    # --- public -----------------------------------------------------------------------------

    @property
    def is_built(self) -> bool:
        return self._painter is not None

    @property
    def series(self) -> ChartSeries | None:
        return self._series

    @property
    def calendar_minutes(self) -> dict[Any, int]:
        return dict(self._series.daily) if self._series is not None else {}

    def show_series(self, series: ChartSeries) -> None:
        """Draw ``series`` (at once if the charts are built, else when they first show)."""
        self._series = series
        self.forecast_label.setText(series.forecast.message)
        if series.study_days is not None and self._summary:
            self.study_days_label.setText(series.study_days.message)
            self.study_days_label.show()
        else:
            self.study_days_label.hide()
        self._draw()

    def ensure_built(self) -> None:
        """Import pyqtgraph and make the charts (once), then draw what they hold."""
        if self._painter is not None:
            return
        import pyqtgraph as pg

        pg.setConfigOptions(antialias=True)
        cards = (
            (
                "burnup",
                self.tr("Progress against the plan"),
                self.tr("Estimated hours of work done"),
            ),
            (
                "done",
                self.tr("Skills and resources done"),
                self.tr("Prerequisite skills and resources"),
            ),
            ("hours", self.tr("Hours per week"), self.tr("Time logged each week")),
            ("calendar", self.tr("Study days"), self.tr("Each square is a day; darker is longer")),
        )
        for index, (name, title, subtitle) in enumerate(cards):
            card = ChartCard(title, subtitle)
            date_axis = name in ("burnup", "done", "hours")
            axis = {"bottom": pg.DateAxisItem(orientation="bottom")} if date_axis else {}
            plot = pg.PlotWidget(axisItems=axis)
            if self._plot_height > 0:
                plot.setFixedHeight(self._plot_height)
            else:
                plot.setMinimumHeight(230)
            plot.setMenuEnabled(False)
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.setAccessibleName(title)
            card.body.addWidget(plot, 1)
            card.save_button.clicked.connect(lambda _=False, n=name: self._ask_save(n))
            self.grid.addWidget(card, index // 2, index % 2)
            self.cards[name] = card
            self.plots[name] = plot
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1)
        self._painter = ChartPainter(pg, self.plots, self.items)
        self._draw()
        self.charts_built.emit()

    def save_png(self, name: str, path: str | Path) -> bool:
        """Save one chart (one of ``CHART_NAMES``) as a PNG image."""
        self.ensure_built()
        card = self.cards[name]
        card.save_button.hide()  # the image shows the chart, not the app's buttons
        try:
            saved = bool(card.grab().save(str(path), "PNG"))
        finally:
            card.save_button.show()
        if saved:
            self.chart_saved.emit(name, str(path))
        else:
            self.message_label.setText(self.tr("Could not save %s.") % path)
            self.message_label.show()
        return saved

    # --- Qt events ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_built()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._draw()  # the new colours, from the data the charts hold

    # --- drawing ------------------------------------------------------------------------------

    def _ask_save(self, name: str) -> None:
        series = self._series
        suffix = f"-{series.path_slug}-{name}-{series.today.isoformat()}" if series else f"-{name}"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save chart as PNG"), f"chart{suffix}.png", self.tr("PNG images (*.png)")
        )
        if path:
            self.save_png(name, path)

    def _draw(self) -> None:
        painter, series = self._painter, self._series
        if painter is None or series is None:
            return
        colors = ChartColors.from_palette(self.palette())
        daily = dict(series.daily)
        points = list(series.points)
        today, first = series.today, series.first
        start = painter.first_active_day(points, daily, first, today)
        shown = [p for p in points if p.day >= start]
        hours = series.plan_hours_per_week
        look = (colors.background.name(), colors.text.name())
        lines = burnup_lines(shown, daily, series.minutes_before, series.forecast, hours, today)
        inputs: dict[str, tuple[object, ...]] = {
            "burnup": (look, lines),
            "done": (look, tuple(shown), series.totals),
            "hours": (look, series.weeks, hours),
            "calendar": (look, series.daily, first, today),
        }
        changed = {name for name, key in inputs.items() if self._drawn.get(name) != key}
        same_look = {name for name in changed if self._drawn.get(name, (None,))[0] == look}
        self._drawn.update((name, inputs[name]) for name in changed)
        # a tick moves the lines of the burn-up and the things done: their items stay
        if "burnup" in same_look and painter.update_burnup(lines):
            changed.discard("burnup")
        if "done" in same_look and painter.update_done(shown, series.totals):
            changed.discard("done")
        for name in changed:  # a chart whose data and colours are the same is kept as drawn
            self.plots[name].clear()
            painter.style(self.plots[name], colors)
        if "burnup" in changed:
            painter.draw_burnup(lines, colors)
        if "done" in changed:
            painter.draw_done(shown, series.totals, colors)
        if "hours" in changed:
            painter.draw_hours(list(series.weeks), hours, colors)
        if "calendar" in changed:
            painter.draw_calendar(daily, first, today, colors)
