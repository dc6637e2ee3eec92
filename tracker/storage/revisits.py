"""Statements behind spaced revisits: the schedule kept on each skill's state."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from tracker.storage.models import PrerequisiteState

STEPS = select(PrerequisiteState.prerequisite_slug, PrerequisiteState.revisit_step).where(
    PrerequisiteState.profile_id == bindparam("profile_id"),
    PrerequisiteState.path_slug == bindparam("path_slug"),
)


def steps(session: Session, profile_id: int, path_slug: str) -> dict[str, int]:
    """How far along its schedule each skill's revisits are (by slug)."""
    values = {"profile_id": profile_id, "path_slug": path_slug}
    return {str(slug): int(step or 0) for slug, step in session.execute(STEPS, values)}


def state(session: Session, profile_id: int, path_slug: str, slug: str) -> PrerequisiteState | None:
    key = {"profile_id": profile_id, "path_slug": path_slug, "prerequisite_slug": slug}
    return session.get(PrerequisiteState, key)
