"""The progress report's content: one path's checklist, resources and recent study, as HTML.

Pure text (no Qt): :mod:`tracker.exchange.pdf` lays it out and prints it.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import TYPE_CHECKING

from tracker import formatting
from tracker.clock import local_today
from tracker.domain.views import ChecklistItem
from tracker.wording import QT_TRANSLATE_NOOP, Sentence, say

if TYPE_CHECKING:
    from tracker.services.bundle import Services

_STATUS_WORDS = {
    "planned": QT_TRANSLATE_NOOP("Report", "Planned"),
    "in-progress": QT_TRANSLATE_NOOP("Report", "In progress"),
    "done": QT_TRANSLATE_NOOP("Report", "Done"),
    "skipped": QT_TRANSLATE_NOOP("Report", "Skipped"),
}
RECOMMENDED = QT_TRANSLATE_NOOP("Report", "(recommended)")
TITLE = QT_TRANSLATE_NOOP("Report", "{path}: progress report")
BYLINE = QT_TRANSLATE_NOOP("Report", "Learner: {learner} · {day} · pack {version}")
READY_TO_START = QT_TRANSLATE_NOOP("Report", "Ready to start.")
REQUIRED_DONE = QT_TRANSLATE_NOOP("Report", "{done} of {total} required")
PREREQUISITES = QT_TRANSLATE_NOOP("Report", "Prerequisites:")
RESOURCES_DONE = QT_TRANSLATE_NOOP("Report", "Resources done:")
DONE_OF_TOTAL = QT_TRANSLATE_NOOP("Report", "{done} of {total}")
TIME_STUDIED = QT_TRANSLATE_NOOP("Report", "Time studied:")
BEFORE_YOU_START = QT_TRANSLATE_NOOP("Report", "Before you start")
SKILL = QT_TRANSLATE_NOOP("Report", "Skill")
CONFIDENCE = QT_TRANSLATE_NOOP("Report", "Confidence")
RESOURCES = QT_TRANSLATE_NOOP("Report", "Resources")
RESOURCE = QT_TRANSLATE_NOOP("Report", "Resource")
STATUS = QT_TRANSLATE_NOOP("Report", "Status")
RATING = QT_TRANSLATE_NOOP("Report", "Rating")
TIME = QT_TRANSLATE_NOOP("Report", "Time")
NOTES = QT_TRANSLATE_NOOP("Report", "Notes")
NO_RESOURCE_STARTED = QT_TRANSLATE_NOOP("Report", "No resource started yet.")
RECENT_STUDY = QT_TRANSLATE_NOOP("Report", "Recent study sessions")
DAY = QT_TRANSLATE_NOOP("Report", "Day")
ON = QT_TRANSLATE_NOOP("Report", "On")
NOTE = QT_TRANSLATE_NOOP("Report", "Note")
NO_STUDY_TIME = QT_TRANSLATE_NOOP("Report", "No study time logged yet.")


def _said(sentence: Sentence, **values: object) -> str:
    """``sentence`` said and escaped for HTML (a translation may hold ``<`` or ``&``)."""
    return escape(say(sentence, **values))


def _headings(*sentences: Sentence) -> str:
    return "<tr>" + "".join(f"<th>{_said(sentence)}</th>" for sentence in sentences) + "</tr>"


_STYLE = """
body { font-family: sans-serif; font-size: 10pt; color: #222; }
h1 { font-size: 20pt; margin-bottom: 2pt; }
h2 { font-size: 13pt; margin-top: 14pt; border-bottom: 1px solid #999; }
.muted { color: #666; }
.big { font-size: 14pt; }
td, th { padding: 3px 8px 3px 0; vertical-align: top; }
th { text-align: left; border-bottom: 1px solid #999; }
"""


def _status(status: str | None) -> str:
    sentence = _STATUS_WORDS.get(status or "")
    return _said(sentence) if sentence else ""


def _hours(minutes: int) -> str:
    return formatting.minutes(minutes) if minutes else "–"


def _checklist_rows(items: tuple[ChecklistItem, ...], depth: int = 0) -> list[str]:
    rows = []
    for item in items:
        mark = "☑" if item.done else "☐"
        extra = (
            "" if item.required or depth else f" <span class='muted'>{_said(RECOMMENDED)}</span>"
        )
        confidence = f"{item.confidence}/5" if item.confidence else ""
        rows.append(
            f"<tr><td style='padding-left:{depth * 18}px'>{mark} {escape(item.title)}{extra}</td>"
            f"<td>{confidence}</td></tr>"
        )
        rows += _checklist_rows(item.children, depth + 1)
    return rows


def report_html(services: Services, path_slug: str, today: date | None = None) -> str:
    """The report as HTML; every text from packs and the learner is escaped."""
    detail = services.packs.path_detail(path_slug)
    summary = services.progress.summary(path_slug)
    checklist = services.checklist.checklist(path_slug)
    catalog = services.catalog.resources(path_slug)
    titles = {r.slug: r.title for r in catalog}
    titles |= {item.slug: item.title for top in checklist.items for item in top.walk()}
    resources = [r for r in catalog if r.status or r.minutes_spent]
    entries = services.studylog.entries(path_slug)[:15]
    today = today or local_today()
    required = summary.required
    ready = (
        _said(READY_TO_START)
        if summary.ready
        else _said(REQUIRED_DONE, done=required.done, total=required.total)
    )
    byline = _said(
        BYLINE,
        learner=services.settings.profile,
        day=f"{today:%d %B %Y}",
        version=detail.pack_version,
    )
    resources_done = _said(
        DONE_OF_TOTAL, done=summary.resources.done, total=summary.resources.total
    )
    parts = [
        f"<html><head><style>{_STYLE}</style></head><body>",
        f"<h1>{_said(TITLE, path=detail.title)}</h1>",
        f"<p class='muted'>{byline}</p>",
        f"<p class='big'><b>{_said(PREREQUISITES)}</b> {ready} · "
        f"<b>{_said(RESOURCES_DONE)}</b> {resources_done} · "
        f"<b>{_said(TIME_STUDIED)}</b> {_hours(summary.minutes_logged)}</p>",
        f"<h2>{_said(BEFORE_YOU_START)}</h2><table width='100%'>",
        _headings(SKILL, CONFIDENCE),
        *_checklist_rows(checklist.items),
        "</table>",
        f"<h2>{_said(RESOURCES)}</h2>",
    ]
    if resources:
        parts += ["<table width='100%'>", _headings(RESOURCE, STATUS, RATING, TIME, NOTES)]
        for r in resources:
            notes = r.notes if len(r.notes) <= 300 else r.notes[:300] + "…"
            parts.append(
                f"<tr><td>{escape(r.title)}</td><td>{_status(r.status)}</td>"
                f"<td>{'★' * (r.rating or 0)}</td><td>{_hours(r.minutes_spent)}</td>"
                f"<td>{escape(notes)}</td></tr>"
            )
        parts.append("</table>")
    else:
        parts.append(f"<p class='muted'>{_said(NO_RESOURCE_STARTED)}</p>")
    parts.append(f"<h2>{_said(RECENT_STUDY)}</h2>")
    if entries:
        parts += ["<table>", _headings(DAY, TIME, ON, NOTE)]
        for entry in entries:
            on = titles.get(entry.item_slug or "", entry.item_slug or "")
            parts.append(
                f"<tr><td>{entry.day:%d %b %Y}</td><td>{_hours(entry.minutes)}</td>"
                f"<td>{escape(on)}</td><td>{escape(entry.note)}</td></tr>"
            )
        parts.append("</table>")
    else:
        parts.append(f"<p class='muted'>{_said(NO_STUDY_TIME)}</p>")
    parts.append("</body></html>")
    return "".join(parts)
