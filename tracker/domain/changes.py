"""What an operation changed, so each page refreshes only when something it shows changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T", covariant=True)


class Kind(StrEnum):
    """A kind of data a page can show."""

    CHECKLIST = "checklist"  # ticks, confidence, evidence, revisits of prerequisites
    CATALOG = "catalog"  # status, rating, notes of resources; own resources
    STUDY = "study"  # the study log
    TIMER = "timer"  # the running timer
    PLAN = "plan"  # hours per week, target date, streaks
    CHOOSING = "choosing"  # situation, weights, own offers, the choice
    PACKS = "packs"  # installed paths and their content
    PROFILE = "profile"  # everything of the profile at once (a restore, an import)


ALL_KINDS = frozenset(Kind)


@dataclass(frozen=True)
class OpChanges:
    """The kinds of data an operation changed, on which path, and which items (slugs)."""

    kinds: frozenset[Kind] = frozenset()
    path_slug: str | None = None
    slugs: frozenset[str] = frozenset()

    @classmethod
    def none(cls) -> OpChanges:
        return cls()

    @classmethod
    def everything(cls) -> OpChanges:
        return cls(ALL_KINDS)

    def touches(self, *kinds: Kind) -> bool:
        """True if any of ``kinds`` changed (a whole-profile change touches every kind)."""
        return Kind.PROFILE in self.kinds or any(kind in self.kinds for kind in kinds)

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def __or__(self, other: OpChanges) -> OpChanges:
        path = self.path_slug if self.path_slug == other.path_slug or not other else None
        if not self:
            path = other.path_slug
        return OpChanges(self.kinds | other.kinds, path, self.slugs | other.slugs)


@dataclass(frozen=True)
class StepInfo:
    """One step of the undo history: what the learner did, in their words, and when."""

    id: int
    label: str
    action: str
    at: datetime
    undone: bool = False


@dataclass(frozen=True)
class UndoStatus:
    """What Undo and Redo would do now (None: nothing to undo or redo)."""

    undo: StepInfo | None = None
    redo: StepInfo | None = None


@dataclass(frozen=True)
class OpResult(Generic[T]):
    """What an operation returns: its value, what it changed, and its undo step (if any)."""

    value: T
    changes: OpChanges = field(default_factory=OpChanges)
    step: StepInfo | None = None
