"""A full disk, a read-only folder or a refused permission is never taken for damage.

The start check (CLI and GUI) says what is wrong with the machine, offers no "Start fresh" or
"Use the backup", and changes nothing. The failures are real (see tests/faults/environment.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.faults.environment import (
    full_disk,
    read_only_folder,
    run_cli,
    run_cli_without_permission,
)
from tracker.storage.backups import FileProblem
from tracker.ui.data.recovery_dialog import RecoveryDialog
from tracker.wiring import Settings, check_at_start, open_services


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` but SQLite's transient -shm/-wal and the lock files."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(("-shm", "-wal", "lock"))
    }


@pytest.fixture
def used_data_dir(data_dir: Path) -> Path:
    """A data folder with progress and a backup (so "Use the backup" could be offered)."""
    services = open_services(Settings.resolve(data_dir))
    services.checklist.set_done("flask", "html5", True)
    services.backups.back_up_now()
    services.close()
    return data_dir


def _assert_told_not_damaged(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert "damaged" not in stderr.replace("not damaged", "")
    assert "recover --" not in stderr and "Start fresh" not in stderr


@pytest.mark.parametrize("kind", ["full file system", "file-size-limit"])
def test_a_full_disk_is_reported_as_such_and_nothing_is_offered_or_changed(
    used_data_dir: Path, tmp_path: Path, qtbot: QtBot, kind: str
) -> None:
    """A full tmpfs as root (else, and always in the second case, RLIMIT_FSIZE's EFBIG)."""
    with full_disk(
        used_data_dir, tmp_path, kind=None if kind == "full file system" else kind
    ) as disk:
        before = _files(disk.data_dir)
        status = disk.run_cli("status")
        assert status.returncode == 1
        _assert_told_not_damaged(status.stderr)
        if disk.kind == "tmpfs":
            assert "The disk is full" in status.stderr
        else:
            assert "input/output error" in status.stderr
        assert "Nothing was changed" in status.stderr
        recover = disk.run_cli("recover", "--fresh")
        assert recover.returncode == 1
        _assert_told_not_damaged(recover.stderr)
        with disk.in_this_process():
            plan = check_at_start(Settings.resolve(disk.data_dir))
        assert plan is not None and plan.problem is FileProblem.ENVIRONMENT
        assert plan.choices == ()
        dialog = RecoveryDialog(plan)  # what the GUI shows at start
        qtbot.addWidget(dialog)
        assert dialog.backup_button is None and dialog.fresh_button is None
        assert "not damaged" in dialog.explanation_label.text()
        assert _files(disk.data_dir) == before
        assert not (disk.data_dir / "damaged").exists()


def test_a_read_only_data_folder_is_reported_and_left_alone(used_data_dir: Path) -> None:
    before = _files(used_data_dir)
    with read_only_folder(used_data_dir):
        status = run_cli(used_data_dir, "status")
        assert status.returncode == 1
        _assert_told_not_damaged(status.stderr)
        plan = check_at_start(Settings.resolve(used_data_dir))
        if plan is not None:  # a normal user may still read it: then it opens read-only
            assert plan.choices == () and plan.problem is FileProblem.ENVIRONMENT
    assert _files(used_data_dir) == before


def test_a_refused_permission_is_reported_and_left_alone(used_data_dir: Path) -> None:
    before = _files(used_data_dir)
    refused = run_cli_without_permission(used_data_dir, "status")
    assert refused.returncode == 1
    _assert_told_not_damaged(refused.stderr)
    assert "not allowed" in refused.stderr or "could not be used" in refused.stderr
    assert _files(used_data_dir) == before
    assert not (used_data_dir / "damaged").exists()
