"""The recent-activity feed in plain words: "Ticked HTML5", "Logged 30 min on Flask"."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from tracker.domain.views import EventView
from tracker.formatting import minutes as minutes_text
from tracker.ui.widgets.safe_text import isolate


def describe_event(event: EventView, titles: dict[str, str]) -> str:
    """An event log entry in plain words: 'Ticked HTML5', 'Set status of Flask tutorial to done'."""
    if event.unreadable:
        return QCoreApplication.translate(
            "RecentActivity", "An entry this version cannot read (%s)"
        ) % isolate(event.action)
    name = isolate(titles.get(event.item_slug or "", event.item_slug or ""))
    action = event.action
    if action == "prerequisite.done":
        return (
            QCoreApplication.translate("RecentActivity", "Ticked %s")
            if event.new
            else QCoreApplication.translate("RecentActivity", "Unticked %s")
        ) % name
    if action == "prerequisite.confidence":
        if event.new is None:
            return (
                QCoreApplication.translate("RecentActivity", "Cleared your confidence in %s") % name
            )
        return QCoreApplication.translate("RecentActivity", "Rated your confidence in %s %s/5") % (
            name,
            event.new,
        )
    if action == "prerequisite.evidence":
        return QCoreApplication.translate("RecentActivity", "Changed the evidence for %s") % name
    if action == "resource.status":
        if event.new is None:
            return QCoreApplication.translate("RecentActivity", "Cleared the status of %s") % name
        return QCoreApplication.translate("RecentActivity", "Set status of %s to %s") % (
            name,
            _status_word(str(event.new)),
        )
    if action == "resource.rating":
        if event.new is None:
            return QCoreApplication.translate("RecentActivity", "Removed the rating of %s") % name
        return QCoreApplication.translate("RecentActivity", "Rated %s %s/5") % (name, event.new)
    if action == "resource.notes":
        return QCoreApplication.translate("RecentActivity", "Edited notes on %s") % name
    if action == "resource.added":
        return QCoreApplication.translate(
            "RecentActivity", "Added your own resource %s"
        ) % _title_in(event.new, name)
    if action == "resource.edited":
        return QCoreApplication.translate("RecentActivity", "Edited your resource %s") % name
    if action == "resource.deleted":
        return QCoreApplication.translate("RecentActivity", "Removed your resource %s") % _title_in(
            event.old, name
        )
    if action == "time.logged":
        logged = minutes_text(event.new) if isinstance(event.new, int) else str(event.new)
        if name:
            return QCoreApplication.translate("RecentActivity", "Logged %s on %s") % (logged, name)
        return QCoreApplication.translate("RecentActivity", "Logged %s of study") % (logged,)
    if action == "profile.created":
        return QCoreApplication.translate("RecentActivity", "Started tracking")
    return _describe_more(event, name) or (
        action.replace(".", " ").replace("_", " ").capitalize() + (f" {name}" if name else "")
    )


def _status_word(status: str) -> str:
    words = {
        "planned": QCoreApplication.translate("RecentActivity", "planned"),
        "in-progress": QCoreApplication.translate("RecentActivity", "in progress"),
        "done": QCoreApplication.translate("RecentActivity", "done"),
        "skipped": QCoreApplication.translate("RecentActivity", "skipped"),
    }
    return words.get(status, status)


def _title_in(value: Any, fallback: str) -> str:
    return isolate(str(value.get("title", fallback))) if isinstance(value, dict) else fallback


def _describe_more(event: EventView, name: str) -> str | None:
    """Wording for the study log, revisits, the comparison and data transfers."""
    action = event.action
    on = (QCoreApplication.translate("RecentActivity", " on %s") % name) if name else ""
    if action == "timer.started":
        return QCoreApplication.translate("RecentActivity", "Started the study timer") + on
    if action == "timer.stopped":
        return QCoreApplication.translate("RecentActivity", "Stopped the study timer") + on
    if action == "timer.discarded":
        return QCoreApplication.translate("RecentActivity", "Discarded the study timer") + on
    if action == "time.edited":
        return QCoreApplication.translate("RecentActivity", "Edited a study log entry") + on
    if action == "time.deleted":
        return QCoreApplication.translate("RecentActivity", "Deleted a study log entry") + on
    if action == "time.restored":
        return QCoreApplication.translate("RecentActivity", "Restored a study log entry") + on
    if action == "prerequisite.revisit_scheduled":
        if event.new is None:
            return QCoreApplication.translate("RecentActivity", "No revisit needed for %s") % name
        return QCoreApplication.translate("RecentActivity", "Scheduled a revisit of %s for %s") % (
            name,
            event.new,
        )
    if action == "prerequisite.revisited":
        return QCoreApplication.translate("RecentActivity", "Revisited %s") % name
    if action == "situation.changed":
        return QCoreApplication.translate("RecentActivity", "Updated your situation")
    if action == "situation.weights":
        return QCoreApplication.translate(
            "RecentActivity", "Changed what matters to you in the comparison"
        )
    if action == "offer.added":
        return QCoreApplication.translate("RecentActivity", "Added the offer %s") % _title_in(
            event.new, name
        )
    if action == "offer.edited":
        return QCoreApplication.translate("RecentActivity", "Edited the offer %s") % _title_in(
            event.new, name
        )
    if action == "offer.deleted":
        return QCoreApplication.translate("RecentActivity", "Removed the offer %s") % _title_in(
            event.old, name
        )
    if action == "decision.made":
        return QCoreApplication.translate(
            "RecentActivity", "Chose %s as the way to learn"
        ) % _title_in(event.new, name)
    if action == "decision.cleared":
        return QCoreApplication.translate("RecentActivity", "Cleared your choice of how to learn")
    if action == "progress.imported":
        return QCoreApplication.translate(
            "RecentActivity", "Imported progress from another machine"
        )
    return None


def when(at: datetime, now: datetime | None = None) -> str:
    """A short local time: '14:32' today, 'Mon 14:32' this week, else '3 Nov'."""
    local = at.replace(tzinfo=UTC).astimezone()
    now = now or datetime.now().astimezone()
    if local.date() == now.date():
        return local.strftime("%H:%M")
    if (now.date() - local.date()).days < 7:
        return local.strftime("%a %H:%M")
    return f"{local.day} {local.strftime('%b')}"
