"""Choosing how to learn: the learner's situation and weights, offers to compare, the ranking."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from tracker.clock import local_today, utcnow
from tracker.domain.actions import Action
from tracker.domain.changes import OpResult
from tracker.domain.choosing import (
    DEFAULT_WEIGHTS,
    OFFER_FIELDS,
    Criterion,
    Option,
    Recommendation,
    Situation,
    readiness_from_checklist,
)
from tracker.domain.enums import ItemKind
from tracker.errors import NotFoundError
from tracker.services import choosing_words as words
from tracker.services.checklist import ChecklistService
from tracker.services.choosing_input import (
    FIELD_LABELS,
    SITUATION_WORDS,
    InvalidFieldsError,
    event_value,
    free_slug,
    validate_offer,
    validate_situation,
    validate_weights,
)
from tracker.services.choosing_stored import (
    Choice,
    CompareView,
    StoredSituation,
    offer_fields,
    rank_view,
    read_choice,
    read_options,
    read_situation,
)
from tracker.services.comparisons import facts_of, read_tables
from tracker.services.operations import Operation, Operations
from tracker.storage import choosing as choosing_store
from tracker.storage.events import record_event
from tracker.storage.models import OwnOffer
from tracker.storage.store import Store, require_path
from tracker.wording import say

__all__ = [
    "FIELD_LABELS",
    "Choice",
    "ChoosingService",
    "CompareView",
    "InvalidFieldsError",
    "StoredSituation",
    "offer_fields",
    "read_situation",
    "validate_offer",
    "validate_situation",
    "validate_weights",
]


class ChoosingService:
    """A learner's comparison of ways to learn a path, weighed for their situation."""

    def __init__(
        self,
        store: Store,
        profile_id: int,
        checklist: ChecklistService,
        operations: Operations,
        today: Callable[[], date] = local_today,
    ) -> None:
        self._store = store
        self._profile_id = profile_id
        self._checklist = checklist
        self._ops = operations
        self._today = today

    # --- the page's snapshot ------------------------------------------------------------

    def view(self, path_slug: str) -> CompareView:
        """What the Compare page shows for ``path_slug``, read in one transaction."""
        with self._store.reading() as session:
            path = require_path(session, path_slug)
            readiness = readiness_from_checklist(self._checklist.build(session, path_slug))
            stored = read_situation(choosing_store.situation(session, self._profile_id))
            options, skipped = read_options(session, self._profile_id, path.id, path_slug)
            choice = read_choice(session, self._profile_id, path_slug, options)
            tables = tuple(read_tables(session, path.id))
            facts = facts_of(path.facts)
            takeaways = tuple(path.takeaways)
            title = path.title
        view = CompareView(
            path_slug,
            title,
            stored,
            readiness,
            tuple(options),
            skipped,
            choice,
            Recommendation((), ""),
            tables,
            facts,
            takeaways,
        )
        return replace(view, recommendation=self.rerank(view))

    def rerank(
        self,
        view: CompareView,
        weights: Mapping[Criterion, int] | None = None,
        situation: Situation | None = None,
    ) -> Recommendation:
        """Rank the view's options (with its saved weights and situation unless others are given).

        What could not be read (a saved goal from elsewhere, a damaged offer) is left out of
        the weighing, and the summary says so.
        """
        return rank_view(view, weights, situation, self._today())

    # --- situation and weights ----------------------------------------------------------

    def situation(self) -> Situation:
        return self.stored_situation().situation

    def stored_situation(self) -> StoredSituation:
        with self._store.reading() as session:
            return read_situation(choosing_store.situation(session, self._profile_id))

    def set_situation(self, **changes: Any) -> OpResult[Situation]:
        """Change some fields of the situation (``None`` clears one); the value: the previous.

        Saves of the same fields within five minutes (typing, arrow steps) are one undo step.
        A saved value this version cannot read is replaced like any other (it reads as unset).
        """
        cleaned = validate_situation(changes)
        names = ", ".join(say(SITUATION_WORDS[name]) for name in cleaned)
        operation = Operation(
            Action.SITUATION_CHANGED,
            say(words.SET_SITUATION, fields=names),
            coalesce="situation:" + ",".join(sorted(cleaned)),
        )

        def work(session: Session) -> Situation:
            now = utcnow()
            existing = choosing_store.situation(session, self._profile_id)
            stored = read_situation(existing)
            previous = stored.situation
            for name, value in cleaned.items():
                saved = getattr(previous if existing is None else existing, name)
                if saved == value and name not in stored.unreadable:
                    continue
                row = choosing_store.situation_for_update(session, self._profile_id, now)
                choosing_store.set_situation_fields(session, row, {name: value}, now)
                record_event(
                    session,
                    self._profile_id,
                    Action.SITUATION_CHANGED,
                    item_kind=ItemKind.PROFILE.value,
                    field=name,
                    old=event_value(getattr(previous, name)),
                    new=event_value(value),
                    at=now,
                )
            return previous

        return self._ops.run(operation, work)

    def weights(self) -> dict[Criterion, int]:
        return self.stored_situation().weights

    def set_weights(
        self, weights: Mapping[str, Any], label: str | None = None
    ) -> OpResult[dict[Criterion, int]]:
        """Set the weight (0-10) of some criteria; the value: the previous weights.

        The undo step says which weights moved ("Weigh cost, outcomes"), unless ``label`` does.
        """
        cleaned = validate_weights(weights)
        moved: list[str] = []

        def work(session: Session) -> dict[Criterion, int]:
            now = utcnow()
            existing = choosing_store.situation(session, self._profile_id)
            previous = read_situation(existing).weights
            merged = {criterion.value: value for criterion, value in previous.items()}
            merged.update(cleaned)
            moved.extend(c.noun for c, value in previous.items() if merged[c] != value)
            saved = {c.value: w for c, w in previous.items()} if existing is None else None
            if (existing.weights if existing is not None else saved) != merged:
                row = choosing_store.situation_for_update(session, self._profile_id, now)
                choosing_store.set_situation_fields(session, row, {"weights": merged}, now)
                record_event(
                    session,
                    self._profile_id,
                    Action.SITUATION_WEIGHTS,
                    item_kind=ItemKind.PROFILE.value,
                    field="weights",
                    old={criterion.value: value for criterion, value in previous.items()},
                    new=merged,
                    at=now,
                )
            return previous

        operation = Operation(
            Action.SITUATION_WEIGHTS,
            lambda: label or say(words.WEIGH, criteria=", ".join(moved) or "criteria"),
        )
        return self._ops.run(operation, work)

    def reset_weights(self) -> OpResult[dict[Criterion, int]]:
        """Every weight back to the default (equal weights), as one undo step."""
        defaults = {criterion.value: value for criterion, value in DEFAULT_WEIGHTS.items()}
        return self.set_weights(defaults, say(words.RESET_WEIGHTS))

    # --- options ------------------------------------------------------------------------

    def options(self, path_slug: str) -> list[Option]:
        """The pack's offers (generic approaches included), then the learner's own."""
        with self._store.reading() as session:
            path = require_path(session, path_slug)
            return read_options(session, self._profile_id, path.id, path_slug)[0]

    def option(self, path_slug: str, slug: str) -> Option:
        for option in self.options(path_slug):
            if option.slug == slug:
                return option
        raise NotFoundError(say(words.NO_OPTION, slug=slug, path=path_slug))

    def add_offer(
        self, path_slug: str, fields: Mapping[str, Any], label: str | None = None
    ) -> OpResult[str]:
        """Add one of the learner's own offers; the value: its slug."""
        values = validate_offer(fields)
        operation = Operation(
            Action.OFFER_ADDED,
            label or say(words.ADD_OFFER, title=values["title"]),
            path_slug=path_slug,
        )

        def work(session: Session) -> str:
            path = require_path(session, path_slug)
            taken = choosing_store.taken_slugs(session, self._profile_id, path.id, path_slug)
            slug = free_slug(values["title"], taken)
            choosing_store.add_own_offer(
                session, self._profile_id, path_slug, slug, values, utcnow()
            )
            record_event(
                session,
                self._profile_id,
                Action.OFFER_ADDED,
                path_slug=path_slug,
                item_kind=ItemKind.OFFER.value,
                item_slug=slug,
                new=dict(values),
            )
            return slug

        return self._ops.run(operation, work)

    def update_offer(
        self, path_slug: str, slug: str, fields: Mapping[str, Any]
    ) -> OpResult[dict[str, Any]]:
        """Change one of the learner's own offers; the value: its previous fields."""
        values = validate_offer(fields)
        operation = Operation(
            Action.OFFER_EDITED, say(words.EDIT_OFFER, title=values["title"]), path_slug=path_slug
        )

        def work(session: Session) -> dict[str, Any]:
            row = self._own(session, path_slug, slug)
            old = {key: getattr(row, key) for key in values}
            changed = {key: value for key, value in values.items() if old[key] != value}
            if changed:
                choosing_store.update_own_offer(session, row, changed)
                record_event(
                    session,
                    self._profile_id,
                    Action.OFFER_EDITED,
                    path_slug=path_slug,
                    item_kind=ItemKind.OFFER.value,
                    item_slug=slug,
                    old={key: old[key] for key in changed},
                    new=changed,
                )
            return old

        return self._ops.run(operation, work)

    def duplicate_offer(self, path_slug: str, slug: str) -> OpResult[str]:
        """Copy any option (a pack's or the learner's) into a new own offer; the value: its slug."""
        source = self.option(path_slug, slug)
        fields = offer_fields(source)
        fields["title"] = say(words.COPY_TITLE, title=source.title)[:200]
        return self.add_offer(path_slug, fields, say(words.DUPLICATE_OFFER, title=source.title))

    def delete_offer(self, path_slug: str, slug: str) -> OpResult[dict[str, Any]]:
        """Delete one of the learner's own offers (a choice of it is cleared with it, and comes
        back with it on undo); the value: its fields."""
        title = ""

        def work(session: Session) -> dict[str, Any]:
            nonlocal title
            row = self._own(session, path_slug, slug)
            old = {key: getattr(row, key) for key in ("title", *OFFER_FIELDS)}
            title = row.title
            choosing_store.remove(session, row)
            record_event(
                session,
                self._profile_id,
                Action.OFFER_DELETED,
                path_slug=path_slug,
                item_kind=ItemKind.OFFER.value,
                item_slug=slug,
                old=old,
            )
            decision = choosing_store.decision(session, self._profile_id, path_slug)
            if decision is not None and decision.option_slug == slug:
                self._clear(session, path_slug, decision.option_slug)
                choosing_store.remove(session, decision)
            return old

        operation = Operation(
            Action.OFFER_DELETED, lambda: say(words.DELETE_OFFER, title=title), path_slug=path_slug
        )
        return self._ops.run(operation, work)

    def _clear(self, session: Session, path_slug: str, option_slug: str) -> None:
        record_event(
            session,
            self._profile_id,
            Action.DECISION_CLEARED,
            path_slug=path_slug,
            item_kind=ItemKind.OFFER.value,
            item_slug=option_slug,
            old=option_slug,
        )

    def _own(self, session: Session, path_slug: str, slug: str) -> OwnOffer:
        require_path(session, path_slug)
        row = choosing_store.own_offer(session, self._profile_id, path_slug, slug)
        if row is None:
            raise NotFoundError(say(words.NOT_OWN, slug=slug, path=path_slug))
        return row

    # --- ranking and choice -------------------------------------------------------------

    def rank(
        self,
        path_slug: str,
        weights: Mapping[Criterion, int] | None = None,
        situation: Situation | None = None,
    ) -> Recommendation:
        """Rank the path's options for this learner (saved weights unless others are given)."""
        view = self.view(path_slug)
        if weights is None and situation is None:
            return view.recommendation
        return self.rerank(view, weights, situation)

    def choose(self, path_slug: str, option_slug: str) -> OpResult[Choice]:
        """Record "my choice" for a path, with the ranking at this moment, in the event log."""
        recommendation = self.rank(path_slug)
        chosen = recommendation.find(option_slug)
        if chosen is None:
            raise NotFoundError(say(words.NO_OPTION, slug=option_slug, path=path_slug))
        snapshot = [
            {
                "rank": entry.rank,
                "slug": entry.option.slug,
                "option": entry.option.title,
                "score": entry.score,
                "violations": [violation.message for violation in entry.violations],
            }
            for entry in recommendation.ranking
        ]
        title = chosen.option.title
        operation = Operation(
            Action.DECISION_MADE, say(words.CHOOSE, title=title), path_slug=path_slug
        )

        def work(session: Session) -> Choice:
            now = utcnow()
            require_path(session, path_slug)
            old = choosing_store.put_decision(
                session, self._profile_id, path_slug, option_slug, snapshot, now
            )
            record_event(
                session,
                self._profile_id,
                Action.DECISION_MADE,
                path_slug=path_slug,
                item_kind=ItemKind.OFFER.value,
                item_slug=option_slug,
                field="choice",
                old=old,
                new={
                    "option": option_slug,
                    "weights": {c.value: w for c, w in recommendation.weights.items()},
                    "ranking": snapshot,
                },
                at=now,
            )
            return Choice(path_slug, option_slug, title, now, tuple(snapshot))

        return self._ops.run(operation, work)

    def clear_choice(self, path_slug: str) -> OpResult[Choice | None]:
        """Forget "my choice" for a path; the value: the choice it was (None if there was none)."""
        operation = Operation(Action.DECISION_CLEARED, say(words.CLEAR_CHOICE), path_slug=path_slug)

        def work(session: Session) -> Choice | None:
            path = require_path(session, path_slug)
            options, _ = read_options(session, self._profile_id, path.id, path_slug)
            previous = read_choice(session, self._profile_id, path_slug, options)
            decision = choosing_store.decision(session, self._profile_id, path_slug)
            if decision is not None:
                self._clear(session, path_slug, decision.option_slug)
                choosing_store.remove(session, decision)
            return previous

        return self._ops.run(operation, work)

    def choice(self, path_slug: str) -> Choice | None:
        with self._store.reading() as session:
            path = require_path(session, path_slug)
            options, _ = read_options(session, self._profile_id, path.id, path_slug)
            return read_choice(session, self._profile_id, path_slug, options)
