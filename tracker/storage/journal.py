"""The undo journal: every learner row an operation writes, before and after, so it can be undone.

Inside an operation the session carries a ``Journal``. Writes through the ORM (objects added,
changed or deleted) are captured when the session flushes; Core writes go through ``put``,
``insert`` and ``remove`` here, which record the same way. Undoing a step puts each row back
as it was, newest first, after checking that it is still as the step left it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Date,
    DateTime,
    Table,
    and_,
    delete,
    event,
    insert,
    inspect,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session, UOWTransaction

from tracker.domain.changes import Kind, OpChanges
from tracker.storage.models import Base, Event

JOURNALED: dict[str, Kind] = {
    "prerequisite_state": Kind.CHECKLIST,
    "resource_progress": Kind.CATALOG,
    "own_resource": Kind.CATALOG,
    "own_offer": Kind.CHOOSING,
    "situation": Kind.CHOOSING,
    "decision": Kind.CHOOSING,
    "study_session": Kind.STUDY,
    "running_timer": Kind.TIMER,
}
"""The learner's tables (undoable) and the kind of data each holds."""

_SLUG_COLUMNS = ("prerequisite_slug", "resource_slug", "slug", "item_slug", "option_slug")

Row = dict[str, Any]
"""A row as the journal keeps it: column name to a JSON value (moments and days as ISO text)."""


class UndoConflictError(Exception):
    """A row is no longer as the step left it: something else changed it since."""


@dataclass(frozen=True)
class RowChange:
    table: str
    key: Row
    before: Row | None
    after: Row | None


@dataclass
class Journal:
    """What one operation wrote: its learner rows and the ids of its event-log entries."""

    rows: list[RowChange] = field(default_factory=list)
    event_ids: list[int] = field(default_factory=list)
    pending: list[tuple[Any, Row | None]] = field(default_factory=list)

    def record(self, table: Table, before: Row | None, after: Row | None) -> None:
        if before == after:
            return
        self.rows.append(RowChange(table.name, key_of(table, after or before or {}), before, after))

    def changes(self) -> OpChanges:
        return changes_of(self.rows)


def changes_of(rows: Iterable[RowChange]) -> OpChanges:
    """The kinds, path and slugs that ``rows`` touch."""
    kinds: set[Kind] = set()
    paths: set[str] = set()
    slugs: set[str] = set()
    for row in rows:
        if row.table in JOURNALED:  # a log entry or the profile (an import's) adds no kind
            kinds.add(JOURNALED[row.table])
        values = row.after or row.before or {}
        if values.get("path_slug"):
            paths.add(values["path_slug"])
        for name in _SLUG_COLUMNS:
            if values.get(name):
                slugs.add(values[name])
        if row.table == "situation":
            kinds.add(Kind.PLAN)
    return OpChanges(frozenset(kinds), paths.pop() if len(paths) == 1 else None, frozenset(slugs))


def journal_of(session: Session) -> Journal | None:
    journal = session.info.get("journal")
    return journal if isinstance(journal, Journal) else None


def table_named(name: str) -> Table:
    return Base.metadata.tables[name]


# --- rows as JSON -------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def encode(table: Table, values: Mapping[str, Any]) -> Row:
    """A whole row as the journal keeps it (a column not given is None)."""
    return {column.name: _plain(values.get(column.name)) for column in table.columns}


def encode_key(key: Mapping[str, Any]) -> Row:
    return {name: _plain(value) for name, value in key.items()}


def decode(table: Table, row: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in table.columns:
        value = row.get(column.name)
        if isinstance(value, str) and isinstance(column.type, DateTime):
            value = datetime.fromisoformat(value)
        elif isinstance(value, str) and isinstance(column.type, Date):
            value = date.fromisoformat(value)
        values[column.name] = value
    return values


def key_of(table: Table, row: Mapping[str, Any]) -> Row:
    return {column.name: row[column.name] for column in table.primary_key.columns}


def _where(table: Table, key: Mapping[str, Any]) -> Any:
    """Rows of ``table`` whose primary key is ``key`` (journal-encoded)."""
    decoded = decode(table, key)
    return and_(*(table.c[name] == decoded[name] for name in key))


def current_rows(session: Session, table: Table, keys: Sequence[Mapping[str, Any]]) -> list[Row]:
    """The rows of ``table`` with these primary keys, encoded (in no set order)."""
    if not keys:
        return []
    found = session.execute(
        select(table).where(or_(*(_where(table, key) for key in keys)))
    ).mappings()
    return [encode(table, dict(row)) for row in found]


def _current(session: Session, table: Table, key: Mapping[str, Any]) -> Row | None:
    rows = current_rows(session, table, [key])
    return rows[0] if rows else None


# --- Core writes that are journaled ---------------------------------------------------------


def put_many(
    session: Session, table: Table, rows: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]]
) -> None:
    """Insert or update rows given as (primary key, values), recording each one's before and
    after: one read before, one write per kind, one read after, whatever their number."""
    if not rows:
        return
    keys = [encode_key(key) for key, _ in rows]
    before = {_frozen(key_of(table, row)): row for row in current_rows(session, table, keys)}
    inserts, updates = [], []
    for (key, values), encoded in zip(rows, keys, strict=True):
        if _frozen(encoded) in before:
            updates.append((key, values))
        else:
            inserts.append({**key, **values})
    if inserts:
        session.execute(insert(table), inserts)
    for key, values in updates:
        session.execute(update(table).where(_where(table, encode_key(key))).values(**values))
    after = {_frozen(key_of(table, row)): row for row in current_rows(session, table, keys)}
    journal = journal_of(session)
    if journal is not None:
        for key in keys:
            journal.record(table, before.get(_frozen(key)), after.get(_frozen(key)))


def put(session: Session, table: Table, key: Mapping[str, Any], values: Mapping[str, Any]) -> None:
    """Insert or update one row (by its primary key), journaled."""
    put_many(session, table, [(key, values)])


def insert_row(session: Session, table: Table, values: Mapping[str, Any]) -> int:
    """Insert one row whose id the database assigns; journaled. Returns the id."""
    new_id = session.execute(insert(table).values(**values).returning(table.c.id)).scalar_one()
    journal = journal_of(session)
    if journal is not None:
        journal.record(table, None, _current(session, table, {"id": new_id}))
    return int(new_id)


def remove(session: Session, table: Table, key: Mapping[str, Any]) -> bool:
    """Delete one row by its primary key, journaled. False if there was none."""
    encoded = encode_key(key)
    before = _current(session, table, encoded)
    if before is None:
        return False
    session.execute(delete(table).where(_where(table, encoded)))
    journal = journal_of(session)
    if journal is not None:
        journal.record(table, before, None)
    return True


def _frozen(row: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted(row.items()))


# --- undo and redo ----------------------------------------------------------------------------


def apply(session: Session, changes: Sequence[RowChange], *, backwards: bool) -> None:
    """Put every row of ``changes`` back as it was before (``backwards``) or after them again.

    Each row must still be as the step left it; else UndoConflictError, and the caller's
    transaction rolls back so nothing is half undone.
    """
    ordered = list(reversed(changes)) if backwards else list(changes)
    for change in ordered:
        table = table_named(change.table)
        expected, wanted = (
            (change.after, change.before) if backwards else (change.before, change.after)
        )
        current = _current(session, table, change.key)
        if current != expected:
            raise UndoConflictError(change.table)
        if wanted is None:
            session.execute(delete(table).where(_where(table, change.key)))
        elif current is None:
            session.execute(insert(table).values(**decode(table, wanted)))
        else:
            values = decode(table, wanted)
            session.execute(update(table).where(_where(table, change.key)).values(**values))


# --- ORM writes: captured when the session flushes -----------------------------------------------


def _stored_row(session: Session, obj: Any) -> Row | None:
    """``obj``'s row as the database holds it now (read without flushing the session)."""
    table = obj.__table__
    key = encode_key(
        {
            column.name: getattr(obj, _attribute_of(obj, column.name))
            for column in table.primary_key.columns
        }
    )
    if any(value is None for value in key.values()):
        return None
    found = session.connection().execute(select(table).where(_where(table, key))).mappings().first()
    return None if found is None else encode(table, dict(found))


def _attribute_of(obj: Any, column_name: str) -> str:
    for attribute in inspect(obj).mapper.column_attrs:
        if attribute.columns[0].name == column_name:
            return str(attribute.key)
    return column_name


def _journaled(objects: Iterable[Any]) -> list[Any]:
    return [
        obj
        for obj in objects
        if getattr(obj, "__table__", None) is not None and obj.__table__.name in JOURNALED
    ]


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context: UOWTransaction, _instances: object) -> None:
    journal = journal_of(session)
    if journal is None:
        return
    changing = [o for o in _journaled(session.dirty) if session.is_modified(o)]
    changing += _journaled(session.deleted)
    journal.pending = [(obj, _stored_row(session, obj)) for obj in changing]
    journal.pending += [(obj, None) for obj in _journaled(session.new)]


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: UOWTransaction) -> None:
    journal = journal_of(session)
    if journal is None:
        return
    journal.event_ids += [obj.id for obj in session.new if isinstance(obj, Event)]
    for obj, before in journal.pending:
        journal.record(obj.__table__, before, _stored_row(session, obj))
    journal.pending = []
