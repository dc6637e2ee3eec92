"""The study log: minutes spent, on what, and when; and the one study timer."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from tracker.clock import local_today, utcnow
from tracker.domain.actions import Action
from tracker.domain.changes import OpResult
from tracker.domain.enums import ItemKind
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
from tracker.formatting import minutes as minutes_text
from tracker.services.operations import Operation, Operations
from tracker.services.records import EARLIEST_DAY
from tracker.services.study_views import (
    ACTIVE_STATUSES,
    entry_view,
    local_day,
    study_items_in,
    timer_view_in,
)
from tracker.storage import study as study_store
from tracker.storage.events import record_event
from tracker.storage.models import StudySession
from tracker.storage.store import Store, require_path
from tracker.wording import QT_TRANSLATE_NOOP, say

_ITEM_KINDS = (ItemKind.PREREQUISITE.value, ItemKind.RESOURCE.value)

__all__ = ["ACTIVE_STATUSES", "StudyEntry", "StudyLogService", "local_day"]

LOG_TIME = QT_TRANSLATE_NOOP("StudyLog", "Log {time}")
LOG_TIME_ON = QT_TRANSLATE_NOOP("StudyLog", "Log {time} on {title}")
START_TIMER = QT_TRANSLATE_NOOP("StudyLog", "Start timer")
START_TIMER_ON = QT_TRANSLATE_NOOP("StudyLog", "Start timer on {title}")
STOP_TIMER = QT_TRANSLATE_NOOP("StudyLog", "Stop timer")
STOP_TIMER_AND_LOG = QT_TRANSLATE_NOOP("StudyLog", "Stop timer and log {time}")
DISCARD_TIMER = QT_TRANSLATE_NOOP("StudyLog", "Discard timer")
EDIT_ENTRY = QT_TRANSLATE_NOOP("StudyLog", "Edit log entry of {day}")
DELETE_ENTRY = QT_TRANSLATE_NOOP("StudyLog", "Delete log entry")

NO_ITEM = {
    ItemKind.PREREQUISITE.value: QT_TRANSLATE_NOOP(
        "StudyLog", "There is no prerequisite {slug} in the {path} path."
    ),
    ItemKind.RESOURCE.value: QT_TRANSLATE_NOOP(
        "StudyLog", "There is no resource {slug} in the {path} path."
    ),
}
NOT_A_KIND = QT_TRANSLATE_NOOP(
    "StudyLog", "{kind} is not a kind of item; use 'prerequisite:' or 'resource:'."
)
NO_SUCH_ITEM = QT_TRANSLATE_NOOP(
    "StudyLog",
    "There is no prerequisite or resource {slug} in the {path} path "
    "(see 'learning-tracker status' and the catalog for slugs).",
)
BOTH_KINDS = QT_TRANSLATE_NOOP(
    "StudyLog",
    "{slug} is both a prerequisite and a resource; write 'prerequisite:{bare}' or "
    "'resource:{bare}'.",
)
SAY_TIMER_ITEM = QT_TRANSLATE_NOOP(
    "StudyLog", "Say both what kind of item the timer is for and which."
)
TIMER_KIND = QT_TRANSLATE_NOOP(
    "StudyLog", "A timer runs on a prerequisite or a resource, not a {kind}."
)
TIMER_RUNNING = QT_TRANSLATE_NOOP(
    "StudyLog", "A timer is already running on {what} (since {since} UTC); stop it first."
)
LONG_NOTE = QT_TRANSLATE_NOOP("StudyLog", "A log note is limited to 2,000 characters.")
NO_TIMER = QT_TRANSLATE_NOOP("StudyLog", "No timer is running.")
NO_ENTRY = QT_TRANSLATE_NOOP("StudyLog", "There is no study-log entry {entry}.")
TIMER_RAN = QT_TRANSLATE_NOOP(
    "StudyLog", "The timer ran {limit} minutes; say 0 to {limit} minutes, not {minutes}."
)
BAD_MINUTES = QT_TRANSLATE_NOOP(
    "StudyLog", "Minutes must be between 1 and {limit} (one day), not {minutes}."
)
SAY_LOGGED_ITEM = QT_TRANSLATE_NOOP(
    "StudyLog", "Say both what kind of item the time was spent on and which."
)
LOGGED_KIND = QT_TRANSLATE_NOOP(
    "StudyLog", "Time is logged on a prerequisite or a resource, not a {kind}."
)
IN_THE_FUTURE = QT_TRANSLATE_NOOP("StudyLog", "{day} is in the future; log time you have studied.")
TOO_EARLY = QT_TRANSLATE_NOOP("StudyLog", "{day} is before {year}; check the date.")


class StudyLogService:
    """Records and reads the time a learner studies; every change is an undoable operation."""

    def __init__(self, store: Store, profile_id: int, operations: Operations) -> None:
        self._store = store
        self._profile_id = profile_id
        self._ops = operations

    def log(
        self,
        path_slug: str,
        minutes: int,
        *,
        item_kind: ItemKind | str | None = None,
        item_slug: str | None = None,
        note: str = "",
        day: date | None = None,
        started_at: datetime | None = None,
    ) -> OpResult[int]:
        """Add an entry; the value: its id."""
        _check_entry(minutes, item_kind, item_slug, note, day)
        kind = ItemKind(item_kind).value if item_kind else None
        title = ""

        def work(session: Session) -> int:
            nonlocal title
            require_path(session, path_slug)
            if kind is not None and item_slug is not None:
                title = self._require_item(session, path_slug, kind, item_slug).title
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
                Action.TIME_LOGGED,
                path_slug=path_slug,
                item_kind=kind,
                item_slug=item_slug,
                field="minutes",
                new=minutes,
            )
            return entry.id

        def label() -> str:
            time = minutes_text(minutes)
            return say(LOG_TIME_ON, time=time, title=title) if title else say(LOG_TIME, time=time)

        return self._ops.run(Operation(Action.TIME_LOGGED, label, path_slug=path_slug), work)

    def entries(self, path_slug: str) -> list[StudyEntry]:
        with self._store.reading() as session:
            return [
                entry_view(r) for r in study_store.entries(session, self._profile_id, path_slug)
            ]

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
        raise NotFoundError(say(NO_ITEM[kind], slug=repr(slug), path=repr(path_slug)))

    def resolve_item(self, path_slug: str, slug: str) -> StudyItem:
        """The prerequisite or resource called ``slug``; ``resource:slug`` or
        ``prerequisite:slug`` settles a slug that names both."""
        kind: str | None = None
        if ":" in slug:
            kind, _, slug = slug.partition(":")
            if kind not in _ITEM_KINDS:
                raise InvalidInputError(say(NOT_A_KIND, kind=repr(kind)))
        with self._store.reading() as session:
            candidates = study_items_in(session, self._profile_id, path_slug, slugs=(slug,))
        matches = [
            item for item in candidates if item.slug == slug and (kind is None or item.kind == kind)
        ]
        if not matches:
            raise NotFoundError(say(NO_SUCH_ITEM, slug=repr(slug), path=repr(path_slug)))
        if len(matches) > 1:
            raise InvalidInputError(say(BOTH_KINDS, slug=repr(slug), bare=slug))
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
    ) -> OpResult[TimerView]:
        """Start the learner's one timer on a prerequisite, a resource or the path itself."""
        if (item_kind is None) != (item_slug is None):
            raise InvalidInputError(say(SAY_TIMER_ITEM))
        if item_kind is not None and item_kind not in _ITEM_KINDS:
            raise InvalidInputError(say(TIMER_KIND, kind=repr(item_kind)))
        started = now or utcnow()
        title = ""

        def work(session: Session) -> TimerView:
            nonlocal title
            require_path(session, path_slug)
            if item_kind is not None and item_slug is not None:
                title = self._require_item(session, path_slug, item_kind, item_slug).title
            running = timer_view_in(session, self._profile_id)
            if running is not None:
                raise InvalidInputError(
                    say(
                        TIMER_RUNNING,
                        what=running.item_title or running.path_slug,
                        since=f"{running.started_at:%Y-%m-%d %H:%M}",
                    )
                )
            study_store.start_timer(
                session, self._profile_id, path_slug, item_kind, item_slug, started
            )
            record_event(
                session,
                self._profile_id,
                Action.TIMER_STARTED,
                path_slug=path_slug,
                item_kind=item_kind,
                item_slug=item_slug,
                new=started.isoformat(),
            )
            return TimerView(path_slug, item_kind, item_slug, title or None, started)

        def label() -> str:
            return say(START_TIMER_ON, title=title) if title else say(START_TIMER)

        return self._ops.run(Operation(Action.TIMER_STARTED, label, path_slug=path_slug), work)

    def stop_timer(
        self, *, now: datetime | None = None, minutes: int | None = None, note: str = ""
    ) -> OpResult[TimerStopped]:
        """Stop the timer and log its minutes (rounded to the nearest; under 30 s logs nothing).

        A timer that ran more than ``MAX_TIMER_HOURS`` raises ``TimerTooLongError`` unless the
        learner says how many ``minutes`` they studied (0 logs nothing).
        """
        if len(note) > MAX_NOTE_CHARS:
            raise InvalidInputError(say(LONG_NOTE))
        stopped = now or utcnow()
        logged = 0

        def work(session: Session) -> TimerStopped:
            nonlocal logged
            row = study_store.running_timer(session, self._profile_id)
            if row is None:
                raise NotFoundError(say(NO_TIMER))
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
                    Action.TIME_LOGGED,
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
                Action.TIMER_STOPPED,
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

        def label() -> str:
            return say(STOP_TIMER_AND_LOG, time=minutes_text(logged)) if logged else say(STOP_TIMER)

        return self._ops.run(Operation(Action.TIMER_STOPPED, label), work)

    def discard_timer(self) -> OpResult[TimerView | None]:
        """Throw the running timer away without logging; the value: what it was."""

        def work(session: Session) -> TimerView | None:
            view = timer_view_in(session, self._profile_id)
            row = study_store.running_timer(session, self._profile_id)
            if view is None or row is None:
                return None
            record_event(
                session,
                self._profile_id,
                Action.TIMER_DISCARDED,
                path_slug=row.path_slug,
                item_kind=row.item_kind,
                item_slug=row.item_slug,
                old=row.started_at.isoformat(),
            )
            study_store.delete_row(session, row)
            return view

        return self._ops.run(Operation(Action.TIMER_DISCARDED, say(DISCARD_TIMER)), work)

    # --- editing the log ----------------------------------------------------------------------

    def entry(self, entry_id: int) -> StudyEntry:
        with self._store.reading() as session:
            return entry_view(self._require_entry(session, entry_id))

    def _require_entry(self, session: Session, entry_id: int) -> StudySession:
        row = study_store.entry(session, self._profile_id, entry_id)
        if row is None:
            raise NotFoundError(say(NO_ENTRY, entry=entry_id))
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
    ) -> OpResult[StudyEntry]:
        """Replace an entry's day, minutes, item and note; the value: the entry as it was."""
        _check_entry(minutes, item_kind, item_slug, note, day)

        def work(session: Session) -> StudyEntry:
            row = self._require_entry(session, entry_id)
            if item_kind is not None and item_slug is not None:
                self._require_item(session, row.path_slug, ItemKind(item_kind).value, item_slug)
            previous = entry_view(row)
            row.day, row.minutes, row.note = day, minutes, note
            row.item_kind, row.item_slug = item_kind, item_slug
            current = entry_view(row)
            if current != previous:
                record_event(
                    session,
                    self._profile_id,
                    Action.TIME_EDITED,
                    path_slug=row.path_slug,
                    item_kind=item_kind,
                    item_slug=item_slug,
                    field="entry",
                    old=previous.to_json(),
                    new=current.to_json(),
                )
            return previous

        label = say(EDIT_ENTRY, day=f"{day:%d %b %Y}")
        return self._ops.run(Operation(Action.TIME_EDITED, label), work)

    def delete_entry(self, entry_id: int) -> OpResult[StudyEntry]:
        """Delete an entry; the value: the entry deleted."""

        def work(session: Session) -> StudyEntry:
            row = self._require_entry(session, entry_id)
            previous = entry_view(row)
            study_store.delete_row(session, row)
            record_event(
                session,
                self._profile_id,
                Action.TIME_DELETED,
                path_slug=previous.path_slug,
                item_kind=previous.item_kind,
                item_slug=previous.item_slug,
                field="entry",
                old=previous.to_json(),
            )
            return previous

        return self._ops.run(Operation(Action.TIME_DELETED, say(DELETE_ENTRY)), work)

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
        raise InvalidInputError(say(TIMER_RAN, limit=limit, minutes=minutes))
    return minutes


def _check_entry(
    minutes: int,
    item_kind: str | None,
    item_slug: str | None,
    note: str,
    day: date | None,
) -> None:
    if not 1 <= minutes <= MAX_MINUTES_PER_ENTRY:
        raise InvalidInputError(say(BAD_MINUTES, limit=MAX_MINUTES_PER_ENTRY, minutes=minutes))
    if (item_kind is None) != (item_slug is None):
        raise InvalidInputError(say(SAY_LOGGED_ITEM))
    if item_kind is not None and item_kind not in _ITEM_KINDS:
        raise InvalidInputError(say(LOGGED_KIND, kind=repr(item_kind)))
    if len(note) > MAX_NOTE_CHARS:
        raise InvalidInputError(say(LONG_NOTE))
    if day is not None and day > local_today() + timedelta(days=1):
        raise InvalidInputError(say(IN_THE_FUTURE, day=day.isoformat()))
    if day is not None and day < EARLIEST_DAY:
        raise InvalidInputError(say(TOO_EARLY, day=day.isoformat(), year=EARLIEST_DAY.year))
