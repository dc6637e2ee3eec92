"""A recovery killed (SIGKILL) at any file step loses nothing, and the next start says so.

The recovery runs in a real process that kills itself at step 1, 2, 3... of its file work
(tests/faults/recovery_worker.py), until a run finishes before its kill. After every kill:
the progress file is never missing, the damaged bytes are always kept somewhere, and the next
start either finishes the recovery (and says so) or finds the damage again: it never opens an
empty database in place of the learner's file.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faults.damage import DAMAGES
from tracker.locations import DATABASE_FILE
from tracker.services.safety import RecoveryChoice
from tracker.wiring import Services, Settings, check_at_start, open_services

ROOT = Path(__file__).resolve().parents[2]


def _run(data_dir: Path, step: int, choice: RecoveryChoice) -> str:
    finished = subprocess.run(
        [sys.executable, "-m", "tests.faults.recovery_worker", str(data_dir), str(step), choice],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert "Traceback" not in finished.stderr, finished.stderr
    return finished.stdout


def _all_bytes(folder: Path) -> list[bytes]:
    return [p.read_bytes() for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []


@pytest.mark.parametrize("choice", [RecoveryChoice.USE_BACKUP, RecoveryChoice.FRESH])
def test_a_recovery_killed_at_any_step_loses_nothing_and_the_next_start_says_so(
    settings: Settings, services: Services, tmp_path: Path, choice: RecoveryChoice
) -> None:
    services.checklist.set_done("flask", "html5", True)
    services.backups.back_up_now()
    services.checklist.set_done("flask", "css3", True)
    services.close()
    DAMAGES["scribbled-pages"](settings.data_dir / DATABASE_FILE, random.Random(3))
    template = tmp_path / "template"
    shutil.copytree(settings.data_dir, template)
    damaged = (template / DATABASE_FILE).read_bytes()
    kills = 0
    for step in range(1, 200):
        data_dir = tmp_path / f"step-{step}"
        shutil.copytree(template, data_dir)
        database = data_dir / DATABASE_FILE
        output = _run(data_dir, step, choice)
        if "DONE" in output:
            break
        kills += 1
        # what the kill left: the live name is never empty, the damaged bytes are kept
        assert database.is_file(), f"step {step}: no progress file after the kill"
        assert damaged in [database.read_bytes(), *_all_bytes(data_dir / "damaged")]
        # the next start
        plan = check_at_start(Settings.resolve(data_dir))
        assert database.is_file()
        assert not database.with_name(database.name + ".recovering").exists()
        assert not (data_dir / "recovery-journal.json").exists()
        if database.read_bytes() == damaged:
            assert plan is not None and plan.choices, f"step {step}: damage not found again"
            continue
        assert damaged in _all_bytes(data_dir / "damaged")
        assert plan is None or plan.can_open, f"step {step}: {plan}"
        reopened = open_services(Settings.resolve(data_dir))
        try:
            html5 = reopened.checklist.checklist("flask").find("html5")
            assert html5 is not None
            assert html5.done is (choice is RecoveryChoice.USE_BACKUP), f"step {step}"
        finally:
            reopened.close()
    else:
        pytest.fail("the recovery never finished")
    assert kills >= 5  # the recovery was stopped at each of its steps
