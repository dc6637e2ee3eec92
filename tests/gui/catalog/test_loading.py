"""A big catalog: first rows at once, search through the index while the rest loads, and a
change updates its row in place instead of reloading every row."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtTest import QSignalSpy
from pytestqt.qtbot import QtBot

from tracker.ui.catalog.page import CatalogPage
from tracker.ui.shell.main_window import MainWindow
from tracker.wiring import Services

GRINBERG = "The Flask Mega-Tutorial (Miguel Grinberg)"


def titles(page: CatalogPage) -> list[str]:
    return [page.model.view_at(row).title for row in range(page.model.rowCount())]


def loading_page(window: MainWindow, first_rows: int = 5) -> CatalogPage:
    """The catalog page treating the shipped catalog as big: ``first_rows`` at once."""
    window.show_page("catalog")
    page = window.catalog
    page.first_screen_rows = first_rows
    page.reload()
    return page


def test_first_rows_show_at_once_and_the_rest_arrive(window: MainWindow) -> None:
    page = loading_page(window)
    total = window.context.services.catalog.status_counts("flask")[0]
    assert page.is_loading  # the rows arrive by a queued signal: not before the event loop
    assert page.model.rowCount() == 5
    assert page.count_label.text() == "The first 5 resources · loading the catalog…"

    page.wait_for_loading()

    assert not page.is_loading
    assert page.model.rowCount() == total
    assert page.count_label.text() == f"{total} resources"


def test_search_works_before_the_catalog_has_loaded(qtbot: QtBot, window: MainWindow) -> None:
    page = loading_page(window)
    page.search_edit.setText("grinberg")  # answered by the FTS5 index

    assert page.is_loading
    assert titles(page) == [GRINBERG]
    assert page.count_label.text() == "Matches: 1 · loading the catalog…"

    page.wait_for_loading()  # now the in-memory filter answers: the same rows

    assert titles(page) == [GRINBERG]
    assert page.count_label.text().startswith("1 of ") and "loading" not in page.count_label.text()
    page.search_edit.clear()
    assert page.model.rowCount() == page.model.total_count()


def test_a_change_made_while_loading_is_in_the_loaded_rows(
    window: MainWindow, fresh: Callable[[], Services]
) -> None:
    page = loading_page(window)
    window.context.services.catalog.set_status("flask", "jinja-docs", "in-progress")
    window.context.notify_changed()  # what a command does after it saved

    page.wait_for_loading()

    view = page.model.view_of("jinja-docs")
    assert view is not None and view.status == "in-progress"
    assert fresh().catalog.resource("flask", "jinja-docs").status == "in-progress"


def test_a_status_click_updates_its_row_without_a_reset(
    window: MainWindow, fresh: Callable[[], Services]
) -> None:
    window.show_page("catalog")
    page = window.catalog
    assert page.select_resource("flask-quickstart")
    resets = QSignalSpy(page.model.modelReset)
    changes = QSignalSpy(page.model.dataChanged)

    page.detail.status_buttons["done"].click()

    assert resets.count() == 0 and changes.count() == 1
    row = page.model.row_of("flask-quickstart")
    assert page.model.data(page.model.index(row, 7)) == "Done"
    assert fresh().catalog.resource("flask", "flask-quickstart").status == "done"
    window.undo_action.trigger()
    assert resets.count() == 0 and changes.count() == 2
    assert page.model.data(page.model.index(row, 7)) == "—"


def test_a_saved_note_is_searchable_without_a_reload(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("catalog")
    page = window.catalog
    page.select_resource("jinja-docs")
    resets = QSignalSpy(page.model.modelReset)
    page.detail.notes_edit.setPlainText("okapi sighting")
    page.save_notes()
    assert resets.count() == 0

    qtbot.keyClicks(page.search_edit, "okapi")
    assert [page.model.view_at(r).slug for r in range(page.model.rowCount())] == ["jinja-docs"]


def test_the_detail_pane_shows_the_description_a_big_catalog_leaves_out(
    window: MainWindow,
) -> None:
    page = loading_page(window)
    page.wait_for_loading()
    row_view = page.model.view_of("flask-official-tutorial")
    assert row_view is not None and row_view.description == "" and row_view.url == ""

    assert page.select_resource("flask-official-tutorial")

    assert "flaskr" in page.detail.description.toPlainText().casefold()
    assert page.detail.open_button.isEnabled()


def test_a_second_load_while_one_runs_is_the_one_shown(window: MainWindow) -> None:
    page = loading_page(window)
    catalog = window.context.services.catalog
    slug = catalog.add_own_resource(
        "flask", {"title": "Okapi field notes", "kind": "article"}
    ).value
    page.reload()  # a new load is asked for while the first one runs: the newest wins

    page.wait_for_loading()

    assert not page.is_loading
    assert page.model.view_of(slug) is not None
    assert page.model.total_count() == catalog.status_counts("flask")[0]
