"""What a learner adds beside a pack (own resources, own offers): slugs, field checks, and
add, edit and remove, each in the event log. One helper for every such kind of item."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from tracker.clock import utcnow
from tracker.domain.actions import Action
from tracker.domain.enums import ItemKind
from tracker.errors import NotFoundError
from tracker.storage import owned as owned_store
from tracker.storage.events import record_event
from tracker.storage.models import Offer, OwnOffer, OwnResource, Resource
from tracker.storage.store import require_path
from tracker.wording import Sentence, say

OWN_PREFIX = "own-"
"""Every own item's slug starts so: it never takes a pack item's place."""


def slugify(title: str) -> str:
    """``"Corey's Flask series"`` -> ``"corey-s-flask-series"`` (at most 100 characters)."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:100] or "resource"


def free_slug(title: str, taken: set[str]) -> str:
    """An own item's slug from its title, numbered (``-2``, ``-3``...) past those taken."""
    base = OWN_PREFIX + slugify(title)
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def validation_message(exc: ValidationError) -> str:
    """One readable line per field problem of a learner's input."""
    parts = []
    for error in exc.errors(include_url=False):
        name = ".".join(str(part) for part in error["loc"]) or "value"
        parts.append(f"{name}: {error['msg']}")
    return "; ".join(parts)


@dataclass(frozen=True)
class OwnedKind:
    """One kind of learner-owned item: where it is stored, how it is checked and logged."""

    item_kind: ItemKind
    model: type[OwnResource] | type[OwnOffer]
    pack_model: type[Resource] | type[Offer]
    """The pack's items of the same kind: an own item never reuses one of their slugs."""
    fields: tuple[str, ...]
    """Every field the learner gives, title first."""
    check: Callable[[Mapping[str, Any]], dict[str, Any]]
    """The learner's input as stored values; raises InvalidInputError with what is wrong."""
    added: Action
    edited: Action
    deleted: Action
    not_yours: Sentence
    """Says a slug is not one of the learner's own items: ``{slug}`` and ``{path}`` filled."""
    fixed: Mapping[str, Any] = field(default_factory=dict)
    """Columns an own item always has (an own offer is never a generic approach)."""


class OwnedItems:
    """Add, edit and remove one learner's own items of one kind, in the caller's transaction."""

    def __init__(self, kind: OwnedKind, profile_id: int) -> None:
        self.kind = kind
        self._profile_id = profile_id

    def checked(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        """The learner's input as stored values (before any transaction)."""
        return self.kind.check(fields)

    def add(self, session: Session, path_slug: str, values: Mapping[str, Any]) -> str:
        """Store a new own item under a slug made from its title; return the slug."""
        path = require_path(session, path_slug)
        taken = owned_store.taken_slugs(
            session,
            self.kind.model,
            self.kind.pack_model,
            path_id=path.id,
            profile_id=self._profile_id,
            path_slug=path_slug,
        )
        slug = free_slug(str(values["title"]), taken)
        owned_store.add(
            session,
            self.kind.model,
            profile_id=self._profile_id,
            path_slug=path_slug,
            slug=slug,
            values={**values, **self.kind.fixed},
            now=utcnow(),
        )
        self._log(session, self.kind.added, path_slug, slug, new=dict(values))
        return slug

    def edit(
        self, session: Session, path_slug: str, slug: str, values: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Change an own item's fields; return their previous values."""
        row = self.require(session, path_slug, slug)
        old = owned_store.fields_of(row, tuple(values))
        changed = {key: value for key, value in values.items() if old[key] != value}
        for key, value in changed.items():
            setattr(row, key, value)
        if changed:
            self._log(
                session,
                self.kind.edited,
                path_slug,
                slug,
                old={key: old[key] for key in changed},
                new=changed,
            )
        return old

    def remove(self, session: Session, path_slug: str, slug: str) -> dict[str, Any]:
        """Delete an own item (what the learner did with it stays in the log); return its
        fields."""
        row = self.require(session, path_slug, slug)
        old = owned_store.fields_of(row, self.kind.fields)
        session.delete(row)
        self._log(session, self.kind.deleted, path_slug, slug, old=old)
        return old

    def require(self, session: Session, path_slug: str, slug: str) -> OwnResource | OwnOffer:
        """The own item ``slug``, or NotFoundError saying it is not one."""
        require_path(session, path_slug)
        row = owned_store.find(
            session, self.kind.model, profile_id=self._profile_id, path_slug=path_slug, slug=slug
        )
        if row is None:
            raise NotFoundError(say(self.kind.not_yours, slug=repr(slug), path=repr(path_slug)))
        return row

    def _log(
        self,
        session: Session,
        action: Action,
        path_slug: str,
        slug: str,
        *,
        old: Any = None,
        new: Any = None,
    ) -> None:
        record_event(
            session,
            self._profile_id,
            action,
            path_slug=path_slug,
            item_kind=self.kind.item_kind.value,
            item_slug=slug,
            old=old,
            new=new,
        )
