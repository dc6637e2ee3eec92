"""The main window: restart persistence, failed saves, navigation, theme, import, crash dialog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.gui.conftest import WindowFactory
from tests.gui.shown import details_dialog, message_box
from tests.helpers import database_snapshot
from tracker.locations import DATABASE_FILE, bundled_packs_dir
from tracker.ui.dashboard.page import describe_event
from tracker.ui.shell.crash import CrashDialog, install_crash_handler
from tracker.ui.shell.main_window import MainWindow
from tracker.ui.shell.theme import ThemeMode
from tracker.wiring import Services, Settings


def test_ticks_statuses_and_notes_survive_a_restart(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    first = make_window()
    first.show_page("prerequisites")
    first.prerequisites.select_skill("html5")
    first.prerequisites.tree.setFocus()
    qtbot.keyClick(first.prerequisites.tree, Qt.Key.Key_Space)
    first.show_page("catalog")
    first.catalog.select_resource("flask-official-tutorial")
    first.catalog.detail.status_buttons["in-progress"].click()
    qtbot.keyClicks(first.catalog.detail.notes_edit, "Up to blueprints")
    first.close()  # pending notes are saved on close

    second = make_window()
    assert second.current_page_key() == "catalog"  # the last page comes back
    model = second.prerequisites.model
    second.prerequisites.ensure_fresh()
    assert model.data(model.index_of("html5"), Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )
    second.catalog.select_resource("flask-official-tutorial")
    assert second.catalog.detail.status_buttons["in-progress"].isChecked()
    assert second.catalog.detail.notes_edit.toPlainText() == "Up to blueprints"


def test_a_failed_save_shows_a_message_and_the_stored_state(
    qtbot: QtBot, make_window: WindowFactory, data_dir: Path, services: Services
) -> None:
    services.catalog.set_notes("flask", "flask-quickstart", "stored notes")
    services.close()
    database = data_dir / DATABASE_FILE
    read_only = Settings(data_dir, f"sqlite:///file:{database}?mode=ro&uri=true")
    before = database_snapshot(data_dir)
    window = make_window(read_only)

    window.show_page("prerequisites")
    window.prerequisites.select_skill("html5")
    window.prerequisites.tree.setFocus()
    qtbot.keyClick(window.prerequisites.tree, Qt.Key.Key_Space)

    assert message_box(window) is not None
    assert "not saved" in message_box(window).windowTitle().lower()
    model = window.prerequisites.model
    assert model.data(model.index_of("html5"), Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked
    )
    assert window.saved_label.text() == "Not saved"
    # the failed tick made no undo step: Undo still names the notes saved before
    assert window.undo_action.text() == "&Undo Edit notes on Flask quickstart (official)"
    message_box(window).close()

    window.show_page("catalog")
    window.catalog.select_resource("flask-quickstart")
    notes = window.catalog.detail.notes_edit
    qtbot.keyClicks(notes, " and more")
    window.catalog.save_notes()
    assert notes.toPlainText() == "stored notes"
    window.catalog.detail.status_buttons["done"].click()
    assert not window.catalog.detail.status_buttons["done"].isChecked()
    assert database_snapshot(data_dir) == before


def test_ctrl_number_switches_pages(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    for number, key in enumerate(("dashboard", "prerequisites", "catalog", "compare"), start=1):
        qtbot.keyClick(
            window.nav, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier
        )
        assert window.current_page_key() == key


def test_every_focusable_control_has_an_accessible_name(window: MainWindow) -> None:
    for key in window.page_keys():
        window.show_page(key)
    unnamed = []
    for widget in window.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(window):
            continue
        if widget.metaObject().className() in ("QScrollArea", "FlowScrollArea", "QScrollBar"):
            continue
        name = widget.accessibleName() or (
            widget.text() if isinstance(widget, QAbstractButton) else ""
        )
        if not name:
            unnamed.append(f"{widget.metaObject().className()} {widget.objectName()}")
    assert unnamed == []


def test_theme_choice_applies_and_is_remembered(window: MainWindow, ui_settings_file: Path) -> None:
    window.set_theme(ThemeMode.DARK)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
    window.set_theme(ThemeMode.LIGHT)
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 200
    window.set_theme(ThemeMode.DARK)
    window.close()
    stored = QSettings(str(ui_settings_file), QSettings.Format.IniFormat)
    assert stored.value("view/theme") == "dark"
    window.set_theme(ThemeMode.LIGHT)


def test_splitter_and_page_are_restored(make_window: WindowFactory) -> None:
    first = make_window()
    first.show_page("prerequisites")
    first.prerequisites.splitter.setSizes([300, 700])
    sizes = first.prerequisites.splitter.sizes()
    first.close()
    second = make_window()
    assert second.current_page_key() == "prerequisites"
    restored = second.prerequisites.splitter.sizes()
    # the offscreen screen is smaller than the saved window, so compare the split, not pixels
    assert restored[0] / sum(restored) == pytest.approx(sizes[0] / sum(sizes), abs=0.02)
    assert restored[0] / sum(restored) != pytest.approx(640 / 1100, abs=0.02)  # not the default


def test_dashboard_shows_readiness_next_up_and_activity_in_plain_words(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.show_page("prerequisites")
    window.prerequisites.set_done("python-proficiency", True)
    window.show_page("catalog")
    window.catalog.select_resource("flask-official-tutorial")
    window.catalog.detail.status_buttons["in-progress"].click()
    window.show_page("dashboard")
    page = window.dashboard
    assert page.readiness_number.text() == "1/4"
    items = [page.next_list.item(i).text() for i in range(page.next_list.count())]
    assert items[0].startswith("☐  HTML5")
    assert any("Flask tutorial (official)" in text for text in items)
    activity = [page.activity_list.item(i).text() for i in range(page.activity_list.count())]
    assert activity[0].startswith("Set status of Flask tutorial (official) to in progress")
    assert any(text.startswith("Ticked Object-oriented programming") for text in activity)

    page.next_list.itemActivated.emit(page.next_list.item(0))
    assert window.current_page_key() == "prerequisites"
    assert window.prerequisites.selected_item().slug == "html5"  # type: ignore[union-attr]


def test_describe_event_covers_every_action(services: Services) -> None:
    services.checklist.set_done("flask", "html5", True)
    services.checklist.set_confidence("flask", "html5", 2)
    due = services.checklist.checklist("flask").find("html5").revisit_due  # type: ignore[union-attr]
    assert due is not None
    services.catalog.set_status("flask", "flask-quickstart", "done")
    services.catalog.set_rating("flask", "flask-quickstart", 5)
    services.catalog.set_notes("flask", "flask-quickstart", "x")
    titles = {"html5": "HTML5", "flask-quickstart": "Quickstart"}
    lines = [describe_event(e, titles) for e in services.progress.recent_events(path_slug="flask")]
    assert lines == [
        "Edited notes on Quickstart",
        "Rated Quickstart 5/5",
        "Set status of Quickstart to done",
        f"Scheduled a revisit of HTML5 for {due.isoformat()}",
        "Rated your confidence in HTML5 2/5",
        "Ticked HTML5",
    ]


def test_importing_a_pack_runs_in_the_background_and_reports(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    text = (bundled_packs_dir() / "flask.yaml").read_text(encoding="utf-8")
    pack = tmp_path / "flask-copy.yaml"
    pack.write_text(
        text.replace("slug: flask\n", "slug: flask-copy\n", 1).replace(
            "title: Flask\n", "title: Flask (copy)\n", 1
        ),
        encoding="utf-8",
    )
    steps: list[tuple[int, int]] = []
    assert window.import_pack(pack)
    importer = window.importer
    assert importer is not None
    importer.progressed.connect(lambda step, total: steps.append((step, total)))
    with qtbot.waitSignal(importer.finished, timeout=20000):
        pass
    assert window.path_combo.count() == 2
    assert window.context.path_slug == "flask-copy"
    report = details_dialog(window)
    assert report is not None
    assert report.details.toPlainText().startswith("flask-copy")
    report.close()


def test_a_bad_pack_shows_its_located_problems(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, fresh: Callable[[], Services]
) -> None:
    pack = tmp_path / "broken.yaml"
    pack.write_text("format: 1\nslug: Not A Slug\ntitle: 3\n", encoding="utf-8")
    assert window.import_pack(pack)
    assert window.importer is not None
    with qtbot.waitSignal(window.importer.failed, timeout=20000) as blocker:
        pass
    message, issues = blocker.args  # type: ignore[misc]
    assert "not imported" in message
    assert issues and all(issue.startswith(str(pack)) for issue in issues)
    assert "broken.yaml" in details_dialog(window).details.toPlainText()
    assert [p.slug for p in fresh().packs.paths()] == ["flask"]
    details_dialog(window).close()


def test_an_unexpected_exception_opens_a_crash_dialog_with_details(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_crash_handler(lambda: window)
    try:
        raise ValueError("boom in a slot")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    dialog = window.findChild(CrashDialog)
    assert dialog is not None and dialog.isVisible()
    assert "ValueError: boom in a slot" in dialog.details.toPlainText()
    dialog.copy_button.click()
    assert "boom in a slot" in QGuiApplication.clipboard().text()
    dialog.close()
    assert window.isVisible()


def test_the_window_paints_before_the_database_layer_is_imported() -> None:
    import subprocess
    import sys

    code = (
        "import sys, tracker.cli, tracker.app, tracker.ui.dashboard.page;"
        "print(sorted(m for m in ('sqlalchemy', 'alembic', 'pydantic', 'yaml')"
        " if m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_lazy_pages_are_built_when_first_shown(
    qtbot: QtBot, settings: Settings, ui_settings_file: Path
) -> None:
    from tracker.app import build_window, open_data

    window = build_window(
        settings, QSettings(str(ui_settings_file), QSettings.Format.IniFormat), lazy=True
    )
    qtbot.addWidget(window)
    window.show()
    assert window.page("dashboard").__class__.__name__ == "QLabel"  # the frame paints first
    window.finish_building()
    open_data(window)
    assert window.page("dashboard").__class__.__name__ == "DashboardPage"
    assert window.dashboard.readiness_number.text() == "0/4"
    assert window.page("catalog").__class__.__name__ == "QLabel"
    window.show_page("catalog")
    assert window.page("catalog").__class__.__name__ == "CatalogPage"
    assert window.catalog.model.rowCount() > 20  # filled from the open services
    window.build_remaining_pages()
    assert window.page("compare").__class__.__name__ == "ComparePage"
    window.close()


def test_an_unreadable_database_keeps_the_window_open_with_a_message(
    make_window: WindowFactory, data_dir: Path
) -> None:
    (data_dir / DATABASE_FILE).write_bytes(b"this is not a database" * 100)
    window = make_window()
    assert window.isVisible()
    assert message_box(window) is not None
    assert message_box(window).windowTitle() == "Could not open your data"
    assert window.saved_label.text() == "Your data could not be opened"
    assert not window.context.is_open
    message_box(window).close()
    window.show_page("catalog")  # pages stay empty rather than failing
    assert window.catalog.model.rowCount() == 0


def test_f1_lists_the_keyboard_shortcuts(window: MainWindow) -> None:
    from PySide6.QtWidgets import QTableWidget

    from tracker.ui.widgets.dialogs import ShortcutsDialog

    window.show_shortcuts()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    table = dialog.findChild(QTableWidget)
    assert table is not None
    keys = [table.item(row, 0).text() for row in range(table.rowCount())]
    assert {"Ctrl+1", "Ctrl+4", "Ctrl+F", "Ctrl+Z"} <= set(keys)
    dialog.close()
