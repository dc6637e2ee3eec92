"""What the Dashboard costs the database: one read per refresh, none for a new theme."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, event

from tests.gui.history import seed_history
from tracker.clock import local_today
from tracker.ui.shell.main_window import MainWindow
from tracker.ui.shell.theme import ThemeMode
from tracker.wiring import Services


@contextmanager
def counted_transactions(engine: Engine) -> Iterator[list[object]]:
    """Every transaction begun on ``engine`` inside the block (one item each)."""
    begun: list[object] = []

    def begin(connection: object) -> None:
        begun.append(connection)

    event.listen(engine, "begin", begin)
    try:
        yield begun
    finally:
        event.remove(engine, "begin", begin)


def test_one_dashboard_refresh_is_one_read_transaction(
    qtbot: QtBot, services: Services, window: MainWindow
) -> None:
    seed_history(services, local_today())
    window.show_page("dashboard")
    window.dashboard.progress.build_charts()
    with counted_transactions(window.context.services.store.engine) as begun:
        window.dashboard.refresh()
    assert len(begun) == 1
    assert window.dashboard.snapshot is not None
    assert window.dashboard.progress.charts is not None
    assert window.dashboard.progress.charts.series == window.dashboard.snapshot.charts


def test_a_tick_with_the_dashboard_on_screen_reads_at_most_three_times(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_page("dashboard")
    window.dashboard.progress.build_charts()
    qtbot.wait(50)
    with counted_transactions(window.context.services.store.engine) as begun:
        checklist = window.context.services.checklist
        window.context.run(lambda: checklist.set_done("flask", "html5", True))
        qtbot.wait(50)
    assert len(begun) <= 1 + 3  # the write, then the reads it causes
    assert window.dashboard.subtitle_label.text().startswith("1 of ")


def test_a_new_theme_redraws_the_charts_without_reading(
    qtbot: QtBot, services: Services, window: MainWindow
) -> None:
    seed_history(services, local_today())
    window.show_page("dashboard")
    window.context.notify_changed()
    charts = window.dashboard.progress.build_charts()
    assert charts is not None
    charts.ensure_built()
    background = charts.plots["hours"].backgroundBrush().color().name()
    with counted_transactions(window.context.services.store.engine) as begun:
        window.set_theme(ThemeMode.DARK)
        qtbot.wait(50)
    assert begun == []
    assert charts.plots["hours"].backgroundBrush().color().name() != background


def test_a_tick_moves_the_chart_lines_without_drawing_them_anew(
    qtbot: QtBot, services: Services, window: MainWindow
) -> None:
    seed_history(services, local_today())
    window.show_page("dashboard")
    window.context.notify_changed()
    charts = window.dashboard.progress.build_charts()
    assert charts is not None
    charts.ensure_built()
    drawn = {name: charts.items[name] for name in ("burnup_done", "done_skills", "calendar")}
    _, skills_before = charts.items["done_skills"].getData()
    checklist = window.context.services.checklist
    window.context.run(lambda: checklist.set_done("flask", "css3", False))
    assert all(charts.items[name] is item for name, item in drawn.items())
    _, skills_after = charts.items["done_skills"].getData()
    assert skills_after[-1] == skills_before[-1] - 1  # the same line, moved
