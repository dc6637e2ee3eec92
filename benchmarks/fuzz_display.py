"""Display fuzz: titles and Markdown with every resource-loading construct, rendered offscreen.

Usage (from the repository root):
    QT_QPA_PLATFORM=offscreen python -m benchmarks.fuzz_display [--cases 2000] [--seed 1]

Each case mixes Markdown images (inline, titled, reference-style, inside links), links,
autolinks, raw HTML (img, link, style @import, CSS url(), backgrounds, object, iframe, embed,
video, svg, title tooltips) and giant image sizes, pointing at every kind of target: absolute
and relative paths, file URLs (mixed case, percent-encoded), qrc and ``:/`` resources,
http(s), ftp, data URLs, UNC-like ``//host/x`` and /dev/zero. Every case is rendered through
the app's text view (``SafeTextBrowser``, as Markdown and as HTML), a ``PlainLabel`` (alone
and with the case isolated in the app's words) and a tooltip (``plain_tooltip`` in a label
the way QToolTip renders it). Local targets are sentinel FIFOs (tests/gui/hostile.py) watched
by another process, so every open is counted; a text view that keeps an image in its
document, or a resource that comes back other than blank, counts as a load too. All must be 0.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel

from tests.gui.hostile import Sentinels, data_image_url, limit_memory, statm
from tracker.ui.widgets.safe_text import PlainLabel, SafeTextBrowser, isolate, plain_tooltip

MARKDOWN = (
    "![{text}]({u})",
    '![{text}]({u} "{text}")',
    "![{text}][r{n}]\n\n[r{n}]: {u}",
    "[{text}]({u})",
    "[![{text}]({u})]({u})",
    "<{u}>",
)
HTML = (
    "<img src='{u}'>",
    '<IMG SRC="{u}" ALT="{text}">',
    "<img src={u} width=99999 height=99999>",
    "<img srcset='{u} 2x' src='{u}'>",
    "<link rel=stylesheet href='{u}'>",
    "<LINK REL='StyleSheet' HREF='{u}'>",
    "<style>@import url('{u}');</style>",
    '<style>@import "{u}";</style>',
    "<style>p {{ background-image: url({u}) }}</style><p>{text}</p>",
    '<p style="background-image:url({u})">{text}</p>',
    "<p style='background: url(\"{u}\")'>{text}</p>",
    "<table background='{u}'><tr><td background='{u}'>{text}</td></tr></table>",
    "<body background='{u}'>{text}</body>",
    "<object data='{u}'></object><embed src='{u}'>",
    "<iframe src='{u}'></iframe>",
    "<video poster='{u}' src='{u}'></video>",
    "<svg><image href='{u}'/></svg>",
    "<input type=image src='{u}'>",
    "<span title=\"<img src='{u}'>\">{text}</span>",
    "<a href='{u}'>{text}</a>",
)
IMAGE = QTextDocument.ResourceType.ImageResource.value
WORDS = ("Flask", "tutorial", "\u202eevil", "שלום", "&amp;", "<b>bold</b>", "**x**", "`code`")


class Targets:
    """Every spelling of a resource the fuzz points at; local ones are sentinel FIFOs."""

    def __init__(self, sentinels: Sentinels, rng: random.Random, count: int = 12) -> None:
        self.rng = rng
        self.fifos = [sentinels.fifo(f"target {i}") for i in range(count)]
        self.data_url = data_image_url(300, 200)

    def pick(self) -> str:
        rng = self.rng
        fifo = rng.choice(self.fifos)
        name = Path(fifo).name
        folder = Path(fifo).parent
        scheme = rng.choice(["file", "FILE", "File", "fIlE"])
        encoded = "".join(
            f"%{ord(c):02X}" if c.isalnum() and rng.random() < 0.3 else c for c in fifo
        )
        return rng.choice(
            [
                fifo,
                f"{scheme}://{fifo}",
                f"{scheme}:{fifo}",
                f"{scheme}://{encoded}",
                f"file://localhost{fifo}",
                f"file://{quote(fifo)}",
                name,
                f"./{name}",
                f"../{folder.name}/{name}",
                f"qrc:{fifo}",
                f":{fifo}",
                "qrc:/qt-project.org/styles/commonstyle/images/file-16.png",
                ":/qt-project.org/styles/commonstyle/images/file-16.png",
                "http://127.0.0.1:9/x.png",
                "HTTPS://127.0.0.1:9/x.css",
                "ftp://127.0.0.1/x.png",
                self.data_url,
                "data:text/css,p%7Bcolor:red%7D",
                "//127.0.0.1/share/x.png",
                "\\\\127.0.0.1\\share\\x.png",
                "/dev/zero",
                f"{scheme}:///dev/zero",
            ]
        )


def make_case(rng: random.Random, targets: Targets, number: int) -> str:
    parts = []
    for _ in range(rng.randint(1, 4)):
        template = rng.choice(MARKDOWN + HTML)
        parts.append(template.format(u=targets.pick(), text=rng.choice(WORDS), n=number))
        parts.append(rng.choice([" ", "\n", "\n\n", f" {rng.choice(WORDS)} "]))
    return "".join(parts)


def images_left(view: SafeTextBrowser) -> int:
    count = 0
    block = view.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            count += fragments.fragment().charFormat().isImageFormat()
            fragments += 1
        block = block.next()
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as folder:
        sentinels = Sentinels(Path(folder) / "sentinels")
        targets = Targets(sentinels, rng)
        os.chdir(sentinels.folder)  # relative targets name a sentinel
        view = SafeTextBrowser(max_height=600)
        view.resize(640, 400)
        label = PlainLabel()
        label.setWordWrap(True)
        tooltip = QLabel()  # QToolTip shows its text in a label of this kind
        view.show()
        label.show()
        sentinels.start()
        limit_memory()
        rss_before = statm(1)
        started = time.perf_counter()
        renders = kept_images = non_blank = 0
        try:
            for number in range(args.cases):
                case = make_case(rng, targets, number)
                for fill in (view.setMarkdown, view.setHtml):
                    fill(case)
                    view.grab()
                    kept_images += images_left(view)
                    renders += 1
                for text in (case, f"Set status of {isolate(case)} to done"):
                    label.setText(text)
                    label.grab()
                    renders += 1
                tooltip.setText(plain_tooltip(case))
                tooltip.grab()
                renders += 1
                url = QUrl(targets.pick())
                image = view.document().resource(IMAGE, url)  # as Qt asks for an image
                non_blank += not (isinstance(image, QImage) and image.width() == 1)
                app.processEvents()
                app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # as an event loop does
        finally:
            sentinels.stop()
        opened = sentinels.opened()
        seconds = time.perf_counter() - started
        growth = (statm(1) - rss_before) / 2**20
    print(f"cases tried:          {args.cases} (seed {args.seed})")
    print(f"renders:              {renders} in {seconds:.1f} s")
    print(f"files opened:         {sum(opened.values())}  {dict(opened) or ''}")
    print(f"images kept in views: {kept_images}")
    print(f"non-blank resources:  {non_blank}")
    print(f"RSS growth:           {growth:.1f} MB")
    return 0 if not opened and not kept_images and not non_blank else 1


if __name__ == "__main__":
    sys.exit(main())
