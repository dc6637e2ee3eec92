"""What a learner types for the comparison, checked: an offer, the situation, the weights."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import TypeAdapter, ValidationError

from tracker.domain.choosing import (
    MAX_WEIGHT,
    MIN_WEIGHT,
    OFFER_FIELDS,
    SITUATION_FIELDS,
    Criterion,
)
from tracker.domain.enums import Approach, Goal, Guidance, ResourceFormat
from tracker.errors import InvalidInputError
from tracker.packs.schema import OfferSpec
from tracker.services.catalog import slugify
from tracker.services.records import MAX_BUDGET, MAX_HOURS_PER_WEEK, Day
from tracker.wording import QT_TRANSLATE_NOOP, Sentence, say

_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
OWN_PREFIX = "own-"
SITUATION_WORDS = {
    "hours_per_week": QT_TRANSLATE_NOOP("Choosing", "time per week"),
    "budget": QT_TRANSLATE_NOOP("Choosing", "budget"),
    "currency": QT_TRANSLATE_NOOP("Choosing", "currency"),
    "target_date": QT_TRANSLATE_NOOP("Choosing", "target date"),
    "goal": QT_TRANSLATE_NOOP("Choosing", "goal"),
    "guidance": QT_TRANSLATE_NOOP("Choosing", "guidance"),
    "preferred_format": QT_TRANSLATE_NOOP("Choosing", "preferred format"),
}
"""The situation's fields as a sentence names them ("Set time per week")."""
"""The start of every slug of a learner's own offer (a pack's slugs never start so)."""

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


OFFER_NOT_SAVED = QT_TRANSLATE_NOOP("Choosing", "The offer was not saved. {details}.")
SITUATION_NOT_SAVED = QT_TRANSLATE_NOOP("Choosing", "Your situation was not saved. {details}.")
WEIGHTS_NOT_SAVED = QT_TRANSLATE_NOOP("Choosing", "The weights were not saved. {details}.")


class InvalidFieldsError(InvalidInputError):
    """Input with one or more bad fields; ``problems`` maps each field to its message."""

    def __init__(self, not_saved: Sentence, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        details = "; ".join(
            f"{FIELD_LABELS.get(name, name)}: {message}" for name, message in self.problems.items()
        )
        super().__init__(say(not_saved, details=details))


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
        raise InvalidFieldsError(
            OFFER_NOT_SAVED, {name: "is not an offer field" for name in unknown}
        )
    if isinstance(data.get("currency"), str):
        data["currency"] = data["currency"].upper()
    data.setdefault("approach", Approach.BOOTCAMP.value)
    data.setdefault("title", "")
    problems = _weeks_order(data.get("weeks_min"), data.get("weeks_max"))
    try:
        spec = OfferSpec.model_validate({"slug": "own", "generic": False, **data})
    except ValidationError as exc:
        raise InvalidFieldsError(OFFER_NOT_SAVED, {**_problems(exc), **problems}) from None
    if problems:
        raise InvalidFieldsError(OFFER_NOT_SAVED, problems)
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
        raise InvalidFieldsError(SITUATION_NOT_SAVED, problems)
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
        raise InvalidFieldsError(WEIGHTS_NOT_SAVED, problems)
    return cleaned


def free_slug(title: str, taken: set[str]) -> str:
    """``own-<title>``, numbered (``-2``, ``-3``...) past the slugs already in use."""
    base = OWN_PREFIX + slugify(title)
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def event_value(value: Any) -> Any:
    """A situation value as the event log keeps it (enum members and dates as strings)."""
    if isinstance(value, StrEnum):
        return value.value
    return value.isoformat() if isinstance(value, date) else value
