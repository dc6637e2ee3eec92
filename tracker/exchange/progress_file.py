"""The progress file (format 1): its records, and reading one from bytes nobody vouches for.

Each record is the stored values of one row (:mod:`tracker.services.records`) plus the keys that
say which item it is, so the importer checks every field with the types the app reads with.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from tracker import formatting
from tracker.domain.choosing import OFFER_FIELDS
from tracker.errors import InvalidInputError
from tracker.packs.schema import OfferSpec, ResourceSpec
from tracker.packs.untrusted import UntrustedDataError, load_json
from tracker.services.catalog import RESOURCE_FIELDS
from tracker.services.event_values import EventValues
from tracker.services.records import (
    DecisionValues,
    PrerequisiteStateValues,
    ResourceProgressValues,
    SituationValues,
    Slug,
    Stamp,
    StudySessionValues,
    TimerValues,
)
from tracker.wording import QT_TRANSLATE_NOOP, say

FORMAT_NAME = "learning-path-tracker-progress"
FORMAT_VERSION = 1
MAX_PROGRESS_FILE_BYTES = 256 * 1024 * 1024
"""What the importer reads at most. The exporter checks what it writes with the importer's own
checks, so a file the app exported is a file it imports (see ExchangeService.export_text)."""
MAX_JSON_VALUES = 5_000_000
"""Lists, mappings, texts and numbers in one file at most: a file of many tiny values would take
far more memory than its size ([] is 3 bytes of text, 64 of memory); an export holds about ten
values per entry of its event log, which is the most of it."""
MAX_JSON_DEPTH = 32
OWN_RESOURCE_FIELDS = ("title", *RESOURCE_FIELDS)
OWN_OFFER_FIELDS = ("title", "generic", *OFFER_FIELDS)
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


class _Strict(BaseModel):
    # defer_build: the validator is built on first use, not when the app starts
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, allow_inf_nan=False)


class ProfileRecord(_Strict):
    name: Annotated[str, StringConstraints(min_length=1, max_length=80)]
    created_at: Stamp


class SituationRecord(SituationValues):
    """The learner's situation, as stored."""


class PrerequisiteStateRecord(PrerequisiteStateValues):
    path: Slug
    prerequisite: Slug


class ResourceProgressRecord(ResourceProgressValues):
    path: Slug
    resource: Slug


class OwnItemRecord(_Strict):
    path: Slug
    slug: Slug
    created_at: Stamp
    fields: dict[str, Any] = Field(max_length=40)


class OwnResourceRecord(OwnItemRecord):
    """A resource the learner added; ``fields`` as the catalog stores them."""


class OwnOfferRecord(OwnItemRecord):
    """An offer the learner added; ``fields`` as the comparison stores them."""


class DecisionRecord(DecisionValues):
    path: Slug


class StudySessionRecord(StudySessionValues):
    path: Slug


class RunningTimerRecord(TimerValues):
    path: Slug


class EventRecord(EventValues):
    """One entry of the event log, its values checked against its action."""


class ProgressFile(_Strict):
    """Format 1 of an exported progress file (JSON)."""

    format: Literal["learning-path-tracker-progress"]
    format_version: Literal[1]
    app_version: Annotated[str, StringConstraints(max_length=40)] = ""
    profile: ProfileRecord
    situation: SituationRecord | None = None
    prerequisite_states: list[PrerequisiteStateRecord] = Field(default_factory=list)
    resource_progress: list[ResourceProgressRecord] = Field(default_factory=list)
    own_resources: list[OwnResourceRecord] = Field(default_factory=list)
    own_offers: list[OwnOfferRecord] = Field(default_factory=list)
    decisions: list[DecisionRecord] = Field(default_factory=list)
    study_sessions: list[StudySessionRecord] = Field(default_factory=list)
    running_timer: RunningTimerRecord | None = None
    events: list[EventRecord] = Field(default_factory=list)


TOO_BIG = QT_TRANSLATE_NOOP(
    "Exchange",
    "{name} is {size} bytes; progress files are limited to {limit}. Nothing was imported.",
)
NOT_UTF8 = QT_TRANSLATE_NOOP(
    "Exchange", "{name}:{line}: not UTF-8 text (byte {byte}). Nothing was imported."
)
TOO_MANY_VALUES = QT_TRANSLATE_NOOP(
    "Exchange",
    "{name} holds {values} values; progress files hold {limit} at most. Nothing was imported.",
)
BAD_JSON = QT_TRANSLATE_NOOP("Exchange", "{name}{where}: {problem}. Nothing was imported.")
NOT_A_PROGRESS_FILE = QT_TRANSLATE_NOOP(
    "Exchange", "{name} is not a Learning Path Tracker progress file. Nothing was imported."
)
OTHER_FORMAT = QT_TRANSLATE_NOOP(
    "Exchange",
    "{name} has progress format {version}; this version reads format {expected}. "
    "Nothing was imported.",
)
NOT_IMPORTED = QT_TRANSLATE_NOOP("Exchange", "{name} was not imported: {problems}.")
AND_MORE = QT_TRANSLATE_NOOP("Exchange", "  ... and {count} more")


def _not_imported(name: str, problems: Sequence[str], total: int) -> InvalidInputError:
    """The refusal of a file with ``total`` problems: the count, then the first ten, one a line."""
    lines = [say(NOT_IMPORTED, name=name, problems=formatting.counted(total, "problem"))]
    lines += [f"  {problem}" for problem in problems[:10]]
    if total > 10:
        lines.append(say(AND_MORE, count=total - 10))
    return InvalidInputError("\n".join(lines))


def parse_progress_bytes(raw: bytes, name: str = "progress file") -> ProgressFile:
    """Validate the bytes of a progress file: size, JSON, shape, format, every field, links."""
    if len(raw) > MAX_PROGRESS_FILE_BYTES:
        raise InvalidInputError(
            say(TOO_BIG, name=name, size=f"{len(raw):,}", limit=f"{MAX_PROGRESS_FILE_BYTES:,}")
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidInputError(
            say(NOT_UTF8, name=name, line=line, byte=f"{exc.start:,}")
        ) from None
    values = _value_count(text)
    if values > MAX_JSON_VALUES:
        raise InvalidInputError(
            say(TOO_MANY_VALUES, name=name, values=f"{values:,}", limit=f"{MAX_JSON_VALUES:,}")
        )
    try:
        parsed = load_json(text, MAX_JSON_DEPTH)
    except UntrustedDataError as exc:
        where = "".join(
            (
                f":{exc.line}" if exc.line else "",
                f":{exc.column}" if exc.line and exc.column else "",
                f": {exc.where}" if exc.where else "",
            )
        )
        raise InvalidInputError(
            say(BAD_JSON, name=name, where=where, problem=exc.message)
        ) from None
    if not isinstance(parsed, dict) or parsed.get("format") != FORMAT_NAME:
        raise InvalidInputError(say(NOT_A_PROGRESS_FILE, name=name))
    if parsed.get("format_version") != FORMAT_VERSION:
        version = str(parsed.get("format_version"))[:20]
        raise InvalidInputError(
            say(OTHER_FORMAT, name=name, version=version, expected=FORMAT_VERSION)
        )
    try:
        data = ProgressFile.model_validate(parsed)
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False)[:10]:
            where = ".".join(str(part) for part in error["loc"]) or "file"
            problems.append(f"{where}: {error['msg'].removeprefix('Value error, ')}")
        raise _not_imported(name, problems, exc.error_count()) from None
    _check_own_items(data, name)
    return data


def _value_count(text: str) -> int:
    """How many JSON values ``text`` holds, about (texts are counted, not read)."""
    skeleton = _STRING.sub("0", text)
    return skeleton.count(",") + skeleton.count("[") + skeleton.count("{") + 1


def _check_own_items(data: ProgressFile, name: str) -> None:
    """An own resource or offer holds the fields of a pack's, checked by the pack's rules."""
    problems: list[str] = []
    own_kinds: tuple[
        tuple[str, type[ResourceSpec] | type[OfferSpec], Sequence[OwnItemRecord], tuple[str, ...]],
        ...,
    ] = (
        ("own_resources", ResourceSpec, data.own_resources, OWN_RESOURCE_FIELDS),
        ("own_offers", OfferSpec, data.own_offers, OWN_OFFER_FIELDS),
    )
    for kind, spec, records, names in own_kinds:
        for i, own in enumerate(records):
            unknown = set(own.fields) - set(names)
            if unknown:
                problems.append(f"{kind}.{i}.fields: unknown {', '.join(sorted(unknown))}")
                continue
            try:
                spec.model_validate({"slug": "own", **own.fields})
            except ValidationError as exc:
                first = exc.errors(include_url=False)[0]
                where = ".".join(str(part) for part in first["loc"])
                problems.append(f"{kind}.{i}.fields.{where}: {first['msg']}")
    if problems:
        raise _not_imported(name, problems, len(problems))
