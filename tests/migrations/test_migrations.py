"""The migrations build exactly the schema the models describe, and newer databases are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from tests.helpers import database_snapshot
from tracker.errors import NewerDatabaseError
from tracker.storage.database import create_database_engine, head_revision, migrate
from tracker.storage.models import Base
from tracker.storage.search import include_schema_name
from tracker.wiring import Settings, open_services


def test_an_empty_database_upgrades_to_the_models(tmp_path: Path) -> None:
    engine = create_database_engine(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    assert migrate(engine) is True
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": include_schema_name}
        )
        assert compare_metadata(context, Base.metadata) == []
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            head_revision()
        )
    assert migrate(engine) is False  # already at head: nothing runs
    engine.dispose()


def test_schema_drift_is_still_caught_beside_the_search_index(tmp_path: Path) -> None:
    """The comparison skips exactly the FTS5 tables, not a stray table or column."""
    engine = create_database_engine(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    migrate(engine)
    with engine.begin() as connection:
        tables = set(
            connection.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'table'")
            ).scalars()
        )
        assert {"resource_fts", "own_resource_fts", "resource_note_fts"} <= tables
        connection.execute(text("CREATE TABLE resource_fts_notes (id INTEGER PRIMARY KEY)"))
        connection.execute(text("ALTER TABLE resource ADD COLUMN stray TEXT"))
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": include_schema_name}
        )
        diffs = compare_metadata(context, Base.metadata)
    assert [(diff[0], diff[-1].name) for diff in diffs] == [
        ("remove_table", "resource_fts_notes"),
        ("remove_column", "stray"),
    ]
    engine.dispose()


def test_a_database_from_a_newer_app_is_refused_untouched(data_dir: Path) -> None:
    engine = create_database_engine(f"sqlite:///{data_dir / 'tracker.sqlite3'}")
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        connection.execute(text("UPDATE app_meta SET value = '7.0.0' WHERE key = 'written_by'"))
    engine.dispose()
    before = database_snapshot(data_dir)
    with pytest.raises(NewerDatabaseError) as refused:
        open_services(Settings.resolve(data_dir))
    message = str(refused.value)
    assert "newer Learning Path Tracker (version 7.0.0, schema 9999)" in message
    assert "this is version 0.1.0" in message
    assert database_snapshot(data_dir) == before
