"""Corruption test: damage a database in every known way; each must get the recovery path.

Usage (from the repository root):
    .venv/bin/python -m benchmarks.corruption_test [--rounds 10]
Each round applies every damage (truncated, random bytes, zero length, scribbled pages, a
changed index entry, newer schema) with a new random seed and checks: the start-up check
catches it, commands refuse to open the file and leave it byte for byte, recovery
(alternately from the backup with the newest content and fresh) keeps the original aside
unchanged, and the recovered database passes the check. Damage inside rows (bits flipped in
stored JSON) is not visible to a start check: there "check-database" must name the rows and
"recover" must not call the file fine, without a traceback. "lost" counts recoveries that did
not bring back what the chosen backup held, or lost the damaged bytes.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import sys
import tempfile
from pathlib import Path

from tests.faults.damage import DAMAGES, ROW_DAMAGES
from tracker.cli import main as cli
from tracker.locations import DATABASE_FILE
from tracker.services.safety import RecoveryChoice
from tracker.wiring import Settings, check_at_start, open_services, recover_database


def one(folder: Path, damage: str, seed: int, choice: RecoveryChoice) -> list[str]:
    problems: list[str] = []
    settings = Settings.resolve(folder)
    services = open_services(settings)
    services.checklist.set_done("flask", "html5", True)
    services.backups.back_up_now()
    services.checklist.set_done("flask", "css3", True)
    services.close()
    database = folder / DATABASE_FILE
    DAMAGES[damage](database, random.Random(seed))
    original = database.read_bytes()
    plan = check_at_start(settings)
    if plan is None:
        return [f"{damage}/{seed}: not detected"]
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        refused = cli(["--data-dir", str(folder), "status"])
    if refused != 1 or database.read_bytes() != original:
        problems.append(f"{damage}/{seed}: a command opened or changed the file")
    if damage == "newer-schema":
        if plan.choices or "9999" not in plan.explanation:
            problems.append(f"{damage}/{seed}: newer database not refused with both versions")
        return problems
    result = recover_database(settings, plan, choice)
    if [p.read_bytes() for p in result.kept_aside if p.suffix == ".sqlite3"] != [original]:
        problems.append(f"{damage}/{seed}: LOST: the damaged file was not kept as it was")
    if check_at_start(settings) is not None:
        problems.append(f"{damage}/{seed}: recovered database fails the check")
    services = open_services(settings)
    try:
        item = services.checklist.checklist("flask").find("html5")
        expected = choice is RecoveryChoice.USE_BACKUP
        if item is None or item.done is not expected:
            problems.append(f"{damage}/{seed}: LOST: recovered data is not what was chosen")
    finally:
        services.close()
    return problems


def one_row_damage(folder: Path, damage: str, seed: int) -> list[str]:
    settings = Settings.resolve(folder)
    services = open_services(settings)
    services.checklist.set_done("flask", "html5", True)
    services.catalog.set_rating("flask", "flask-official-docs", 4)
    services.close()
    database = folder / DATABASE_FILE
    ROW_DAMAGES[damage](database, random.Random(seed))
    original = database.read_bytes()
    problems: list[str] = []
    for command, must_say in (("check-database", "cannot be read"), ("recover", "cannot be read")):
        out, err = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = cli(["--data-dir", str(folder), command])
        except Exception as exc:  # a traceback is the finding
            problems.append(f"{damage}/{seed}: {command} raised {type(exc).__name__}: {exc}")
            continue
        said = out.getvalue() + err.getvalue()
        if code != 1 or must_say not in said or "nothing to recover" in said:
            problems.append(f"{damage}/{seed}: {command} did not report the unreadable rows")
    if database.read_bytes() != original:
        problems.append(f"{damage}/{seed}: LOST: checking changed the file")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    tried = 0
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="corruption-test-") as scratch:
        for round_number in range(args.rounds):
            for damage in DAMAGES:
                choice = (RecoveryChoice.USE_BACKUP, RecoveryChoice.FRESH)[round_number % 2]
                folder = Path(scratch) / f"{damage}-{round_number}"
                problems += one(folder, damage, round_number, choice)
                tried += 1
            for damage in ROW_DAMAGES:
                folder = Path(scratch) / f"{damage}-{round_number}"
                problems += one_row_damage(folder, damage, round_number)
                tried += 1
    kinds = len(DAMAGES) + len(ROW_DAMAGES)
    print(f"damaged databases tried: {tried} ({kinds} kinds x {args.rounds} seeds)")
    print(f"detected: {tried - sum('not detected' in p for p in problems)}")
    print(f"lost: {sum('LOST' in p for p in problems)}")
    print(f"problems: {len(problems)}")
    for problem in problems:
        print(f"  {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
