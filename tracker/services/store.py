"""The unit of work every service uses: one transaction per learner action, and the event log."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session, sessionmaker

from tracker.errors import InvalidInputError, NotFoundError
from tracker.services.event_values import sets_field
from tracker.settings import DEFAULT_PROFILE
from tracker.storage.database import make_session_factory, translate_errors
from tracker.storage.models import Event, LearningPath, Profile


def utcnow() -> datetime:
    """Naive UTC now: what the database stores (SQLite keeps no time zone)."""
    return datetime.now(UTC).replace(tzinfo=None)


def local_today() -> date:
    """Today on the learner's clock: the day a learner means when they say "today"."""
    return datetime.now().date()


class Store:
    """The database of one data folder: sessions, transactions and profiles."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions: sessionmaker[Session] = make_session_factory(engine)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed (durably) when the block ends, rolled back on error."""
        with translate_errors(), self.sessions.begin() as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One unit of work on a plain connection (SQL, no ORM session): for hot paths such
        as a tick. Committed (durably) when the block ends, rolled back on error."""
        with translate_errors(), self.engine.begin() as connection:
            yield connection

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with translate_errors(), self.sessions() as session:
            yield session

    def ensure_profile(self, name: str = DEFAULT_PROFILE) -> int:
        """The id of profile ``name``, created if missing."""
        name = name.strip()
        if not name or len(name) > 80:
            raise InvalidInputError("A profile name must have 1 to 80 characters.")
        with self.transaction() as session:
            profile_id = session.scalar(select(Profile.id).where(Profile.name == name))
            if profile_id is None:
                profile = Profile(name=name, created_at=utcnow())
                session.add(profile)
                session.flush()
                profile_id = profile.id
                session.add(
                    Event(
                        profile_id=profile_id,
                        at=utcnow(),
                        action="profile.created",
                        item_kind="profile",
                        item_slug=name,
                    )
                )
            return profile_id

    def profile_names(self) -> list[str]:
        with self.reading() as session:
            return list(session.scalars(select(Profile.name).order_by(Profile.name)))

    def dispose(self) -> None:
        self.engine.dispose()


def require_path(session: Session, path_slug: str) -> LearningPath:
    path = session.scalar(select(LearningPath).where(LearningPath.slug == path_slug))
    if path is None:
        known = ", ".join(session.scalars(select(LearningPath.slug).order_by(LearningPath.slug)))
        raise NotFoundError(
            f"There is no learning path {path_slug!r} (installed: {known or 'none'})."
        )
    return path


COALESCE_WITHIN = timedelta(minutes=5)
"""Saves of one field that follow one another this closely are one change (a typing session)."""


def record_event(
    session: Session,
    profile_id: int,
    action: str,
    *,
    path_slug: str | None = None,
    item_kind: str | None = None,
    item_slug: str | None = None,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
    at: datetime | None = None,
) -> None:
    """Append one entry to the event log, in the caller's transaction.

    A save of one field of one item that follows the learner's last entry, a save of that same
    field, within ``COALESCE_WITHIN``, extends that entry instead: its ``new`` value and time
    are replaced and its ``old`` value is kept, so a typing session is one change in the log
    (and a session that ends where it began leaves none).
    """
    at = at or utcnow()
    if sets_field(action):
        last = session.scalar(
            select(Event).where(Event.profile_id == profile_id).order_by(Event.id.desc()).limit(1)
        )
        if (
            last is not None
            and (last.action, last.path_slug, last.item_kind, last.item_slug, last.field)
            == (action, path_slug, item_kind, item_slug, field)
            and timedelta(0) <= at - last.at <= COALESCE_WITHIN
        ):
            if last.old == new:
                session.delete(last)
            else:
                last.new, last.at = new, at
            return
    session.add(
        Event(
            profile_id=profile_id,
            at=at,
            path_slug=path_slug,
            action=action,
            item_kind=item_kind,
            item_slug=item_slug,
            field=field,
            old=old,
            new=new,
        )
    )
