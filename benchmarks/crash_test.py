"""Crash test: SIGKILL a process writing progress at random moments; check integrity and acks.

Usage (from the repository root):
    python -m benchmarks.crash_test [--kills 50] [--seed 7] [--data-dir DIR]
Exits 0 when every kill left a database that passes the start-up check, a free lock, and every
acknowledged change in place (lost: 0) with nothing changed that was never begun.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from tests.faults import crashing


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Each kill takes about a second; 200 kills take a few minutes.",
    )
    parser.add_argument("--kills", type=int, default=50, help="processes to kill (default 50)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--data-dir", type=Path, help="keep the database here to inspect it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="crash-test-") as scratch:
        data_dir = args.data_dir or Path(scratch) / "data"
        crashing.prepare(data_dir)
        started = time.monotonic()
        stats = crashing.run(data_dir, args.kills, seed=args.seed, progress=True)
        elapsed = time.monotonic() - started
    print()
    print(f"kills: {stats.kills} ({stats.killed_before_ready} while the process was starting)")
    print(f"operations begun: {stats.operations}")
    print(f"acknowledged changes: {stats.acknowledged} (and {stats.backups_made} backups)")
    print(
        f"acknowledged changes checked in the database: {len(stats.changes_checked)}"
        f" ({stats.checks} checks, after every kill; the rest were overwritten before a kill)"
    )
    print(f"changes in flight at a kill found stored: {stats.in_flight_present}")
    print(f"backups checked whole after kills (cumulative): {stats.backups_checked}")
    print(f"lost: {stats.lost}")
    print(f"problems: {len(stats.problems)}")
    for problem in stats.problems[:20]:
        print(f"  {problem}")
    print(f"time: {elapsed:.0f} s")
    return 1 if stats.problems else 0


if __name__ == "__main__":
    sys.exit(main())
