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

if TYPE_CHECKING:
    from tracker.services.bundle import Services

_STATUS_WORDS = {
    "planned": "Planned",
    "in-progress": "In progress",
    "done": "Done",
    "skipped": "Skipped",
}

_STYLE = """
body { font-family: sans-serif; font-size: 10pt; color: #222; }
h1 { font-size: 20pt; margin-bottom: 2pt; }
h2 { font-size: 13pt; margin-top: 14pt; border-bottom: 1px solid #999; }
.muted { color: #666; }
.big { font-size: 14pt; }
td, th { padding: 3px 8px 3px 0; vertical-align: top; }
th { text-align: left; border-bottom: 1px solid #999; }
"""


def _hours(minutes: int) -> str:
    return formatting.minutes(minutes) if minutes else "–"


def _checklist_rows(items: tuple[ChecklistItem, ...], depth: int = 0) -> list[str]:
    rows = []
    for item in items:
        mark = "☑" if item.done else "☐"
        extra = "" if item.required or depth else " <span class='muted'>(recommended)</span>"
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
    ready = "Ready to start." if summary.ready else f"{required.done} of {required.total} required"
    parts = [
        f"<html><head><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(detail.title)}: progress report</h1>",
        f"<p class='muted'>Learner: {escape(services.settings.profile)} · "
        f"{today:%d %B %Y} · pack {escape(detail.pack_version)}</p>",
        f"<p class='big'><b>Prerequisites:</b> {escape(ready)} · "
        f"<b>Resources done:</b> {summary.resources.done} of {summary.resources.total} · "
        f"<b>Time studied:</b> {_hours(summary.minutes_logged)}</p>",
        "<h2>Before you start</h2><table width='100%'>",
        "<tr><th>Skill</th><th>Confidence</th></tr>",
        *_checklist_rows(checklist.items),
        "</table>",
        "<h2>Resources</h2>",
    ]
    if resources:
        parts += [
            "<table width='100%'><tr><th>Resource</th><th>Status</th><th>Rating</th>"
            "<th>Time</th><th>Notes</th></tr>"
        ]
        for r in resources:
            notes = r.notes if len(r.notes) <= 300 else r.notes[:300] + "…"
            parts.append(
                f"<tr><td>{escape(r.title)}</td><td>{_STATUS_WORDS.get(r.status or '', '')}</td>"
                f"<td>{'★' * (r.rating or 0)}</td><td>{_hours(r.minutes_spent)}</td>"
                f"<td>{escape(notes)}</td></tr>"
            )
        parts.append("</table>")
    else:
        parts.append("<p class='muted'>No resource started yet.</p>")
    parts.append("<h2>Recent study sessions</h2>")
    if entries:
        parts.append("<table><tr><th>Day</th><th>Time</th><th>On</th><th>Note</th></tr>")
        for entry in entries:
            on = titles.get(entry.item_slug or "", entry.item_slug or "")
            parts.append(
                f"<tr><td>{entry.day:%d %b %Y}</td><td>{_hours(entry.minutes)}</td>"
                f"<td>{escape(on)}</td><td>{escape(entry.note)}</td></tr>"
            )
        parts.append("</table>")
    else:
        parts.append("<p class='muted'>No study time logged yet.</p>")
    parts.append("</body></html>")
    return "".join(parts)
