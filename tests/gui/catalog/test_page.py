"""The catalog page: search as you type, filters, status, rating, notes, own resources, undo."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tracker.ui.shell.main_window import MainWindow
from tracker.wiring import Services


def catalog_titles(window: MainWindow) -> list[str]:
    model = window.catalog.model
    return [model.view_at(row).title for row in range(model.rowCount())]


def test_search_filters_as_you_type(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("catalog")
    page = window.catalog
    total = page.model.rowCount()
    assert total > 20

    qtbot.keyClicks(page.search_edit, "grinberg")

    assert catalog_titles(window) == ["The Flask Mega-Tutorial (Miguel Grinberg)"]
    assert page.count_label.text() == f"1 of {total} resources"
    page.search_edit.clear()
    assert page.model.rowCount() == total


def test_search_looks_through_tags_description_and_notes(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("catalog")
    page = window.catalog
    qtbot.keyClicks(page.search_edit, "flaskr")  # only in a description
    assert catalog_titles(window) == ["Flask tutorial (official)"]
    page.search_edit.clear()

    page.select_resource("jinja-docs")
    page.detail.notes_edit.setPlainText("zebra-crossing reminder")
    page.save_notes()
    qtbot.keyClicks(page.search_edit, "zebra")
    assert [page.model.view_at(r).slug for r in range(page.model.rowCount())] == ["jinja-docs"]


def test_filters_narrow_the_table(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("catalog")
    page = window.catalog
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("video"))
    views = [page.model.view_at(r) for r in range(page.model.rowCount())]
    assert views and all(view.kind == "video" for view in views)

    page.kind_combo.setCurrentIndex(0)
    page.price_combo.setCurrentIndex(page.price_combo.findData("free"))
    views = [page.model.view_at(r) for r in range(page.model.rowCount())]
    assert views and all(view.cost == 0 for view in views)

    page.price_combo.setCurrentIndex(0)
    page.format_combo.setCurrentIndex(page.format_combo.findData("live-online"))
    views = [page.model.view_at(r) for r in range(page.model.rowCount())]
    assert views and all(view.format == "live-online" for view in views)

    page.format_combo.setCurrentIndex(page.format_combo.findData("in-person"))
    qtbot.keyClicks(page.search_edit, "no such thing at all")
    assert page.model.rowCount() == 0
    assert page.empty_label.isVisibleTo(page)


def test_status_buttons_save_and_undo(
    qtbot: QtBot, window: MainWindow, fresh: Callable[[], Services]
) -> None:
    window.show_page("catalog")
    page = window.catalog
    assert page.select_resource("flask-quickstart")
    page.detail.status_buttons["done"].click()

    assert fresh().catalog.resource("flask", "flask-quickstart").status == "done"
    assert page.detail.status_buttons["done"].isChecked()
    row = page.model.row_of("flask-quickstart")
    assert page.model.data(page.model.index(row, 7)) == "Done"

    page.status_combo.setCurrentIndex(page.status_combo.findData("done"))
    assert [page.model.view_at(r).slug for r in range(page.model.rowCount())] == [
        "flask-quickstart"
    ]

    window.undo_action.trigger()
    assert fresh().catalog.resource("flask", "flask-quickstart").status is None
    assert page.model.rowCount() == 0  # the "done" filter now hides it
    window.redo_action.trigger()
    assert fresh().catalog.resource("flask", "flask-quickstart").status == "done"


def test_rating_is_saved(window: MainWindow, fresh: Callable[[], Services]) -> None:
    window.show_page("catalog")
    page = window.catalog
    page.select_resource("flask-quickstart")
    page.detail.rating_combo.setCurrentIndex(4)
    page.detail.rating_combo.activated.emit(4)
    assert fresh().catalog.resource("flask", "flask-quickstart").rating == 4


def test_notes_save_as_you_type_and_a_session_is_one_undo_step(
    qtbot: QtBot, window: MainWindow, fresh: Callable[[], Services]
) -> None:
    window.show_page("catalog")
    page = window.catalog
    page.select_resource("flask-official-tutorial")
    notes = page.detail.notes_edit
    notes.setFocus()

    qtbot.keyClicks(notes, "Read the factory part")
    qtbot.waitUntil(
        lambda: (
            fresh().catalog.resource("flask", "flask-official-tutorial").notes
            == "Read the factory part"
        ),
        timeout=5000,
    )
    qtbot.keyClicks(notes, " twice")
    qtbot.waitUntil(
        lambda: (
            fresh().catalog.resource("flask", "flask-official-tutorial").notes
            == "Read the factory part twice"
        ),
        timeout=5000,
    )
    steps = fresh().operations.history(5)
    assert [step.label for step in steps] == ["Edit notes on Flask tutorial (official)"]
    assert window.undo_action.text() == "&Undo Edit notes on Flask tutorial (official)"
    assert notes.toPlainText() == "Read the factory part twice"

    window.undo_action.trigger()
    assert fresh().catalog.resource("flask", "flask-official-tutorial").notes == ""
    assert notes.toPlainText() == ""


def test_switching_resource_saves_pending_notes_at_once(
    qtbot: QtBot, window: MainWindow, fresh: Callable[[], Services]
) -> None:
    window.show_page("catalog")
    page = window.catalog
    page.select_resource("flask-quickstart")
    qtbot.keyClicks(page.detail.notes_edit, "quick")
    page.select_resource("jinja-docs")
    assert fresh().catalog.resource("flask", "flask-quickstart").notes == "quick"
    assert page.detail.notes_edit.toPlainText() == ""


def test_sorting_by_a_column(window: MainWindow) -> None:
    window.show_page("catalog")
    page = window.catalog
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    titles = catalog_titles(window)
    assert titles == sorted(titles, key=str.casefold)
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert catalog_titles(window) == sorted(titles, key=str.casefold, reverse=True)


def test_add_my_own_resource_and_undo(
    qtbot: QtBot, window: MainWindow, fresh: Callable[[], Services]
) -> None:
    from tracker.ui.widgets.dialogs import AddResourceDialog

    window.show_page("catalog")
    page = window.catalog
    page.add_button.click()
    dialog = page.findChild(AddResourceDialog)
    assert dialog is not None
    qtbot.keyClicks(dialog.title_edit, "Flask course from my library")
    dialog.url_edit.setText("https://example.org/flask-course")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    own = [r for r in fresh().catalog.resources("flask") if r.own]
    assert [r.title for r in own] == ["Flask course from my library"]
    assert page.selected_view() is not None
    assert page.selected_view().title == "Flask course from my library"  # type: ignore[union-attr]

    window.undo_action.trigger()
    assert not [r for r in fresh().catalog.resources("flask") if r.own]


def test_an_own_resource_without_a_title_is_not_accepted(qtbot: QtBot, window: MainWindow) -> None:
    from tracker.ui.widgets.dialogs import AddResourceDialog

    dialog = AddResourceDialog(window)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert dialog.error_label.text() == "A title is needed."


def test_ctrl_f_focuses_the_search_box(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("dashboard")
    window.find_action.trigger()
    assert window.current_page_key() == "catalog"
    assert (
        window.catalog.search_edit.hasFocus() or window.focusWidget() is window.catalog.search_edit
    )


def test_leaving_the_notes_box_starts_a_new_undo_step(
    qtbot: QtBot, window: MainWindow, fresh: Callable[[], Services]
) -> None:
    window.show_page("catalog")
    page = window.catalog
    page.select_resource("flask-quickstart")
    notes = page.detail.notes_edit
    notes.setFocus()
    qtbot.keyClicks(notes, "first")
    page.search_edit.setFocus()  # focus leaves the notes: saved now, session ends
    assert fresh().catalog.resource("flask", "flask-quickstart").notes == "first"
    notes.setFocus()
    qtbot.keyClicks(notes, " second")
    page.search_edit.setFocus()
    assert [step.label for step in fresh().operations.history(5)] == [
        "Edit notes on Flask quickstart (official)",
        "Edit notes on Flask quickstart (official)",
    ]
    window.undo_action.trigger()
    assert fresh().catalog.resource("flask", "flask-quickstart").notes == "first"


def test_a_status_click_reads_once_and_updates_its_row_in_place(
    qtbot: QtBot, window: MainWindow
) -> None:
    from sqlalchemy import event

    window.show_page("catalog")
    page = window.catalog
    assert page.select_resource("flask-quickstart")
    transactions: list[list[str]] = []

    def begun(_connection: object) -> None:
        transactions.append([])

    def statement(_conn: object, _cursor: object, sql: str, *_args: object) -> None:
        if transactions:
            transactions[-1].append(sql)

    engine = window.context.services.store.engine
    event.listen(engine, "begin", begun)
    event.listen(engine, "before_cursor_execute", statement)
    resets: list[bool] = []
    page.model.modelReset.connect(lambda: resets.append(True))
    try:
        with qtbot.waitSignal(page.model.dataChanged, timeout=2000):
            page.detail.status_buttons["planned"].click()
    finally:
        event.remove(engine, "begin", begun)
        event.remove(engine, "before_cursor_execute", statement)
    writes = ("INSERT", "UPDATE", "DELETE")
    reads = [t for t in transactions if not any(s.lstrip().upper().startswith(writes) for s in t)]
    assert len(transactions) - len(reads) == 1  # the operation
    assert len(reads) == 1  # the page's snapshot
    assert resets == []
    assert page.model.view_of("flask-quickstart").status == "planned"  # type: ignore[union-attr]


def test_on_a_small_window_the_titles_keep_their_room(qtbot: QtBot, window: MainWindow) -> None:
    from tracker.ui.catalog.table import SPARE_COLUMNS

    window.show_page("catalog")
    table = window.catalog.table
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: table.isColumnHidden(SPARE_COLUMNS[0]))
    assert table.columnWidth(0) >= 200  # titles readable (60 px before): format and level give way
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: not table.isColumnHidden(SPARE_COLUMNS[0]))
    assert not table.isColumnHidden(SPARE_COLUMNS[1])
