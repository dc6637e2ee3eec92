"""The prerequisites page: ticking, partial parents, confidence, evidence, undo and redo."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.gui.shown import message_box
from tracker.ui.shell.main_window import MainWindow
from tracker.wiring import Services


def tick_with_keyboard(qtbot: QtBot, window: MainWindow, slug: str) -> None:
    page = window.prerequisites
    page.select_skill(slug)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Space)


def state(window: MainWindow, slug: str) -> Qt.CheckState:
    model = window.prerequisites.model
    return Qt.CheckState(model.data(model.index_of(slug), Qt.ItemDataRole.CheckStateRole))


def test_ticking_a_skill_with_the_keyboard_is_saved(
    qtbot: QtBot, window: MainWindow, fresh: Callable[[], Services]
) -> None:
    window.show_page("prerequisites")
    tick_with_keyboard(qtbot, window, "html5")

    item = fresh().checklist.checklist("flask").find("html5")
    assert item is not None and item.done
    assert state(window, "html5") == Qt.CheckState.Checked
    assert state(window, "web-fundamentals") == Qt.CheckState.PartiallyChecked
    assert window.saved_label.text().startswith("Saved ")


def test_ticking_a_parent_ticks_its_sub_skills_and_the_counter(
    qtbot: QtBot, window: MainWindow, fresh: Callable[[], Services]
) -> None:
    window.show_page("prerequisites")
    assert window.prerequisites.counter_label.text() == "0/4"
    assert window.prerequisites.title_label.text() == "Before Learning Flask"

    tick_with_keyboard(qtbot, window, "python-proficiency")

    assert window.prerequisites.counter_label.text() == "1/4"
    checklist = fresh().checklist.checklist("flask")
    assert all(item.done for item in checklist.find("python-proficiency").walk())  # type: ignore[union-attr]
    assert state(window, "python-decorators") == Qt.CheckState.Checked


def test_undo_and_redo_of_a_tick_go_through_the_services(
    qtbot: QtBot, window: MainWindow, fresh: Callable[[], Services]
) -> None:
    window.show_page("prerequisites")
    tick_with_keyboard(qtbot, window, "python-proficiency")
    assert window.undo_action.isEnabled()
    assert "Python proficiency" in window.undo_action.text()

    window.undo_action.trigger()
    checklist = fresh().checklist.checklist("flask")
    assert not any(item.own_done for item in checklist.find("python-proficiency").walk())  # type: ignore[union-attr]
    assert state(window, "python-proficiency") == Qt.CheckState.Unchecked
    assert window.prerequisites.counter_label.text() == "0/4"

    window.redo_action.trigger()
    checklist = fresh().checklist.checklist("flask")
    assert checklist.find("python-proficiency").done  # type: ignore[union-attr]
    assert state(window, "python-proficiency") == Qt.CheckState.Checked


def test_unticking_one_sub_skill_leaves_the_parent_partial(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_page("prerequisites")
    tick_with_keyboard(qtbot, window, "http-rest")
    tick_with_keyboard(qtbot, window, "rest-api-design")
    assert state(window, "http-rest") == Qt.CheckState.PartiallyChecked
    assert state(window, "http-protocol") == Qt.CheckState.Checked
    assert window.undo_action.text() == "&Undo Untick RESTful API design"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert state(window, "http-rest") == Qt.CheckState.Unchecked
    assert not window.undo_action.isEnabled()
    assert window.redo_action.text() == "&Redo Tick HTTP and RESTful API design"


def test_recommended_skills_are_marked_apart_from_required(window: MainWindow) -> None:
    window.show_page("prerequisites")
    model = window.prerequisites.model
    git = model.index_of("version-control-git")
    python = model.index_of("python-proficiency")
    assert model.data(git.siblingAtColumn(1)) == "Recommended"
    assert model.data(python.siblingAtColumn(1)) == "Required"
    assert model.data(git.siblingAtColumn(1), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(python.siblingAtColumn(1), Qt.ItemDataRole.ForegroundRole) is None
    window.prerequisites.select_skill("version-control-git")
    assert window.prerequisites.detail.kind_badge.text() == "Recommended"


def test_confidence_and_evidence_are_saved_and_undoable(
    qtbot: QtBot, window: MainWindow, fresh: Callable[[], Services]
) -> None:
    window.show_page("prerequisites")
    page = window.prerequisites
    page.select_skill("python-oop")
    combo = page.detail.confidence_combo
    combo.setCurrentIndex(4)
    combo.activated.emit(4)
    page.detail.evidence_edit.setText("https://github.com/pallets/flask")
    page.detail.add_evidence_button.click()

    item = fresh().checklist.checklist("flask").find("python-oop")
    assert item is not None
    assert item.confidence == 4
    assert item.evidence == ("https://github.com/pallets/flask",)
    assert "github.com/pallets/flask" in page.detail.evidence_view.toPlainText()

    window.undo_action.trigger()
    item = fresh().checklist.checklist("flask").find("python-oop")
    assert item is not None and item.evidence == () and item.confidence == 4


def test_a_bad_evidence_link_is_refused_with_a_message(
    window: MainWindow, fresh: Callable[[], Services]
) -> None:
    window.show_page("prerequisites")
    page = window.prerequisites
    page.select_skill("python-oop")
    page.detail.evidence_edit.setText("file:///etc/passwd")
    page.detail.add_evidence_button.click()

    assert message_box(window) is not None
    assert "Evidence link 1" in message_box(window).text()
    item = fresh().checklist.checklist("flask").find("python-oop")
    assert item is not None and item.evidence == ()
    message_box(window).close()


def test_resources_that_teach_a_skill_lead_to_the_catalog(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page("prerequisites")
    page = window.prerequisites
    page.select_skill("html5")
    resources = page.detail.resources_list
    assert resources.count() >= 1
    first = resources.item(0)
    slug = first.data(Qt.ItemDataRole.UserRole)
    assert slug == "mdn-html"
    resources.itemActivated.emit(first)
    assert window.current_page_key() == "catalog"
    assert window.catalog.selected_view() is not None
    assert window.catalog.selected_view().slug == "mdn-html"  # type: ignore[union-attr]
