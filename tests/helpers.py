"""Test helpers: a snapshot of every row, to prove that a refused operation changed nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tracker.locations import DATABASE_FILE


def database_snapshot(data_dir: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted, read with plain sqlite3."""
    connection = sqlite3.connect(data_dir / DATABASE_FILE)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
            )
        ]
        return {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }
    finally:
        connection.close()
