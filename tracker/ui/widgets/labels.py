"""Words shown for stored values (statuses, kinds, formats), shared by pages and models."""

from __future__ import annotations

STATUS_LABELS: dict[str | None, str] = {
    None: "—",
    "planned": "Planned",
    "in-progress": "In progress",
    "done": "Done",
    "skipped": "Skipped",
}


def humanize(value: str) -> str:
    """'self-paced' -> 'Self paced'; an empty value -> '—'."""
    return value.replace("-", " ").capitalize() if value else "—"
