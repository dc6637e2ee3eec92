"""Rows no version of the app writes, put straight into a real database (plain sqlite3).

Each value is valid JSON or text of the right column, so SQLite and SQLAlchemy read it; only
the app's own rules say it cannot be: an unknown goal, a mapping where a status belongs.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tracker.locations import DATABASE_FILE

NOW = "2026-03-01 10:00:00.000000"
FUTURE = "2099-01-01 00:00:00.000000"  # the entry every "newest first" list shows on top


def poison(data_dir: Path, profile_id: int = 1) -> None:
    """Store values the app cannot interpret in every kind of learner row."""
    connection = sqlite3.connect(data_dir / DATABASE_FILE)
    try:
        with connection:
            connection.execute("DELETE FROM situation WHERE profile_id = ?", (profile_id,))
            connection.execute(
                "INSERT INTO situation (profile_id, hours_per_week, budget, currency, target_date,"
                " goal, guidance, preferred_format, weights, streaks_enabled, changed_at) "
                "VALUES (?, 'many', -3, 'dollars', NULL, 'bogus', 'nope', 'hologram', '[1, 2]',"
                " 7, ?)",
                (profile_id, NOW),
            )
            events = [
                (FUTURE, "flask", "resource.status", "resource", "flask-books", "status", "null",
                 '{"a": 1}'),
                (NOW, "flask", "alien.action", "resource", "flask-books", None, "null", "[[[]]]"),
                (NOW, "flask", "time.logged", "resource", "flask-books", "minutes", "null",
                 '"sixty"'),
                (NOW, "flask", "prerequisite.done", "prerequisite", "html5", "done", "false",
                 '{"done": true}'),
            ]  # fmt: skip
            connection.executemany(
                "INSERT INTO event (profile_id, at, path_slug, action, item_kind, item_slug,"
                " field, old, new) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(profile_id, *event) for event in events],
            )
            connection.execute(
                "INSERT INTO resource_progress (profile_id, path_slug, resource_slug, status,"
                " rating, notes, changed_at) VALUES (?, 'flask', 'flask-books', 'finished', 9,"
                " 'my notes stay', ?)",
                (profile_id, NOW),
            )
            connection.execute(
                "INSERT INTO prerequisite_state (profile_id, path_slug, prerequisite_slug, done,"
                " changed_at, confidence, evidence, revisit_step, revisit_due) VALUES"
                " (?, 'flask', 'html5', 1, ?, 99, '5', 0, NULL)",
                (profile_id, NOW),
            )
            connection.execute(
                "INSERT INTO own_offer (profile_id, path_slug, slug, title, created_at, approach,"
                " generic, provider, currency, schedule, format, support, prerequisites,"
                " career_services, job_guarantee, outcomes_audited, outcomes_figure, url, notes)"
                " VALUES (?, 'flask', 'own-weird', 'Weird offer', ?, 'teleportation', 0, '',"
                " 'USD', 'flexible', 'self-paced', 'self-directed', 'assumed', 0, 0, 0, '', '',"
                " '')",
                (profile_id, NOW),
            )
            connection.execute(
                "INSERT INTO decision (profile_id, path_slug, option_slug, ranking, decided_at)"
                " VALUES (?, 'flask', 'self-study', '7', ?)",
                (profile_id, NOW),
            )
    finally:
        connection.close()


def stored(data_dir: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(data_dir / DATABASE_FILE)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()
