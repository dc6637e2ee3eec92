"""The prerequisite checklist: ticking skills, confidence and evidence, with derived progress."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from tracker.clock import local_today, utcnow
from tracker.domain.actions import Action
from tracker.domain.changes import OpResult
from tracker.domain.revisits import RevisitSchedule, after_confidence_change
from tracker.domain.views import Checklist, ChecklistItem
from tracker.errors import InvalidInputError, NotFoundError
from tracker.packs.schema import check_web_url
from tracker.services.operations import Operation, Operations
from tracker.services.records import MAX_EVIDENCE_LINKS, PrerequisiteStateValues, is_readable
from tracker.storage import checklist as stored
from tracker.storage.events import record_event, record_events
from tracker.storage.models import PrerequisiteState
from tracker.storage.store import Store, require_path
from tracker.wording import QT_TRANSLATE_NOOP, say

NO_PREREQUISITE = QT_TRANSLATE_NOOP(
    "Checklist", "There is no prerequisite {slug} in the {path} path."
)
TICK = QT_TRANSLATE_NOOP("Checklist", "Tick {title}")
UNTICK = QT_TRANSLATE_NOOP("Checklist", "Untick {title}")
BAD_CONFIDENCE = QT_TRANSLATE_NOOP("Checklist", "Confidence must be 1 to 5, not {confidence}.")
SET_CONFIDENCE = QT_TRANSLATE_NOOP("Checklist", "Set confidence in {title} to {confidence}")
CLEAR_CONFIDENCE = QT_TRANSLATE_NOOP("Checklist", "Clear confidence in {title}")
TOO_MANY_LINKS = QT_TRANSLATE_NOOP("Checklist", "At most {limit} evidence links per skill.")
BAD_LINK = QT_TRANSLATE_NOOP("Checklist", "Evidence link {index} ({link}): {problem}.")
EDIT_EVIDENCE = QT_TRANSLATE_NOOP("Checklist", "Edit evidence for {title}")


def no_prerequisite(path_slug: str, slug: str) -> NotFoundError:
    """The error for a prerequisite the path does not have."""
    return NotFoundError(say(NO_PREREQUISITE, slug=repr(slug), path=repr(path_slug)))


def subtree_of(pairs: Sequence[tuple[str, str | None]], path_slug: str, slug: str) -> list[str]:
    """``slug`` and the slugs of all its sub-skills, in checklist order (as ``walk()``).

    Takes only (slug, parent) of the path's active prerequisites, not the whole checklist
    with the learner's states: a tick stays a few fast queries at any size.
    """
    known = {child for child, _ in pairs}
    if slug not in known:
        raise no_prerequisite(path_slug, slug)
    children: dict[str, list[str]] = {}
    for child, parent in pairs:
        if parent in known:
            children.setdefault(parent, []).append(child)
    subtree: list[str] = []

    def visit(current: str) -> None:
        if current in subtree:  # packs refuse cycles; never loop on a damaged database
            return
        subtree.append(current)
        for child in children.get(current, []):
            visit(child)

    visit(slug)
    return subtree


def reschedule_revisit(
    session: Session,
    profile_id: int,
    state: PrerequisiteState,
    old_confidence: int | None,
    new_confidence: int | None,
    now: datetime,
) -> None:
    """Start, restart or end a skill's spaced revisits after its confidence changed."""
    current = RevisitSchedule(state.revisit_step or 0, state.revisit_due)
    schedule = after_confidence_change(current, old_confidence, new_confidence, local_today())
    if schedule == current:
        return
    state.revisit_step, state.revisit_due = schedule.step, schedule.due
    record_event(
        session,
        profile_id,
        Action.PREREQUISITE_REVISIT_SCHEDULED,
        path_slug=state.path_slug,
        item_kind="prerequisite",
        item_slug=state.prerequisite_slug,
        field="revisit_due",
        old=current.due.isoformat() if current.due else None,
        new=schedule.due.isoformat() if schedule.due else None,
        at=now,
    )


def _readable(state: PrerequisiteState | None, name: str) -> Any:
    """A stored field of a skill's state, or None when there is none or it does not fit."""
    value = None if state is None else getattr(state, name)
    if value is None or not is_readable(PrerequisiteStateValues, name, value):
        return None
    return value


class ChecklistService:
    """A learner's checklist on a path."""

    def __init__(self, store: Store, profile_id: int, operations: Operations) -> None:
        self._store = store
        self._profile_id = profile_id
        self._ops = operations

    def checklist(self, path_slug: str) -> Checklist:
        with self._store.reading() as session:
            return self.build(session, path_slug)

    def build(self, session: Session, path_slug: str) -> Checklist:
        """The checklist as ``session`` sees it (a page's snapshot reads it with the rest)."""
        path = require_path(session, path_slug)
        prerequisites = stored.prerequisites(session, path.id)
        states = stored.states(session, self._profile_id, path_slug)
        children: dict[str | None, list[Any]] = {}
        known = {p.slug for p in prerequisites}
        for prerequisite in prerequisites:
            parent = prerequisite.parent_slug if prerequisite.parent_slug in known else None
            children.setdefault(parent, []).append(prerequisite)

        def build(prerequisite: Any) -> ChecklistItem:
            kids = tuple(build(child) for child in children.get(prerequisite.slug, []))
            state = states.get(prerequisite.slug)
            own_done = bool(state and state.done)
            done = all(kid.done for kid in kids) if kids else own_done
            return ChecklistItem(
                slug=prerequisite.slug,
                title=prerequisite.title,
                required=prerequisite.required,
                done=done,
                own_done=own_done,
                estimate_hours=prerequisite.estimate_hours,
                description=prerequisite.description,
                confidence=_readable(state, "confidence"),
                evidence=tuple(_readable(state, "evidence") or ()),
                teaches_with=tuple(prerequisite.teaches_with),
                changed_at=state.changed_at if state else None,
                revisit_due=state.revisit_due if state else None,
                children=kids,
            )

        top = [build(p) for p in children.get(None, [])]
        top.sort(key=lambda item: not item.required)
        return Checklist(path_slug, tuple(top))

    def set_done(self, path_slug: str, slug: str, done: bool) -> OpResult[dict[str, bool]]:
        """Tick or untick a skill and all its sub-skills; the value: their previous own states.

        The hot path of the app: the path's outline, the subtree's flags, one write of the
        changed ones and their events, in one transaction, durable when it returns.
        """
        title = ""

        def work(session: Session) -> dict[str, bool]:
            nonlocal title
            outline = stored.outline(session, path_slug)
            if not outline:
                require_path(session, path_slug)  # an unknown path: the message lists the paths
            pairs = [(child, parent) for child, parent, _ in outline]
            targets = dict.fromkeys(subtree_of(pairs, path_slug, slug), done)
            title = next(name for child, _, name in outline if child == slug)
            return self._write_done(session, path_slug, targets)

        operation = Operation(
            Action.PREREQUISITE_DONE,
            lambda: say(TICK if done else UNTICK, title=title),
            path_slug=path_slug,
        )
        return self._ops.run(operation, work)

    def _write_done(
        self, session: Session, path_slug: str, targets: dict[str, bool]
    ) -> dict[str, bool]:
        stored_flags = stored.done_flags(session, self._profile_id, path_slug, list(targets))
        previous = {slug: stored_flags.get(slug, False) for slug in targets}
        changed = {slug: done for slug, done in targets.items() if previous[slug] != done}
        if changed:
            at = utcnow()
            stored.set_done_flags(
                session, self._profile_id, path_slug, changed, at, existing=set(stored_flags)
            )
            record_events(
                session,
                self._profile_id,
                [
                    {
                        "at": at,
                        "action": Action.PREREQUISITE_DONE,
                        "path_slug": path_slug,
                        "item_kind": "prerequisite",
                        "item_slug": slug,
                        "field": "done",
                        "old": previous[slug],
                        "new": done,
                    }
                    for slug, done in changed.items()
                ],
            )
        return previous

    def set_confidence(
        self, path_slug: str, slug: str, confidence: int | None
    ) -> OpResult[int | None]:
        """Set how sure the learner is of a skill (1-5, or None); the value: the previous one."""
        if confidence is not None and not 1 <= confidence <= 5:
            raise InvalidInputError(say(BAD_CONFIDENCE, confidence=confidence))
        item = self._require_item(path_slug, slug)
        label = (
            say(SET_CONFIDENCE, title=item.title, confidence=confidence)
            if confidence is not None
            else say(CLEAR_CONFIDENCE, title=item.title)
        )
        operation = Operation(
            Action.PREREQUISITE_CONFIDENCE,
            label,
            path_slug=path_slug,
            coalesce=f"confidence:{path_slug}:{slug}",
        )

        def work(session: Session) -> int | None:
            now = utcnow()
            state = stored.state_of(session, self._profile_id, path_slug, slug, now)
            old = state.confidence
            if old != confidence:
                state.confidence = confidence
                state.changed_at = now
                record_event(
                    session,
                    self._profile_id,
                    Action.PREREQUISITE_CONFIDENCE,
                    path_slug=path_slug,
                    item_kind="prerequisite",
                    item_slug=slug,
                    field="confidence",
                    old=old,
                    new=confidence,
                    at=now,
                )
                reschedule_revisit(session, self._profile_id, state, old, confidence, now)
            return old

        return self._ops.run(operation, work)

    def set_evidence(self, path_slug: str, slug: str, links: Sequence[str]) -> OpResult[list[str]]:
        """Replace the evidence links (a repo, a project) of a skill; the value: the previous."""
        cleaned = [link.strip() for link in links if link.strip()]
        if len(cleaned) > MAX_EVIDENCE_LINKS:
            raise InvalidInputError(say(TOO_MANY_LINKS, limit=MAX_EVIDENCE_LINKS))
        for index, link in enumerate(cleaned, start=1):
            try:
                check_web_url(link)
            except ValueError as exc:
                problem = say(BAD_LINK, index=index, link=repr(link), problem=exc)
                raise InvalidInputError(problem) from None
        item = self._require_item(path_slug, slug)
        operation = Operation(
            Action.PREREQUISITE_EVIDENCE,
            say(EDIT_EVIDENCE, title=item.title),
            path_slug=path_slug,
            coalesce=f"evidence:{path_slug}:{slug}",
        )

        def work(session: Session) -> list[str]:
            now = utcnow()
            state = stored.state_of(session, self._profile_id, path_slug, slug, now)
            old = list(state.evidence)
            if old != cleaned:
                state.evidence = cleaned
                state.changed_at = now
                record_event(
                    session,
                    self._profile_id,
                    Action.PREREQUISITE_EVIDENCE,
                    path_slug=path_slug,
                    item_kind="prerequisite",
                    item_slug=slug,
                    field="evidence",
                    old=old,
                    new=cleaned,
                    at=now,
                )
            return old

        return self._ops.run(operation, work)

    def _require_item(self, path_slug: str, slug: str) -> ChecklistItem:
        item = self.checklist(path_slug).find(slug)
        if item is None:
            raise no_prerequisite(path_slug, slug)
        return item
