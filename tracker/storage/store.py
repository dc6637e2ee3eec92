"""The database of one data folder: transactions (one per learner action), snapshots, profiles."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session, sessionmaker

from tracker.clock import utcnow
from tracker.errors import InvalidInputError, NotFoundError
from tracker.settings import DEFAULT_PROFILE
from tracker.storage.database import make_session_factory, translate_errors
from tracker.storage.models import Event, LearningPath, Profile


class Store:
    """The database of one data folder: sessions, transactions and profiles."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions: sessionmaker[Session] = make_session_factory(engine)
        self._snapshot = threading.local()

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
        """A read: one transaction, so every query in it sees the same state. Inside
        ``snapshot()`` (on the same thread) it is that snapshot's transaction."""
        current: Session | None = getattr(self._snapshot, "session", None)
        if current is not None:
            yield current
            return
        with translate_errors(), self.sessions() as session:
            yield session

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Every read in the block, by any service, is one read transaction: what a page shows
        is one consistent state of the database, read at once."""
        if getattr(self._snapshot, "session", None) is not None:
            yield
            return
        with translate_errors(), self.sessions() as session:
            self._snapshot.session = session
            try:
                yield
            finally:
                self._snapshot.session = None

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
