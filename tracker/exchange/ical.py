"""A small iCalendar (RFC 5545) writer for VTODO items: escaping, 75-octet folding, CRLF."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from tracker import __version__
from tracker.domain.enums import ResourceStatus

PRODID = f"-//Learning Path Tracker//{__version__}//EN"
MAX_LINE_OCTETS = 75

STATUS_BY_RESOURCE_STATUS = {
    ResourceStatus.PLANNED: "NEEDS-ACTION",
    ResourceStatus.IN_PROGRESS: "IN-PROCESS",
    ResourceStatus.DONE: "COMPLETED",
    ResourceStatus.SKIPPED: "CANCELLED",
}


@dataclass(frozen=True)
class Todo:
    """One to-do of the study plan or a revisit."""

    uid: str
    summary: str
    status: str
    due: date | None = None
    description: str = ""
    categories: Sequence[str] = ()
    last_modified: datetime | None = None


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\n", "\\n")
    # other control characters are not allowed in TEXT
    return "".join(ch for ch in value if ch >= " " or ch == "\t")


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    pieces: list[str] = []
    current = ""
    current_octets = 0
    limit = MAX_LINE_OCTETS
    for char in line:
        size = len(char.encode("utf-8"))
        if current_octets + size > limit:
            pieces.append(current)
            current, current_octets = " ", 1  # a continuation line starts with one space
        current += char
        current_octets += size
    pieces.append(current)
    return "\r\n".join(pieces)


def _utc_stamp(value: datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y%m%dT%H%M%SZ")


def _todo_lines(todo: Todo, stamp: datetime) -> Iterable[str]:
    yield "BEGIN:VTODO"
    yield f"UID:{escape_text(todo.uid)}"
    yield f"DTSTAMP:{_utc_stamp(stamp)}"
    yield f"SUMMARY:{escape_text(todo.summary)}"
    yield f"STATUS:{todo.status}"
    if todo.due is not None:
        yield f"DUE;VALUE=DATE:{todo.due.strftime('%Y%m%d')}"
    if todo.description:
        yield f"DESCRIPTION:{escape_text(todo.description)}"
    if todo.categories:
        yield "CATEGORIES:" + ",".join(escape_text(c) for c in todo.categories)
    if todo.last_modified is not None:
        yield f"LAST-MODIFIED:{_utc_stamp(todo.last_modified)}"
    yield "END:VTODO"


def calendar(todos: Iterable[Todo], stamp: datetime) -> bytes:
    """A whole VCALENDAR of ``todos`` as UTF-8 bytes with CRLF line ends."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Learning plan",
    ]
    for todo in todos:
        lines.extend(_todo_lines(todo, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")
