"""The catalog's SQL is portable: every statement of storage/catalog.py and of the portable
search compiles for PostgreSQL, and on a real PostgreSQL 15 (a throwaway cluster, where its
binaries are installed) the catalog reads and the portable search give what SQLite gives."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import JSON, ClauseElement, String, cast, event, insert, literal, select
from sqlalchemy.orm import Session
from sqlalchemy.schema import CreateTable
from sqlalchemy.sql import Select

from tests.unit.storage import postgres
from tests.unit.storage.catalog_data import OWN, PATH
from tests.unit.storage.test_search import QUERIES
from tracker.domain.enums import ItemKind
from tracker.storage import catalog as catalog_store
from tracker.storage.catalog import CatalogScope, RowFilter
from tracker.storage.models import Base, LearningPath
from tracker.storage.search import LikeSearch, SearchQuery, every_slug_statements, search_slugs
from tracker.wiring import Services

COPIED_TABLES = (
    "profile",
    "learning_path",
    "resource",
    "own_resource",
    "resource_progress",
    "study_session",
)
FILTERS = (
    RowFilter(),
    RowFilter(statuses=frozenset({"done", "planned"})),
    RowFilter(statuses=frozenset()),
    RowFilter(slugs=frozenset({"resource-3", "resource-7", OWN, "no-such-slug"})),
    RowFilter(teaching=True),
    RowFilter(statuses=frozenset({"done"}), slugs=frozenset({"resource-5", OWN}), teaching=False),
)

Call = Callable[[Session, CatalogScope], Any]
CALLS: dict[str, list[Call]] = {
    "pack_rows": [
        *(lambda s, c, f=f: catalog_store.pack_rows(s, c, f) for f in FILTERS),
        lambda s, c: catalog_store.pack_rows(s, c, RowFilter(), limit=5),
    ],
    "own_rows": [
        *(lambda s, c, f=f: catalog_store.own_rows(s, c, f) for f in FILTERS),
        lambda s, c: catalog_store.own_rows(s, c, RowFilter(), limit=0),
    ],
    "own_rows_stamp": [catalog_store.own_rows_stamp],
    "progress_rows": [catalog_store.progress_rows],
    "minutes_by_resource": [catalog_store.minutes_by_resource],
    "shown_count": [catalog_store.shown_count],
    "status_counts": [catalog_store.status_counts],
    "resource_title": [
        lambda s, c: catalog_store.resource_title(s, c, "resource-7"),
        lambda s, c: catalog_store.resource_title(s, c, OWN),
        lambda s, c: catalog_store.resource_title(s, c, "no-such-slug"),
    ],
    "set_progress": [
        lambda s, c: catalog_store.set_progress(s, c, "resource-1", "status", "done", NOW),
        lambda s, c: catalog_store.set_progress(s, c, "resource-3", "notes", "changed", NOW),
        lambda s, c: catalog_store.set_progress(s, c, OWN, "rating", 4, NOW),
    ],
}
NOW = datetime(2026, 12, 2, 12, 0)
SEARCHES = (*QUERIES, "resource", "flask blue", "sticky", "zebra", "quokka talk", "café")


@pytest.fixture(scope="module")
def cluster() -> Iterator[postgres.Postgres | None]:
    """A PostgreSQL 15 cluster for this module, or None where its binaries are missing."""
    started = postgres.start()
    yield started
    if started is not None:
        started.stop()


@pytest.fixture
def recorded(seeded: Services) -> list[tuple[ClauseElement, bool]]:
    """Every statement the storage functions and the portable search run on SQLite, and
    whether it came with separate parameters (ORM loads and flushes) or has its values in it."""
    seeded.studylog.log(PATH, 30, item_kind=ItemKind.RESOURCE, item_slug="resource-5")
    seeded.studylog.log(PATH, 15, item_kind=ItemKind.RESOURCE, item_slug=OWN)
    statements: list[tuple[ClauseElement, bool]] = []

    def before_execute(
        _conn: object, clause: Any, multiparams: Any, params: Any, _options: object
    ) -> None:
        statements.append((clause, bool(multiparams or params)))

    engine = seeded.store.engine
    event.listen(engine, "before_execute", before_execute)
    try:
        with seeded.store.transaction() as session:
            scope = _scope(session, seeded)
            for calls in CALLS.values():
                for call in calls:
                    result = call(session, scope)
                    if hasattr(result, "all"):
                        result.all()
                    session.flush()
            for query in SEARCHES:
                search_slugs(session, scope, query, use_index=False)
            session.rollback()
    finally:
        event.remove(engine, "before_execute", before_execute)
    return statements


def _scope(session: Session, services: Services) -> CatalogScope:
    path_id = session.scalar(select(LearningPath.id).where(LearningPath.slug == PATH))
    assert path_id is not None
    return CatalogScope(path_id, PATH, services.store.ensure_profile())


def test_every_storage_function_is_exercised() -> None:
    """Adding a function to storage/catalog.py without adding it here fails this test."""
    executing = {
        name
        for name, function in inspect.getmembers(catalog_store, inspect.isfunction)
        if function.__module__ == catalog_store.__name__
        and not name.startswith("_")
        and next(iter(inspect.signature(function).parameters), "") == "session"
    }
    assert executing == set(CALLS)


def test_every_statement_compiles_for_postgresql(
    recorded: list[tuple[ClauseElement, bool]],
) -> None:
    assert len(recorded) > 50
    for statement, has_parameters in recorded:
        sql = str(statement.compile(dialect=postgresql_dialect()))
        assert "json_each" not in sql and "LIMIT -1" not in sql, sql
        if not has_parameters:  # values in the statement: they render inline too
            postgres.inline_sql(statement)


def postgresql_dialect() -> Any:
    return postgres.DIALECT


def test_reads_and_search_give_on_postgresql_what_they_give_on_sqlite(
    seeded: Services,
    recorded: list[tuple[ClauseElement, bool]],
    cluster: postgres.Postgres | None,
) -> None:
    if cluster is None:  # no PostgreSQL binaries here: the compile check above still holds
        return
    copy_into(cluster, seeded)
    reads = [s for s, has_parameters in recorded if isinstance(s, Select) and not has_parameters]
    assert len(reads) > 40
    with seeded.store.reading() as session:
        for statement in reads:
            on_sqlite = [list(row) for row in session.execute(statement)]
            on_postgres = cluster.rows(statement)
            if statement._order_by_clauses:
                assert normal(on_postgres) == normal(on_sqlite), postgres.inline_sql(statement)
            else:
                assert sorted(normal(on_postgres), key=repr) == sorted(
                    normal(on_sqlite), key=repr
                ), postgres.inline_sql(statement)
        scope = _scope(session, seeded)
        search = LikeSearch()
        for query in SEARCHES:
            parsed = SearchQuery.parse(query)
            if parsed.words:
                on_sqlite = search.slugs(session, scope, parsed)
                on_postgres = [
                    slug
                    for statement in search.statements(scope, parsed)
                    for slug in search.matching(parsed, cluster.rows(statement))
                ]
            else:
                on_sqlite = [
                    slug
                    for statement in every_slug_statements(scope)
                    for slug in session.execute(statement).scalars()
                ]
                on_postgres = [
                    row[0]
                    for statement in every_slug_statements(scope)
                    for row in cluster.rows(statement)
                ]
            assert on_postgres == on_sqlite, query
    assert seeded.catalog.search(PATH, "sticky", use_index=False) == ["resource-3", OWN]


def copy_into(cluster: postgres.Postgres, services: Services) -> None:
    """The schema, made for PostgreSQL from the models, and the catalog's rows from SQLite."""
    tables = [t for t in Base.metadata.sorted_tables]
    statements: list[Any] = [CreateTable(t).compile(dialect=postgres.DIALECT) for t in tables]
    cluster.execute([str(s) for s in statements])
    with services.store.reading() as session:
        for table in tables:
            if table.name not in COPIED_TABLES:
                continue
            json_columns = {c.name for c in table.columns if isinstance(c.type, JSON)}
            columns = [
                cast(c, String).label(c.name) if c.name in json_columns else c
                for c in table.columns
            ]
            rows = [
                {  # JSON as the text SQLite holds: PostgreSQL's json keeps it as it is
                    name: literal(value, String) if name in json_columns else value
                    for name, value in row._mapping.items()
                }
                for row in session.execute(select(*columns))
            ]
            if rows:
                cluster.execute([insert(table).values(rows)])


def normal(rows: list[list[Any]]) -> list[tuple[Any, ...]]:
    """Rows with numbers compared as numbers (PostgreSQL's JSON has no int/float/bool split)."""
    return [tuple(float(v) if isinstance(v, (int, float)) else v for v in row) for row in rows]
