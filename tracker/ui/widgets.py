"""Shared widgets: safe Markdown, page headers, cards, and links that open only http(s)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

WEB_SCHEMES = ("http", "https")


def tr(text: str) -> str:
    return QCoreApplication.translate("widgets", text)


def is_web_url(url: QUrl | str) -> bool:
    url = QUrl(url) if isinstance(url, str) else url
    return url.isValid() and url.scheme().lower() in WEB_SCHEMES and bool(url.host())


def open_web_url(url: QUrl | str) -> bool:
    """Open ``url`` in the system browser if it is http(s); anything else is refused."""
    url = QUrl(url) if isinstance(url, str) else url
    if not is_web_url(url):
        return False
    return QDesktopServices.openUrl(url)


class SafeMarkdownView(QTextBrowser):
    """Markdown rendered by Qt, loading no local file and no remote image.

    Links are not followed inside the view; http(s) links open in the system browser.
    """

    def __init__(self, parent: QWidget | None = None, max_height: int = 0) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(open_web_url)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._max_height = max_height  # > 0: grow with the text up to this height

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._max_height <= 0:
            return
        document = self.document()
        document.setTextWidth(self.viewport().width())
        margins = self.contentsMargins()
        wanted = int(document.size().height()) + margins.top() + margins.bottom() + 4
        self.setFixedHeight(max(40, min(self._max_height, wanted)))

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        if QUrl(name).scheme() == "data":
            return super().loadResource(type, name)
        return None

    def set_markdown(self, text: str) -> None:
        self.setMarkdown(text)
        self._fit()


class FlowScrollArea(QScrollArea):
    """A vertical scroll area whose page grows with wrapped text instead of squeezing it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_content)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_content()

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit_timer.start()
        return super().eventFilter(watched, event)

    def fit_content(self) -> None:
        widget = self.widget()
        layout = widget.layout() if widget is not None else None
        if widget is None or layout is None:
            return
        layout.activate()
        width = self.viewport().width()
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
        widget.setMinimumHeight(max(height, layout.totalMinimumSize().height()))


def heading(text: str, object_name: str = "SectionTitle") -> QLabel:
    label = QLabel(text)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label


def muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("Muted")
    label.setWordWrap(True)
    return label


class Card(QFrame):
    """A rounded panel with an optional title; add widgets to ``body``."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(18, 16, 18, 16)
        self.body.setSpacing(10)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop)
        if title:
            self.title_label = heading(title)
            self.body.addWidget(self.title_label)
        self.setAccessibleName(title or tr("Panel"))


def page_header(title: str, subtitle: str = "") -> tuple[QWidget, QLabel, QLabel]:
    """A page title with a muted line under it; returns (widget, title label, subtitle label)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 4)
    layout.setSpacing(2)
    title_label = heading(title, "PageTitle")
    subtitle_label = QLabel(subtitle)
    subtitle_label.setObjectName("PageSubtitle")
    subtitle_label.setWordWrap(True)
    layout.addWidget(title_label)
    layout.addWidget(subtitle_label)
    title_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return box, title_label, subtitle_label


def link_html(url: str, text: str) -> str:
    """An anchor for a QLabel (only http(s) are made links; the rest is plain text)."""
    from html import escape

    if is_web_url(url):
        return f'<a href="{escape(url, quote=True)}">{escape(text)}</a>'
    return escape(text)
