"""The one task runner: jobs run one at a time off the GUI thread; results come back on it."""

from __future__ import annotations

import threading
import time

from pytestqt.qtbot import QtBot

from tracker.errors import StorageError
from tracker.ui.tasks import TaskRunner


def test_jobs_run_one_at_a_time_in_order_and_report_on_the_main_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    main = threading.get_ident()
    running = 0
    overlap = False
    workers: set[int] = set()
    delivered: list[tuple[int, int]] = []

    def job(n: int) -> int:
        nonlocal running, overlap
        running += 1
        overlap = overlap or running > 1
        workers.add(threading.get_ident())
        time.sleep(0.01)
        running -= 1
        return n

    for n in range(5):
        runner.run(
            lambda n=n: job(n), lambda result: delivered.append((result, threading.get_ident()))
        )
    assert runner.busy
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert [n for n, _ in delivered] == [0, 1, 2, 3, 4]
    assert {thread for _, thread in delivered} == {main}
    assert len(workers) == 1 and main not in workers
    assert not overlap


def test_a_failure_goes_to_on_error_and_the_runner_goes_on(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []
    results: list[object] = []

    def fail() -> object:
        raise StorageError("The disk is full.")

    runner.run(fail, results.append, errors.append)
    runner.run(lambda: "next", results.append, errors.append)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert [str(e) for e in errors] == ["The disk is full."]
    assert results == ["next"]
