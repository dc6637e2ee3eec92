"""Progress charts for the dashboard: burn-up against the plan, things done, hours, study days.

pyqtgraph is imported the first time the widget is shown (``ensure_built``), not when this
module is imported, so the charts add nothing to the app's start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QShowEvent
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

from tracker.clock import local_today
from tracker.domain.forecast import Forecast, format_day
from tracker.domain.study import ProgressPoint, WeekHours, week_start
from tracker.errors import TrackerError
from tracker.ui.widgets.safe_text import PlainLabel

if TYPE_CHECKING:  # services load SQLAlchemy; the widget only calls the objects it is given
    from tracker.services.plan import PlanService
    from tracker.services.studylog import StudyLogService

CHART_NAMES = ("burnup", "done", "hours", "calendar")
DAY_SECONDS = 86_400

# Series colours that read on a light and on a dark background alike.
BLUE = "#3b7ddd"
GREEN = "#1f9d6b"
ORANGE = "#e8871e"
PURPLE = "#8a63d2"
HEAT = "#26a269"
# Minutes a day -> heat level 0..4.
HEAT_THRESHOLDS = (1, 30, 60, 120)


def tr(text: str) -> str:
    return QCoreApplication.translate("ProgressChartsWidget", text)


def heat_level(minutes: int) -> int:
    """0 for no study, then 1-4 from a few minutes to two hours or more."""
    return sum(1 for threshold in HEAT_THRESHOLDS if minutes >= threshold)


def day_seconds(day: date) -> float:
    """A day as the epoch seconds of its local midnight (what pyqtgraph's date axis reads)."""
    return datetime(day.year, day.month, day.day).timestamp()


def _blend(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


@dataclass(frozen=True)
class ChartColors:
    background: QColor
    text: QColor
    muted: QColor
    grid_alpha: float

    @classmethod
    def from_palette(cls, palette: QPalette) -> ChartColors:
        background = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        return cls(background, text, _blend(background, text, 0.6), 0.15)

    @property
    def is_dark(self) -> bool:
        return self.background.lightness() < 128

    def heat_colors(self) -> list[QColor]:
        empty = _blend(self.background, self.text, 0.10 if self.is_dark else 0.07)
        full = QColor(HEAT)
        return [empty] + [_blend(empty, full, t) for t in (0.35, 0.6, 0.8, 1.0)]


class _ChartCard(QFrame):
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
        self.save_button = QPushButton(tr("Save PNG…"))
        self.save_button.setToolTip(tr("Save this chart as a PNG image"))
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
    """Four charts of a path's progress, built on first show, refreshed by ``refresh()``.

    ``today`` pins the last day shown (tests and screenshots); by default it is the local date.
    ``summary=False`` leaves out the forecast and study-days lines (the dashboard shows them in
    its own card).
    """

    charts_built = Signal()
    chart_saved = Signal(str, str)  # chart name, file path

    def __init__(
        self,
        plan: PlanService,
        studylog: StudyLogService,
        path_slug: str,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        weeks: int = 26,
        summary: bool = True,
        plot_height: int = 0,
    ) -> None:
        super().__init__(parent)
        self._summary = summary
        self._plot_height = plot_height  # > 0: every plot this tall (the dashboard scrolls)
        self._plan = plan
        self._studylog = studylog
        self._path_slug = path_slug
        self._today = today
        self._weeks = weeks
        self._pg: Any = None
        self.plots: dict[str, Any] = {}
        self.items: dict[str, Any] = {}
        self.cards: dict[str, _ChartCard] = {}
        self.forecast: Forecast | None = None
        self.calendar_minutes: dict[date, int] = {}
        # What the charts were last drawn from. A redraw makes thousands of Qt calls, and
        # under PySide6 6.12 on CPython 3.11 each call of a void method drops a reference to
        # None, so the dashboard redraws only when something the charts show has changed.
        self._drawn: tuple[object, ...] | None = None
        self.setObjectName("ProgressCharts")

        self.forecast_label = PlainLabel(tr("Charts appear here."))
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
        self.message_label.hide()  # shown with a message (a failed read or save)

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
        return self._pg is not None

    @property
    def today(self) -> date:
        return self._today or local_today()

    @property
    def path_slug(self) -> str:
        return self._path_slug

    def set_path(self, path_slug: str) -> None:
        """Show another learning path."""
        self._path_slug = path_slug
        self.refresh()

    def ensure_built(self) -> None:
        """Import pyqtgraph and make the charts (once), then fill them."""
        if self._pg is not None:
            return
        import pyqtgraph as pg

        pg.setConfigOptions(antialias=True)
        self._pg = pg
        cards = (
            ("burnup", tr("Progress against the plan"), tr("Estimated hours of work done")),
            ("done", tr("Skills and resources done"), tr("Prerequisite skills and resources")),
            ("hours", tr("Hours per week"), tr("Time logged each week")),
            ("calendar", tr("Study days"), tr("Each square is a day; darker is longer")),
        )
        for index, (name, title, subtitle) in enumerate(cards):
            card = _ChartCard(title, subtitle)
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
        self.refresh()
        self.charts_built.emit()

    def refresh(self) -> None:
        """Read the plan and the log again and redraw (no-op until the charts are built)."""
        if self._pg is None:
            return
        try:
            self._draw()
        except TrackerError as exc:
            self.message_label.setText(str(exc))
            self.message_label.show()

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
            self.message_label.setText(tr("Could not save %s.") % path)
            self.message_label.show()
        return saved

    # --- Qt events ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_built()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._pg is not None:
            self.refresh()

    # --- drawing ------------------------------------------------------------------------------

    def _ask_save(self, name: str) -> None:
        suggested = f"{self._path_slug}-{name}-{self.today.isoformat()}.png"
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Save chart as PNG"), suggested, tr("PNG images (*.png)")
        )
        if path:
            self.save_png(name, path)

    def _draw(self) -> None:
        colors = ChartColors.from_palette(self.palette())
        today = self.today
        first = today - timedelta(days=self._weeks * 7 - 1)
        forecast = self._plan.forecast(self._path_slug, today=today)
        self.forecast = forecast
        settings = self._plan.settings()
        self.forecast_label.setText(forecast.message)
        if settings.streaks_enabled and self._summary:
            self.study_days_label.setText(self._plan.study_days(self._path_slug, today).message)
            self.study_days_label.show()
        else:
            self.study_days_label.hide()
        daily = dict(
            self._studylog.daily_minutes(
                self._path_slug, days=(today - first).days + 1, today=today
            )
        )
        before = sum(
            self._studylog.minutes_by_day(self._path_slug, last=first - timedelta(days=1)).values()
        )
        points = self._plan.progress_over_time(self._path_slug, first, today)
        totals = self._plan.totals(self._path_slug)
        weeks = self._studylog.weekly_hours(self._path_slug, self._weeks, today)
        drawn = (
            self._path_slug,
            today,
            forecast,
            settings.hours_per_week,
            tuple(daily.items()),
            before,
            tuple(points),
            totals,
            tuple(weeks),
            colors.background.name(),
            colors.text.name(),
        )
        if drawn == self._drawn:
            return  # nothing the charts show has changed: keep them (see ``_drawn``)
        self._drawn = drawn
        start = self._first_active_day(points, daily, first, today)
        shown = [p for p in points if p.day >= start]
        for plot in self.plots.values():
            plot.clear()
            self._style(plot, colors)
        self._draw_burnup(shown, daily, before, forecast, settings.hours_per_week, colors)
        self._draw_done(shown, totals, colors)
        self._draw_hours(weeks, settings.hours_per_week, colors)
        self._draw_calendar(daily, first, today, colors)

    @staticmethod
    def _first_active_day(
        points: list[ProgressPoint], daily: dict[date, int], first: date, today: date
    ) -> date:
        """Start the time charts a week before the first activity (at most the full range)."""
        active = [p.day for p in points if p.skills_done or p.resources_done] + [
            day for day, minutes in daily.items() if minutes
        ]
        if not active:
            return max(first, today - timedelta(days=27))
        return max(first, min(active) - timedelta(days=7))

    def _style(self, plot: Any, colors: ChartColors) -> None:
        pg = self._pg
        plot.setBackground(colors.background)
        item = plot.getPlotItem()
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setPen(pg.mkPen(colors.muted))
            axis.setTextPen(pg.mkPen(colors.text))
        item.showGrid(x=False, y=True, alpha=colors.grid_alpha)
        if item.legend is not None:
            item.legend.clear()
            item.legend.setLabelTextColor(colors.text)

    def _legend(self, plot: Any, colors: ChartColors, columns: int = 2) -> Any:
        item = plot.getPlotItem()
        if item.legend is None:
            item.addLegend(
                offset=(8, 4), labelTextColor=colors.text, brush=colors.background, colCount=columns
            )
        else:
            item.legend.setBrush(colors.background)
        return item.legend

    def _draw_burnup(
        self,
        points: list[ProgressPoint],
        daily: dict[date, int],
        minutes_before: int,
        forecast: Forecast,
        plan_hours_per_week: float | None,
        colors: ChartColors,
    ) -> None:
        pg = self._pg
        plot = self.plots["burnup"]
        self._legend(plot, colors, columns=1)  # narrow: the scope's label sits at the right
        xs = [day_seconds(p.day) for p in points]
        done = [p.estimated_hours_done for p in points]
        fill = QColor(BLUE)
        fill.setAlpha(60)
        self.items["burnup_done"] = plot.plot(
            xs,
            done,
            pen=pg.mkPen(BLUE, width=2.5),
            fillLevel=0,
            brush=fill,
            name=tr("Work done (estimated h)"),
        )
        studied: list[float] = []
        total = minutes_before
        for p in points:
            total += daily.get(p.day, 0)
            studied.append(total / 60)
        self.items["burnup_studied"] = plot.plot(
            xs, studied, pen=pg.mkPen(GREEN, width=2), name=tr("Hours studied")
        )
        last_x = xs[-1] if xs else day_seconds(self.today)
        if plan_hours_per_week and points:
            start_value = done[0]
            days_to_scope = (forecast.total_hours - start_value) / plan_hours_per_week * 7
            end_days = min(len(points) - 1 + 7 * 4, max(0.0, days_to_scope))
            plan_x = [xs[0], xs[0] + end_days * DAY_SECONDS]
            plan_y = [start_value, start_value + plan_hours_per_week / 7 * end_days]
            self.items["burnup_plan"] = plot.plot(
                plan_x,
                plan_y,
                pen=pg.mkPen(ORANGE, width=2, style=Qt.PenStyle.DashLine),
                name=tr("Plan: %s h/week") % f"{plan_hours_per_week:g}",
            )
            last_x = max(last_x, plan_x[-1])
        else:
            self.items.pop("burnup_plan", None)
        if forecast.finish_date is not None and points and forecast.remaining_hours > 0:
            # From today's work done to all the work on the forecast date, cut at four weeks.
            horizon = self.today + timedelta(days=28)
            end = min(forecast.finish_date, horizon)
            span = (forecast.finish_date - self.today).days or 1
            gap = max(0.0, forecast.total_hours - done[-1])
            reached = done[-1] + gap * min(1.0, (end - self.today).days / span)
            self.items["burnup_projection"] = plot.plot(
                [xs[-1], day_seconds(end)],
                [done[-1], reached],
                pen=pg.mkPen(BLUE, width=2, style=Qt.PenStyle.DotLine),
                name=tr("At your pace"),
            )
            last_x = max(last_x, day_seconds(end))
        scope = forecast.total_hours
        self.items["burnup_scope"] = pg.InfiniteLine(
            pos=scope,
            angle=0,
            pen=pg.mkPen(colors.muted, width=1.5, style=Qt.PenStyle.DashLine),
            label=tr("all estimated work: %s h") % f"{scope:g}",
            labelOpts={"position": 0.98, "color": colors.muted, "anchors": [(1, 1), (1, 1)]},
        )
        plot.addItem(self.items["burnup_scope"])
        plot.setLabel("left", tr("hours"), color=colors.muted.name())
        top = max([scope, *done, *studied, 1.0]) * 1.45  # room for the legend above the scope
        first_x = xs[0] if xs else last_x - 28 * DAY_SECONDS
        plot.setXRange(first_x, last_x, padding=0.02)
        plot.setYRange(0, top, padding=0)

    def _draw_done(
        self, points: list[ProgressPoint], totals: tuple[int, int], colors: ChartColors
    ) -> None:
        pg = self._pg
        plot = self.plots["done"]
        self._legend(plot, colors)
        xs = [day_seconds(p.day) for p in points]
        skills = [p.skills_done for p in points]
        resources = [p.resources_done for p in points]
        self.items["done_skills"] = plot.plot(
            xs, skills, pen=pg.mkPen(PURPLE, width=2.5), name=tr("Skills (of %d)") % totals[0]
        )
        self.items["done_resources"] = plot.plot(
            xs, resources, pen=pg.mkPen(ORANGE, width=2.5), name=tr("Resources (of %d)") % totals[1]
        )
        plot.setLabel("left", tr("count"), color=colors.muted.name())
        top = max([*skills, *resources, 4])
        plot.setYRange(0, top * 1.3, padding=0)
        if xs:
            plot.setXRange(xs[0], xs[-1], padding=0.02)

    def _draw_hours(
        self, weeks: list[WeekHours], plan_hours_per_week: float | None, colors: ChartColors
    ) -> None:
        pg = self._pg
        plot = self.plots["hours"]
        xs = [day_seconds(week.week_start) + 3.5 * DAY_SECONDS for week in weeks]
        heights = [week.hours for week in weeks]
        bars = pg.BarGraphItem(
            x=xs, height=heights, width=5.6 * DAY_SECONDS, brush=QColor(GREEN), pen=pg.mkPen(None)
        )
        plot.addItem(bars)
        self.items["hours_bars"] = bars
        if plan_hours_per_week:
            line = pg.InfiniteLine(
                pos=plan_hours_per_week,
                angle=0,
                pen=pg.mkPen(ORANGE, width=2, style=Qt.PenStyle.DashLine),
                label=tr("plan %s h") % f"{plan_hours_per_week:g}",
                labelOpts={"position": 0.05, "color": ORANGE, "anchors": [(0, 1), (0, 1)]},
            )
            plot.addItem(line)
            self.items["hours_plan"] = line
        else:
            self.items.pop("hours_plan", None)
        plot.setLabel("left", tr("hours"), color=colors.muted.name())
        top = max([*heights, plan_hours_per_week or 0.0, 1.0]) * 1.15
        plot.setYRange(0, top, padding=0)
        if xs:
            plot.setXRange(xs[0] - 4 * DAY_SECONDS, xs[-1] + 4 * DAY_SECONDS, padding=0)

    def _draw_calendar(
        self, daily: dict[date, int], first: date, today: date, colors: ChartColors
    ) -> None:
        """A week per column (Monday on top), like Anki's and GitHub's calendars."""
        pg = self._pg
        plot = self.plots["calendar"]
        self.calendar_minutes = dict(daily)
        monday = week_start(first)
        palette = colors.heat_colors()
        brushes = [pg.mkBrush(color) for color in palette]
        spots = []
        day = monday
        while day <= today:
            column = (day - monday).days // 7
            row = day.weekday()
            minutes = daily.get(day, 0) if day >= first else 0
            level = heat_level(minutes)
            tip = f"{format_day(day)}: {minutes} min" if minutes else f"{format_day(day)}: —"
            spots.append(
                {
                    "pos": (column, row),
                    "brush": brushes[level],
                    "data": (day.isoformat(), minutes, tip),
                }
            )
            day += timedelta(days=1)
        scatter = pg.ScatterPlotItem(
            spots=spots,
            symbol="s",
            size=0.82,
            pxMode=False,
            pen=pg.mkPen(None),
            hoverable=True,
            tip=lambda x, y, data: data[2],
        )
        plot.addItem(scatter)
        self.items["calendar"] = scatter
        columns = (today - monday).days // 7 + 1
        item = plot.getPlotItem()
        item.showGrid(x=False, y=False)
        item.invertY(True)
        item.setAspectLocked(True)
        left = item.getAxis("left")
        left.setTicks([[(0, tr("Mon")), (2, tr("Wed")), (4, tr("Fri")), (6, tr("Sun"))]])
        left.setStyle(tickLength=0)
        item.hideAxis("bottom")
        item.getAxis("left").setPen(pg.mkPen(None))
        previous_month = None
        for column in range(columns):
            sunday = monday + timedelta(days=7 * column + 6)
            if sunday.month != previous_month and sunday.day <= 7:
                label = pg.TextItem(sunday.strftime("%b"), color=colors.text, anchor=(0, 1))
                label.setPos(column - 0.45, -0.5)
                plot.addItem(label)
            previous_month = sunday.month
        plot.setXRange(-0.6, columns - 0.4, padding=0)
        plot.setYRange(-1.6, 8.2, padding=0)
        self._calendar_legend(plot, palette, columns)

    def _calendar_legend(self, plot: Any, palette: list[QColor], columns: int) -> None:
        """'less ■■■■■ more' under the calendar, as text items in data coordinates."""
        pg = self._pg
        for key in [k for k in self.items if k.startswith("calendar_key")]:
            self.items.pop(key)
        x0 = columns - 7.5
        label_less = pg.TextItem(
            tr("less"), color=ChartColors.from_palette(self.palette()).muted, anchor=(1, 0.5)
        )
        label_less.setPos(x0 - 0.55, 7.6)
        plot.addItem(label_less)
        key = pg.ScatterPlotItem(
            x=[x0 + n for n in range(len(palette))],
            y=[7.6] * len(palette),
            symbol="s",
            size=0.82,
            pxMode=False,
            pen=pg.mkPen(None),
            brush=[pg.mkBrush(color) for color in palette],
        )
        plot.addItem(key)
        label_more = pg.TextItem(
            tr("more"), color=ChartColors.from_palette(self.palette()).muted, anchor=(0, 0.5)
        )
        label_more.setPos(x0 + len(palette) - 0.25, 7.6)
        plot.addItem(label_more)
        self.items["calendar_key"] = key
