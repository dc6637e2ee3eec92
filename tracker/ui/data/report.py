"""A printable progress report (PDF) made with Qt's own text layout and PDF writer."""

from __future__ import annotations

import contextlib
from datetime import datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from tracker.domain.views import ChecklistItem
from tracker.errors import StorageError
from tracker.services.bundle import Services
from tracker.ui.widgets.safe_text import InertDocument

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
    if not minutes:
        return "–"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min"


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


def report_html(services: Services, path_slug: str, now: datetime | None = None) -> str:
    """The report as HTML; every text from packs and the learner is escaped."""
    detail = services.packs.path_detail(path_slug)
    summary = services.progress.summary(path_slug)
    checklist = services.checklist.checklist(path_slug)
    catalog = services.catalog.resources(path_slug)
    titles = {r.slug: r.title for r in catalog}
    titles |= {item.slug: item.title for top in checklist.items for item in top.walk()}
    resources = [r for r in catalog if r.status or r.minutes_spent]
    entries = services.studylog.entries(path_slug)[:15]
    now = now or datetime.now().astimezone()
    required = summary.required
    ready = "Ready to start." if summary.ready else f"{required.done} of {required.total} required"
    parts = [
        f"<html><head><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(detail.title)}: progress report</h1>",
        f"<p class='muted'>Learner: {escape(services.settings.profile)} · "
        f"{now:%d %B %Y} · pack {escape(detail.pack_version)}</p>",
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


def report_document(services: Services, path_slug: str) -> QTextDocument:
    """The report laid out for printing; it loads no resource (``InertDocument``)."""
    document = InertDocument()
    document.setHtml(report_html(services, path_slug))
    return document


def write_progress_report(services: Services, path_slug: str, file: Path) -> int:
    """Write the report as an A4 PDF; return its number of pages.

    The PDF is written under a temporary name and renamed into place, so a failed write (a
    folder that cannot be written, a full disk) leaves no half file and raises StorageError.
    """
    _ = QGuiApplication.instance() or QGuiApplication([])
    partial = file.with_name(file.name + ".partial")
    try:
        partial.write_bytes(b"")  # fail early and plainly rather than paint into nothing
    except OSError as exc:
        raise StorageError(f"{file} could not be written ({exc.strerror}).") from None
    writer = QPdfWriter(str(partial))
    writer.setTitle(f"Progress report: {path_slug}")
    writer.setCreator("Learning Path Tracker")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 18, 18, 18),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = report_document(services, path_slug)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    pages = document.pageCount()
    document.print_(writer)
    del writer  # closes the file
    try:
        if partial.stat().st_size == 0:
            raise OSError(0, "nothing was written")
        partial.replace(file)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        missing = isinstance(exc, FileNotFoundError)
        reason = "its folder cannot be written" if missing else exc.strerror
        raise StorageError(f"{file} could not be written ({reason}).") from None
    return pages
