"""undo history: the steps a learner can undo and redo, and the rows each one wrote

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 16:00:00

Two tables: undo_step (one per operation: its label, action, time, whether it is undone) and
undo_row (each learner row the step wrote, before and after, as JSON). Nothing existing changes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "undo_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("coalesce_key", sa.String(length=300), nullable=True),
        sa.Column("event_ids", sa.JSON(), nullable=False),
        sa.Column("undone", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile.id"],
            name=op.f("fk_undo_step_profile_id_profile"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_undo_step")),
    )
    op.create_index("ix_undo_step_profile_id", "undo_step", ["profile_id", "id"], unique=False)
    op.create_table(
        "undo_row",
        sa.Column("step_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("key", sa.JSON(), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["step_id"],
            ["undo_step.id"],
            name=op.f("fk_undo_row_step_id_undo_step"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("step_id", "seq", name=op.f("pk_undo_row")),
    )


def downgrade() -> None:
    op.drop_table("undo_row")
    op.drop_index("ix_undo_step_profile_id", table_name="undo_step")
    op.drop_table("undo_step")
