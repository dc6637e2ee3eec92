"""Choosing how to learn: the learner's situation and weights, offers to compare, the ranking."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.clock import utcnow
from tracker.domain.choosing import (
    DEFAULT_WEIGHTS,
    OFFER_FIELDS,
    Criterion,
    Option,
    RankedOption,
    Readiness,
    Recommendation,
    Situation,
    rank_options,
    readiness_from_checklist,
)
from tracker.domain.enums import (
    ItemKind,
)
from tracker.errors import InvalidInputError, NotFoundError
from tracker.services.catalog import slugify
from tracker.services.checklist import ChecklistService
from tracker.services.choosing_export import (
    comparison_csv,
    comparison_markdown,
    write_atomically,
)
from tracker.services.choosing_input import (
    FIELD_LABELS,
    InvalidFieldsError,
    validate_offer,
    validate_situation,
    validate_weights,
)
from tracker.services.choosing_stored import (
    StoredSituation,
    offer_fields,
    option_of,
    ranking_of,
    read_situation,
)
from tracker.storage.events import record_event
from tracker.storage.models import Decision, Offer, OwnOffer
from tracker.storage.models import Situation as SituationRow
from tracker.storage.store import Store, require_path

OWN_PREFIX = "own-"
EXPORT_SUFFIXES = (".csv", ".md", ".markdown")
__all__ = [
    "FIELD_LABELS",
    "Choice",
    "ChoosingService",
    "InvalidFieldsError",
    "StoredSituation",
    "offer_fields",
    "read_situation",
    "validate_offer",
    "validate_situation",
    "validate_weights",
]


@dataclass(frozen=True)
class Choice:
    """The option a learner chose for a path, and the ranking they saw when they chose."""

    path_slug: str
    option_slug: str
    option_title: str | None
    """None when the chosen offer has since been deleted."""
    decided_at: datetime
    ranking: tuple[dict[str, Any], ...]


def _event_value(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    return value.isoformat() if isinstance(value, date) else value


class ChoosingService:
    """A learner's comparison of ways to learn a path, weighed for their situation."""

    def __init__(
        self,
        store: Store,
        profile_id: int,
        checklist: ChecklistService,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._store = store
        self._profile_id = profile_id
        self._checklist = checklist
        self._today = today

    # --- situation and weights ----------------------------------------------------------

    def situation(self) -> Situation:
        return self.stored_situation().situation

    def stored_situation(self) -> StoredSituation:
        with self._store.reading() as session:
            return read_situation(session.get(SituationRow, self._profile_id))

    def _row(self, session: Session) -> SituationRow:
        row = session.get(SituationRow, self._profile_id)
        if row is None:
            row = SituationRow(
                profile_id=self._profile_id,
                currency="USD",
                weights={},
                streaks_enabled=False,
                changed_at=utcnow(),
            )
            session.add(row)
        return row

    def set_situation(self, **changes: Any) -> Situation:
        """Change some fields of the situation (``None`` clears one); return the previous one.

        A saved value this version cannot read is replaced like any other (it reads as unset).
        """
        cleaned = validate_situation(changes)
        with self._store.transaction() as session:
            row = self._row(session)
            stored = read_situation(row)
            previous = stored.situation
            now = utcnow()
            for name, value in cleaned.items():
                if getattr(row, name) == value and name not in stored.unreadable:
                    continue
                old = getattr(previous, name)
                setattr(row, name, value)
                row.changed_at = now
                record_event(
                    session,
                    self._profile_id,
                    "situation.changed",
                    item_kind=ItemKind.PROFILE.value,
                    field=name,
                    old=_event_value(old),
                    new=_event_value(value),
                    at=now,
                )
            return previous

    def weights(self) -> dict[Criterion, int]:
        return self.stored_situation().weights

    def set_weights(self, weights: Mapping[str, Any]) -> dict[Criterion, int]:
        """Set the weight (0-10) of some criteria; return the previous weights."""
        cleaned = validate_weights(weights)
        previous = self.weights()
        merged = {criterion.value: value for criterion, value in previous.items()}
        merged.update(cleaned)
        with self._store.transaction() as session:
            row = self._row(session)
            if row.weights != merged:
                row.weights = merged
                row.changed_at = utcnow()
                record_event(
                    session,
                    self._profile_id,
                    "situation.weights",
                    item_kind=ItemKind.PROFILE.value,
                    field="weights",
                    old={criterion.value: value for criterion, value in previous.items()},
                    new=merged,
                )
        return previous

    def reset_weights(self) -> dict[Criterion, int]:
        return self.set_weights(
            {criterion.value: value for criterion, value in DEFAULT_WEIGHTS.items()}
        )

    # --- options ------------------------------------------------------------------------

    def options(self, path_slug: str) -> list[Option]:
        """The pack's offers (generic approaches included), then the learner's own."""
        return self._options(path_slug)[0]

    def _options(self, path_slug: str) -> tuple[list[Option], int]:
        """The options, and how many saved offers break the offer rules and are left out."""
        with self._store.reading() as session:
            path = require_path(session, path_slug)
            pack = session.scalars(
                select(Offer)
                .where(Offer.path_id == path.id, Offer.archived.is_(False))
                .order_by(Offer.position)
            )
            read = [option_of(row, own=False) for row in pack]
            own = session.scalars(
                select(OwnOffer)
                .where(OwnOffer.profile_id == self._profile_id, OwnOffer.path_slug == path_slug)
                .order_by(OwnOffer.id)
            )
            read += [option_of(row, own=True) for row in own]
        options = [option for option in read if option is not None]
        return options, len(read) - len(options)

    def option(self, path_slug: str, slug: str) -> Option:
        for option in self.options(path_slug):
            if option.slug == slug:
                return option
        raise NotFoundError(f"There is no option {slug!r} in the {path_slug!r} path.")

    def add_offer(self, path_slug: str, fields: Mapping[str, Any]) -> str:
        """Add one of the learner's own offers; return its slug."""
        values = validate_offer(fields)
        with self._store.transaction() as session:
            slug = self._free_slug(session, path_slug, values["title"])
            self._insert_offer(session, path_slug, slug, values)
            return slug

    def _insert_offer(
        self, session: Session, path_slug: str, slug: str, values: Mapping[str, Any]
    ) -> None:
        """Store one of the learner's own offers and log it, in the caller's transaction."""
        session.add(
            OwnOffer(
                profile_id=self._profile_id,
                path_slug=path_slug,
                slug=slug,
                generic=False,
                created_at=utcnow(),
                **values,
            )
        )
        record_event(
            session,
            self._profile_id,
            "offer.added",
            path_slug=path_slug,
            item_kind=ItemKind.OFFER.value,
            item_slug=slug,
            new=dict(values),
        )

    def update_offer(self, path_slug: str, slug: str, fields: Mapping[str, Any]) -> dict[str, Any]:
        """Change one of the learner's own offers; return its previous fields."""
        values = validate_offer(fields)
        with self._store.transaction() as session:
            row = self._own(session, path_slug, slug)
            old = {key: getattr(row, key) for key in values}
            changed = {key: value for key, value in values.items() if old[key] != value}
            for key, value in changed.items():
                setattr(row, key, value)
            if changed:
                record_event(
                    session,
                    self._profile_id,
                    "offer.edited",
                    path_slug=path_slug,
                    item_kind=ItemKind.OFFER.value,
                    item_slug=slug,
                    old={key: old[key] for key in changed},
                    new=changed,
                )
            return old

    def duplicate_offer(self, path_slug: str, slug: str) -> str:
        """Copy any option (a pack's or the learner's) into a new own offer; return its slug."""
        source = self.option(path_slug, slug)
        fields = offer_fields(source)
        fields["title"] = f"{source.title} (copy)"[:200]
        return self.add_offer(path_slug, fields)

    def delete_offer(self, path_slug: str, slug: str) -> dict[str, Any]:
        """Delete one of the learner's own offers (a choice of it is cleared); return its fields."""
        with self._store.transaction() as session:
            row = self._own(session, path_slug, slug)
            old = {key: getattr(row, key) for key in ("title", *OFFER_FIELDS)}
            session.delete(row)
            record_event(
                session,
                self._profile_id,
                "offer.deleted",
                path_slug=path_slug,
                item_kind=ItemKind.OFFER.value,
                item_slug=slug,
                old=old,
            )
            decision = session.get(
                Decision, {"profile_id": self._profile_id, "path_slug": path_slug}
            )
            if decision is not None and decision.option_slug == slug:
                session.delete(decision)
                record_event(
                    session,
                    self._profile_id,
                    "decision.cleared",
                    path_slug=path_slug,
                    item_kind=ItemKind.OFFER.value,
                    item_slug=slug,
                    old=slug,
                )
            return old

    def restore_offer(
        self,
        path_slug: str,
        slug: str,
        fields: Mapping[str, Any],
        choice: Choice | None = None,
    ) -> str:
        """Put back an own offer under its old ``slug`` (undo of a delete, redo of an add).

        ``choice``, when given, is restored in the same transaction (the delete had cleared it).
        """
        values = validate_offer(fields)
        with self._store.transaction() as session:
            path = require_path(session, path_slug)
            taken = session.scalar(
                select(OwnOffer.id).where(
                    OwnOffer.profile_id == self._profile_id,
                    OwnOffer.path_slug == path_slug,
                    OwnOffer.slug == slug,
                )
            ) or session.scalar(
                select(Offer.id).where(Offer.path_id == path.id, Offer.slug == slug)
            )
            if taken is not None or not slug.startswith(OWN_PREFIX):
                raise InvalidInputError(f"An option {slug!r} exists already in {path_slug!r}.")
            self._insert_offer(session, path_slug, slug, values)
            if choice is not None:
                self._put_choice(session, path_slug, choice)
            return slug

    def restore_choice(self, path_slug: str, choice: Choice | None) -> Choice | None:
        """Put back an earlier "my choice" as it was recorded (None clears it); return the one
        it replaces. Undo and redo of marking a choice use it."""
        with self._store.transaction() as session:
            require_path(session, path_slug)
            decision = session.get(
                Decision, {"profile_id": self._profile_id, "path_slug": path_slug}
            )
            previous = (
                None
                if decision is None
                else Choice(
                    path_slug,
                    decision.option_slug,
                    None,
                    decision.decided_at,
                    ranking_of(decision),
                )
            )
            if choice is None:
                if decision is not None:
                    session.delete(decision)
                    record_event(
                        session,
                        self._profile_id,
                        "decision.cleared",
                        path_slug=path_slug,
                        item_kind=ItemKind.OFFER.value,
                        item_slug=decision.option_slug,
                        old=decision.option_slug,
                    )
            else:
                self._put_choice(session, path_slug, choice)
        return previous

    def _put_choice(self, session: Session, path_slug: str, choice: Choice) -> None:
        decision = session.get(Decision, {"profile_id": self._profile_id, "path_slug": path_slug})
        old = None if decision is None else decision.option_slug
        if decision is None:
            decision = Decision(profile_id=self._profile_id, path_slug=path_slug)
            session.add(decision)
        decision.option_slug = choice.option_slug
        decision.ranking = list(choice.ranking)
        decision.decided_at = choice.decided_at
        record_event(
            session,
            self._profile_id,
            "decision.made",
            path_slug=path_slug,
            item_kind=ItemKind.OFFER.value,
            item_slug=choice.option_slug,
            field="choice",
            old=old,
            new={"option": choice.option_slug, "ranking": list(choice.ranking), "restored": True},
        )

    def _own(self, session: Session, path_slug: str, slug: str) -> OwnOffer:
        require_path(session, path_slug)
        row = session.scalar(
            select(OwnOffer).where(
                OwnOffer.profile_id == self._profile_id,
                OwnOffer.path_slug == path_slug,
                OwnOffer.slug == slug,
            )
        )
        if row is None:
            raise NotFoundError(f"{slug!r} is not one of your own offers in {path_slug!r}.")
        return row

    def _free_slug(self, session: Session, path_slug: str, title: str) -> str:
        path = require_path(session, path_slug)
        taken = set(
            session.scalars(
                select(OwnOffer.slug).where(
                    OwnOffer.profile_id == self._profile_id, OwnOffer.path_slug == path_slug
                )
            )
        ) | set(session.scalars(select(Offer.slug).where(Offer.path_id == path.id)))
        base = OWN_PREFIX + slugify(title)
        slug, counter = base, 2
        while slug in taken:
            slug, counter = f"{base}-{counter}", counter + 1
        return slug

    # --- ranking and choice -------------------------------------------------------------

    def path_title(self, path_slug: str) -> str:
        with self._store.reading() as session:
            return require_path(session, path_slug).title

    def readiness(self, path_slug: str) -> Readiness:
        """The learner's skill level on a path, read from the checklist."""
        return readiness_from_checklist(self._checklist.checklist(path_slug))

    def rank(
        self,
        path_slug: str,
        weights: Mapping[Criterion, int] | None = None,
        situation: Situation | None = None,
    ) -> Recommendation:
        """Rank the path's options for this learner (saved weights unless others are given).

        What could not be read (a saved goal from elsewhere, a damaged offer) is left out of
        the weighing, and the summary says so.
        """
        readiness = self.readiness(path_slug)
        stored = self.stored_situation()
        options, skipped = self._options(path_slug)
        recommendation = rank_options(
            options,
            situation if situation is not None else stored.situation,
            readiness,
            weights if weights is not None else stored.weights,
            self._today(),
        )
        ignored = tuple(
            name
            for name in stored.unreadable
            if (weights is None if name == "weights" else situation is None)
        )
        notes = [replace(stored, unreadable=ignored).note()]
        if skipped:
            notes.append(
                f"{skipped} saved offer{'s' if skipped != 1 else ''} could not be read and "
                f"{'are' if skipped != 1 else 'is'} left out."
            )
        text = " ".join(note for note in notes if note)
        if not text:
            return recommendation
        return replace(recommendation, summary=f"{recommendation.summary} {text}")

    def choose(self, path_slug: str, option_slug: str) -> Choice:
        """Record "my choice" for a path, with the ranking at this moment, in the event log."""
        recommendation = self.rank(path_slug)
        chosen = recommendation.find(option_slug)
        if chosen is None:
            raise NotFoundError(f"There is no option {option_slug!r} in the {path_slug!r} path.")
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
        now = utcnow()
        with self._store.transaction() as session:
            require_path(session, path_slug)
            decision = session.get(
                Decision, {"profile_id": self._profile_id, "path_slug": path_slug}
            )
            old = None if decision is None else decision.option_slug
            if decision is None:
                decision = Decision(profile_id=self._profile_id, path_slug=path_slug)
                session.add(decision)
            decision.option_slug = option_slug
            decision.ranking = snapshot
            decision.decided_at = now
            record_event(
                session,
                self._profile_id,
                "decision.made",
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
        return Choice(path_slug, option_slug, chosen.option.title, now, tuple(snapshot))

    def choice(self, path_slug: str) -> Choice | None:
        with self._store.reading() as session:
            require_path(session, path_slug)
            decision = session.get(
                Decision, {"profile_id": self._profile_id, "path_slug": path_slug}
            )
            if decision is None:
                return None
            slug, ranking, at = decision.option_slug, ranking_of(decision), decision.decided_at
        titles = {option.slug: option.title for option in self.options(path_slug)}
        return Choice(path_slug, slug, titles.get(slug), at, ranking)

    # --- export -------------------------------------------------------------------------

    def comparison_csv(self, path_slug: str, slugs: Sequence[str] | None = None) -> str:
        """One row per option, best first: score, limits, and value and fit per criterion."""
        return comparison_csv(self._selected(path_slug, slugs))

    def comparison_markdown(self, path_slug: str, slugs: Sequence[str] | None = None) -> str:
        """The comparison as the page shows it: criteria as rows, options as columns."""
        recommendation = self.rank(path_slug)
        return comparison_markdown(recommendation, self._selected(path_slug, slugs, recommendation))

    def export(self, path_slug: str, file: Path, slugs: Sequence[str] | None = None) -> Path:
        """Write the comparison to ``file``: CSV for .csv, a Markdown table for .md."""
        suffix = file.suffix.lower()
        if suffix not in EXPORT_SUFFIXES:
            raise InvalidInputError(f"Export to a .csv or .md file, not {file.name!r}.")
        text = (
            self.comparison_csv(path_slug, slugs)
            if suffix == ".csv"
            else self.comparison_markdown(path_slug, slugs)
        )
        write_atomically(file, text)
        return file

    def _selected(
        self,
        path_slug: str,
        slugs: Sequence[str] | None,
        recommendation: Recommendation | None = None,
    ) -> list[RankedOption]:
        recommendation = recommendation or self.rank(path_slug)
        if not slugs:
            return list(recommendation.ranking)
        unknown = [slug for slug in slugs if recommendation.find(slug) is None]
        if unknown:
            raise NotFoundError(f"There is no option {unknown[0]!r} in the {path_slug!r} path.")
        wanted = set(slugs)
        return [entry for entry in recommendation.ranking if entry.option.slug in wanted]
