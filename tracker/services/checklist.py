"""The prerequisite checklist: ticking skills, confidence and evidence, with derived progress."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from tracker.clock import local_today, utcnow
from tracker.domain.revisits import RevisitSchedule, after_confidence_change
from tracker.domain.views import Checklist, ChecklistItem
from tracker.errors import InvalidInputError, NotFoundError
from tracker.packs.schema import check_web_url
from tracker.services.records import MAX_EVIDENCE_LINKS, PrerequisiteStateValues, is_readable
from tracker.storage.events import record_event
from tracker.storage.models import Prerequisite, PrerequisiteState
from tracker.storage.store import Store, require_path

_PAIRS_SQL = (
    "SELECT p.slug, p.parent_slug FROM prerequisite p JOIN learning_path l ON l.id = p.path_id "
    "WHERE l.slug = ? AND p.archived = 0 ORDER BY p.position"
)
_DONE_SQL = (
    "SELECT prerequisite_slug, done FROM prerequisite_state WHERE profile_id = ? AND path_slug = ?"
)
_UPSERT_DONE_SQL = (
    "INSERT INTO prerequisite_state (profile_id, path_slug, prerequisite_slug, done, changed_at, "
    "confidence, evidence, revisit_step, revisit_due) VALUES (?, ?, ?, ?, ?, NULL, '[]', 0, NULL) "
    "ON CONFLICT (prerequisite_slug, path_slug, profile_id) "
    "DO UPDATE SET done = excluded.done, changed_at = excluded.changed_at"
)
_DONE_EVENT_SQL = (
    "INSERT INTO event (profile_id, at, path_slug, action, item_kind, item_slug, field, old, new) "
    "VALUES (?, ?, ?, 'prerequisite.done', 'prerequisite', ?, 'done', ?, ?)"
)
_DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy's DateTime stores it in SQLite


def subtree_of(pairs: Sequence[tuple[str, str | None]], path_slug: str, slug: str) -> list[str]:
    """``slug`` and the slugs of all its sub-skills, in checklist order (as ``walk()``).

    Takes only (slug, parent) of the path's active prerequisites, not the whole checklist
    with the learner's states: a tick stays a few fast queries at any size.
    """
    known = {child for child, _ in pairs}
    if slug not in known:
        raise NotFoundError(f"There is no prerequisite {slug!r} in the {path_slug!r} path.")
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
        "prerequisite.revisit_scheduled",
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

    def __init__(self, store: Store, profile_id: int) -> None:
        self._store = store
        self._profile_id = profile_id

    def checklist(self, path_slug: str) -> Checklist:
        with self._store.reading() as session:
            return self._build(session, path_slug)

    def _build(self, session: Session, path_slug: str) -> Checklist:
        path = require_path(session, path_slug)
        prerequisites = list(
            session.scalars(
                select(Prerequisite)
                .where(Prerequisite.path_id == path.id, Prerequisite.archived.is_(False))
                .order_by(Prerequisite.position)
            )
        )
        states = self._states(session, path_slug)
        children: dict[str | None, list[Prerequisite]] = {}
        known = {p.slug for p in prerequisites}
        for prerequisite in prerequisites:
            parent = prerequisite.parent_slug if prerequisite.parent_slug in known else None
            children.setdefault(parent, []).append(prerequisite)

        def build(prerequisite: Prerequisite) -> ChecklistItem:
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

    def _states(self, session: Session, path_slug: str) -> dict[str, PrerequisiteState]:
        return {
            state.prerequisite_slug: state
            for state in session.scalars(
                select(PrerequisiteState).where(
                    PrerequisiteState.profile_id == self._profile_id,
                    PrerequisiteState.path_slug == path_slug,
                )
            )
        }

    def _state(
        self, session: Session, path_slug: str, slug: str, now: datetime
    ) -> PrerequisiteState:
        state = session.get(
            PrerequisiteState,
            {"profile_id": self._profile_id, "path_slug": path_slug, "prerequisite_slug": slug},
        )
        if state is None:
            state = PrerequisiteState(
                profile_id=self._profile_id,
                path_slug=path_slug,
                prerequisite_slug=slug,
                done=False,
                changed_at=now,
                evidence=[],
                revisit_step=0,
            )
            session.add(state)
        return state

    def set_done(self, path_slug: str, slug: str, done: bool) -> dict[str, bool]:
        """Tick or untick a skill and all its sub-skills; return the previous own states.

        The hot path of the app: one transaction of four plain statements (the path's
        (slug, parent) pairs, its done flags, one upsert of the changed states, their events),
        durable when it returns, without an ORM session's unit of work.
        """
        with self._store.writing() as connection:
            pairs = self._active_pairs_on(connection, path_slug)
            targets = dict.fromkeys(subtree_of(pairs, path_slug, slug), done)
            return self._write_done(connection, path_slug, targets)

    def _active_pairs_on(
        self, connection: Connection, path_slug: str
    ) -> list[tuple[str, str | None]]:
        pairs = [
            (str(slug), parent)
            for slug, parent in connection.exec_driver_sql(_PAIRS_SQL, (path_slug,))
        ]
        if not pairs:
            with self._store.reading() as session:
                require_path(session, path_slug)  # an unknown path: the message lists the paths
        return pairs

    def _write_done(
        self, connection: Connection, path_slug: str, targets: Mapping[str, bool]
    ) -> dict[str, bool]:
        """Set the done flags of ``targets`` (their event each); return the previous ones."""
        stored: dict[str, object] = {
            slug: done
            for slug, done in connection.exec_driver_sql(_DONE_SQL, (self._profile_id, path_slug))
        }
        previous = {slug: bool(stored.get(slug, False)) for slug in targets}
        changed = [slug for slug, done in targets.items() if previous[slug] != done]
        if changed:
            at = utcnow().strftime(_DATETIME_FORMAT)
            connection.exec_driver_sql(
                _UPSERT_DONE_SQL,
                [(self._profile_id, path_slug, slug, targets[slug], at) for slug in changed],
            )
            connection.exec_driver_sql(
                _DONE_EVENT_SQL,
                [
                    (
                        self._profile_id,
                        at,
                        path_slug,
                        slug,
                        json.dumps(previous[slug]),
                        json.dumps(targets[slug]),
                    )
                    for slug in changed
                ],
            )
        return previous

    def set_states(self, path_slug: str, states: Mapping[str, bool]) -> dict[str, bool]:
        """Set several own states at once (used by undo); return the previous ones."""
        with self._store.writing() as connection:
            known = {slug for slug, _ in self._active_pairs_on(connection, path_slug)}
            for slug in states:
                if slug not in known:
                    raise NotFoundError(f"There is no prerequisite {slug!r} in {path_slug!r}.")
            return self._write_done(connection, path_slug, states)

    def set_confidence(self, path_slug: str, slug: str, confidence: int | None) -> int | None:
        """Set how sure the learner is of a skill (1-5, or None); return the previous value."""
        if confidence is not None and not 1 <= confidence <= 5:
            raise InvalidInputError(f"Confidence must be 1 to 5, not {confidence}.")
        with self._store.transaction() as session:
            self._require_item(session, path_slug, slug)
            now = utcnow()
            state = self._state(session, path_slug, slug, now)
            old = state.confidence
            if old != confidence:
                state.confidence = confidence
                state.changed_at = now
                record_event(
                    session,
                    self._profile_id,
                    "prerequisite.confidence",
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

    def set_evidence(self, path_slug: str, slug: str, links: Sequence[str]) -> list[str]:
        """Replace the evidence links (a repo, a project) of a skill; return the previous ones."""
        cleaned = [link.strip() for link in links if link.strip()]
        if len(cleaned) > MAX_EVIDENCE_LINKS:
            raise InvalidInputError(f"At most {MAX_EVIDENCE_LINKS} evidence links per skill.")
        for index, link in enumerate(cleaned, start=1):
            try:
                check_web_url(link)
            except ValueError as exc:
                raise InvalidInputError(f"Evidence link {index} ({link!r}): {exc}.") from None
        with self._store.transaction() as session:
            self._require_item(session, path_slug, slug)
            now = utcnow()
            state = self._state(session, path_slug, slug, now)
            old = list(state.evidence)
            if old != cleaned:
                state.evidence = cleaned
                state.changed_at = now
                record_event(
                    session,
                    self._profile_id,
                    "prerequisite.evidence",
                    path_slug=path_slug,
                    item_kind="prerequisite",
                    item_slug=slug,
                    field="evidence",
                    old=old,
                    new=cleaned,
                    at=now,
                )
            return old

    def _require_item(self, session: Session, path_slug: str, slug: str) -> ChecklistItem:
        item = self._build(session, path_slug).find(slug)
        if item is None:
            raise NotFoundError(f"There is no prerequisite {slug!r} in the {path_slug!r} path.")
        return item
