"""The one helper for learner-owned items serves any kind: own resources and own offers alike."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tracker.domain.actions import Action
from tracker.domain.enums import ItemKind
from tracker.errors import NotFoundError
from tracker.services.choosing_input import OFFER_FIELDS, validate_offer
from tracker.services.owned import OwnedItems, OwnedKind
from tracker.storage.models import Offer, OwnOffer
from tracker.wiring import Services
from tracker.wording import QT_TRANSLATE_NOOP

OWN_OFFERS = OwnedKind(
    item_kind=ItemKind.OFFER,
    model=OwnOffer,
    pack_model=Offer,
    fields=("title", *OFFER_FIELDS),
    check=validate_offer,
    added=Action.OFFER_ADDED,
    edited=Action.OFFER_EDITED,
    deleted=Action.OFFER_DELETED,
    not_yours=QT_TRANSLATE_NOOP("Test", "{slug} is not one of your own offers in {path}."),
    fixed={"generic": False},
)


def test_own_offers_are_added_edited_and_removed_with_their_log_entries(
    services: Services,
) -> None:
    offers = OwnedItems(OWN_OFFERS, services.profile_id)
    values = offers.checked({"title": "Self-study", "cost": 900, "url": ""})
    with services.store.transaction() as session:
        slug = offers.add(session, "flask", values)
        assert slug == "own-self-study"
        assert offers.add(session, "flask", values) == "own-self-study-2"
        old = offers.edit(session, "flask", slug, {**values, "cost": 1200.0})
        assert old["cost"] == 900
        removed = offers.remove(session, "flask", "own-self-study-2")
        assert removed["title"] == "Self-study"
        row = session.scalar(select(OwnOffer).where(OwnOffer.slug == slug))
        assert row is not None and row.generic is False and row.cost == 1200
        with pytest.raises(NotFoundError, match="'self-study' is not one of your own offers"):
            offers.remove(session, "flask", "self-study")
    events = services.progress.recent_events(path_slug="flask")
    assert [(e.action, e.item_kind, e.item_slug) for e in events] == [
        ("offer.deleted", "offer", "own-self-study-2"),
        ("offer.edited", "offer", "own-self-study"),
        ("offer.added", "offer", "own-self-study-2"),
        ("offer.added", "offer", "own-self-study"),
    ]
    assert [o.slug for o in services.choosing.options("flask") if o.own] == ["own-self-study"]
