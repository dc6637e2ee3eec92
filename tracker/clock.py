"""The one clock: now in UTC (what the database stores) and today on the learner's clock."""

from __future__ import annotations

from datetime import UTC, date, datetime


def utcnow() -> datetime:
    """Naive UTC now: what the database stores (SQLite keeps no time zone)."""
    return datetime.now(UTC).replace(tzinfo=None)


def local_today() -> date:
    """Today on the learner's clock: the day a learner means when they say "today"."""
    return datetime.now().date()
