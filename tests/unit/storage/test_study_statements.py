"""The study log's, plan's, progress' and revisits' statements compile for PostgreSQL too."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.dialects import postgresql
from sqlalchemy.sql import ClauseElement

from tracker.storage import plan, progress, revisits, study

STATEMENTS: dict[str, ClauseElement] = {
    "study entries": study.entries_statement(1, "flask"),
    "study total": study.total_minutes_statement(1, "flask"),
    "study by item": study.minutes_by_item_statement(1, "flask"),
    "study by day": study.minutes_by_day_statement(1, "flask", date(2026, 1, 1), date(2026, 2, 1)),
    "revisit steps": revisits.steps_statement(1, "flask"),
    "plan history": plan.history_statement(1, "flask", ("prerequisite.done", "resource.status")),
    "resource total": progress.resource_total_statement(1, 7, "flask"),
    "status counts": progress.status_counts_statement(1, 7, "flask"),
    "recent events": progress.recent_events_statement(1, "flask", 12),
}
for kind, statement in study.study_item_statements(
    1, 7, "flask", slugs=("html",), active_statuses=("planned",), timed_slug="flask-docs"
):
    STATEMENTS[f"study items ({kind}) {len(STATEMENTS)}"] = statement
for index, statement in enumerate(
    progress.resources_with_status_statements(1, 7, "flask", ("planned", "done"))
):
    STATEMENTS[f"resources with status {index}"] = statement
for index, statement in enumerate(progress.resource_estimate_statements(1, 7, "flask", {"a"})):
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
    compiled = str(
        progress.resource_total_statement(1, 7, "flask").compile(dialect=postgresql.dialect())
    )
    assert "archived IS false" in compiled
