"""The study log's, plan's, progress' and revisits' statements compile for PostgreSQL too."""

from __future__ import annotations

import pytest
from sqlalchemy.dialects import postgresql
from sqlalchemy.sql import ClauseElement

from tracker.storage import plan, progress, revisits, study

STATEMENTS: dict[str, ClauseElement] = {
    "study entries": study.ENTRIES,
    "study total": study.TOTAL_MINUTES,
    "study by item": study.MINUTES_BY_ITEM,
    "study by day": study.MINUTES_BY_DAY,
    "revisit steps": revisits.STEPS,
    "plan history": plan.HISTORY,
    "resource total": progress.RESOURCE_TOTAL,
    "status counts": progress.STATUS_COUNTS,
    "recent events": progress.RECENT_EVENTS,
    "recent events of a path": progress.RECENT_EVENTS_OF_PATH,
}
for by_slug in (False, True):
    for active in (False, True):
        for kind, statement in study.study_item_statements(by_slug=by_slug, active_only=active):
            STATEMENTS[f"study items {kind} {len(STATEMENTS)}"] = statement
for index, statement in enumerate(progress.RESOURCES_WITH_STATUS):
    STATEMENTS[f"resources with status {index}"] = statement
for index, statement in enumerate(progress.RESOURCE_ESTIMATES):
    STATEMENTS[f"resource estimates {index}"] = statement


@pytest.mark.parametrize("name", sorted(STATEMENTS))
def test_statement_compiles_for_postgresql_with_named_binds(name: str) -> None:
    compiled = str(STATEMENTS[name].compile(dialect=postgresql.dialect()))
    assert "?" not in compiled
    assert "json_each" not in compiled.lower()
    assert "LIMIT -1" not in compiled
    assert "= 0" not in compiled and "= 1" not in compiled  # booleans are false()/true()
    assert "%(" in compiled  # named parameters, bound by the driver


def test_archived_rows_are_left_out_with_a_portable_false() -> None:
    compiled = str(progress.RESOURCE_TOTAL.compile(dialect=postgresql.dialect()))
    assert "archived IS false" in compiled


def test_lists_are_expanding_parameters() -> None:
    compiled = str(plan.HISTORY.compile(dialect=postgresql.dialect()))
    assert "IN (__[POSTCOMPILE_actions])" in compiled
