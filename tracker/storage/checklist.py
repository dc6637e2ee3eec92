"""The checklist's SQL: a path's prerequisites and a learner's state on each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.storage import journal
from tracker.storage.models import LearningPath, Prerequisite, PrerequisiteState


def prerequisites(session: Session, path_id: int) -> list[Prerequisite]:
    """The path's active prerequisites, in the pack's order."""
    return list(
        session.scalars(
            select(Prerequisite)
            .where(Prerequisite.path_id == path_id, Prerequisite.archived.is_(False))
            .order_by(Prerequisite.position)
        )
    )


def outline(session: Session, path_slug: str) -> list[tuple[str, str | None, str]]:
    """(slug, parent slug, title) of the path's active prerequisites, in order: what a tick
    needs to find a skill's sub-skills, without the learner's states."""
    rows = session.execute(
        select(Prerequisite.slug, Prerequisite.parent_slug, Prerequisite.title)
        .join(LearningPath, LearningPath.id == Prerequisite.path_id)
        .where(LearningPath.slug == path_slug, Prerequisite.archived.is_(False))
        .order_by(Prerequisite.position)
    )
    return [(slug, parent, title) for slug, parent, title in rows]


def states(session: Session, profile_id: int, path_slug: str) -> dict[str, PrerequisiteState]:
    return {
        state.prerequisite_slug: state
        for state in session.scalars(
            select(PrerequisiteState).where(
                PrerequisiteState.profile_id == profile_id,
                PrerequisiteState.path_slug == path_slug,
            )
        )
    }


def done_flags(
    session: Session, profile_id: int, path_slug: str, slugs: Sequence[str]
) -> dict[str, bool]:
    rows = session.execute(
        select(PrerequisiteState.prerequisite_slug, PrerequisiteState.done).where(
            PrerequisiteState.profile_id == profile_id,
            PrerequisiteState.path_slug == path_slug,
            PrerequisiteState.prerequisite_slug.in_(list(slugs)),
        )
    )
    return {slug: bool(done) for slug, done in rows}


def set_done_flags(
    session: Session,
    profile_id: int,
    path_slug: str,
    flags: Mapping[str, bool],
    at: datetime,
    *,
    existing: set[str],
) -> None:
    """Write the done flags of ``flags`` (journaled); ``existing``: the slugs with a row."""
    table = PrerequisiteState.__table__
    rows = []
    for slug, done in flags.items():
        key = {"profile_id": profile_id, "path_slug": path_slug, "prerequisite_slug": slug}
        values: dict[str, object] = {"done": done, "changed_at": at}
        if slug not in existing:
            values |= {"evidence": [], "revisit_step": 0}
        rows.append((key, values))
    journal.put_many(session, table, rows)  # type: ignore[arg-type]


def state_of(
    session: Session, profile_id: int, path_slug: str, slug: str, now: datetime
) -> PrerequisiteState:
    """The learner's state on one skill, a new one (added to the session) if there is none."""
    state = session.get(
        PrerequisiteState,
        {"profile_id": profile_id, "path_slug": path_slug, "prerequisite_slug": slug},
    )
    if state is None:
        state = PrerequisiteState(
            profile_id=profile_id,
            path_slug=path_slug,
            prerequisite_slug=slug,
            done=False,
            changed_at=now,
            evidence=[],
            revisit_step=0,
        )
        session.add(state)
    return state
