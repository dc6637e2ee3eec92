"""The one way a learner's data changes: an operation, with its undo step, in the core.

Every change a learner can make (from the window or the command line) is a service method
that calls ``Operations.run``: one transaction holding the change, its event-log entries and
its undo step, durable when it returns, and an ``OpResult`` saying what changed. Undo and
redo live here too, over the steps kept in the database, so ``learning-tracker undo`` and the
window's Edit menu share one history, across processes and restarts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.orm import Session

from tracker.clock import utcnow
from tracker.domain.actions import Action
from tracker.domain.changes import Kind, OpChanges, OpResult, StepInfo, UndoStatus
from tracker.errors import InvalidInputError
from tracker.services.event_values import value_problem
from tracker.storage import history
from tracker.storage.events import COALESCE_WITHIN
from tracker.storage.journal import Journal, UndoConflictError, apply, changes_of
from tracker.storage.models import Event
from tracker.storage.store import Store
from tracker.wording import QT_TRANSLATE_NOOP, say

T = TypeVar("T")

NOTHING_TO_UNDO = QT_TRANSLATE_NOOP("Operations", "There is nothing to undo.")
NOTHING_TO_REDO = QT_TRANSLATE_NOOP("Operations", "There is nothing to redo.")
CANNOT_UNDO = QT_TRANSLATE_NOOP(
    "Operations",
    "Cannot undo “{label}”: what it changed was changed again since in a way the history "
    "does not hold (an import, a restore). Nothing was changed.",
)
CANNOT_REDO = QT_TRANSLATE_NOOP(
    "Operations",
    "Cannot redo “{label}”: what it changed was changed again since in a way the history "
    "does not hold (an import, a restore). Nothing was changed.",
)


class NothingToUndoError(InvalidInputError):
    """Undo (or redo) was asked for with nothing to undo (or redo)."""


@dataclass(frozen=True)
class Operation:
    """One change a learner makes, as the history names it.

    ``label`` is what Undo shows ("Tick Decorators"), or a function that says it once the
    work is done (when only the work reads what it names); ``kinds`` adds kinds of data the rows
    written do not show (the rows' own kinds are found from their tables); saves with the same
    ``coalesce`` key that follow one another within five minutes are one undo step.
    """

    action: Action
    label: str | Callable[[], str]
    kinds: frozenset[Kind] = frozenset()
    path_slug: str | None = None
    coalesce: str | None = None


class Operations:
    """Runs operations for one profile, and undoes and redoes them."""

    def __init__(self, store: Store, profile_id: int) -> None:
        self._store = store
        self._profile_id = profile_id

    def run(self, operation: Operation, work: Callable[[Session], T]) -> OpResult[T]:
        """Do ``work`` in one transaction; journal what it wrote as one undo step."""
        with self._store.transaction() as session:
            journal = Journal()
            session.info["journal"] = journal
            try:
                value = work(session)
                session.flush()
            finally:
                session.info.pop("journal", None)
            changes = journal.changes()
            extra = OpChanges(operation.kinds, operation.path_slug)
            if not journal.rows:
                return OpResult(value, extra if operation.kinds else OpChanges.none(), None)
            step = history.save_step(
                session,
                self._profile_id,
                action=operation.action,
                label=operation.label if isinstance(operation.label, str) else operation.label(),
                at=utcnow(),
                journal=journal,
                coalesce_key=operation.coalesce,
                coalesce_within=COALESCE_WITHIN,
            )
        return OpResult(value, changes | extra, step)

    def undo(self) -> OpResult[StepInfo]:
        """Undo the newest step: every row it wrote back as it was, in one transaction."""
        return self._move(undone=False)

    def redo(self) -> OpResult[StepInfo]:
        """Redo the step undone last."""
        return self._move(undone=True)

    def _move(self, *, undone: bool) -> OpResult[StepInfo]:
        with self._store.transaction() as session:
            step = history.newest_step(session, self._profile_id, undone=undone)
            if step is None:
                raise NothingToUndoError(say(NOTHING_TO_REDO if undone else NOTHING_TO_UNDO))
            info = history.info_of(step)
            rows = history.rows_of(session, step.id)
            try:
                apply(session, rows, backwards=not undone)
            except UndoConflictError:
                cannot = CANNOT_REDO if undone else CANNOT_UNDO
                raise InvalidInputError(say(cannot, label=info.label)) from None
            self._log(session, info, step.event_ids, undo=not undone)
            history.mark(session, step.id, undone=not undone)
        done = StepInfo(info.id, info.label, info.action, info.at, not undone)
        return OpResult(done, changes_of(rows), done)

    def _log(self, session: Session, step: StepInfo, ids: list[int], *, undo: bool) -> None:
        """One entry for the undo (or redo) itself, and the step's own entries with from and to
        swapped (or again, for a redo) where they stay valid entries: the activity and the
        progress drawn from the log stay true."""
        now = utcnow()
        session.add(
            Event(
                profile_id=self._profile_id,
                at=now,
                action=Action.UNDONE if undo else Action.REDONE,
                new={"label": step.label, "action": step.action},
            )
        )
        for event in history.events_of(session, ids):
            old, new = (event.new, event.old) if undo else (event.old, event.new)
            if value_problem(event.action, "old", old, event.field) or value_problem(
                event.action, "new", new, event.field
            ):
                continue  # an addition's entry has no mirror: the undo entry says it
            session.add(
                Event(
                    profile_id=event.profile_id,
                    at=now,
                    path_slug=event.path_slug,
                    action=event.action,
                    item_kind=event.item_kind,
                    item_slug=event.item_slug,
                    field=event.field,
                    old=old,
                    new=new,
                )
            )

    def status(self) -> UndoStatus:
        """What Undo and Redo would do now."""
        with self._store.reading() as session:
            undo = history.newest_step(session, self._profile_id, undone=False)
            redo = history.newest_step(session, self._profile_id, undone=True)
            return UndoStatus(
                history.info_of(undo) if undo else None, history.info_of(redo) if redo else None
            )

    def history(self, limit: int = 50) -> list[StepInfo]:
        """The newest ``limit`` steps, newest first (undone ones marked)."""
        with self._store.reading() as session:
            return history.steps(session, self._profile_id, limit)
