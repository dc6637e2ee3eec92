"""Export and import of a learner's data: JSON (everything, mergeable), CSV and iCalendar."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tracker import __version__
from tracker.domain import ical
from tracker.domain.choosing import OFFER_FIELDS
from tracker.domain.enums import ResourceStatus
from tracker.errors import InvalidInputError, StorageError
from tracker.packs.schema import OfferSpec, ResourceSpec, check_web_url, is_slug
from tracker.services.catalog import MAX_NOTES_CHARS, RESOURCE_FIELDS
from tracker.services.store import Store, record_event
from tracker.storage.models import (
    Decision,
    Event,
    LearningPath,
    OwnOffer,
    OwnResource,
    Prerequisite,
    PrerequisiteState,
    Profile,
    Resource,
    ResourceProgress,
    RunningTimer,
    Situation,
    StudySession,
)

FORMAT_NAME = "learning-path-tracker-progress"
FORMAT_VERSION = 1
MAX_PROGRESS_FILE_BYTES = 20 * 1024 * 1024
MAX_ITEMS = 20_000
MAX_SESSIONS = 200_000
MAX_EVENTS = 500_000
MAX_EVENT_VALUE_CHARS = 250_000
MAX_JSON_DEPTH = 32
IMPORT_ACTION = "progress.imported"
_EXCLUDED_FROM_EXPORT = (IMPORT_ACTION,)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# --- the file format, validated on import ------------------------------------------------------


def _naive_utc(value: datetime) -> datetime:
    """Times are stored as naive UTC; a time with a zone is converted, not misread."""
    if value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


Stamp = Annotated[datetime, AfterValidator(_naive_utc)]
SlugText = Annotated[str, StringConstraints(min_length=1, max_length=120)]
ShortText = Annotated[str, StringConstraints(max_length=40)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built on first use


class ProfileRecord(_Strict):
    name: Annotated[str, StringConstraints(min_length=1, max_length=80)]
    created_at: Stamp


class SituationRecord(_Strict):
    hours_per_week: float | None = Field(default=None, ge=0, le=168)
    budget: float | None = Field(default=None, ge=0)
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    target_date: date | None = None
    goal: ShortText | None = None
    guidance: ShortText | None = None
    preferred_format: ShortText | None = None
    weights: dict[ShortText, float] = Field(default_factory=dict, max_length=50)
    streaks_enabled: bool = False
    changed_at: Stamp


class PrerequisiteStateRecord(_Strict):
    path: SlugText
    prerequisite: SlugText
    done: bool
    changed_at: Stamp
    confidence: int | None = Field(default=None, ge=1, le=5)
    evidence: list[Annotated[str, StringConstraints(max_length=2000)]] = Field(
        default_factory=list, max_length=20
    )
    revisit_step: int = Field(default=0, ge=0, le=100)
    revisit_due: date | None = None


class ResourceProgressRecord(_Strict):
    path: SlugText
    resource: SlugText
    status: ResourceStatus | None = None
    rating: int | None = Field(default=None, ge=1, le=5)
    notes: Annotated[str, StringConstraints(max_length=MAX_NOTES_CHARS)] = ""
    changed_at: Stamp


class OwnItemRecord(_Strict):
    path: SlugText
    slug: SlugText
    created_at: Stamp
    fields: dict[str, Any] = Field(max_length=40)


class OwnResourceRecord(OwnItemRecord):
    """A resource the learner added; ``fields`` as the catalog stores them."""


class OwnOfferRecord(OwnItemRecord):
    """An offer the learner added; ``fields`` as the comparison stores them."""


class DecisionRecord(_Strict):
    path: SlugText
    option: SlugText
    ranking: list[Any] = Field(default_factory=list, max_length=500)
    decided_at: Stamp


class StudySessionRecord(_Strict):
    path: SlugText
    item_kind: Annotated[str, StringConstraints(max_length=20)] | None = None
    item_slug: SlugText | None = None
    day: date
    started_at: Stamp | None = None
    minutes: int = Field(ge=1, le=24 * 60)
    note: Annotated[str, StringConstraints(max_length=2000)] = ""


class RunningTimerRecord(_Strict):
    path: SlugText
    item_kind: Annotated[str, StringConstraints(max_length=20)] | None = None
    item_slug: SlugText | None = None
    started_at: Stamp


class EventRecord(_Strict):
    at: Stamp
    path: SlugText | None = None
    action: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    item_kind: Annotated[str, StringConstraints(max_length=20)] | None = None
    item_slug: SlugText | None = None
    field: ShortText | None = None
    old: Any = None
    new: Any = None


class ProgressFile(_Strict):
    """Format 1 of an exported progress file (JSON)."""

    format: Literal["learning-path-tracker-progress"]
    format_version: Literal[1]
    app_version: Annotated[str, StringConstraints(max_length=40)] = ""
    profile: ProfileRecord
    situation: SituationRecord | None = None
    prerequisite_states: list[PrerequisiteStateRecord] = Field(
        default_factory=list, max_length=MAX_ITEMS
    )
    resource_progress: list[ResourceProgressRecord] = Field(
        default_factory=list, max_length=MAX_ITEMS
    )
    own_resources: list[OwnResourceRecord] = Field(default_factory=list, max_length=MAX_ITEMS)
    own_offers: list[OwnOfferRecord] = Field(default_factory=list, max_length=MAX_ITEMS)
    decisions: list[DecisionRecord] = Field(default_factory=list, max_length=MAX_ITEMS)
    study_sessions: list[StudySessionRecord] = Field(default_factory=list, max_length=MAX_SESSIONS)
    running_timer: RunningTimerRecord | None = None
    events: list[EventRecord] = Field(default_factory=list, max_length=MAX_EVENTS)


@dataclass(frozen=True)
class ProgressImportReport:
    """What an import of a progress file changed, for the learner to read."""

    added: dict[str, int]
    updated: dict[str, int]
    kept_local: dict[str, int]

    def lines(self) -> list[str]:
        def show(counts: dict[str, int]) -> str:
            parts = [f"{count} {name}" for name, count in counts.items() if count]
            return ", ".join(parts) or "nothing"

        return [
            f"Added: {show(self.added)}.",
            f"Updated (the file's version was newer): {show(self.updated)}.",
            f"Kept yours (newer or edited here): {show(self.kept_local)}.",
        ]

    @property
    def changed_anything(self) -> bool:
        return any(self.added.values()) or any(self.updated.values())


_OWN_RESOURCE_FIELDS = ("title", *RESOURCE_FIELDS)
_OWN_OFFER_FIELDS = ("title", "generic", *OFFER_FIELDS)


def _iso(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _depth(value: Any, limit: int) -> int:
    """Nesting depth of parsed JSON, stopping early past ``limit`` (no recursion)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        if isinstance(item, dict):
            stack.extend((child, level + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, level + 1) for child in item)
    return deepest


class ExchangeService:
    """Moves one learner's data in and out of the database as files."""

    def __init__(
        self,
        store: Store,
        profile_id: int,
        profile_name: str,
        before_import: Callable[[str], object] | None = None,
    ) -> None:
        self._store = store
        self._profile_id = profile_id
        self._profile_name = profile_name
        self._before_import = before_import

    # --- JSON export --------------------------------------------------------------------------

    def export_data(self) -> dict[str, Any]:
        """Everything the learner recorded, keyed by slugs, in a stable order."""
        pid = self._profile_id
        with self._store.reading() as session:
            profile = session.get(Profile, pid)
            assert profile is not None
            situation = session.get(Situation, pid)
            states = session.scalars(
                select(PrerequisiteState)
                .where(PrerequisiteState.profile_id == pid)
                .order_by(PrerequisiteState.path_slug, PrerequisiteState.prerequisite_slug)
            ).all()
            progress = session.scalars(
                select(ResourceProgress)
                .where(ResourceProgress.profile_id == pid)
                .order_by(ResourceProgress.path_slug, ResourceProgress.resource_slug)
            ).all()
            own_resources = session.scalars(
                select(OwnResource)
                .where(OwnResource.profile_id == pid)
                .order_by(OwnResource.path_slug, OwnResource.slug)
            ).all()
            own_offers = session.scalars(
                select(OwnOffer)
                .where(OwnOffer.profile_id == pid)
                .order_by(OwnOffer.path_slug, OwnOffer.slug)
            ).all()
            decisions = session.scalars(
                select(Decision).where(Decision.profile_id == pid).order_by(Decision.path_slug)
            ).all()
            sessions = session.scalars(
                select(StudySession).where(StudySession.profile_id == pid)
            ).all()
            timer = session.get(RunningTimer, pid)
            events = session.scalars(
                select(Event).where(
                    Event.profile_id == pid, Event.action.not_in(_EXCLUDED_FROM_EXPORT)
                )
            ).all()
            data: dict[str, Any] = {
                "format": FORMAT_NAME,
                "format_version": FORMAT_VERSION,
                "app_version": __version__,
                "profile": {"name": profile.name, "created_at": _iso(profile.created_at)},
                "situation": None
                if situation is None
                else {
                    "hours_per_week": situation.hours_per_week,
                    "budget": situation.budget,
                    "currency": situation.currency,
                    "target_date": _iso(situation.target_date),
                    "goal": situation.goal,
                    "guidance": situation.guidance,
                    "preferred_format": situation.preferred_format,
                    "weights": dict(situation.weights),
                    "streaks_enabled": situation.streaks_enabled,
                    "changed_at": _iso(situation.changed_at),
                },
                "prerequisite_states": [
                    {
                        "path": s.path_slug,
                        "prerequisite": s.prerequisite_slug,
                        "done": s.done,
                        "changed_at": _iso(s.changed_at),
                        "confidence": s.confidence,
                        "evidence": list(s.evidence),
                        "revisit_step": s.revisit_step,
                        "revisit_due": _iso(s.revisit_due),
                    }
                    for s in states
                ],
                "resource_progress": [
                    {
                        "path": p.path_slug,
                        "resource": p.resource_slug,
                        "status": p.status,
                        "rating": p.rating,
                        "notes": p.notes,
                        "changed_at": _iso(p.changed_at),
                    }
                    for p in progress
                ],
                "own_resources": [
                    {
                        "path": r.path_slug,
                        "slug": r.slug,
                        "created_at": _iso(r.created_at),
                        "fields": {name: getattr(r, name) for name in _OWN_RESOURCE_FIELDS},
                    }
                    for r in own_resources
                ],
                "own_offers": [
                    {
                        "path": o.path_slug,
                        "slug": o.slug,
                        "created_at": _iso(o.created_at),
                        "fields": {name: getattr(o, name) for name in _OWN_OFFER_FIELDS},
                    }
                    for o in own_offers
                ],
                "decisions": [
                    {
                        "path": d.path_slug,
                        "option": d.option_slug,
                        "ranking": list(d.ranking),
                        "decided_at": _iso(d.decided_at),
                    }
                    for d in decisions
                ],
                "study_sessions": sorted((_session_record(s) for s in sessions), key=_canonical),
                "running_timer": None
                if timer is None
                else {
                    "path": timer.path_slug,
                    "item_kind": timer.item_kind,
                    "item_slug": timer.item_slug,
                    "started_at": _iso(timer.started_at),
                },
                "events": sorted(
                    (_event_record(e) for e in events), key=lambda e: (e["at"], _canonical(e))
                ),
            }
        return data

    def export_json(self, file: Path) -> None:
        _write_text(file, self.export_text())

    def export_text(self) -> str:
        return json.dumps(self.export_data(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    # --- JSON import --------------------------------------------------------------------------

    def read_progress_file(self, file: Path) -> ProgressFile:
        """Read and validate a progress file; a bad one raises InvalidInputError."""
        try:
            size = file.stat().st_size
        except OSError as exc:
            raise InvalidInputError(f"{file} could not be read ({exc.strerror}).") from None
        if size > MAX_PROGRESS_FILE_BYTES:
            raise InvalidInputError(
                f"{file.name} is {size:,} bytes; progress files are limited to "
                f"{MAX_PROGRESS_FILE_BYTES:,}. Nothing was imported."
            )
        try:
            raw = file.read_bytes()
        except OSError as exc:
            raise InvalidInputError(f"{file} could not be read ({exc.strerror}).") from None
        return parse_progress_bytes(raw, file.name)

    def import_file(self, file: Path) -> ProgressImportReport:
        return self.import_progress(self.read_progress_file(file))

    def import_progress(self, data: ProgressFile) -> ProgressImportReport:
        """Merge a progress file into this profile, in one transaction, without duplicates.

        Per item the newer change wins (by its time stamp); the time log and the event log are
        merged as multisets, so importing the same file twice adds nothing.
        """
        if self._before_import is not None:
            self._before_import("before-progress-import")
        added: Counter[str] = Counter()
        updated: Counter[str] = Counter()
        kept: Counter[str] = Counter()
        pid = self._profile_id
        with self._store.transaction() as session:
            profile = session.get(Profile, pid)
            assert profile is not None
            if data.profile.created_at < profile.created_at:
                profile.created_at = data.profile.created_at
            self._merge_situation(session, data, added, updated, kept)
            for state in data.prerequisite_states:
                values = {
                    "done": state.done,
                    "changed_at": state.changed_at,
                    "confidence": state.confidence,
                    "evidence": list(state.evidence),
                    "revisit_step": state.revisit_step,
                    "revisit_due": state.revisit_due,
                }
                _merge_row(
                    session,
                    PrerequisiteState,
                    {
                        "profile_id": pid,
                        "path_slug": state.path,
                        "prerequisite_slug": state.prerequisite,
                    },
                    values,
                    state.changed_at,
                    "skill states",
                    (added, updated, kept),
                )
            for item in data.resource_progress:
                values = {
                    "status": None if item.status is None else item.status.value,
                    "rating": item.rating,
                    "notes": item.notes,
                    "changed_at": item.changed_at,
                }
                _merge_row(
                    session,
                    ResourceProgress,
                    {"profile_id": pid, "path_slug": item.path, "resource_slug": item.resource},
                    values,
                    item.changed_at,
                    "resource statuses",
                    (added, updated, kept),
                )
            for own in data.own_resources:
                exists = session.scalar(
                    select(OwnResource.id).where(
                        OwnResource.profile_id == pid,
                        OwnResource.path_slug == own.path,
                        OwnResource.slug == own.slug,
                    )
                )
                if exists is not None:
                    kept["own resources"] += 1 if self._own_differs(session, own) else 0
                    continue
                session.add(
                    OwnResource(
                        profile_id=pid,
                        path_slug=own.path,
                        slug=own.slug,
                        created_at=own.created_at,
                        **_normalized(ResourceSpec, own.fields, _OWN_RESOURCE_FIELDS),
                    )
                )
                added["own resources"] += 1
            for offer in data.own_offers:
                exists = session.scalar(
                    select(OwnOffer.id).where(
                        OwnOffer.profile_id == pid,
                        OwnOffer.path_slug == offer.path,
                        OwnOffer.slug == offer.slug,
                    )
                )
                if exists is not None:
                    kept["own offers"] += 1
                    continue
                session.add(
                    OwnOffer(
                        profile_id=pid,
                        path_slug=offer.path,
                        slug=offer.slug,
                        created_at=offer.created_at,
                        **_normalized(OfferSpec, offer.fields, _OWN_OFFER_FIELDS),
                    )
                )
                added["own offers"] += 1
            for decision in data.decisions:
                values = {
                    "option_slug": decision.option,
                    "ranking": list(decision.ranking),
                    "decided_at": decision.decided_at,
                }
                _merge_row(
                    session,
                    Decision,
                    {"profile_id": pid, "path_slug": decision.path},
                    values,
                    decision.decided_at,
                    "decisions",
                    (added, updated, kept),
                )
            self._merge_sessions(session, data, added)
            if data.running_timer is not None and session.get(RunningTimer, pid) is None:
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
                added["running timer"] += 1
            self._merge_events(session, data, added)
            report = ProgressImportReport(dict(added), dict(updated), dict(kept))
            record_event(
                session,
                pid,
                IMPORT_ACTION,
                item_kind="profile",
                item_slug=self._profile_name,
                new={"added": report.added, "updated": report.updated},
            )
            return report

    def _own_differs(self, session: Session, own: OwnResourceRecord) -> bool:
        row = session.scalar(
            select(OwnResource).where(
                OwnResource.profile_id == self._profile_id,
                OwnResource.path_slug == own.path,
                OwnResource.slug == own.slug,
            )
        )
        assert row is not None
        fields = _normalized(ResourceSpec, own.fields, _OWN_RESOURCE_FIELDS)
        return any(getattr(row, name) != value for name, value in fields.items())

    def _merge_situation(
        self,
        session: Session,
        data: ProgressFile,
        added: Counter[str],
        updated: Counter[str],
        kept: Counter[str],
    ) -> None:
        if data.situation is None:
            return
        values = data.situation.model_dump()
        _merge_row(
            session,
            Situation,
            {"profile_id": self._profile_id},
            values,
            data.situation.changed_at,
            "situation",
            (added, updated, kept),
        )

    def _merge_sessions(self, session: Session, data: ProgressFile, added: Counter[str]) -> None:
        local = Counter(
            _canonical(_session_record(s))
            for s in session.scalars(
                select(StudySession).where(StudySession.profile_id == self._profile_id)
            )
        )
        incoming = Counter(
            _canonical(record.model_dump(mode="json")) for record in data.study_sessions
        )
        by_key = {_canonical(r.model_dump(mode="json")): r for r in data.study_sessions}
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
        self,
        session: Session,
        data: ProgressFile,
        added: Counter[str],
    ) -> None:
        rows = session.scalars(select(Event).where(Event.profile_id == self._profile_id)).all()
        local = Counter(_canonical(_event_record(e)) for e in rows)
        by_key = {_canonical(r.model_dump(mode="json")): r for r in data.events}
        counts = Counter(_canonical(r.model_dump(mode="json")) for r in data.events)
        first_created = min((e.at for e in rows if e.action == "profile.created"), default=None)
        for key, count in sorted(counts.items()):
            record = by_key[key]
            if (
                record.action == "profile.created"
                and first_created is not None
                and _naive_utc(record.at) >= first_created
            ):
                continue  # this profile was created earlier: the file's entry adds nothing
            for _ in range(count - local.get(key, 0)):
                session.add(
                    Event(
                        profile_id=self._profile_id,
                        at=record.at,
                        path_slug=record.path,
                        action=record.action,
                        item_kind=record.item_kind,
                        item_slug=record.item_slug,
                        field=record.field,
                        old=record.old,
                        new=record.new,
                    )
                )
                added["log events"] += 1
        # A merged profile was created once, at the earliest of the two dates: the later
        # "profile created" entry describes the same profile and would read as a duplicate.
        session.flush()
        created = session.scalars(
            select(Event)
            .where(Event.profile_id == self._profile_id, Event.action == "profile.created")
            .order_by(Event.at, Event.id)
        ).all()
        if len(created) > 1:
            session.execute(delete(Event).where(Event.id.in_([e.id for e in created[1:]])))

    # --- CSV ----------------------------------------------------------------------------------

    def catalog_rows(self) -> list[dict[str, Any]]:
        """The catalog of every installed path with the learner's status, rating, notes, time."""
        pid = self._profile_id
        with self._store.reading() as session:
            progress = {
                (p.path_slug, p.resource_slug): p
                for p in session.scalars(
                    select(ResourceProgress).where(ResourceProgress.profile_id == pid)
                )
            }
            minutes: Counter[tuple[str, str]] = Counter()
            for entry in session.scalars(
                select(StudySession).where(
                    StudySession.profile_id == pid, StudySession.item_kind == "resource"
                )
            ):
                minutes[(entry.path_slug, entry.item_slug or "")] += entry.minutes
            rows: list[dict[str, Any]] = []
            pack_resources = session.execute(
                select(LearningPath.slug, Resource)
                .join(Resource, Resource.path_id == LearningPath.id)
                .where(Resource.archived.is_(False))
                .order_by(LearningPath.slug, Resource.position)
            ).all()
            own = session.scalars(
                select(OwnResource)
                .where(OwnResource.profile_id == pid)
                .order_by(OwnResource.path_slug, OwnResource.id)
            ).all()
            entries: list[tuple[str, Any, bool]] = [(p, r, False) for p, r in pack_resources]
            entries += [(r.path_slug, r, True) for r in own]
            for path_slug, resource, is_own in entries:
                state = progress.get((path_slug, resource.slug))
                rows.append(
                    {
                        "path": path_slug,
                        "slug": resource.slug,
                        "title": resource.title,
                        "kind": resource.kind,
                        "provider": resource.provider,
                        "url": resource.url,
                        "own": "yes" if is_own else "no",
                        "status": (state.status if state else None) or "",
                        "rating": (state.rating if state else None) or "",
                        "minutes": minutes.get((path_slug, resource.slug), 0),
                        "notes": state.notes if state else "",
                    }
                )
        return rows

    def time_log_rows(self) -> list[dict[str, Any]]:
        with self._store.reading() as session:
            entries = session.scalars(
                select(StudySession)
                .where(StudySession.profile_id == self._profile_id)
                .order_by(StudySession.day, StudySession.id)
            ).all()
            return [
                {
                    "day": e.day.isoformat(),
                    "path": e.path_slug,
                    "item_kind": e.item_kind or "",
                    "item": e.item_slug or "",
                    "minutes": e.minutes,
                    "started_at": _iso(e.started_at) or "",
                    "note": e.note,
                }
                for e in entries
            ]

    def export_csv(self, file: Path) -> list[Path]:
        """Write the catalog to ``file`` and the time log next to it; return both paths.

        UTF-8 with a byte-order mark (so LibreOffice and Excel detect the encoding); a text cell
        starting with = + - @ is prefixed with an apostrophe, so it is never run as a formula.
        """
        time_log = file.with_name(f"{file.stem}-time-log{file.suffix or '.csv'}")
        _write_text(file, to_csv(self.catalog_rows(), CATALOG_COLUMNS), bom=True)
        _write_text(time_log, to_csv(self.time_log_rows(), TIME_LOG_COLUMNS), bom=True)
        return [file, time_log]

    # --- iCalendar ----------------------------------------------------------------------------

    def calendar_todos(
        self, due_dates: Mapping[tuple[str, str, str], date] | None = None
    ) -> list[ical.Todo]:
        """The study plan (resources with a status) and revisits as to-dos.

        ``due_dates`` maps (item kind, path slug, item slug) to a planned date, when a plan
        exists; without one, plan items get no DUE. Revisits are due on their revisit date.
        """
        due_dates = due_dates or {}
        pid = self._profile_id
        todos: list[ical.Todo] = []
        with self._store.reading() as session:
            titles = {
                (path_slug, slug): title
                for path_slug, slug, title in session.execute(
                    select(LearningPath.slug, Resource.slug, Resource.title).join(
                        Resource, Resource.path_id == LearningPath.id
                    )
                )
            }
            titles |= {
                (r.path_slug, r.slug): r.title
                for r in session.scalars(select(OwnResource).where(OwnResource.profile_id == pid))
            }
            prerequisite_titles = {
                (path_slug, slug): title
                for path_slug, slug, title in session.execute(
                    select(LearningPath.slug, Prerequisite.slug, Prerequisite.title).join(
                        Prerequisite, Prerequisite.path_id == LearningPath.id
                    )
                )
            }
            for p in session.scalars(
                select(ResourceProgress)
                .where(ResourceProgress.profile_id == pid, ResourceProgress.status.is_not(None))
                .order_by(ResourceProgress.path_slug, ResourceProgress.resource_slug)
            ):
                title = titles.get((p.path_slug, p.resource_slug), p.resource_slug)
                todos.append(
                    ical.Todo(
                        uid=f"resource-{p.path_slug}-{p.resource_slug}@learning-path-tracker",
                        summary=title,
                        status=ical.STATUS_BY_RESOURCE_STATUS[ResourceStatus(p.status or "")],
                        due=due_dates.get(("resource", p.path_slug, p.resource_slug)),
                        description=p.notes,
                        categories=(p.path_slug, "study plan"),
                        last_modified=p.changed_at,
                    )
                )
            for s in session.scalars(
                select(PrerequisiteState)
                .where(
                    PrerequisiteState.profile_id == pid, PrerequisiteState.revisit_due.is_not(None)
                )
                .order_by(PrerequisiteState.path_slug, PrerequisiteState.prerequisite_slug)
            ):
                skill = prerequisite_titles.get((s.path_slug, s.prerequisite_slug))
                todos.append(
                    ical.Todo(
                        uid=f"revisit-{s.path_slug}-{s.prerequisite_slug}@learning-path-tracker",
                        summary=f"Revisit: {skill or s.prerequisite_slug}",
                        status="NEEDS-ACTION",
                        due=s.revisit_due,
                        description="A spaced revisit of a skill you were not yet sure of.",
                        categories=(s.path_slug, "revisit"),
                        last_modified=s.changed_at,
                    )
                )
        return todos

    def export_ics(
        self, file: Path, due_dates: Mapping[tuple[str, str, str], date] | None = None
    ) -> int:
        """Write the plan and revisits as an iCalendar file of VTODOs; return how many."""
        todos = self.calendar_todos(due_dates)
        _write_bytes(file, ical.calendar(todos, datetime.now(UTC)))
        return len(todos)


def parse_progress_bytes(raw: bytes, name: str = "progress file") -> ProgressFile:
    """Validate the bytes of a progress file: size, JSON, depth, format, limits, links."""
    if len(raw) > MAX_PROGRESS_FILE_BYTES:
        raise InvalidInputError(
            f"{name} is {len(raw):,} bytes; progress files are limited to "
            f"{MAX_PROGRESS_FILE_BYTES:,}. Nothing was imported."
        )
    try:
        parsed = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InvalidInputError(f"{name} is not UTF-8 text. Nothing was imported.") from None
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            f"{name}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}). Nothing was imported."
        ) from None
    except RecursionError:
        raise InvalidInputError(f"{name} is nested too deeply. Nothing was imported.") from None
    if _depth(parsed, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        raise InvalidInputError(
            f"{name} is nested deeper than {MAX_JSON_DEPTH} levels. Nothing was imported."
        )
    if not isinstance(parsed, dict) or parsed.get("format") != FORMAT_NAME:
        raise InvalidInputError(
            f"{name} is not a Learning Path Tracker progress file. Nothing was imported."
        )
    if parsed.get("format_version") != FORMAT_VERSION:
        raise InvalidInputError(
            f"{name} has progress format {parsed.get('format_version')!r}; this version reads "
            f"format {FORMAT_VERSION}. Nothing was imported."
        )
    try:
        data = ProgressFile.model_validate(parsed)
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False)[:10]:
            where = ".".join(str(part) for part in error["loc"]) or "file"
            problems.append(f"  {where}: {error['msg']}")
        raise InvalidInputError(
            f"{name} was not imported: {exc.error_count()} problem(s).\n" + "\n".join(problems)
        ) from None
    _check_content(data, name)
    return data


def _check_content(data: ProgressFile, name: str) -> None:
    """Rules pydantic fields alone do not say: slugs, links, own items, event sizes."""
    problems: list[str] = []

    def slug(where: str, value: str | None) -> None:
        if value is not None and not is_slug(value):
            problems.append(f"{where}: {value[:60]!r} is not a slug")

    def link(where: str, value: str) -> None:
        try:
            check_web_url(value)
        except ValueError as exc:
            problems.append(f"{where}: {exc}")

    for i, s in enumerate(data.prerequisite_states):
        slug(f"prerequisite_states.{i}.path", s.path)
        slug(f"prerequisite_states.{i}.prerequisite", s.prerequisite)
        for j, url in enumerate(s.evidence):
            link(f"prerequisite_states.{i}.evidence.{j}", url)
    for i, p in enumerate(data.resource_progress):
        slug(f"resource_progress.{i}.path", p.path)
        slug(f"resource_progress.{i}.resource", p.resource)
    own_kinds: tuple[
        tuple[str, type[ResourceSpec] | type[OfferSpec], Sequence[OwnItemRecord], tuple[str, ...]],
        ...,
    ] = (
        ("own_resources", ResourceSpec, data.own_resources, _OWN_RESOURCE_FIELDS),
        ("own_offers", OfferSpec, data.own_offers, _OWN_OFFER_FIELDS),
    )
    for kind, spec, records, names in own_kinds:
        for i, own in enumerate(records):
            slug(f"{kind}.{i}.path", own.path)
            slug(f"{kind}.{i}.slug", own.slug)
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
    for i, d in enumerate(data.decisions):
        slug(f"decisions.{i}.path", d.path)
        slug(f"decisions.{i}.option", d.option)
    for i, entry in enumerate(data.study_sessions):
        slug(f"study_sessions.{i}.path", entry.path)
        slug(f"study_sessions.{i}.item_slug", entry.item_slug)
    for i, event in enumerate(data.events):
        slug(f"events.{i}.path", event.path)
        if len(_canonical(event.old)) + len(_canonical(event.new)) > MAX_EVENT_VALUE_CHARS:
            problems.append(f"events.{i}: its values are larger than {MAX_EVENT_VALUE_CHARS:,}")
    if problems:
        shown = "\n".join(f"  {p}" for p in problems[:10])
        more = f"\n  ... and {len(problems) - 10} more" if len(problems) > 10 else ""
        raise InvalidInputError(
            f"{name} was not imported: {len(problems)} problem(s).\n{shown}{more}"
        )


def _merge_row(
    session: Session,
    model: type[Any],
    key: dict[str, Any],
    values: dict[str, Any],
    changed_at: datetime,
    label: str,
    counters: tuple[Counter[str], Counter[str], Counter[str]],
) -> None:
    """Newer wins: insert when missing, update when the file's change is later, else keep."""
    added, updated, kept = counters
    stamp_field = "decided_at" if "decided_at" in values else "changed_at"
    row = session.get(model, key)
    if row is None:
        session.add(model(**key, **values))
        added[label] += 1
        return
    if all(getattr(row, name) == value for name, value in values.items()):
        return
    if changed_at > getattr(row, stamp_field):
        for name, value in values.items():
            setattr(row, name, value)
        updated[label] += 1
    else:
        kept[label] += 1


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
        "day": _iso(entry.day),
        "started_at": _iso(entry.started_at),
        "minutes": entry.minutes,
        "note": entry.note,
    }


def _event_record(event: Event) -> dict[str, Any]:
    return {
        "at": _iso(event.at),
        "path": event.path_slug,
        "action": event.action,
        "item_kind": event.item_kind,
        "item_slug": event.item_slug,
        "field": event.field,
        "old": event.old,
        "new": event.new,
    }


CATALOG_COLUMNS = (
    "path",
    "slug",
    "title",
    "kind",
    "provider",
    "url",
    "own",
    "status",
    "rating",
    "minutes",
    "notes",
)
TIME_LOG_COLUMNS = ("day", "path", "item_kind", "item", "minutes", "started_at", "note")


def spreadsheet_safe(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: spreadsheet_safe(row[key]) for key in columns})
    return buffer.getvalue()


def _write_text(file: Path, text: str, *, bom: bool = False) -> None:
    _write_bytes(file, (("\ufeff" if bom else "") + text).encode("utf-8"))


def _write_bytes(file: Path, data: bytes) -> None:
    """Write a whole file or nothing: a temporary file renamed into place."""
    partial = file.with_name(file.name + ".partial")
    try:
        partial.write_bytes(data)
        partial.replace(file)
    except OSError as exc:
        with contextlib.suppress(OSError):  # its folder may not even exist
            partial.unlink(missing_ok=True)
        raise StorageError(f"{file} could not be written ({exc.strerror}).") from None
