"""Text from packs, progress files and the learner, shown so that it can only ever be text.

- ``SafeTextBrowser`` is the one view for Markdown and rich text. It loads no resource of any
  scheme (file, qrc, http, data, relative paths): images become their description in brackets
  before Qt lays the text out, style sheets and backgrounds come back blank, and only http(s)
  links open, in the system browser.
- ``PlainLabel`` shows its text literally (never as rich text) with bidi overrides contained;
  ``plain_tooltip`` makes a tooltip show its text literally; ``isolate`` sets an outside
  string into the app's own words so that its writing direction cannot reorder them.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QImage,
    QResizeEvent,
    Qt,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QFrame, QLabel, QTextBrowser, QWidget

WEB_SCHEMES = ("http", "https")
MARKDOWN_FEATURES = (
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub
    | QTextDocument.MarkdownFeature.MarkdownNoHTML  # raw HTML in Markdown shows as text
)

EMBEDDINGS = "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO: reorder what follows
ISOLATE_OPENERS = "\u2066\u2067\u2068"  # LRI RLI FSI
FSI, PDI = "\u2068", "\u2069"
_DIRECTION_CONTROLS = {ord(ch): None for ch in EMBEDDINGS + ISOLATE_OPENERS + PDI}
_RIGHT_TO_LEFT = {"R", "AL", "AN"}

FIT_MIN_HEIGHT = 40  # a text view that grows with its text is never squeezed below this
MIN_WIDTH_CHARS = 20  # a plain label may be squeezed to this many characters' width

_BLANK_IMAGE = QImage(1, 1, QImage.Format.Format_ARGB32)
_BLANK_IMAGE.fill(0)


def is_web_url(url: QUrl | str) -> bool:
    """Whether ``url`` is an absolute http(s) link with a host (the only kind the app opens)."""
    url = QUrl(url) if isinstance(url, str) else url
    return url.isValid() and url.scheme().lower() in WEB_SCHEMES and bool(url.host())


def open_web_url(url: QUrl | str) -> bool:
    """Open ``url`` in the system browser if it is http(s); anything else is refused."""
    url = QUrl(url) if isinstance(url, str) else url
    return is_web_url(url) and QDesktopServices.openUrl(url)


# --- direction ---------------------------------------------------------------------------------


def contain_bidi(text: str) -> str:
    """``text`` without direction overrides and embeddings, and without unpaired isolates.

    What is left cannot change the order of anything after it: an override (U+202E) or an
    isolate that is never closed would otherwise reverse the rest of the line.
    """
    if text.isascii():
        return text
    keep = [True] * len(text)
    opened: list[int] = []
    for index, char in enumerate(text):
        if char in EMBEDDINGS:
            keep[index] = False
        elif char in ISOLATE_OPENERS:
            opened.append(index)
        elif char == PDI:
            if opened:
                opened.pop()
            else:
                keep[index] = False
    for index in opened:
        keep[index] = False
    return "".join(char for char, kept in zip(text, keep, strict=True) if kept)


def isolate(text: str) -> str:
    """``text`` ready to sit inside the app's own words (a title in "Set status of %s").

    Its direction controls are dropped, and text with right-to-left letters is wrapped in
    FSI…PDI so that it keeps its own direction without reordering the words around it.
    Left-to-right text comes back unchanged.
    """
    if text.isascii():
        return text
    cleaned = text.translate(_DIRECTION_CONTROLS)
    if cleaned != text or any(unicodedata.bidirectional(c) in _RIGHT_TO_LEFT for c in cleaned):
        return FSI + cleaned + PDI
    return cleaned


# --- labels and tooltips -----------------------------------------------------------------------


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally: Qt reads tooltips that look like HTML as HTML."""
    if not text:
        return ""
    return Qt.convertFromPlainText(contain_bidi(text), Qt.WhiteSpaceMode.WhiteSpaceNormal)


def menu_text(text: str) -> str:
    """``text`` for a menu item: shown as written (an ``&`` in it is not a shortcut marker)."""
    return contain_bidi(text).replace("&", "&&")


class PlainLabel(QLabel):
    """A label for any text that did not come from the app itself: shown as it is written.

    Never rich text, so ``<img src=…>`` is shown, not loaded; direction overrides are dropped
    (see ``contain_bidi``).
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(contain_bidi(text))

    def minimumSizeHint(self) -> QSize:
        """No wider than a few words: a long title or an unbroken path cannot widen the page
        it is on (what does not fit is cut at the label's edge)."""
        hint = super().minimumSizeHint()
        narrowest = MIN_WIDTH_CHARS * self.fontMetrics().averageCharWidth()
        return QSize(min(hint.width(), narrowest), hint.height())


# --- rich text ---------------------------------------------------------------------------------


class InertDocument(QTextDocument):
    """A text document that loads nothing: every resource it asks for comes back blank.

    The answer is never empty: for an empty image QTextDocument would read the file itself.
    """

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        if type == QTextDocument.ResourceType.ImageResource.value:
            return _BLANK_IMAGE
        return ""


def _image_stand_in(image: QTextCharFormat) -> str:
    words = image.stringProperty(QTextFormat.Property.ImageAltText) or image.stringProperty(
        QTextFormat.Property.ImageTitle
    )
    return (
        f"[{QCoreApplication.translate('safe_text', 'image')}: {words}]"
        if words
        else f"[{QCoreApplication.translate('safe_text', 'image')}]"
    )


def strip_resources(document: QTextDocument) -> None:
    """Put each image's description in its place, and make text tooltips plain.

    Done before the document is laid out, so Qt never sees an image name: not even to look
    for a high-resolution variant of it on disk (or on a network share).
    """
    found: list[tuple[int, int, QTextCharFormat]] = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            char_format = fragment.charFormat()
            if char_format.isImageFormat() or char_format.toolTip():
                found.append((fragment.position(), fragment.length(), char_format))
            fragments += 1
        block = block.next()
    cursor = QTextCursor(document)
    for position, length, char_format in reversed(found):
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        if char_format.isImageFormat():
            words = QTextCharFormat()
            words.setFontItalic(True)
            if char_format.isAnchor():
                words.setAnchor(True)
                words.setAnchorHref(char_format.anchorHref())
            cursor.insertText(_image_stand_in(char_format) * length, words)
        else:
            plain = QTextCharFormat(char_format)
            plain.setToolTip(plain_tooltip(char_format.toolTip()))
            cursor.setCharFormat(plain)


class SafeTextBrowser(QTextBrowser):
    """The view for Markdown and rich text from packs, progress files and the learner.

    Each text is parsed into an ``InertDocument`` (style sheets and backgrounds come back
    blank), its images are replaced by their descriptions (``strip_resources``), and only then
    shown; raw HTML inside Markdown is shown as text. Links never navigate inside the view:
    http(s) links open in the system browser (``link_opened``), others are refused
    (``link_refused``). With ``max_height`` > 0 the view grows with its text up to that height.
    ``setHtml`` is for the app's own HTML, with every outside text escaped.
    """

    link_opened = Signal(QUrl)
    link_refused = Signal(str)

    def __init__(self, parent: QWidget | None = None, max_height: int = 0) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.anchorClicked.connect(self._open_link)
        self._max_height = max_height
        self._show(InertDocument(self))

    def setMarkdown(self, markdown: str) -> None:
        document = InertDocument(self)
        document.setMarkdown(markdown, MARKDOWN_FEATURES)
        self._show(document)

    def setHtml(self, text: str) -> None:
        document = InertDocument(self)
        document.setHtml(text)
        self._show(document)

    def setText(self, text: str) -> None:
        if Qt.mightBeRichText(text):
            self.setHtml(text)
        else:
            self.setPlainText(text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _show(self, document: InertDocument) -> None:
        strip_resources(document)
        document.setDefaultFont(self.font())
        previous = self.document()
        ours = previous.parent() is self  # the view's first document is deleted by Qt itself
        self.setDocument(document)
        if ours:
            previous.deleteLater()
        self._fit()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self._max_height > 0:
            hint.setHeight(self.maximumHeight())
        return hint

    def _fit(self) -> None:
        """Grow with the text up to ``max_height``; a crowded page may squeeze it (it scrolls)."""
        if self._max_height <= 0:
            return
        document = self.document()
        document.setTextWidth(self.viewport().width())
        margins = self.contentsMargins()
        wanted = int(document.size().height()) + margins.top() + margins.bottom() + 4
        self.setMinimumHeight(FIT_MIN_HEIGHT)
        self.setMaximumHeight(max(FIT_MIN_HEIGHT, min(self._max_height, wanted)))
        self.updateGeometry()

    def _open_link(self, url: QUrl) -> None:
        if is_web_url(url):
            open_web_url(url)
            self.link_opened.emit(url)
        else:
            self.link_refused.emit(url.toString())
