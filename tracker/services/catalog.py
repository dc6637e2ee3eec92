"""The resource catalog: a path's resources and the learner's own, with status, rating and notes."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from sys import intern
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.clock import utcnow
from tracker.domain.enums import ItemKind, ResourceStatus
from tracker.domain.views import ResourceView, search_text
from tracker.errors import InvalidInputError, NotFoundError
from tracker.packs.schema import ResourceSpec
from tracker.perf import collector_paused
from tracker.services.records import MAX_NOTES_CHARS, ResourceProgressValues, is_readable
from tracker.storage.events import record_event
from tracker.storage.models import OwnResource, Resource, ResourceProgress, StudySession
from tracker.storage.search import search_slugs
from tracker.storage.store import Store, require_path

OWN_PREFIX = "own-"
RESOURCE_FIELDS = (
    "kind",
    "url",
    "provider",
    "cost",
    "currency",
    "duration_hours",
    "duration_weeks",
    "hours_per_week",
    "format",
    "level",
    "approach",
    "teaches",
    "tags",
    "description",
)


_VIEW_COLUMNS = ", ".join(("slug", "title", *RESOURCE_FIELDS))
_NO_PROGRESS: tuple[str | None, int | None, str] = (None, None, "")


def _json_tuple(raw: str | None) -> tuple[str, ...]:
    """A JSON list column as a tuple of interned strings (most are empty: no parsing for those).

    Tags and skill slugs repeat across a catalog: one copy of each in memory, not 100k.
    """
    if not raw or raw == "[]":
        return ()
    return tuple(intern(value) for value in json.loads(raw))


def _views(
    rows: Iterable[Any],
    own: bool,
    progress: Mapping[str, tuple[str | None, int | None, str]],
    minutes: Mapping[str | None, int],
    texts: list[str] | None = None,
) -> Iterator[ResourceView]:
    """Views of raw resource rows (columns in the order of ``_VIEW_COLUMNS``).

    With ``texts``, each row's search text is appended to it and the view leaves its
    description (held once, in the text) and its URL empty.
    """
    for (
        slug,
        title,
        kind,
        url,
        provider,
        cost,
        currency,
        duration_hours,
        duration_weeks,
        hours_per_week,
        format_,
        level,
        approach,
        teaches,
        tags,
        description,
    ) in rows:
        status, rating, notes = progress.get(slug, _NO_PROGRESS)
        tag_words = _json_tuple(tags)
        if texts is not None:
            texts.append(search_text(title, provider, tag_words, description, notes))
            description = url = ""
        yield ResourceView(  # the few repeated words interned: one copy each, not 100k
            slug,
            title,
            intern(kind),
            url,
            intern(provider),
            cost,
            intern(currency),
            duration_hours,
            duration_weeks,
            hours_per_week,
            intern(format_),
            intern(level),
            intern(approach),
            _json_tuple(teaches),
            tag_words,
            description,
            own,
            status,
            rating,
            notes,
            int(minutes.get(slug) or 0),
        )


def _readable_progress(status: Any, rating: Any, notes: Any) -> tuple[str | None, int | None, str]:
    """A learner's stored status, rating and notes; a value that does not fit (a damaged row)
    reads as unset rather than break the catalog."""
    values = {"status": status, "rating": rating, "notes": notes}
    for name, value in values.items():
        if value is not None and not is_readable(ResourceProgressValues, name, value):
            values[name] = None
    return values["status"], values["rating"], values["notes"] or ""


def slugify(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:100] or "resource"


def validation_message(exc: ValidationError) -> str:
    """One readable line per field problem of a learner's input."""
    parts = []
    for error in exc.errors(include_url=False):
        field = ".".join(str(part) for part in error["loc"]) or "value"
        parts.append(f"{field}: {error['msg']}")
    return "; ".join(parts)


class CatalogService:
    """A learner's view of a path's catalog."""

    def __init__(self, store: Store, profile_id: int) -> None:
        self._store = store
        self._profile_id = profile_id

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
            path = require_path(session, path_slug)
            progress, minutes = self._learner_rows(session, path_slug)
            connection = session.connection()
            having = ""
            having_args: tuple[str, ...] = ()
            if status is not None:
                wanted = {status} if isinstance(status, str) else set(status)
                having += " AND slug IN (SELECT value FROM json_each(?))"
                having_args += (json.dumps([k for k, v in progress.items() if v[0] in wanted]),)
            if slugs is not None:
                having += " AND slug IN (SELECT value FROM json_each(?))"
                having_args += (json.dumps(sorted(set(slugs))),)
            if teaching:
                having += " AND teaches != '[]'"
            pack_rows = connection.exec_driver_sql(
                f"SELECT {_VIEW_COLUMNS} FROM resource WHERE path_id = ? AND archived = 0"
                f"{having} ORDER BY position LIMIT ?",
                (path.id, *having_args, -1 if limit is None else limit),
            )
            views = list(
                _views(pack_rows, False, progress, minutes, texts)
            )  # streamed, not fetched
            left = -1 if limit is None else max(limit - len(views), 0)
            own_rows = connection.exec_driver_sql(
                f"SELECT {_VIEW_COLUMNS} FROM own_resource WHERE profile_id = ? AND path_slug = ?"
                f"{having} ORDER BY id LIMIT ?",
                (self._profile_id, path_slug, *having_args, left),
            )
            views.extend(_views(own_rows, True, progress, minutes, texts))
        return views

    def _learner_rows(
        self, session: Session, path_slug: str
    ) -> tuple[dict[str, tuple[str | None, int | None, str]], dict[str | None, int]]:
        """The learner's status, rating and notes per resource, and minutes studied on each."""
        progress = {
            slug: _readable_progress(status, rating, notes)
            for slug, status, rating, notes in session.execute(
                select(
                    ResourceProgress.resource_slug,
                    ResourceProgress.status,
                    ResourceProgress.rating,
                    ResourceProgress.notes,
                ).where(
                    ResourceProgress.profile_id == self._profile_id,
                    ResourceProgress.path_slug == path_slug,
                )
            )
        }
        minutes: dict[str | None, int] = {
            slug: int(total or 0)
            for slug, total in session.execute(
                select(StudySession.item_slug, func.sum(StudySession.minutes))
                .where(
                    StudySession.profile_id == self._profile_id,
                    StudySession.path_slug == path_slug,
                    StudySession.item_kind == ItemKind.RESOURCE.value,
                )
                .group_by(StudySession.item_slug)
            )
        }
        return progress, minutes

    def learner_state(self, path_slug: str) -> dict[str, tuple[Any, ...]]:
        """What the learner did per resource: (status, rating, notes, minutes) by slug.

        Only resources with some progress or time are listed (a few rows, not the catalog):
        a view holding every row compares it with the last one to update the changed rows.
        """
        with self._store.reading() as session:
            progress, minutes = self._learner_rows(session, path_slug)
        state: dict[str, tuple[Any, ...]] = {}
        for slug in {*progress, *(s for s in minutes if s is not None)}:
            status, rating, notes = progress.get(slug, _NO_PROGRESS)
            state[slug] = (status, rating, notes, int(minutes.get(slug) or 0))
        return state

    def content_stamp(self, path_slug: str) -> tuple[Any, ...]:
        """A value that changes whenever the path's catalog content changes (an import, an own
        resource added, edited or deleted), but not with the learner's progress on it."""
        with self._store.reading() as session:
            path = require_path(session, path_slug)
            connection = session.connection()
            own = connection.exec_driver_sql(
                f"SELECT id, {_VIEW_COLUMNS} FROM own_resource "
                "WHERE profile_id = ? AND path_slug = ? ORDER BY id",
                (self._profile_id, path_slug),
            ).all()
            # the pack's rows change only by an import, which sets imported_at
            return (path.id, path.pack_digest, str(path.imported_at), tuple(map(tuple, own)))

    def status_counts(self, path_slug: str) -> tuple[int, dict[str, int]]:
        """How many resources the catalog shows, and how many of them have each status.

        Counted in SQL (what :meth:`resources` would show, without building 100k views), for
        summaries and dashboards.
        """
        with self._store.reading() as session:
            path = require_path(session, path_slug)
            connection = session.connection()
            total = connection.exec_driver_sql(
                "SELECT (SELECT count(*) FROM resource WHERE path_id = ? AND archived = 0) + "
                "(SELECT count(*) FROM own_resource WHERE profile_id = ? AND path_slug = ?)",
                (path.id, self._profile_id, path_slug),
            ).scalar_one()
            by_status = connection.exec_driver_sql(
                "SELECT p.status, count(*) FROM resource_progress p "
                "WHERE p.profile_id = ? AND p.path_slug = ? AND p.status IS NOT NULL AND ("
                "EXISTS (SELECT 1 FROM resource r WHERE r.path_id = ? AND r.archived = 0 "
                "AND r.slug = p.resource_slug) OR EXISTS (SELECT 1 FROM own_resource o "
                "WHERE o.profile_id = p.profile_id AND o.path_slug = p.path_slug "
                "AND o.slug = p.resource_slug)) GROUP BY p.status",
                (self._profile_id, path_slug, path.id),
            ).all()
        return int(total), {str(status): int(count) for status, count in by_status}

    def search(self, path_slug: str, query: str, *, use_index: bool = True) -> list[str]:
        """Slugs of the resources matching ``query``, in catalog order (as :meth:`resources`).

        Every word must occur in the title, provider, tags, description or the learner's own
        notes; the last word may be unfinished (a prefix). Any text is a valid query: quotes,
        operators and punctuation only separate words. Uses the FTS5 index, or LIKE where the
        SQLite build has none (``use_index=False`` forces that; the answers are the same).
        """
        with self._store.reading() as session:
            path = require_path(session, path_slug)
            return search_slugs(
                session,
                path_id=path.id,
                path_slug=path_slug,
                profile_id=self._profile_id,
                query=query,
                use_index=use_index,
            )

    def resource(self, path_slug: str, slug: str) -> ResourceView:
        for view in self.resources(path_slug, slugs=(slug,)):
            return view
        raise NotFoundError(f"There is no resource {slug!r} in the {path_slug!r} path.")

    # --- the learner's progress on a resource -----------------------------------------------

    def set_status(self, path_slug: str, slug: str, status: str | None) -> str | None:
        """Set planned / in-progress / done / skipped (or None); return the previous status."""
        if status is not None:
            try:
                status = ResourceStatus(status).value
            except ValueError:
                allowed = ", ".join(s.value for s in ResourceStatus)
                raise InvalidInputError(
                    f"Unknown status {status!r}; use one of: {allowed}."
                ) from None
        return self._set(path_slug, slug, "status", status)  # type: ignore[no-any-return]

    def set_rating(self, path_slug: str, slug: str, rating: int | None) -> int | None:
        if rating is not None and not 1 <= rating <= 5:
            raise InvalidInputError(f"A rating is 1 to 5 stars, not {rating}.")
        return self._set(path_slug, slug, "rating", rating)  # type: ignore[no-any-return]

    def set_notes(self, path_slug: str, slug: str, notes: str) -> str:
        if len(notes) > MAX_NOTES_CHARS:
            raise InvalidInputError(f"Notes are limited to {MAX_NOTES_CHARS:,} characters.")
        return self._set(path_slug, slug, "notes", notes)  # type: ignore[no-any-return]

    def _set(self, path_slug: str, slug: str, field: str, value: Any) -> Any:
        with self._store.transaction() as session:
            self._require_resource(session, path_slug, slug)
            now = utcnow()
            row = session.get(
                ResourceProgress,
                {"profile_id": self._profile_id, "path_slug": path_slug, "resource_slug": slug},
            )
            if row is None:
                row = ResourceProgress(
                    profile_id=self._profile_id,
                    path_slug=path_slug,
                    resource_slug=slug,
                    status=None,
                    rating=None,
                    notes="",
                    changed_at=now,
                )
                session.add(row)
            old = getattr(row, field)
            if old != value:
                setattr(row, field, value)
                row.changed_at = now
                record_event(
                    session,
                    self._profile_id,
                    f"resource.{field}",
                    path_slug=path_slug,
                    item_kind=ItemKind.RESOURCE.value,
                    item_slug=slug,
                    field=field,
                    old=old,
                    new=value,
                    at=now,
                )
            return old

    def _require_resource(self, session: Session, path_slug: str, slug: str) -> None:
        path = require_path(session, path_slug)
        found = session.scalar(
            select(Resource.id).where(Resource.path_id == path.id, Resource.slug == slug)
        ) or session.scalar(
            select(OwnResource.id).where(
                OwnResource.profile_id == self._profile_id,
                OwnResource.path_slug == path_slug,
                OwnResource.slug == slug,
            )
        )
        if found is None:
            raise NotFoundError(f"There is no resource {slug!r} in the {path_slug!r} path.")

    # --- the learner's own resources --------------------------------------------------------

    def add_own_resource(self, path_slug: str, fields: Mapping[str, Any]) -> str:
        """Add the learner's own resource to a path (the pack is untouched); return its slug."""
        values = self._validated(fields)
        with self._store.transaction() as session:
            require_path(session, path_slug)
            taken = set(
                session.scalars(
                    select(OwnResource.slug).where(
                        OwnResource.profile_id == self._profile_id,
                        OwnResource.path_slug == path_slug,
                    )
                )
            )
            base = OWN_PREFIX + slugify(values["title"])
            slug, counter = base, 2
            while slug in taken:
                slug, counter = f"{base}-{counter}", counter + 1
            session.add(
                OwnResource(
                    profile_id=self._profile_id,
                    path_slug=path_slug,
                    slug=slug,
                    created_at=utcnow(),
                    **values,
                )
            )
            record_event(
                session,
                self._profile_id,
                "resource.added",
                path_slug=path_slug,
                item_kind=ItemKind.RESOURCE.value,
                item_slug=slug,
                new=values,
            )
            return slug

    def update_own_resource(
        self, path_slug: str, slug: str, fields: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Change a learner's own resource; return its previous fields."""
        values = self._validated(fields)
        with self._store.transaction() as session:
            row = self._own(session, path_slug, slug)
            old = {key: getattr(row, key) for key in values}
            for key, value in values.items():
                setattr(row, key, value)
            record_event(
                session,
                self._profile_id,
                "resource.edited",
                path_slug=path_slug,
                item_kind=ItemKind.RESOURCE.value,
                item_slug=slug,
                old=old,
                new=values,
            )
            return old

    def delete_own_resource(self, path_slug: str, slug: str) -> dict[str, Any]:
        """Remove a learner's own resource (its progress stays in the log); return its fields."""
        with self._store.transaction() as session:
            row = self._own(session, path_slug, slug)
            old = {key: getattr(row, key) for key in ("title", *RESOURCE_FIELDS)}
            session.delete(row)
            record_event(
                session,
                self._profile_id,
                "resource.deleted",
                path_slug=path_slug,
                item_kind=ItemKind.RESOURCE.value,
                item_slug=slug,
                old=old,
            )
            return old

    def _own(self, session: Session, path_slug: str, slug: str) -> OwnResource:
        row = session.scalar(
            select(OwnResource).where(
                OwnResource.profile_id == self._profile_id,
                OwnResource.path_slug == path_slug,
                OwnResource.slug == slug,
            )
        )
        if row is None:
            raise NotFoundError(f"{slug!r} is not one of your own resources in {path_slug!r}.")
        return row

    @staticmethod
    def _validated(fields: Mapping[str, Any]) -> dict[str, Any]:
        data = {key: value for key, value in fields.items() if value is not None}
        data.setdefault("kind", "article")
        try:
            spec = ResourceSpec.model_validate({"slug": "own", **data})
        except ValidationError as exc:
            raise InvalidInputError(
                f"The resource was not saved: {validation_message(exc)}"
            ) from None
        dumped = spec.model_dump(mode="json")
        return {key: dumped[key] for key in ("title", *RESOURCE_FIELDS)}
