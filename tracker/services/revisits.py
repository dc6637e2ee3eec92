"""Spaced revisits of shaky skills: what is due, and recording that a skill was revisited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from tracker.clock import local_today, utcnow
from tracker.domain.revisits import (
    NO_REVISIT,
    RevisitSchedule,
    ScheduledRevisit,
    after_revisit,
    due_on,
    interval_after,
    needs_revisit,
)
from tracker.errors import InvalidInputError, NotFoundError
from tracker.services.checklist import ChecklistService
from tracker.storage.events import record_event
from tracker.storage.models import PrerequisiteState
from tracker.storage.store import Store


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


class RevisitService:
    """Reads and advances the revisit schedule of a learner's done prerequisites."""

    def __init__(self, store: Store, profile_id: int, checklist: ChecklistService) -> None:
        self._store = store
        self._profile_id = profile_id
        self._checklist = checklist

    def scheduled(self, path_slug: str) -> list[RevisitView]:
        """Every done skill with a revisit scheduled, soonest first."""
        checklist = self._checklist.checklist(path_slug)
        steps = self._steps(path_slug)
        views = [
            RevisitView(
                item.slug, item.title, item.revisit_due, steps.get(item.slug, 0), item.confidence
            )
            for item in checklist.all_items()
            if item.done and item.revisit_due is not None
        ]
        return sorted(views, key=lambda view: (view.due, view.slug))

    def due(self, path_slug: str, today: date | None = None) -> list[RevisitView]:
        """The revisits due today or overdue, the most overdue first."""
        day = today or local_today()
        views = {view.slug: view for view in self.scheduled(path_slug)}
        return [
            views[item.slug]
            for item in due_on((ScheduledRevisit(v.slug, v.due) for v in views.values()), day)
        ]

    def _steps(self, path_slug: str) -> dict[str, int]:
        with self._store.reading() as session:
            return {
                slug: step
                for slug, step in session.execute(
                    select(
                        PrerequisiteState.prerequisite_slug, PrerequisiteState.revisit_step
                    ).where(
                        PrerequisiteState.profile_id == self._profile_id,
                        PrerequisiteState.path_slug == path_slug,
                    )
                )
            }

    def revisited(
        self,
        path_slug: str,
        slug: str,
        *,
        confidence: int | None = None,
        today: date | None = None,
    ) -> RevisitSchedule:
        """Record that the learner revisited a skill; return the new schedule.

        With a new ``confidence``: 4 or 5 ends the schedule, a lower rating than before restarts
        it, the same rating moves on to the next interval.
        """
        if confidence is not None and not 1 <= confidence <= 5:
            raise InvalidInputError(f"Confidence must be 1 to 5, not {confidence}.")
        item = self._checklist.checklist(path_slug).find(slug)
        if item is None:
            raise NotFoundError(f"There is no prerequisite {slug!r} in the {path_slug!r} path.")
        if not item.done:
            raise InvalidInputError(
                f"{item.title} is not ticked as done yet; revisits are for done skills."
            )
        day = today or local_today()
        with self._store.transaction() as session:
            key = {
                "profile_id": self._profile_id,
                "path_slug": path_slug,
                "prerequisite_slug": slug,
            }
            state = session.get(PrerequisiteState, key)
            if state is None:
                raise InvalidInputError(f"{item.title} has no confidence rating to revisit.")
            current = RevisitSchedule(state.revisit_step or 0, state.revisit_due)
            old_confidence = state.confidence
            new_confidence = old_confidence if confidence is None else confidence
            if not needs_revisit(new_confidence):
                schedule = NO_REVISIT
            elif (
                old_confidence is not None
                and new_confidence is not None
                and new_confidence < old_confidence
            ):
                schedule = RevisitSchedule(0, day + timedelta(days=interval_after(0)))
            else:
                schedule = after_revisit(current, day)
            now = utcnow()
            if new_confidence != old_confidence:
                state.confidence = new_confidence
                record_event(
                    session,
                    self._profile_id,
                    "prerequisite.confidence",
                    path_slug=path_slug,
                    item_kind="prerequisite",
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
                "prerequisite.revisited",
                path_slug=path_slug,
                item_kind="prerequisite",
                item_slug=slug,
                field="revisit_due",
                old=current.due.isoformat() if current.due else None,
                new=schedule.due.isoformat() if schedule.due else None,
                at=now,
            )
            return schedule
