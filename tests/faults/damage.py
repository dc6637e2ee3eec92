"""Ways a database file gets damaged, applied to a real database for the corruption test."""

from __future__ import annotations

import json
import random
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

_TIME = re.compile(rb"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")


def _checkpoint(database: Path) -> None:
    """Fold the WAL into the file and remove it, so the damage hits the real contents."""
    connection = sqlite3.connect(database)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        connection.close()


def truncate(database: Path, rng: random.Random) -> None:
    _checkpoint(database)
    size = database.stat().st_size
    with database.open("r+b") as handle:
        handle.truncate(rng.randrange(100, size // 2))


def random_bytes(database: Path, rng: random.Random) -> None:
    _checkpoint(database)
    database.write_bytes(rng.randbytes(database.stat().st_size))


def zero_length(database: Path, rng: random.Random) -> None:
    _checkpoint(database)
    database.write_bytes(b"")


def scribbled_pages(database: Path, rng: random.Random) -> None:
    """Random bytes over a few pages in the middle (a bad sector, a stray write)."""
    _checkpoint(database)
    size = database.stat().st_size
    page = 4096
    with database.open("r+b") as handle:
        for _ in range(4):
            handle.seek(page * rng.randrange(1, size // page))
            handle.write(rng.randbytes(page))


def newer_schema(database: Path, rng: random.Random) -> None:
    connection = sqlite3.connect(database)
    try:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
        connection.execute("UPDATE app_meta SET value = '9.0.0' WHERE key = 'written_by'")
        connection.commit()
    finally:
        connection.close()


def index_entry(database: Path, rng: random.Random) -> None:
    """A changed byte in an index page: the key no longer matches its row (a bad sector).

    The page stays well formed, so ``PRAGMA quick_check`` passes; ``integrity_check`` finds it.
    """
    _checkpoint(database)
    connection = sqlite3.connect(database)
    try:
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'ix_event_profile_at'"
        ).fetchone()[0]
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    finally:
        connection.close()
    data = bytearray(database.read_bytes())
    start = (root - 1) * page_size
    keys = list(_TIME.finditer(bytes(data[start : start + page_size])))
    year_digit = start + rng.choice(keys).start() + 3
    data[year_digit] = ord("0") + (data[year_digit] - ord("0") + rng.randrange(1, 10)) % 10
    database.write_bytes(bytes(data))


def _reads_as_json(text: bytes) -> bool:
    try:
        json.loads(text.decode("utf-8"))
    except ValueError:
        return False
    return True


def flipped_json_bits(database: Path, rng: random.Random) -> None:
    """Bits flipped inside stored JSON text (event.old/new, a path's facts): rows stay whole.

    The file's structure is intact (both checks pass); the text no longer reads as JSON, or
    no longer as UTF-8.
    """
    connection = sqlite3.connect(database)
    connection.text_factory = bytes
    try:
        targets = [
            ("event", "new", row[0], row[1])
            for row in connection.execute("SELECT id, new FROM event WHERE new IS NOT NULL")
        ] + [
            ("learning_path", "facts", row[0], row[1])
            for row in connection.execute("SELECT id, facts FROM learning_path")
        ]
        for table, column, rowid, value in rng.sample(targets, min(3, len(targets))):
            text = bytearray(value)
            position = rng.randrange(len(text))
            text[position] ^= 1 << 1  # '"' becomes ' ', '[' becomes 'Y', 't' becomes 'v'...
            if _reads_as_json(bytes(text)):  # '1' became '3': still JSON, so a high bit
                text[position] ^= (1 << 1) | (1 << 7)
            connection.execute(
                f"UPDATE {table} SET {column} = CAST(? AS TEXT) WHERE id = ?",
                (bytes(text), rowid),
            )
        connection.commit()
    finally:
        connection.close()


DAMAGES: dict[str, Callable[[Path, random.Random], None]] = {
    "truncated": truncate,
    "random-bytes": random_bytes,
    "zero-length": zero_length,
    "scribbled-pages": scribbled_pages,
    "index-entry": index_entry,
    "newer-schema": newer_schema,
}

# damage inside rows: the file's structure is intact, so no start check sees it; "Check
# database" reports it, and recover does not call the file fine
ROW_DAMAGES: dict[str, Callable[[Path, random.Random], None]] = {
    "flipped-json-bits": flipped_json_bits,
}
