"""The closed vocabularies of the domain: kinds, formats, levels, statuses."""

from __future__ import annotations

from enum import StrEnum


class ResourceKind(StrEnum):
    DOCUMENTATION = "documentation"
    TUTORIAL = "tutorial"
    VIDEO = "video"
    COURSE = "course"
    BOOK = "book"
    CLASS = "class"
    BOOTCAMP = "bootcamp"
    ARTICLE = "article"
    COMMUNITY = "community"
    PROJECT = "project"
    REPOSITORY = "repository"
    TOOL = "tool"


class ResourceFormat(StrEnum):
    SELF_PACED = "self-paced"
    LIVE_ONLINE = "live-online"
    IN_PERSON = "in-person"


class Level(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    ALL = "all"


class Approach(StrEnum):
    SELF_STUDY = "self-study"
    STRUCTURED_CLASS = "structured-class"
    BOOTCAMP = "bootcamp"


class ResourceStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    SKIPPED = "skipped"


class Goal(StrEnum):
    CAREER_CHANGE = "career-change"
    UPSKILL = "upskill"
    PROJECT = "project"


class Guidance(StrEnum):
    LITTLE = "little"
    SOME = "some"
    LOTS = "lots"


class Schedule(StrEnum):
    FLEXIBLE = "flexible"
    PART_TIME = "part-time"
    FULL_TIME = "full-time"
    EVENINGS = "evenings"
    SEMESTER = "semester"


class Support(StrEnum):
    SELF_DIRECTED = "self-directed"
    INSTRUCTOR_LED = "instructor-led"
    MENTOR_GUIDED = "mentor-guided"


class PrerequisiteCoverage(StrEnum):
    """How much of the path's prerequisites an option teaches (the article's Prerequisites row)."""

    ASSUMED = "assumed"
    OFTEN_INCLUDED = "often-included"
    COVERED = "covered"


class ItemKind(StrEnum):
    """What a time-log entry or an event is about."""

    PREREQUISITE = "prerequisite"
    RESOURCE = "resource"
    PATH = "path"
    OFFER = "offer"
    PROFILE = "profile"
