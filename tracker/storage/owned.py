"""Rows a learner added beside a pack's (own resources, own offers): find, list slugs, add."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from tracker.storage.models import Offer, OwnOffer, OwnResource, Resource

OwnModel = type[OwnResource] | type[OwnOffer]
PackModel = type[Resource] | type[Offer]


def find(
    session: Session, model: OwnModel, *, profile_id: int, path_slug: str, slug: str
) -> OwnResource | OwnOffer | None:
    """The learner's own item ``slug`` on the path, or None."""
    row = session.scalars(
        select(model).where(
            model.profile_id == profile_id, model.path_slug == path_slug, model.slug == slug
        )
    ).first()
    assert row is None or isinstance(row, (OwnResource, OwnOffer))
    return row


def taken_slugs(
    session: Session,
    model: OwnModel,
    pack_model: PackModel,
    *,
    path_id: int,
    profile_id: int,
    path_slug: str,
) -> set[str]:
    """Every slug an item of this kind has on the path: the pack's (archived too) and the
    learner's own."""
    own = select(model.slug).where(model.profile_id == profile_id, model.path_slug == path_slug)
    pack = select(pack_model.slug).where(pack_model.path_id == path_id)
    return set(session.scalars(union(own, pack)))


def add(
    session: Session,
    model: OwnModel,
    *,
    profile_id: int,
    path_slug: str,
    slug: str,
    values: Mapping[str, Any],
    now: datetime,
) -> OwnResource | OwnOffer:
    """Add the learner's own item through the session (flushed: it has its id)."""
    row = model(profile_id=profile_id, path_slug=path_slug, slug=slug, created_at=now, **values)
    session.add(row)
    session.flush()
    return row


def fields_of(row: OwnResource | OwnOffer, names: tuple[str, ...]) -> dict[str, Any]:
    """The named fields of a row as plain values."""
    return {name: getattr(row, name) for name in names}
