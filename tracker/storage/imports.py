"""What a progress import writes beside the learner's rows, journaled like them.

The merged log entries, the log entry a merge makes redundant and the profile's creation date
go through the undo journal here, so undoing an import takes out exactly what it added: no
entry of the other machine stays in this log (where a later merge would read it as this
machine's history) and none is mirrored (which a later merge would read as a newer change).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from tracker.storage import journal
from tracker.storage.models import Event, Profile

_CHUNK = 500


def add_events(session: Session, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert log entries (column values, without ids), each recorded in the journal."""
    if not rows:
        return
    table = journal.table_named(Event.__tablename__)
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    ids = [int(i) for i in session.execute(statement, [dict(row) for row in rows]).scalars()]
    record = journal.journal_of(session)
    if record is None:
        return
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        found = session.execute(select(table).where(table.c.id.in_(chunk))).mappings()
        for row in found:
            record.record(table, None, journal.encode(table, dict(row)))


def remove_events(session: Session, ids: Iterable[int]) -> None:
    """Delete log entries by id, each recorded in the journal."""
    for event_id in ids:
        journal.remove(session, journal.table_named(Event.__tablename__), {"id": event_id})


def set_profile_created(session: Session, profile_id: int, created_at: datetime) -> None:
    """Set when the profile was created (journaled)."""
    table = journal.table_named(Profile.__tablename__)
    journal.put(session, table, {"id": profile_id}, {"created_at": created_at})
