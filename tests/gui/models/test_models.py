"""The item models, checked by qtmodeltester, and the catalog model's own filtering and sorting."""

from __future__ import annotations

from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtTest import QSignalSpy
from pytestqt.modeltest import ModelTester

from tracker.domain.views import ResourceView
from tracker.ui.models.catalog import CatalogFilter, CatalogTableModel
from tracker.ui.models.checklist import ChecklistTreeModel
from tracker.wiring import Services


def view(slug: str, title: str, **fields: object) -> ResourceView:
    values: dict[str, object] = {
        "kind": "article",
        "url": "",
        "provider": "",
        "cost": 0.0,
        "currency": "USD",
        "duration_hours": None,
        "duration_weeks": None,
        "hours_per_week": None,
        "format": "self-paced",
        "level": "all",
        "approach": "self-study",
        "teaches": (),
        "tags": (),
        "description": "",
        "own": False,
    }
    values.update(fields)
    return ResourceView(slug=slug, title=title, **values)  # type: ignore[arg-type]


def test_the_checklist_model_passes_the_model_tester(
    qtmodeltester: ModelTester, services: Services
) -> None:
    model = ChecklistTreeModel()
    model.set_checklist(services.checklist.checklist("flask"))
    qtmodeltester.check(model)
    services.checklist.set_done("flask", "html5", True)
    model.set_checklist(services.checklist.checklist("flask"))
    qtmodeltester.check(model)


def test_the_checklist_model_shows_parents_partial(services: Services) -> None:
    model = ChecklistTreeModel()
    services.checklist.set_done("flask", "css3", True)
    model.set_checklist(services.checklist.checklist("flask"))
    parent = model.index_of("web-fundamentals")
    assert model.rowCount(parent) == 3
    assert model.data(parent, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.PartiallyChecked
    assert model.data(parent).endswith("1/3")


def test_the_catalog_model_passes_the_model_tester(
    qtmodeltester: ModelTester, services: Services
) -> None:
    model = CatalogTableModel()
    model.set_rows(services.catalog.resources("flask"))
    qtmodeltester.check(model)
    model.set_search("flask")
    model.sort(3, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_catalog_search_needs_every_word_in_title_provider_tags_description_or_notes() -> None:
    model = CatalogTableModel()
    model.set_rows(
        [
            view("a", "Flask basics", provider="Pallets", tags=("official",)),
            view("b", "Django intro", description="Compares with Flask"),
            view("c", "Jinja", notes="Ask mentor about macros"),
        ]
    )
    model.set_search("FLASK")
    assert model.matching_slugs() == ["a", "b"]
    model.set_search("flask official")
    assert model.matching_slugs() == ["a"]
    model.set_search("mentor")
    assert model.matching_slugs() == ["c"]
    model.set_search("")
    assert model.matching_slugs() == ["a", "b", "c"]


def test_catalog_filters_and_sort_keys() -> None:
    model = CatalogTableModel()
    model.set_rows(
        [
            view("free", "B free", cost=0.0, status="done"),
            view("paid", "A paid", cost=99.0, format="live-online"),
            view("unknown", "C unknown", cost=None, status="in-progress"),
        ]
    )
    model.set_filter(CatalogFilter(price="paid"))  # not known to be free
    assert model.matching_slugs() == ["paid", "unknown"]
    model.set_filter(CatalogFilter(price="free"))
    assert model.matching_slugs() == ["free"]
    model.set_filter(CatalogFilter(status="not-started"))
    assert model.matching_slugs() == ["paid"]
    model.set_filter(CatalogFilter())
    model.sort(3, Qt.SortOrder.AscendingOrder)  # cost: free, 99, unknown last
    assert model.matching_slugs() == ["free", "paid", "unknown"]
    model.sort(7, Qt.SortOrder.AscendingOrder)  # status: in progress first
    assert model.matching_slugs()[0] == "unknown"
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert model.matching_slugs() == ["paid", "free", "unknown"]


def test_external_search_results_replace_the_text_search() -> None:
    model = CatalogTableModel()
    model.set_rows([view("a", "One"), view("b", "Two"), view("c", "Three")])
    model.set_search_results(["c", "a"])
    assert model.matching_slugs() == ["a", "c"]
    model.set_search_results(None)
    assert model.rowCount() == 3


def test_typing_letter_by_letter_finds_what_a_fresh_search_finds(services: Services) -> None:
    rows = services.catalog.resources("flask")
    typed = CatalogTableModel()
    typed.set_rows(rows)
    for text in ("f", "fl", "fla", "flas", "flask", "flask ", "flask t", "flask tu", "fla", ""):
        typed.set_search(text)  # extending the text narrows; deleting starts over
        fresh = CatalogTableModel()
        fresh.set_rows(rows)
        fresh.set_search(text)
        assert typed.matching_slugs() == fresh.matching_slugs(), text
    assert len(typed.matching_slugs()) == len(rows)


def test_a_changed_row_is_updated_in_place(qtmodeltester: ModelTester) -> None:
    model = CatalogTableModel()
    model.set_rows([view("a", "Flask basics"), view("b", "Django intro"), view("c", "Jinja")])
    qtmodeltester.check(model)
    resets, changes = QSignalSpy(model.modelReset), QSignalSpy(model.dataChanged)

    assert model.update_rows([view("b", "Django intro", status="done", notes="zebra")])

    assert resets.count() == 0 and changes.count() == 1
    assert model.data(model.index(1, 7)) == "Done"
    model.set_search("zebra")
    assert model.matching_slugs() == ["b"]  # the note is searchable at once
    assert not model.update_rows([view("new", "Not in the table")])  # caller reloads instead


def test_a_change_that_leaves_the_filter_moves_rows_and_keeps_the_selection(
    qtmodeltester: ModelTester,
) -> None:
    model = CatalogTableModel()
    model.set_rows([view("a", "A", status="done"), view("b", "B", status="done"), view("c", "C")])
    model.set_filter(CatalogFilter(status="done"))
    qtmodeltester.check(model)
    kept = QPersistentModelIndex(model.index(1, 0))  # "b"
    layouts, resets = QSignalSpy(model.layoutChanged), QSignalSpy(model.modelReset)

    assert model.update_rows([view("a", "A", status=None)])  # "a" leaves the "done" filter

    assert model.matching_slugs() == ["b"]
    assert layouts.count() == 1 and resets.count() == 0
    assert kept.isValid() and kept.row() == 0
