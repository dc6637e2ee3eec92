"""The pack format (version 1) as pydantic models; the published JSON Schema comes from them."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from tracker.domain.enums import (
    Approach,
    Level,
    PrerequisiteCoverage,
    ResourceFormat,
    ResourceKind,
    Schedule,
    Support,
)

PACK_FORMAT = 1
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG_RE = re.compile(SLUG_PATTERN)

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=120),
    Field(description="Stable identifier: lowercase letters, digits and single hyphens."),
]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(max_length=20_000)]


def check_web_url(value: str) -> str:
    """Accept only absolute http(s) URLs (or an empty string for 'no specific link')."""
    if value == "":
        return value
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"URL scheme must be http or https, not {parts.scheme or 'missing'!r}")
    if not parts.netloc:
        raise ValueError("URL has no host")
    return value


WebUrl = Annotated[
    str,
    StringConstraints(max_length=2000),
    AfterValidator(check_web_url),
    Field(description="An http or https URL, or empty when no specific resource is named."),
]


class _Strict(BaseModel):
    # defer_build: each model's validator is built on first use, not at import (the app
    # imports the services before it can show data; most runs never validate a pack)
    # allow_inf_nan: a number too big for a float (1e400) reads as infinity; refuse it
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, allow_inf_nan=False)


class SourceSpec(_Strict):
    """Where the pack's content comes from."""

    title: Title
    publisher: str = ""
    published: date | None = None
    url: WebUrl = ""
    note: Text = ""


class PrerequisiteSpec(_Strict):
    """A skill to have before starting; may contain sub-skills."""

    slug: Slug
    title: Title
    required: bool = True
    estimate_hours: float | None = Field(default=None, ge=0, le=10_000)
    description: Text = ""
    parent: Slug | None = Field(
        default=None,
        description="Slug of the parent skill, for packs written as a flat list (else nest).",
    )
    teaches_with: list[Slug] = Field(
        default_factory=list, description="Slugs of resources that teach this skill."
    )
    children: list[PrerequisiteSpec] = Field(default_factory=list)


class ResourceSpec(_Strict):
    """An entry of the catalog: documentation, a tutorial, a course, a bootcamp..."""

    slug: Slug
    title: Title
    kind: ResourceKind
    url: WebUrl = ""
    provider: str = Field(default="", max_length=200)
    cost: float | None = Field(default=None, ge=0, description="0 means free; empty means unknown.")
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    duration_hours: float | None = Field(default=None, ge=0, le=10_000)
    duration_weeks: float | None = Field(default=None, ge=0, le=520)
    hours_per_week: float | None = Field(default=None, ge=0, le=168)
    format: ResourceFormat = ResourceFormat.SELF_PACED
    level: Level = Level.ALL
    approach: Approach = Approach.SELF_STUDY
    teaches: list[Slug] = Field(default_factory=list, description="Prerequisite slugs it teaches.")
    tags: list[Annotated[str, StringConstraints(max_length=60)]] = Field(
        default_factory=list, max_length=50
    )
    description: Text = ""


class ComparisonCellSpec(_Strict):
    text: str = Field(max_length=500)
    score: int | None = Field(default=None, ge=1, le=5)


class ComparisonRowSpec(_Strict):
    """One criterion (a row) with a cell per subject, keyed by subject slug."""

    slug: Slug
    title: Title
    cells: dict[Slug, ComparisonCellSpec]


class ComparisonSubjectSpec(_Strict):
    slug: Slug
    title: Title


class ComparisonSpec(_Strict):
    """A table of subjects (columns) by criteria (rows), as an article presents it."""

    slug: Slug
    title: Title
    description: Text = ""
    subjects: list[ComparisonSubjectSpec] = Field(min_length=1, max_length=20)
    rows: list[ComparisonRowSpec] = Field(min_length=1, max_length=50)
    recommendation: Text = ""


class OfferSpec(_Strict):
    """A way to learn the path: a generic approach or a real, named offer."""

    slug: Slug
    title: Title
    approach: Approach
    generic: bool = Field(default=False, description="A generic approach, not a specific offer.")
    provider: str = Field(default="", max_length=200)
    cost: float | None = Field(default=None, ge=0)
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    weeks_min: float | None = Field(default=None, ge=0, le=520)
    weeks_max: float | None = Field(default=None, ge=0, le=520)
    hours_per_week: float | None = Field(default=None, ge=0, le=168)
    schedule: Schedule = Schedule.FLEXIBLE
    format: ResourceFormat = ResourceFormat.SELF_PACED
    support: Support = Support.SELF_DIRECTED
    prerequisites: PrerequisiteCoverage = PrerequisiteCoverage.ASSUMED
    career_services: bool = False
    job_guarantee: bool = False
    outcomes_audited: bool = False
    outcomes_figure: str = Field(default="", max_length=200)
    rating: float | None = Field(default=None, ge=0, le=5)
    url: WebUrl = ""
    notes: Text = ""


class ClaimSpec(_Strict):
    """One statement of the source, with where it stands in it."""

    text: str = Field(max_length=1000)
    context: str = Field(default="", max_length=500)


class FactSpec(_Strict):
    """A fact from the source; several claims when the source contradicts itself."""

    slug: Slug
    title: Title
    claims: list[ClaimSpec] = Field(min_length=1, max_length=10)
    note: Text = ""


class PackSpec(_Strict):
    """A learning path: prerequisites, a catalog, comparisons, and the facts behind them."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        defer_build=True,
        allow_inf_nan=False,
        title="Learning Path Tracker pack, format 1",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    format: Literal[1] = Field(description="Version of the pack format; this schema is format 1.")
    slug: Slug
    version: str = Field(
        min_length=1, max_length=40, description="Version of this pack's content, e.g. 2026.11.1."
    )
    title: Title
    summary: str = Field(default="", max_length=500)
    description: Text = ""
    source: SourceSpec | None = None
    prerequisites: list[PrerequisiteSpec] = Field(default_factory=list, max_length=2000)
    resources: list[ResourceSpec] = Field(default_factory=list, max_length=200_000)
    comparisons: list[ComparisonSpec] = Field(default_factory=list, max_length=50)
    offers: list[OfferSpec] = Field(default_factory=list, max_length=500)
    facts: list[FactSpec] = Field(default_factory=list, max_length=200)
    takeaways: list[Annotated[str, StringConstraints(max_length=2000)]] = Field(
        default_factory=list, max_length=100
    )


def is_slug(value: str) -> bool:
    return bool(_SLUG_RE.match(value))
