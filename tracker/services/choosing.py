"""Choosing how to learn: the learner's situation and weights, offers to compare, the ranking."""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain.choosing import (
    DEFAULT_WEIGHTS,
    MAX_WEIGHT,
    MIN_WEIGHT,
    OFFER_FIELDS,
    SITUATION_FIELDS,
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
    Approach,
    Goal,
    Guidance,
    ItemKind,
    PrerequisiteCoverage,
    ResourceFormat,
    Schedule,
    Support,
)
from tracker.errors import InvalidInputError, NotFoundError, StorageError
from tracker.packs.schema import OfferSpec
from tracker.services.catalog import slugify
from tracker.services.checklist import ChecklistService
from tracker.services.records import (
    MAX_BUDGET,
    MAX_HOURS_PER_WEEK,
    Day,
    DecisionValues,
    SituationValues,
    Weight,
    field_type,
    is_readable,
)
from tracker.services.store import Store, record_event, require_path, utcnow
from tracker.storage.models import Decision, Offer, OwnOffer
from tracker.storage.models import Situation as SituationRow

OWN_PREFIX = "own-"
EXPORT_SUFFIXES = (".csv", ".md", ".markdown")
_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")

FIELD_LABELS = {
    "title": "Title",
    "approach": "Approach",
    "provider": "Provider",
    "cost": "Cost",
    "currency": "Currency",
    "weeks_min": "Weeks (min)",
    "weeks_max": "Weeks (max)",
    "hours_per_week": "Hours per week",
    "schedule": "Schedule",
    "format": "Format",
    "support": "Support",
    "prerequisites": "Prerequisites",
    "outcomes_figure": "Outcomes figure",
    "rating": "Rating",
    "url": "Link",
    "notes": "Notes",
    "budget": "Budget",
    "target_date": "Target date",
    "goal": "Goal",
    "guidance": "Guidance",
    "preferred_format": "Preferred format",
    "weights": "Weights",
}


class InvalidFieldsError(InvalidInputError):
    """Input with one or more bad fields; ``problems`` maps each field to its message."""

    def __init__(self, what: str, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        details = "; ".join(
            f"{FIELD_LABELS.get(name, name)}: {message}" for name, message in self.problems.items()
        )
        super().__init__(f"{what} was not saved. {details}.")


@dataclass(frozen=True)
class Choice:
    """The option a learner chose for a path, and the ranking they saw when they chose."""

    path_slug: str
    option_slug: str
    option_title: str | None
    """None when the chosen offer has since been deleted."""
    decided_at: datetime
    ranking: tuple[dict[str, Any], ...]


def _friendly(error: Mapping[str, Any]) -> str:
    """One pydantic error in words a learner understands."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "greater_than_equal":
        return f"must be {ctx['ge']:g} or more" if ctx["ge"] else "must not be negative"
    if kind == "less_than_equal":
        return f"must be {ctx['le']:g} or less"
    if kind in ("float_parsing", "float_type"):
        return "must be a number"
    if kind == "enum":
        return f"choose one of: {ctx.get('expected', '')}".replace("'", "")
    if kind == "string_too_short":
        return "is required"
    if kind == "string_too_long":
        return f"must be at most {ctx['max_length']} characters"
    if kind == "string_pattern_mismatch":
        return "use a three-letter code such as USD or EUR"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "bool_parsing":
        return "must be yes or no"
    return str(error["msg"])


def _problems(exc: ValidationError) -> dict[str, str]:
    problems: dict[str, str] = {}
    for error in exc.errors(include_url=False):
        name = str(error["loc"][0]) if error["loc"] else "value"
        problems.setdefault(name, _friendly(error))
    return problems


def validate_offer(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Check an offer the learner typed (OfferSpec rules, http/https links only) and clean it."""
    data = {
        key: (value.strip() if isinstance(value, str) else value)
        for key, value in fields.items()
        if value is not None
    }
    unknown = sorted(set(data) - {"title", *OFFER_FIELDS})
    if unknown:
        raise InvalidFieldsError("The offer", {name: "is not an offer field" for name in unknown})
    if isinstance(data.get("currency"), str):
        data["currency"] = data["currency"].upper()
    data.setdefault("approach", Approach.BOOTCAMP.value)
    data.setdefault("title", "")
    problems = _weeks_order(data.get("weeks_min"), data.get("weeks_max"))
    try:
        spec = OfferSpec.model_validate({"slug": "own", "generic": False, **data})
    except ValidationError as exc:
        raise InvalidFieldsError("The offer", {**_problems(exc), **problems}) from None
    if problems:
        raise InvalidFieldsError("The offer", problems)
    dumped = spec.model_dump(mode="json")
    return {key: dumped[key] for key in ("title", *OFFER_FIELDS)}


def _weeks_order(low: Any, high: Any) -> dict[str, str]:
    """The one rule across fields: a length range must not run backwards."""
    try:
        first, last = float(low), float(high)
    except (TypeError, ValueError):
        return {}
    if first > last:
        return {"weeks_max": f"must not be less than the minimum ({first:g} weeks)"}
    return {}


def _parse_choice(
    name: str, value: Any, choices: type[Goal] | type[Guidance] | type[ResourceFormat]
) -> str:
    try:
        return choices(str(value).strip().lower()).value
    except ValueError:
        allowed = ", ".join(choice.value for choice in choices)
        raise _FieldError(name, f"choose one of: {allowed}") from None


class _FieldError(Exception):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.message = message


def _parse_number(name: str, value: Any, highest: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise _FieldError(name, f"must be a number, not {value!r}") from None
    if number != number or number < 0:
        raise _FieldError(name, "must not be negative")
    if number > highest:
        raise _FieldError(name, f"must be {highest:,g} or less")
    return number


def _parse_date(name: str, value: Any) -> date:
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        try:
            value = date.fromisoformat(str(value).strip())
        except ValueError:
            raise _FieldError(name, f"use the form YYYY-MM-DD, not {value!r}") from None
    try:
        return _DAY.validate_python(value)
    except ValidationError as exc:
        raise _FieldError(name, _friendly(exc.errors(include_url=False)[0])) from None


_DAY: TypeAdapter[date] = TypeAdapter(Day)


_SITUATION_PARSERS: dict[str, Callable[[Any], Any]] = {
    "hours_per_week": lambda v: _parse_number("hours_per_week", v, MAX_HOURS_PER_WEEK),
    "budget": lambda v: _parse_number("budget", v, MAX_BUDGET),
    "target_date": lambda v: _parse_date("target_date", v),
    "goal": lambda v: _parse_choice("goal", v, Goal),
    "guidance": lambda v: _parse_choice("guidance", v, Guidance),
    "preferred_format": lambda v: _parse_choice("preferred_format", v, ResourceFormat),
}


def validate_situation(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Check situation fields; ``None`` clears a field (the currency always has a value)."""
    problems: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in SITUATION_FIELDS:
            problems[name] = "is not part of the situation"
            continue
        if name == "currency":
            code = str(value or "").strip().upper()
            if not _CURRENCY_RE.match(code):
                problems[name] = "use a three-letter code such as USD or EUR"
            else:
                cleaned[name] = code
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            cleaned[name] = None
            continue
        try:
            cleaned[name] = _SITUATION_PARSERS[name](value)
        except _FieldError as exc:
            problems[exc.name] = exc.message
    if problems:
        raise InvalidFieldsError("Your situation", problems)
    return cleaned


def validate_weights(weights: Mapping[str, Any]) -> dict[str, int]:
    """Check criterion weights: known criteria, whole numbers from 0 to 10."""
    problems: dict[str, str] = {}
    cleaned: dict[str, int] = {}
    for name, value in weights.items():
        try:
            criterion = Criterion(str(name))
        except ValueError:
            known = ", ".join(c.value for c in Criterion)
            problems[str(name)] = f"is not a criterion (use one of: {known})"
            continue
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not float(value).is_integer()
        ):
            problems[criterion.value] = f"must be a whole number, not {value!r}"
        elif not MIN_WEIGHT <= value <= MAX_WEIGHT:
            problems[criterion.value] = f"must be {MIN_WEIGHT} to {MAX_WEIGHT}, not {value:g}"
        else:
            cleaned[criterion.value] = int(value)
    if problems:
        raise InvalidFieldsError("The weights", problems)
    return cleaned


def _option(row: Offer | OwnOffer, own: bool) -> Option | None:
    """The option a stored offer describes; None when its fields break the offer rules (the
    pack's OfferSpec, which every saved offer passed) and so cannot be weighed."""
    fields = {name: getattr(row, name) for name in OFFER_FIELDS}
    try:
        OfferSpec.model_validate({"slug": row.slug, "title": row.title, **fields})
    except ValidationError:
        return None
    return Option(
        slug=row.slug,
        title=row.title,
        approach=Approach(row.approach),
        generic=bool(row.generic) and not own,
        own=own,
        provider=row.provider,
        cost=row.cost,
        currency=row.currency,
        weeks_min=row.weeks_min,
        weeks_max=row.weeks_max,
        hours_per_week=row.hours_per_week,
        schedule=Schedule(row.schedule),
        format=ResourceFormat(row.format),
        support=Support(row.support),
        prerequisites=PrerequisiteCoverage(row.prerequisites),
        career_services=bool(row.career_services),
        job_guarantee=bool(row.job_guarantee),
        outcomes_audited=bool(row.outcomes_audited),
        outcomes_figure=row.outcomes_figure,
        rating=row.rating,
        url=row.url,
        notes=row.notes,
    )


@dataclass(frozen=True)
class StoredSituation:
    """The saved situation and weights as the app can read them, and what it could not read."""

    situation: Situation
    weights: dict[Criterion, int]
    unreadable: tuple[str, ...]
    """Situation fields (and "weights") whose saved values this version cannot read."""

    def note(self) -> str:
        if not self.unreadable:
            return ""
        names = ", ".join(FIELD_LABELS.get(name, name).lower() for name in self.unreadable)
        return (
            f"Your saved {names} could not be read, so "
            f"{'it is' if len(self.unreadable) == 1 else 'they are'} not weighed: set "
            f"{'it' if len(self.unreadable) == 1 else 'them'} again."
        )


def read_situation(row: SituationRow | None) -> StoredSituation:
    """A situation row through the shared definition (SituationValues), field by field."""
    if row is None:
        return StoredSituation(Situation(), dict(DEFAULT_WEIGHTS), ())
    values: dict[str, Any] = {}
    unreadable: list[str] = []
    for name in SITUATION_FIELDS:
        try:
            values[name] = field_type(SituationValues, name).validate_python(getattr(row, name))
        except ValidationError:
            unreadable.append(name)
    weights = dict(DEFAULT_WEIGHTS)
    stored = row.weights
    if not isinstance(stored, dict):
        stored, bad_weights = {}, True
    else:
        bad_weights = False
    for name, value in stored.items():
        try:
            criterion = Criterion(name)
            weights[criterion] = _WEIGHT.validate_python(value)
        except (ValueError, ValidationError):
            bad_weights = True
    if bad_weights:
        unreadable.append("weights")
    return StoredSituation(Situation(**values), weights, tuple(unreadable))


_WEIGHT: TypeAdapter[int] = TypeAdapter(Weight)


def _ranking(decision: Decision) -> tuple[dict[str, Any], ...]:
    """The ranking saved with a choice; one this version cannot read is left out (empty)."""
    ranking = decision.ranking
    if not is_readable(DecisionValues, "ranking", ranking):
        return ()
    return tuple(ranking)


def _event_value(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    return value.isoformat() if isinstance(value, date) else value


def offer_fields(option: Option) -> dict[str, Any]:
    """An option's fields as the offer form and ``add_offer`` take them."""
    values: dict[str, Any] = {"title": option.title}
    for name in OFFER_FIELDS:
        value = getattr(option, name)
        values[name] = value.value if hasattr(value, "value") else value
    return values


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
            read = [_option(row, own=False) for row in pack]
            own = session.scalars(
                select(OwnOffer)
                .where(OwnOffer.profile_id == self._profile_id, OwnOffer.path_slug == path_slug)
                .order_by(OwnOffer.id)
            )
            read += [_option(row, own=True) for row in own]
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
                    _ranking(decision),
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
            slug, ranking, at = decision.option_slug, _ranking(decision), decision.decided_at
        titles = {option.slug: option.title for option in self.options(path_slug)}
        return Choice(path_slug, slug, titles.get(slug), at, ranking)

    # --- export -------------------------------------------------------------------------

    def comparison_csv(self, path_slug: str, slugs: Sequence[str] | None = None) -> str:
        """One row per option, best first: score, limits, and value and fit per criterion."""
        ranking = self._selected(path_slug, slugs)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        header = ["rank", "option", "slug", "kind", "score"]
        for criterion in Criterion:
            header += [f"{criterion.label}", f"{criterion.label} fit (0-10)"]
        header += ["broken limits", "reasons", "link"]
        writer.writerow(header)
        for entry in ranking:
            row: list[Any] = [
                entry.rank,
                entry.option.title,
                entry.option.slug,
                entry.option.kind_label,
                f"{entry.score:.1f}",
            ]
            for criterion in Criterion:
                cell = entry.criterion(criterion)
                row += [cell.value, f"{cell.score:.1f}"]
            row += [
                "; ".join(v.message for v in entry.violations),
                "; ".join(entry.reasons),
                entry.option.url,
            ]
            writer.writerow(row)
        return buffer.getvalue()

    def comparison_markdown(self, path_slug: str, slugs: Sequence[str] | None = None) -> str:
        """The comparison as the page shows it: criteria as rows, options as columns."""
        recommendation = self.rank(path_slug)
        ranking = self._selected(path_slug, slugs, recommendation)

        def cell(text: str) -> str:
            return text.replace("|", "\\|").replace("\n", " ")

        lines = [f"**{cell(recommendation.summary)}**", ""]
        head = ["Criterion (weight)", *(f"{e.rank}. {e.option.title}" for e in ranking)]
        lines.append("| " + " | ".join(cell(text) for text in head) + " |")
        lines.append("|" + "---|" * len(head))
        for criterion in Criterion:
            weight = recommendation.weights.get(criterion, 0)
            cells = [f"{criterion.label} ({weight})"]
            for entry in ranking:
                score = entry.criterion(criterion)
                cells.append(f"{score.value} · {score.score:.0f}/10")
            lines.append("| " + " | ".join(cell(text) for text in cells) + " |")
        lines.append(
            "| **Score** | " + " | ".join(f"**{e.score:.0f}/100**" for e in ranking) + " |"
        )
        lines.append(
            "| Broken limits | "
            + " | ".join(
                cell("; ".join(v.message for v in e.violations) or "none") for e in ranking
            )
            + " |"
        )
        return "\n".join(lines) + "\n"

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
        _write_atomically(file, text)
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


def _write_atomically(file: Path, text: str) -> None:
    """Write ``text`` to ``file`` so a crash leaves the old file or the new one, never half."""
    folder = file.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{file.name}.", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, file)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise StorageError(f"Could not write {file}: {exc.strerror or exc}.") from None
