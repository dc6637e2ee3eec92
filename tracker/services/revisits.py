"""Spaced revisits of shaky skills: what is due, and recording that a skill was revisited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from tracker.clock import local_today, utcnow
from tracker.domain.actions import Action
from tracker.domain.changes import OpResult
from tracker.domain.enums import ItemKind
from tracker.domain.revisits import (
    RevisitSchedule,
    ScheduledRevisit,
    after_revisit_rated,
    due_on,
)
from tracker.domain.views import Checklist
from tracker.errors import InvalidInputError
from tracker.services.checklist import BAD_CONFIDENCE, ChecklistService, no_prerequisite
from tracker.services.operations import Operation, Operations
from tracker.storage import revisits as revisits_store
from tracker.storage.events import record_event
from tracker.storage.store import Store
from tracker.wording import QT_TRANSLATE_NOOP, say

NOT_DONE_YET = QT_TRANSLATE_NOOP(
    "Revisits", "{title} is not ticked as done yet; revisits are for done skills."
)
NO_CONFIDENCE = QT_TRANSLATE_NOOP("Revisits", "{title} has no confidence rating to revisit.")
REVISIT = QT_TRANSLATE_NOOP("Revisits", "Revisit {title}")
REVISIT_WITH_CONFIDENCE = QT_TRANSLATE_NOOP(
    "Revisits", "Revisit {title} (confidence {confidence}/5)"
)


@dataclass(frozen=True)
class RevisitView:
    """A done skill with a revisit scheduled."""

    slug: str
    title: str
    due: date
    step: int
    confidence: int | None

    def overdue_days(self, today: date) -> int:
        return max(0, (today - self.due).days)

    def to_json(self) -> dict[str, Any]:
        return {"slug": self.slug, "due": self.due.isoformat()}


def scheduled_in(
    session: Session, profile_id: int, path_slug: str, checklist: Checklist
) -> list[RevisitView]:
    """Every done skill of ``checklist`` with a revisit scheduled, soonest first."""
    steps = revisits_store.steps(session, profile_id, path_slug)
    views = [
        RevisitView(
            item.slug, item.title, item.revisit_due, steps.get(item.slug, 0), item.confidence
        )
        for item in checklist.all_items()
        if item.done and item.revisit_due is not None
    ]
    return sorted(views, key=lambda view: (view.due, view.slug))


class RevisitService:
    """Reads and advances the revisit schedule of a learner's done prerequisites."""

    def __init__(
        self, store: Store, profile_id: int, checklist: ChecklistService, operations: Operations
    ) -> None:
        self._store = store
        self._profile_id = profile_id
        self._checklist = checklist
        self._ops = operations

    def scheduled(self, path_slug: str) -> list[RevisitView]:
        """Every done skill with a revisit scheduled, soonest first."""
        with self._store.reading() as session:
            checklist = self._checklist.build(session, path_slug)
            return scheduled_in(session, self._profile_id, path_slug, checklist)

    def due(self, path_slug: str, today: date | None = None) -> list[RevisitView]:
        """The revisits due today or overdue, the most overdue first."""
        day = today or local_today()
        views = {view.slug: view for view in self.scheduled(path_slug)}
        return [
            views[item.slug]
            for item in due_on((ScheduledRevisit(v.slug, v.due) for v in views.values()), day)
        ]

    def revisited(
        self,
        path_slug: str,
        slug: str,
        *,
        confidence: int | None = None,
        today: date | None = None,
    ) -> OpResult[RevisitSchedule]:
        """Record that the learner revisited a skill; the value: the new schedule.

        With a new ``confidence``: 4 or 5 ends the schedule, a lower rating than before restarts
        it, the same rating moves on to the next interval.
        """
        if confidence is not None and not 1 <= confidence <= 5:
            raise InvalidInputError(say(BAD_CONFIDENCE, confidence=confidence))
        item = self._checklist.checklist(path_slug).find(slug)
        if item is None:
            raise no_prerequisite(path_slug, slug)
        if not item.done:
            raise InvalidInputError(say(NOT_DONE_YET, title=item.title))
        day = today or local_today()

        def work(session: Session) -> RevisitSchedule:
            state = revisits_store.state(session, self._profile_id, path_slug, slug)
            if state is None:
                raise InvalidInputError(say(NO_CONFIDENCE, title=item.title))
            current = RevisitSchedule(state.revisit_step or 0, state.revisit_due)
            old_confidence = state.confidence
            new_confidence = old_confidence if confidence is None else confidence
            schedule = after_revisit_rated(current, old_confidence, new_confidence, day)
            now = utcnow()
            if new_confidence != old_confidence:
                state.confidence = new_confidence
                record_event(
                    session,
                    self._profile_id,
                    Action.PREREQUISITE_CONFIDENCE,
                    path_slug=path_slug,
                    item_kind=ItemKind.PREREQUISITE.value,
                    item_slug=slug,
                    field="confidence",
                    old=old_confidence,
                    new=new_confidence,
                    at=now,
                )
            state.revisit_step, state.revisit_due = schedule.step, schedule.due
            state.changed_at = now
            record_event(
                session,
                self._profile_id,
                Action.PREREQUISITE_REVISITED,
                path_slug=path_slug,
                item_kind=ItemKind.PREREQUISITE.value,
                item_slug=slug,
                field="revisit_due",
                old=current.due.isoformat() if current.due else None,
                new=schedule.due.isoformat() if schedule.due else None,
                at=now,
            )
            return schedule

        if confidence is not None and confidence != item.confidence:
            label = say(REVISIT_WITH_CONFIDENCE, title=item.title, confidence=confidence)
        else:
            label = say(REVISIT, title=item.title)
        operation = Operation(Action.PREREQUISITE_REVISITED, label, path_slug=path_slug)
        return self._ops.run(operation, work)
