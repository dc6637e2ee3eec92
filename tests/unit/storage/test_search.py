"""Catalog search: words in titles, tags, descriptions and my notes; FTS5 and LIKE agree."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.packgen import pack_dict
from tests.unit.storage.catalog_data import PATH
from tracker.domain.views import ResourceView, search_text
from tracker.locations import DATABASE_FILE
from tracker.storage.search import SEARCH_INDEX_TABLES, SearchQuery
from tracker.wiring import Services

TYPED_WORDS = ("flask", "blueprints", "café", "migrations", "jalapeño", "rest", "zzz")
QUERIES = (
    "",
    "   ",
    "Flask blueprints",
    "flask  TESTING ",
    "sqlalchemy orm tutorial",
    "caf",
    "CAFÉ naïve",
    "über",
    "sticky",
    "sticky flask",
    "resource 12",
    '"unbalanced quote',
    "flask AND OR NOT",
    "NEAR(flask rest)",
    "title:flask",
    "flask*",
    "^start -minus +plus",
    "(((",
    "'; DROP TABLE resource; --",
    "%_",
    "zebra",
    "quokka talk",
    "talk ",
)


def expected(resources: list[ResourceView], query: str) -> list[str]:
    """The rule, applied to what the catalog shows: every word in the text or my notes."""
    parsed = SearchQuery.parse(query)
    if not parsed.words:
        return [r.slug for r in resources]
    return [
        r.slug
        for r in resources
        if parsed.matches((r.title, r.provider, *r.tags, r.description, r.notes))
    ]


def test_fts5_and_the_like_fallback_give_the_same_answers(seeded: Services) -> None:
    catalog = seeded.catalog.resources(PATH)
    queries = [*QUERIES, *(w[:n] for w in TYPED_WORDS for n in range(1, len(w) + 1))]
    sizes = set()
    for query in queries:
        through_index = seeded.catalog.search(PATH, query)
        through_like = seeded.catalog.search(PATH, query, use_index=False)
        assert through_index == through_like == expected(catalog, query), query
        sizes.add(len(through_index))
    assert 0 in sizes and len(catalog) in sizes and len(sizes) > 10  # the queries discriminate


def test_my_notes_are_searched_and_only_mine(seeded: Services) -> None:
    assert seeded.catalog.search(PATH, "zebra") == ["resource-3"]
    assert seeded.catalog.search(PATH, "sticky") == [
        "resource-3",
        "own-quokka-talk-on-flask-blueprints",
    ]
    assert seeded.catalog.search(PATH, "erased") == []  # notes were emptied
    seeded.catalog.set_notes(PATH, "resource-3", "nothing to see")
    assert seeded.catalog.search(PATH, "zebra") == []
    assert seeded.catalog.search(PATH, "zebra", use_index=False) == []


def test_own_resources_are_found_until_deleted(seeded: Services) -> None:
    slug = "own-quokka-talk-on-flask-blueprints"
    assert slug in seeded.catalog.search(PATH, "quokka talk")
    seeded.catalog.update_own_resource(PATH, slug, {"title": "Conference talk", "tags": ["video"]})
    assert seeded.catalog.search(PATH, "quokka") == []
    assert seeded.catalog.search(PATH, "conference video") == [slug]
    seeded.catalog.delete_own_resource(PATH, slug)
    assert seeded.catalog.search(PATH, "conference") == []


def test_the_first_rows_come_without_the_rest(seeded: Services) -> None:
    everything = seeded.catalog.resources(PATH)
    assert everything[-1].own
    for limit in (0, 1, 50, len(everything) - 1, len(everything), len(everything) + 5):
        assert seeded.catalog.resources(PATH, limit=limit) == everything[:limit]


def test_status_counts_are_what_the_catalog_shows(seeded: Services, tmp_path: Path) -> None:
    statuses = ["planned", "in-progress", "done", "skipped", None]
    shown = [r.slug for r in seeded.catalog.resources(PATH)]
    for index, slug in enumerate(shown[::7]):
        seeded.catalog.set_status(PATH, slug, statuses[index % len(statuses)])
    seeded.catalog.set_status(PATH, shown[-1], "done")  # an own resource
    pack = pack_dict(400, seed=20261125, slug=PATH)
    del pack["resources"][:14]  # archives two resources that have a status
    file = tmp_path / "smaller.json"
    file.write_text(json.dumps(pack), "utf-8")
    seeded.packs.import_file(file)
    catalog = seeded.catalog.resources(PATH)
    expected_counts: dict[str, int] = {}
    for view in catalog:
        if view.status is not None:
            expected_counts[view.status] = expected_counts.get(view.status, 0) + 1
    assert seeded.catalog.status_counts(PATH) == (len(catalog), expected_counts)
    for status in ("planned", "in-progress", "done", "skipped"):
        with_status = [view for view in catalog if view.status == status]
        assert seeded.catalog.resources(PATH, status=status) == with_status
        assert seeded.catalog.resources(PATH, status=status, limit=2) == with_status[:2]
    summary = seeded.progress.summary(PATH)
    assert summary.resources.done == expected_counts["done"]
    assert summary.resources.total == len(catalog)
    assert summary.resources_in_progress == expected_counts["in-progress"]


def test_the_archived_resource_is_not_found(seeded: Services) -> None:
    shown = {r.slug for r in seeded.catalog.resources(PATH)}
    assert "resource-7" not in shown
    assert "resource-7" not in seeded.catalog.search(PATH, "")


def test_a_database_without_fts5_searches_with_like(seeded: Services) -> None:
    """What the migration leaves where SQLite lacks FTS5: no index tables, no triggers."""
    before = {q: seeded.catalog.search(PATH, q) for q in QUERIES}
    connection = sqlite3.connect(seeded.settings.data_dir / DATABASE_FILE)
    with connection:
        for table in SEARCH_INDEX_TABLES:
            for event in ("insert", "update", "delete"):
                connection.execute(f"DROP TRIGGER {table}_{event}")
            connection.execute(f"DROP TABLE {table}")
    connection.close()
    assert {q: seeded.catalog.search(PATH, q) for q in QUERIES} == before
    seeded.catalog.set_notes(PATH, "resource-2", "a zebra here too")
    assert seeded.catalog.search(PATH, "zebra") == ["resource-2", "resource-3"]


def test_an_unknown_path_is_a_clear_error(services: Services) -> None:
    from tracker.errors import NotFoundError

    with pytest.raises(NotFoundError, match="no learning path 'nope'"):
        services.catalog.search("nope", "flask")


def test_the_index_follows_a_reimport(seeded: Services, tmp_path: Path) -> None:
    pack = pack_dict(400, seed=20261125, slug=PATH)
    del pack["resources"][7]
    pack["resources"][0]["title"] = "Wombat handbook"  # changed: the update trigger
    pack["resources"].append(  # added: indexed in one statement with the other new rows
        {"slug": "added-later", "title": "Numbat field guide", "kind": "book", "tags": ["émeu"]}
    )
    file = tmp_path / "again.json"
    file.write_text(json.dumps(pack), "utf-8")
    report = seeded.packs.import_file(file).value
    assert report.added == ("resource added-later",)
    for query, slugs in (
        ("wombat", ["resource-0"]),
        ("numbat", ["added-later"]),
        ("émeu", ["added-later"]),
    ):
        assert seeded.catalog.search(PATH, query) == slugs
        assert seeded.catalog.search(PATH, query, use_index=False) == slugs
    connection = sqlite3.connect(seeded.settings.data_dir / DATABASE_FILE)
    triggers = {
        row[0]
        for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    connection.close()
    assert {
        f"{table}_{event}"
        for table in SEARCH_INDEX_TABLES
        for event in ("insert", "update", "delete")
    } == triggers


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.text(alphabet=st.sampled_from(list("flaskbuepé \"*^():-+ANDORNEAR'%_\\")), max_size=24)
)
def test_any_typed_text_is_a_valid_search(seeded: Services, query: str) -> None:
    """Whatever a learner types (quotes, operators, stars, brackets) answers, never raises."""
    catalog = seeded.catalog.resources(PATH)
    through_index = seeded.catalog.search(PATH, query)
    assert through_index == seeded.catalog.search(PATH, query, use_index=False)
    assert through_index == expected(catalog, query)


def test_a_failed_bulk_import_keeps_the_index_trigger(services: Services) -> None:
    """The insert trigger is dropped only inside the import's transaction: a failure restores it."""
    from sqlalchemy import text

    from tracker.storage.search import indexing_in_one_go

    with (
        pytest.raises(RuntimeError),
        services.store.transaction() as session,
        indexing_in_one_go(session),
    ):
        raise RuntimeError("the disk filled up halfway")
    with services.store.reading() as session:
        found = session.execute(
            text("SELECT count(*) FROM sqlite_master WHERE name = 'resource_fts_insert'")
        ).scalar()
    assert found == 1


def test_filtered_reads_give_what_the_whole_catalog_gives(seeded: Services) -> None:
    shown = [r.slug for r in seeded.catalog.resources(PATH)]
    seeded.catalog.set_status(PATH, shown[3], "planned")
    seeded.catalog.set_status(PATH, shown[5], "in-progress")
    seeded.catalog.set_status(PATH, shown[-1], "done")  # an own resource
    catalog = seeded.catalog.resources(PATH)
    active = seeded.catalog.resources(PATH, status=("planned", "in-progress"))
    assert active == [v for v in catalog if v.status in ("planned", "in-progress")]
    assert len(active) == 2
    picked = {shown[0], shown[7], shown[-1], "no-such-slug"}
    assert seeded.catalog.resources(PATH, slugs=picked) == [v for v in catalog if v.slug in picked]
    assert seeded.catalog.resource(PATH, shown[7]) == catalog[7]


def test_the_resources_that_teach_a_skill_are_read_without_the_rest(services: Services) -> None:
    catalog = services.catalog.resources("flask")
    teaching = services.catalog.resources("flask", teaching=True)
    assert teaching == [v for v in catalog if v.teaches]
    assert 0 < len(teaching) < len(catalog)


def test_rows_for_an_in_memory_search_hold_each_description_once(seeded: Services) -> None:
    seeded.catalog.set_notes(PATH, "resource-3", "Zebra notes")
    catalog = seeded.catalog.resources(PATH)
    texts: list[str] = []
    light = seeded.catalog.resources(PATH, texts=texts)
    assert len(texts) == len(light) == len(catalog)
    for full, row, text in zip(catalog, light, texts, strict=True):
        assert row.description == "" and row.url == ""
        assert row.title == full.title and row.status == full.status
        assert text == search_text(
            full.title, full.provider, full.tags, full.description, full.notes
        )
    assert "zebra notes" in texts[[v.slug for v in catalog].index("resource-3")]


def content_stamp(services: Services) -> tuple[object, ...]:
    return services.catalog.snapshot(PATH, first=0).stamp


def test_learner_state_and_content_stamp_tell_what_changed(seeded: Services) -> None:
    stamp = content_stamp(seeded)
    before = seeded.catalog.learner_state(PATH)
    seeded.catalog.set_status(PATH, "resource-6", "done")
    seeded.catalog.set_notes(PATH, "resource-10", "read later")
    after = seeded.catalog.learner_state(PATH)
    changed = {slug for slug in {*before, *after} if before.get(slug) != after.get(slug)}
    assert changed == {"resource-6", "resource-10"}
    assert after["resource-6"][0] == "done" and after["resource-10"][2] == "read later"
    assert content_stamp(seeded) == stamp  # progress is not content
    slug = seeded.catalog.add_own_resource(PATH, {"title": "A talk", "kind": "video"}).value
    assert content_stamp(seeded) != stamp
    stamp = content_stamp(seeded)
    seeded.catalog.update_own_resource(PATH, slug, {"title": "Another talk"})
    assert content_stamp(seeded) != stamp
