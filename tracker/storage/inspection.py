"""Reading what a database file holds without the app's models: counts, last change, bad rows.

Used on backups (which one is newest by content), on a damaged or suspect live file, and by
"Check database". Every read goes through a read-only connection, and text is read as bytes so
that a flipped bit shows up as a reported row, never as an exception.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tracker.formatting import counted
from tracker.storage.backups import read_only_connection

RECOVERED_FROM_KEY = "recovered_from"
_SHOWN_ROWS = 20


@dataclass(frozen=True)
class Contents:
    """What a learner would get back from a database file."""

    ticks: int
    resources: int
    study_sessions: int
    study_minutes: int
    events: int
    last_change: datetime | None  # the latest change not dated after ``now``
    changes_after_now: int  # changes dated after ``now`` (the clock was set ahead)
    latest_dated: datetime | None  # the latest date of any change, wrong ones included

    def sort_key(self) -> tuple[datetime, int]:
        """Newest content first: the latest believable change, then the longer history."""
        return (self.last_change or datetime.min, self.events)

    def summary(self) -> str:
        last = f"{self.last_change:%Y-%m-%d %H:%M} UTC" if self.last_change else "none"
        text = (
            f"{counted(self.ticks, 'skill')} ticked, "
            f"{counted(self.resources, 'resource')} with progress, "
            f"{counted(self.study_sessions, 'study session')} ({self.study_minutes / 60:.1f} h), "
            f"{counted(self.events, 'change')}; last change {last}"
        )
        if self.changes_after_now:
            text += (
                f"; {counted(self.changes_after_now, 'change')} dated after now (latest "
                f"{self.latest_dated:%Y-%m-%d %H:%M}): the clock was wrong when they were made"
            )
        return text


def _scalar(connection: sqlite3.Connection, sql: str, *args: object) -> object:
    row = connection.execute(sql, args).fetchone()
    return None if row is None else row[0]


def _when(value: object) -> datetime | None:
    if value is None:
        return None
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def read_contents(path: Path, now: datetime) -> Contents:
    """Counts and the last change of a tracker database (raises sqlite3.Error if unreadable)."""
    with closing(read_only_connection(path)) as connection:
        connection.text_factory = bytes
        ticks = int(_scalar(connection, "SELECT count(*) FROM prerequisite_state WHERE done") or 0)  # type: ignore[call-overload]
        resources = int(
            _scalar(  # type: ignore[call-overload]
                connection,
                "SELECT count(*) FROM resource_progress WHERE status IS NOT NULL "
                "OR rating IS NOT NULL OR notes != ''",
            )
            or 0
        )
        sessions, minutes = connection.execute(
            "SELECT count(*), coalesce(sum(minutes), 0) FROM study_session"
        ).fetchone()
        events = int(_scalar(connection, "SELECT count(*) FROM event") or 0)  # type: ignore[call-overload]
        stamp = now.isoformat(sep=" ")
        last = _when(_scalar(connection, "SELECT max(at) FROM event WHERE at <= ?", stamp))
        after = int(_scalar(connection, "SELECT count(*) FROM event WHERE at > ?", stamp) or 0)  # type: ignore[call-overload]
        latest = _when(_scalar(connection, "SELECT max(at) FROM event"))
    return Contents(ticks, resources, int(sessions), int(minutes), events, last, after, latest)


def revision_of(path: Path) -> str | None:
    """The schema revision a database file was migrated to (None: not a tracker database)."""
    try:
        with closing(read_only_connection(path)) as connection:
            value = _scalar(connection, "SELECT version_num FROM alembic_version")
    except sqlite3.Error:
        return None
    return None if value is None else str(value)


def written_by(path: Path) -> str:
    """The app version that last migrated a database file ("unknown" if it does not say)."""
    try:
        with closing(read_only_connection(path)) as connection:
            value = _scalar(connection, "SELECT value FROM app_meta WHERE key = 'written_by'")
    except sqlite3.Error:
        return "unknown"
    return "unknown" if value is None else str(value)


def last_learner_change(path: Path) -> datetime | None:
    """When the learner last changed something (the newest event but a profile's creation)."""
    with closing(read_only_connection(path)) as connection:
        return _when(
            _scalar(
                connection,
                "SELECT at FROM event WHERE action != 'profile.created' ORDER BY id DESC LIMIT 1",
            )
        )


def recovered_from(path: Path) -> str | None:
    """The damaged file a recovery set aside when it put this database in place, if any."""
    with closing(read_only_connection(path)) as connection:
        value = _scalar(connection, "SELECT value FROM app_meta WHERE key = ?", RECOVERED_FROM_KEY)
    return None if value is None else str(value)


def record_recovery(path: Path, damaged_name: str) -> None:
    """Note in a replacement database (not yet in place) which damaged file it replaces."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(
            "INSERT OR REPLACE INTO app_meta (key, value) VALUES (?, ?)",
            (RECOVERED_FROM_KEY, damaged_name[:200]),
        )
        connection.commit()


@dataclass(frozen=True)
class UnreadableRow:
    """A stored row whose text is not UTF-8 or whose JSON does not parse."""

    table: str
    rowid: int
    column: str
    problem: str

    def __str__(self) -> str:
        return f"{self.table} row {self.rowid}, column {self.column}: {self.problem}"


def _columns(connection: sqlite3.Connection, table: str) -> list[tuple[str, bool]]:
    """Each column's name and whether it holds JSON."""
    return [
        (_text(row[1]), _text(row[2]).upper() == "JSON")
        for row in connection.execute(f'PRAGMA table_info("{table}")')
    ]


def _text(value: object) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _tables(connection: sqlite3.Connection) -> list[str]:
    """Ordinary tables (a full-text index and its shadow tables are SQLite's, not rows)."""
    rows = [
        (_text(name), _text(sql or b""))
        for name, sql in connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    virtual = [name for name, sql in rows if sql.upper().startswith("CREATE VIRTUAL")]
    return [
        name
        for name, _sql in rows
        if name not in virtual and not any(name.startswith(v + "_") for v in virtual)
    ]


def unreadable_rows(path: Path) -> tuple[list[UnreadableRow], int]:
    """Rows the app could not read back: text that is not UTF-8, JSON that does not parse.

    Reads every row of every table (a full read: for "Check database", never at start).
    Returns the first rows found (up to 20) and how many there are in all.
    """
    found: list[UnreadableRow] = []
    total = 0
    with closing(read_only_connection(path)) as connection:
        connection.text_factory = bytes
        for table in _tables(connection):
            for problem in _row_problems(connection, table, _columns(connection, table)):
                total += 1
                if len(found) < _SHOWN_ROWS:
                    found.append(problem)
    return found, total


def _row_problems(
    connection: sqlite3.Connection, table: str, columns: list[tuple[str, bool]]
) -> Iterator[UnreadableRow]:
    checked = [(name, is_json) for name, is_json in columns]
    selected = ", ".join(f'"{name}", typeof("{name}")' for name, _ in checked)
    cursor = connection.execute(f'SELECT rowid, {selected} FROM "{table}"')
    for row in cursor:
        rowid = int(row[0]) if isinstance(row[0], int) else -1
        for index, (name, is_json) in enumerate(checked):
            value, kind = row[1 + 2 * index], row[2 + 2 * index]
            if kind != b"text" or not isinstance(value, bytes):
                continue
            try:
                text = value.decode("utf-8")
            except UnicodeDecodeError:
                yield UnreadableRow(table, rowid, name, "its text is not valid UTF-8")
                continue
            if is_json:
                try:
                    json.loads(text)
                except ValueError:
                    yield UnreadableRow(table, rowid, name, "its JSON cannot be read")
