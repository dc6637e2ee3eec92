"""Hostile content for display tests: sentinel FIFOs that tell when they are opened, and a pack
and learner data whose every text holds a construct that loads a resource when read as HTML.

A sentinel is a FIFO, watched by a separate process that opens its write end in a loop: that
open returns only when a reader opens the other end, so each open by the app is recorded
(never missed, however short), and the reader then gets an empty file and carries on. The
watcher is a process, not a thread: the app's thread holds the GIL while Qt reads, so a thread
could not answer it.
"""

from __future__ import annotations

import base64
import os
import resource
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage

from tracker.domain.enums import ItemKind
from tracker.locations import bundled_packs_dir
from tracker.wiring import Services

PATH = "flask"
RELATIVE = "relative.png"  # a FIFO in the sentinel folder, the walk's working directory
MEMORY_HEADROOM = 1 << 30  # bytes of address space a walk may add before it is stopped

_WATCHER = """
import os, sys, threading
log, fifos = sys.argv[1], sys.argv[2:]
lock = threading.Lock()

def watch(path):
    while True:
        fd = os.open(path, os.O_WRONLY)  # returns when someone opens the file to read it
        with lock, open(log, "a") as out:
            out.write(path + "\\n")
        os.close(fd)

for path in fifos:
    threading.Thread(target=watch, args=(path,), daemon=True).start()
print("ready", flush=True)
threading.Event().wait()
"""


def statm(field: int) -> int:
    """Field ``field`` of /proc/self/statm in bytes (0: address space, 1: resident set)."""
    return int(Path("/proc/self/statm").read_text().split()[field]) * os.sysconf("SC_PAGE_SIZE")


def limit_memory() -> None:
    """A runaway read (/dev/zero) fails fast here instead of filling the machine's memory."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = statm(0) + MEMORY_HEADROOM
    if hard == resource.RLIM_INFINITY or wanted < hard:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


class Sentinels:
    """FIFOs in ``folder``, one per construct, and the process that records their opening."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.log = folder / "opened.log"
        self.labels: dict[str, str] = {}  # path -> what points at it
        self._paths: dict[str, str] = {}  # label -> path
        self._watcher: subprocess.Popen[str] | None = None
        self.fifo("relative path", RELATIVE)

    def fifo(self, label: str, name: str = "") -> str:
        """The FIFO for ``label`` (a construct in a kind of field), made on first use."""
        if label not in self._paths:
            path = self.folder / (name or f"s{len(self.labels):03d}.png")
            os.mkfifo(path)
            self.labels[str(path)] = label
            self._paths[label] = str(path)
        return self._paths[label]

    def start(self) -> None:
        self._watcher = subprocess.Popen(
            [sys.executable, "-c", _WATCHER, str(self.log), *self.labels],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._watcher.stdout is not None
        assert self._watcher.stdout.readline().strip() == "ready"

    def stop(self) -> None:
        if self._watcher is not None:
            self._watcher.kill()
            self._watcher.wait()
            self._watcher = None

    def opened(self) -> Counter[str]:
        """How many times each construct's file was opened (by label)."""
        if not self.log.exists():
            return Counter()
        lines = self.log.read_text().split()
        return Counter(self.labels.get(line, line) for line in lines)


def data_image_url(width: int = 600, height: int = 400) -> str:
    """A ``data:`` URL of a big red PNG: a view that loads it grows by its size."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(0xFF0000)
    raw = QByteArray()
    buffer = QBuffer(raw)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(bytes(raw.data())).decode()


def markdown(s: Sentinels, field: str) -> str:
    """Markdown with every way to make Qt load a resource, each pointing at its own sentinel."""
    f = lambda construct: s.fifo(f"{field}: {construct}")  # noqa: E731
    return "\n\n".join(
        [
            f"Hostile {field}.",
            f"![markdown image]({f('markdown image')})",
            f"![file url](file://{f('markdown image, file url')})",
            f"![relative path]({RELATIVE})",
            f"![reference image][ref]\n\n[ref]: {f('reference-style image')}",
            f"<img src='{f('raw html img')}'> and <IMG SRC=\"FILE://{f('upper-case file url')}\">",
            f"<img src='file:%2F%2F{f('percent-encoded file url')}'>",
            f"<link rel=stylesheet href='{f('link stylesheet')}'>",
            f"<style>@import url({f('style @import')}); p {{ color: red }}</style>",
            f'<p style="background-image:url({f("css url()")})">background</p>',
            f"<table background='{f('table background')}'><tr><td>cell</td></tr></table>",
            f"<object data='{f('object')}'></object><iframe src='{f('iframe')}'></iframe>",
            f"<span title=\"<img src='{f('title attribute')}'>\">tooltip</span>",
            f"[a file link](file://{f('file link')})",
            "<img src='qrc:/qt-project.org/styles/commonstyle/images/file-16.png'>",
            "![qrc](qrc:/x.png)",
            f"![data url]({data_image_url()})",
            "![remote](http://127.0.0.1:9/track.png) ![unc](//127.0.0.1/share/x.png)",
            "![endless](/dev/zero) <img src='/dev/zero'>",
        ]
    )


def inline(s: Sentinels, field: str, text: str, limit: int = 200) -> str:
    """``text`` behind an ``<img>`` that points at a sentinel (kept within ``limit``)."""
    return f"<img src='{s.fifo(field)}'> {text}"[:limit]


def hostile_pack(s: Sentinels, out: Path) -> Path:
    """The shipped pack with every text it shows made hostile; written to ``out``."""
    pack: dict[str, Any] = yaml.safe_load((bundled_packs_dir() / f"{PATH}.yaml").read_text())
    pack["version"] = "2099.1.1"
    pack["title"] = f"<img src='/dev/zero'> {pack['title']} \u202eevil"
    pack["summary"] = inline(s, "path summary", pack["summary"], 500)
    pack["description"] = markdown(s, "path description")
    titles = 0

    def title(value: str) -> str:
        nonlocal titles
        titles += 1
        constructs = (
            lambda: f"<img src='{s.fifo('title: img')}'> ",
            lambda: "<img src='/dev/zero'> ",
            lambda: f"<img src=file://{s.fifo('title: img file url')}> ",
            lambda: f"<link rel=stylesheet href={s.fifo('title: link')}> ",
        )
        return (constructs[titles % len(constructs)]() + value)[:200]

    def prerequisite(item: dict[str, Any]) -> None:
        item["title"] = title(item["title"])
        item["description"] = markdown(s, "prerequisite description")
        for child in item.get("children", []):
            prerequisite(child)

    for item in pack["prerequisites"]:
        prerequisite(item)
    for entry in pack["resources"]:
        entry["title"] = title(entry["title"])
        entry["provider"] = inline(s, "resource provider", entry.get("provider", ""))
        entry["description"] = markdown(s, "resource description")
        entry["url"] = f"https://example.org/\"><img src='{s.fifo('resource url')}'>"
    for table in pack["comparisons"]:
        table["title"] = title(table["title"])
        table["description"] = inline(s, "comparison description", table["description"], 2000)
        table["recommendation"] = inline(s, "recommendation", table["recommendation"], 2000)
        for subject in table["subjects"]:
            subject["title"] = title(subject["title"])
        for row in table["rows"]:
            row["title"] = title(row["title"])
            for cell in row["cells"].values():
                cell["text"] = inline(s, "comparison cell", cell["text"], 500)
    for offer in pack["offers"]:
        offer["title"] = title(offer["title"])
        offer["notes"] = markdown(s, "offer notes")
    for fact in pack["facts"]:
        fact["title"] = title(fact["title"])
        fact["note"] = inline(s, "fact note", fact.get("note", ""), 2000)
        for claim in fact["claims"]:
            claim["text"] = inline(s, "claim", claim["text"], 1000)
            claim["context"] = inline(s, "claim context", claim.get("context", ""), 500)
    pack["takeaways"] = [inline(s, "takeaway", text, 2000) for text in pack["takeaways"]]
    out.write_text(yaml.safe_dump(pack, allow_unicode=True, sort_keys=False))
    return out


def seed_learner(services: Services, s: Sentinels) -> None:
    """A learner's own data with the same constructs: notes, own resources and offers, the
    study log, evidence links, a choice, a revisit due and a timer running."""
    checklist = services.checklist.checklist(PATH)
    items = [item for top in checklist.items for item in top.walk()]
    resources = services.catalog.resources(PATH)
    for entry in resources[:6]:
        services.catalog.set_status(PATH, entry.slug, "in-progress")
        services.catalog.set_notes(PATH, entry.slug, markdown(s, "learner notes"))
    own = services.catalog.add_own_resource(
        PATH,
        {
            "title": inline(s, "own resource title", "My resource"),
            "url": f"https://example.org/<img src='{s.fifo('own resource url')}'>",
            "kind": "article",
            "provider": inline(s, "own resource provider", "Me"),
        },
    ).value
    services.catalog.set_notes(PATH, own, markdown(s, "own resource notes"))
    services.catalog.set_status(PATH, own, "done")
    offer = services.choosing.add_offer(
        PATH,
        {
            "title": inline(s, "own offer title", "My offer"),
            "approach": "bootcamp",
            "provider": inline(s, "own offer provider", "School"),
            "cost": 900,
            "notes": markdown(s, "own offer notes"),
            "outcomes_figure": inline(s, "own offer outcomes", "90%"),
            "url": f"https://example.org/\"><img src='{s.fifo('own offer url')}'>",
        },
    ).value
    services.choosing.choose(PATH, offer)
    services.checklist.set_evidence(
        PATH,
        items[0].slug,
        [
            f"https://example.org/<img src='{s.fifo('evidence link')}'>",
            f"https://example.org/\"><link rel=stylesheet href='{s.fifo('evidence link css')}'>",
        ],
    )
    for item in items[:4]:
        services.checklist.set_done(PATH, item.slug, True)
    services.checklist.set_confidence(PATH, items[1].slug, 2)  # schedules a revisit
    services.studylog.log(
        PATH,
        45,
        item_kind=ItemKind.RESOURCE,
        item_slug=resources[0].slug,
        note=inline(s, "study log note", "read it", 500),
    )
    services.studylog.log(PATH, 20, note="<img src='/dev/zero'> evening")
