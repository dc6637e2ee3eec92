"""Crash test: SIGKILL a process writing progress at random moments; check integrity and acks.

Usage (from the repository root):
    /work/venv/bin/python -m benchmarks.crash_test [--kills 50] [--seed 7] [--data-dir DIR]
Exits 0 when every kill left a database that passes the start-up check, a free lock, and every
acknowledged change in place.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from tests.faults import crashing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="crash-test-") as scratch:
        data_dir = args.data_dir or Path(scratch) / "data"
        crashing.prepare(data_dir)
        started = time.monotonic()
        stats = crashing.run(data_dir, args.kills, seed=args.seed, progress=True)
        elapsed = time.monotonic() - started
    print()
    print(f"kills: {stats.kills} ({stats.killed_before_ready} while the process was starting)")
    print(f"acknowledged changes: {stats.acknowledged} (and {stats.backups_made} backups)")
    print(f"checks of acknowledged changes (cumulative, after every kill): {stats.checks}")
    print(f"in-flight log entries found committed: {stats.in_flight_present}")
    print(f"backups checked whole after kills (cumulative): {stats.backups_checked}")
    print(f"problems: {len(stats.problems)}")
    for problem in stats.problems[:20]:
        print(f"  {problem}")
    print(f"time: {elapsed:.0f} s")
    return 1 if stats.problems else 0


if __name__ == "__main__":
    sys.exit(main())
