"""A profile's data as a progress file, read through the same definitions the importer checks.

A stored value this version cannot read is left out (and counted), so what is exported always
imports; the value itself stays in the database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from tracker import __version__
from tracker.domain.actions import Action
from tracker.exchange.merge import canonical, counted_label
from tracker.exchange.progress_file import (
    FORMAT_NAME,
    FORMAT_VERSION,
    OWN_OFFER_FIELDS,
    OWN_RESOURCE_FIELDS,
)
from tracker.packs.schema import OfferSpec, ResourceSpec
from tracker.services.event_values import EventValues
from tracker.services.records import (
    DecisionValues,
    M,
    PrerequisiteStateValues,
    ResourceProgressValues,
    SituationValues,
    StudySessionValues,
    TimerValues,
    read_row,
)
from tracker.storage import exchange as stored
from tracker.storage.models import (
    Event,
    OwnOffer,
    OwnResource,
)
from tracker.wording import QT_TRANSLATE_NOOP, say

EXCLUDED_FROM_EXPORT = (Action.PROGRESS_IMPORTED,)
EVENT_COLUMNS = {"path": "path_slug"}

LEFT_OUT = QT_TRANSLATE_NOOP(
    "Exchange",
    "Left out what this version cannot read: {parts}. It all stays in your database "
    "(and its backups), unchanged.",
)


@dataclass(frozen=True)
class ProgressExport:
    """The data of a progress file, and how many stored things could not be read into it."""

    data: dict[str, Any]
    left_out: dict[str, int]

    def notes(self) -> list[str]:
        if not self.left_out:
            return []
        parts = ", ".join(counted_label(count, name) for name, count in self.left_out.items())
        return [say(LEFT_OUT, parts=parts)]


def _dump(values: M, **keys: Any) -> dict[str, Any]:
    return {**keys, **values.model_dump(mode="json")}


def _readable(
    rows: Iterable[Any],
    model: type[M],
    label: str,
    left_out: Counter[str],
    columns: Mapping[str, str] | None = None,
    *,
    whole: bool = False,
) -> Iterable[tuple[Any, M]]:
    """Rows read as ``model``. A row that cannot be read is left out; so is one with an
    unreadable field when it must be ``whole`` (a log entry), else that field is (as unset)."""
    for row in rows:
        read = read_row(model, row, columns)
        if read.values is None or (whole and read.unreadable):
            left_out[label] += 1
            continue
        if read.unreadable:
            left_out[f"values in {label}"] += len(read.unreadable)
        yield row, read.values


def _own_fields(
    row: OwnResource | OwnOffer, spec: type[ResourceSpec] | type[OfferSpec], names: tuple[str, ...]
) -> dict[str, Any] | None:
    fields = {name: getattr(row, name) for name in names}
    try:
        spec.model_validate({"slug": "own", **fields})
    except ValidationError:
        return None
    return fields


def event_record(event: Event) -> dict[str, Any]:
    """A stored log entry as a progress file holds it (its values as stored)."""
    return {
        "at": event.at.isoformat(),
        "path": event.path_slug,
        "action": event.action,
        "item_kind": event.item_kind,
        "item_slug": event.item_slug,
        "field": event.field,
        "old": event.old,
        "new": event.new,
    }


def progress_export(session: Session, pid: int) -> ProgressExport:
    """Everything profile ``pid`` recorded, keyed by slugs, in a stable order."""
    left_out: Counter[str] = Counter()
    profile = stored.profile(session, pid)
    situation = stored.situation(session, pid)
    situation_record = None
    if situation is not None:
        for _row, values in _readable([situation], SituationValues, "situation", left_out):
            situation_record = _dump(values)
    states = stored.prerequisite_states(session, pid)
    progress = stored.resource_statuses(session, pid)
    own_items: list[tuple[str, Any, type[ResourceSpec] | type[OfferSpec], tuple[str, ...]]] = [
        ("own resources", OwnResource, ResourceSpec, OWN_RESOURCE_FIELDS),
        ("own offers", OwnOffer, OfferSpec, OWN_OFFER_FIELDS),
    ]
    own: dict[str, list[dict[str, Any]]] = {}
    for label, table, spec, names in own_items:
        own[label] = []
        for row in stored.own_items(session, table, pid):
            fields = _own_fields(row, spec, names)
            if fields is None:
                left_out[label] += 1
                continue
            own[label].append(
                {
                    "path": row.path_slug,
                    "slug": row.slug,
                    "created_at": row.created_at.isoformat(),
                    "fields": fields,
                }
            )
    decisions = stored.decisions(session, pid)
    sessions = stored.study_sessions(session, pid)
    timer = stored.running_timer(session, pid)
    events = stored.events(session, pid, leaving_out=EXCLUDED_FROM_EXPORT)
    data: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "profile": {"name": profile.name, "created_at": profile.created_at.isoformat()},
        "situation": situation_record,
        "prerequisite_states": [
            _dump(values, path=row.path_slug, prerequisite=row.prerequisite_slug)
            for row, values in _readable(states, PrerequisiteStateValues, "skill states", left_out)
        ],
        "resource_progress": [
            _dump(values, path=row.path_slug, resource=row.resource_slug)
            for row, values in _readable(
                progress, ResourceProgressValues, "resource statuses", left_out
            )
        ],
        "own_resources": own["own resources"],
        "own_offers": own["own offers"],
        "decisions": [
            _dump(values, path=row.path_slug)
            for row, values in _readable(
                decisions, DecisionValues, "decisions", left_out, {"option": "option_slug"}
            )
        ],
        "study_sessions": sorted(
            (
                _dump(values, path=row.path_slug)
                for row, values in _readable(
                    sessions, StudySessionValues, "time-log entries", left_out
                )
            ),
            key=canonical,
        ),
        "running_timer": None,
        "events": sorted(
            (
                event_record(row)
                for row, _values in _readable(
                    events, EventValues, "log events", left_out, EVENT_COLUMNS, whole=True
                )
            ),
            key=lambda e: (e["at"], canonical(e)),
        ),
    }
    if timer is not None:
        for row, timer_values in _readable([timer], TimerValues, "running timer", left_out):
            data["running_timer"] = _dump(timer_values, path=row.path_slug)
    return ProgressExport(data, dict(left_out))
