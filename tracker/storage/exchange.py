"""What the exchange reads and looks up: a profile's rows for export, merge and the tables.

Every query of the progress file, the merge, the spreadsheets and the calendar is here; the
exchange keeps the rules (what is readable, who wins a field) and builds the files.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain.actions import Action
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

OwnTable = type[OwnResource] | type[OwnOffer]


def profile(session: Session, pid: int) -> Profile:
    found = session.get(Profile, pid)
    assert found is not None
    return found


def situation(session: Session, pid: int) -> Situation | None:
    return session.get(Situation, pid)


def running_timer(session: Session, pid: int) -> RunningTimer | None:
    return session.get(RunningTimer, pid)


def prerequisite_state(
    session: Session, pid: int, path: str, slug: str
) -> PrerequisiteState | None:
    key = {"profile_id": pid, "path_slug": path, "prerequisite_slug": slug}
    return session.get(PrerequisiteState, key)


def resource_progress(session: Session, pid: int, path: str, slug: str) -> ResourceProgress | None:
    key = {"profile_id": pid, "path_slug": path, "resource_slug": slug}
    return session.get(ResourceProgress, key)


def decision(session: Session, pid: int, path: str) -> Decision | None:
    return session.get(Decision, {"profile_id": pid, "path_slug": path})


def own_item(session: Session, table: OwnTable, pid: int, path: str, slug: str) -> Any:
    """The learner's own resource or offer ``slug`` on ``path`` (None when there is none)."""
    return session.scalar(
        select(table).where(table.profile_id == pid, table.path_slug == path, table.slug == slug)
    )


def prerequisite_states(session: Session, pid: int) -> Sequence[PrerequisiteState]:
    return session.scalars(
        select(PrerequisiteState)
        .where(PrerequisiteState.profile_id == pid)
        .order_by(PrerequisiteState.path_slug, PrerequisiteState.prerequisite_slug)
    ).all()


def resource_statuses(session: Session, pid: int) -> Sequence[ResourceProgress]:
    return session.scalars(
        select(ResourceProgress)
        .where(ResourceProgress.profile_id == pid)
        .order_by(ResourceProgress.path_slug, ResourceProgress.resource_slug)
    ).all()


def own_items(session: Session, table: OwnTable, pid: int) -> Sequence[Any]:
    """The learner's own resources or offers, by path and slug."""
    return session.scalars(
        select(table).where(table.profile_id == pid).order_by(table.path_slug, table.slug)
    ).all()


def own_resources_in_order(session: Session, pid: int) -> Sequence[OwnResource]:
    """The learner's own resources, by path, in the order they were added."""
    return session.scalars(
        select(OwnResource)
        .where(OwnResource.profile_id == pid)
        .order_by(OwnResource.path_slug, OwnResource.id)
    ).all()


def decisions(session: Session, pid: int) -> Sequence[Decision]:
    return session.scalars(
        select(Decision).where(Decision.profile_id == pid).order_by(Decision.path_slug)
    ).all()


def study_sessions(session: Session, pid: int) -> Sequence[StudySession]:
    """The time log, by day, then in the order it was written."""
    return session.scalars(
        select(StudySession)
        .where(StudySession.profile_id == pid)
        .order_by(StudySession.day, StudySession.id)
    ).all()


def events(session: Session, pid: int, leaving_out: Collection[str] = ()) -> Sequence[Event]:
    """The profile's log entries, but those with an action in ``leaving_out``."""
    statement = select(Event).where(Event.profile_id == pid)
    if leaving_out:
        statement = statement.where(Event.action.not_in(list(leaving_out)))
    return session.scalars(statement).all()


def profile_created_events(session: Session, pid: int) -> Sequence[Event]:
    """The "profile created" entries, oldest first."""
    return session.scalars(
        select(Event)
        .where(Event.profile_id == pid, Event.action == Action.PROFILE_CREATED)
        .order_by(Event.at, Event.id)
    ).all()


def pack_resources(session: Session) -> Sequence[tuple[str, Resource]]:
    """Every installed path's current resources, with the path's slug, in catalog order."""
    rows = session.execute(
        select(LearningPath.slug, Resource)
        .join(Resource, Resource.path_id == LearningPath.id)
        .where(Resource.archived.is_(False))
        .order_by(LearningPath.slug, Resource.position)
    ).all()
    return [(str(path_slug), resource) for path_slug, resource in rows]


def resource_titles(session: Session) -> dict[tuple[str, str], str]:
    """(path, resource slug) -> title, of every pack resource."""
    rows = session.execute(
        select(LearningPath.slug, Resource.slug, Resource.title).join(
            Resource, Resource.path_id == LearningPath.id
        )
    )
    return {(path_slug, slug): title for path_slug, slug, title in rows}


def prerequisite_titles(session: Session) -> dict[tuple[str, str], str]:
    """(path, prerequisite slug) -> title, of every pack prerequisite."""
    rows = session.execute(
        select(LearningPath.slug, Prerequisite.slug, Prerequisite.title).join(
            Prerequisite, Prerequisite.path_id == LearningPath.id
        )
    )
    return {(path_slug, slug): title for path_slug, slug, title in rows}


def statuses_set(session: Session, pid: int) -> Sequence[ResourceProgress]:
    """The resources the learner gave a status, by path and slug."""
    return session.scalars(
        select(ResourceProgress)
        .where(ResourceProgress.profile_id == pid, ResourceProgress.status.is_not(None))
        .order_by(ResourceProgress.path_slug, ResourceProgress.resource_slug)
    ).all()


def revisits_due(session: Session, pid: int) -> Sequence[PrerequisiteState]:
    """The skills with a revisit date, by path and slug."""
    return session.scalars(
        select(PrerequisiteState)
        .where(PrerequisiteState.profile_id == pid, PrerequisiteState.revisit_due.is_not(None))
        .order_by(PrerequisiteState.path_slug, PrerequisiteState.prerequisite_slug)
    ).all()
