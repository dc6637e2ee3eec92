"""The progress widgets driven as a learner would: timer across a restart, log edits, charts."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from tests.gui.conftest import WindowFactory
from tests.gui.history import seed_history, study_minutes
from tracker.clock import local_today, utcnow
from tracker.domain.study import week_start
from tracker.ui.dashboard.charts import ChartColors, ProgressChartsWidget, heat_level
from tracker.ui.dashboard.revisits import RevisitsWidget
from tracker.ui.dashboard.timer import StudyTimerWidget
from tracker.ui.dashboard.timer_control import TimerControl
from tracker.ui.shell.context import AppContext
from tracker.ui.shell.main_window import MainWindow
from tracker.wiring import Services, Settings, open_services

TODAY = date(2026, 11, 25)
Fresh = Callable[[], Services]


class FakeClock:
    """Naive-UTC time that moves only when the test says so (no waiting, no timing)."""

    def __init__(self) -> None:
        self.now = utcnow().replace(microsecond=0) - timedelta(hours=1)

    def __call__(self) -> datetime:
        return self.now


def timer_of(window: MainWindow, clock: FakeClock) -> StudyTimerWidget:
    TimerControl.of(window.context).clock = clock
    window.show_page("dashboard")
    timer = window.dashboard.progress.timer
    assert timer is not None
    return timer


def test_a_timer_keeps_running_across_a_restart_and_stopping_logs_it(
    qtbot: QtBot, make_window: WindowFactory, settings: Settings
) -> None:
    clock = FakeClock()
    first = make_window()
    widget = timer_of(first, clock)
    assert widget.select_item("prerequisite", "html5")
    with qtbot.waitSignal(widget.timer_started, timeout=1000):
        qtbot.mouseClick(widget.start_stop_button, Qt.MouseButton.LeftButton)
    assert widget.start_stop_button.text() == "Stop && log"
    first.close()

    clock.now += timedelta(minutes=25, seconds=10)
    second = make_window()
    restarted = timer_of(second, clock)
    assert restarted.is_running
    assert restarted.item_combo.currentData() == "prerequisite:html5"
    restarted._update_elapsed()
    assert restarted.elapsed_label.text() == "0:25:10"
    assert "Running on HTML5" in restarted.status_label.text()
    with qtbot.waitSignal(restarted.session_logged, timeout=1000) as logged:
        qtbot.mouseClick(restarted.start_stop_button, Qt.MouseButton.LeftButton)
    assert logged.args == [25]
    assert not restarted.is_running and restarted.start_stop_button.text() == "Start"
    second.close()

    fresh = open_services(settings)
    [entry] = fresh.studylog.entries("flask")
    assert (entry.item_kind, entry.item_slug, entry.minutes) == ("prerequisite", "html5", 25)
    assert fresh.studylog.running_timer() is None
    fresh.close()


def test_a_timer_left_on_asks_how_long_the_study_was(
    qtbot: QtBot, window: MainWindow, fresh: Fresh
) -> None:
    clock = FakeClock()
    widget = timer_of(window, clock)
    widget.start()
    clock.now += timedelta(hours=15)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        dialog.setIntValue(80)
        dialog.accept()

    QTimer.singleShot(0, answer)
    with qtbot.waitSignal(widget.session_logged, timeout=3000) as logged:
        qtbot.mouseClick(widget.start_stop_button, Qt.MouseButton.LeftButton)
    assert logged.args == [80]
    assert [entry.minutes for entry in fresh().studylog.entries("flask")] == [80]


def test_a_timer_started_elsewhere_shows_as_running_and_discarding_is_undoable(
    qtbot: QtBot, services: Services, make_window: WindowFactory, fresh: Fresh
) -> None:
    services.studylog.start_timer("flask", "resource", "mdn-css")
    window = make_window()
    widget = timer_of(window, FakeClock())
    assert widget.is_running and widget.item_combo.currentData() == "resource:mdn-css"
    widget.discard()
    assert not widget.is_running
    assert fresh().studylog.running_timer() is None and fresh().studylog.entries("flask") == []
    assert window.undo_action.text() == "&Undo Discard timer"
    window.undo_action.trigger()
    assert widget.is_running  # the dashboard shows what the undo put back
    running = fresh().studylog.running_timer()
    assert running is not None and running.item_slug == "mdn-css"


def test_the_log_editor_adds_edits_deletes_and_undoes(
    qtbot: QtBot, window: MainWindow, fresh: Fresh, qtmodeltester: object
) -> None:
    editor = window.dashboard.progress.open_study_log().editor
    editor.date_edit.setDate(editor.date_edit.date().addDays(-2))
    editor.minutes_spin.setValue(50)
    editor.item_combo.setCurrentIndex(editor.item_combo.findData("resource:mdn-html"))
    editor.note_edit.setText("forms and tables")
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)

    def saved() -> list[tuple[date, int, str | None, str]]:
        return [(e.day, e.minutes, e.item_slug, e.note) for e in fresh().studylog.entries("flask")]

    two_days_ago = local_today() - timedelta(days=2)
    assert saved() == [(two_days_ago, 50, "mdn-html", "forms and tables")]
    assert editor.model.rowCount() == 1
    assert editor.model.index(0, 2).data() == "MDN: HTML"
    assert editor.total_label.text() == "1 entry, 50 min in all"
    qtmodeltester.check(editor.model)  # type: ignore[attr-defined]

    editor.table.selectRow(0)
    assert editor.minutes_spin.value() == 50
    editor.minutes_spin.setValue(65)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert saved()[0][1] == 65
    qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    assert saved()[0][1] == 50 and editor.model.index(0, 1).data() == 50

    editor.table.selectRow(0)
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert saved() == [] and editor.model.rowCount() == 0
    qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    assert saved() == [(two_days_ago, 50, "mdn-html", "forms and tables")]
    assert editor.model.rowCount() == 1
    window.context.redo()  # delete again
    assert saved() == [] and editor.model.rowCount() == 0
    window.context.undo()  # back again
    assert saved()[0][1] == 50
    window.context.undo()  # the edit
    window.context.undo()  # undoing the add removes the entry
    assert saved() == [] and window.context.undo_status().undo is None


def test_a_bad_entry_says_why_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, fresh: Fresh
) -> None:
    editor = window.dashboard.progress.open_study_log().editor
    editor.date_edit.setDate(editor.date_edit.date().addDays(30))
    with qtbot.waitSignal(window.context.save_failed, timeout=1000) as failed:
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert "in the future" in str(failed.args[0])
    assert fresh().studylog.entries("flask") == []
    assert window.context.undo_status().undo is None


@pytest.fixture
def seeded(services: Services) -> Services:
    seed_history(services, TODAY)
    return services


def test_charts_plot_the_seeded_history(qtbot: QtBot, seeded: Services, tmp_path: Path) -> None:
    charts = ProgressChartsWidget()
    charts.show_series(seeded.progress.charts("flask", today=TODAY))
    qtbot.addWidget(charts)
    assert not charts.is_built
    charts.resize(1100, 720)
    with qtbot.waitSignal(charts.charts_built, timeout=5000):
        charts.show()

    # Hours per week: one bar per week of the last 26, heights from the seeded pattern.
    first = TODAY - timedelta(days=26 * 7 - 1)
    first_monday = week_start(TODAY) - timedelta(days=7 * 25)
    expected: dict[date, float] = {}
    for days_ago in range((TODAY - first_monday).days + 1):
        day = TODAY - timedelta(days=days_ago)
        key = week_start(day)
        expected[key] = expected.get(key, 0) + study_minutes(days_ago) / 60
    bars = charts.items["hours_bars"]
    heights = list(bars.opts["height"])
    assert len(heights) == 26
    assert heights == pytest.approx([expected[k] for k in sorted(expected)])
    assert heights[-12] == 0  # a week inside the seeded pause shows as an empty week

    # Burn-up: work done ends at today's value and the plan line is 5 h/week.
    _, done = charts.items["burnup_done"].getData()
    points = seeded.plan.progress_over_time("flask", TODAY, TODAY)
    assert done[-1] == pytest.approx(points[-1].estimated_hours_done)
    assert list(done) == sorted(done)  # the seeded history never unticks
    plan_x, plan_y = charts.items["burnup_plan"].getData()
    slope_per_day = (plan_y[1] - plan_y[0]) / ((plan_x[1] - plan_x[0]) / 86_400)
    assert slope_per_day == pytest.approx(5 / 7)

    # Skills and resources done, replayed from the event log.
    _, skills = charts.items["done_skills"].getData()
    _, resources = charts.items["done_resources"].getData()
    assert (skills[0], skills[-1]) == (0, 9) and (resources[0], resources[-1]) == (0, 6)

    # The calendar: a square per day, coloured by the minutes studied that day.
    spots = charts.items["calendar"].data
    by_day = {spot["data"][0]: spot for spot in spots}
    palette = ChartColors.from_palette(charts.palette()).heat_colors()
    for days_ago in (0, 1, 2, 5, 12, 75):
        day = TODAY - timedelta(days=days_ago)
        spot = by_day[day.isoformat()]
        assert spot["data"][1] == study_minutes(days_ago)
        assert spot["brush"].color() == palette[heat_level(study_minutes(days_ago))]
        assert (spot["x"], spot["y"]) == ((day - week_start(first)).days // 7, day.weekday())
    studied = sum(1 for spot in spots if spot["data"][1] > 0)
    assert studied == sum(1 for n in range((TODAY - first).days + 1) if study_minutes(n))

    assert "At your pace of" in charts.forecast_label.text()
    assert charts.study_days_label.isHidden()  # streaks are opt-in

    target = tmp_path / "hours.png"
    assert charts.save_png("hours", target)
    image = QImage(str(target))
    assert not image.isNull() and image.width() > 300


def test_streaks_show_only_when_turned_on(qtbot: QtBot, seeded: Services) -> None:
    seeded.plan.set_streaks_enabled(True)
    charts = ProgressChartsWidget()
    charts.show_series(seeded.progress.charts("flask", today=TODAY))
    qtbot.addWidget(charts)
    charts.show()
    assert not charts.study_days_label.isHidden()
    assert charts.study_days_label.text().startswith("Studied 5 of the last 7 days")


def test_charts_with_no_history_show_an_honest_forecast(qtbot: QtBot, services: Services) -> None:
    charts = ProgressChartsWidget()
    charts.show_series(services.progress.charts("flask", today=TODAY))
    qtbot.addWidget(charts)
    charts.show()
    assert "No forecast yet" in charts.forecast_label.text()
    assert list(charts.items["hours_bars"].opts["height"]) == [0.0] * 26
    assert "burnup_plan" not in charts.items


@pytest.mark.slow
def test_importing_the_widgets_does_not_import_pyqtgraph(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "import tracker.ui.dashboard.charts, tracker.ui.dashboard.timer\n"
        "import tracker.ui.dashboard.studylog_editor, tracker.ui.dashboard.revisits\n"
        "assert 'pyqtgraph' not in sys.modules, 'imported at module import'\n"
        "assert 'sqlalchemy' not in sys.modules, 'the widgets pulled in the storage layer'\n"
        "from tracker.wiring import Settings, open_services\n"
        "s = open_services(Settings.resolve(sys.argv[1]))\n"
        "w = tracker.ui.dashboard.charts.ProgressChartsWidget()\n"
        "w.show_series(s.progress.charts('flask'))\n"
        "assert 'pyqtgraph' not in sys.modules, 'imported by the constructor'\n"
        "w.show()\n"
        "assert 'pyqtgraph' in sys.modules and w.is_built\n"
        "print('ok')\n"
    )
    root = Path(__file__).resolve().parents[3]
    data = tmp_path / "data"
    done = subprocess.run(
        [sys.executable, "-c", code, str(data)],
        capture_output=True,
        text=True,
        cwd=root,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(data)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_revisits_due_are_listed_and_marking_one_moves_it_on(
    qtbot: QtBot, services: Services, settings: Settings
) -> None:
    services.checklist.set_done("flask", "css3", True)
    services.checklist.set_done("flask", "html5", True)
    services.checklist.set_confidence("flask", "css3", 2)
    services.checklist.set_confidence("flask", "html5", 3)
    later = local_today() + timedelta(days=4)  # both are due three days after the rating
    context = AppContext(settings)
    context.attach(services)
    widget = RevisitsWidget(context, today=later)
    qtbot.addWidget(widget)

    def show() -> None:  # what the dashboard does with its snapshot
        widget.show_scheduled("flask", services.revisits.scheduled("flask"))

    context.changed.connect(lambda _changes: show())
    show()
    assert widget.due_slugs() == ["css3", "html5"]
    assert widget.list.item(0).text() == "CSS3, due yesterday"

    widget.list.setCurrentRow(0)
    widget.confidence_combo.setCurrentIndex(widget.confidence_combo.findData(5))
    with qtbot.waitSignal(widget.revisited, timeout=1000) as signal:
        qtbot.mouseClick(widget.revisited_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["css3"]
    assert widget.due_slugs() == ["html5"]

    widget.list.setCurrentRow(0)
    qtbot.mouseClick(widget.revisited_button, Qt.MouseButton.LeftButton)
    assert widget.due_slugs() == []
    assert "next on" in widget.message_label.text()

    fresh = open_services(settings)
    [html5] = fresh.revisits.scheduled("flask")
    assert (html5.slug, html5.due, html5.step) == ("html5", later + timedelta(days=7), 1)
    assert fresh.checklist.checklist("flask").find("css3").confidence == 5  # type: ignore[union-attr]
    fresh.close()

    context.undo()  # the second revisit: html5 is due again
    assert widget.due_slugs() == ["html5"]
