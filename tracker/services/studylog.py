"""The study log: minutes spent, on what, and when; and the one study timer."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from tracker.clock import local_today, utcnow
from tracker.domain.enums import ItemKind, ResourceStatus
from tracker.domain.study import (
    MAX_MINUTES_PER_ENTRY,
    MAX_NOTE_CHARS,
    MAX_TIMER_HOURS,
    StudyEntry,
    StudyItem,
    TimerStopped,
    TimerView,
    WeekHours,
    week_start,
    weekly_hours,
)
from tracker.errors import InvalidInputError, NotFoundError, TimerTooLongError
from tracker.services.records import EARLIEST_DAY
from tracker.storage import study as study_store
from tracker.storage.events import record_event
from tracker.storage.models import StudySession
from tracker.storage.store import Store, require_path

_ITEM_KINDS = (ItemKind.PREREQUISITE.value, ItemKind.RESOURCE.value)
ACTIVE_STATUSES = (ResourceStatus.PLANNED.value, ResourceStatus.IN_PROGRESS.value)

__all__ = ["ACTIVE_STATUSES", "StudyEntry", "StudyLogService", "local_day"]


def local_day(utc_naive: datetime) -> date:
    """The learner's local date of a stored (naive UTC) moment."""
    return utc_naive.replace(tzinfo=UTC).astimezone().date()


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


def study_items_in(
    session: Session,
    profile_id: int,
    path_slug: str,
    *,
    slugs: Collection[str] | None = None,
    active_only: bool = False,
) -> list[StudyItem]:
    """What time can be logged on, read in the caller's session (see ``study_items``)."""
    path = require_path(session, path_slug)
    timed_slug = None
    if active_only:
        timed = study_store.running_timer(session, profile_id)
        timed_slug = timed.item_slug if timed is not None else None
    rows = study_store.study_items(
        session,
        profile_id,
        path.id,
        path_slug,
        slugs=slugs,
        active_statuses=ACTIVE_STATUSES if active_only else None,
        timed_slug=timed_slug,
    )
    return [StudyItem(kind, slug, title) for kind, slug, title in rows]


def timer_view_in(session: Session, profile_id: int) -> TimerView | None:
    """The learner's running timer with the title of what it runs on, or None."""
    row = study_store.running_timer(session, profile_id)
    if row is None:
        return None
    title = None
    if row.item_kind and row.item_slug:
        try:
            items = study_items_in(session, profile_id, row.path_slug, slugs=(row.item_slug,))
        except NotFoundError:  # a timer from another machine, on a path not installed here
            items = []
        title = next(
            (i.title for i in items if i.kind == row.item_kind and i.slug == row.item_slug),
            row.item_slug,
        )
    return TimerView(row.path_slug, row.item_kind, row.item_slug, title, row.started_at)


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
        kind = ItemKind(item_kind).value if item_kind else None
        with self._store.transaction() as session:
            require_path(session, path_slug)
            if kind is not None and item_slug is not None:
                self._require_item(session, path_slug, kind, item_slug)
            entry = study_store.add_entry(
                session,
                profile_id=self._profile_id,
                path_slug=path_slug,
                item_kind=kind,
                item_slug=item_slug,
                day=day or local_today(),
                started_at=started_at,
                minutes=minutes,
                note=note,
            )
            record_event(
                session,
                self._profile_id,
                "time.logged",
                path_slug=path_slug,
                item_kind=kind,
                item_slug=item_slug,
                field="minutes",
                new=minutes,
            )
            return entry.id

    def entries(self, path_slug: str) -> list[StudyEntry]:
        with self._store.reading() as session:
            return [_entry(r) for r in study_store.entries(session, self._profile_id, path_slug)]

    def total_minutes(self, path_slug: str) -> int:
        with self._store.reading() as session:
            return study_store.total_minutes(session, self._profile_id, path_slug)

    # --- what time can be logged on -----------------------------------------------------------

    def study_items(self, path_slug: str, *, active_only: bool = False) -> list[StudyItem]:
        """The path's prerequisites, then its resources and the learner's own, in pack order.

        ``active_only`` lists only the resources planned or in progress, the one being timed
        and the learner's own: what a timer's list offers, which must not hold 100k rows.
        """
        with self._store.reading() as session:
            return study_items_in(session, self._profile_id, path_slug, active_only=active_only)

    def _require_item(self, session: Session, path_slug: str, kind: str, slug: str) -> StudyItem:
        for item in study_items_in(session, self._profile_id, path_slug, slugs=(slug,)):
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
            candidates = study_items_in(session, self._profile_id, path_slug, slugs=(slug,))
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
            return timer_view_in(session, self._profile_id)

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
            running = timer_view_in(session, self._profile_id)
            if running is not None:
                raise InvalidInputError(
                    f"A timer is already running on {running.item_title or running.path_slug} "
                    f"(since {running.started_at:%Y-%m-%d %H:%M} UTC); stop it first."
                )
            started = now or utcnow()
            study_store.start_timer(
                session, self._profile_id, path_slug, item_kind, item_slug, started
            )
            record_event(
                session,
                self._profile_id,
                "timer.started",
                path_slug=path_slug,
                item_kind=item_kind,
                item_slug=item_slug,
                new=started.isoformat(),
            )
            view = timer_view_in(session, self._profile_id)
            assert view is not None
            return view

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
            row = study_store.running_timer(session, self._profile_id)
            if row is None:
                raise NotFoundError("No timer is running.")
            stopped = now or utcnow()
            elapsed = max(0, int((stopped - row.started_at).total_seconds()))
            logged = _timed_minutes(elapsed, minutes)
            entry_id = None
            if logged > 0:
                entry = study_store.add_entry(
                    session,
                    profile_id=self._profile_id,
                    path_slug=row.path_slug,
                    item_kind=row.item_kind,
                    item_slug=row.item_slug,
                    day=local_day(row.started_at),
                    started_at=row.started_at,
                    minutes=logged,
                    note=note,
                )
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
            study_store.delete_row(session, row)
            return TimerStopped(minutes=logged, entry_id=entry_id, elapsed_seconds=elapsed)

    def discard_timer(self) -> TimerView | None:
        """Throw the running timer away without logging; return what it was."""
        with self._store.transaction() as session:
            view = timer_view_in(session, self._profile_id)
            row = study_store.running_timer(session, self._profile_id)
            if view is None or row is None:
                return None
            record_event(
                session,
                self._profile_id,
                "timer.discarded",
                path_slug=row.path_slug,
                item_kind=row.item_kind,
                item_slug=row.item_slug,
                old=row.started_at.isoformat(),
            )
            study_store.delete_row(session, row)
            return view

    # --- editing the log ----------------------------------------------------------------------

    def entry(self, entry_id: int) -> StudyEntry:
        with self._store.reading() as session:
            return _entry(self._require_entry(session, entry_id))

    def _require_entry(self, session: Session, entry_id: int) -> StudySession:
        row = study_store.entry(session, self._profile_id, entry_id)
        if row is None:
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
            study_store.delete_row(session, row)
            record_event(
                session,
                self._profile_id,
                "time.deleted",
                path_slug=previous.path_slug,
                item_kind=previous.item_kind,
                item_slug=previous.item_slug,
                field="entry",
                old=previous.to_json(),
            )
            return previous

    def restore_entry(self, entry: StudyEntry) -> int:
        """Put a deleted entry back (undo of a delete), with its id when still free."""
        _check_entry(entry.minutes, entry.item_kind, entry.item_slug, entry.note, entry.day)
        with self._store.transaction() as session:
            require_path(session, entry.path_slug)
            free = study_store.entry_id_free(session, entry.id)
            row = study_store.add_entry(
                session,
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
            return study_store.minutes_by_item(session, self._profile_id, path_slug)

    def minutes_by_day(
        self, path_slug: str, first: date | None = None, last: date | None = None
    ) -> dict[date, int]:
        """Minutes logged per day (only days with time), between ``first`` and ``last``."""
        with self._store.reading() as session:
            return study_store.minutes_by_day(session, self._profile_id, path_slug, first, last)

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


def _timed_minutes(elapsed: int, minutes: int | None) -> int:
    """The minutes a stopped timer logs: its time rounded, or what the learner says it was."""
    if minutes is None:
        if elapsed > MAX_TIMER_HOURS * 3600:
            raise TimerTooLongError(elapsed, MAX_TIMER_HOURS)
        return (elapsed + 30) // 60
    limit = min(MAX_MINUTES_PER_ENTRY, (elapsed + 59) // 60)
    if not 0 <= minutes <= limit:
        raise InvalidInputError(
            f"The timer ran {limit} minutes; say 0 to {limit} minutes, not {minutes}."
        )
    return minutes


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
