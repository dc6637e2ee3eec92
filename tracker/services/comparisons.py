"""The comparison tables a pack ships (learning approaches, micro vs full framework)."""

from __future__ import annotations

from sqlalchemy import select

from tracker.domain.views import ComparisonCell, ComparisonRow, ComparisonTable
from tracker.storage.models import Comparison
from tracker.storage.store import Store, require_path


class ComparisonService:
    """Reads a path's comparison tables, ready to show side by side."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def tables(self, path_slug: str) -> list[ComparisonTable]:
        with self._store.reading() as session:
            path = require_path(session, path_slug)
            comparisons = session.scalars(
                select(Comparison)
                .where(Comparison.path_id == path.id, Comparison.archived.is_(False))
                .order_by(Comparison.position)
            )
            tables = []
            for comparison in comparisons:
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
                tables.append(
                    ComparisonTable(
                        comparison.slug,
                        comparison.title,
                        comparison.description,
                        tuple(subject["title"] for subject in comparison.subjects),
                        tuple(rows),
                        comparison.recommendation,
                    )
                )
            return tables
