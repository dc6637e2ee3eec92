"""The undo history's tables: steps saved, merged, pruned, and read back for undo and redo."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from tracker.domain.changes import StepInfo
from tracker.storage.journal import Journal, RowChange
from tracker.storage.models import Event, UndoRow, UndoStep

KEEP_STEPS = 200
"""Steps kept per profile: the oldest go when there are more."""
PRUNE_EVERY = 10
"""The oldest steps are let go every this many steps (so at most KEEP_STEPS + 9 are kept)."""


def info_of(step: UndoStep) -> StepInfo:
    return StepInfo(step.id, step.label, step.action, step.at, step.undone)


def save_step(
    session: Session,
    profile_id: int,
    *,
    action: str,
    label: str,
    at: datetime,
    journal: Journal,
    coalesce_key: str | None,
    coalesce_within: timedelta,
) -> StepInfo:
    """Save what ``journal`` recorded as a new step, or add it to the newest step when both
    carry ``coalesce_key`` and follow within ``coalesce_within`` (a typing session is one step).
    A new step ends the redo branch: undone steps are forgotten."""
    session.execute(
        delete(UndoStep).where(UndoStep.profile_id == profile_id, UndoStep.undone.is_(True))
    )
    newest = None if coalesce_key is None else newest_step(session, profile_id, undone=False)
    merge = (
        newest is not None
        and newest.coalesce_key == coalesce_key
        and timedelta(0) <= at - newest.at <= coalesce_within
    )
    if merge and newest is not None:
        newest.at = at
        newest.label = label[:200]
        newest.event_ids = [*newest.event_ids, *journal.event_ids]
        info = info_of(newest)
        first = (
            session.scalar(select(func.max(UndoRow.seq)).where(UndoRow.step_id == newest.id)) or 0
        ) + 1
    else:
        step_id = session.execute(
            insert(UndoStep)
            .values(
                profile_id=profile_id,
                at=at,
                action=action,
                label=label[:200],
                coalesce_key=coalesce_key,
                event_ids=list(journal.event_ids),
                undone=False,
            )
            .returning(UndoStep.id)
        ).scalar_one()
        info = StepInfo(step_id, label[:200], action, at, False)
        first = 1
    if journal.rows:
        session.execute(
            insert(UndoRow),
            [
                {
                    "step_id": info.id,
                    "seq": first + index,
                    "table_name": change.table,
                    "key": change.key,
                    "before": change.before,
                    "after": change.after,
                }
                for index, change in enumerate(journal.rows)
            ],
        )
    if info.id % PRUNE_EVERY == 0:
        _prune(session, profile_id)
    return info


def _prune(session: Session, profile_id: int) -> None:
    oldest_kept = session.scalar(
        select(UndoStep.id)
        .where(UndoStep.profile_id == profile_id)
        .order_by(UndoStep.id.desc())
        .offset(KEEP_STEPS - 1)
        .limit(1)
    )
    if oldest_kept is not None:
        old = select(UndoStep.id).where(
            UndoStep.profile_id == profile_id, UndoStep.id < oldest_kept
        )
        session.execute(delete(UndoRow).where(UndoRow.step_id.in_(old)))
        session.execute(
            delete(UndoStep).where(UndoStep.profile_id == profile_id, UndoStep.id < oldest_kept)
        )


def newest_step(session: Session, profile_id: int, *, undone: bool) -> UndoStep | None:
    """The step Undo would take (``undone`` False), or the one Redo would (True)."""
    order = UndoStep.id.desc() if not undone else UndoStep.id.asc()
    return session.scalar(
        select(UndoStep)
        .where(UndoStep.profile_id == profile_id, UndoStep.undone.is_(undone))
        .order_by(order)
        .limit(1)
    )


def rows_of(session: Session, step_id: int) -> list[RowChange]:
    rows = session.scalars(select(UndoRow).where(UndoRow.step_id == step_id).order_by(UndoRow.seq))
    return [RowChange(row.table_name, row.key, row.before, row.after) for row in rows]


def mark(session: Session, step_id: int, *, undone: bool) -> None:
    session.execute(update(UndoStep).where(UndoStep.id == step_id).values(undone=undone))


def steps(session: Session, profile_id: int, limit: int) -> list[StepInfo]:
    """The history, newest first (undone steps, which Redo can bring back, at the top)."""
    found = session.scalars(
        select(UndoStep)
        .where(UndoStep.profile_id == profile_id)
        .order_by(UndoStep.id.desc())
        .limit(limit)
    )
    return [info_of(step) for step in found]


def events_of(session: Session, ids: Sequence[int]) -> list[Event]:
    if not ids:
        return []
    return list(session.scalars(select(Event).where(Event.id.in_(list(ids))).order_by(Event.id)))
