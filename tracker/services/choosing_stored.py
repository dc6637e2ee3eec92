"""The comparison's stored rows as the app reads them: options, the situation, a choice, and
the snapshot the Compare page shows.

Each is read through the definition its writers and the importer use (the pack's OfferSpec,
SituationValues, DecisionValues); a value that does not fit is left out and named.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from tracker.domain.choosing import (
    DEFAULT_WEIGHTS,
    OFFER_FIELDS,
    SITUATION_FIELDS,
    Criterion,
    Option,
    Readiness,
    Recommendation,
    Situation,
    rank_options,
)
from tracker.domain.enums import (
    Approach,
    PrerequisiteCoverage,
    ResourceFormat,
    Schedule,
    Support,
)
from tracker.domain.views import ComparisonTable, Fact
from tracker.packs.schema import OfferSpec
from tracker.services import choosing_words as words
from tracker.services.choosing_input import FIELD_LABELS
from tracker.services.records import (
    DecisionValues,
    SituationValues,
    Weight,
    field_type,
    is_readable,
)
from tracker.storage import choosing as choosing_store
from tracker.storage.models import Decision, Offer, OwnOffer
from tracker.storage.models import Situation as SituationRow
from tracker.wording import say


def option_of(row: Offer | OwnOffer, own: bool) -> Option | None:
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
        return say(
            words.UNREADABLE_ONE if len(self.unreadable) == 1 else words.UNREADABLE, names=names
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


def ranking_of(decision: Decision) -> tuple[dict[str, Any], ...]:
    """The ranking saved with a choice; one this version cannot read is left out (empty)."""
    ranking = decision.ranking
    if not is_readable(DecisionValues, "ranking", ranking):
        return ()
    return tuple(ranking)


def offer_fields(option: Option) -> dict[str, Any]:
    """An option's fields as the offer form and ``add_offer`` take them."""
    values: dict[str, Any] = {"title": option.title}
    for name in OFFER_FIELDS:
        value = getattr(option, name)
        values[name] = value.value if hasattr(value, "value") else value
    return values


@dataclass(frozen=True)
class CompareView:
    """Everything the Compare page shows for a path, read in one snapshot.

    ``recommendation`` ranks ``options`` with the saved situation and weights; ``rerank`` weighs
    the same options again (a slider moving) without reading anything.
    """

    path_slug: str
    path_title: str
    stored: StoredSituation
    readiness: Readiness
    options: tuple[Option, ...]
    skipped: int
    """Saved offers that break the offer rules and are left out."""
    choice: Choice | None
    recommendation: Recommendation
    tables: tuple[ComparisonTable, ...]
    facts: tuple[Fact, ...]
    takeaways: tuple[str, ...]

    @property
    def situation(self) -> Situation:
        return self.stored.situation

    @property
    def weights(self) -> dict[Criterion, int]:
        return self.stored.weights


@dataclass(frozen=True)
class Choice:
    """The option a learner chose for a path, and the ranking they saw when they chose."""

    path_slug: str
    option_slug: str
    option_title: str | None
    """None when the chosen offer has since been deleted."""
    decided_at: datetime
    ranking: tuple[dict[str, Any], ...]


def read_options(
    session: Session, profile_id: int, path_id: int, path_slug: str
) -> tuple[list[Option], int]:
    """A path's options (the pack's, then the learner's own), and how many saved offers break
    the offer rules and are left out."""
    rows = choosing_store.offers(session, profile_id, path_id, path_slug)
    read = [option_of(row, own=isinstance(row, OwnOffer)) for row in rows]
    options = [option for option in read if option is not None]
    return options, len(read) - len(options)


def read_choice(
    session: Session, profile_id: int, path_slug: str, options: Sequence[Option]
) -> Choice | None:
    """The learner's choice on a path, titled from ``options`` (None once deleted)."""
    decision = choosing_store.decision(session, profile_id, path_slug)
    if decision is None:
        return None
    titles = {option.slug: option.title for option in options}
    return Choice(
        path_slug,
        decision.option_slug,
        titles.get(decision.option_slug),
        decision.decided_at,
        ranking_of(decision),
    )


def rank_view(
    view: CompareView,
    weights: Mapping[Criterion, int] | None,
    situation: Situation | None,
    today: date,
) -> Recommendation:
    """The view's options ranked (saved weights and situation unless others are given); the
    summary names what could not be read and was left out of the weighing."""
    stored = view.stored
    recommendation = rank_options(
        view.options,
        situation if situation is not None else stored.situation,
        view.readiness,
        weights if weights is not None else stored.weights,
        today,
    )
    ignored = tuple(
        name
        for name in stored.unreadable
        if (weights is None if name == "weights" else situation is None)
    )
    notes = [replace(stored, unreadable=ignored).note()]
    if view.skipped:
        notes.append(
            say(words.SKIPPED_ONE)
            if view.skipped == 1
            else say(words.SKIPPED, count=f"{view.skipped:,}")
        )
    text = " ".join(note for note in notes if note)
    if not text:
        return recommendation
    return replace(recommendation, summary=f"{recommendation.summary} {text}")
