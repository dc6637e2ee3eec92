"""A clock that was once set ahead: future-dated backups neither push real ones out nor win.

Rotation keeps a backup dated after now and counts it in none of its places; recovery picks
the backup whose content is newest and shows what each candidate holds before replacing
anything (CLI and the GUI's recovery dialog).
"""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.faults.damage import DAMAGES
from tracker.cli import main
from tracker.locations import DATABASE_FILE
from tracker.services.safety import RecoveryChoice
from tracker.storage import backups as files
from tracker.storage.backups import backups_to_keep
from tracker.ui.data.recovery_dialog import RecoveryDialog
from tracker.wiring import Services, Settings, check_at_start, open_services, recover_database

AHEAD = datetime(2031, 1, 1, 9, 0)


def _log_future_change(database: Path) -> None:
    """A change the app stamped while the clock was set ahead."""
    connection = sqlite3.connect(database)
    connection.execute(
        "INSERT INTO event (profile_id, at, action) VALUES (1, ?, 'note.set')",
        (AHEAD.isoformat(sep=" "),),
    )
    connection.commit()
    connection.close()


def _clock_ahead_then_back(settings: Settings, services: Services) -> tuple[str, str]:
    """A backup taken in "2031", then real work and a real backup; the file then damaged."""
    database = settings.data_dir / DATABASE_FILE
    services.checklist.set_done("flask", "html5", True)
    _log_future_change(database)
    stale = _dated(services.backups.back_up_now().path, AHEAD)
    services.studylog.log("flask", 600, note="ten hours")
    services.checklist.set_done("flask", "css3", True)
    real = services.backups.back_up_now()
    services.close()
    DAMAGES["scribbled-pages"](database, random.Random(4))
    return stale.name, real.name


def _dated(backup: Path, taken_at: datetime) -> Path:
    """The backup as the app names it when its clock says ``taken_at``."""
    dated = backup.with_name(f"tracker-{taken_at:%Y%m%d-%H%M%S}-daily.sqlite3")
    backup.rename(dated)
    return dated


def test_recovery_picks_the_backup_with_the_newest_content_not_the_newest_name(
    settings: Settings, services: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    stale, real = _clock_ahead_then_back(settings, services)
    assert stale.startswith("tracker-20310101")
    base = ["--data-dir", str(settings.data_dir)]
    assert main([*base, "recover"]) == 1  # lists the candidates, changes nothing
    listing = capsys.readouterr().err
    assert listing.index(real) < listing.index(stale)  # newest content first
    assert "1 study session (10.0 h)" in listing
    assert "clock was set ahead" in listing
    assert main([*base, "recover", "--use-backup"]) == 0
    out = capsys.readouterr().out
    assert real in out and "1 study session (10.0 h)" in out  # what it put back, said
    recovered = open_services(settings)
    try:
        assert recovered.checklist.checklist("flask").find("css3").done  # type: ignore[union-attr]
        assert recovered.studylog.total_minutes("flask") == 600
    finally:
        recovered.close()


def test_the_learner_can_choose_another_backup_by_name(
    settings: Settings, services: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    stale, _real = _clock_ahead_then_back(settings, services)
    assert main(["--data-dir", str(settings.data_dir), "recover", "--backup", stale]) == 0
    assert stale in capsys.readouterr().out
    recovered = open_services(settings)
    try:
        assert not recovered.checklist.checklist("flask").find("css3").done  # type: ignore[union-attr]
    finally:
        recovered.close()


def test_the_recovery_dialog_shows_each_candidate_and_uses_the_one_picked(
    settings: Settings, services: Services, qtbot: QtBot
) -> None:
    stale, real = _clock_ahead_then_back(settings, services)
    plan = check_at_start(settings)
    assert plan is not None
    dialog = RecoveryDialog(plan)
    qtbot.addWidget(dialog)
    assert dialog.backup_list is not None
    texts = [dialog.backup_list.item(row).text() for row in range(dialog.backup_list.count())]
    assert "10.0 h" in texts[0] and "clock was set ahead" not in texts[0]  # suggested: real
    stale_row = next(row for row, text in enumerate(texts) if "clock was set ahead" in text)
    assert "ticked" in texts[stale_row] and "changes, the last" in texts[stale_row]
    assert dialog.selected_backup() == real
    dialog.backup_list.setCurrentRow(stale_row)
    assert dialog.backup_button is not None
    dialog.backup_button.click()
    assert dialog.choice is RecoveryChoice.USE_BACKUP and dialog.backup_name == stale
    result = recover_database(settings, plan, dialog.choice, dialog.backup_name)
    assert result.restored_from is not None and result.restored_from.name == stale


def _backup_file(folder: Path, taken_at: datetime) -> Path:
    path = folder / f"tracker-{taken_at:%Y%m%d-%H%M%S}-daily.sqlite3"
    path.write_bytes(b"x")
    return path


def test_future_dated_backups_are_kept_and_push_no_real_backup_out(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0) - timedelta(minutes=1)
    real = [_backup_file(folder, now - timedelta(days=day)) for day in range(40)]
    future = [_backup_file(folder, AHEAD + timedelta(days=day)) for day in range(12)]
    removed = files.rotate(folder)
    assert all(path.exists() for path in future)  # kept, whatever the slots
    promised = backups_to_keep(
        [files.BackupInfo(p, now - timedelta(days=d), "daily", 1) for d, p in enumerate(real)],
        now,
    )
    assert {p for p in real if p.exists()} == promised  # exactly rotation's promise
    assert all(real[day].exists() for day in range(7))  # the last 7 days, each one
    assert set(removed) == set(real) - promised


def test_the_newest_by_date_is_never_a_future_backup_without_saying_so(
    settings: Settings, services: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    _dated(services.backups.back_up_now().path, AHEAD)
    services.close()
    assert main(["--data-dir", str(settings.data_dir), "backups"]) == 0
    out = capsys.readouterr().out
    future_line = next(line for line in out.splitlines() if "20310101" in line)
    assert "dated after now" in future_line
    assert datetime.now() < AHEAD
