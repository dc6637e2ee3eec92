"""Offers a learner might enter while shopping around (fictional names), shared by the tests."""

from __future__ import annotations

from typing import Any

BOOTCAMP_A: dict[str, Any] = {
    "title": "Example Bootcamp A",
    "approach": "bootcamp",
    "provider": "Example School",
    "cost": 13_000,
    "weeks_min": 16,
    "weeks_max": 16,
    "hours_per_week": 40,
    "schedule": "full-time",
    "format": "live-online",
    "support": "mentor-guided",
    "prerequisites": "covered",
    "career_services": True,
    "job_guarantee": True,
    "outcomes_audited": True,
    "outcomes_figure": "79% hired within 180 days",
    "url": "https://example.com/bootcamp-a",
}
EVENING_CLASS_B: dict[str, Any] = {
    "title": "Example Evening Class B",
    "approach": "structured-class",
    "provider": "Example College",
    "cost": 450,
    "weeks_min": 10,
    "weeks_max": 10,
    "hours_per_week": 6,
    "schedule": "evenings",
    "format": "live-online",
    "support": "instructor-led",
    "prerequisites": "often-included",
    "rating": 4.4,
    "url": "https://example.com/class-b",
}
