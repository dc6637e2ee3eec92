"""Shared widgets: a scroll area that grows with its text, page headers, cards, labels."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from tracker.ui.widgets.safe_text import PlainLabel


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
    label = PlainLabel(text)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label


def muted(text: str = "") -> QLabel:
    label = PlainLabel(text)
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
        self.setAccessibleName(title or QCoreApplication.translate("widgets", "Panel"))


def page_header(title: str, subtitle: str = "") -> tuple[QWidget, QLabel, QLabel]:
    """A page title with a muted line under it; returns (widget, title label, subtitle label)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 4)
    layout.setSpacing(2)
    title_label = heading(title, "PageTitle")
    subtitle_label = PlainLabel(subtitle)
    subtitle_label.setObjectName("PageSubtitle")
    subtitle_label.setWordWrap(True)
    layout.addWidget(title_label)
    layout.addWidget(subtitle_label)
    title_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return box, title_label, subtitle_label
