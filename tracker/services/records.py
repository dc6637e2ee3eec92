"""What stored learner data may hold: one definition that reads rows and validates imports.

The services read the database through these models and the progress-file importer validates
with them, so a value the importer accepts is a value the app can read. A stored value that does
not fit (a damaged row, a file from a careless tool) is read as *unreadable*: :func:`read_values`
drops it and names it, and nothing that reads learner data has to trust what is stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)

from tracker.domain.choosing import MAX_WEIGHT, MIN_WEIGHT, Criterion
from tracker.domain.enums import Goal, Guidance, ResourceFormat, ResourceStatus
from tracker.domain.study import MAX_MINUTES_PER_ENTRY, MAX_NOTE_CHARS
from tracker.packs.schema import SLUG_PATTERN, WebUrl

MAX_NOTES_CHARS = 100_000
MAX_EVIDENCE_LINKS = 20
MAX_BUDGET = 10_000_000
MAX_HOURS_PER_WEEK = 168
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2999, 12, 31)
"""Dates and moments of learner data lie in these years: far from where converting a time to
another zone or adding a few years could overflow Python's dates."""


def naive_utc(value: datetime) -> datetime:
    """A moment as stored: naive UTC. A time with a zone is converted, never misread."""
    if value.tzinfo is not None:
        try:
            value = value.astimezone(UTC).replace(tzinfo=None)
        except OverflowError:
            raise ValueError("this time is out of range once converted to UTC") from None
    if not EARLIEST_DAY <= value.date() <= LATEST_DAY:
        raise ValueError(f"must lie between the years {EARLIEST_DAY.year} and {LATEST_DAY.year}")
    return value


def in_day_range(value: date) -> date:
    """A day of learner data (a target date, a day of study, a revisit)."""
    if not EARLIEST_DAY <= value <= LATEST_DAY:
        raise ValueError(f"must lie between the years {EARLIEST_DAY.year} and {LATEST_DAY.year}")
    return value


Stamp = Annotated[datetime, AfterValidator(naive_utc)]
Day = Annotated[date, AfterValidator(in_day_range)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=120)]
Notes = Annotated[str, StringConstraints(max_length=MAX_NOTES_CHARS)]
LogNote = Annotated[str, StringConstraints(max_length=MAX_NOTE_CHARS)]
Rating = Annotated[int, Field(ge=1, le=5)]
Weight = Annotated[int, Field(ge=MIN_WEIGHT, le=MAX_WEIGHT)]
Weights = Annotated[dict[Criterion, Weight], Field(max_length=len(Criterion))]
Evidence = Annotated[list[WebUrl], Field(max_length=MAX_EVIDENCE_LINKS)]
StudyItemKind = Literal["prerequisite", "resource"]


class Values(BaseModel):
    """The stored values of one row; an unknown key is refused, and so is an infinite number."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, allow_inf_nan=False)


class SituationValues(Values):
    """A learner's time, budget, goals and weights (the ``situation`` row)."""

    hours_per_week: float | None = Field(
        default=None, ge=0, le=MAX_HOURS_PER_WEEK, allow_inf_nan=False
    )
    budget: float | None = Field(default=None, ge=0, le=MAX_BUDGET, allow_inf_nan=False)
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    target_date: Day | None = None
    goal: Goal | None = None
    guidance: Guidance | None = None
    preferred_format: ResourceFormat | None = None
    weights: Weights = Field(default_factory=dict)
    streaks_enabled: bool = False
    changed_at: Stamp


SITUATION_EVENT_FIELDS = tuple(
    name for name in SituationValues.model_fields if name not in ("weights", "changed_at")
)
"""The fields a ``situation.changed`` event may name."""


class PrerequisiteStateValues(Values):
    """A learner's state on one skill."""

    done: bool
    changed_at: Stamp
    confidence: Rating | None = None
    evidence: Evidence = Field(default_factory=list)
    revisit_step: int = Field(default=0, ge=0, le=100)
    revisit_due: Day | None = None


class ResourceProgressValues(Values):
    """A learner's status, rating and notes on one resource."""

    status: ResourceStatus | None = None
    rating: Rating | None = None
    notes: Notes = ""
    changed_at: Stamp


class DecisionValues(Values):
    """The way to learn a learner chose for a path, and the ranking they saw then."""

    option: Slug
    ranking: list[dict[str, Any]] = Field(default_factory=list, max_length=500)
    decided_at: Stamp


class StudySessionValues(Values):
    """One entry of the study log."""

    item_kind: StudyItemKind | None = None
    item_slug: Slug | None = None
    day: Day
    started_at: Stamp | None = None
    minutes: int = Field(ge=1, le=MAX_MINUTES_PER_ENTRY)
    note: LogNote = ""


class TimerValues(Values):
    """A running study timer."""

    item_kind: StudyItemKind | None = None
    item_slug: Slug | None = None
    started_at: Stamp


M = TypeVar("M", bound=Values)


@dataclass(frozen=True)
class Read(Generic[M]):
    """A row read through its model: ``values`` is None when the row cannot be read at all;
    ``unreadable`` names the fields whose stored values were dropped."""

    values: M | None
    unreadable: tuple[str, ...] = ()


def read_values(model: type[M], stored: Mapping[str, Any]) -> Read[M]:
    """``stored`` as ``model``; a field that does not fit is left at its default and named.

    A field that has no default (a row's time) makes the whole row unreadable.
    """
    try:
        return Read(model.model_validate(dict(stored)))
    except ValidationError as exc:
        bad = {str(error["loc"][0]) for error in exc.errors(include_url=False) if error["loc"]}
    kept = {name: value for name, value in stored.items() if name not in bad}
    try:
        return Read(model.model_validate(kept), tuple(sorted(bad)))
    except ValidationError:
        return Read(None, tuple(sorted(bad or set(stored))))


def read_row(model: type[M], row: object, columns: Mapping[str, str] | None = None) -> Read[M]:
    """A database row read as ``model`` (``columns`` maps a field to a differently named
    column), with :func:`read_values`'s tolerance."""
    renamed = columns or {}
    return read_values(
        model, {name: getattr(row, renamed.get(name, name)) for name in model.model_fields}
    )


@cache
def field_type(model: type[Values], name: str) -> TypeAdapter[Any]:
    """The type and constraints of one field of ``model``, to check one stored column alone."""
    info = model.model_fields[name]
    annotation: Any = info.annotation
    return TypeAdapter(Annotated[(annotation, *info.metadata)] if info.metadata else annotation)


def is_readable(model: type[Values], name: str, value: Any) -> bool:
    """Whether ``value`` fits the field ``name`` of ``model``."""
    try:
        field_type(model, name).validate_python(value)
    except ValidationError:
        return False
    return True
