"""Untrusted rich text shown safely: no local files, no remote images, web links only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

WEB_SCHEMES = ("http", "https")


def is_web_link(url: QUrl) -> bool:
    """Whether ``url`` is an absolute http(s) link with a host (the only kind the app opens)."""
    return url.isValid() and url.scheme().lower() in WEB_SCHEMES and bool(url.host())


class SafeTextBrowser(QTextBrowser):
    """A QTextBrowser for untrusted text (pack descriptions, notes, imported progress).

    It loads no resources at all (so ``<img src="file:...">`` or ``http:`` images and style
    sheets are never fetched), never navigates inside itself, and opens only http/https links,
    with the system browser. Any other link is refused and reported by ``link_refused``.
    """

    link_opened = Signal(QUrl)
    link_refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._open_link)
        self._blank_image = QImage(1, 1, QImage.Format.Format_ARGB32)
        self._blank_image.fill(0)

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        """Nothing is ever loaded: not local files, not remote images, not style sheets.

        The answer must not be empty: for an empty answer QTextDocument falls back to reading
        a local file itself. So images get a blank 1x1 picture and anything else a blank text.
        """
        if type == QTextDocument.ResourceType.ImageResource.value:
            return self._blank_image
        return " "

    def _open_link(self, url: QUrl) -> None:
        if is_web_link(url):
            QDesktopServices.openUrl(url)
            self.link_opened.emit(url)
        else:
            self.link_refused.emit(url.toString())
