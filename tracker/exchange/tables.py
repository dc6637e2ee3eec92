"""Exports for other programs: the catalog and the time log as CSV, the plan as iCalendar."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tracker.clock import utcnow
from tracker.domain.enums import ResourceStatus
from tracker.exchange.files import csv_records, save, save_text
from tracker.exchange.ical import STATUS_BY_RESOURCE_STATUS, Todo, calendar
from tracker.services.records import ResourceProgressValues, is_readable
from tracker.storage import exchange as stored
from tracker.storage.models import (
    OwnResource,
    ResourceProgress,
)
from tracker.storage.store import Store
from tracker.wording import QT_TRANSLATE_NOOP, say

REVISIT = QT_TRANSLATE_NOOP("Calendar", "Revisit: {skill}")
REVISIT_DESCRIPTION = QT_TRANSLATE_NOOP(
    "Calendar", "A spaced revisit of a skill you were not yet sure of."
)


def _iso(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


class TableExports:
    """One learner's catalog, time log and plan, written for spreadsheets and calendars."""

    def __init__(self, store: Store, profile_id: int) -> None:
        self._store = store
        self._profile_id = profile_id

    def catalog_rows(self) -> list[dict[str, Any]]:
        """The catalog of every installed path with the learner's status, rating, notes, time."""
        pid = self._profile_id
        with self._store.reading() as session:
            progress = {
                (p.path_slug, p.resource_slug): p for p in stored.resource_statuses(session, pid)
            }
            minutes: Counter[tuple[str, str]] = Counter()
            for entry in stored.study_sessions(session, pid):
                if entry.item_kind == "resource":
                    minutes[(entry.path_slug, entry.item_slug or "")] += entry.minutes
            rows: list[dict[str, Any]] = []
            pack_resources = stored.pack_resources(session)
            own = stored.own_resources_in_order(session, pid)
            entries: list[tuple[str, Any, bool]] = [(p, r, False) for p, r in pack_resources]
            entries += [(r.path_slug, r, True) for r in own]
            for path_slug, resource, is_own in entries:
                state = progress.get((path_slug, resource.slug))
                rows.append(
                    {
                        "path": path_slug,
                        "slug": resource.slug,
                        "title": resource.title,
                        "kind": resource.kind,
                        "provider": resource.provider,
                        "url": resource.url,
                        "own": "yes" if is_own else "no",
                        "status": _readable(state, "status") or "",
                        "rating": _readable(state, "rating") or "",
                        "minutes": minutes.get((path_slug, resource.slug), 0),
                        "notes": state.notes if state else "",
                    }
                )
        return rows

    def time_log_rows(self) -> list[dict[str, Any]]:
        with self._store.reading() as session:
            entries = stored.study_sessions(session, self._profile_id)
            return [
                {
                    "day": e.day.isoformat(),
                    "path": e.path_slug,
                    "item_kind": e.item_kind or "",
                    "item": e.item_slug or "",
                    "minutes": e.minutes,
                    "started_at": _iso(e.started_at) or "",
                    "note": e.note,
                }
                for e in entries
            ]

    def export_csv(self, file: Path) -> list[Path]:
        """Write the catalog to ``file`` and the time log next to it; return both paths.

        UTF-8 with a byte-order mark (so LibreOffice and Excel detect the encoding); a text cell
        starting with = + - @ is prefixed with an apostrophe, so it is never run as a formula.
        """
        time_log = file.with_name(f"{file.stem}-time-log{file.suffix or '.csv'}")
        save_text(file, csv_records(self.catalog_rows(), CATALOG_COLUMNS), bom=True)
        save_text(time_log, csv_records(self.time_log_rows(), TIME_LOG_COLUMNS), bom=True)
        return [file, time_log]

    # --- iCalendar ----------------------------------------------------------------------------

    def calendar_todos(
        self, due_dates: Mapping[tuple[str, str, str], date] | None = None
    ) -> list[Todo]:
        """The study plan (resources with a status) and revisits as to-dos.

        ``due_dates`` maps (item kind, path slug, item slug) to a planned date, when a plan
        exists; without one, plan items get no DUE. Revisits are due on their revisit date.
        """
        due_dates = due_dates or {}
        pid = self._profile_id
        todos: list[Todo] = []
        with self._store.reading() as session:
            titles = stored.resource_titles(session)
            titles |= {
                (r.path_slug, r.slug): r.title for r in stored.own_items(session, OwnResource, pid)
            }
            prerequisite_titles = stored.prerequisite_titles(session)
            for p in stored.statuses_set(session, pid):
                if not is_readable(ResourceProgressValues, "status", p.status):
                    continue  # a status this version cannot read is no plan item
                title = titles.get((p.path_slug, p.resource_slug), p.resource_slug)
                todos.append(
                    Todo(
                        uid=f"resource-{p.path_slug}-{p.resource_slug}@learning-path-tracker",
                        summary=title,
                        status=STATUS_BY_RESOURCE_STATUS[ResourceStatus(str(p.status))],
                        due=due_dates.get(("resource", p.path_slug, p.resource_slug)),
                        description=p.notes,
                        categories=(p.path_slug, "study plan"),
                        last_modified=p.changed_at,
                    )
                )
            for s in stored.revisits_due(session, pid):
                skill = prerequisite_titles.get((s.path_slug, s.prerequisite_slug))
                todos.append(
                    Todo(
                        uid=f"revisit-{s.path_slug}-{s.prerequisite_slug}@learning-path-tracker",
                        summary=say(REVISIT, skill=skill or s.prerequisite_slug),
                        status="NEEDS-ACTION",
                        due=s.revisit_due,
                        description=say(REVISIT_DESCRIPTION),
                        categories=(s.path_slug, "revisit"),
                        last_modified=s.changed_at,
                    )
                )
        return todos

    def export_ics(
        self, file: Path, due_dates: Mapping[tuple[str, str, str], date] | None = None
    ) -> int:
        """Write the plan and revisits as an iCalendar file of VTODOs; return how many."""
        todos = self.calendar_todos(due_dates)
        save(file, calendar(todos, utcnow()))
        return len(todos)


CATALOG_COLUMNS = (
    "path",
    "slug",
    "title",
    "kind",
    "provider",
    "url",
    "own",
    "status",
    "rating",
    "minutes",
    "notes",
)
TIME_LOG_COLUMNS = ("day", "path", "item_kind", "item", "minutes", "started_at", "note")


def _readable(state: ResourceProgress | None, name: str) -> Any:
    """A stored status or rating, or None when there is none or it cannot be read."""
    if state is None:
        return None
    value = getattr(state, name)
    return value if is_readable(ResourceProgressValues, name, value) else None
