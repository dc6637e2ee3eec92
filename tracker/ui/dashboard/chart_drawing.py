"""Drawing the progress charts with pyqtgraph: burn-up, things done, hours per week, calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QPalette

from tracker.domain.forecast import Forecast, format_day
from tracker.domain.study import ProgressPoint, WeekHours, week_start
from tracker.formatting import minutes as minutes_text

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


def heat_level(minutes: int) -> int:
    """0 for no study, then 1-4 from a few minutes to two hours or more."""
    return sum(1 for threshold in HEAT_THRESHOLDS if minutes >= threshold)


@lru_cache(maxsize=4096)
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


@dataclass(frozen=True)
class BurnupLines:
    """What the burn-up chart draws: work done, hours studied, the plan and the projection
    (when there are), the scope line, and the visible range."""

    xs: list[float]
    done: list[float]
    studied: list[float]
    plan: tuple[list[float], list[float]] | None
    plan_hours_per_week: float | None
    projection: tuple[list[float], list[float]] | None
    scope: float
    x_range: tuple[float, float]
    top: float

    @property
    def shape(self) -> tuple[object, ...]:
        """What the legend and the scope line show: equal shapes differ only in their data."""
        return (self.plan_hours_per_week, self.projection is None, self.scope)


def burnup_lines(
    points: list[ProgressPoint],
    daily: dict[date, int],
    minutes_before: int,
    forecast: Forecast,
    plan_hours_per_week: float | None,
    today: date,
) -> BurnupLines:
    xs = [day_seconds(p.day) for p in points]
    done = [p.estimated_hours_done for p in points]
    studied: list[float] = []
    total = minutes_before
    for p in points:
        total += daily.get(p.day, 0)
        studied.append(total / 60)
    last_x = xs[-1] if xs else day_seconds(today)
    plan = None
    if plan_hours_per_week and points:
        start_value = done[0]
        days_to_scope = (forecast.total_hours - start_value) / plan_hours_per_week * 7
        end_days = min(len(points) - 1 + 7 * 4, max(0.0, days_to_scope))
        plan = (
            [xs[0], xs[0] + end_days * DAY_SECONDS],
            [start_value, start_value + plan_hours_per_week / 7 * end_days],
        )
        last_x = max(last_x, plan[0][-1])
    projection = None
    if forecast.finish_date is not None and points and forecast.remaining_hours > 0:
        # From today's work done to all the work on the forecast date, cut at four weeks.
        end = min(forecast.finish_date, today + timedelta(days=28))
        span = (forecast.finish_date - today).days or 1
        gap = max(0.0, forecast.total_hours - done[-1])
        reached = done[-1] + gap * min(1.0, (end - today).days / span)
        projection = ([xs[-1], day_seconds(end)], [done[-1], reached])
        last_x = max(last_x, day_seconds(end))
    scope = forecast.total_hours
    top = max([scope, *done, *studied, 1.0]) * 1.45  # room for the legend above the scope
    first_x = xs[0] if xs else last_x - 28 * DAY_SECONDS
    return BurnupLines(
        xs,
        done,
        studied,
        plan,
        plan_hours_per_week if plan is not None else None,
        projection,
        scope,
        (first_x, last_x),
        top,
    )


class ChartPainter:
    """Draws data into the four plots (``plots`` by chart name); ``items`` keeps what it drew."""

    def __init__(self, pg: Any, plots: dict[str, Any], items: dict[str, Any]) -> None:
        self.pg = pg
        self.plots = plots
        self.items = items
        self._burnup_shape: tuple[object, ...] | None = None
        self._done_totals: tuple[int, int] | None = None

    @staticmethod
    def first_active_day(
        points: list[ProgressPoint], daily: dict[date, int], first: date, today: date
    ) -> date:
        """Start the time charts a week before the first activity (at most the full range)."""
        active = [p.day for p in points if p.skills_done or p.resources_done] + [
            day for day, minutes in daily.items() if minutes
        ]
        if not active:
            return max(first, today - timedelta(days=27))
        return max(first, min(active) - timedelta(days=7))

    def style(self, plot: Any, colors: ChartColors) -> None:
        pg = self.pg
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

    def legend(self, plot: Any, colors: ChartColors, columns: int = 2) -> Any:
        item = plot.getPlotItem()
        if item.legend is None:
            item.addLegend(
                offset=(8, 4), labelTextColor=colors.text, brush=colors.background, colCount=columns
            )
        else:
            item.legend.setBrush(colors.background)
        return item.legend

    def draw_burnup(self, lines: BurnupLines, colors: ChartColors) -> None:
        pg = self.pg
        plot = self.plots["burnup"]
        self.legend(plot, colors, columns=1)  # narrow: the scope's label sits at the right
        fill = QColor(BLUE)
        fill.setAlpha(60)
        self.items["burnup_done"] = plot.plot(
            lines.xs,
            lines.done,
            pen=pg.mkPen(BLUE, width=2.5),
            fillLevel=0,
            brush=fill,
            name=QCoreApplication.translate("ProgressChartsWidget", "Work done (estimated h)"),
        )
        self.items["burnup_studied"] = plot.plot(
            lines.xs,
            lines.studied,
            pen=pg.mkPen(GREEN, width=2),
            name=QCoreApplication.translate("ProgressChartsWidget", "Hours studied"),
        )
        self.items.pop("burnup_plan", None)
        self.items.pop("burnup_projection", None)
        if lines.plan is not None:
            self.items["burnup_plan"] = plot.plot(
                *lines.plan,
                pen=pg.mkPen(ORANGE, width=2, style=Qt.PenStyle.DashLine),
                name=QCoreApplication.translate("ProgressChartsWidget", "Plan: %s h/week")
                % f"{lines.plan_hours_per_week:g}",
            )
        if lines.projection is not None:
            self.items["burnup_projection"] = plot.plot(
                *lines.projection,
                pen=pg.mkPen(BLUE, width=2, style=Qt.PenStyle.DotLine),
                name=QCoreApplication.translate("ProgressChartsWidget", "At your pace"),
            )
        self.items["burnup_scope"] = pg.InfiniteLine(
            pos=lines.scope,
            angle=0,
            pen=pg.mkPen(colors.muted, width=1.5, style=Qt.PenStyle.DashLine),
            label=QCoreApplication.translate("ProgressChartsWidget", "all estimated work: %s h")
            % f"{lines.scope:g}",
            labelOpts={"position": 0.98, "color": colors.muted, "anchors": [(1, 1), (1, 1)]},
        )
        plot.addItem(self.items["burnup_scope"])
        plot.setLabel(
            "left",
            QCoreApplication.translate("ProgressChartsWidget", "hours"),
            color=colors.muted.name(),
        )
        self._burnup_ranges(lines)
        self._burnup_shape = lines.shape

    def update_burnup(self, lines: BurnupLines) -> bool:
        """Move the drawn lines to ``lines`` (False: they need drawing anew)."""
        if self._burnup_shape != lines.shape:
            return False
        self.items["burnup_done"].setData(lines.xs, lines.done)
        self.items["burnup_studied"].setData(lines.xs, lines.studied)
        if lines.plan is not None:
            self.items["burnup_plan"].setData(*lines.plan)
        if lines.projection is not None:
            self.items["burnup_projection"].setData(*lines.projection)
        self._burnup_ranges(lines)
        return True

    def _burnup_ranges(self, lines: BurnupLines) -> None:
        plot = self.plots["burnup"]
        plot.setXRange(*lines.x_range, padding=0.02)
        plot.setYRange(0, lines.top, padding=0)

    def draw_done(
        self, points: list[ProgressPoint], totals: tuple[int, int], colors: ChartColors
    ) -> None:
        pg = self.pg
        plot = self.plots["done"]
        self.legend(plot, colors)
        xs = [day_seconds(p.day) for p in points]
        skills = [p.skills_done for p in points]
        resources = [p.resources_done for p in points]
        self.items["done_skills"] = plot.plot(
            xs,
            skills,
            pen=pg.mkPen(PURPLE, width=2.5),
            name=QCoreApplication.translate("ProgressChartsWidget", "Skills (of %d)") % totals[0],
        )
        self._done_totals = totals
        self.items["done_resources"] = plot.plot(
            xs,
            resources,
            pen=pg.mkPen(ORANGE, width=2.5),
            name=QCoreApplication.translate("ProgressChartsWidget", "Resources (of %d)")
            % totals[1],
        )
        plot.setLabel(
            "left",
            QCoreApplication.translate("ProgressChartsWidget", "count"),
            color=colors.muted.name(),
        )
        top = max([*skills, *resources, 4])
        plot.setYRange(0, top * 1.3, padding=0)
        if xs:
            plot.setXRange(xs[0], xs[-1], padding=0.02)

    def update_done(self, points: list[ProgressPoint], totals: tuple[int, int]) -> bool:
        """Move the drawn lines to ``points`` (False: the legend's totals changed)."""
        if totals != self._done_totals or "done_skills" not in self.items:
            return False
        xs = [day_seconds(p.day) for p in points]
        skills = [p.skills_done for p in points]
        resources = [p.resources_done for p in points]
        self.items["done_skills"].setData(xs, skills)
        self.items["done_resources"].setData(xs, resources)
        plot = self.plots["done"]
        plot.setYRange(0, max([*skills, *resources, 4]) * 1.3, padding=0)
        if xs:
            plot.setXRange(xs[0], xs[-1], padding=0.02)
        return True

    def draw_hours(
        self, weeks: list[WeekHours], plan_hours_per_week: float | None, colors: ChartColors
    ) -> None:
        pg = self.pg
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
                label=QCoreApplication.translate("ProgressChartsWidget", "plan %s h")
                % f"{plan_hours_per_week:g}",
                labelOpts={"position": 0.05, "color": ORANGE, "anchors": [(0, 1), (0, 1)]},
            )
            plot.addItem(line)
            self.items["hours_plan"] = line
        else:
            self.items.pop("hours_plan", None)
        plot.setLabel(
            "left",
            QCoreApplication.translate("ProgressChartsWidget", "hours"),
            color=colors.muted.name(),
        )
        top = max([*heights, plan_hours_per_week or 0.0, 1.0]) * 1.15
        plot.setYRange(0, top, padding=0)
        if xs:
            plot.setXRange(xs[0] - 4 * DAY_SECONDS, xs[-1] + 4 * DAY_SECONDS, padding=0)

    def draw_calendar(
        self, daily: dict[date, int], first: date, today: date, colors: ChartColors
    ) -> None:
        """A week per column (Monday on top), like Anki's and GitHub's calendars."""
        pg = self.pg
        plot = self.plots["calendar"]
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
            tip = f"{format_day(day)}: {minutes_text(minutes) if minutes else '—'}"
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
        left.setTicks(
            [
                [
                    (0, QCoreApplication.translate("ProgressChartsWidget", "Mon")),
                    (2, QCoreApplication.translate("ProgressChartsWidget", "Wed")),
                    (4, QCoreApplication.translate("ProgressChartsWidget", "Fri")),
                    (6, QCoreApplication.translate("ProgressChartsWidget", "Sun")),
                ]
            ]
        )
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
        self.calendar_legend(plot, palette, columns, colors)

    def calendar_legend(
        self, plot: Any, palette: list[QColor], columns: int, colors: ChartColors
    ) -> None:
        """'less ■■■■■ more' under the calendar, as text items in data coordinates."""
        pg = self.pg
        for key in [k for k in self.items if k.startswith("calendar_key")]:
            self.items.pop(key)
        x0 = columns - 7.5
        label_less = pg.TextItem(
            QCoreApplication.translate("ProgressChartsWidget", "less"),
            color=colors.muted,
            anchor=(1, 0.5),
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
            QCoreApplication.translate("ProgressChartsWidget", "more"),
            color=colors.muted,
            anchor=(0, 0.5),
        )
        label_more.setPos(x0 + len(palette) - 0.25, 7.6)
        plot.addItem(label_more)
        self.items["calendar_key"] = key
