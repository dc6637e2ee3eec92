"""The crash test: kill a writing process with SIGKILL at random moments, then check everything.

After each kill: the start-up check passes (quick_check, no recovery needed), the data-folder
lock is free again, and every change the process acknowledged is in the database (a change it
began but did not acknowledge may or may not be there; nothing else may be).

The database is read as the app means it: a field with no row, or a row created lazily with the
column's default, holds that default (not ticked, no rating, no status, empty notes).
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
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tests.faults.crash_worker import CLEARED, PATH
from tracker.locations import DATABASE_FILE
from tracker.settings import DEFAULT_PROFILE
from tracker.storage.backups import check_file, list_backups
from tracker.storage.lock import DataFolderLock
from tracker.wiring import Settings, check_at_start, open_services

ROOT = Path(__file__).resolve().parents[2]
FIELDS = ("note", "rating", "status", "tick")


@dataclass(frozen=True)
class Change:
    op: str
    key: str
    value: str
    seq: int

    def __str__(self) -> str:
        return f"{self.op} {self.key} {self.value} (change {self.seq})"


@dataclass(frozen=True)
class Journal:
    """What one worker printed: the changes it acknowledged and the one it began last."""

    acknowledged: list[Change]
    in_flight: Change | None
    ready: bool
    begun: int


@dataclass(frozen=True)
class Problem:
    """An acknowledged change the database does not hold (``lost``), or another surprise."""

    kind: str  # "lost", "duplicated" or "unexpected"
    text: str
    change: Change | None = None

    def __str__(self) -> str:
        return f"{self.kind}: {self.text}"

    @property
    def identity(self) -> object:
        """The same loss found again after later kills has the same identity."""
        return (self.kind, self.change.seq) if self.change is not None else self.text


@dataclass(frozen=True)
class Verdict:
    problems: list[Problem]
    checked: list[Change]  # the acknowledged changes whose effect was looked for


@dataclass
class CrashStats:
    kills: int = 0
    killed_before_ready: int = 0
    operations: int = 0
    acknowledged: int = 0
    in_flight_present: int = 0
    checks: int = 0
    changes_checked: set[int] = field(default_factory=set)
    backups_checked: int = 0
    backups_made: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def lost(self) -> int:
        return sum(1 for problem in self.problems if problem.kind == "lost")


def parse_journal(lines: Iterable[str]) -> Journal:
    """Acknowledged changes, the one in flight (begun, not acknowledged), whether READY came."""
    acknowledged: list[Change] = []
    pending: Change | None = None
    ready = False
    begun = 0
    for line in lines:
        parts = line.split()
        if parts == ["READY"]:
            ready = True
        elif parts and parts[0] == "BEGIN" and len(parts) == 5:
            pending = Change(parts[1], parts[2], parts[3], int(parts[4]))
            begun += 1
        elif parts and parts[0] == "ACK" and pending is not None and int(parts[1]) == pending.seq:
            acknowledged.append(pending)
            pending = None
    return Journal(acknowledged, pending, ready, begun)


def _token(op: str, stored: object) -> str:
    """A stored field as a journal value; None stands for no row, or a NULL column."""
    if op == "tick":
        return "1" if stored else "0"
    if stored is None or stored == "":
        return CLEARED
    return str(stored)


@dataclass(frozen=True)
class StoredState:
    """The learner's fields on the crash test's path and every study-log entry, as stored."""

    rows: dict[tuple[str, str], object]
    logs: dict[str, list[int]]  # note -> minutes of each entry with that note

    def value(self, op: str, key: str) -> str:
        """What the app shows for ``op`` on ``key``: a missing row means the default."""
        return _token(op, self.rows.get((op, key)))


def read_state(data_dir: Path) -> StoredState:
    connection = sqlite3.connect(f"file:{data_dir / DATABASE_FILE}?mode=ro", uri=True)
    try:
        profile = connection.execute(
            "SELECT id FROM profile WHERE name = ?", (DEFAULT_PROFILE,)
        ).fetchone()
        where = (profile[0] if profile else None, PATH)
        rows: dict[tuple[str, str], object] = {}
        for slug, notes, rating, status in connection.execute(
            "SELECT resource_slug, notes, rating, status FROM resource_progress "
            "WHERE profile_id = ? AND path_slug = ?",
            where,
        ):
            rows.update({("note", slug): notes, ("rating", slug): rating, ("status", slug): status})
        for slug, done in connection.execute(
            "SELECT prerequisite_slug, done FROM prerequisite_state "
            "WHERE profile_id = ? AND path_slug = ?",
            where,
        ):
            rows[("tick", slug)] = done
        logs: dict[str, list[int]] = {}
        for note, minutes in connection.execute(
            "SELECT note, minutes FROM study_session WHERE profile_id = ? AND path_slug = ?", where
        ):
            logs.setdefault(note, []).append(minutes)
    finally:
        connection.close()
    return StoredState(rows, logs)


def verify(history: list[Change], in_flight: Change | None, state: StoredState) -> Verdict:
    """Every acknowledged change that is still current is stored; nothing else changed."""
    problems: list[Problem] = []
    checked: list[Change] = []
    latest: dict[tuple[str, str], Change] = {}
    for change in history:
        if change.op in FIELDS:
            latest[(change.op, change.key)] = change
    flying = (in_flight.op, in_flight.key) if in_flight is not None else None
    for (op, key), change in latest.items():
        stored = state.value(op, key)
        allowed = {change.value}
        if in_flight is not None and flying == (op, key):
            allowed.add(in_flight.value)
        if stored not in allowed:
            problems.append(
                Problem("lost", f"{op} {key}: stored {stored!r}, acknowledged {change}", change)
            )
        checked.append(change)
    for op, key in state.rows.keys() - latest.keys():
        stored = state.value(op, key)
        if stored != _token(op, None) and not (
            in_flight is not None and flying == (op, key) and stored == in_flight.value
        ):
            problems.append(Problem("unexpected", f"{op} {key}: stored {stored!r}, never begun"))
    logs = [change for change in history if change.op == "log"]
    for change in logs:
        found = state.logs.get(change.key, [])
        if not found:
            problems.append(Problem("lost", f"log {change.key}: not stored, acknowledged", change))
        elif found != [int(change.value)]:
            problems.append(
                Problem("duplicated", f"log {change.key}: stored {found}, expected one", change)
            )
        checked.append(change)
    begun = Counter(change.key for change in logs)
    if in_flight is not None and in_flight.op == "log":
        begun[in_flight.key] += 1
    for note in sorted(state.logs.keys() - begun.keys()):
        problems.append(Problem("unexpected", f"log {note}: stored, never begun"))
    return Verdict(problems, checked)


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


def verify_backups(data_dir: Path, stats: CrashStats) -> None:
    """Every listed backup is whole (a killed snapshot leaves only an unlisted .partial)."""
    for backup in list_backups(data_dir / "backups"):
        if not check_file(backup.path).ok:
            stats.problems.append(Problem("unexpected", f"backup {backup.name} is damaged"))
        stats.backups_checked += 1


def _settled(in_flight: Change, state: StoredState) -> bool:
    """Whether the change in flight when the process died is in the database."""
    if in_flight.op == "log":
        return in_flight.key in state.logs
    return in_flight.op in FIELDS and state.value(in_flight.op, in_flight.key) == in_flight.value


def run(data_dir: Path, kills: int, seed: int = 7, progress: bool = False) -> CrashStats:
    rng = random.Random(seed)
    stats = CrashStats()
    history: list[Change] = []
    reported: set[object] = set()
    seq = 0
    for round_number in range(kills):
        journal = parse_journal(_run_worker(data_dir, seq, rng.randrange(1 << 30), rng))
        acknowledged, in_flight = journal.acknowledged, journal.in_flight
        stats.kills += 1
        stats.killed_before_ready += 0 if journal.ready else 1
        stats.operations += journal.begun
        stats.acknowledged += sum(1 for change in acknowledged if change.op != "backup")
        stats.backups_made += sum(1 for change in acknowledged if change.op == "backup")
        history += acknowledged
        plan = check_at_start(Settings.resolve(data_dir))
        if plan is not None:
            stats.problems.append(
                Problem(
                    "unexpected", f"round {round_number}: start-up check failed: {plan.explanation}"
                )
            )
            break
        lock = DataFolderLock(data_dir)
        try:
            lock.acquire()
        except Exception as exc:
            stats.problems.append(Problem("unexpected", f"round {round_number}: lock: {exc}"))
        finally:
            lock.release()
        state = read_state(data_dir)
        verdict = verify(history, in_flight, state)
        stats.checks += len(verdict.checked)
        stats.changes_checked.update(change.seq for change in verdict.checked)
        for problem in verdict.problems:
            if problem.identity not in reported:
                reported.add(problem.identity)
                stats.problems.append(problem)
        verify_backups(data_dir, stats)
        if in_flight is not None:
            if _settled(in_flight, state):  # the next rounds expect what the database holds
                history.append(in_flight)
                stats.in_flight_present += 1
            seq = in_flight.seq + 1
        elif acknowledged:
            seq = acknowledged[-1].seq + 1
        if progress:
            print(
                f"kill {stats.kills:3d}: {len(acknowledged):3d} acknowledged"
                f"{' (killed while starting)' if not journal.ready else ''}; "
                f"checks so far {stats.checks}",
                flush=True,
            )
    return stats
