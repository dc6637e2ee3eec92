"""One keystroke of catalog search at 100k rows, including the table's repaint (no database).

Builds 100k synthetic ResourceView rows, shows them in the real CatalogPage (table, counter,
detail pane), then types a word into its search box letter by letter and times each keystroke
(filter + model reset + counter + repaint). Reports the
median and worst, beside QSortFilterProxyModel's fixed-string filter over the same rows.

Run: QT_QPA_PLATFORM=offscreen python benchmarks/catalog_search.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QApplication, QTableView

from tracker.domain.views import ResourceView

WORDS = [
    "flask",
    "blueprint",
    "jinja",
    "template",
    "routing",
    "request",
    "session",
    "cookie",
    "sqlalchemy",
    "migration",
    "testing",
    "pytest",
    "deploy",
    "docker",
    "nginx",
    "gunicorn",
    "rest",
    "api",
    "json",
    "auth",
    "login",
    "form",
    "wtforms",
    "celery",
    "redis",
    "cache",
    "logging",
    "config",
    "factory",
    "context",
    "signal",
    "extension",
    "admin",
    "upload",
]


def rows(count: int) -> list[ResourceView]:
    rng = random.Random(4)
    out = []
    for index in range(count):
        title_words = rng.sample(WORDS, 4)
        out.append(
            ResourceView(
                slug=f"r{index}",
                title=" ".join(title_words).capitalize() + f" {index}",
                kind=rng.choice(["tutorial", "video", "course", "book", "article"]),
                url="https://example.org/",
                provider=rng.choice(["Pallets", "Real Python", "Udemy", "YouTube", "Blog"]),
                cost=rng.choice([0.0, 0.0, 19.0, 199.0, None]),
                currency="USD",
                duration_hours=rng.choice([None, 1.0, 3.0, 12.0]),
                duration_weeks=None,
                hours_per_week=None,
                format="self-paced",
                level=rng.choice(["beginner", "intermediate", "advanced", "all"]),
                approach="self-study",
                teaches=(),
                tags=tuple(rng.sample(WORDS, 3)),
                description=" ".join(rng.choices(WORDS, k=25)),
                own=False,
            )
        )
    return out


def time_typing(view: QTableView, app: QApplication, apply: object, word: str) -> list[float]:
    times = []
    for end in range(1, len(word) + 1):
        start = time.perf_counter()
        apply(word[:end])  # type: ignore[operator]
        view.viewport().repaint()
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--word", default="blueprint")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    data = rows(args.rows)

    from tracker.ui.catalog.page import CatalogPage
    from tracker.ui.shell.context import AppContext
    from tracker.wiring import Settings

    page = CatalogPage(AppContext(Settings.resolve(Path(__file__).parent)))
    page.resize(1200, 800)
    page.show()
    start = time.perf_counter()
    page.model.set_rows(data)
    prepare_ms = (time.perf_counter() - start) * 1000
    page.select_resource("r5")
    app.processEvents()
    ours = time_typing(page.table, app, page.search_edit.setText, args.word)

    from PySide6.QtGui import QStandardItem, QStandardItemModel

    source = QStandardItemModel(len(data), 1)
    for index, row in enumerate(data):
        source.setItem(index, 0, QStandardItem(row.title + " " + row.description))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(source)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy_view = QTableView()
    proxy_view.setModel(proxy)
    proxy_view.resize(1000, 600)
    proxy_view.show()
    app.processEvents()
    theirs = time_typing(proxy_view, app, proxy.setFilterFixedString, args.word)

    print(f"catalog search at {args.rows:,} rows, typing {args.word!r} letter by letter")
    print(f"  prepare rows (haystacks):        {prepare_ms:7.1f} ms once")
    print(
        f"  CatalogPage search box:          median {statistics.median(ours):6.1f} ms, "
        f"worst {max(ours):6.1f} ms"
    )
    print(
        f"  QSortFilterProxyModel, fixed:   median {statistics.median(theirs):6.1f} ms, "
        f"worst {max(theirs):6.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
