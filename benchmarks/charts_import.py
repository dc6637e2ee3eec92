"""Show that tracker's UI modules do not import pyqtgraph, and measure what pyqtgraph costs.

Each measurement runs in a fresh interpreter (so nothing is cached in sys.modules), several
times; the median is printed. Run from the repository root:

    QT_QPA_PLATFORM=offscreen python benchmarks/charts_import.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Every tracker.ui module found in the tree (the GUI branch adds more; they are all checked).
UI_MODULES = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts)
    for path in (ROOT / "tracker" / "ui").rglob("*.py")
    if path.name != "__main__.py"
)

PROBE = """
import json, sys, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
start = time.perf_counter()
for name in {modules!r}:
    __import__(name)
ui_seconds = time.perf_counter() - start
ui_pulled_pyqtgraph = "pyqtgraph" in sys.modules
start = time.perf_counter()
import pyqtgraph
pyqtgraph_seconds = time.perf_counter() - start
print(json.dumps({{"ui": ui_seconds, "pyqtgraph": pyqtgraph_seconds,
                  "ui_pulled_pyqtgraph": ui_pulled_pyqtgraph}}))
"""


def one_run() -> dict[str, float | bool]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(modules=UI_MODULES)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    runs = [one_run() for _ in range(args.runs)]
    pulled = any(run["ui_pulled_pyqtgraph"] for run in runs)
    ui_ms = statistics.median(float(run["ui"]) for run in runs) * 1000
    pg_ms = statistics.median(float(run["pyqtgraph"]) for run in runs) * 1000
    print(f"tracker.ui modules imported: {len(UI_MODULES)}")
    print(f"pyqtgraph imported by them:  {'YES (a regression)' if pulled else 'no'}")
    print(f"import of tracker.ui:        {ui_ms:7.1f} ms (median of {args.runs} fresh runs)")
    print(f"import of pyqtgraph, later:  {pg_ms:7.1f} ms (paid on first show of the charts)")
    return 1 if pulled else 0


if __name__ == "__main__":
    sys.exit(main())
