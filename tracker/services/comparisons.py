"""The comparison tables and facts a pack ships, as the Compare page's article view shows them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from tracker.domain.views import ComparisonCell, ComparisonRow, ComparisonTable, Fact, FactClaim
from tracker.storage import choosing as choosing_store
from tracker.storage.models import Comparison
from tracker.storage.store import Store, require_path


def comparison_table(comparison: Comparison) -> ComparisonTable:
    """One stored comparison: criteria as rows, subjects as columns (a missing cell is None)."""
    subject_slugs = [subject["slug"] for subject in comparison.subjects]
    rows = []
    for row in comparison.rows:
        cells = tuple(
            ComparisonCell(cell["text"], cell.get("score"))
            if (cell := row["cells"].get(subject)) is not None
            else None
            for subject in subject_slugs
        )
        rows.append(ComparisonRow(row["slug"], row["title"], cells))
    return ComparisonTable(
        comparison.slug,
        comparison.title,
        comparison.description,
        tuple(subject["title"] for subject in comparison.subjects),
        tuple(rows),
        comparison.recommendation,
    )


def facts_of(stored: Iterable[dict[str, Any]]) -> tuple[Fact, ...]:
    """A path's facts as its pack states them, each claim with where the source says it."""
    return tuple(
        Fact(
            fact["slug"],
            fact["title"],
            tuple(FactClaim(c["text"], c.get("context", "")) for c in fact["claims"]),
            fact.get("note", ""),
        )
        for fact in stored
    )


def read_tables(session: Session, path_id: int) -> Sequence[ComparisonTable]:
    return tuple(comparison_table(row) for row in choosing_store.comparisons(session, path_id))


class ComparisonService:
    """Reads a path's comparison tables, ready to show side by side."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def tables(self, path_slug: str) -> list[ComparisonTable]:
        with self._store.reading() as session:
            return list(read_tables(session, require_path(session, path_slug).id))
