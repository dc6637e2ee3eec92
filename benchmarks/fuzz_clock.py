"""Clock fuzzer: the clock jumps forward and back between changes, backups and recoveries.

Usage (from the repository root):
    .venv/bin/python -m benchmarks.fuzz_clock [--steps 600] [--seed 5]
A real database and real backups (SQLite's backup API, rotation, the recovery plan); only the
clock is injected (BackupService's and recovery's ``clock``), and the learner's changes are
event rows stamped with that clock, as the app stamps them. True time only moves forward; the
clock the app reads is true time plus an offset that now and then jumps years ahead, days or
years back, or returns to the truth. Checked after every backup:
- no backup dated after the app's clock is deleted (it is kept, and counts in no slot);
- rotation keeps what it promises: among backups not dated after the clock, the 5 newest and
  the newest of each of the last 7 days, 4 weeks and 6 months (derived here independently);
- every backup rotation deleted was outside that promise.
And at every recovery (the live file damaged on purpose): the backup suggested is the one whose
content is newest (the most changes: the log is append-only), whatever its file's date, and
the recovered database holds exactly that backup's changes. Also counted (not failures:
rotation can only judge by the dates it has): backups taken while the clock was right that
a true-time rotation over the right backups alone would still have kept, split by whether the
clock was right or wrong at the rotation that let them go. Exits 1 on any problem.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from tracker.locations import DATABASE_FILE
from tracker.services.recovery import RecoveryChoice, good_backups, inspect_database, recover
from tracker.services.safety import BackupService
from tracker.storage import backups as files
from tracker.wiring import Settings, open_services

START = datetime(2026, 3, 1, 9, 0)


@dataclass
class Clock:
    """True time, and the offset of the clock the app reads."""

    truth: datetime = START
    offset: timedelta = timedelta(0)

    def __call__(self) -> datetime:
        return self.truth + self.offset

    @property
    def right(self) -> bool:
        return self.offset == timedelta(0)


@dataclass
class Taken:
    """What the fuzzer knows of a backup file: its true time, its content, its clock."""

    true_time: datetime
    changes: int
    real: bool


@dataclass
class Stats:
    steps: int = 0
    jumps_forward: int = 0
    jumps_back: int = 0
    changes: int = 0
    backups: int = 0
    rotations_checked: int = 0
    deleted: int = 0
    future_dated_kept: int = 0
    let_go_while_right: int = 0  # a wrongly dated backup held their slot
    let_go_while_wrong: int = 0  # rotation judged them by the wrong clock
    recoveries: int = 0
    problems: list[str] = field(default_factory=list)


def _change(database: Path, clock: Clock, number: int) -> None:
    """A learner's change, as the app writes it: a study session and its event."""
    connection = sqlite3.connect(database)
    try:
        at = clock().isoformat(sep=" ")
        connection.execute(
            "INSERT INTO study_session (profile_id, path_slug, day, minutes, note) "
            "VALUES (1, 'flask', ?, 30, ?)",
            (clock().date().isoformat(), f"c{number}"),
        )
        connection.execute(
            "INSERT INTO event (profile_id, at, action, item_kind, item_slug) "
            "VALUES (1, ?, 'study.logged', 'study', ?)",
            (at, f"c{number}"),
        )
        connection.commit()
    finally:
        connection.close()


def _changes_in(database: Path) -> int:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return int(connection.execute("SELECT count(*) FROM study_session").fetchone()[0])
    finally:
        connection.close()


def _promise(stamps: dict[Path, datetime]) -> set[Path]:
    """Rotation's promise, derived independently: 5 newest, then per day, week and month."""
    ordered = sorted(stamps, key=lambda p: (stamps[p], p.name), reverse=True)
    keep = set(ordered[:5])
    for key, count in (
        (lambda t: (t.year, t.month, t.day), 7),
        (lambda t: tuple(t.isocalendar()[:2]), 4),
        (lambda t: (t.year, t.month), 6),
    ):
        periods: dict[object, Path] = {}
        for path in ordered:
            periods.setdefault(key(stamps[path]), path)
            if len(periods) > count:
                periods.pop(key(stamps[path]))
                break
        keep |= set(periods.values())
    return keep


def _check_rotation(
    before: dict[Path, datetime],
    after: set[Path],
    taken: dict[Path, Taken],
    now: datetime,
    truth: datetime,
    stats: Stats,
) -> None:
    stats.rotations_checked += 1
    future = {p for p, stamp in before.items() if stamp > now}
    promised = _promise({p: s for p, s in before.items() if p not in future})
    for path in before:
        if path in after:
            continue
        stats.deleted += 1
        if path in future:
            stats.problems.append(f"{path.name}: dated after the clock, yet deleted")
        if path in promised:
            stats.problems.append(f"{path.name}: promised by rotation, yet deleted")
    real = {p: taken[p].true_time for p in before if p in taken and taken[p].real}
    real_promised = _promise({p: t for p, t in real.items() if t <= truth})
    let_go = sum(1 for p in real_promised if p not in after)
    if now == truth:
        stats.let_go_while_right += let_go
    else:
        stats.let_go_while_wrong += let_go
    stats.future_dated_kept += len(future & after)


def _listed(folder: Path) -> dict[Path, datetime]:
    return {b.path: b.taken_at for b in files.list_backups(folder)}


def _recover(data_dir: Path, clock: Clock, taken: dict[Path, Taken], stats: Stats) -> int:
    """Damage the live file, recover; return the number of changes it holds afterwards."""
    database = data_dir / DATABASE_FILE
    for extra in ("-wal", "-shm"):
        database.with_name(database.name + extra).unlink(missing_ok=True)
    database.write_bytes(b"")
    kept = {p: t for p, t in taken.items() if p.exists()}
    plan = inspect_database(database, data_dir, clock)
    stats.recoveries += 1
    if plan is None or plan.newest is None:
        stats.problems.append("recovery: no backup offered")
        return 0
    expected = max(t.changes for t in kept.values())
    suggested = plan.newest
    if kept[suggested.backup.path].changes != expected:
        stats.problems.append(
            f"recovery at {clock():%Y-%m-%d}: suggested {suggested.name} "
            f"({kept[suggested.backup.path].changes} changes), the newest content has {expected}"
        )
    listed = {c.backup.path for c in good_backups(data_dir, clock())}
    if listed != set(kept):
        stats.problems.append("recovery: not every good backup was listed")
    recover(plan, RecoveryChoice.USE_BACKUP, data_dir, clock=clock)
    now_holds = _changes_in(database)
    if now_holds != kept[suggested.backup.path].changes:
        stats.problems.append("recovery: the database does not hold the backup it restored")
    return now_holds


def run(steps: int, seed: int, data_dir: Path) -> Stats:
    rng = random.Random(seed)
    stats = Stats()
    clock = Clock()
    open_services(
        Settings(data_dir, Settings.resolve(data_dir).db_url, automatic_backups=False)
    ).close()
    database = data_dir / DATABASE_FILE
    service = BackupService(None, database, data_dir, clock=clock)
    folder = service.folder
    taken: dict[Path, Taken] = {}
    changes = 0
    for _ in range(steps):
        stats.steps += 1
        clock.truth += timedelta(hours=rng.choice((1, 2, 5, 11, 23, 30, 70)))
        roll = rng.random()
        if roll < 0.04:
            clock.offset = timedelta(days=rng.choice((2, 40, 400, 1900)))
            stats.jumps_forward += 1
        elif roll < 0.08:
            clock.offset = -timedelta(days=rng.choice((1, 20, 300, 2500)), hours=rng.randrange(24))
            stats.jumps_back += 1
        elif roll < 0.16:
            clock.offset = timedelta(0)
        action = rng.random()
        if action < 0.55:
            changes += 1
            stats.changes += 1
            _change(database, clock, changes)
            continue
        if action < 0.95:
            before = _listed(folder)
            backup = (
                service.back_up_now(rng.choice(("manual", "before-progress-import")))
                if action < 0.7
                else service.back_up_if_due()
            )
            if backup is None:
                continue
            stats.backups += 1
            taken[backup.path] = Taken(clock.truth, changes, clock.right)
            before[backup.path] = backup.taken_at  # rotation judged the new one with the rest
            _check_rotation(before, set(_listed(folder)), taken, clock(), clock.truth, stats)
            continue
        if any(p.exists() for p in taken):
            changes = _recover(data_dir, clock, taken, stats)
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=600)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fuzz-clock-") as scratch:
        stats = run(args.steps, args.seed, Path(scratch) / "data")
    print(
        f"steps: {stats.steps} (clock jumps: {stats.jumps_forward} forward, "
        f"{stats.jumps_back} back)"
    )
    print(f"changes: {stats.changes}, backups taken: {stats.backups}")
    print(f"rotations checked: {stats.rotations_checked}, deleted by rotation: {stats.deleted}")
    print(f"future-dated backups kept (cumulative, per rotation): {stats.future_dated_kept}")
    print(f"recoveries checked (suggested = newest content): {stats.recoveries}")
    print(
        "right-dated backups a true-time rotation would have kept, let go: "
        f"{stats.let_go_while_right} with the clock right (a wrongly dated backup held the "
        f"slot), {stats.let_go_while_wrong} while the clock was wrong"
    )
    print(f"problems: {len(stats.problems)}")
    for problem in stats.problems[:20]:
        print(f"  {problem}")
    return 1 if stats.problems else 0


if __name__ == "__main__":
    sys.exit(main())
