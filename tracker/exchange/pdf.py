"""The progress report printed as an A4 PDF with Qt's text layout (QtGui only, no widgets).

The command line uses it as the GUI does: it needs a QGuiApplication, never QtWidgets.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF, QUrl
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from tracker.exchange.report import report_html
from tracker.wording import QT_TRANSLATE_NOOP, say

if TYPE_CHECKING:
    from tracker.services.bundle import Services

DOCUMENT_TITLE = QT_TRANSLATE_NOOP("Report", "Progress report: {path}")


class _InertDocument(QTextDocument):
    """A document that loads nothing: an image comes back blank, any other resource empty.

    The answer is never empty for an image: for an empty one QTextDocument reads the file itself.
    """

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        if type == QTextDocument.ResourceType.ImageResource.value:
            blank = QImage(1, 1, QImage.Format.Format_ARGB32)
            blank.fill(0)
            return blank
        return ""


def report_document(services: Services, path_slug: str) -> QTextDocument:
    """The report as a text document that loads no resource."""
    document = _InertDocument()
    document.setHtml(report_html(services, path_slug))
    return document


def progress_report_pdf(services: Services, path_slug: str) -> tuple[bytes, int]:
    """The report of ``path_slug`` as PDF bytes, and its number of pages."""
    if QGuiApplication.instance() is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a terminal without a screen
        _application = QGuiApplication([])
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(say(DOCUMENT_TITLE, path=path_slug))
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
    del writer  # finishes the PDF
    buffer.close()
    return bytes(data.data()), pages
