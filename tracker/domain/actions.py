"""Every kind of change the event log records: one typed name each, never a bare string."""

from __future__ import annotations

from enum import StrEnum


class Action(StrEnum):
    """What a learner did, as the event log names it (the values are stored: never rename)."""

    PROFILE_CREATED = "profile.created"
    PREREQUISITE_DONE = "prerequisite.done"
    PREREQUISITE_CONFIDENCE = "prerequisite.confidence"
    PREREQUISITE_EVIDENCE = "prerequisite.evidence"
    PREREQUISITE_REVISIT_SCHEDULED = "prerequisite.revisit_scheduled"
    PREREQUISITE_REVISITED = "prerequisite.revisited"
    RESOURCE_STATUS = "resource.status"
    RESOURCE_RATING = "resource.rating"
    RESOURCE_NOTES = "resource.notes"
    RESOURCE_ADDED = "resource.added"
    RESOURCE_EDITED = "resource.edited"
    RESOURCE_DELETED = "resource.deleted"
    TIME_LOGGED = "time.logged"
    TIME_EDITED = "time.edited"
    TIME_DELETED = "time.deleted"
    TIME_RESTORED = "time.restored"
    TIMER_STARTED = "timer.started"
    TIMER_STOPPED = "timer.stopped"
    TIMER_DISCARDED = "timer.discarded"
    SITUATION_CHANGED = "situation.changed"
    SITUATION_WEIGHTS = "situation.weights"
    OFFER_ADDED = "offer.added"
    OFFER_EDITED = "offer.edited"
    OFFER_DELETED = "offer.deleted"
    DECISION_MADE = "decision.made"
    DECISION_CLEARED = "decision.cleared"
    PROGRESS_IMPORTED = "progress.imported"
    UNDONE = "history.undone"
    REDONE = "history.redone"
