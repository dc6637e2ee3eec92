"""A process killed with SIGKILL at random moments loses nothing it reported as saved."""

from __future__ import annotations

from pathlib import Path

from tests.faults import crashing


def test_killed_writer_leaves_an_intact_database_with_every_acknowledged_change(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    crashing.prepare(data_dir)
    stats = crashing.run(data_dir, kills=10, seed=11)
    assert stats.problems == []
    assert stats.kills == 10
    assert stats.acknowledged > 0  # the process did write between kills
    assert stats.checks >= stats.acknowledged // 2
