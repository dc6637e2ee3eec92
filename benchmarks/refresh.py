"""What one change costs the window: reads and time from a tick to idle, and a theme switch.

Run from the repository root:  python -m benchmarks.run refresh [--runs 7] [--before TREE]

The real main window is built offscreen on a data folder with the Flask path and five months
of seeded history (the screenshots' learner). For each scenario the page is put on screen and
settled, then one change is made the way the window makes it, and the event loop runs until
nothing more happens for a while:

  tick dashboard       a prerequisite ticked (then unticked) with the Dashboard on screen
  tick prerequisites   the same with the Prerequisites page on screen
  theme switch         View > Theme light <-> dark with the Dashboard on screen

"reads" counts the database transactions begun on the app's engine that wrote nothing;
the seeded learner's running study timer is discarded first: its clock repaints once a
second whatever changed, and would be taken for work the change caused;
"ms" is the time from the change until the last paint or SQL statement it caused (the
window idle again). Each figure is the median of --runs changes, min-max beside it.

``--before TREE`` runs the same probe against another checkout (for example the landed main
before a change) in the same run, interleaved, so the two columns share the machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SETTLE_S = 0.6
SKILL = "http-protocol"


# --- the probe: runs inside a child process whose sys.path starts at the tree under test ---


class _Counter:
    """Transactions and statements on one engine, and when the last statement ran."""

    def __init__(self, engine: Any) -> None:
        from sqlalchemy import event

        self.transactions: list[list[str]] = []
        self._open: dict[int, list[str]] = {}
        self.last = 0.0
        event.listen(engine, "begin", self._begin)
        event.listen(engine, "before_cursor_execute", self._statement)

    def _begin(self, connection: Any) -> None:
        statements: list[str] = []
        self._open[id(connection)] = statements
        self.transactions.append(statements)

    def _statement(self, connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.last = time.perf_counter()
        self._open.setdefault(id(connection), []).append(statement)

    def reset(self) -> None:
        self.transactions.clear()
        self._open.clear()

    def reads(self) -> int:
        writes = ("INSERT", "UPDATE", "DELETE", "REPLACE")
        return sum(
            1
            for statements in self.transactions
            if not any(s.lstrip().upper().startswith(writes) for s in statements)
        )

    def statements(self) -> int:
        return sum(len(s) for s in self.transactions)


def _engine_of(window: Any) -> Any:
    services = window.context.services
    store = getattr(services, "store", None)
    return store.engine


def _ticker(window: Any) -> Callable[[str, bool], None]:
    """How the window ticks a prerequisite: what its checkbox calls (in any tree's layout)."""
    page = window.prerequisites

    def tick(slug: str, done: bool) -> None:
        page.set_done(slug, done)

    return tick


def _settle(app: Any, counter: _Counter, painted: list[float]) -> float:
    """Run the event loop until SETTLE_S passes with nothing new; the time of the last work."""
    last_work = time.perf_counter()
    while time.perf_counter() - last_work < SETTLE_S:
        app.processEvents()
        newest = max(counter.last, painted[0])
        if newest > last_work:
            last_work = newest
        time.sleep(0.002)
    return max(counter.last, painted[0])


def probe(data_dir: Path, runs: int) -> dict[str, Any]:
    from PySide6.QtCore import QEvent, QObject, QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    try:
        from tracker.app import build_window, open_data
        from tracker.ui.shell.theme import ThemeMode
    except ImportError:  # a tree from before the GUI was laid out by page
        from tracker.ui.application import build_window  # type: ignore[import-not-found,import-untyped,no-redef,unused-ignore]
        from tracker.ui.theme import ThemeMode  # type: ignore[import-not-found,import-untyped,no-redef,unused-ignore]

        def open_data(window: Any) -> bool:
            return bool(window.context.open_services())

    from tracker.wiring import Settings

    painted = [0.0]

    class PaintWatch(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted[0] = time.perf_counter()
            return False

    watch = PaintWatch()
    app.installEventFilter(watch)
    ui_settings = QSettings(str(data_dir / "ui.ini"), QSettings.Format.IniFormat)
    ui_settings.setValue("view/theme", ThemeMode.LIGHT.value)
    window = build_window(Settings.resolve(data_dir), ui_settings)
    window.resize(1280, 800)
    window.show()
    open_data(window)
    counter = _Counter(_engine_of(window))
    tick = _ticker(window)
    results: dict[str, Any] = {}

    def scenario(name: str, page: str, change: Callable[[int], None]) -> None:
        window.show_page(page)
        _settle(app, counter, painted)
        reads: list[int] = []
        statements: list[int] = []
        times: list[float] = []
        for run in range(runs):
            counter.reset()
            started = time.perf_counter()
            change(run)
            finished = _settle(app, counter, painted)
            times.append((finished - started) * 1000)
            reads.append(counter.reads())
            statements.append(counter.statements())
        results[name] = {"reads": reads, "statements": statements, "ms": times}

    scenario("tick dashboard", "dashboard", lambda run: tick(SKILL, run % 2 == 0))
    scenario("tick prerequisites", "prerequisites", lambda run: tick(SKILL, run % 2 == 0))
    themes = (ThemeMode.DARK, ThemeMode.LIGHT)
    scenario("theme switch", "dashboard", lambda run: window.set_theme(themes[run % 2]))
    window.close()
    return results


def _stop_the_timer(data_dir: Path) -> None:
    from tracker.wiring import Settings, open_services

    services = open_services(Settings.resolve(data_dir))
    try:
        services.studylog.discard_timer()
    finally:
        services.close()


def _seed(data_dir: Path) -> None:
    from tests.gui.render_pages import seed_progress
    from tracker.wiring import Settings, open_services

    services = open_services(Settings.resolve(data_dir))
    try:
        seed_progress(services)
    finally:
        services.close()


def _child(argv: Sequence[str]) -> int:
    data_dir, runs = Path(argv[0]), int(argv[1])
    if not (data_dir / "tracker.sqlite3").exists():
        _seed(data_dir)
        _stop_the_timer(data_dir)
    print(json.dumps(probe(data_dir, runs)))
    return 0


# --- the parent: runs the probe per tree, interleaved, and prints the lines -----------------


def _run_probe(tree: Path, data_dir: Path, runs: int) -> dict[str, Any]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(tree))
    env["XDG_CONFIG_HOME"] = str(data_dir / "config")
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(data_dir), str(runs)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"the probe failed in {tree}:\n{out.stderr[-3000:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


_CHILD = (
    "import runpy, sys; sys.argv = ['refresh'] + sys.argv[1:]; "
    f"module = runpy.run_path({str(Path(__file__))!r}); "
    "raise SystemExit(module['_child'](sys.argv[1:]))"
)


def _load() -> str:
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "load unknown"
    return f"load {one:.2f} (5 min {five:.2f}) on {os.cpu_count()} cores"


def _line(name: str, figures: dict[str, list[float]]) -> str:
    reads = statistics.median(figures["reads"])
    statements = statistics.median(figures["statements"])
    ms = figures["ms"]
    return (
        f"{name}: {reads:g} reads ({statements:g} statements), "
        f"{statistics.median(ms):.0f} ms (min {min(ms):.0f}, max {max(ms):.0f})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run refresh", description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="changes per scenario (default 7)")
    parser.add_argument(
        "--rounds", type=int, default=3, help="fresh processes per tree, interleaved (default 3)"
    )
    parser.add_argument("--before", type=Path, help="another checkout to measure beside this one")
    args = parser.parse_args(argv)
    trees = [("now", ROOT)] + ([("before", args.before.resolve())] if args.before else [])
    merged: dict[str, dict[str, dict[str, list[float]]]] = {label: {} for label, _ in trees}
    print(f"refresh benchmark: {args.rounds} rounds x {args.runs} changes, {_load()}")
    with tempfile.TemporaryDirectory(prefix="tracker-refresh-") as folder:
        for round_ in range(args.rounds):
            for label, tree in trees:
                data_dir = Path(folder) / f"{label}-{round_}"
                data_dir.mkdir()
                for name, figures in _run_probe(tree, data_dir, args.runs).items():
                    into = merged[label].setdefault(name, {})
                    for key, values in figures.items():
                        into.setdefault(key, []).extend(values)
    for label, tree in trees:
        print(f"\n{label} ({tree}):")
        for name, figures in merged[label].items():
            print("  " + _line(name, figures))
    print(f"\nafter the run: {_load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
