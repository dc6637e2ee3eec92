"""Ways a database file gets damaged, applied to a real database for the corruption test."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from pathlib import Path


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


DAMAGES: dict[str, Callable[[Path, random.Random], None]] = {
    "truncated": truncate,
    "random-bytes": random_bytes,
    "zero-length": zero_length,
    "scribbled-pages": scribbled_pages,
    "newer-schema": newer_schema,
}
