"""The study log: minutes spent, on what, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from tracker.domain.enums import ItemKind
from tracker.errors import InvalidInputError
from tracker.services.store import Store, record_event, require_path, utcnow
from tracker.storage.models import StudySession

MAX_MINUTES_PER_ENTRY = 24 * 60


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
        if not 1 <= minutes <= MAX_MINUTES_PER_ENTRY:
            raise InvalidInputError(
                f"Minutes must be between 1 and {MAX_MINUTES_PER_ENTRY} (one day), not {minutes}."
            )
        if (item_kind is None) != (item_slug is None):
            raise InvalidInputError("Say both what kind of item the time was spent on and which.")
        if len(note) > 2000:
            raise InvalidInputError("A log note is limited to 2,000 characters.")
        with self._store.transaction() as session:
            require_path(session, path_slug)
            entry = StudySession(
                profile_id=self._profile_id,
                path_slug=path_slug,
                item_kind=item_kind.value if item_kind else None,
                item_slug=item_slug,
                day=day or utcnow().date(),
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
            return [
                StudyEntry(
                    r.id,
                    r.path_slug,
                    r.item_kind,
                    r.item_slug,
                    r.day,
                    r.started_at,
                    r.minutes,
                    r.note,
                )
                for r in rows
            ]

    def total_minutes(self, path_slug: str) -> int:
        with self._store.reading() as session:
            total = session.scalar(
                select(func.coalesce(func.sum(StudySession.minutes), 0)).where(
                    StudySession.profile_id == self._profile_id,
                    StudySession.path_slug == path_slug,
                )
            )
            return int(total or 0)
