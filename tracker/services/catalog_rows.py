"""Catalog rows as the views the GUI and the CLI show: built straight from plain row tuples."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from sys import intern
from typing import Any

from tracker.domain.views import ResourceView, search_text
from tracker.services.records import ResourceProgressValues, is_readable

NO_PROGRESS: tuple[str | None, int | None, str] = (None, None, "")


def _json_tuple(raw: str | None) -> tuple[str, ...]:
    """A JSON list column as a tuple of interned strings (most are empty: no parsing for those).

    Tags and skill slugs repeat across a catalog: one copy of each in memory, not 100k.
    """
    if not raw or raw == "[]":
        return ()
    return tuple(intern(value) for value in json.loads(raw))


def views_of(
    rows: Iterable[Any],
    own: bool,
    progress: Mapping[str, tuple[str | None, int | None, str]],
    minutes: Mapping[str | None, int],
    texts: list[str] | None = None,
) -> Iterator[ResourceView]:
    """Views of resource rows (columns in the order of ``tracker.storage.catalog.VIEW_COLUMNS``).

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
        status, rating, notes = progress.get(slug, NO_PROGRESS)
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


def readable_progress(status: Any, rating: Any, notes: Any) -> tuple[str | None, int | None, str]:
    """A learner's stored status, rating and notes; a value that does not fit (a damaged row)
    reads as unset rather than break the catalog."""
    values = {"status": status, "rating": rating, "notes": notes}
    for name, value in values.items():
        if value is not None and not is_readable(ResourceProgressValues, name, value):
            values[name] = None
    return values["status"], values["rating"], values["notes"] or ""
