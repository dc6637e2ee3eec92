"""Undo commands of the Compare page: situation, weights, offers and "my choice", via services."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from tracker.ui.commands import ServiceCommand

if TYPE_CHECKING:
    from tracker.domain.choosing import Criterion, Situation
    from tracker.services.choosing import Choice, ChoosingService
    from tracker.ui.shell.context import AppContext


STEPPED_FIELD_COMMAND_ID = 1101
STEPPED_FIELDS = frozenset({"hours_per_week"})
"""Fields changed in small steps (a spin box's arrow keys): a run of steps is one undo step."""


def tr(text: str) -> str:
    return QCoreApplication.translate("choose_commands", text)


def _plain(value: Any) -> Any:
    """A situation value as ``set_situation`` takes it back (enum members as their strings)."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


class _ChoosingCommand(ServiceCommand):
    @property
    def choosing(self) -> ChoosingService:
        return self.context.services.choosing


class SetSituationCommand(_ChoosingCommand):
    """Change fields of the learner's situation; undo puts the previous values back."""

    def __init__(self, context: AppContext, changes: Mapping[str, Any], label: str) -> None:
        super().__init__(context, tr("Change %s") % label)
        self.changes = dict(changes)
        self.previous: dict[str, Any] = {}

    def apply(self) -> None:
        before: Situation = self.choosing.set_situation(**self.changes)
        self.previous = {name: _plain(getattr(before, name)) for name in self.changes}

    def revert(self) -> None:
        self.choosing.set_situation(**self.previous)

    def id(self) -> int:
        return STEPPED_FIELD_COMMAND_ID if set(self.changes) <= STEPPED_FIELDS else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetSituationCommand) or other.id() != self.id():
            return False
        if set(other.changes) != set(self.changes) or other.path_slug != self.path_slug:
            return False
        self.changes = dict(other.changes)  # keep our ``previous``: the value before the run
        return True


class SetWeightsCommand(_ChoosingCommand):
    """Set criterion weights (one slider release, or a reset); undo restores the old ones."""

    def __init__(self, context: AppContext, weights: Mapping[Criterion, int], text: str) -> None:
        super().__init__(context, text)
        self.weights = {criterion.value: value for criterion, value in weights.items()}
        self.previous: dict[str, int] = {}

    def apply(self) -> None:
        before = self.choosing.set_weights(self.weights)
        self.previous = {criterion.value: value for criterion, value in before.items()}

    def revert(self) -> None:
        self.choosing.set_weights(self.previous)


class AddOfferCommand(_ChoosingCommand):
    """Add one of the learner's offers; undo deletes it, redo puts it back under its slug."""

    def __init__(self, context: AppContext, fields: Mapping[str, Any]) -> None:
        super().__init__(context, tr("Add %s") % fields.get("title", ""))
        self.fields = dict(fields)
        self.slug = ""

    def first_apply(self) -> str:
        return self.choosing.add_offer(self.path_slug, self.fields)

    def apply(self) -> None:
        if self.slug:
            self.choosing.restore_offer(self.path_slug, self.slug, self.fields)
        else:
            self.slug = self.first_apply()

    def revert(self) -> None:
        self.choosing.delete_offer(self.path_slug, self.slug)


class DuplicateOfferCommand(AddOfferCommand):
    """Copy any option into a new own offer; undo deletes the copy."""

    def __init__(self, context: AppContext, source_slug: str, title: str) -> None:
        super().__init__(context, {"title": title})
        self.setText(tr("Duplicate %s") % title)
        self.source_slug = source_slug

    def first_apply(self) -> str:
        from tracker.services.choosing import offer_fields

        slug = self.choosing.duplicate_offer(self.path_slug, self.source_slug)
        self.fields = offer_fields(self.choosing.option(self.path_slug, slug))
        return slug


class EditOfferCommand(_ChoosingCommand):
    """Change one of the learner's offers; undo puts its previous fields back."""

    def __init__(self, context: AppContext, slug: str, fields: Mapping[str, Any]) -> None:
        super().__init__(context, tr("Edit %s") % fields.get("title", slug))
        self.slug = slug
        self.fields = dict(fields)
        self.previous: dict[str, Any] = {}

    def apply(self) -> None:
        self.previous = self.choosing.update_offer(self.path_slug, self.slug, self.fields)

    def revert(self) -> None:
        self.choosing.update_offer(self.path_slug, self.slug, self.previous)


class DeleteOfferCommand(_ChoosingCommand):
    """Delete one of the learner's offers; undo restores it, with the choice it may have been."""

    def __init__(self, context: AppContext, slug: str, title: str) -> None:
        super().__init__(context, tr("Delete %s") % title)
        self.slug = slug
        self.fields: dict[str, Any] = {}
        self.choice: Choice | None = None

    def apply(self) -> None:
        choice = self.choosing.choice(self.path_slug)
        self.choice = choice if choice is not None and choice.option_slug == self.slug else None
        self.fields = self.choosing.delete_offer(self.path_slug, self.slug)

    def revert(self) -> None:
        self.choosing.restore_offer(self.path_slug, self.slug, self.fields, self.choice)


class ChooseCommand(_ChoosingCommand):
    """Mark an option as "my choice" (with today's ranking); undo restores the previous choice."""

    def __init__(self, context: AppContext, slug: str, title: str) -> None:
        super().__init__(context, tr("Choose %s") % title)
        self.slug = slug
        self.previous: Choice | None = None
        self.made: Choice | None = None

    def apply(self) -> None:
        if self.made is not None:  # redo: the very choice made first, with its ranking
            self.choosing.restore_choice(self.path_slug, self.made)
            return
        self.previous = self.choosing.choice(self.path_slug)
        self.made = self.choosing.choose(self.path_slug, self.slug)

    def revert(self) -> None:
        self.choosing.restore_choice(self.path_slug, self.previous)
