"""The Compare page in the real main window: weigh, add offers, undo, restart, follow the app."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from tests.gui.compare_scene import BOOTCAMP_A, EVENING_CLASS_B
from tests.gui.conftest import WindowFactory
from tests.gui.shown import message_box
from tests.helpers import database_snapshot
from tracker.domain.choosing import Criterion
from tracker.domain.enums import Goal
from tracker.locations import DATABASE_FILE, bundled_packs_dir
from tracker.ui.compare.offer import OfferDialog
from tracker.ui.compare.page import ComparePage
from tracker.ui.models.compare import ComparisonModel, RankingModel
from tracker.ui.shell.main_window import MainWindow
from tracker.ui.shell.theme import DARK, ThemeMode
from tracker.wiring import Services, Settings

ROOT = Path(__file__).resolve().parents[2]


def open_compare(window: MainWindow) -> ComparePage:
    window.show_page("compare")
    page = window.compare
    assert page.current_view() == ComparePage.WEIGHED
    return page


def ranking(page: ComparePage) -> list[str]:
    model = page.ranking.model
    return [model.entry(row).option.slug for row in range(model.rowCount())]


def violations(page: ComparePage, slug: str) -> list[str]:
    entry = page.ranking.model.entry(ranking(page).index(slug))
    return [violation.message for violation in entry.violations]


def fill_offer(dialog: OfferDialog, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        if name in dialog.edits:
            dialog.edits[name].setText(str(value))
        elif name in dialog.combos:
            combo = dialog.combos[name]
            combo.setCurrentIndex(combo.findData(value))
        elif name in dialog.flags:
            dialog.flags[name].setChecked(bool(value))


def add_offer(qtbot: QtBot, page: ComparePage, fields: dict[str, Any]) -> None:
    page.offers.add_button.click()
    dialog = page.offers.offer_dialog
    assert dialog is not None and dialog.isVisible()
    fill_offer(dialog, fields)
    with qtbot.waitSignal(page.offers_changed, timeout=2000):
        dialog.save_button.click()


def steps_of(window: MainWindow) -> int:
    """How many steps the core's undo history holds (the Edit menu's and the CLI's)."""
    return len(window.context.services.operations.history(1000))


def drag(slider: Any, values: list[int]) -> None:
    """Move a slider as a mouse drag does: pressed, several values, released."""
    slider.setSliderDown(True)
    for value in values:
        slider.setSliderPosition(value)
    slider.setSliderDown(False)


def test_moving_a_weight_reranks_and_one_drag_is_one_undo_step(
    qtbot: QtBot, window: MainWindow, fresh: Callable[[], Services]
) -> None:
    page = open_compare(window)
    page.situation.hours_edit.setValue(10)
    page.situation.budget_edit.setText("600")
    page.situation.budget_edit.editingFinished.emit()
    page.situation.goal_combo.setCurrentIndex(page.situation.goal_combo.findData("career-change"))
    before = ranking(page)
    assert before[0] != "bootcamps"
    steps = steps_of(window)

    for criterion, slider in page.weights.sliders.items():
        if criterion is not Criterion.CAREER_FOCUS:
            drag(slider, [4, 2, 0])
    drag(page.weights.sliders[Criterion.CAREER_FOCUS], [6, 7, 8, 9, 10])

    assert ranking(page)[0] == "bootcamps"
    assert page.ranking.best_label.text().startswith("Best fit for you: Bootcamps")
    assert steps_of(window) == steps + len(Criterion)  # one per release
    assert fresh().choosing.weights()[Criterion.CAREER_FOCUS] == 10

    window.undo_action.trigger()  # the career-focus drag, as one step
    assert page.weights.sliders[Criterion.CAREER_FOCUS].value() == 5
    assert fresh().choosing.weights()[Criterion.CAREER_FOCUS] == 5
    window.redo_action.trigger()
    assert page.weights.sliders[Criterion.CAREER_FOCUS].value() == 10
    assert ranking(page)[0] == "bootcamps"


def test_keyboard_steps_on_a_slider_are_saved_once_it_rests(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = open_compare(window)
    slider = page.weights.sliders[Criterion.COST]
    slider.setFocus()
    steps = steps_of(window)
    with qtbot.waitSignal(page.weights_changed, timeout=5000):
        for _ in range(3):
            qtbot.keyClick(slider, Qt.Key.Key_Right)
    assert slider.value() == 8
    assert steps_of(window) == steps + 1
    assert window.undo_action.text() == "&Undo Weigh cost"


def test_an_added_offer_is_scored_and_undo_removes_it(
    qtbot: QtBot, window: MainWindow, fresh: Callable[[], Services]
) -> None:
    page = open_compare(window)
    page.situation.hours_edit.setValue(10)
    page.situation.budget_edit.setText("1000")
    page.situation.budget_edit.editingFinished.emit()
    add_offer(qtbot, page, BOOTCAMP_A)

    slug = "own-example-bootcamp-a"
    assert slug in ranking(page)
    assert violations(page, slug) == [
        "costs $12,000 over your budget",
        "needs 40 h/week, you have 10",
    ]
    assert slug in page.side_by_side.model.column_slugs()
    assert "costs $12,000 over your budget" in page.ranking.explanation.toPlainText()
    assert window.undo_action.text() == "&Undo Add Example Bootcamp A"

    window.undo_action.trigger()
    assert slug not in ranking(page)
    assert slug not in [option.slug for option in fresh().choosing.options("flask")]
    window.redo_action.trigger()
    assert slug in ranking(page)
    assert fresh().choosing.option("flask", slug).cost == 13_000


def test_situation_edits_delete_and_choice_are_undone_one_step_each(
    qtbot: QtBot, window: MainWindow, fresh: Callable[[], Services]
) -> None:
    page = open_compare(window)
    add_offer(qtbot, page, EVENING_CLASS_B)
    slug = "own-example-evening-class-b"
    page.select_option(slug)
    with qtbot.waitSignal(page.choice_made, timeout=2000):
        page.offers.choose_button.click()
    assert page.ranking.choice_label.text().startswith("★ My choice: Example Evening Class B")

    page.situation.guidance_combo.setCurrentIndex(page.situation.guidance_combo.findData("lots"))
    window.undo_action.trigger()
    assert page.situation.guidance_combo.currentData() is None
    assert fresh().choosing.situation().guidance is None

    page.select_option(slug)
    page.offers.delete_button.click()
    box = page.offers.confirm_box
    assert box is not None
    yes = box.button(QMessageBox.StandardButton.Yes)
    assert yes is not None
    with qtbot.waitSignal(page.offers_changed, timeout=2000):
        yes.click()
    assert slug not in ranking(page)
    assert fresh().choosing.choice("flask") is None

    window.undo_action.trigger()  # the offer comes back, and so does the choice of it
    assert slug in ranking(page)
    choice = fresh().choosing.choice("flask")
    assert choice is not None and choice.option_slug == slug
    assert page.ranking.choice_label.text().startswith("★ My choice: Example Evening Class B")

    window.undo_action.trigger()  # the choice itself
    assert fresh().choosing.choice("flask") is None
    assert page.ranking.choice_label.text().startswith("No choice recorded yet")


def test_bad_budget_is_pointed_at_and_is_not_an_undo_step(window: MainWindow) -> None:
    page = open_compare(window)
    steps = steps_of(window)
    page.situation.budget_edit.setText("lots")
    page.situation.budget_edit.editingFinished.emit()
    assert page.situation.field_errors["budget"].isVisible()
    assert page.situation.field_errors["budget"].text() == "Must be a number, not 'lots'."
    assert steps_of(window) == steps
    assert message_box(window) is None  # shown next to the field, not in a box


def test_after_a_restart_the_situation_offers_and_choice_are_still_there(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    first = make_window()
    page = open_compare(first)
    page.situation.hours_edit.setValue(12)
    page.situation.goal_combo.setCurrentIndex(
        page.situation.goal_combo.findData(Goal.CAREER_CHANGE.value)
    )
    add_offer(qtbot, page, EVENING_CLASS_B)
    add_offer(qtbot, page, BOOTCAMP_A)
    page.select_option("own-example-evening-class-b")
    page.offers.choose_button.click()
    first.close()

    second = make_window()
    assert second.current_page_key() == "compare"
    again = second.compare
    assert again.situation.hours_edit.value() == 12
    assert again.situation.goal_combo.currentData() == "career-change"
    assert {"own-example-evening-class-b", "own-example-bootcamp-a"} <= set(ranking(again))
    assert again.ranking.choice_label.text().startswith("★ My choice: Example Evening Class B")
    row = ranking(again).index("own-example-evening-class-b")
    assert again.ranking.model.index(row, RankingModel.OPTION).data() == (
        "★ Example Evening Class B"
    )


def test_ticking_a_prerequisite_elsewhere_changes_what_self_study_breaks(
    window: MainWindow,
) -> None:
    page = open_compare(window)
    assumed = "assumes 4 required prerequisites you haven't ticked"
    assert any(message.startswith("assumes") for message in violations(page, "self-study"))
    assert "0 of 10 required skills done" in page.situation.readiness_label.text()

    window.show_page("prerequisites")
    for slug in ("python-proficiency", "web-fundamentals", "http-rest", "databases-sql"):
        window.prerequisites.set_done(slug, True)
    window.show_page("compare")
    assert violations(page, "self-study") == []
    assert page.situation.readiness_label.text() == (
        "Skill level, from your checklist: all 10 required skills done."
    )

    window.show_page("prerequisites")
    window.prerequisites.set_done("databases-sql", False)
    window.show_page("compare")
    (message,) = violations(page, "self-study")
    assert message.startswith("assumes") and "Databases and SQL" in message
    assert assumed not in message  # one missing now, not four


def test_the_page_follows_the_path_switcher(
    qtbot: QtBot, services: Services, make_window: WindowFactory, tmp_path: Path
) -> None:
    text = (bundled_packs_dir() / "flask.yaml").read_text(encoding="utf-8")
    pack = tmp_path / "flask-copy.yaml"
    pack.write_text(
        text.replace("slug: flask\n", "slug: flask-copy\n", 1).replace(
            "title: Flask\n", "title: Flask (copy)\n", 1
        ),
        encoding="utf-8",
    )
    services.packs.import_file(pack)
    services.choosing.add_offer("flask", BOOTCAMP_A)
    window = make_window()
    page = open_compare(window)
    assert page.title_label.text() == "Choose how to learn Flask"
    assert "own-example-bootcamp-a" in ranking(page)

    window.path_combo.setCurrentIndex(window.path_combo.findData("flask-copy"))
    assert page.title_label.text() == "Choose how to learn Flask (copy)"
    assert "own-example-bootcamp-a" not in ranking(page)
    add_offer(qtbot, page, EVENING_CLASS_B)
    assert page.path_slug == "flask-copy"
    assert "own-example-evening-class-b" in [
        option.slug for option in services.choosing.options("flask-copy")
    ]
    assert "own-example-evening-class-b" not in [
        option.slug for option in services.choosing.options("flask")
    ]


def test_the_article_view_keeps_the_tables_facts_and_takeaways(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_page("compare")
    page = window.compare
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    page.ranking.view.setFocus()
    qtbot.keyClick(page.ranking.view, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.current_view() == ComparePage.ARTICLE, timeout=2000)
    assert page.article_button.isChecked()
    assert page.article.isVisible() and not page.weighed.isVisible()
    assert (
        "Choose based on your current skill level"
        in page.article.cards[0].recommendation_label.text()
    )
    assert page.article.takeaways.isVisible()
    qtbot.keyClick(page.article_button, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.current_view() == ComparePage.WEIGHED, timeout=2000)
    assert page.weighed.isVisible()


def test_the_tables_follow_the_dark_theme(window: MainWindow) -> None:
    page = open_compare(window)
    model = page.side_by_side.model
    cell = model.index(0, 0)

    def lightness() -> int:
        return int(cell.data(Qt.ItemDataRole.BackgroundRole).color().lightness())

    assert lightness() > 200
    window.set_theme(ThemeMode.DARK)
    assert lightness() < 90
    assert DARK.base in page.weighed.styleSheet()  # the page's own rules use the dark colours
    window.set_theme(ThemeMode.LIGHT)
    assert lightness() > 200


def test_the_models_pass_the_model_tester_with_offers_and_dark_tints(
    qtmodeltester: Any, window: MainWindow
) -> None:
    window.context.services.choosing.add_offer("flask", BOOTCAMP_A)
    window.context.notify_changed()
    page = open_compare(window)
    page.ranking.model.set_dark(True)
    page.side_by_side.model.set_dark(True)
    qtmodeltester.check(page.ranking.model)
    qtmodeltester.check(page.side_by_side.model)
    assert isinstance(page.side_by_side.model, ComparisonModel)


def test_nothing_of_the_compare_page_is_loaded_before_the_first_paint(tmp_path: Path) -> None:
    code = f"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import tracker.cli
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from tracker.settings import Settings
from tracker.app import build_window
app = QApplication([])
settings = Settings.resolve({str(tmp_path / "data")!r})
window = build_window(settings, QSettings({str(tmp_path / "ui.ini")!r}, QSettings.IniFormat),
                      lazy=True)
painted = []
window.first_painted.connect(lambda: painted.append(sorted(
    m for m in sys.modules
    if m.startswith(("tracker.ui.compare", "tracker.services"))
)))
window.show()
while not painted:
    app.processEvents()
print(painted[0])
"""
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_arrow_steps_on_the_hours_are_one_undo_step(
    qtbot: QtBot, window: MainWindow, fresh: Callable[[], Services]
) -> None:
    page = open_compare(window)
    page.situation.hours_edit.setFocus()
    steps = steps_of(window)
    for _ in range(4):
        qtbot.keyClick(page.situation.hours_edit, Qt.Key.Key_Up)
    assert fresh().choosing.situation().hours_per_week == 4
    assert steps_of(window) == steps + 1
    window.undo_action.trigger()
    assert fresh().choosing.situation().hours_per_week is None
    assert page.situation.hours_edit.value() == 0


def test_the_delete_key_in_the_ranking_asks_to_delete_an_own_offer(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = open_compare(window)
    add_offer(qtbot, page, BOOTCAMP_A)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    page.select_option("own-example-bootcamp-a")
    page.ranking.view.setFocus()
    qtbot.keyClick(page.ranking.view, Qt.Key.Key_Delete)
    box = page.offers.confirm_box
    assert box is not None and box.isVisible()
    assert "Example Bootcamp A" in box.text()
    box.reject()
    assert "own-example-bootcamp-a" in ranking(page)


def test_a_failed_save_shows_a_message_and_what_is_stored(
    qtbot: QtBot, make_window: WindowFactory, data_dir: Path, services: Services
) -> None:
    services.choosing.set_situation(budget=2000)
    services.close()
    database = data_dir / DATABASE_FILE
    read_only = Settings(data_dir, f"sqlite:///file:{database}?mode=ro&uri=true")
    before = database_snapshot(data_dir)
    window = make_window(read_only)
    page = open_compare(window)

    page.situation.budget_edit.setText("500")
    page.situation.budget_edit.editingFinished.emit()
    assert message_box(window) is not None
    assert page.situation.budget_edit.text() == "2000"
    message_box(window).close()
    drag(page.weights.sliders[Criterion.COST], [7, 9])
    assert page.weights.sliders[Criterion.COST].value() == 5
    assert window.undo_action.text() == "&Undo Set budget"  # the step saved before, no new one
    assert database_snapshot(data_dir) == before


def test_compare_page_shows_the_tables_side_by_side_and_disputed_facts(
    window: MainWindow,
) -> None:
    window.show_page("compare")
    page = window.compare
    assert [card.title_label.text() for card in page.article.cards] == [
        "Learning approaches",
        "Micro framework vs full framework",
    ]
    approaches = page.article.cards[0].table_widget
    headers = [approaches.horizontalHeaderItem(c).text() for c in range(approaches.columnCount())]
    assert headers == ["Self-Study", "Structured Classes", "Bootcamps"]
    assert approaches.item(0, 2).text() == "Intensive months"
    assert (
        "Choose based on your current skill level"
        in page.article.cards[0].recommendation_label.text()
    )
    facts_text = " ".join(
        label.text() for label in page.article.findChildren(type(page.article.facts_title))
    )
    assert "13% of professional developers" in facts_text
    assert "15% among professional developers" in facts_text
    assert "$106,000 to $115,000" in facts_text


def test_a_refresh_reads_the_page_in_one_transaction(window: MainWindow) -> None:
    page = open_compare(window)
    engine = window.context.services.store.engine
    begun: list[object] = []

    def count(connection: object) -> None:
        begun.append(connection)

    event.listen(engine, "begin", count)
    try:
        page.refresh()
        assert len(begun) == 1  # situation, offers, checklist, choice, tables: one snapshot
        begun.clear()
        slider = page.weights.sliders[Criterion.COST]
        slider.setSliderDown(True)
        for value in (6, 7, 8):
            slider.setSliderPosition(value)
        assert begun == []  # a moving slider re-ranks what was read
        slider.setSliderDown(False)
        assert len(begun) == 2  # the release: one write, then one snapshot read
    finally:
        event.remove(engine, "begin", count)
