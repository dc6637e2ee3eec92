"""Launch to interactive window: the app beside a bare PySide6 window with one label, same run.

Each sample is a fresh process. The parent takes the time just before starting it; the child
prints the wall-clock time once its window is shown and painted, then quits. Reported: median
and min-max over N runs, for
  - bare:   a QApplication with one QLabel, shown, first paint done;
  - shown:  `python -m tracker` until its main window's first paint (pages empty, no SQLAlchemy);
  - loaded: `python -m tracker` until the database is open and the current page is filled.

Run: QT_QPA_PLATFORM=offscreen python benchmarks/startup.py [--runs 15] [--compare-with DIR]
``--compare-with DIR`` also samples another checkout of the app (e.g. ``git archive main``
unpacked in DIR), interleaved with this one, to measure a change before/after in one run.
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


def sample(command: list[str], env: dict[str, str], cwd: Path = ROOT) -> float:
    start = time.time()
    result = subprocess.run(
        command, env=env, cwd=cwd, capture_output=True, text=True, timeout=60, check=True
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
    parser.add_argument(
        "--compare-with", type=Path, metavar="DIR", help="another checkout, sampled interleaved"
    )
    args = parser.parse_args()
    other: Path | None = args.compare_with.resolve() if args.compare_with else None
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        config = Path(folder) / "config"
        # own QSettings file; bytecode cached as in an installed app (pip compiles .pyc files)
        env = {**os.environ, "XDG_CONFIG_HOME": str(config)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        app = [sys.executable, "-m", "tracker", "--data-dir", str(data_dir)]
        other_app = [sys.executable, "-m", "tracker", "--data-dir", str(data_dir) + "-other"]
        # prepare the data folder (database created, pack installed), compile .pyc, warm caches
        for command, cwd in [(app, ROOT)] + ([(other_app, other)] if other else []):
            subprocess.run(
                command,
                env={**env, "LEARNING_TRACKER_EXIT_AFTER_SHOWN": "loaded"},
                cwd=cwd,
                check=True,
                capture_output=True,
                timeout=120,
            )
        sample([sys.executable, "-c", BARE], env)
        results: dict[str, list[float]] = {"bare": [], "shown": [], "loaded": []}
        if other:
            results |= {"other shown": [], "other loaded": []}
        for _ in range(args.runs):  # interleaved, so load drifts hit every variant alike
            results["bare"].append(sample([sys.executable, "-c", BARE], env))
            for stage in ("shown", "loaded"):
                stage_env = {**env, "LEARNING_TRACKER_EXIT_AFTER_SHOWN": stage}
                results[stage].append(sample(app, stage_env))
                if other:
                    results[f"other {stage}"].append(sample(other_app, stage_env, other))
    bare = statistics.median(results["bare"])
    platform = os.environ.get("QT_QPA_PLATFORM", "(default)")
    print(f"launch to window, QT_QPA_PLATFORM={platform}, {os.cpu_count()} CPUs")
    print(f"  bare PySide6 window + label:   {describe(results['bare'])}")
    rows = [("shown", "app window painted:"), ("loaded", "app data loaded and shown:")]
    if other:
        print(f"  (other = {other})")
        rows += [("other shown", "other window painted:"), ("other loaded", "other data loaded:")]
    for key, label in rows:
        ratio = statistics.median(results[key]) / bare
        print(f"  {label:<30} {describe(results[key])}   {ratio:.2f}x bare")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
