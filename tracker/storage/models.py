"""SQLAlchemy tables. Content (what a pack says) and learner data (what a learner did) are apart.

Learner rows point at content by (path slug, item slug), never by row id, so a pack can be
replaced, re-imported or archived without touching a learner's progress.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        list[Any]: JSON,
        list[str]: JSON,
    }


class AppMeta(Base):
    """Facts about the database itself, such as the app version that last migrated it."""

    __tablename__ = "app_meta"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


# --- content -------------------------------------------------------------------------------


class LearningPath(Base):
    """A learning path as its pack describes it."""

    __tablename__ = "learning_path"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    pack_format: Mapped[int] = mapped_column(Integer)
    pack_version: Mapped[str] = mapped_column(String(40))
    pack_digest: Mapped[str] = mapped_column(String(64))
    source: Mapped[dict[str, Any]] = mapped_column(default=dict)
    facts: Mapped[list[Any]] = mapped_column(default=list)
    takeaways: Mapped[list[str]] = mapped_column(default=list)
    imported_at: Mapped[datetime] = mapped_column(DateTime)


class _ContentItem:
    """Columns every content item has: its path, a stable slug, order, and an archive flag."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)

    @declared_attr
    def path_id(cls) -> Mapped[int]:  # noqa: N805
        return mapped_column(ForeignKey("learning_path.id", ondelete="CASCADE"), index=True)


class Prerequisite(_ContentItem, Base):
    """A skill to have before starting the path."""

    __tablename__ = "prerequisite"
    __table_args__ = (UniqueConstraint("path_id", "slug"),)
    parent_slug: Mapped[str | None] = mapped_column(String(120))
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    estimate_hours: Mapped[float | None] = mapped_column(Float)
    description: Mapped[str] = mapped_column(Text, default="")
    teaches_with: Mapped[list[str]] = mapped_column(default=list)


class _ResourceColumns:
    """What describes a resource, shared by pack resources and a learner's own."""

    kind: Mapped[str] = mapped_column(String(40))
    url: Mapped[str] = mapped_column(String(2000), default="")
    provider: Mapped[str] = mapped_column(String(200), default="")
    cost: Mapped[float | None] = mapped_column(Float)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    duration_hours: Mapped[float | None] = mapped_column(Float)
    duration_weeks: Mapped[float | None] = mapped_column(Float)
    hours_per_week: Mapped[float | None] = mapped_column(Float)
    format: Mapped[str] = mapped_column(String(40), default="self-paced")
    level: Mapped[str] = mapped_column(String(40), default="all")
    approach: Mapped[str] = mapped_column(String(40), default="self-study")
    teaches: Mapped[list[str]] = mapped_column(default=list)
    tags: Mapped[list[str]] = mapped_column(default=list)
    description: Mapped[str] = mapped_column(Text, default="")


class Resource(_ContentItem, _ResourceColumns, Base):
    """A catalog entry from a pack."""

    __tablename__ = "resource"
    __table_args__ = (
        UniqueConstraint("path_id", "slug"),
        # the catalog in order without sorting 100k rows; its first screenful at once
        Index("ix_resource_path_id_position", "path_id", "position"),
    )


class Comparison(_ContentItem, Base):
    """A table of subjects by criteria, each cell a text and an optional 1-5 score."""

    __tablename__ = "comparison"
    __table_args__ = (UniqueConstraint("path_id", "slug"),)
    description: Mapped[str] = mapped_column(Text, default="")
    subjects: Mapped[list[Any]] = mapped_column(default=list)
    rows: Mapped[list[Any]] = mapped_column(default=list)
    recommendation: Mapped[str] = mapped_column(Text, default="")


class _OfferColumns:
    """What describes a way to learn, shared by pack offers and a learner's own."""

    approach: Mapped[str] = mapped_column(String(40))
    generic: Mapped[bool] = mapped_column(Boolean, default=False)
    provider: Mapped[str] = mapped_column(String(200), default="")
    cost: Mapped[float | None] = mapped_column(Float)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    weeks_min: Mapped[float | None] = mapped_column(Float)
    weeks_max: Mapped[float | None] = mapped_column(Float)
    hours_per_week: Mapped[float | None] = mapped_column(Float)
    schedule: Mapped[str] = mapped_column(String(40), default="flexible")
    format: Mapped[str] = mapped_column(String(40), default="self-paced")
    support: Mapped[str] = mapped_column(String(40), default="self-directed")
    prerequisites: Mapped[str] = mapped_column(String(40), default="assumed")
    career_services: Mapped[bool] = mapped_column(Boolean, default=False)
    job_guarantee: Mapped[bool] = mapped_column(Boolean, default=False)
    outcomes_audited: Mapped[bool] = mapped_column(Boolean, default=False)
    outcomes_figure: Mapped[str] = mapped_column(String(200), default="")
    rating: Mapped[float | None] = mapped_column(Float)
    url: Mapped[str] = mapped_column(String(2000), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class Offer(_ContentItem, _OfferColumns, Base):
    """A way to learn the path that comes with its pack (a generic approach or a real offer)."""

    __tablename__ = "offer"
    __table_args__ = (UniqueConstraint("path_id", "slug"),)


# --- learner data --------------------------------------------------------------------------


class Profile(Base):
    """One learner on this machine."""

    __tablename__ = "profile"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class _LearnerRow:
    @declared_attr
    def profile_id(cls) -> Mapped[int]:  # noqa: N805
        return mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True)

    path_slug: Mapped[str] = mapped_column(String(120), primary_key=True)


class PrerequisiteState(_LearnerRow, Base):
    """A learner's state on one prerequisite: done or not, how sure, and the proof."""

    __tablename__ = "prerequisite_state"
    prerequisite_slug: Mapped[str] = mapped_column(String(120), primary_key=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    changed_at: Mapped[datetime] = mapped_column(DateTime)
    confidence: Mapped[int | None] = mapped_column(Integer)
    evidence: Mapped[list[str]] = mapped_column(default=list)
    revisit_step: Mapped[int] = mapped_column(Integer, default=0)
    revisit_due: Mapped[date | None] = mapped_column(Date)


class ResourceProgress(_LearnerRow, Base):
    """A learner's status, rating and notes on one resource (a pack's or their own)."""

    __tablename__ = "resource_progress"
    resource_slug: Mapped[str] = mapped_column(String(120), primary_key=True)
    status: Mapped[str | None] = mapped_column(String(20))
    rating: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    changed_at: Mapped[datetime] = mapped_column(DateTime)


class OwnResource(_ResourceColumns, Base):
    """A resource a learner added to a path; the pack is not changed."""

    __tablename__ = "own_resource"
    __table_args__ = (UniqueConstraint("profile_id", "path_slug", "slug"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"))
    path_slug: Mapped[str] = mapped_column(String(120))
    slug: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class OwnOffer(_OfferColumns, Base):
    """A real offer (a bootcamp, a class) a learner added to compare."""

    __tablename__ = "own_offer"
    __table_args__ = (UniqueConstraint("profile_id", "path_slug", "slug"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"))
    path_slug: Mapped[str] = mapped_column(String(120))
    slug: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Situation(Base):
    """A learner's time, budget and goals, which the comparison and the plan weigh."""

    __tablename__ = "situation"
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True
    )
    hours_per_week: Mapped[float | None] = mapped_column(Float)
    budget: Mapped[float | None] = mapped_column(Float)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    target_date: Mapped[date | None] = mapped_column(Date)
    goal: Mapped[str | None] = mapped_column(String(40))
    guidance: Mapped[str | None] = mapped_column(String(40))
    preferred_format: Mapped[str | None] = mapped_column(String(40))
    weights: Mapped[dict[str, Any]] = mapped_column(default=dict)
    streaks_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    changed_at: Mapped[datetime] = mapped_column(DateTime)


class Decision(_LearnerRow, Base):
    """The way to learn a learner chose for a path, with the ranking at that moment."""

    __tablename__ = "decision"
    option_slug: Mapped[str] = mapped_column(String(120))
    ranking: Mapped[list[Any]] = mapped_column(default=list)
    decided_at: Mapped[datetime] = mapped_column(DateTime)


class StudySession(Base):
    """One entry of the study log: minutes spent, on what, and when."""

    __tablename__ = "study_session"
    __table_args__ = (Index("ix_study_session_profile_day", "profile_id", "day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"))
    path_slug: Mapped[str] = mapped_column(String(120))
    item_kind: Mapped[str | None] = mapped_column(String(20))
    item_slug: Mapped[str | None] = mapped_column(String(120))
    day: Mapped[date] = mapped_column(Date)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    minutes: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")


class RunningTimer(Base):
    """A study timer that is running; stored so it survives a restart."""

    __tablename__ = "running_timer"
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True
    )
    path_slug: Mapped[str] = mapped_column(String(120))
    item_kind: Mapped[str | None] = mapped_column(String(20))
    item_slug: Mapped[str | None] = mapped_column(String(120))
    started_at: Mapped[datetime] = mapped_column(DateTime)


class Event(Base):
    """Append-only log of every change a learner made: what, from, to, when."""

    __tablename__ = "event"
    __table_args__ = (Index("ix_event_profile_at", "profile_id", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(DateTime)
    path_slug: Mapped[str | None] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    item_kind: Mapped[str | None] = mapped_column(String(20))
    item_slug: Mapped[str | None] = mapped_column(String(120))
    field: Mapped[str | None] = mapped_column(String(40))
    old: Mapped[Any] = mapped_column(JSON, nullable=True)
    new: Mapped[Any] = mapped_column(JSON, nullable=True)


class UndoStep(Base):
    """One step of a learner's undo history: an operation, in their words, and whether undone."""

    __tablename__ = "undo_step"
    __table_args__ = (Index("ix_undo_step_profile_id", "profile_id", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(DateTime)
    action: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(200))
    coalesce_key: Mapped[str | None] = mapped_column(String(300))
    event_ids: Mapped[list[Any]] = mapped_column(default=list)
    undone: Mapped[bool] = mapped_column(Boolean, default=False)


class UndoRow(Base):
    """One learner row a step wrote: its table, key, and the row before and after (JSON)."""

    __tablename__ = "undo_row"
    step_id: Mapped[int] = mapped_column(
        ForeignKey("undo_step.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40))
    key: Mapped[dict[str, Any]] = mapped_column(JSON)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
