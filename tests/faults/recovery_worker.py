"""A process that recovers a damaged database and kills itself (SIGKILL) at file step N.

Every file-system step the recovery takes (rename, link, unlink, fsync, copy) is counted; at
step N the process sends itself SIGKILL, as a power cut or a killed app would stop it there.
Prints ``STEPS <n>`` and ``DONE`` if the recovery finished before step N.
Usage: python -m tests.faults.recovery_worker DATA_DIR STEP use-backup|fresh
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker.services.safety import RecoveryChoice
from tracker.wiring import Settings, check_at_start, recover_database

COUNTED = ("replace", "rename", "link", "unlink", "fsync")


def main(argv: list[str]) -> None:
    data_dir, kill_at, choice = Path(argv[0]), int(argv[1]), RecoveryChoice(argv[2])
    settings = Settings.resolve(data_dir)
    plan = check_at_start(settings)
    assert plan is not None, "the worker needs a damaged database"
    steps = 0

    def counted(original: Callable[..., Any]) -> Callable[..., Any]:
        def step(*args: Any, **kwargs: Any) -> Any:
            nonlocal steps
            steps += 1
            if steps == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return original(*args, **kwargs)

        return step

    for name in COUNTED:
        setattr(os, name, counted(getattr(os, name)))
    shutil.copyfile = counted(shutil.copyfile)  # type: ignore[assignment]
    recover_database(settings, plan, choice)
    print(f"STEPS {steps}", flush=True)
    print("DONE", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
