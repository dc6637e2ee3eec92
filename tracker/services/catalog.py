"""The resource catalog: a path's resources and the learner's own, with status, rating and notes."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from tracker.clock import utcnow
from tracker.domain.actions import Action
from tracker.domain.changes import OpResult
from tracker.domain.enums import ItemKind, ResourceStatus
from tracker.domain.views import ResourceView
from tracker.errors import InvalidInputError, NotFoundError
from tracker.packs.schema import ResourceSpec
from tracker.perf import collector_paused
from tracker.services.catalog_rows import NO_PROGRESS, readable_progress, views_of
from tracker.services.operations import Operation, Operations
from tracker.services.owned import (
    OWN_PREFIX,
    OwnedItems,
    OwnedKind,
    slugify,
    validation_message,
)
from tracker.services.records import MAX_NOTES_CHARS
from tracker.storage import catalog as catalog_store
from tracker.storage.catalog import RESOURCE_FIELDS, CatalogScope, RowFilter
from tracker.storage.events import record_event
from tracker.storage.models import OwnResource, Resource
from tracker.storage.search import search_slugs
from tracker.storage.store import Store, require_path
from tracker.wording import QT_TRANSLATE_NOOP, say

__all__ = [
    "OWN_PREFIX",
    "RESOURCE_FIELDS",
    "CatalogService",
    "check_resource_fields",
    "slugify",
]

MARK = {
    ResourceStatus.PLANNED.value: QT_TRANSLATE_NOOP("Catalog", "Mark {title} planned"),
    ResourceStatus.IN_PROGRESS.value: QT_TRANSLATE_NOOP("Catalog", "Mark {title} in progress"),
    ResourceStatus.DONE.value: QT_TRANSLATE_NOOP("Catalog", "Mark {title} done"),
    ResourceStatus.SKIPPED.value: QT_TRANSLATE_NOOP("Catalog", "Mark {title} skipped"),
}
CLEAR_STATUS = QT_TRANSLATE_NOOP("Catalog", "Clear the status of {title}")
RATE_ONE = QT_TRANSLATE_NOOP("Catalog", "Rate {title} 1 star")
RATE = QT_TRANSLATE_NOOP("Catalog", "Rate {title} {stars} stars")
CLEAR_RATING = QT_TRANSLATE_NOOP("Catalog", "Clear the rating of {title}")
EDIT_NOTES = QT_TRANSLATE_NOOP("Catalog", "Edit notes on {title}")
ADD = QT_TRANSLATE_NOOP("Catalog", "Add {title}")
EDIT = QT_TRANSLATE_NOOP("Catalog", "Edit {title}")
REMOVE = QT_TRANSLATE_NOOP("Catalog", "Remove {title}")
UNKNOWN_STATUS = QT_TRANSLATE_NOOP("Catalog", "Unknown status {status}; use one of: {allowed}.")
BAD_RATING = QT_TRANSLATE_NOOP("Catalog", "A rating is 1 to 5 stars, not {rating}.")
LONG_NOTES = QT_TRANSLATE_NOOP("Catalog", "Notes are limited to {limit} characters.")
NO_RESOURCE = QT_TRANSLATE_NOOP("Catalog", "There is no resource {slug} in the {path} path.")
NOT_SAVED = QT_TRANSLATE_NOOP("Catalog", "The resource was not saved: {problems}")
NOT_OWN = QT_TRANSLATE_NOOP("Catalog", "{slug} is not one of your own resources in {path}.")


def check_resource_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A learner's own resource as stored values (an article unless told otherwise)."""
    data = {key: value for key, value in fields.items() if value is not None}
    data.setdefault("kind", "article")
    try:
        spec = ResourceSpec.model_validate({"slug": "own", **data})
    except ValidationError as exc:
        raise InvalidInputError(say(NOT_SAVED, problems=validation_message(exc))) from None
    dumped = spec.model_dump(mode="json")
    return {key: dumped[key] for key in ("title", *RESOURCE_FIELDS)}


OWN_RESOURCES = OwnedKind(
    item_kind=ItemKind.RESOURCE,
    model=OwnResource,
    pack_model=Resource,
    fields=("title", *RESOURCE_FIELDS),
    check=check_resource_fields,
    added=Action.RESOURCE_ADDED,
    edited=Action.RESOURCE_EDITED,
    deleted=Action.RESOURCE_DELETED,
    not_yours=NOT_OWN,
)


LearnerState = dict[str, tuple[Any, ...]]
"""What the learner did per resource: (status, rating, notes, minutes) by slug."""


@dataclass(frozen=True)
class CatalogSnapshot:
    """What the catalog page shows, read in one transaction.

    ``rows`` are the first rows of the catalog when its content changed (or was not known),
    else only the rows whose learner state changed (``changed``): a status click reads one row.
    """

    stamp: tuple[Any, ...]
    learner: LearnerState
    rows: list[ResourceView]
    fresh: bool
    """True: ``rows`` start the catalog anew; False: they replace rows already shown."""
    changed: frozenset[str] = frozenset()


class CatalogService:
    """A learner's view of a path's catalog."""

    def __init__(self, store: Store, profile_id: int, operations: Operations) -> None:
        self._store = store
        self._profile_id = profile_id
        self._ops = operations
        self._own = OwnedItems(OWN_RESOURCES, profile_id)

    def resources(
        self,
        path_slug: str,
        *,
        limit: int | None = None,
        status: str | Collection[str] | None = None,
        slugs: Collection[str] | None = None,
        teaching: bool = False,
        texts: list[str] | None = None,
    ) -> list[ResourceView]:
        """Every active resource of the path, then the learner's own, with their progress.

        Built for big catalogs: the rows are read as plain tuples in one query per kind and
        turned straight into views. ``limit`` gives only the first rows in catalog order (a
        first screenful to paint at once while the whole catalog loads); ``status`` only the
        resources with that status or one of those statuses (e.g. those in progress, for a
        dashboard); ``slugs`` only those slugs (titles for an activity list); ``teaching`` only
        the resources that teach some prerequisite. Filters combine; none builds every row.

        ``texts`` (an empty list) receives each row's search text (:func:`search_text`:
        lowercase title, provider, tags, description and notes), and the views then leave their
        description and URL empty: a table of 100k rows holds what it shows and each description
        once. :meth:`resource` gives one resource in full (a detail pane).
        """
        with self._store.reading() as session, collector_paused():
            return self._resources(
                session,
                path_slug,
                limit=limit,
                status=status,
                slugs=slugs,
                teaching=teaching,
                texts=texts,
            )

    def _resources(
        self,
        session: Session,
        path_slug: str,
        *,
        limit: int | None = None,
        status: str | Collection[str] | None = None,
        slugs: Collection[str] | None = None,
        teaching: bool = False,
        texts: list[str] | None = None,
    ) -> list[ResourceView]:
        scope = self._scope(session, path_slug)
        progress, minutes = self._learner_rows(session, scope)
        statuses = None
        if status is not None:
            wanted = {status} if isinstance(status, str) else set(status)
            statuses = frozenset(s.value for s in ResourceStatus if s.value in wanted)
        rows = RowFilter(statuses, None if slugs is None else frozenset(slugs), teaching)
        pack_rows = catalog_store.pack_rows(session, scope, rows, limit)
        views = list(views_of(pack_rows, False, progress, minutes, texts))  # streamed
        left = None if limit is None else max(limit - len(views), 0)
        own_rows = catalog_store.own_rows(session, scope, rows, left)
        views.extend(views_of(own_rows, True, progress, minutes, texts))
        return views

    def _scope(self, session: Session, path_slug: str) -> CatalogScope:
        path = require_path(session, path_slug)
        return CatalogScope(path.id, path_slug, self._profile_id)

    @staticmethod
    def _learner_rows(
        session: Session, scope: CatalogScope
    ) -> tuple[dict[str, tuple[str | None, int | None, str]], dict[str | None, int]]:
        """The learner's status, rating and notes per resource, and minutes studied on each."""
        progress = {
            slug: readable_progress(status, rating, notes)
            for slug, status, rating, notes in catalog_store.progress_rows(session, scope)
        }
        return progress, catalog_store.minutes_by_resource(session, scope)

    def learner_state(self, path_slug: str) -> LearnerState:
        """What the learner did per resource: (status, rating, notes, minutes) by slug.

        Only resources with some progress or time are listed (a few rows, not the catalog):
        a view holding every row compares it with the last one to update the changed rows.
        """
        with self._store.reading() as session:
            return self._learner_state(session, self._scope(session, path_slug))

    def _learner_state(self, session: Session, scope: CatalogScope) -> LearnerState:
        progress, minutes = self._learner_rows(session, scope)
        state: LearnerState = {}
        for slug in {*progress, *(s for s in minutes if s is not None)}:
            status, rating, notes = progress.get(slug, NO_PROGRESS)
            state[slug] = (status, rating, notes, int(minutes.get(slug) or 0))
        return state

    def _content_stamp(self, session: Session, path_slug: str) -> tuple[Any, ...]:
        """A value that changes whenever the path's catalog content changes (an import, an own
        resource added, edited or deleted), but not with the learner's progress on it."""
        path = require_path(session, path_slug)
        own = catalog_store.own_rows_stamp(
            session, CatalogScope(path.id, path_slug, self._profile_id)
        )
        # the pack's rows change only by an import, which sets imported_at
        return (path.id, path.pack_digest, path.imported_at, own)

    def snapshot(
        self,
        path_slug: str,
        *,
        first: int,
        known_stamp: tuple[Any, ...] = (),
        known_learner: LearnerState | None = None,
    ) -> CatalogSnapshot:
        """What a catalog view needs after a change, in one read transaction.

        With the stamp and learner state the view last had (``known_*``), and the content
        unchanged: only the rows whose learner state changed. Otherwise: up to ``first`` + 1
        rows from the top (more than ``first`` tells the view the catalog has more rows).
        """
        with self._store.reading() as session, collector_paused():
            stamp = self._content_stamp(session, path_slug)
            scope = self._scope(session, path_slug)
            learner = self._learner_state(session, scope)
            if stamp == known_stamp and known_learner is not None:
                changed = frozenset(
                    slug
                    for slug in {*learner, *known_learner}
                    if learner.get(slug) != known_learner.get(slug)
                )
                rows = self._resources(session, path_slug, slugs=changed) if changed else []
                return CatalogSnapshot(stamp, learner, rows, False, changed)
            rows = self._resources(session, path_slug, limit=first + 1)
            return CatalogSnapshot(stamp, learner, rows, True)

    def status_counts(self, path_slug: str) -> tuple[int, dict[str, int]]:
        """How many resources the catalog shows, and how many of them have each status.

        Counted in SQL (what :meth:`resources` would show, without building 100k views), for
        summaries and dashboards.
        """
        with self._store.reading() as session:
            scope = self._scope(session, path_slug)
            total = catalog_store.shown_count(session, scope)
            return total, catalog_store.status_counts(session, scope)

    def search(self, path_slug: str, query: str, *, use_index: bool = True) -> list[str]:
        """Slugs of the resources matching ``query``, in catalog order (as :meth:`resources`).

        Every word must occur in the title, provider, tags, description or the learner's own
        notes; the last word may be unfinished (a prefix). Any text is a valid query: quotes,
        operators and punctuation only separate words. Uses the database's search index where
        it has one, else a portable search (``use_index=False`` forces that; the answers are the
        same).
        """
        with self._store.reading() as session:
            scope = self._scope(session, path_slug)
            return search_slugs(session, scope, query, use_index=use_index)

    def resource(self, path_slug: str, slug: str) -> ResourceView:
        for view in self.resources(path_slug, slugs=(slug,)):
            return view
        raise NotFoundError(say(NO_RESOURCE, slug=repr(slug), path=repr(path_slug)))

    # --- the learner's progress on a resource -----------------------------------------------

    def set_status(self, path_slug: str, slug: str, status: str | None) -> OpResult[str | None]:
        """Set planned / in-progress / done / skipped (or None); the value: the previous one."""
        if status is not None:
            try:
                status = ResourceStatus(status).value
            except ValueError:
                allowed = ", ".join(s.value for s in ResourceStatus)
                raise InvalidInputError(
                    say(UNKNOWN_STATUS, status=repr(status), allowed=allowed)
                ) from None

        def label(title: str) -> str:
            return say(CLEAR_STATUS if status is None else MARK[status], title=title)

        return self._set(path_slug, slug, "status", status, Action.RESOURCE_STATUS, label)

    def set_rating(self, path_slug: str, slug: str, rating: int | None) -> OpResult[int | None]:
        """Rate a resource 1 to 5 stars (None clears it); the value: the previous rating."""
        if rating is not None and not 1 <= rating <= 5:
            raise InvalidInputError(say(BAD_RATING, rating=rating))

        def label(title: str) -> str:
            if rating is None:
                return say(CLEAR_RATING, title=title)
            return say(RATE_ONE if rating == 1 else RATE, title=title, stars=rating)

        return self._set(path_slug, slug, "rating", rating, Action.RESOURCE_RATING, label)

    def set_notes(
        self, path_slug: str, slug: str, notes: str, *, typing_session: str | None = None
    ) -> OpResult[str]:
        """Replace the learner's notes on a resource; the value: the previous notes.

        Saves with the same ``typing_session`` (the window gives one per stretch of typing in
        the notes box) that follow within five minutes are one undo step.
        """
        if len(notes) > MAX_NOTES_CHARS:
            raise InvalidInputError(say(LONG_NOTES, limit=f"{MAX_NOTES_CHARS:,}"))
        coalesce = None
        if typing_session is not None:
            coalesce = f"{Action.RESOURCE_NOTES}:{path_slug}:{slug}:{typing_session}"
        return self._set(
            path_slug,
            slug,
            "notes",
            notes,
            Action.RESOURCE_NOTES,
            lambda title: say(EDIT_NOTES, title=title),
            coalesce=coalesce,
        )

    def _set(
        self,
        path_slug: str,
        slug: str,
        field: str,
        value: Any,
        action: Action,
        label: Callable[[str], str],
        *,
        coalesce: str | None = None,
    ) -> OpResult[Any]:
        title = slug

        def work(session: Session) -> Any:
            nonlocal title
            scope = self._scope(session, path_slug)
            found = catalog_store.resource_title(session, scope, slug)
            if found is None:
                raise NotFoundError(say(NO_RESOURCE, slug=repr(slug), path=repr(path_slug)))
            title = found
            now = utcnow()
            old = catalog_store.set_progress(session, scope, slug, field, value, now)
            if old != value:
                record_event(
                    session,
                    self._profile_id,
                    action,
                    path_slug=path_slug,
                    item_kind=ItemKind.RESOURCE.value,
                    item_slug=slug,
                    field=field,
                    old=old,
                    new=value,
                    at=now,
                )
            return old

        operation = Operation(action, lambda: label(title), path_slug=path_slug, coalesce=coalesce)
        return self._ops.run(operation, work)

    # --- the learner's own resources --------------------------------------------------------

    def add_own_resource(self, path_slug: str, fields: Mapping[str, Any]) -> OpResult[str]:
        """Add the learner's own resource to a path (the pack is untouched); the value: its
        slug."""
        values = self._own.checked(fields)
        operation = Operation(
            Action.RESOURCE_ADDED, say(ADD, title=values["title"]), path_slug=path_slug
        )
        return self._ops.run(operation, lambda session: self._own.add(session, path_slug, values))

    def update_own_resource(
        self, path_slug: str, slug: str, fields: Mapping[str, Any]
    ) -> OpResult[dict[str, Any]]:
        """Change a learner's own resource; the value: its previous fields."""
        values = self._own.checked(fields)
        operation = Operation(
            Action.RESOURCE_EDITED, say(EDIT, title=values["title"]), path_slug=path_slug
        )
        return self._ops.run(
            operation, lambda session: self._own.edit(session, path_slug, slug, values)
        )

    def delete_own_resource(self, path_slug: str, slug: str) -> OpResult[dict[str, Any]]:
        """Remove a learner's own resource (its progress stays in the log); the value: its
        fields."""
        removed: dict[str, Any] = {}

        def work(session: Session) -> dict[str, Any]:
            removed.update(self._own.remove(session, path_slug, slug))
            return removed

        operation = Operation(
            Action.RESOURCE_DELETED,
            lambda: say(REMOVE, title=removed.get("title", slug)),
            path_slug=path_slug,
        )
        return self._ops.run(operation, work)
