"""full-text search: FTS5 indexes of the catalog and the learner's notes, kept by triggers;
the catalog's order as an index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 23:40:00

Creates three FTS5 tables (see tracker/storage/search.py for how they are queried), the
triggers that keep them in step with resource, own_resource and resource_progress, and fills
them from the rows already there. Where SQLite has no FTS5, nothing is created and the app's
search uses its LIKE fallback. The SQL is written out here (not imported from the app) so this
migration stays what it was when later versions change the app.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TOKENIZE = "tokenize = 'unicode61 remove_diacritics 0'"


def tag_words(row: str) -> str:
    return f"(SELECT coalesce(group_concat(value, ' '), '') FROM json_each({row}.tags))"


def content_index(table: str) -> list[str]:
    """A contentless FTS5 table over ``table`` (rowid = id) and the triggers that keep it."""
    fts = f"{table}_fts"
    columns = "title, provider, tags, description"

    def values(row: str) -> str:
        return f"{row}.id, {row}.title, {row}.provider, {tag_words(row)}, {row}.description"

    insert = f"INSERT INTO {fts} (rowid, {columns}) VALUES ({values('new')});"
    delete = f"INSERT INTO {fts} ({fts}, rowid, {columns}) VALUES ('delete', {values('old')});"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({columns}, content = '', {TOKENIZE})",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {columns} ON {table} "
        f"BEGIN {delete} {insert} END",
        f"INSERT INTO {fts} (rowid, {columns}) SELECT {values(table)} FROM {table}",
    ]


NOTE_KEY = "profile_id = old.profile_id AND path_slug = old.path_slug AND resource_slug = old.resource_slug"
NOTE_INDEX = [
    "CREATE VIRTUAL TABLE resource_note_fts USING fts5(notes, profile_id UNINDEXED, "
    f"path_slug UNINDEXED, resource_slug UNINDEXED, {TOKENIZE})",
    "CREATE TRIGGER resource_note_fts_insert AFTER INSERT ON resource_progress "
    "WHEN new.notes <> '' BEGIN INSERT INTO resource_note_fts "
    "(notes, profile_id, path_slug, resource_slug) "
    "VALUES (new.notes, new.profile_id, new.path_slug, new.resource_slug); END",
    "CREATE TRIGGER resource_note_fts_update AFTER UPDATE OF notes, profile_id, path_slug, "
    f"resource_slug ON resource_progress BEGIN DELETE FROM resource_note_fts WHERE {NOTE_KEY}; "
    "INSERT INTO resource_note_fts (notes, profile_id, path_slug, resource_slug) "
    "SELECT new.notes, new.profile_id, new.path_slug, new.resource_slug WHERE new.notes <> ''; END",
    "CREATE TRIGGER resource_note_fts_delete AFTER DELETE ON resource_progress "
    f"BEGIN DELETE FROM resource_note_fts WHERE {NOTE_KEY}; END",
    "INSERT INTO resource_note_fts (notes, profile_id, path_slug, resource_slug) "
    "SELECT notes, profile_id, path_slug, resource_slug FROM resource_progress WHERE notes <> ''",
]

def fts5_available() -> bool:
    bind = op.get_bind()
    try:
        bind.exec_driver_sql("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(a)")
    except sa.exc.OperationalError:
        return False
    bind.exec_driver_sql("DROP TABLE temp.fts5_probe")
    return True


def upgrade() -> None:
    # the catalog in order (and its first rows) without sorting every row of the path
    op.create_index("ix_resource_path_id_position", "resource", ["path_id", "position"])
    if op.get_bind().dialect.name != "sqlite" or not fts5_available():
        return  # the app searches with LIKE instead
    for statement in [
        *content_index("resource"),
        *content_index("own_resource"),
        *NOTE_INDEX,
    ]:
        op.execute(statement)


def downgrade() -> None:
    op.drop_index("ix_resource_path_id_position", table_name="resource")
    for fts in ("resource_fts", "own_resource_fts", "resource_note_fts"):
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {fts}_{event}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")
