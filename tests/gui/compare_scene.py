"""A learner's comparison for screenshots and tests: a situation and two offers they entered.

The offers are fictional, named as a learner would enter them while shopping around.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.wiring import Services

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


def seed_choosing(services: Services, path: str = "flask") -> None:
    """A career changer with 12 h/week and $3,000 who entered two offers and chose one."""
    choosing = services.choosing
    choosing.set_situation(
        hours_per_week=12,
        budget=3000,
        goal="career-change",
        guidance="some",
        preferred_format="live-online",
        target_date=date(2027, 6, 30),
    )
    choosing.set_weights({"career-focus": 7, "cost": 6})
    choosing.add_offer(path, BOOTCAMP_A)
    class_b = choosing.add_offer(path, EVENING_CLASS_B)
    choosing.choose(path, class_b)
