"""The kinds of event-log entries and the values each holds: shared by the log's one writer,
its readers (the activity feed, progress over time, merging) and the progress-file importer."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from pydantic import (
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from tracker.domain.actions import Action
from tracker.domain.enums import ItemKind, ResourceStatus
from tracker.services.records import (
    SITUATION_EVENT_FIELDS,
    Day,
    Evidence,
    Notes,
    Rating,
    SituationValues,
    Slug,
    Stamp,
    Values,
    Weights,
    field_type,
)

Fields = Annotated[dict[str, Any], Field(max_length=60)]
"""An item's fields as a mapping (an own resource or offer, a study-log entry, a choice)."""
Count = Annotated[int, Field(ge=0, le=10**12)]


@dataclass(frozen=True)
class EventKind:
    """What an action's ``old`` and ``new`` values are; ``sets_field``: the entry records a
    new value of one field of one item, so saves that follow one another are one change."""

    old: Any
    new: Any
    sets_field: bool = False


EVENT_KINDS: dict[str, EventKind] = {
    Action.PROFILE_CREATED: EventKind(None, None),
    Action.PREREQUISITE_DONE: EventKind(bool | None, bool),
    Action.PREREQUISITE_CONFIDENCE: EventKind(Rating | None, Rating | None, sets_field=True),
    Action.PREREQUISITE_EVIDENCE: EventKind(Evidence | None, Evidence, sets_field=True),
    Action.PREREQUISITE_REVISIT_SCHEDULED: EventKind(Day | None, Day | None),
    Action.PREREQUISITE_REVISITED: EventKind(Day | None, Day | None),
    Action.RESOURCE_STATUS: EventKind(
        ResourceStatus | None, ResourceStatus | None, sets_field=True
    ),
    Action.RESOURCE_RATING: EventKind(Rating | None, Rating | None, sets_field=True),
    Action.RESOURCE_NOTES: EventKind(Notes | None, Notes, sets_field=True),
    Action.RESOURCE_ADDED: EventKind(None, Fields),
    Action.RESOURCE_EDITED: EventKind(Fields, Fields),
    Action.RESOURCE_DELETED: EventKind(Fields, None),
    Action.TIME_LOGGED: EventKind(None, Count),
    Action.TIME_EDITED: EventKind(Fields, Fields),
    Action.TIME_DELETED: EventKind(Fields, None),
    Action.TIME_RESTORED: EventKind(None, Fields),
    Action.TIMER_STARTED: EventKind(None, Stamp),
    Action.TIMER_STOPPED: EventKind(Count, Count),
    Action.TIMER_DISCARDED: EventKind(Stamp, None),
    Action.SITUATION_CHANGED: EventKind(Any, Any, sets_field=True),  # typed by the field it names
    Action.SITUATION_WEIGHTS: EventKind(dict[str, Any], Weights, sets_field=True),
    Action.OFFER_ADDED: EventKind(None, Fields),
    Action.OFFER_EDITED: EventKind(Fields, Fields),
    Action.OFFER_DELETED: EventKind(Fields, None),
    Action.DECISION_MADE: EventKind(Slug | None, Fields),
    Action.DECISION_CLEARED: EventKind(Slug, None),
    Action.PROGRESS_IMPORTED: EventKind(None, Fields),
    Action.UNDONE: EventKind(None, Fields),
    Action.REDONE: EventKind(None, Fields),
}
"""Every action the app logs. A value of None is allowed only where the kind says None."""

ActionName = Annotated[str, StringConstraints(max_length=40)]
ShortText = Annotated[str, StringConstraints(max_length=40)]


@cache
def _value_type(kind: Any) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


def value_problem(action: str, name: str, value: Any, field: str | None = None) -> str | None:
    """Why ``value`` cannot be the ``old`` or ``new`` value (``name``) of an ``action`` entry
    that names ``field``; None when it can."""
    kind = EVENT_KINDS.get(action)
    if kind is None:
        return f"unknown action {action[:40]!r}"
    if action == "situation.changed":
        if field not in SITUATION_EVENT_FIELDS:
            return f"unknown situation field {str(field)[:40]!r}"
        adapter = field_type(SituationValues, field)
        if value is None:
            return None
    else:
        expected = kind.old if name == "old" else kind.new
        if expected is None:
            return None if value is None else "must be empty (null) for this action"
        adapter = _value_type(expected)
    try:
        adapter.validate_python(value)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"{where + ': ' if where else ''}{first['msg']}"
    return None


class EventValues(Values):
    """One entry of the event log, checked against the kind of its action."""

    at: Stamp
    path: Slug | None = None
    action: ActionName
    item_kind: ItemKind | None = None
    item_slug: Annotated[str, StringConstraints(min_length=1, max_length=120)] | None = None
    field: ShortText | None = None
    old: Any = None
    new: Any = None

    @field_validator("action")
    @classmethod
    def _known(cls, action: str) -> str:
        if action not in EVENT_KINDS:
            raise ValueError(f"unknown action {action!r}")
        return action

    @field_validator("old", "new")
    @classmethod
    def _fits_action(cls, value: Any, info: ValidationInfo) -> Any:
        action = info.data.get("action")
        if action is None:
            return value  # the action itself is refused
        problem = value_problem(action, str(info.field_name), value, info.data.get("field"))
        if problem is not None:
            raise ValueError(problem)
        return value


@dataclass(frozen=True)
class LoggedValue:
    """An event's value as read: ``readable`` is False when it does not fit its action."""

    value: Any
    readable: bool


def read_event_value(action: str, name: str, value: Any, field: str | None) -> LoggedValue:
    """A stored ``old`` or ``new`` value, or None with ``readable`` False when it does not fit."""
    if value_problem(action, name, value, field) is None:
        return LoggedValue(value, True)
    return LoggedValue(None, False)


def sets_field(action: str) -> bool:
    kind = EVENT_KINDS.get(action)
    return kind is not None and kind.sets_field
