"""The Compare page on its own, driven part by part as a learner drives it; what it saved is
read back afresh."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from tests.helpers import database_snapshot
from tests.offers import BOOTCAMP_A, EVENING_CLASS_B
from tracker.domain.choosing import Criterion
from tracker.domain.enums import Goal
from tracker.ui.compare.offer import OfferDialog
from tracker.ui.compare.page import ComparePage
from tracker.ui.models.compare import ComparisonModel, RankingModel
from tracker.ui.shell.context import AppContext
from tracker.wiring import Services, Settings, open_services

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh(settings: Settings) -> Iterator[list[Services]]:
    """Services opened later in a test (a restart), closed at the end."""
    opened: list[Services] = []
    yield opened
    for services in opened:
        services.close()


def restart(settings: Settings, fresh: list[Services]) -> Services:
    services = open_services(settings)
    fresh.append(services)
    return services


def make_page(qtbot: QtBot, services: Services) -> ComparePage:
    """The page on its own, on an app context bound to ``services`` (the Flask path)."""
    context = AppContext(services.settings)
    context.attach(services)
    page = ComparePage(context)
    qtbot.addWidget(page)
    context.setParent(page)
    page.resize(1480, 980)
    page.show()
    return page


def ranking(page: ComparePage) -> list[str]:
    model = page.ranking.model
    return [model.entry(row).option.slug for row in range(model.rowCount())]


def fill_offer(dialog: OfferDialog, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        if name in dialog.edits:
            dialog.edits[name].setText(str(value))
        elif name in dialog.combos:
            combo = dialog.combos[name]
            combo.setCurrentIndex(combo.findData(value))
        elif name in dialog.flags:
            dialog.flags[name].setChecked(bool(value))


def test_moving_a_weight_reranks_live_and_is_saved(
    qtbot: QtBot, services: Services, settings: Settings, fresh: list[Services]
) -> None:
    services.choosing.set_situation(hours_per_week=10, budget=600, goal="career-change")
    page = make_page(qtbot, services)
    assert ranking(page)[0] != "bootcamps"

    for criterion, slider in page.weights.sliders.items():
        if criterion is not Criterion.CAREER_FOCUS:
            slider.setValue(0)
    with qtbot.waitSignal(page.weights_changed, timeout=5000):
        page.weights.sliders[Criterion.CAREER_FOCUS].setValue(10)

    assert ranking(page)[0] == "bootcamps"
    assert page.ranking.best_label.text().startswith("Best fit for you: Bootcamps")
    assert page.side_by_side.model.headerData(
        2, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole
    ) == ("Career focus  ×10")
    weights = restart(settings, fresh).choosing.weights()
    assert weights[Criterion.CAREER_FOCUS] == 10
    assert weights[Criterion.COST] == 0


def test_an_added_offer_is_scored_and_compared(
    qtbot: QtBot, services: Services, settings: Settings, fresh: list[Services]
) -> None:
    services.choosing.set_situation(hours_per_week=10, budget=1_000)
    page = make_page(qtbot, services)
    page.offers.add_button.click()
    dialog = page.offers.offer_dialog
    assert dialog is not None
    assert dialog.isVisible()
    fill_offer(dialog, BOOTCAMP_A)
    with qtbot.waitSignal(page.offers_changed, timeout=2000):
        dialog.save_button.click()

    assert not dialog.isVisible()
    slug = "own-example-bootcamp-a"
    assert slug in ranking(page)
    entry = page.ranking.model.entry(ranking(page).index(slug))
    assert [v.message for v in entry.violations] == [
        "costs $12,000 over your budget",
        "needs 40 h/week, you have 10",
    ]
    assert slug in page.side_by_side.model.column_slugs()
    assert page.current_slug() == slug
    assert "costs $12,000 over your budget" in page.ranking.explanation.toPlainText()
    saved = restart(settings, fresh).choosing.option("flask", slug)
    assert (saved.cost, saved.job_guarantee, saved.url) == (
        13_000,
        True,
        "https://example.com/bootcamp-a",
    )


def test_the_offer_form_shows_each_problem_next_to_its_field(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    page = make_page(qtbot, services)
    before = database_snapshot(data_dir)
    page.offers.add_button.click()
    dialog = page.offers.offer_dialog
    assert dialog is not None
    fill_offer(dialog, {**BOOTCAMP_A, "url": "ftp://example.com/x", "cost": "-3", "rating": "7"})
    dialog.save_button.click()

    assert dialog.isVisible()
    assert dialog.errors["url"].text() == "URL scheme must be http or https, not 'ftp'."
    assert dialog.errors["cost"].text() == "Must not be negative."
    assert dialog.errors["rating"].text() == "Must be 5 or less."
    assert not dialog.errors["title"].isVisible()
    assert dialog.message.text() == "Not saved: 3 fields need fixing."
    assert database_snapshot(data_dir) == before

    dialog.edits["cost"].clear()
    qtbot.keyClicks(dialog.edits["cost"], "12000")
    assert not dialog.errors["cost"].isVisible()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert database_snapshot(data_dir) == before


def test_the_situation_form_saves_and_points_at_a_bad_budget(
    qtbot: QtBot, services: Services, settings: Settings, fresh: list[Services]
) -> None:
    page = make_page(qtbot, services)
    page.situation.budget_edit.setText("lots")
    page.situation.budget_edit.editingFinished.emit()
    assert page.situation.field_errors["budget"].text() == "Must be a number, not 'lots'."
    assert page.situation.field_errors["budget"].isVisible()
    assert services.choosing.situation().budget is None

    page.situation.budget_edit.setText("2,500")
    page.situation.budget_edit.editingFinished.emit()
    assert not page.situation.field_errors["budget"].isVisible()
    page.situation.goal_combo.setCurrentIndex(page.situation.goal_combo.findData("career-change"))
    page.situation.hours_edit.setValue(12)
    page.situation.target_check.setChecked(True)
    page.situation.target_edit.setDate(
        page.situation.target_edit.date().fromString("2027-06-30", "yyyy-MM-dd")
    )

    situation = restart(settings, fresh).choosing.situation()
    assert situation.budget == 2500
    assert situation.goal is Goal.CAREER_CHANGE
    assert situation.hours_per_week == 12
    assert situation.target_date == date(2027, 6, 30)


def test_after_a_restart_the_situation_offers_and_choice_are_still_there(
    qtbot: QtBot, services: Services, settings: Settings, fresh: list[Services]
) -> None:
    page = make_page(qtbot, services)
    page.situation.hours_edit.setValue(10)
    page.situation.guidance_combo.setCurrentIndex(page.situation.guidance_combo.findData("lots"))
    page.offers.add_button.click()
    assert page.offers.offer_dialog is not None
    fill_offer(page.offers.offer_dialog, EVENING_CLASS_B)
    page.offers.offer_dialog.save_button.click()
    page.select_option("own-example-evening-class-b")
    with qtbot.waitSignal(page.choice_made, timeout=2000):
        page.offers.choose_button.click()
    page.close()

    again = restart(settings, fresh)
    reopened = make_page(qtbot, again)
    assert reopened.situation.hours_edit.value() == 10
    assert reopened.situation.guidance_combo.currentData() == "lots"
    assert "own-example-evening-class-b" in ranking(reopened)
    assert reopened.ranking.choice_label.text().startswith("★ My choice: Example Evening Class B")
    row = ranking(reopened).index("own-example-evening-class-b")
    title = reopened.ranking.model.index(row, RankingModel.OPTION).data()
    assert title == "★ Example Evening Class B"
    choice = again.choosing.choice("flask")
    assert choice is not None
    assert choice.ranking[0]["rank"] == 1


def test_duplicate_edit_and_delete_an_offer(
    qtbot: QtBot, services: Services, settings: Settings, fresh: list[Services]
) -> None:
    page = make_page(qtbot, services)
    page.select_option("bootcamps")
    assert not page.offers.edit_button.isEnabled()  # the path's own approaches are read-only
    page.offers.duplicate_button.click()
    assert page.current_slug() == "own-bootcamps-copy"
    assert page.offers.edit_button.isEnabled()

    page.offers.edit_button.click()
    dialog = page.offers.offer_dialog
    assert dialog is not None
    assert dialog.edits["title"].text() == "Bootcamps (copy)"
    assert dialog.edits["weeks_min"].text() == "12"
    dialog.edits["cost"].setText("9500")
    dialog.save_button.click()
    assert restart(settings, fresh).choosing.option("flask", "own-bootcamps-copy").cost == 9500

    page.offers.delete_button.click()
    box = page.offers.confirm_box
    assert box is not None
    button = box.button(QMessageBox.StandardButton.Yes)
    assert button is not None
    with qtbot.waitSignal(page.offers_changed, timeout=2000):
        button.click()
    assert "own-bootcamps-copy" not in ranking(page)
    assert "own-bootcamps-copy" not in [o.slug for o in services.choosing.options("flask")]


def test_export_writes_the_compared_options(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    page = make_page(qtbot, services)
    assert page.ranking.model.compared_slugs() == ranking(page)[:3]
    for kind, name in (("csv", "mine.csv"), ("md", "mine.md")):
        button = (
            page.side_by_side.export_csv_button
            if kind == "csv"
            else page.side_by_side.export_markdown_button
        )
        button.click()
        dialog = page.side_by_side.file_dialog
        assert dialog is not None
        with qtbot.waitSignal(page.exported, timeout=2000):
            dialog.fileSelected.emit(str(tmp_path / name))
    rows = list(csv.DictReader((tmp_path / "mine.csv").open(encoding="utf-8")))
    assert [row["slug"] for row in rows] == ranking(page)[:3]
    markdown = (tmp_path / "mine.md").read_text(encoding="utf-8")
    assert "| Criterion (weight) | 1. " in markdown
    assert page.status_text() == f"Exported to {tmp_path / 'mine.md'}."


def test_at_most_four_options_are_compared(qtbot: QtBot, services: Services) -> None:
    services.choosing.add_offer("flask", BOOTCAMP_A)
    services.choosing.add_offer("flask", EVENING_CLASS_B)
    page = make_page(qtbot, services)
    model = page.ranking.model
    assert len(model.compared_slugs()) == 4
    fifth = next(
        row
        for row in range(model.rowCount())
        if model.index(row, RankingModel.COMPARE).data(Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.Unchecked
    )
    index = model.index(fifth, RankingModel.COMPARE)
    assert not model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert page.status_text() == "Compare up to 4 options at once: untick one first."

    first = model.index(0, RankingModel.COMPARE)
    assert model.setData(first, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert page.side_by_side.model.columnCount() == 3
    assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert page.side_by_side.model.columnCount() == 4


def test_the_ranking_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: Any, services: Services
) -> None:
    services.choosing.add_offer("flask", BOOTCAMP_A)
    model = RankingModel()
    model.set_recommendation(services.choosing.rank("flask"), None)
    model.set_compared(["bootcamps"])
    qtmodeltester.check(model)


def test_the_comparison_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: Any, services: Services
) -> None:
    recommendation = services.choosing.rank("flask")
    model = ComparisonModel()
    qtmodeltester.check(model)  # empty: nothing ticked
    model.set_columns(recommendation.ranking, dict(recommendation.weights))
    qtmodeltester.check(model)
    cost_row = list(Criterion).index(Criterion.COST)
    structured = [e.option.slug for e in recommendation.ranking].index("structured-classes")
    cell = model.index(cost_row, structured)
    assert cell.data() == "unknown\n5/10"
    assert cell.data(ComparisonModel.KnownRole) is False


def test_screenshot_with_three_approaches_and_two_offers(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    """Renders the page on its own (the README's shot is the main window's, render_pages.py)."""
    for slug in ("python-proficiency", "web-fundamentals"):
        services.checklist.set_done("flask", slug, True)
    services.choosing.set_situation(
        hours_per_week=12,
        budget=3000,
        goal="career-change",
        guidance="some",
        preferred_format="live-online",
        target_date=date(2027, 6, 30),
    )
    services.choosing.add_offer("flask", BOOTCAMP_A)
    class_b = services.choosing.add_offer("flask", EVENING_CLASS_B).value
    services.choosing.choose("flask", class_b)
    page = make_page(qtbot, services)
    qtbot.waitExposed(page)
    QApplication.processEvents()  # let the layouts settle at the final size before grabbing
    assert len(ranking(page)) == 5
    image = page.grab()
    assert (image.width(), image.height()) == (1480, 980)
    assert image.save(str(tmp_path / "compare-weighted.png"))


def test_refresh_reads_prerequisites_ticked_elsewhere(qtbot: QtBot, services: Services) -> None:
    page = make_page(qtbot, services)
    assert "0 of 10 required skills done" in page.situation.readiness_label.text()
    assert ranking(page)[-1] == "self-study"  # it assumes the prerequisites nobody ticked yet
    for slug in ("python-proficiency", "web-fundamentals", "http-rest", "databases-sql"):
        services.checklist.set_done("flask", slug, True)
    page.refresh()
    assert page.situation.readiness_label.text() == (
        "Skill level, from your checklist: all 10 required skills done."
    )
    assert ranking(page)[0] == "self-study"
