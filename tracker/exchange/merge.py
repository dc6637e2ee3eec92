"""Merging a progress file field by field: each field's newer change wins, by the event log.

A field's last change on each side is the time of the newest log entry that changed it there
(else its row's time). When both sides changed a field and neither had seen the other's change,
that is a conflict: the newer value is kept and the other is reported, never dropped in silence.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tracker import formatting
from tracker.wording import QT_TRANSLATE_NOOP, Sentence, say

FieldKey = tuple[str, tuple[str, ...], str]
"""(kind of item, the item's key, field): ("resource", ("flask", "flask-books"), "notes")."""

NEVER = datetime.min
MAX_CONFLICT_LINES = 20

_FIELD_ACTIONS = {
    "resource.status": ("resource", "status"),
    "resource.rating": ("resource", "rating"),
    "resource.notes": ("resource", "notes"),
    "prerequisite.done": ("prerequisite", "done"),
    "prerequisite.confidence": ("prerequisite", "confidence"),
    "prerequisite.evidence": ("prerequisite", "evidence"),
    "prerequisite.revisit_scheduled": ("prerequisite", "revisit"),
    "prerequisite.revisited": ("prerequisite", "revisit"),
    "situation.weights": ("situation", "weights"),
    "decision.made": ("decision", "choice"),
    "decision.cleared": ("decision", "choice"),
}


def field_key(
    action: str, path: str | None, item_slug: str | None, field_name: str | None
) -> FieldKey | None:
    """Which field of which item a log entry changed, if it changed one."""
    if action == "situation.changed" and field_name:
        return ("situation", (), field_name)
    found = _FIELD_ACTIONS.get(action)
    if found is None:
        return None
    kind, name = found
    if kind == "situation":
        return (kind, (), name)
    if kind == "decision":
        return (kind, (path or "",), name)
    return (kind, (path or "", item_slug or ""), name)


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class LoggedEntry:
    """What the merge needs of one log entry: what it changed, when, and its identity."""

    key: FieldKey | None
    at: datetime
    identity: str


@dataclass
class History:
    """One side's log: each field's last change, and every entry it holds."""

    last: dict[FieldKey, LoggedEntry] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, entries: Iterable[LoggedEntry]) -> History:
        history = cls()
        for entry in entries:
            history.seen.add(entry.identity)
            if entry.key is None:
                continue
            known = history.last.get(entry.key)
            if known is None or entry.at >= known.at:
                history.last[entry.key] = entry
        return history


@dataclass(frozen=True)
class Conflict:
    """Both sides changed one field: the newer value was kept, the other is reported here."""

    item: str
    field: str
    kept: Any
    kept_at: datetime
    kept_side: str
    other: Any
    other_at: datetime

    def line(self) -> str:
        other_side = "the file" if self.kept_side == "this machine" else "this machine"
        other_when = (
            "unreadable here" if self.other_at == NEVER else f"{self.other_at:%Y-%m-%d %H:%M} UTC"
        )
        return (
            f"  {self.item}, {self.field}: kept {_shown(self.kept)} ({self.kept_side}, "
            f"{self.kept_at:%Y-%m-%d %H:%M} UTC); {other_side} had {_shown(self.other)} "
            f"({other_when})"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "field": self.field,
            "kept": _jsonable(self.kept),
            "kept_at": self.kept_at.isoformat(),
            "kept_side": self.kept_side,
            "other": _jsonable(self.other),
            "other_at": None if self.other_at == NEVER else self.other_at.isoformat(),
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_jsonable(part) for part in value]
    return value


def _shown(value: Any, width: int = 60) -> str:
    text = "nothing" if value in (None, "", [], {}) else repr(_jsonable(value))
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass(frozen=True)
class Side:
    """One side's version of an item: its fields (None when it has no row) and its row time."""

    values: Mapping[str, Any] | None
    changed_at: datetime
    unreadable: tuple[str, ...] = ()


@dataclass
class FieldMerge:
    """Decides, field by field, which side's value an item keeps."""

    local: History
    incoming: History
    conflicts: list[Conflict] = field(default_factory=list)

    def take(
        self,
        kind: str,
        item: tuple[str, ...],
        defaults: Mapping[str, Any],
        mine: Side,
        theirs: Side,
    ) -> tuple[dict[str, Any], int]:
        """The fields to take from the file, and how many differing fields this side kept."""
        taken: dict[str, Any] = {}
        kept = 0
        for name, default in defaults.items():
            local_value = mine.values.get(name, default) if mine.values else default
            incoming_value = theirs.values.get(name, default) if theirs.values else default
            if local_value == incoming_value:
                continue
            key = (kind, item, name)
            local_last = self.local.last.get(key)
            incoming_last = self.incoming.last.get(key)
            local_at = self._time(local_last, mine, name, local_value == default)
            incoming_at = self._time(incoming_last, theirs, name, incoming_value == default)
            label = "/".join(item) or kind
            if incoming_at > local_at or (
                incoming_at == local_at
                and canonical(_jsonable(incoming_value)) > canonical(_jsonable(local_value))
            ):  # a tie is broken by the values, so both machines keep the same one
                taken[name] = incoming_value
                changed = local_last is not None or local_value != default
                if changed and (
                    local_last is None or local_last.identity not in self.incoming.seen
                ):
                    self.conflicts.append(
                        Conflict(
                            label,
                            name,
                            incoming_value,
                            incoming_at,
                            "the file",
                            local_value,
                            local_at,
                        )
                    )
            else:
                kept += 1
                changed = incoming_last is not None or incoming_value != default
                if changed and (
                    incoming_last is None or incoming_last.identity not in self.local.seen
                ):
                    self.conflicts.append(
                        Conflict(
                            label,
                            name,
                            local_value,
                            local_at,
                            "this machine",
                            incoming_value,
                            incoming_at,
                        )
                    )
        return taken, kept

    @staticmethod
    def _time(last: LoggedEntry | None, side: Side, name: str, untouched: bool) -> datetime:
        """When a side last changed a field: its newest log entry for it; without one, its
        row's time if the field holds a value, and never if it holds the default."""
        if name in side.unreadable:
            return NEVER  # a value this version cannot read loses to any readable one
        if last is not None:
            return last.at
        if side.values is None or untouched:
            return NEVER
        return side.changed_at


ADDED = QT_TRANSLATE_NOOP("Exchange", "Added: {counts}.")
ADDED_NOTHING = QT_TRANSLATE_NOOP("Exchange", "Added: nothing.")
UPDATED = QT_TRANSLATE_NOOP("Exchange", "Updated (the file's change was newer): {counts}.")
UPDATED_NOTHING = QT_TRANSLATE_NOOP("Exchange", "Updated (the file's change was newer): nothing.")
KEPT_YOURS = QT_TRANSLATE_NOOP("Exchange", "Kept yours (your change was newer): {counts}.")
KEPT_NOTHING = QT_TRANSLATE_NOOP("Exchange", "Kept yours (your change was newer): nothing.")
CHANGED_ON_BOTH = QT_TRANSLATE_NOOP(
    "Exchange",
    "Changed on both machines ({count}): the newer change was kept; the other is listed here "
    "and kept in the activity log.",
)
AND_MORE = QT_TRANSLATE_NOOP("Exchange", "  ... and {count} more")


_SINGULAR = {
    "skill states": "skill state",
    "resource statuses": "resource status",
    "decisions": "decision",
    "own resources": "own resource",
    "own offers": "own offer",
    "time-log entries": "time-log entry",
    "log events": "log event",
}


def counted_label(count: int, label: str) -> str:
    """``1 skill state``, ``3 skill states``: a count with one of the labels above."""
    if label.startswith("values in "):
        return formatting.counted(count, "value", "values") + label.removeprefix("values")
    return formatting.counted(count, _SINGULAR.get(label, label), label)


@dataclass(frozen=True)
class ProgressImportReport:
    """What an import of a progress file changed, for the learner to read."""

    added: dict[str, int]
    updated: dict[str, int]
    kept_local: dict[str, int]
    conflicts: tuple[Conflict, ...] = ()

    def lines(self) -> list[str]:
        def show(counts: dict[str, int], some: Sentence, none: Sentence) -> str:
            parts = [counted_label(count, name) for name, count in counts.items() if count]
            return say(some, counts=", ".join(parts)) if parts else say(none)

        lines = [
            show(self.added, ADDED, ADDED_NOTHING),
            show(self.updated, UPDATED, UPDATED_NOTHING),
            show(self.kept_local, KEPT_YOURS, KEPT_NOTHING),
        ]
        if self.conflicts:
            lines.append(say(CHANGED_ON_BOTH, count=len(self.conflicts)))
            lines += [conflict.line() for conflict in self.conflicts[:MAX_CONFLICT_LINES]]
            if len(self.conflicts) > MAX_CONFLICT_LINES:
                lines.append(say(AND_MORE, count=len(self.conflicts) - MAX_CONFLICT_LINES))
        return lines

    @property
    def changed_anything(self) -> bool:
        return any(self.added.values()) or any(self.updated.values())
