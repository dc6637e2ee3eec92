"""The comparison's rows: the learner's situation, pack and own offers, the choice, the tables.

Functions over the caller's Session; each query is built by a ``*_statement`` function so it
can be compiled for any dialect (portable SQLAlchemy only: named binds, boolean expressions).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from tracker.storage.models import Comparison, Decision, Offer, OwnOffer, Situation

# --- statements --------------------------------------------------------------------------------


def pack_offers_statement(path_id: int) -> Select[Offer]:
    """The pack's offers of a path (generic approaches included), in pack order."""
    return (
        select(Offer)
        .where(Offer.path_id == path_id, Offer.archived.is_(False))
        .order_by(Offer.position)
    )


def own_offers_statement(profile_id: int, path_slug: str) -> Select[OwnOffer]:
    """A learner's own offers on a path, oldest first."""
    return (
        select(OwnOffer)
        .where(OwnOffer.profile_id == profile_id, OwnOffer.path_slug == path_slug)
        .order_by(OwnOffer.id)
    )


def own_offer_statement(profile_id: int, path_slug: str, slug: str) -> Select[OwnOffer]:
    return select(OwnOffer).where(
        OwnOffer.profile_id == profile_id,
        OwnOffer.path_slug == path_slug,
        OwnOffer.slug == slug,
    )


def own_slugs_statement(profile_id: int, path_slug: str) -> Select[str]:
    return select(OwnOffer.slug).where(
        OwnOffer.profile_id == profile_id, OwnOffer.path_slug == path_slug
    )


def pack_slugs_statement(path_id: int) -> Select[str]:
    """Every pack offer's slug on a path, archived ones too (a slug is never reused)."""
    return select(Offer.slug).where(Offer.path_id == path_id)


def comparisons_statement(path_id: int) -> Select[Comparison]:
    """The comparison tables a path's pack ships, in pack order."""
    return (
        select(Comparison)
        .where(Comparison.path_id == path_id, Comparison.archived.is_(False))
        .order_by(Comparison.position)
    )


# --- reading -----------------------------------------------------------------------------------


def situation(session: Session, profile_id: int) -> Situation | None:
    return session.get(Situation, profile_id)


def offers(
    session: Session, profile_id: int, path_id: int, path_slug: str
) -> list[Offer | OwnOffer]:
    """The pack's offers, then the learner's own."""
    rows: list[Offer | OwnOffer] = list(session.scalars(pack_offers_statement(path_id)))
    rows += session.scalars(own_offers_statement(profile_id, path_slug))
    return rows


def own_offer(session: Session, profile_id: int, path_slug: str, slug: str) -> OwnOffer | None:
    return session.scalar(own_offer_statement(profile_id, path_slug, slug))


def taken_slugs(session: Session, profile_id: int, path_id: int, path_slug: str) -> set[str]:
    """Every option slug in use on a path: the pack's and the learner's own."""
    return set(session.scalars(own_slugs_statement(profile_id, path_slug))) | set(
        session.scalars(pack_slugs_statement(path_id))
    )


def decision(session: Session, profile_id: int, path_slug: str) -> Decision | None:
    return session.get(Decision, {"profile_id": profile_id, "path_slug": path_slug})


def comparisons(session: Session, path_id: int) -> list[Comparison]:
    return list(session.scalars(comparisons_statement(path_id)))


# --- writing -----------------------------------------------------------------------------------


def situation_for_update(session: Session, profile_id: int, now: datetime) -> Situation:
    """The learner's situation row, created empty (USD, default weights) if there is none."""
    row = session.get(Situation, profile_id)
    if row is None:
        row = Situation(
            profile_id=profile_id,
            currency="USD",
            weights={},
            streaks_enabled=False,
            changed_at=now,
        )
        session.add(row)
    return row


def set_situation_fields(
    session: Session, row: Situation, values: Mapping[str, Any], now: datetime
) -> None:
    for name, value in values.items():
        setattr(row, name, value)
    row.changed_at = now


def add_own_offer(
    session: Session,
    profile_id: int,
    path_slug: str,
    slug: str,
    values: Mapping[str, Any],
    now: datetime,
) -> None:
    session.add(
        OwnOffer(
            profile_id=profile_id,
            path_slug=path_slug,
            slug=slug,
            generic=False,
            created_at=now,
            **values,
        )
    )


def update_own_offer(session: Session, row: OwnOffer, values: Mapping[str, Any]) -> None:
    for name, value in values.items():
        setattr(row, name, value)


def remove(session: Session, row: OwnOffer | Decision) -> None:
    session.delete(row)


def put_decision(
    session: Session,
    profile_id: int,
    path_slug: str,
    option_slug: str,
    ranking: Sequence[Mapping[str, Any]],
    at: datetime,
) -> str | None:
    """Record the choice of ``option_slug``; return the option chosen before, if any."""
    row = decision(session, profile_id, path_slug)
    previous = None if row is None else row.option_slug
    if row is None:
        row = Decision(profile_id=profile_id, path_slug=path_slug)
        session.add(row)
    row.option_slug = option_slug
    row.ranking = [dict(entry) for entry in ranking]
    row.decided_at = at
    return previous
