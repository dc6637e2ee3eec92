"""The event log's one writer: every change a learner makes, what it was, from, to and when."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from tracker.clock import utcnow
from tracker.services.event_values import sets_field
from tracker.storage.journal import journal_of
from tracker.storage.models import Event

COALESCE_WITHIN = timedelta(minutes=5)
"""Saves of one field that follow one another this closely are one change (a typing session)."""


def record_event(
    session: Session,
    profile_id: int,
    action: str,
    *,
    path_slug: str | None = None,
    item_kind: str | None = None,
    item_slug: str | None = None,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
    at: datetime | None = None,
) -> None:
    """Append one entry to the event log, in the caller's transaction.

    A save of one field of one item that follows the learner's last entry, a save of that same
    field, within ``COALESCE_WITHIN``, extends that entry instead: its ``new`` value and time
    are replaced and its ``old`` value is kept, so a typing session is one change in the log
    (and a session that ends where it began leaves none).
    """
    at = at or utcnow()
    if sets_field(action):
        last = session.scalar(
            select(Event).where(Event.profile_id == profile_id).order_by(Event.id.desc()).limit(1)
        )
        if (
            last is not None
            and (last.action, last.path_slug, last.item_kind, last.item_slug, last.field)
            == (action, path_slug, item_kind, item_slug, field)
            and timedelta(0) <= at - last.at <= COALESCE_WITHIN
        ):
            if last.old == new:
                session.delete(last)
            else:
                last.new, last.at = new, at
            return
    session.add(
        Event(
            profile_id=profile_id,
            at=at,
            path_slug=path_slug,
            action=action,
            item_kind=item_kind,
            item_slug=item_slug,
            field=field,
            old=old,
            new=new,
        )
    )


def record_events(session: Session, profile_id: int, entries: list[dict[str, Any]]) -> None:
    """Append several entries at once (actions that set no field: they never coalesce), in
    one statement; each entry gives ``action`` and any of the other columns."""
    if not entries:
        return
    at = utcnow()
    rows = [{"profile_id": profile_id, "at": at} | entry for entry in entries]
    ids = session.execute(insert(Event).returning(Event.id), rows).scalars().all()
    journal = journal_of(session)
    if journal is not None:
        journal.event_ids.extend(ids)
