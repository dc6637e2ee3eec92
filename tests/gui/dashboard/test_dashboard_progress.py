"""The study cards in the main window: timers over a restart, forecast, plan, revisits, log."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.gui.conftest import WindowFactory
from tests.gui.history import make_revisit_due, seed_history, study_minutes
from tests.gui.shown import message_box
from tracker.clock import local_today, utcnow
from tracker.domain.forecast import format_day
from tracker.domain.study import week_start
from tracker.locations import DATABASE_FILE
from tracker.ui.dashboard.timer_control import TimerControl
from tracker.ui.shell.main_window import MainWindow
from tracker.wiring import Services, Settings

Fresh = Callable[[], Services]


class FakeClock:
    """Naive-UTC time that moves only when the test says so (no waiting, no timing)."""

    def __init__(self) -> None:
        self.now = utcnow().replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now


def test_a_timer_started_in_the_catalog_survives_a_restart_and_logs_its_minutes(
    qtbot: QtBot, make_window: WindowFactory, fresh: Fresh
) -> None:
    clock = FakeClock()
    first = make_window()
    TimerControl.of(first.context).clock = clock
    first.show_page("catalog")
    first.catalog.select_resource("flask-quickstart")
    timer = first.catalog.timer_button
    assert timer.button.text() == "▶  Start timer"
    qtbot.mouseClick(timer.button, Qt.MouseButton.LeftButton)
    assert timer.is_running_here() and timer.button.text() == "■  Stop && log"
    running = fresh().studylog.running_timer()
    assert running is not None and running.item_slug == "flask-quickstart"
    first.show_page("dashboard")
    card = first.dashboard.progress.timer
    assert card is not None and card.is_running
    assert "Running on Flask quickstart (official)" in card.status_label.text()
    first.close()

    clock.now += timedelta(minutes=25)
    second = make_window()
    TimerControl.of(second.context).clock = clock
    second.show_page("catalog")
    second.catalog.select_resource("flask-quickstart")
    timer = second.catalog.timer_button
    assert timer.is_running_here()
    assert timer.label.text() == "Timer running: 0:25:00"
    qtbot.mouseClick(timer.button, Qt.MouseButton.LeftButton)

    services = fresh()
    [entry] = services.studylog.entries("flask")
    assert (entry.item_kind, entry.item_slug, entry.minutes) == ("resource", "flask-quickstart", 25)
    assert services.studylog.running_timer() is None
    # every page shows it: the catalog's time spent, the stopped button, the dashboard
    assert second.catalog.detail.time_label.text() == "Time spent: 25 min"
    assert timer.button.text() == "▶  Start timer"
    second.show_page("dashboard")
    assert "25 min logged on this path" in second.dashboard.progress.total_label.text()


def test_a_timer_on_a_prerequisite_shows_on_the_dashboard_and_stops_there(
    qtbot: QtBot, window: MainWindow, fresh: Fresh
) -> None:
    clock = FakeClock()
    TimerControl.of(window.context).clock = clock
    window.show_page("prerequisites")
    window.prerequisites.select_skill("html5")
    qtbot.mouseClick(window.prerequisites.timer_button.button, Qt.MouseButton.LeftButton)
    clock.now += timedelta(minutes=40, seconds=20)

    window.show_page("dashboard")
    card = window.dashboard.progress.timer
    assert card is not None and card.is_running
    assert card.item_combo.currentData() == "prerequisite:html5"
    qtbot.mouseClick(card.start_stop_button, Qt.MouseButton.LeftButton)

    [entry] = fresh().studylog.entries("flask")
    assert (entry.item_slug, entry.minutes) == ("html5", 40)
    window.show_page("prerequisites")
    assert "40 min studied" in window.prerequisites.detail.estimate_label.text()
    assert window.prerequisites.timer_button.button.text() == "▶  Start timer"


@pytest.fixture
def seeded(services: Services) -> Services:
    seed_history(services, local_today())
    return services


def test_the_dashboard_charts_plot_the_seeded_history(
    qtbot: QtBot, seeded: Services, make_window: WindowFactory
) -> None:
    window = make_window()
    cards = window.dashboard.progress
    assert cards.charts is None and not cards.charts_placeholder.isHidden()
    with qtbot.waitSignal(cards.charts_ready, timeout=20_000):
        pass  # built shortly after the data is shown, not during start-up
    charts = cards.charts
    assert charts is not None and charts.is_built and cards.charts_placeholder.isHidden()
    today = local_today()

    # hours per week: 26 bars whose heights add up the seeded minutes of each week
    expected: dict[object, float] = {}
    first_monday = week_start(today) - timedelta(days=7 * 25)
    for days_ago in range((today - first_monday).days + 1):
        key = week_start(today - timedelta(days=days_ago))
        expected[key] = expected.get(key, 0) + study_minutes(days_ago) / 60
    heights = list(charts.items["hours_bars"].opts["height"])
    assert heights == pytest.approx([expected[k] for k in sorted(expected)])  # type: ignore[arg-type]

    # burn-up: today's work done, and the plan line at the seeded 5 h/week
    _, done = charts.items["burnup_done"].getData()
    [point] = seeded.plan.progress_over_time("flask", today, today)
    assert done[-1] == pytest.approx(point.estimated_hours_done) and done[-1] > 50
    plan_x, plan_y = charts.items["burnup_plan"].getData()
    assert (plan_y[1] - plan_y[0]) / ((plan_x[1] - plan_x[0]) / 86_400) == pytest.approx(5 / 7)
    _, skills = charts.items["done_skills"].getData()
    assert skills[-1] == 9

    # the calendar: one square per day, the studied ones carry their minutes
    spots = {spot["data"][0]: spot["data"][1] for spot in charts.items["calendar"].data}
    for days_ago in (0, 1, 3, 13, 75):
        day = (today - timedelta(days=days_ago)).isoformat()
        assert spots[day] == study_minutes(days_ago)

    # the forecast is the dashboard's own card, not repeated above the charts
    assert charts.forecast_label.isHidden()

    # a change the charts do not show keeps them as drawn; logged time redraws them
    bars = charts.items["hours_bars"]
    window.context.notify_changed()
    assert charts.items["hours_bars"] is bars
    editor = cards.open_study_log().editor
    editor.minutes_spin.setValue(60)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    redrawn = list(charts.items["hours_bars"].opts["height"])
    assert redrawn[-1] == pytest.approx(heights[-1] + 1)
    assert redrawn[:-1] == pytest.approx(heights[:-1])


def test_the_forecast_card_says_what_the_service_forecasts(
    seeded: Services, window: MainWindow, fresh: Fresh
) -> None:
    card = window.dashboard.progress.forecast_card
    forecast = fresh().plan.forecast("flask")
    assert forecast.basis is not None and forecast.basis.value == "actual pace"
    assert card.forecast_label.text() == forecast.message
    assert card.forecast_label.text().startswith("At your pace of 4.")
    assert forecast.finish_date is not None
    assert card.finish_label.text() == format_day(forecast.finish_date)
    assert card.plan_label.text().startswith("Your plan: 5 h/week")
    assert card.plan_editor.isHidden()  # a plan is set: only 'Change plan…' shows


def test_setting_a_plan_from_the_dashboard_forecasts_from_it_and_undoes(
    qtbot: QtBot, window: MainWindow, fresh: Fresh
) -> None:
    card = window.dashboard.progress.forecast_card
    assert "No forecast yet" in card.forecast_label.text()
    assert card.plan_editor.isVisible()  # no plan: the editor is open
    card.plan_editor.hours_spin.setValue(4)
    card.plan_editor.target_check.setChecked(True)
    target = local_today() + timedelta(weeks=20)
    card.plan_editor.target_edit.setDate(target)
    qtbot.mouseClick(card.plan_editor.save_button, Qt.MouseButton.LeftButton)

    services = fresh()
    plan = services.plan.settings()
    assert (plan.hours_per_week, plan.target_date) == (4.0, target)
    message = services.plan.forecast("flask").message
    assert message.startswith("No study time logged yet, so this uses your plan: at 4 h/week")
    assert card.forecast_label.text() == message
    assert card.plan_editor.isHidden() and card.plan_label.text().startswith("Your plan: 4 h/week")

    window.undo_action.trigger()
    assert fresh().plan.settings().hours_per_week is None
    assert "No forecast yet" in card.forecast_label.text()


def test_study_days_are_off_until_the_learner_turns_them_on(
    qtbot: QtBot, seeded: Services, window: MainWindow, fresh: Fresh
) -> None:
    card = window.dashboard.progress.forecast_card
    assert not card.streaks_check.isChecked() and card.study_days_label.isHidden()
    card.streaks_check.click()
    assert fresh().plan.settings().streaks_enabled
    assert card.study_days_label.isVisible()
    assert card.study_days_label.text() == fresh().plan.study_days("flask").message


def test_a_due_revisit_is_listed_and_i_revisited_it_records_it(
    qtbot: QtBot, services: Services, make_window: WindowFactory, fresh: Fresh
) -> None:
    services.checklist.set_done("flask", "css3", True)
    services.checklist.set_confidence("flask", "css3", 2)
    today = local_today()
    make_revisit_due(services, "css3", today - timedelta(days=2))
    window = make_window()
    revisits = window.dashboard.progress.revisits
    assert revisits is not None
    assert revisits.due_slugs() == ["css3"]
    assert revisits.list.item(0).text() == "CSS3, due 2 days ago"
    assert revisits.list.currentRow() == 0  # the first due skill is selected
    qtbot.mouseClick(revisits.revisited_button, Qt.MouseButton.LeftButton)

    services = fresh()
    [css3] = services.revisits.scheduled("flask")
    assert (css3.slug, css3.step, css3.due) == ("css3", 1, today + timedelta(days=7))
    assert services.progress.recent_events(limit=1, path_slug="flask")[0].action == (
        "prerequisite.revisited"
    )
    assert revisits.due_slugs() == []
    activity = window.dashboard.activity_list.item(0).text()
    assert activity.startswith("Revisited CSS3")


def test_study_log_edits_and_deletes_undo_through_edit_undo(
    qtbot: QtBot, services: Services, make_window: WindowFactory, fresh: Fresh
) -> None:
    services.studylog.log("flask", 50, note="forms")
    window = make_window()
    dialog = window.dashboard.progress.open_study_log()
    editor = dialog.editor

    def minutes() -> list[int]:
        return [entry.minutes for entry in fresh().studylog.entries("flask")]

    editor.table.selectRow(0)
    editor.minutes_spin.setValue(65)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert minutes() == [65]
    assert "1 h 05 min" in window.dashboard.subtitle_label.text()  # every page refreshed
    assert window.undo_action.text().startswith("&Undo Edit log entry of ")
    window.undo_action.trigger()
    assert minutes() == [50]
    assert editor.model.index(0, 1).data() == 50

    editor.table.selectRow(0)
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert minutes() == [] and editor.model.rowCount() == 0
    window.undo_action.trigger()
    assert minutes() == [50] and editor.model.rowCount() == 1
    window.redo_action.trigger()
    assert minutes() == []
    dialog.close()
    window.undo_action.trigger()  # works with the log window closed, too
    assert minutes() == [50]


def test_the_charts_load_after_the_window_shows_its_data(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from PySide6.QtCore import QEventLoop, QSettings, QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from tracker.app import build_window, open_data\n"
        "from tracker.wiring import Settings\n"
        "ui = QSettings(sys.argv[2], QSettings.Format.IniFormat)\n"
        "window = build_window(Settings.resolve(sys.argv[1]), ui, lazy=True)\n"
        "window.show()\n"
        "window.finish_building()\n"
        "open_data(window)\n"
        "app.processEvents()\n"
        "cards = window.dashboard.progress\n"
        "assert window.dashboard.readiness_number.text() == '0/4'\n"
        "assert cards.forecast_card.forecast_label.text().startswith('No forecast yet')\n"
        "assert 'pyqtgraph' not in sys.modules, 'pyqtgraph loaded with the data'\n"
        "loop = QEventLoop()\n"
        "cards.charts_ready.connect(loop.quit)\n"
        "QTimer.singleShot(30_000, loop.quit)\n"
        "loop.exec()\n"
        "assert 'pyqtgraph' in sys.modules and cards.charts.is_built\n"
        "print('ok')\n"
    )
    root = Path(__file__).resolve().parents[3]
    data = tmp_path / "data"
    done = subprocess.run(
        [sys.executable, "-c", code, str(data), str(tmp_path / "ui.ini")],
        capture_output=True,
        text=True,
        cwd=root,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_a_timer_that_cannot_be_saved_says_so_and_starts_nothing(
    qtbot: QtBot, services: Services, make_window: WindowFactory, data_dir: Path, fresh: Fresh
) -> None:
    services.close()
    database = data_dir / DATABASE_FILE
    window = make_window(Settings(data_dir, f"sqlite:///file:{database}?mode=ro&uri=true"))
    window.show_page("catalog")
    window.catalog.select_resource("flask-quickstart")
    qtbot.mouseClick(window.catalog.timer_button.button, Qt.MouseButton.LeftButton)

    assert message_box(window) is not None
    assert "not saved" in message_box(window).windowTitle().lower()
    message_box(window).close()
    assert window.catalog.timer_button.button.text() == "▶  Start timer"
    assert fresh().studylog.running_timer() is None
