"""Launch to interactive window: the app beside a bare PySide6 window with one label, same run.

Each sample is a fresh process. The parent takes the time just before starting it; the child
prints the wall-clock time once its window is shown and painted, then quits. Reported: median
and min-max over N runs, for
  - bare:   a QApplication with one QLabel, shown, first paint done;
  - shown:  `python -m tracker` until its main window's first paint (pages empty, no SQLAlchemy);
  - loaded: `python -m tracker` until the database is open and the current page is filled.

Run: QT_QPA_PLATFORM=offscreen python benchmarks/startup.py [--runs 15]
(Use a real display, e.g. under xvfb-run, by leaving QT_QPA_PLATFORM unset.) Both variants run
with bytecode caching on, as an installed app has its .pyc files; the warm-up run writes them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
label = QLabel("Hello")
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


def sample(command: list[str], env: dict[str, str]) -> float:
    start = time.time()
    result = subprocess.run(
        command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("shown", "loaded"):
            return (float(parts[1]) - start) * 1000
    raise RuntimeError(f"no timing printed by {command}: {result.stdout!r} {result.stderr!r}")


def describe(samples: list[float]) -> str:
    return (
        f"median {statistics.median(samples):7.1f} ms   "
        f"(min {min(samples):6.1f}, max {max(samples):6.1f}, n={len(samples)})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        config = Path(folder) / "config"
        # own QSettings file; bytecode cached as in an installed app (pip compiles .pyc files)
        env = {**os.environ, "XDG_CONFIG_HOME": str(config)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        app = [sys.executable, "-m", "tracker", "--data-dir", str(data_dir)]
        # prepare the data folder (database created, pack installed), compile .pyc, warm caches
        subprocess.run(
            app,
            env={**env, "LEARNING_TRACKER_EXIT_AFTER_SHOWN": "loaded"},
            cwd=ROOT,
            check=True,
            capture_output=True,
            timeout=120,
        )
        sample([sys.executable, "-c", BARE], env)
        results: dict[str, list[float]] = {"bare": [], "shown": [], "loaded": []}
        for _ in range(args.runs):  # interleaved, so load drifts hit every variant alike
            results["bare"].append(sample([sys.executable, "-c", BARE], env))
            results["shown"].append(
                sample(app, {**env, "LEARNING_TRACKER_EXIT_AFTER_SHOWN": "shown"})
            )
            results["loaded"].append(
                sample(app, {**env, "LEARNING_TRACKER_EXIT_AFTER_SHOWN": "loaded"})
            )
    bare = statistics.median(results["bare"])
    platform = os.environ.get("QT_QPA_PLATFORM", "(default)")
    print(f"launch to window, QT_QPA_PLATFORM={platform}, {os.cpu_count()} CPUs")
    print(f"  bare PySide6 window + label:   {describe(results['bare'])}")
    for key, label in (("shown", "app window painted:"), ("loaded", "app data loaded and shown:")):
        ratio = statistics.median(results[key]) / bare
        print(f"  {label:<30} {describe(results[key])}   {ratio:.2f}x bare")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
