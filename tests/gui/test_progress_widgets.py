"""The progress widgets driven as a learner would: timer across a restart, log edits, charts."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from tests.gui.history import seed_history, study_minutes
from tracker.clock import local_today
from tracker.domain.study import week_start
from tracker.ui.dashboard.charts import ChartColors, ProgressChartsWidget, heat_level
from tracker.ui.dashboard.revisits import RevisitsWidget
from tracker.ui.dashboard.studylog_editor import StudyLogEditor
from tracker.ui.dashboard.timer import StudyTimerWidget
from tracker.wiring import Services, Settings, open_services

TODAY = date(2026, 11, 25)


class FakeClock:
    """Naive-UTC time that moves only when the test says so (no waiting, no timing)."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 20, 17, 0, 0)

    def __call__(self) -> datetime:
        return self.now


def test_a_timer_keeps_running_across_a_restart_and_stopping_logs_it(
    qtbot: QtBot, settings: Settings
) -> None:
    clock = FakeClock()
    first = open_services(settings)
    widget = StudyTimerWidget(first.studylog, "flask", clock=clock)
    qtbot.addWidget(widget)
    assert widget.select_item("prerequisite", "html5")
    with qtbot.waitSignal(widget.timer_started, timeout=1000):
        qtbot.mouseClick(widget.start_stop_button, Qt.MouseButton.LeftButton)
    assert widget.start_stop_button.text() == "Stop && log"
    widget.close()
    first.close()

    clock.now += timedelta(minutes=25, seconds=10)
    second = open_services(settings)
    restarted = StudyTimerWidget(second.studylog, "flask", clock=clock)
    qtbot.addWidget(restarted)
    assert restarted.is_running
    assert restarted.item_combo.currentData() == "prerequisite:html5"
    assert restarted.elapsed_label.text() == "00:25:10"
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


def test_a_timer_left_on_asks_how_long_the_study_was(qtbot: QtBot, services: Services) -> None:
    clock = FakeClock()
    widget = StudyTimerWidget(services.studylog, "flask", clock=clock)
    qtbot.addWidget(widget)
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
    assert [entry.minutes for entry in services.studylog.entries("flask")] == [80]


def test_a_timer_started_elsewhere_shows_as_running_and_can_be_discarded(
    qtbot: QtBot, services: Services
) -> None:
    services.studylog.start_timer("flask", "resource", "mdn-css")
    widget = StudyTimerWidget(services.studylog, "flask")
    qtbot.addWidget(widget)
    assert widget.is_running and widget.item_combo.currentData() == "resource:mdn-css"
    widget.discard()
    assert services.studylog.running_timer() is None and services.studylog.entries("flask") == []


def test_the_log_editor_adds_edits_deletes_and_undoes(
    qtbot: QtBot, services: Services, settings: Settings, qtmodeltester: object
) -> None:
    editor = StudyLogEditor(services.studylog, "flask")
    qtbot.addWidget(editor)
    editor.date_edit.setDate(editor.date_edit.date().addDays(-2))
    editor.minutes_spin.setValue(50)
    editor.item_combo.setCurrentIndex(editor.item_combo.findData("resource:mdn-html"))
    editor.note_edit.setText("forms and tables")
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)

    def saved() -> list[tuple[date, int, str | None, str]]:
        fresh = open_services(settings)
        try:
            return [
                (e.day, e.minutes, e.item_slug, e.note) for e in fresh.studylog.entries("flask")
            ]
        finally:
            fresh.close()

    two_days_ago = local_today() - timedelta(days=2)
    assert saved() == [(two_days_ago, 50, "mdn-html", "forms and tables")]
    assert editor.model.rowCount() == 1
    assert editor.model.index(0, 2).data() == "MDN: HTML"
    qtmodeltester.check(editor.model)  # type: ignore[attr-defined]

    editor.table.selectRow(0)
    assert editor.minutes_spin.value() == 50
    editor.minutes_spin.setValue(65)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert saved()[0][1] == 65
    qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    assert saved()[0][1] == 50

    editor.table.selectRow(0)
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert saved() == [] and editor.model.rowCount() == 0
    qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    assert saved() == [(two_days_ago, 50, "mdn-html", "forms and tables")]
    assert editor.model.rowCount() == 1
    editor.undo_stack.redo()  # delete again
    assert saved() == []
    editor.undo_stack.undo()  # back again
    assert saved()[0][1] == 50
    editor.undo_stack.undo()  # undoing the add removes the entry
    assert saved() == [] and not editor.undo_stack.canUndo()


def test_a_bad_entry_shows_a_message_and_changes_nothing(qtbot: QtBot, services: Services) -> None:
    editor = StudyLogEditor(services.studylog, "flask")
    qtbot.addWidget(editor)
    editor.date_edit.setDate(editor.date_edit.date().addDays(30))
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert "in the future" in editor.message_label.text()
    assert services.studylog.entries("flask") == [] and not editor.undo_stack.canUndo()


@pytest.fixture
def seeded(services: Services) -> Services:
    seed_history(services, TODAY)
    return services


def test_charts_plot_the_seeded_history(qtbot: QtBot, seeded: Services, tmp_path: Path) -> None:
    charts = ProgressChartsWidget(seeded.plan, seeded.studylog, "flask", today=TODAY)
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
    charts = ProgressChartsWidget(seeded.plan, seeded.studylog, "flask", today=TODAY)
    qtbot.addWidget(charts)
    charts.show()
    assert not charts.study_days_label.isHidden()
    assert charts.study_days_label.text().startswith("Studied 5 of the last 7 days")


def test_charts_with_no_history_show_an_honest_forecast(qtbot: QtBot, services: Services) -> None:
    charts = ProgressChartsWidget(services.plan, services.studylog, "flask", today=TODAY)
    qtbot.addWidget(charts)
    charts.show()
    assert "No forecast yet" in charts.forecast_label.text()
    assert list(charts.items["hours_bars"].opts["height"]) == [0.0] * 26
    assert "burnup_plan" not in charts.items


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
        "w = tracker.ui.dashboard.charts.ProgressChartsWidget(s.plan, s.studylog, 'flask')\n"
        "assert 'pyqtgraph' not in sys.modules, 'imported by the constructor'\n"
        "w.show()\n"
        "assert 'pyqtgraph' in sys.modules and w.is_built\n"
        "print('ok')\n"
    )
    root = Path(__file__).resolve().parents[2]
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
    widget = RevisitsWidget(services.revisits, "flask", today=later)
    qtbot.addWidget(widget)
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
