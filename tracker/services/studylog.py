"""The study log: minutes spent, on what, and when."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.clock import local_today, utcnow
from tracker.domain.enums import ItemKind, ResourceStatus
from tracker.domain.study import (
    MAX_MINUTES_PER_ENTRY,
    MAX_NOTE_CHARS,
    MAX_TIMER_HOURS,
    StudyItem,
    TimerStopped,
    TimerView,
    WeekHours,
    week_start,
    weekly_hours,
)
from tracker.errors import InvalidInputError, NotFoundError, TimerTooLongError
from tracker.services.records import EARLIEST_DAY
from tracker.storage.events import record_event
from tracker.storage.models import (
    OwnResource,
    Prerequisite,
    Resource,
    ResourceProgress,
    RunningTimer,
    StudySession,
)
from tracker.storage.store import Store, require_path

_ITEM_KINDS = (ItemKind.PREREQUISITE.value, ItemKind.RESOURCE.value)
ACTIVE_STATUSES = (ResourceStatus.PLANNED.value, ResourceStatus.IN_PROGRESS.value)


def local_day(utc_naive: datetime) -> date:
    """The learner's local date of a stored (naive UTC) moment."""
    return utc_naive.replace(tzinfo=UTC).astimezone().date()


@dataclass(frozen=True)
class StudyEntry:
    id: int
    path_slug: str
    item_kind: str | None
    item_slug: str | None
    day: date
    started_at: datetime | None
    minutes: int
    note: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path_slug": self.path_slug,
            "item_kind": self.item_kind,
            "item_slug": self.item_slug,
            "day": self.day.isoformat(),
            "minutes": self.minutes,
            "note": self.note,
        }


def _entry(row: StudySession) -> StudyEntry:
    return StudyEntry(
        row.id,
        row.path_slug,
        row.item_kind,
        row.item_slug,
        row.day,
        row.started_at,
        row.minutes,
        row.note,
    )


class StudyLogService:
    """Records and reads the time a learner studies."""

    def __init__(self, store: Store, profile_id: int) -> None:
        self._store = store
        self._profile_id = profile_id

    def log(
        self,
        path_slug: str,
        minutes: int,
        *,
        item_kind: ItemKind | None = None,
        item_slug: str | None = None,
        note: str = "",
        day: date | None = None,
        started_at: datetime | None = None,
    ) -> int:
        """Add an entry; return its id."""
        _check_entry(minutes, item_kind, item_slug, note, day)
        with self._store.transaction() as session:
            require_path(session, path_slug)
            if item_kind is not None and item_slug is not None:
                self._require_item(session, path_slug, ItemKind(item_kind).value, item_slug)
            entry = StudySession(
                profile_id=self._profile_id,
                path_slug=path_slug,
                item_kind=ItemKind(item_kind).value if item_kind else None,
                item_slug=item_slug,
                day=day or local_today(),
                started_at=started_at,
                minutes=minutes,
                note=note,
            )
            session.add(entry)
            session.flush()
            record_event(
                session,
                self._profile_id,
                "time.logged",
                path_slug=path_slug,
                item_kind=entry.item_kind,
                item_slug=item_slug,
                field="minutes",
                new=minutes,
            )
            return entry.id

    def entries(self, path_slug: str) -> list[StudyEntry]:
        with self._store.reading() as session:
            rows = session.scalars(
                select(StudySession)
                .where(
                    StudySession.profile_id == self._profile_id, StudySession.path_slug == path_slug
                )
                .order_by(StudySession.day.desc(), StudySession.id.desc())
            )
            return [_entry(r) for r in rows]

    def total_minutes(self, path_slug: str) -> int:
        with self._store.reading() as session:
            total = session.scalar(
                select(func.coalesce(func.sum(StudySession.minutes), 0)).where(
                    StudySession.profile_id == self._profile_id,
                    StudySession.path_slug == path_slug,
                )
            )
            return int(total or 0)

    # --- what time can be logged on -----------------------------------------------------------

    def study_items(self, path_slug: str, *, active_only: bool = False) -> list[StudyItem]:
        """The path's prerequisites, then its resources and the learner's own, in pack order.

        ``active_only`` lists only the resources planned or in progress, the one being timed
        and the learner's own: what a timer's list offers, which must not hold 100k rows.
        """
        with self._store.reading() as session:
            return self._study_items(session, path_slug, active_only=active_only)

    def _study_items(
        self,
        session: Session,
        path_slug: str,
        *,
        slugs: Collection[str] | None = None,
        active_only: bool = False,
    ) -> list[StudyItem]:
        path = require_path(session, path_slug)
        kind_p, kind_r = ItemKind.PREREQUISITE.value, ItemKind.RESOURCE.value
        prerequisites = (
            select(Prerequisite.slug, Prerequisite.title)
            .where(Prerequisite.path_id == path.id, Prerequisite.archived.is_(False))
            .order_by(Prerequisite.position)
        )
        resources = (
            select(Resource.slug, Resource.title)
            .where(Resource.path_id == path.id, Resource.archived.is_(False))
            .order_by(Resource.position)
        )
        own = (
            select(OwnResource.slug, OwnResource.title)
            .where(OwnResource.profile_id == self._profile_id, OwnResource.path_slug == path_slug)
            .order_by(OwnResource.id)
        )
        if slugs is not None:
            wanted = sorted(set(slugs))
            prerequisites = prerequisites.where(Prerequisite.slug.in_(wanted))
            resources = resources.where(Resource.slug.in_(wanted))
            own = own.where(OwnResource.slug.in_(wanted))
        if active_only:
            timed = session.get(RunningTimer, self._profile_id)
            resources = resources.where(
                Resource.slug.in_(
                    select(ResourceProgress.resource_slug).where(
                        ResourceProgress.profile_id == self._profile_id,
                        ResourceProgress.path_slug == path_slug,
                        ResourceProgress.status.in_(ACTIVE_STATUSES),
                    )
                )
                | (Resource.slug == (timed.item_slug if timed is not None else None))
            )
        items = [StudyItem(kind_p, slug, title) for slug, title in session.execute(prerequisites)]
        items += [StudyItem(kind_r, slug, title) for slug, title in session.execute(resources)]
        items += [StudyItem(kind_r, slug, title) for slug, title in session.execute(own)]
        return items

    def _require_item(self, session: Session, path_slug: str, kind: str, slug: str) -> StudyItem:
        for item in self._study_items(session, path_slug, slugs=(slug,)):
            if item.kind == kind and item.slug == slug:
                return item
        raise NotFoundError(f"There is no {kind} {slug!r} in the {path_slug!r} path.")

    def resolve_item(self, path_slug: str, slug: str) -> StudyItem:
        """The prerequisite or resource called ``slug``; ``resource:slug`` or
        ``prerequisite:slug`` settles a slug that names both."""
        kind: str | None = None
        if ":" in slug:
            kind, _, slug = slug.partition(":")
            if kind not in _ITEM_KINDS:
                raise InvalidInputError(
                    f"{kind!r} is not a kind of item; use 'prerequisite:' or 'resource:'."
                )
        with self._store.reading() as session:
            candidates = self._study_items(session, path_slug, slugs=(slug,))
        matches = [
            item for item in candidates if item.slug == slug and (kind is None or item.kind == kind)
        ]
        if not matches:
            raise NotFoundError(
                f"There is no prerequisite or resource {slug!r} in the {path_slug!r} path "
                "(see 'learning-tracker status' and the catalog for slugs)."
            )
        if len(matches) > 1:
            raise InvalidInputError(
                f"{slug!r} is both a prerequisite and a resource; write "
                f"'prerequisite:{slug}' or 'resource:{slug}'."
            )
        return matches[0]

    # --- the timer ----------------------------------------------------------------------------

    def running_timer(self) -> TimerView | None:
        """The timer that is running for this learner, if any (it survives restarts)."""
        with self._store.reading() as session:
            row = session.get(RunningTimer, self._profile_id)
            return self._timer_view(session, row) if row else None

    def _timer_view(self, session: Session, row: RunningTimer) -> TimerView:
        title = None
        if row.item_kind and row.item_slug:
            try:
                items = self._study_items(session, row.path_slug, slugs=(row.item_slug,))
            except NotFoundError:  # a timer from another machine, on a path not installed here
                items = []
            title = next(
                (
                    item.title
                    for item in items
                    if item.kind == row.item_kind and item.slug == row.item_slug
                ),
                row.item_slug,
            )
        return TimerView(row.path_slug, row.item_kind, row.item_slug, title, row.started_at)

    def start_timer(
        self,
        path_slug: str,
        item_kind: str | None = None,
        item_slug: str | None = None,
        *,
        now: datetime | None = None,
    ) -> TimerView:
        """Start the learner's one timer on a prerequisite, a resource or the path itself."""
        if (item_kind is None) != (item_slug is None):
            raise InvalidInputError("Say both what kind of item the timer is for and which.")
        if item_kind is not None and item_kind not in _ITEM_KINDS:
            raise InvalidInputError(
                f"A timer runs on a prerequisite or a resource, not a {item_kind!r}."
            )
        with self._store.transaction() as session:
            require_path(session, path_slug)
            if item_kind is not None and item_slug is not None:
                self._require_item(session, path_slug, item_kind, item_slug)
            running = session.get(RunningTimer, self._profile_id)
            if running is not None:
                view = self._timer_view(session, running)
                raise InvalidInputError(
                    f"A timer is already running on {view.item_title or view.path_slug} "
                    f"(since {running.started_at:%Y-%m-%d %H:%M} UTC); stop it first."
                )
            started = now or utcnow()
            row = RunningTimer(
                profile_id=self._profile_id,
                path_slug=path_slug,
                item_kind=item_kind,
                item_slug=item_slug,
                started_at=started,
            )
            session.add(row)
            record_event(
                session,
                self._profile_id,
                "timer.started",
                path_slug=path_slug,
                item_kind=item_kind,
                item_slug=item_slug,
                new=started.isoformat(),
            )
            session.flush()
            return self._timer_view(session, row)

    def stop_timer(
        self, *, now: datetime | None = None, minutes: int | None = None, note: str = ""
    ) -> TimerStopped:
        """Stop the timer and log its minutes (rounded to the nearest; under 30 s logs nothing).

        A timer that ran more than ``MAX_TIMER_HOURS`` raises ``TimerTooLongError`` unless the
        learner says how many ``minutes`` they studied (0 logs nothing).
        """
        if len(note) > MAX_NOTE_CHARS:
            raise InvalidInputError("A log note is limited to 2,000 characters.")
        with self._store.transaction() as session:
            row = session.get(RunningTimer, self._profile_id)
            if row is None:
                raise NotFoundError("No timer is running.")
            stopped = now or utcnow()
            elapsed = max(0, int((stopped - row.started_at).total_seconds()))
            if minutes is None:
                if elapsed > MAX_TIMER_HOURS * 3600:
                    raise TimerTooLongError(elapsed, MAX_TIMER_HOURS)
                logged = (elapsed + 30) // 60
            else:
                limit = min(MAX_MINUTES_PER_ENTRY, (elapsed + 59) // 60)
                if not 0 <= minutes <= limit:
                    raise InvalidInputError(
                        f"The timer ran {limit} minutes; say 0 to {limit} minutes, not {minutes}."
                    )
                logged = minutes
            entry_id = None
            if logged > 0:
                entry = StudySession(
                    profile_id=self._profile_id,
                    path_slug=row.path_slug,
                    item_kind=row.item_kind,
                    item_slug=row.item_slug,
                    day=local_day(row.started_at),
                    started_at=row.started_at,
                    minutes=logged,
                    note=note,
                )
                session.add(entry)
                session.flush()
                entry_id = entry.id
                record_event(
                    session,
                    self._profile_id,
                    "time.logged",
                    path_slug=row.path_slug,
                    item_kind=row.item_kind,
                    item_slug=row.item_slug,
                    field="minutes",
                    new=logged,
                    at=stopped,
                )
            record_event(
                session,
                self._profile_id,
                "timer.stopped",
                path_slug=row.path_slug,
                item_kind=row.item_kind,
                item_slug=row.item_slug,
                field="minutes",
                old=elapsed,
                new=logged,
                at=stopped,
            )
            session.delete(row)
            return TimerStopped(minutes=logged, entry_id=entry_id, elapsed_seconds=elapsed)

    def discard_timer(self) -> TimerView | None:
        """Throw the running timer away without logging; return what it was."""
        with self._store.transaction() as session:
            row = session.get(RunningTimer, self._profile_id)
            if row is None:
                return None
            view = self._timer_view(session, row)
            record_event(
                session,
                self._profile_id,
                "timer.discarded",
                path_slug=row.path_slug,
                item_kind=row.item_kind,
                item_slug=row.item_slug,
                old=row.started_at.isoformat(),
            )
            session.delete(row)
            return view

    # --- editing the log ----------------------------------------------------------------------

    def entry(self, entry_id: int) -> StudyEntry:
        with self._store.reading() as session:
            return _entry(self._require_entry(session, entry_id))

    def _require_entry(self, session: Session, entry_id: int) -> StudySession:
        row = session.get(StudySession, entry_id)
        if row is None or row.profile_id != self._profile_id:
            raise NotFoundError(f"There is no study-log entry {entry_id}.")
        return row

    def update_entry(
        self,
        entry_id: int,
        *,
        day: date,
        minutes: int,
        item_kind: str | None,
        item_slug: str | None,
        note: str,
    ) -> StudyEntry:
        """Replace an entry's day, minutes, item and note; return the previous entry (for undo)."""
        _check_entry(minutes, item_kind, item_slug, note, day)
        with self._store.transaction() as session:
            row = self._require_entry(session, entry_id)
            if item_kind is not None and item_slug is not None:
                self._require_item(session, row.path_slug, ItemKind(item_kind).value, item_slug)
            previous = _entry(row)
            row.day, row.minutes, row.note = day, minutes, note
            row.item_kind, row.item_slug = item_kind, item_slug
            current = _entry(row)
            if current != previous:
                record_event(
                    session,
                    self._profile_id,
                    "time.edited",
                    path_slug=row.path_slug,
                    item_kind=item_kind,
                    item_slug=item_slug,
                    field="entry",
                    old=previous.to_json(),
                    new=current.to_json(),
                )
            return previous

    def delete_entry(self, entry_id: int) -> StudyEntry:
        """Delete an entry; return it so that ``restore_entry`` can undo the deletion."""
        with self._store.transaction() as session:
            row = self._require_entry(session, entry_id)
            previous = _entry(row)
            session.delete(row)
            record_event(
                session,
                self._profile_id,
                "time.deleted",
                path_slug=row.path_slug,
                item_kind=row.item_kind,
                item_slug=row.item_slug,
                field="entry",
                old=previous.to_json(),
            )
            return previous

    def restore_entry(self, entry: StudyEntry) -> int:
        """Put a deleted entry back (undo of a delete), with its id when still free."""
        _check_entry(entry.minutes, entry.item_kind, entry.item_slug, entry.note, entry.day)
        with self._store.transaction() as session:
            require_path(session, entry.path_slug)
            free = session.get(StudySession, entry.id) is None
            row = StudySession(
                id=entry.id if free else None,
                profile_id=self._profile_id,
                path_slug=entry.path_slug,
                item_kind=entry.item_kind,
                item_slug=entry.item_slug,
                day=entry.day,
                started_at=entry.started_at,
                minutes=entry.minutes,
                note=entry.note,
            )
            session.add(row)
            session.flush()
            record_event(
                session,
                self._profile_id,
                "time.restored",
                path_slug=entry.path_slug,
                item_kind=entry.item_kind,
                item_slug=entry.item_slug,
                field="entry",
                new=_entry(row).to_json(),
            )
            return row.id

    # --- sums and series ----------------------------------------------------------------------

    def minutes_by_item(self, path_slug: str) -> dict[tuple[str, str], int]:
        """Minutes logged per (kind, slug); time logged on the path as a whole is left out."""
        with self._store.reading() as session:
            rows = session.execute(
                select(
                    StudySession.item_kind, StudySession.item_slug, func.sum(StudySession.minutes)
                )
                .where(
                    StudySession.profile_id == self._profile_id,
                    StudySession.path_slug == path_slug,
                    StudySession.item_kind.is_not(None),
                    StudySession.item_slug.is_not(None),
                )
                .group_by(StudySession.item_kind, StudySession.item_slug)
            )
            return {
                (str(kind), str(slug)): int(total)
                for kind, slug, total in rows
                if kind is not None and slug is not None
            }

    def minutes_by_day(
        self, path_slug: str, first: date | None = None, last: date | None = None
    ) -> dict[date, int]:
        """Minutes logged per day (only days with time), between ``first`` and ``last``."""
        with self._store.reading() as session:
            query = select(StudySession.day, func.sum(StudySession.minutes)).where(
                StudySession.profile_id == self._profile_id, StudySession.path_slug == path_slug
            )
            if first is not None:
                query = query.where(StudySession.day >= first)
            if last is not None:
                query = query.where(StudySession.day <= last)
            rows = session.execute(query.group_by(StudySession.day))
            return {day: int(total) for day, total in rows if total}

    def weekly_hours(
        self, path_slug: str, weeks: int = 26, today: date | None = None
    ) -> list[WeekHours]:
        """Hours studied in each of the last ``weeks`` weeks (Monday-based), empty weeks as 0."""
        last = today or local_today()
        first = week_start(last) - timedelta(days=7 * (weeks - 1))
        return weekly_hours(self.minutes_by_day(path_slug, first, last), first, last)

    def daily_minutes(
        self, path_slug: str, days: int = 182, today: date | None = None
    ) -> list[tuple[date, int]]:
        """Minutes per day for each of the last ``days`` days, oldest first, days off as 0."""
        last = today or local_today()
        first = last - timedelta(days=days - 1)
        known = self.minutes_by_day(path_slug, first, last)
        return [
            (first + timedelta(days=n), known.get(first + timedelta(days=n), 0))
            for n in range(days)
        ]


def _check_entry(
    minutes: int,
    item_kind: str | None,
    item_slug: str | None,
    note: str,
    day: date | None,
) -> None:
    if not 1 <= minutes <= MAX_MINUTES_PER_ENTRY:
        raise InvalidInputError(
            f"Minutes must be between 1 and {MAX_MINUTES_PER_ENTRY} (one day), not {minutes}."
        )
    if (item_kind is None) != (item_slug is None):
        raise InvalidInputError("Say both what kind of item the time was spent on and which.")
    if item_kind is not None and item_kind not in _ITEM_KINDS:
        raise InvalidInputError(
            f"Time is logged on a prerequisite or a resource, not a {item_kind!r}."
        )
    if len(note) > MAX_NOTE_CHARS:
        raise InvalidInputError("A log note is limited to 2,000 characters.")
    if day is not None and day > local_today() + timedelta(days=1):
        raise InvalidInputError(f"{day.isoformat()} is in the future; log time you have studied.")
    if day is not None and day < EARLIEST_DAY:
        raise InvalidInputError(f"{day.isoformat()} is before {EARLIEST_DAY.year}; check the date.")
