"""Engine and session setup, SQLite pragmas, schema migrations, and storage-error translation."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from tracker import __version__
from tracker.errors import NewerDatabaseError, StorageError
from tracker.locations import migrations_dir, sqlite_file_url
from tracker.storage.backups import sqlite_file_of
from tracker.storage.failures import Environment, describe, environment_of, is_damage

BUSY_TIMEOUT_MS = 5000
_REVISION_FILE = re.compile(r"^(\d{4})_[a-z0-9_]+\.py$")


def create_database_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, synchronous=FULL, foreign keys and a busy timeout."""
    is_sqlite = url.startswith("sqlite")
    database = sqlite_file_of(url)
    if database is not None:
        database.parent.mkdir(parents=True, exist_ok=True)
    connect_args: dict[str, Any] = {"timeout": BUSY_TIMEOUT_MS / 1000} if is_sqlite else {}
    engine = create_engine(url, connect_args=connect_args)
    if is_sqlite:
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
    return engine


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # The driver would begin a transaction only before the first write, so the reads of a
    # "transaction" would each see the database as it is then; SQLAlchemy's begin emits BEGIN
    # instead (see _begin_sqlite): every transaction, reading or writing, is one snapshot.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _begin_sqlite(connection: Any) -> None:
    if connection.get_execution_options().get("isolation_level") != "AUTOCOMMIT":
        connection.exec_driver_sql("BEGIN")


def known_revisions() -> list[str]:
    """Schema revisions this version of the app ships, oldest first (a linear history)."""
    versions = migrations_dir() / "versions"
    return sorted(
        match.group(1)
        for name in (p.name for p in versions.iterdir())
        if (match := _REVISION_FILE.match(name))
    )


def head_revision() -> str:
    return known_revisions()[-1]


def current_revision(engine: Engine) -> str | None:
    with translate_errors(), engine.connect() as connection:
        has_table = connection.execute(
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
            if engine.dialect.name == "sqlite"
            else text("SELECT 1 FROM information_schema.tables WHERE table_name='alembic_version'")
        ).first()
        if not has_table:
            return None
        row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
        return None if row is None else str(row[0])


def _written_by(engine: Engine) -> str:
    try:
        with engine.connect() as connection:
            row = connection.execute(
                text("SELECT value FROM app_meta WHERE key = 'written_by'")
            ).first()
    except SQLAlchemyError:
        return "unknown"
    return "unknown" if row is None else str(row[0])


def migrate(engine: Engine) -> bool:
    """Bring the schema to head; return True if a migration ran. Refuse newer databases."""
    current = current_revision(engine)
    known = known_revisions()
    if current == known[-1]:
        return False
    if current is not None and current not in known:
        raise NewerDatabaseError(
            f"This database was written by a newer Learning Path Tracker "
            f"(version {_written_by(engine)}, schema {current}); this is version {__version__} "
            f"(schema {known[-1]}). Update the app to open it; it was left unchanged."
        )
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    with translate_errors(), engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        connection.execute(
            text("UPDATE app_meta SET value = :version WHERE key = 'written_by'"),
            {"version": __version__},
        )
    return True


def create_empty_database(path: Path) -> None:
    """A new database file at ``path`` with the current schema and no rows of a learner.

    Built whole before anything uses it (a fresh start puts it in place in one rename).
    """
    engine = create_database_engine(sqlite_file_url(path))
    try:
        migrate(engine)
        autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")
        with translate_errors(), autocommit.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def describe_storage_error(exc: BaseException, folder: Path | None = None) -> str:
    """A sentence a learner understands for a database failure.

    Decided by SQLite's result code: the machine's problems (full, read-only, busy, I/O) are
    named as such, and only SQLite's own "corrupt" or "not a database" is called damage.
    """
    problem = environment_of(exc, folder)
    if problem is not None:
        message = describe(problem, folder)  # a read-only disk's sentence says it already
        return message if problem is Environment.READ_ONLY else message + " Nothing was saved."
    if is_damage(exc):
        return (
            "The database file is damaged or is not a tracker database. Nothing was saved; "
            "run 'learning-tracker recover' (or restart the app) to see what can be done."
        )
    return f"The database could not be used: {getattr(exc, 'orig', exc)}"


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turn environment failures (locked, read-only, full, corrupt) into StorageError.

    Integrity and programming errors are bugs, not the environment: they pass through.
    """
    try:
        yield
    except OperationalError as exc:
        raise StorageError(describe_storage_error(exc)) from exc
    except DatabaseError as exc:
        if type(exc.orig) is sqlite3.DatabaseError:
            raise StorageError(describe_storage_error(exc)) from exc
        raise
    except sqlite3.OperationalError as exc:
        raise StorageError(describe_storage_error(exc)) from exc
