"""A learner's comparison for screenshots and tests: a situation and two offers they entered.

The offers are fictional, named as a learner would enter them while shopping around.
"""

from __future__ import annotations

from datetime import date

from tests.offers import BOOTCAMP_A, EVENING_CLASS_B
from tracker.wiring import Services

__all__ = ["BOOTCAMP_A", "EVENING_CLASS_B", "seed_choosing"]


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
    class_b = choosing.add_offer(path, EVENING_CLASS_B).value
    choosing.choose(path, class_b)
