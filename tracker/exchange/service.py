"""Moving one learner's data in and out as a progress file (JSON), merged field by field."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from tracker.domain.actions import Action
from tracker.domain.changes import Kind, OpResult
from tracker.errors import InvalidInputError, TrackerError
from tracker.exchange.files import save_text
from tracker.exchange.merge import (
    FieldMerge,
    History,
    LoggedEntry,
    ProgressImportReport,
    Side,
    canonical,
    field_key,
)
from tracker.exchange.progress_export import (
    ProgressExport,
    event_record,
    progress_export,
)
from tracker.exchange.progress_file import (
    MAX_PROGRESS_FILE_BYTES,
    OWN_OFFER_FIELDS,
    OWN_RESOURCE_FIELDS,
    ProgressFile,
    parse_progress_bytes,
)
from tracker.exchange.tables import TableExports
from tracker.packs.schema import OfferSpec, ResourceSpec
from tracker.services.operations import Operation, Operations
from tracker.services.records import (
    PrerequisiteStateValues,
    ResourceProgressValues,
    SituationValues,
    read_row,
)
from tracker.storage import exchange as stored
from tracker.storage import imports
from tracker.storage.events import record_event
from tracker.storage.models import (
    Decision,
    Event,
    OwnOffer,
    OwnResource,
    PrerequisiteState,
    ResourceProgress,
    RunningTimer,
    Situation,
    StudySession,
)
from tracker.storage.store import Store
from tracker.wording import QT_TRANSLATE_NOOP, say

SITUATION_DEFAULTS: dict[str, Any] = {
    name: info.get_default(call_default_factory=True)
    for name, info in SituationValues.model_fields.items()
    if name != "changed_at"
}
STATE_DEFAULTS: dict[str, Any] = {
    "done": False,
    "confidence": None,
    "evidence": [],
    "revisit": (0, None),
}
PROGRESS_DEFAULTS: dict[str, Any] = {"status": None, "rating": None, "notes": ""}

EXPORT_NOT_IMPORTABLE = QT_TRANSLATE_NOOP(
    "Exchange",
    "No progress file was written: the app could not import it again.\n{problem}\n"
    "Nothing is lost: your data is unchanged in the database, and File › Back up now copies "
    "all of it.",
)
COULD_NOT_READ = QT_TRANSLATE_NOOP("Exchange", "{file} could not be read ({problem}).")
FILE_TOO_BIG = QT_TRANSLATE_NOOP(
    "Exchange",
    "{name} is {size} bytes; progress files are limited to {limit}. Nothing was imported.",
)
IMPORT_PROGRESS = QT_TRANSLATE_NOOP("Exchange", "Import progress from a progress file")
IMPORT_PROGRESS_FROM = QT_TRANSLATE_NOOP("Exchange", "Import progress from {source}")


class ExchangeService(TableExports):
    """Moves one learner's data in and out of the database as files."""

    def __init__(
        self,
        store: Store,
        profile_id: int,
        profile_name: str,
        operations: Operations,
        before_import: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__(store, profile_id)
        self._profile_name = profile_name
        self._ops = operations
        self._before_import = before_import

    # --- JSON export --------------------------------------------------------------------------

    def export(self) -> ProgressExport:
        with self._store.reading() as session:
            return progress_export(session, self._profile_id)

    def export_data(self) -> dict[str, Any]:
        """Everything the learner recorded, keyed by slugs, in a stable order."""
        return self.export().data

    def export_text(self) -> str:
        return self._importable_text(self.export())

    def export_json(self, file: Path) -> list[str]:
        """Write the progress file; return notes for the learner (what was left out, if any)."""
        export = self.export()
        save_text(file, self._importable_text(export))
        return export.notes()

    @staticmethod
    def _importable_text(export: ProgressExport) -> str:
        """The file's text, checked by the importer's own checks: what is exported imports."""
        text = json.dumps(export.data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        try:
            parse_progress_bytes(text.encode("utf-8"), "The export")
        except InvalidInputError as exc:
            raise TrackerError(say(EXPORT_NOT_IMPORTABLE, problem=exc)) from None
        return text

    # --- JSON import --------------------------------------------------------------------------

    def read_progress_file(self, file: Path) -> ProgressFile:
        """Read and validate a progress file; a bad one raises InvalidInputError."""
        try:
            size = file.stat().st_size
        except OSError as exc:
            raise InvalidInputError(say(COULD_NOT_READ, file=file, problem=exc.strerror)) from None
        if size > MAX_PROGRESS_FILE_BYTES:
            raise InvalidInputError(
                say(
                    FILE_TOO_BIG,
                    name=file.name,
                    size=f"{size:,}",
                    limit=f"{MAX_PROGRESS_FILE_BYTES:,}",
                )
            )
        try:
            raw = file.read_bytes()
        except OSError as exc:
            raise InvalidInputError(say(COULD_NOT_READ, file=file, problem=exc.strerror)) from None
        return parse_progress_bytes(raw, file.name)

    def import_file(self, file: Path) -> OpResult[ProgressImportReport]:
        return self.import_progress(self.read_progress_file(file), file.name)

    def import_progress(
        self, data: ProgressFile, source: str | None = None
    ) -> OpResult[ProgressImportReport]:
        """Merge a progress file into this profile: one operation, one undo step.

        Field by field, the newer change wins (by each side's event log); a field both sides
        changed unseen by the other is reported. The time log and the event log are merged as
        multisets, so importing the same file twice adds nothing. Undo puts back every row the
        merge changed and takes out every log entry it added.
        """
        if self._before_import is not None:
            self._before_import("before-progress-import")
        operation = Operation(
            Action.PROGRESS_IMPORTED,
            say(IMPORT_PROGRESS_FROM, source=source) if source else say(IMPORT_PROGRESS),
            kinds=frozenset({Kind.PROFILE}),
        )
        return self._ops.run(operation, lambda session: self._merge(session, data))

    def _merge(self, session: Session, data: ProgressFile) -> ProgressImportReport:
        counts = _Counts()
        pid = self._profile_id
        profile = stored.profile(session, pid)
        if data.profile.created_at < profile.created_at:
            imports.set_profile_created(session, pid, data.profile.created_at)
        local_events = list(stored.events(session, pid))
        merge = FieldMerge(
            History.of(_local_entry(e) for e in local_events),
            History.of(
                LoggedEntry(
                    field_key(r.action, r.path, r.item_slug, r.field),
                    r.at,
                    canonical(r.model_dump(mode="json")),
                )
                for r in data.events
            ),
        )
        self._merge_situation(session, data, merge, counts)
        self._merge_states(session, data, merge, counts)
        self._merge_progress(session, data, merge, counts)
        self._merge_decisions(session, data, merge, counts)
        self._merge_own_items(session, data, counts)
        self._merge_sessions(session, data, counts.added)
        if data.running_timer is not None and stored.running_timer(session, pid) is None:
            timer = data.running_timer
            session.add(
                RunningTimer(
                    profile_id=pid,
                    path_slug=timer.path,
                    item_kind=timer.item_kind,
                    item_slug=timer.item_slug,
                    started_at=timer.started_at,
                )
            )
            counts.added["running timer"] += 1
        self._merge_events(session, data, local_events, counts.added)
        report = ProgressImportReport(
            dict(counts.added),
            dict(counts.updated),
            dict(counts.kept),
            tuple(merge.conflicts),
        )
        record_event(
            session,
            pid,
            Action.PROGRESS_IMPORTED,
            item_kind="profile",
            item_slug=self._profile_name,
            new={
                "added": report.added,
                "updated": report.updated,
                "conflicts": [conflict.to_json() for conflict in report.conflicts],
            },
        )
        return report

    def _merge_situation(
        self, session: Session, data: ProgressFile, merge: FieldMerge, counts: _Counts
    ) -> None:
        if data.situation is None:
            return
        row = stored.situation(session, self._profile_id)
        mine = _side(row, SituationValues, SITUATION_DEFAULTS)
        incoming = data.situation.model_dump(mode="json") | {
            "target_date": data.situation.target_date
        }
        theirs = Side(incoming, data.situation.changed_at)
        taken, kept = merge.take("situation", (), SITUATION_DEFAULTS, mine, theirs)
        if row is None:  # only the file has one: it is added as it is
            row = Situation(profile_id=self._profile_id, **SITUATION_DEFAULTS)
            session.add(row)
        _apply(row, taken, data.situation.changed_at)
        counts.count("situation", mine.values is None, taken, kept)

    def _merge_states(
        self, session: Session, data: ProgressFile, merge: FieldMerge, counts: _Counts
    ) -> None:
        for record in data.prerequisite_states:
            key = {
                "profile_id": self._profile_id,
                "path_slug": record.path,
                "prerequisite_slug": record.prerequisite,
            }
            row = stored.prerequisite_state(
                session, self._profile_id, record.path, record.prerequisite
            )
            mine = _side(row, PrerequisiteStateValues, STATE_DEFAULTS)
            if mine.values is not None and row is not None:
                mine = Side(
                    {**mine.values, "revisit": (row.revisit_step, row.revisit_due)},
                    mine.changed_at,
                    tuple(
                        "revisit" if name.startswith("revisit_") else name
                        for name in mine.unreadable
                    ),
                )
            incoming = {
                "done": record.done,
                "confidence": record.confidence,
                "evidence": list(record.evidence),
                "revisit": (record.revisit_step, record.revisit_due),
            }
            item = (record.path, record.prerequisite)
            taken, kept = merge.take(
                "prerequisite", item, STATE_DEFAULTS, mine, Side(incoming, record.changed_at)
            )
            if "revisit" in taken:
                taken["revisit_step"], taken["revisit_due"] = taken.pop("revisit")
            if row is None:  # only the file has one (perhaps all defaults): it is added
                row = PrerequisiteState(**key, done=False, evidence=[], revisit_step=0)
                session.add(row)
            _apply(row, taken, record.changed_at)
            counts.count("skill states", mine.values is None, taken, kept)

    def _merge_progress(
        self, session: Session, data: ProgressFile, merge: FieldMerge, counts: _Counts
    ) -> None:
        for record in data.resource_progress:
            key = {
                "profile_id": self._profile_id,
                "path_slug": record.path,
                "resource_slug": record.resource,
            }
            row = stored.resource_progress(session, self._profile_id, record.path, record.resource)
            mine = _side(row, ResourceProgressValues, PROGRESS_DEFAULTS)
            incoming = {
                "status": None if record.status is None else record.status.value,
                "rating": record.rating,
                "notes": record.notes,
            }
            taken, kept = merge.take(
                "resource",
                (record.path, record.resource),
                PROGRESS_DEFAULTS,
                mine,
                Side(incoming, record.changed_at),
            )
            if row is None:  # only the file has one (perhaps all defaults): it is added
                row = ResourceProgress(**key, **PROGRESS_DEFAULTS)
                session.add(row)
            _apply(row, taken, record.changed_at)
            counts.count("resource statuses", mine.values is None, taken, kept)

    def _merge_decisions(
        self, session: Session, data: ProgressFile, merge: FieldMerge, counts: _Counts
    ) -> None:
        for record in data.decisions:
            key = {"profile_id": self._profile_id, "path_slug": record.path}
            row = stored.decision(session, self._profile_id, record.path)
            mine = Side(
                None if row is None else {"choice": (row.option_slug, row.ranking)},
                datetime.min if row is None else row.decided_at,
            )
            theirs = Side({"choice": (record.option, record.ranking)}, record.decided_at)
            taken, kept = merge.take("decision", (record.path,), {"choice": None}, mine, theirs)
            if taken:
                if row is None:
                    row = Decision(**key)
                    session.add(row)
                row.option_slug, row.ranking = record.option, list(record.ranking)
                row.decided_at = record.decided_at
            counts.count("decisions", mine.values is None and bool(taken), taken, kept)

    def _merge_own_items(self, session: Session, data: ProgressFile, counts: _Counts) -> None:
        """The learner's own resources and offers: added when missing, never overwritten."""
        kinds: tuple[tuple[str, Any, Any, type[ResourceSpec] | type[OfferSpec], Any], ...] = (
            ("own resources", OwnResource, data.own_resources, ResourceSpec, OWN_RESOURCE_FIELDS),
            ("own offers", OwnOffer, data.own_offers, OfferSpec, OWN_OFFER_FIELDS),
        )
        for label, table, records, spec, names in kinds:
            for own in records:
                fields = _normalized(spec, own.fields, names)
                row = stored.own_item(session, table, self._profile_id, own.path, own.slug)
                if row is not None:
                    if any(getattr(row, name) != value for name, value in fields.items()):
                        counts.kept[label] += 1
                    continue
                session.add(
                    table(
                        profile_id=self._profile_id,
                        path_slug=own.path,
                        slug=own.slug,
                        created_at=own.created_at,
                        **fields,
                    )
                )
                counts.added[label] += 1

    def _merge_sessions(self, session: Session, data: ProgressFile, added: Counter[str]) -> None:
        local = Counter(
            canonical(_session_record(s)) for s in stored.study_sessions(session, self._profile_id)
        )
        by_key = {canonical(r.model_dump(mode="json")): r for r in data.study_sessions}
        incoming = Counter(canonical(r.model_dump(mode="json")) for r in data.study_sessions)
        for key, count in sorted(incoming.items()):
            record = by_key[key]
            for _ in range(count - local.get(key, 0)):
                session.add(
                    StudySession(
                        profile_id=self._profile_id,
                        path_slug=record.path,
                        item_kind=record.item_kind,
                        item_slug=record.item_slug,
                        day=record.day,
                        started_at=record.started_at,
                        minutes=record.minutes,
                        note=record.note,
                    )
                )
                added["time-log entries"] += 1

    def _merge_events(
        self, session: Session, data: ProgressFile, rows: list[Event], added: Counter[str]
    ) -> None:
        local = Counter(canonical(event_record(e)) for e in rows)
        by_key = {canonical(r.model_dump(mode="json")): r for r in data.events}
        counts = Counter(canonical(r.model_dump(mode="json")) for r in data.events)
        first_created = min(
            (e.at for e in rows if e.action == Action.PROFILE_CREATED), default=None
        )
        added_rows: list[dict[str, Any]] = []
        for key, count in sorted(counts.items()):
            record = by_key[key]
            if (
                record.action == Action.PROFILE_CREATED
                and first_created is not None
                and record.at >= first_created
            ):
                continue  # this profile was created earlier: the file's entry adds nothing
            for _ in range(count - local.get(key, 0)):
                added_rows.append(
                    {
                        "profile_id": self._profile_id,
                        "at": record.at,
                        "path_slug": record.path,
                        "action": record.action,
                        "item_kind": record.item_kind,
                        "item_slug": record.item_slug,
                        "field": record.field,
                        "old": record.old,
                        "new": record.new,
                    }
                )
                added["log events"] += 1
        imports.add_events(session, added_rows)
        # A merged profile was created once, at the earliest of the two dates: the later
        # "profile created" entry describes the same profile and would read as a duplicate.
        created = stored.profile_created_events(session, self._profile_id)
        imports.remove_events(session, [e.id for e in created[1:]])


class _Counts:
    """Items added, updated and kept by one import, by kind."""

    def __init__(self) -> None:
        self.added: Counter[str] = Counter()
        self.updated: Counter[str] = Counter()
        self.kept: Counter[str] = Counter()

    def count(self, label: str, created: bool, taken: Mapping[str, Any], kept: int) -> None:
        if created:
            self.added[label] += 1
        elif taken:
            self.updated[label] += 1
        if kept:
            self.kept[label] += 1


def _side(row: Any, model: Any, defaults: Mapping[str, Any]) -> Side:
    """This machine's version of an item: its stored values (unreadable ones named)."""
    if row is None:
        return Side(None, datetime.min)
    read = read_row(model, row)
    values = {name: getattr(row, name) for name in model.model_fields if name in defaults}
    return Side(values, row.changed_at, read.unreadable)


def _apply(row: Any, taken: Mapping[str, Any], changed_at: datetime) -> None:
    """Set the fields taken from the file; the row's time becomes the later of the two."""
    current = getattr(row, "changed_at", None)
    if current is not None and not taken:
        return
    for name, value in taken.items():
        setattr(row, name, value)
    if not isinstance(current, datetime) or changed_at > current:
        row.changed_at = changed_at


def _local_entry(event: Event) -> LoggedEntry:
    return LoggedEntry(
        field_key(event.action, event.path_slug, event.item_slug, event.field),
        event.at,
        canonical(event_record(event)),
    )


def _normalized(
    spec: type[ResourceSpec] | type[OfferSpec], fields: Mapping[str, Any], names: tuple[str, ...]
) -> dict[str, Any]:
    """Own-item fields in the form the app stores them (validated on the way in)."""
    dumped = spec.model_validate({"slug": "own", **fields}).model_dump(mode="json")
    return {name: dumped[name] for name in names}


def _session_record(entry: StudySession) -> dict[str, Any]:
    return {
        "path": entry.path_slug,
        "item_kind": entry.item_kind,
        "item_slug": entry.item_slug,
        "day": entry.day.isoformat(),
        "started_at": None if entry.started_at is None else entry.started_at.isoformat(),
        "minutes": entry.minutes,
        "note": entry.note,
    }
