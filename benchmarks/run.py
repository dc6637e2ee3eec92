"""The speed benchmark of issue 8: every metric beside its floor, measured in the same run.

Run from the repository root:  python benchmarks/run.py  [--runs 5] [--quick] [--no-write]

It generates JSON packs of 1k, 10k and 100k resources (seeded, realistic words) in a temp
folder and measures, each as a median of several runs with min-max, beside a floor:

  launch        `python -m tracker` to its first painted main window, vs a bare PySide6 window
                with one label (fresh processes, interleaved)
  catalog       `python -m tracker` opening on its Catalog page with 100k resources: to the
                first rows painted with the search answering (FTS5 until every row is in
                memory), and to every row in memory; the part without Qt: CatalogService.resources
                + search haystacks, vs a raw sqlite3 fetch of the same columns
  keystroke     typing words letter by letter at 100k into the real search box of the app's
                Catalog page (offscreen, every row loaded), until the table has repainted
                (median and worst); the model's filter alone; CatalogService.search (FTS5) vs the
                raw FTS5 query
  tick          ChecklistService.set_done to durable, vs a raw sqlite3 UPDATE + commit with the
                same pragmas (WAL, synchronous=FULL)
  import        PackService.import_file of the 100k JSON pack (read, parse, validate, write,
                index, commit), vs a raw sqlite3 executemany of the same rows plus the same
                one-statement search indexing; parse costs of JSON and YAML beside
  memory        peak RSS of the app opening on its Catalog page with every 100k row loaded and
                shown, and of a process holding the catalog's views + haystacks without Qt, vs one
                holding the raw rows as tuples

It prints a table and writes it to docs/benchmarks.md with the date and the machine. Timings
are never asserted in tests: this machine is shared, so each metric is judged as a ratio to a
floor taken in the same run, beside the absolute budget of the issue.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib.util
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.packgen import write_json_pack  # noqa: E402

EXIT_AFTER_ENV = "LEARNING_TRACKER_EXIT_AFTER_SHOWN"
GUI_MODULE = "tracker.app"
BIG = 100_000
PATH = "bench"
TYPED_WORDS = ("flask", "blueprints", "sqlalchemy", "deploy")
NA_GUI = "n/a (GUI not available)"


# --- results ---------------------------------------------------------------------------------


@dataclass
class Metric:
    """One row of the table: samples in seconds (or MB), the floor's, and the budget."""

    name: str
    samples: list[float]
    floor: list[float] | None = None
    floor_name: str = ""
    unit: str = "ms"
    budget: str = ""
    passed: bool | None = None
    worst: bool = False  # report the worst sample too (keystrokes)
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def ratio(self) -> float | None:
        if not self.floor:
            return None
        floor = statistics.median(self.floor)
        return self.median / floor if floor else None

    def cells(self) -> list[str]:
        if not self.samples:
            return [self.name, self.note or "n/a", "", self.floor_name or "", "", self.budget, ""]
        scale = 1000.0 if self.unit == "ms" else 1.0
        med = f"{self.median * scale:,.1f} {self.unit}"
        if self.worst:
            med += f" (worst {max(self.samples) * scale:,.1f})"
        spread = f"{min(self.samples) * scale:,.1f}-{max(self.samples) * scale:,.1f}"
        floor = ""
        if self.floor:
            floor = f"{statistics.median(self.floor) * scale:,.1f} {self.unit} {self.floor_name}"
        ratio = f"{self.ratio:.2f}x" if self.ratio is not None else ""
        verdict = {True: "pass", False: "FAIL", None: ""}[self.passed]
        return [self.name, med, spread, floor, ratio, self.budget, verdict]


def timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def samples_of(action: Callable[[], Any], runs: int) -> list[float]:
    return [timed(action) for _ in range(runs)]


# --- set-up ----------------------------------------------------------------------------------


def gui_available() -> bool:
    try:
        return importlib.util.find_spec(GUI_MODULE) is not None
    except ModuleNotFoundError:
        return False


def child_env(config_dir: Path) -> dict[str, str]:
    env = {**os.environ, "XDG_CONFIG_HOME": str(config_dir), "PYTHONPATH": str(ROOT)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def prepared_data_dir(folder: Path, pack: Path | None) -> Path:
    """A data folder migrated, with the shipped packs, and ``pack`` imported if given."""
    from tracker.wiring import Settings, open_services

    services = open_services(Settings.resolve(folder))
    try:
        if pack is not None:
            services.packs.import_file(pack)
    finally:
        services.close()
    return folder


def copy_data_dir(template: Path, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(template, target)  # the database and its folders (backups)
    return target


# --- launch (subprocesses) ---------------------------------------------------------------------

BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
painted = []
class Label(QLabel):
    def paintEvent(self, event):
        super().paintEvent(event)
        if not painted:
            painted.append(1)
            print("shown", f"{time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
label = Label("Hello")
label.show()
app.exec()
"""


def launch_sample(command: Sequence[str], env: dict[str, str]) -> float:
    """Seconds from starting the process to the time it prints after its first paint."""
    start = time.time()
    result = subprocess.run(
        list(command), env=env, cwd=ROOT, capture_output=True, text=True, timeout=180, check=True
    )
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("shown", "loaded", "complete"):
            return float(parts[1]) - start
    raise RuntimeError(f"no timing printed by {command}: {result.stdout!r} {result.stderr!r}")


def measure_launch(work: Path, big_data_dir: Path, runs: int) -> list[Metric]:
    env = child_env(work / "config")
    bare = [sys.executable, "-c", BARE_WINDOW]
    launch_sample(bare, env)  # warm the caches and the .pyc files
    if not gui_available():
        return [
            Metric("launch to interactive window", [], budget="<= 1.5x bare", note=NA_GUI),
            Metric("launch to filterable 100k catalog", [], budget="<= 600 ms", note=NA_GUI),
        ]
    small = prepared_data_dir(work / "launch-data", None)
    app = [sys.executable, "-m", "tracker", "--data-dir"]
    shown_env = {**env, EXIT_AFTER_ENV: "shown"}
    catalog_env = catalog_page_env(work / "config-catalog")
    loaded_env = {**catalog_env, EXIT_AFTER_ENV: "loaded"}
    complete_env = {**catalog_env, EXIT_AFTER_ENV: "complete"}
    launch_sample([*app, str(small)], loaded_env)
    launch_sample([*app, str(big_data_dir)], loaded_env)
    floors, shown, loaded, complete = [], [], [], []
    for _ in range(runs):  # interleaved, so a load spike hits every variant alike
        floors.append(launch_sample(bare, env))
        shown.append(launch_sample([*app, str(small)], shown_env))
        loaded.append(launch_sample([*app, str(big_data_dir)], loaded_env))
        complete.append(launch_sample([*app, str(big_data_dir)], complete_env))
    launch = Metric(
        "launch to interactive window",
        shown,
        floors,
        "bare PySide6 label",
        budget="<= 1.5x bare",
    )
    launch.passed = launch.ratio is not None and launch.ratio <= 1.5
    catalog = Metric(
        "launch to filterable 100k catalog (first rows painted, search via FTS5)",
        loaded,
        floors,
        "bare PySide6 label",
        budget="<= 600 ms",
        note="`python -m tracker` opening on the Catalog page of a 100k data folder, "
        f"{EXIT_AFTER_ENV}=loaded: the first rows painted and the search box answering "
        "(through FTS5 until every row is in memory)",
    )
    catalog.passed = catalog.median <= 0.600
    full = Metric(
        "  launch to all 100k rows in memory (in-memory filter)",
        complete,
        floors,
        "bare PySide6 label",
        note=f"{EXIT_AFTER_ENV}=complete: the loader thread has delivered every row",
    )
    return [launch, catalog, full]


def catalog_page_env(config_dir: Path) -> dict[str, str]:
    """A child environment whose saved window state opens the app on its Catalog page."""
    settings = config_dir / "LearningPathTracker" / "Learning Path Tracker.conf"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("[window]\npage=catalog\n", encoding="utf-8")
    return child_env(config_dir)


# --- the catalog without Qt --------------------------------------------------------------------


def haystack(view: Any) -> str:
    """What the GUI's catalog model filters over: title, provider, tags, description, notes."""
    return "\n".join(
        (view.title, view.provider, " ".join(view.tags), view.description, view.notes)
    ).casefold()


def catalog_haystacks(services: Any) -> tuple[list[Any], list[str]]:
    """What the Catalog page's loader thread reads: the rows and their search texts."""
    texts: list[str] = []
    return services.catalog.resources(PATH, texts=texts), texts


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    from tracker.perf import collector_paused

    with collector_paused():
        yield


RAW_COLUMNS = (
    "slug, title, kind, url, provider, cost, currency, duration_hours, duration_weeks, "
    "hours_per_week, format, level, approach, teaches, tags, description"
)


def raw_fetch(database: Path) -> list[Any]:
    connection = sqlite3.connect(database)
    try:
        return connection.execute(
            f"SELECT {RAW_COLUMNS} FROM resource WHERE archived = 0 "
            "AND path_id = (SELECT id FROM learning_path WHERE slug = ?) ORDER BY position",
            (PATH,),
        ).fetchall()
    finally:
        connection.close()


def measure_first_screen(services: Any, database: Path, runs: int) -> Metric:
    """The first 60 rows in catalog order: what a catalog page can paint before the rest."""
    connection = sqlite3.connect(database)
    path_id = connection.execute("SELECT id FROM learning_path WHERE slug = ?", (PATH,)).fetchone()
    ours = samples_of(lambda: services.catalog.resources(PATH, limit=60), runs * 4)
    floor = samples_of(
        lambda: connection.execute(
            f"SELECT {RAW_COLUMNS} FROM resource WHERE path_id = ? AND archived = 0 "
            "ORDER BY position LIMIT 60",
            path_id,
        ).fetchall(),
        runs * 4,
    )
    connection.close()
    return Metric(
        "  first 60 of 100k catalog rows (no Qt)",
        ours,
        floor,
        "raw sqlite3 fetch",
        note="resources(limit=60): a page can paint these at once and load the rest after",
    )


def measure_catalog_load(services: Any, database: Path, runs: int) -> Metric:
    ours = samples_of(lambda: catalog_haystacks(services), runs)
    floor = samples_of(lambda: raw_fetch(database), runs)
    return Metric(
        "  the loader thread's work: 100k rows + search texts (no Qt)",
        ours,
        floor,
        "raw sqlite3 fetch",
        note="CatalogService.resources(path, texts=...): what the Catalog page loads in the "
        "background after its first rows are shown (not on the way to the first paint)",
    )


# --- keystrokes --------------------------------------------------------------------------------


def typed_prefixes() -> list[str]:
    return [word[:n] for word in TYPED_WORDS for n in range(1, len(word) + 1)]


def model_filter(haystacks: Sequence[str], text: str) -> list[int]:
    """The catalog model's search: every typed word is a substring of the row's haystack."""
    words = text.casefold().split()
    if not words:
        return list(range(len(haystacks)))
    if len(words) == 1:
        word = words[0]
        return [index for index, hay in enumerate(haystacks) if word in hay]
    return [i for i, hay in enumerate(haystacks) if all(word in hay for word in words)]


class NarrowingFilter:
    """The model filter, but a query that extends the last one only re-checks the last matches.

    With substring matching, every row that matches "flas" matched "fla": typing a word letter
    by letter scans fewer rows at each letter. (A suggestion for the catalog model.)
    """

    def __init__(self, haystacks: Sequence[str]) -> None:
        self._haystacks = haystacks
        self._last_text = ""
        self._last: list[int] = list(range(len(haystacks)))

    def filter(self, text: str) -> list[int]:
        text = text.casefold()
        words = text.split()
        if not words:
            matched = list(range(len(self._haystacks)))
        else:
            pool = self._last if self._last_text and text.startswith(self._last_text) else None
            hays = self._haystacks
            candidates = range(len(hays)) if pool is None else pool
            matched = [i for i in candidates if all(word in hays[i] for word in words)]
        self._last_text, self._last = text, matched
        return matched


def measure_model_keystrokes(haystacks: list[str]) -> list[Metric]:
    floor = [timed(lambda: [hay for hay in haystacks if hay]) for _ in range(5)]
    metrics = []
    for name, make in (
        ("keystroke at 100k: model filter (full scan)", lambda: None),
        ("keystroke at 100k: model filter (narrowing)", lambda: NarrowingFilter(haystacks)),
    ):
        samples = []
        with _collector_paused():
            for word in TYPED_WORDS:
                narrowing = make()
                for n in range(1, len(word) + 1):
                    prefix = word[:n]
                    if narrowing is None:
                        samples.append(timed(lambda p=prefix: model_filter(haystacks, p)))
                    else:
                        samples.append(timed(lambda p=prefix, f=narrowing: f.filter(p)))
        metric = Metric(
            name,
            samples,
            floor,
            "bare list pass",
            budget="median <= 25, worst <= 50 ms",
            worst=True,
        )
        metric.passed = metric.median <= 0.025 and max(samples) <= 0.050
        metrics.append(metric)
    return metrics


def measure_fts_keystrokes(services: Any, database: Path) -> Metric:
    from tracker.storage.search import SearchQuery

    prefixes = typed_prefixes()
    samples = [timed(lambda p=p: services.catalog.search(PATH, p)) for p in prefixes]
    connection = sqlite3.connect(database)
    try:
        floor = [
            timed(
                lambda p=p: connection.execute(
                    "SELECT rowid FROM resource_fts WHERE resource_fts MATCH ?",
                    (SearchQuery.parse(p).fts_expression(),),
                ).fetchall()
            )
            for p in prefixes
        ]
    finally:
        connection.close()
    metric = Metric(
        "keystroke at 100k while the rows load: CatalogService.search (FTS5)",
        samples,
        floor,
        "raw FTS5 MATCH",
        budget="median <= 25, worst <= 50 ms",
        worst=True,
        note="the Catalog page's search box uses it only until every row is in memory (the "
        "'all 100k rows in memory' row above); its worst is a one-letter prefix, which matches "
        "most rows",
    )
    metric.passed = metric.median <= 0.025 and max(samples) <= 0.050
    return metric


def measure_page_keystrokes(big_data_dir: Path, work: Path) -> Metric:
    """Type words letter by letter into the real search box of the app's Catalog page.

    The main window is built as the app builds it (theme, pages), opened on the 100k data
    folder, shown offscreen at 1280x800 on its Catalog page, and every row is loaded first.
    Each sample is setText on the search box until the table's viewport has painted the
    result; the floor is a reset of the same model and its repaint. The garbage collector is
    left on, as in the app.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject, QSettings
    from PySide6.QtWidgets import QApplication

    from tracker.app import build_window, open_data
    from tracker.wiring import Settings

    app = QApplication.instance() or QApplication([])
    ui_settings = QSettings(str(work / "keystrokes.ini"), QSettings.Format.IniFormat)
    window = build_window(Settings.resolve(big_data_dir), ui_settings)
    window.resize(1280, 800)
    open_data(window)
    window.show_page("catalog")
    window.show()
    page = window.catalog
    page.ensure_fresh()
    page.wait_for_loading()
    assert page.model.total_count() >= BIG
    table, model = page.table, page.model

    class PaintCounter(QObject):
        count = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    counter = PaintCounter()
    table.viewport().installEventFilter(counter)

    def until_painted(change: Callable[[], None]) -> float:
        before = counter.count
        start = time.perf_counter()
        change()
        deadline = start + 5
        while counter.count == before and time.perf_counter() < deadline:
            app.processEvents()  # type: ignore[union-attr]
        return time.perf_counter() - start

    for _ in range(3):
        until_painted(lambda: table.viewport().update())
    samples, floor = [], []
    for word in TYPED_WORDS:
        for n in range(1, len(word) + 1):
            prefix = word[:n]
            samples.append(until_painted(lambda p=prefix: page.search_edit.setText(p)))
            floor.append(until_painted(lambda: (model.beginResetModel(), model.endResetModel())))
        until_painted(lambda: page.search_edit.setText(""))
    window.close()
    metric = Metric(
        "keystroke at 100k incl. repaint (the app's Catalog page, real search box)",
        samples,
        floor,
        "model reset + repaint only",
        budget="median <= 25, worst <= 50 ms",
        worst=True,
    )
    metric.passed = metric.median <= 0.025 and max(samples) <= 0.050
    return metric


# --- tick to durable ---------------------------------------------------------------------------


def measure_tick(services: Any, work: Path, runs: int) -> Metric:
    slug = "python-oop"
    samples = []
    for index in range(runs):
        samples.append(
            timed(lambda i=index: services.checklist.set_done("flask", slug, i % 2 == 0))
        )
    database = work / "raw-tick.sqlite3"
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("CREATE TABLE state (slug TEXT PRIMARY KEY, done INTEGER)")
    connection.execute("INSERT INTO state VALUES (?, 0)", (slug,))

    def raw_commit(done: bool) -> None:
        connection.execute("BEGIN")
        connection.execute("UPDATE state SET done = ? WHERE slug = ?", (done, slug))
        connection.execute("COMMIT")

    floor = [timed(lambda i=index: raw_commit(i % 2 == 0)) for index in range(runs)]
    connection.close()
    metric = Metric(
        "tick-to-durable (set_done)",
        samples,
        floor,
        "raw sqlite3 commit",
        budget="<= 2 ms and <= 5x raw",
    )
    metric.passed = metric.median <= 0.002 and (metric.ratio or 99) <= 5
    return metric


# --- import ----------------------------------------------------------------------------------


def raw_import(template: Path, target: Path, pack: dict[str, Any]) -> float:
    """The floor: the same resource rows with plain sqlite3 (executemany), same indexing."""
    database = copy_data_dir(template, target) / "tracker.sqlite3"
    rows = []
    for position, r in enumerate(pack["resources"]):
        rows.append(
            (
                r["slug"],
                r["title"],
                position,
                0,
                r["kind"],
                r.get("url", ""),
                r.get("provider", ""),
                r.get("cost"),
                "USD",
                r.get("duration_hours"),
                None,
                None,
                "self-paced",
                r.get("level", "all"),
                "self-study",
                "[]",
                json.dumps(r.get("tags", [])),
                r.get("description", ""),
            )
        )
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    start = time.perf_counter()
    connection.execute("BEGIN")
    connection.execute(
        "INSERT INTO learning_path (slug, title, summary, description, pack_format, pack_version, "
        "pack_digest, source, facts, takeaways, imported_at) "
        "VALUES (?, 'b', '', '', 1, '1', '', '{}', '[]', '[]', '2026-11-25 00:00:00')",
        (PATH,),
    )
    path_id = connection.execute("SELECT id FROM learning_path WHERE slug = ?", (PATH,)).fetchone()
    after = connection.execute("SELECT coalesce(max(id), 0) FROM resource").fetchone()[0]
    trigger = connection.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'resource_fts_insert'"
    ).fetchone()
    if trigger:
        connection.execute("DROP TRIGGER resource_fts_insert")
    connection.executemany(
        "INSERT INTO resource (path_id, slug, title, position, archived, kind, url, provider, "
        "cost, currency, duration_hours, duration_weeks, hours_per_week, format, level, "
        "approach, teaches, tags, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?)",
        [(path_id[0], *row) for row in rows],
    )
    if trigger:
        connection.execute(
            "INSERT INTO resource_fts (rowid, title, provider, tags, description) "
            "SELECT id, title, provider, (SELECT coalesce(group_concat(value, ' '), '') "
            "FROM json_each(resource.tags)), description FROM resource WHERE id > ?",
            (after,),
        )
        connection.execute(trigger[0])
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def measure_import(
    template: Path, work: Path, packs: dict[int, Path], runs: int
) -> tuple[list[Metric], list[str]]:
    from tracker.packs.loader import load_pack_bytes, read_pack_bytes
    from tracker.wiring import Settings, open_services

    def ours(size: int, index: int) -> float:
        folder = copy_data_dir(template, work / f"import-{size}-{index}")
        services = open_services(Settings.resolve(folder))
        try:
            return timed(lambda: services.packs.import_file(packs[size]))
        finally:
            services.close()
            shutil.rmtree(folder, ignore_errors=True)

    big = json.loads(packs[BIG].read_text(encoding="utf-8"))
    samples, floor = [], []
    for index in range(runs):  # interleaved with the floor
        samples.append(ours(BIG, index))
        floor.append(raw_import(template, work / f"raw-{index}", big))
        shutil.rmtree(work / f"raw-{index}", ignore_errors=True)
    metric = Metric(
        "import 100k pack (JSON file to durable, indexed)",
        samples,
        floor,
        "raw executemany + index",
        budget="<= 1.5 s and <= 5x raw",
        unit="ms",
    )
    metric.passed = metric.median <= 1.5 and (metric.ratio or 99) <= 5
    raw = read_pack_bytes(packs[BIG])
    parse = Metric(
        "  of which: read + parse + validate 100k JSON",
        samples_of(lambda: load_pack_bytes(raw, "p"), runs),
    )
    smaller = [
        Metric(f"import {size // 1000}k pack", [ours(size, i) for i in range(runs)])
        for size in sorted(packs)
        if size != BIG
    ]
    notes = [_yaml_note(packs)]
    return [metric, parse, *smaller], notes


def _yaml_note(packs: dict[int, Path]) -> str:
    """JSON vs YAML parsing at 10k (YAML at 100k takes long enough to skip in every run)."""
    import yaml

    from tracker.packs.loader import load_pack_bytes

    size = 10_000
    data = json.loads(packs[size].read_text(encoding="utf-8"))
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    as_yaml = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False).encode()
    as_json = packs[size].read_bytes()
    json_time = statistics.median(samples_of(lambda: load_pack_bytes(as_json, "p.json"), 3))
    yaml_time = statistics.median(samples_of(lambda: load_pack_bytes(as_yaml, "p.yaml"), 3))
    return (
        f"Pack parsing at 10k resources (load_pack_bytes, median of 3): "
        f"JSON {json_time * 1000:.0f} ms "
        f"({len(as_json) / 1e6:.1f} MB), YAML with the C loader {yaml_time * 1000:.0f} ms "
        f"({len(as_yaml) / 1e6:.1f} MB), {yaml_time / json_time:.1f}x; YAML grows linearly, so a "
        f"100k YAML pack takes about {yaml_time * 10:.0f} s to read: big packs should be JSON."
    )


# --- memory (subprocesses) -----------------------------------------------------------------


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB.

    VmHWM belongs to the process image, while ru_maxrss of a forked child starts from its
    parent's (this benchmark's, several hundred MB): VmHWM is the honest number on Linux.
    """
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


MEMORY_APP = """
import sys
from tracker.wiring import Settings, open_services
from benchmarks.run import catalog_haystacks, peak_rss_mb
services = open_services(Settings.resolve(sys.argv[1]))
views, haystacks = catalog_haystacks(services)
assert len(views) >= 100000
print(peak_rss_mb())
"""
MEMORY_RAW = """
import sys
from pathlib import Path
from benchmarks.run import raw_fetch, peak_rss_mb
rows = raw_fetch(Path(sys.argv[1]) / "tracker.sqlite3")
assert len(rows) >= 100000
print(peak_rss_mb())
"""


def peak_mb(script: str, data_dir: Path, env: dict[str, str]) -> float:
    result = subprocess.run(
        [sys.executable, "-c", script, str(data_dir)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=180,
    )
    return float(result.stdout.strip().splitlines()[-1])


MEMORY_GUI = """
import os, subprocess, sys, time
# poll the app's VmHWM until it exits (ru_maxrss would include this launcher's parent's)
app = subprocess.Popen(sys.argv[2:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
peak = 0
status = f"/proc/{app.pid}/status"
while app.poll() is None:
    try:
        for line in open(status).read().splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]))
    except OSError:
        pass
    time.sleep(0.01)
print(peak / 1024)
"""


def measure_memory(big_data_dir: Path, work: Path, runs: int) -> list[Metric]:
    env = child_env(work / "config")
    floor = [peak_mb(MEMORY_RAW, big_data_dir, env) for _ in range(runs)]
    loaded = Metric(
        "peak memory, 100k loaded (no GUI)",
        [peak_mb(MEMORY_APP, big_data_dir, env) for _ in range(runs)],
        floor,
        "raw rows as tuples",
        unit="MB",
        budget="<= 250 MB",
    )
    loaded.passed = loaded.median <= 250
    if not gui_available():
        return [
            loaded,
            Metric("peak memory, 100k shown (GUI)", [], budget="<= 250 MB", note=NA_GUI),
        ]
    app = [sys.executable, "-m", "tracker", "--data-dir", str(big_data_dir)]
    env = {**catalog_page_env(work / "config-memory"), EXIT_AFTER_ENV: "complete"}
    shown = Metric(
        "peak memory, 100k loaded and shown (the app on its Catalog page)",
        [
            float(
                subprocess.run(
                    [sys.executable, "-c", MEMORY_GUI, "-", *app],
                    env=env,
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    check=True,
                    timeout=240,
                ).stdout.split()[-1]
            )
            for _ in range(runs)
        ],
        floor,
        "raw rows as tuples",
        unit="MB",
        budget="<= 250 MB",
    )
    shown.passed = shown.median <= 250
    return [loaded, shown]


# --- report --------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    try:
        import PySide6

        pyside = PySide6.__version__
    except ImportError:
        pyside = "not installed"
    import sqlalchemy

    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "PySide6": pyside,
        "SQLAlchemy": sqlalchemy.__version__,
        "OS": platform.platform(),
        "load average (1, 5, 15 min) at the end": load,
        "Qt platform": os.environ.get("QT_QPA_PLATFORM", "(default)"),
    }


KEPT_MARKER = "<!-- Written by hand below this line; benchmarks/run.py keeps it. -->"
HEADER = ["metric", "median", "min-max", "floor (median)", "ratio", "budget", "result"]


def table(metrics: Sequence[Metric]) -> str:
    rows = [HEADER, ["---"] * len(HEADER), *(metric.cells() for metric in metrics)]
    return "\n".join(
        "| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows
    )


def report(metrics: Sequence[Metric], notes: Sequence[str], runs: int, seconds: float) -> str:
    facts = machine()
    lines = [
        "# Benchmarks",
        "",
        f"Latest run: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, `python benchmarks/run.py "
        f"--runs {runs}`, {seconds:.0f} s in all.",
        "",
        *(f"- {key}: {value}" for key, value in facts.items()),
        "",
        table(metrics),
        "",
        "Each metric is the median of its runs (keystrokes: of every letter typed), with its "
        "floor measured in the same run; the ratio is median / floor median. The machine is "
        "shared, so the ratio is the steadier number.",
        "",
        *(f"- {note}" for note in notes),
        *(f"- {m.name.strip()}: {m.note}" for m in metrics if m.note and m.samples),
        "",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["refresh"]:
        from benchmarks.refresh import main as refresh

        return refresh(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per metric (default 5)")
    parser.add_argument(
        "--quick", action="store_true", help="3 runs, no 1k/10k imports (a smoke run)"
    )
    parser.add_argument(
        "--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone"
    )
    args = parser.parse_args(argv)
    runs = 3 if args.quick else max(args.runs, 3)
    started = time.perf_counter()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from tracker.wiring import Settings, open_services

    metrics: list[Metric] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as folder:
        work = Path(folder)
        sizes = [10_000, BIG] if args.quick else [1_000, 10_000, BIG]  # 10k: the YAML note
        print(f"generating packs of {', '.join(f'{s:,}' for s in sizes)} resources ...")
        packs = {size: write_json_pack(work, size, slug=PATH) for size in sizes}
        template = prepared_data_dir(work / "template", None)
        big_data_dir = copy_data_dir(template, work / "big")
        open_services(Settings.resolve(big_data_dir)).packs.import_file(packs[BIG])

        print("launch ...")
        metrics += measure_launch(work, big_data_dir, runs)

        print("catalog load, keystrokes, search ...")
        services = open_services(Settings.resolve(big_data_dir))
        database = big_data_dir / "tracker.sqlite3"
        metrics.append(measure_first_screen(services, database, runs))
        metrics.append(measure_catalog_load(services, database, runs))
        views, haystacks = catalog_haystacks(services)
        metrics += measure_model_keystrokes(haystacks)
        metrics.append(measure_page_keystrokes(big_data_dir, work))
        metrics.append(measure_fts_keystrokes(services, database))
        del views, haystacks
        gc.collect()

        print("tick to durable ...")
        metrics.append(measure_tick(services, work, max(runs * 10, 50)))
        services.close()

        print("imports ...")
        imported, import_notes = measure_import(template, work, packs, runs)
        metrics += imported
        notes += import_notes

        print("memory ...")
        metrics += measure_memory(big_data_dir, work, runs)
    text = report(metrics, notes, runs, time.perf_counter() - started)
    print()
    print(table(metrics))
    print()
    for note in notes:
        print(note)
    if not args.no_write:
        target = ROOT / "docs" / "benchmarks.md"
        kept = ""
        if target.exists():  # the hand-written analysis below the marker survives a re-run
            _, marker, after = target.read_text(encoding="utf-8").partition(KEPT_MARKER)
            kept = marker + after if marker else ""
        target.write_text(text + ("\n" + kept if kept else ""), encoding="utf-8")
        print(f"written to {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
