"""The crash test: kill a writing process with SIGKILL at random moments, then check everything.

After each kill: the start-up check passes (quick_check, no recovery needed), the data-folder
lock is free again, and every change the process acknowledged is in the database (a change it
began but did not acknowledge may or may not be there; nothing else may be).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tracker.locations import DATABASE_FILE
from tracker.storage.backups import check_file, list_backups
from tracker.storage.lock import DataFolderLock
from tracker.wiring import Settings, check_at_start, open_services

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Change:
    op: str
    key: str
    value: str
    seq: int


@dataclass
class CrashStats:
    kills: int = 0
    killed_before_ready: int = 0
    acknowledged: int = 0
    in_flight_present: int = 0
    checks: int = 0
    backups_checked: int = 0
    backups_made: int = 0
    problems: list[str] = field(default_factory=list)


def prepare(data_dir: Path) -> None:
    """Create the database once, so each worker starts from a complete one."""
    open_services(Settings.resolve(data_dir)).close()


def _run_worker(data_dir: Path, first_seq: int, seed: int, rng: random.Random) -> list[str]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.faults.crash_worker",
            str(data_dir),
            str(first_seq),
            str(seed),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("READY"):
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if rng.random() < 0.2:
        time.sleep(rng.uniform(0.05, 0.6))  # sometimes while starting (migrate, backup, packs)
    else:
        if not ready.wait(60):
            process.kill()
            raise RuntimeError(
                "worker did not start: " + (process.stderr.read() if process.stderr else "")
            )
        time.sleep(rng.uniform(0.0, 0.8))
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    reader.join(10)
    if process.stderr is not None:
        process.stderr.close()
    return lines


def _parse(lines: list[str]) -> tuple[list[Change], Change | None, bool]:
    """Acknowledged changes, the one in flight (begun, not acknowledged), whether READY came."""
    acknowledged: list[Change] = []
    pending: Change | None = None
    for line in lines:
        parts = line.split()
        if parts and parts[0] == "BEGIN" and len(parts) == 5:
            pending = Change(parts[1], parts[2], parts[3], int(parts[4]))
        elif parts and parts[0] == "ACK" and pending is not None and int(parts[1]) == pending.seq:
            acknowledged.append(pending)
            pending = None
    return acknowledged, pending, "READY" in lines


def _database_state(data_dir: Path) -> dict[str, object]:
    connection = sqlite3.connect(f"file:{data_dir / DATABASE_FILE}?mode=ro", uri=True)
    try:
        notes = dict(
            connection.execute(
                "SELECT resource_slug, notes FROM resource_progress WHERE notes != ''"
            )
        )
        ratings = dict(
            connection.execute(
                "SELECT resource_slug, rating FROM resource_progress WHERE rating IS NOT NULL"
            )
        )
        ticks = dict(connection.execute("SELECT prerequisite_slug, done FROM prerequisite_state"))
        logs = [row[0] for row in connection.execute("SELECT note FROM study_session")]
    finally:
        connection.close()
    return {"note": notes, "rating": ratings, "tick": ticks, "log": logs}


def verify(
    data_dir: Path, history: list[Change], in_flight: Change | None, stats: CrashStats
) -> None:
    state = _database_state(data_dir)
    latest: dict[tuple[str, str], str] = {}
    for change in history:
        if change.op not in ("log", "backup"):
            latest[(change.op, change.key)] = change.value
    for (op, key), value in latest.items():
        stored = state[op].get(key)  # type: ignore[attr-defined]
        stored_text = None if stored is None else str(int(stored) if op == "tick" else stored)
        allowed = {value}
        if in_flight is not None and (in_flight.op, in_flight.key) == (op, key):
            allowed.add(in_flight.value)
        if stored_text not in allowed:
            stats.problems.append(f"{op} {key}: stored {stored_text!r}, acknowledged {value!r}")
        stats.checks += 1
    logged = state["log"]
    assert isinstance(logged, list)
    counts: dict[str, int] = {}
    for note in logged:
        counts[note] = counts.get(note, 0) + 1
    expected = {c.key for c in history if c.op == "log"}
    for note in expected:
        if counts.get(note) != 1:
            stats.problems.append(f"log {note}: found {counts.get(note, 0)} times, expected 1")
        stats.checks += 1
    extra = (
        set(counts) - expected - ({in_flight.key} if in_flight and in_flight.op == "log" else set())
    )
    if extra:
        stats.problems.append(f"log entries nobody began: {sorted(extra)[:5]}")
    if in_flight is not None and in_flight.op == "log" and counts.get(in_flight.key):
        stats.in_flight_present += 1


def verify_backups(data_dir: Path, stats: CrashStats) -> None:
    """Every listed backup is whole (a killed snapshot leaves only an unlisted .partial)."""
    for backup in list_backups(data_dir / "backups"):
        if not check_file(backup.path).ok:
            stats.problems.append(f"backup {backup.name} is damaged")
        stats.backups_checked += 1


def run(data_dir: Path, kills: int, seed: int = 7, progress: bool = False) -> CrashStats:
    rng = random.Random(seed)
    stats = CrashStats()
    history: list[Change] = []
    seq = 0
    for round_number in range(kills):
        lines = _run_worker(data_dir, seq, rng.randrange(1 << 30), rng)
        acknowledged, in_flight, ready = _parse(lines)
        stats.kills += 1
        stats.killed_before_ready += 0 if ready else 1
        stats.acknowledged += sum(1 for change in acknowledged if change.op != "backup")
        stats.backups_made += sum(1 for change in acknowledged if change.op == "backup")
        history += acknowledged
        plan = check_at_start(Settings.resolve(data_dir))
        if plan is not None:
            stats.problems.append(
                f"round {round_number}: start-up check failed: {plan.explanation}"
            )
            break
        lock = DataFolderLock(data_dir)
        try:
            lock.acquire()
        except Exception as exc:
            stats.problems.append(f"round {round_number}: lock not freed: {exc}")
        finally:
            lock.release()
        verify(data_dir, history, in_flight, stats)
        verify_backups(data_dir, stats)
        if in_flight is not None:
            # settle the in-flight change as whatever the database holds, for the next rounds
            state = _database_state(data_dir)
            if in_flight.op == "backup":
                pass
            elif in_flight.op == "log":
                if in_flight.key in state["log"]:  # type: ignore[operator]
                    history.append(in_flight)
            else:
                stored = state[in_flight.op].get(in_flight.key)  # type: ignore[attr-defined]
                if (
                    stored is not None
                    and str(int(stored) if in_flight.op == "tick" else stored) == in_flight.value
                ):
                    history.append(in_flight)
            seq = in_flight.seq + 1
        elif acknowledged:
            seq = acknowledged[-1].seq + 1
        if progress:
            print(
                f"kill {stats.kills:3d}: {len(acknowledged):3d} acknowledged"
                f"{' (killed while starting)' if not ready else ''}; checks so far {stats.checks}",
                flush=True,
            )
    return stats
