"""Frozen view objects the services hand to the GUI and the CLI (no ORM object leaks out)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class PathSummary:
    slug: str
    title: str
    summary: str
    pack_version: str


@dataclass(frozen=True)
class ChecklistItem:
    """A prerequisite with the learner's state; ``done`` of a parent derives from its children."""

    slug: str
    title: str
    required: bool
    done: bool
    own_done: bool
    estimate_hours: float | None
    description: str
    confidence: int | None
    evidence: tuple[str, ...]
    teaches_with: tuple[str, ...]
    changed_at: datetime | None
    revisit_due: date | None = None
    children: tuple[ChecklistItem, ...] = ()

    @property
    def done_children(self) -> int:
        return sum(1 for child in self.children if child.done)

    def walk(self) -> list[ChecklistItem]:
        items = [self]
        for child in self.children:
            items.extend(child.walk())
        return items

    def to_json(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "title": self.title,
            "required": self.required,
            "done": self.done,
            "estimate_hours": self.estimate_hours,
            "confidence": self.confidence,
            "children": [child.to_json() for child in self.children],
        }


@dataclass(frozen=True)
class Count:
    done: int
    total: int

    @property
    def ratio(self) -> float:
        return self.done / self.total if self.total else 0.0

    def to_json(self) -> dict[str, int]:
        return {"done": self.done, "total": self.total}


@dataclass(frozen=True)
class Checklist:
    """A path's prerequisites as a tree: required first, then recommended."""

    path_slug: str
    items: tuple[ChecklistItem, ...]

    def find(self, slug: str) -> ChecklistItem | None:
        for top in self.items:
            for item in top.walk():
                if item.slug == slug:
                    return item
        return None

    def all_items(self) -> list[ChecklistItem]:
        return [item for top in self.items for item in top.walk()]

    @property
    def top_level(self) -> Count:
        return Count(sum(1 for item in self.items if item.done), len(self.items))

    @property
    def required(self) -> Count:
        required = [item for item in self.items if item.required]
        return Count(sum(1 for item in required if item.done), len(required))

    @property
    def skills(self) -> Count:
        leaves = [item for item in self.all_items() if not item.children]
        return Count(sum(1 for item in leaves if item.done), len(leaves))


@dataclass(frozen=True, slots=True)
class ResourceView:
    """A catalog row: what the resource is, and what the learner did with it.

    Slotted: a 100k catalog holds 100k of them (no per-row ``__dict__``).
    """

    slug: str
    title: str
    kind: str
    url: str
    provider: str
    cost: float | None
    currency: str
    duration_hours: float | None
    duration_weeks: float | None
    hours_per_week: float | None
    format: str
    level: str
    approach: str
    teaches: tuple[str, ...]
    tags: tuple[str, ...]
    description: str
    own: bool
    status: str | None = None
    rating: int | None = None
    notes: str = ""
    minutes_spent: int = 0

    @property
    def is_free(self) -> bool:
        return self.cost == 0

    @property
    def estimated_hours(self) -> float | None:
        if self.duration_hours is not None:
            return self.duration_hours
        if self.duration_weeks is not None and self.hours_per_week is not None:
            return self.duration_weeks * self.hours_per_week
        return None


def search_text(
    title: str, provider: str, tags: tuple[str, ...], description: str, notes: str
) -> str:
    """What a catalog search looks through, lowercase: title, provider, tags, description, notes."""
    return "\n".join((title, provider, " ".join(tags), description, notes)).casefold()


@dataclass(frozen=True)
class ComparisonCell:
    text: str
    score: int | None


@dataclass(frozen=True)
class ComparisonRow:
    slug: str
    title: str
    cells: tuple[ComparisonCell | None, ...]


@dataclass(frozen=True)
class ComparisonTable:
    slug: str
    title: str
    description: str
    subjects: tuple[str, ...]
    rows: tuple[ComparisonRow, ...]
    recommendation: str


@dataclass(frozen=True)
class FactClaim:
    text: str
    context: str


@dataclass(frozen=True)
class Fact:
    slug: str
    title: str
    claims: tuple[FactClaim, ...]
    note: str

    @property
    def disputed(self) -> bool:
        return len(self.claims) > 1


@dataclass(frozen=True)
class PathDetail:
    """A path's own text: description, source, facts and takeaways."""

    slug: str
    title: str
    summary: str
    description: str
    pack_version: str
    source: dict[str, Any]
    facts: tuple[Fact, ...]
    takeaways: tuple[str, ...]


@dataclass(frozen=True)
class EventView:
    """One entry of the activity log. ``unreadable``: its values do not fit its action (from a
    damaged row or an older tool); ``old`` and ``new`` are then None, never guessed."""

    at: datetime
    path_slug: str | None
    action: str
    item_kind: str | None
    item_slug: str | None
    field: str | None
    old: Any
    new: Any
    unreadable: bool = False


@dataclass(frozen=True)
class ProgressSummary:
    """How far a learner is on a path."""

    path_slug: str
    required: Count
    prerequisites: Count
    skills: Count
    resources: Count
    resources_in_progress: int
    minutes_logged: int
    sections: tuple[tuple[str, Count], ...] = ()
    archived_with_progress: tuple[str, ...] = field(default=())

    @property
    def ready(self) -> bool:
        return self.required.total > 0 and self.required.done == self.required.total


@dataclass(frozen=True)
class ImportReport:
    """What a pack import changed; progress is never deleted by an import."""

    path_slug: str
    pack_version: str
    previous_version: str | None
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    archived: tuple[str, ...] = ()
    restored: tuple[str, ...] = ()
    unchanged: int = 0
    progress_kept: int = 0

    @property
    def is_noop(self) -> bool:
        return not (self.added or self.changed or self.archived or self.restored)

    def lines(self) -> list[str]:
        head = f"{self.path_slug} {self.pack_version}"
        if self.previous_version is None:
            head += ": installed"
        elif self.is_noop:
            head += ": already up to date"
        else:
            head += f": updated from {self.previous_version}"
        lines = [head]
        for label, items in (
            ("added", self.added),
            ("changed", self.changed),
            ("archived", self.archived),
            ("restored", self.restored),
        ):
            if items:
                lines.append(
                    f"  {label} ({len(items)}): {', '.join(items[:20])}"
                    + (" ..." if len(items) > 20 else "")
                )
        lines.append(f"  progress kept: {self.progress_kept} record(s), none removed")
        return lines


@dataclass(frozen=True)
class NextStep:
    """One suggestion of what to do next: an unmet prerequisite or a resource in progress."""

    kind: str  # an ItemKind value: "prerequisite" or "resource"
    slug: str
    title: str
    detail: str
