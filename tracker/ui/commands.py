"""Undo commands: each is one learner action, applied and reverted through the services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from tracker.errors import TrackerError

if TYPE_CHECKING:
    from tracker.ui.shell.context import AppContext

NOTES_COMMAND_ID = 1001


def tr(text: str) -> str:
    return QCoreApplication.translate("commands", text)


class ServiceCommand(QUndoCommand):
    """A change made through the services; ``AppContext.perform`` applies it once, then pushes.

    Subclasses implement ``apply`` (do it, remembering what was there) and ``revert``.
    QUndoStack calls ``redo`` on push: the first call is skipped because ``perform`` already
    applied the change. A failing undo/redo reports the error and refreshes the pages.
    """

    def __init__(self, context: AppContext, text: str) -> None:
        super().__init__(text)
        self.context = context
        self.path_slug = context.path_slug
        self._applied_by_perform = False

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def mark_applied(self) -> None:
        self._applied_by_perform = True

    def redo(self) -> None:
        if self._applied_by_perform:
            self._applied_by_perform = False
            return
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, step: Any) -> None:
        try:
            step()
        except TrackerError as exc:
            self.setObsolete(True)
            self.context.report_failure(exc)
            return
        self.context.notify_saved()


class SetResourceFieldCommand(ServiceCommand):
    """Set a resource's status, rating or notes (CatalogService setters return the old value)."""

    def __init__(
        self, context: AppContext, slug: str, title: str, field: str, value: Any, text: str = ""
    ) -> None:
        labels = {
            "status": tr("Set status of %s"),
            "rating": tr("Rate %s"),
            "notes": tr("Edit notes on %s"),
        }
        super().__init__(context, text or labels[field] % title)
        self.slug = slug
        self.field = field
        self.value = value
        self.previous: Any = None

    def _setter(self) -> Any:
        catalog = self.context.services.catalog
        return {
            "status": catalog.set_status,
            "rating": catalog.set_rating,
            "notes": catalog.set_notes,
        }[self.field]

    def apply(self) -> None:
        self.previous = self._setter()(self.path_slug, self.slug, self.value)

    def revert(self) -> None:
        self._setter()(self.path_slug, self.slug, self.previous)


class SetNotesCommand(SetResourceFieldCommand):
    """One note-editing session: debounced saves of the same session merge into one step."""

    def __init__(
        self, context: AppContext, slug: str, title: str, notes: str, session: int
    ) -> None:
        super().__init__(context, slug, title, "notes", notes)
        self.session = session

    def id(self) -> int:
        return NOTES_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetNotesCommand):
            return False
        if other.slug != self.slug or other.session != self.session:
            return False
        if other.path_slug != self.path_slug:
            return False
        self.value = other.value  # keep our ``previous``: the text before the session began
        return True


class AddOwnResourceCommand(ServiceCommand):
    """Add the learner's own resource; undo deletes it."""

    def __init__(self, context: AppContext, fields: dict[str, Any]) -> None:
        super().__init__(context, tr("Add %s") % fields.get("title", ""))
        self.fields = fields
        self.slug = ""

    def apply(self) -> None:
        self.slug = self.context.services.catalog.add_own_resource(self.path_slug, self.fields)

    def revert(self) -> None:
        self.context.services.catalog.delete_own_resource(self.path_slug, self.slug)
