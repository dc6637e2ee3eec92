"""The error family a learner can be shown: environment and input problems, never bugs."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.formatting import counted
from tracker.wording import QT_TRANSLATE_NOOP, say

TIMER_LEFT_ON = QT_TRANSLATE_NOOP(
    "Errors",
    "The timer has been running for {hours} hours, more than {limit}; it was probably left on. "
    "Say how many minutes you studied (or discard the timer).",
)
PACK_NOT_IMPORTED = QT_TRANSLATE_NOOP("Errors", "The pack was not imported: {problems} found.")


class TrackerError(Exception):
    """A problem the learner can understand and act on; its message is shown as it is."""


class StorageError(TrackerError):
    """The database could not be read or written (locked, read-only, disk full, corrupt)."""


class NewerDatabaseError(StorageError):
    """The database was written by a newer version of the app."""


class NotFoundError(TrackerError):
    """A slug or name that does not exist was asked for."""


class InvalidInputError(TrackerError):
    """A value the learner gave is out of range or malformed."""


class TimerTooLongError(InvalidInputError):
    """A study timer ran longer than anyone studies in one go; the learner says how long."""

    def __init__(self, elapsed_seconds: int, limit_hours: int) -> None:
        self.elapsed_seconds = elapsed_seconds
        self.limit_hours = limit_hours
        hours = f"{elapsed_seconds / 3600:.1f}"
        super().__init__(say(TIMER_LEFT_ON, hours=hours, limit=limit_hours))


@dataclass(frozen=True)
class PackIssue:
    """One located problem in a content pack."""

    file: str
    message: str
    field: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            where += f": {self.field}"
        return f"{where}: {self.message}"


class PackError(TrackerError):
    """A content pack is invalid; nothing was imported."""

    def __init__(self, issues: list[PackIssue]) -> None:
        self.issues = issues
        lines = "\n".join(f"  {issue}" for issue in issues)
        problems = counted(len(issues), "problem")
        super().__init__(f"{say(PACK_NOT_IMPORTED, problems=problems)}\n{lines}")
