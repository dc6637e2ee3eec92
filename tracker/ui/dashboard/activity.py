"""The recent-activity feed in plain words: "Ticked HTML5", "Logged 30 min on Flask"."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from tracker.domain.actions import Action
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
    if action == Action.PREREQUISITE_DONE:
        return (
            QCoreApplication.translate("RecentActivity", "Ticked %s")
            if event.new
            else QCoreApplication.translate("RecentActivity", "Unticked %s")
        ) % name
    if action == Action.PREREQUISITE_CONFIDENCE:
        if event.new is None:
            return (
                QCoreApplication.translate("RecentActivity", "Cleared your confidence in %s") % name
            )
        return QCoreApplication.translate("RecentActivity", "Rated your confidence in %s %s/5") % (
            name,
            event.new,
        )
    if action == Action.PREREQUISITE_EVIDENCE:
        return QCoreApplication.translate("RecentActivity", "Changed the evidence for %s") % name
    if action == Action.RESOURCE_STATUS:
        if event.new is None:
            return QCoreApplication.translate("RecentActivity", "Cleared the status of %s") % name
        return QCoreApplication.translate("RecentActivity", "Set status of %s to %s") % (
            name,
            _status_word(str(event.new)),
        )
    if action == Action.RESOURCE_RATING:
        if event.new is None:
            return QCoreApplication.translate("RecentActivity", "Removed the rating of %s") % name
        return QCoreApplication.translate("RecentActivity", "Rated %s %s/5") % (name, event.new)
    if action == Action.RESOURCE_NOTES:
        return QCoreApplication.translate("RecentActivity", "Edited notes on %s") % name
    if action == Action.RESOURCE_ADDED:
        return QCoreApplication.translate(
            "RecentActivity", "Added your own resource %s"
        ) % _title_in(event.new, name)
    if action == Action.RESOURCE_EDITED:
        return QCoreApplication.translate("RecentActivity", "Edited your resource %s") % name
    if action == Action.RESOURCE_DELETED:
        return QCoreApplication.translate("RecentActivity", "Removed your resource %s") % _title_in(
            event.old, name
        )
    if action == Action.TIME_LOGGED:
        logged = minutes_text(event.new) if isinstance(event.new, int) else str(event.new)
        if name:
            return QCoreApplication.translate("RecentActivity", "Logged %s on %s") % (logged, name)
        return QCoreApplication.translate("RecentActivity", "Logged %s of study") % (logged,)
    if action == Action.PROFILE_CREATED:
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
    if action == Action.TIMER_STARTED:
        return QCoreApplication.translate("RecentActivity", "Started the study timer") + on
    if action == Action.TIMER_STOPPED:
        return QCoreApplication.translate("RecentActivity", "Stopped the study timer") + on
    if action == Action.TIMER_DISCARDED:
        return QCoreApplication.translate("RecentActivity", "Discarded the study timer") + on
    if action == Action.TIME_EDITED:
        return QCoreApplication.translate("RecentActivity", "Edited a study log entry") + on
    if action == Action.TIME_DELETED:
        return QCoreApplication.translate("RecentActivity", "Deleted a study log entry") + on
    if action == Action.TIME_RESTORED:
        return QCoreApplication.translate("RecentActivity", "Restored a study log entry") + on
    if action == Action.PREREQUISITE_REVISIT_SCHEDULED:
        if event.new is None:
            return QCoreApplication.translate("RecentActivity", "No revisit needed for %s") % name
        return QCoreApplication.translate("RecentActivity", "Scheduled a revisit of %s for %s") % (
            name,
            event.new,
        )
    if action == Action.PREREQUISITE_REVISITED:
        return QCoreApplication.translate("RecentActivity", "Revisited %s") % name
    if action == Action.SITUATION_CHANGED:
        return QCoreApplication.translate("RecentActivity", "Updated your situation")
    if action == Action.SITUATION_WEIGHTS:
        return QCoreApplication.translate(
            "RecentActivity", "Changed what matters to you in the comparison"
        )
    if action == Action.OFFER_ADDED:
        return QCoreApplication.translate("RecentActivity", "Added the offer %s") % _title_in(
            event.new, name
        )
    if action == Action.OFFER_EDITED:
        return QCoreApplication.translate("RecentActivity", "Edited the offer %s") % _title_in(
            event.new, name
        )
    if action == Action.OFFER_DELETED:
        return QCoreApplication.translate("RecentActivity", "Removed the offer %s") % _title_in(
            event.old, name
        )
    if action == Action.DECISION_MADE:
        return QCoreApplication.translate(
            "RecentActivity", "Chose %s as the way to learn"
        ) % _title_in(event.new, name)
    if action == Action.DECISION_CLEARED:
        return QCoreApplication.translate("RecentActivity", "Cleared your choice of how to learn")
    if action in (Action.UNDONE, Action.REDONE):
        label = event.new.get("label") if isinstance(event.new, dict) else None
        undid = action == Action.UNDONE
        if not label:
            return (
                QCoreApplication.translate("RecentActivity", "Undid a change")
                if undid
                else QCoreApplication.translate("RecentActivity", "Redid a change")
            )
        return (
            QCoreApplication.translate("RecentActivity", "Undid “%s”")
            if undid
            else QCoreApplication.translate("RecentActivity", "Redid “%s”")
        ) % isolate(str(label))
    if action == Action.PROGRESS_IMPORTED:
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
