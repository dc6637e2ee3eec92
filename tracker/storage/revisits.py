"""Statements behind spaced revisits: the schedule kept on each skill's state."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from tracker.storage.models import PrerequisiteState


def steps_statement(profile_id: int, path_slug: str) -> Select[str, int]:
    return select(PrerequisiteState.prerequisite_slug, PrerequisiteState.revisit_step).where(
        PrerequisiteState.profile_id == profile_id,
        PrerequisiteState.path_slug == path_slug,
    )


def steps(session: Session, profile_id: int, path_slug: str) -> dict[str, int]:
    """How many revisits in each skill's schedule is (by slug)."""
    return {
        str(slug): int(step or 0)
        for slug, step in session.execute(steps_statement(profile_id, path_slug))
    }


def state(session: Session, profile_id: int, path_slug: str, slug: str) -> PrerequisiteState | None:
    key = {"profile_id": profile_id, "path_slug": path_slug, "prerequisite_slug": slug}
    return session.get(PrerequisiteState, key)
