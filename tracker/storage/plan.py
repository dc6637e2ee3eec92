"""Statements behind the plan: its fields of the situation, and the history the charts replay."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from tracker.storage.models import Event, Situation

HISTORY = (
    select(Event.at, Event.action, Event.item_slug, Event.new)
    .where(
        Event.profile_id == bindparam("profile_id"),
        Event.path_slug == bindparam("path_slug"),
        Event.action.in_(bindparam("actions", expanding=True)),
    )
    .order_by(Event.at, Event.id)
)


def situation(session: Session, profile_id: int) -> Situation | None:
    return session.get(Situation, profile_id)


def situation_to_change(session: Session, profile_id: int, now: datetime) -> Situation:
    """The learner's situation row, made (with defaults) if they have none yet."""
    row = session.get(Situation, profile_id)
    if row is None:
        row = Situation(profile_id=profile_id, weights={}, streaks_enabled=False, changed_at=now)
        session.add(row)
    return row


def history(
    session: Session, profile_id: int, path_slug: str, actions: Sequence[str]
) -> list[tuple[datetime, str, str | None, Any]]:
    """(at, action, item slug, new value) of the path's events of ``actions``, oldest first."""
    values = {"profile_id": profile_id, "path_slug": path_slug, "actions": list(actions)}
    return [(at, action, slug, new) for at, action, slug, new in session.execute(HISTORY, values)]
