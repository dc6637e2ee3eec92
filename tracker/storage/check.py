"""What "Check database" reads: row counts, the schema revision and the keys of learner rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import column, func, select, table
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from tracker.errors import StorageError
from tracker.storage.models import (
    Base,
    Decision,
    LearningPath,
    Offer,
    OwnOffer,
    OwnResource,
    Prerequisite,
    PrerequisiteState,
    Resource,
    ResourceProgress,
    StudySession,
)

Key = tuple[str, str]
_ALEMBIC_VERSION = table("alembic_version", column("version_num"))


@dataclass(frozen=True)
class Survey:
    """Counts, the revision, the installed content's keys and the learner rows' keys."""

    counts: dict[str, int]
    revision: str | None
    paths: frozenset[str]
    prerequisites: frozenset[Key]
    resources: frozenset[Key]  # the packs' and the learner's own
    offers: frozenset[Key]  # the packs' and the learner's own
    states: list[Key] = field(default_factory=list)
    progress: list[Key] = field(default_factory=list)
    decisions: list[Key] = field(default_factory=list)
    logged: list[tuple[str, str | None, str]] = field(default_factory=list)


def survey(session: Session) -> Survey:
    """Read everything the check needs in ``session``; a failure is a StorageError."""
    try:
        return _survey(session)
    except SQLAlchemyError as exc:
        raise StorageError(str(exc).splitlines()[0]) from exc


def _survey(session: Session) -> Survey:
    counts = {
        t.name: int(session.scalar(select(func.count()).select_from(t)) or 0)
        for t in Base.metadata.sorted_tables
    }
    revision = session.scalar(select(_ALEMBIC_VERSION.c.version_num))
    slug_of = {
        int(path_id): str(slug)
        for slug, path_id in session.execute(select(LearningPath.slug, LearningPath.id))
    }

    def content(model: type[Prerequisite] | type[Resource] | type[Offer]) -> set[Key]:
        rows = session.execute(select(model.path_id, model.slug))
        return {(slug_of[path_id], slug) for path_id, slug in rows if path_id in slug_of}

    def pairs(*columns: object) -> list[Key]:
        return [(str(a), str(b)) for a, b in session.execute(select(*columns))]  # type: ignore[call-overload]

    logged = session.execute(
        select(StudySession.path_slug, StudySession.item_kind, StudySession.item_slug)
        .where(StudySession.item_slug.is_not(None))
        .distinct()
    )
    return Survey(
        counts,
        None if revision is None else str(revision),
        frozenset(slug_of.values()),
        frozenset(content(Prerequisite)),
        frozenset(content(Resource) | set(pairs(OwnResource.path_slug, OwnResource.slug))),
        frozenset(content(Offer) | set(pairs(OwnOffer.path_slug, OwnOffer.slug))),
        pairs(PrerequisiteState.path_slug, PrerequisiteState.prerequisite_slug),
        pairs(ResourceProgress.path_slug, ResourceProgress.resource_slug),
        pairs(Decision.path_slug, Decision.option_slug),
        [(str(p), k, str(s)) for p, k, s in logged],
    )
