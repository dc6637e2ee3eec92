"""Shared content and the learner's own text are shown as text: no file is ever read for them.

How an open is detected: every URL in the hostile content names a FIFO in ``tmp_path``
(tests/gui/hostile.py). A separate watcher process keeps opening each FIFO's write end; that
open only returns when a reader opens the other end, so every open by the app is recorded,
however short, and the reader then gets an empty file instead of hanging. One more target is
/dev/zero, which a reader never finishes: there the proof is that memory stays flat.
"""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QFont, QTextDocumentFragment, QTextLayout
from PySide6.QtWidgets import QLabel, QToolTip
from pytestqt.qtbot import QtBot

from tests.gui.history import make_revisit_due
from tests.gui.hostile import PATH, Sentinels, hostile_pack, inline, markdown, seed_learner
from tracker.clock import local_today
from tracker.locations import DATABASE_FILE
from tracker.ui.widgets.safe_text import (
    FSI,
    PDI,
    PlainLabel,
    SafeTextBrowser,
    isolate,
    plain_tooltip,
)
from tracker.wiring import Settings, open_services

WALK = Path(__file__).resolve().parent / "hostile_walk.py"
RSS_GROWTH_LIMIT = 150 << 20  # the walk fills four pages, charts and dialogs; /dev/zero is GBs


def test_no_page_or_dialog_reads_a_file_named_by_a_pack_or_progress_file(
    tmp_path: Path, settings: Settings, template_data_dir: Path
) -> None:
    """A hostile pack, and a progress file with hostile notes, own resources and own offers,
    shown on every page with every item selected, every tooltip and every content dialog:
    no sentinel is opened, no label renders the text as HTML, memory stays flat.

    The walk runs in its own process (tests/gui/hostile_walk.py) under a memory limit: a
    regression that reads /dev/zero ends that process, not this test run.
    """
    sentinels = Sentinels(tmp_path / "sentinels")
    pack = hostile_pack(sentinels, tmp_path / "hostile.yaml")
    progress_file = tmp_path / "progress.json"
    author = open_services(settings)
    try:
        author.packs.import_file(pack)
        seed_learner(author, sentinels)
        author.exchange.export_json(progress_file)
    finally:
        author.close()
    walked = tmp_path / "walked"
    walked.mkdir()
    shutil.copy2(template_data_dir / DATABASE_FILE, walked / DATABASE_FILE)
    learner = open_services(Settings.resolve(walked))
    try:
        learner.packs.import_file(pack)
        assert learner.exchange.import_file(progress_file).value.changed_anything
        skill = next(i for i in learner.checklist.checklist(PATH).all_items() if i.done)
        learner.checklist.set_confidence(PATH, skill.slug, 2)
        make_revisit_due(learner, skill.slug, local_today())
    finally:
        learner.close()

    report = tmp_path / "report.json"
    sentinels.start()
    try:
        walk = subprocess.run(
            [sys.executable, str(WALK), str(walked), str(pack), str(report)],
            cwd=sentinels.folder,  # relative image paths resolve to a sentinel
            capture_output=True,
            text=True,
            timeout=900,
        )
    finally:
        sentinels.stop()

    assert not sentinels.opened(), f"files were opened: {dict(sentinels.opened())}"
    assert walk.returncode == 0, f"the walk ended with {walk.returncode}:\n{walk.stderr[-3000:]}"
    seen = json.loads(report.read_text())
    assert seen["rich_labels"] == []
    assert seen["markup_tooltips"] == []
    assert seen["images_in_views"] == []
    assert seen["hostile_labels"] > 100 and seen["hostile_tooltips"] > 20  # it showed them
    assert seen["revisits"] > 0
    assert seen["rss_after"] - seen["rss_before"] < RSS_GROWTH_LIMIT


@pytest.mark.qt_log_ignore("QFile::at")  # the default label reading the sentinel
def test_a_plain_label_shows_markup_as_written(qtbot: QtBot, tmp_path: Path) -> None:
    sentinels = Sentinels(tmp_path)
    hostile = f"<img src='{sentinels.fifo('plain label')}'> Flask"
    control = f"<img src='{sentinels.fifo('default label')}'> Flask"
    label, default = PlainLabel(hostile), QLabel(control)
    for widget in (label, default):
        qtbot.addWidget(widget)
    sentinels.start()
    try:
        label.grab()
        default.grab()  # a label left as Qt makes it reads the file: the watch sees it
    finally:
        sentinels.stop()
    assert sentinels.opened()["plain label"] == 0
    assert sentinels.opened()["default label"] > 0
    assert label.text() == hostile
    assert label.sizeHint().width() > default.sizeHint().width()  # the markup takes room


@pytest.mark.qt_log_ignore("does not support raise")  # offscreen tooltips
def test_a_tooltip_shows_markup_as_written(qtbot: QtBot, tmp_path: Path) -> None:
    sentinels = Sentinels(tmp_path)
    hostile = f"<img src='{sentinels.fifo('tooltip')}'> <b>Flask</b> & co"
    label = PlainLabel("hover me")
    qtbot.addWidget(label)
    label.setToolTip(plain_tooltip(hostile))
    sentinels.start()
    try:
        label.show()
        QToolTip.showText(label.mapToGlobal(QPoint(2, 2)), label.toolTip(), label)
        qtbot.wait(50)
        QToolTip.hideText()
    finally:
        sentinels.stop()
    assert not sentinels.opened()
    assert QTextDocumentFragment.fromHtml(label.toolTip()).toPlainText() == hostile
    assert plain_tooltip("") == ""


def _visual_x(text: str) -> list[float]:
    """Where each character of ``text`` is drawn, left to right, in logical order."""
    layout = QTextLayout(text, QFont())
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100_000)
    layout.endLayout()
    return [line.cursorToX(position)[0] for position in range(len(text) + 1)]


def test_a_title_cannot_reverse_the_words_around_it(qtbot: QtBot) -> None:
    spoof = "\u202eevil.exe"  # RIGHT-TO-LEFT OVERRIDE: what follows would be drawn backwards
    raw = f"Set status of {spoof} to done"
    xs = _visual_x(raw)
    tail = range(raw.index(" to done"), len(raw))
    assert xs[tail[-1]] < xs[tail[0]]  # unprotected, the app's words come out reversed

    shown = f"Set status of {isolate(spoof)} to done"
    xs = _visual_x(shown)
    tail = range(shown.index(" to done"), len(shown) + 1)
    assert all(xs[a] <= xs[b] for a, b in itertools.pairwise(tail))
    assert min(xs[i] for i in tail) >= max(xs[: shown.index(FSI)])
    assert "\u202e" not in shown

    label = PlainLabel(spoof + " (video)")
    qtbot.addWidget(label)
    assert label.text() == "evil.exe (video)"
    assert PlainLabel("a \u2067unclosed").text() == "a unclosed"
    hebrew = "שלום"
    assert isolate(hebrew) == FSI + hebrew + PDI
    assert isolate("Flask tutorial (official)") == "Flask tutorial (official)"


def test_the_text_view_loads_nothing_and_shows_images_as_words(
    qtbot: QtBot, tmp_path: Path
) -> None:
    sentinels = Sentinels(tmp_path)
    text = markdown(sentinels, "description")
    html = "".join(line for line in text.split("\n\n") if line.startswith("<"))
    view = SafeTextBrowser(max_height=2000)
    qtbot.addWidget(view)
    view.resize(700, 400)
    sentinels.start()
    try:
        view.setMarkdown(text)
        view.show()
        view.grab()
        shown_markdown = view.toPlainText()
        view.setHtml(html + inline(sentinels, "html", "end"))
        view.grab()
    finally:
        sentinels.stop()
    assert not sentinels.opened(), dict(sentinels.opened())
    assert "[image: markdown image]" in shown_markdown
    assert "[image: data url]" in shown_markdown
    assert "<img src=" in shown_markdown  # raw HTML in Markdown is shown as text
    assert view.toPlainText().startswith("[image] and [image]")  # HTML <img> became words too
