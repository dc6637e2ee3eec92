"""A damaged database is never overwritten: it is kept aside and the learner chooses what next."""

from __future__ import annotations

import os
import random
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.faults.damage import DAMAGES, ROW_DAMAGES
from tracker.cli import main
from tracker.errors import TrackerError
from tracker.locations import DATABASE_FILE
from tracker.services.safety import BackupService, RecoveryChoice
from tracker.storage import backups as files
from tracker.storage.database import head_revision
from tracker.ui.data.check_database_dialog import CheckDatabaseDialog
from tracker.wiring import Services, Settings, check_at_start, open_services, recover_database

DAMAGED = [name for name in DAMAGES if name != "newer-schema"]
ROOT = Path(__file__).resolve().parents[2]


def damaged_copy(settings: Settings, services: Services, damage: str) -> bytes:
    """Tick a skill, back up, tick another after the backup, close, damage the file."""
    services.checklist.set_done("flask", "html5", True)
    services.backups.back_up_now()
    services.checklist.set_done("flask", "css3", True)
    services.close()
    database = settings.data_dir / DATABASE_FILE
    DAMAGES[damage](database, random.Random(damage))
    return database.read_bytes()


@pytest.mark.parametrize("damage", DAMAGED)
def test_damage_is_detected_and_the_file_kept_until_the_learner_chooses(
    settings: Settings, services: Services, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = damaged_copy(settings, services, damage)
    plan = check_at_start(settings)
    assert plan is not None
    assert plan.choices == (RecoveryChoice.USE_BACKUP, RecoveryChoice.FRESH)
    assert plan.newest_backup is not None
    assert "damaged" in plan.title
    # any command refuses to open it, explains, and leaves it as it is
    assert main(["--data-dir", str(settings.data_dir), "status"]) == 1
    err = capsys.readouterr().err
    assert "recover --use-backup" in err and "Traceback" not in err
    assert (settings.data_dir / DATABASE_FILE).read_bytes() == damaged


@pytest.mark.parametrize("damage", DAMAGED)
def test_recovering_from_the_backup_keeps_the_damaged_file_aside(
    settings: Settings, services: Services, damage: str
) -> None:
    damaged = damaged_copy(settings, services, damage)
    plan = check_at_start(settings)
    assert plan is not None
    result = recover_database(settings, plan, RecoveryChoice.USE_BACKUP)
    assert result.kept_aside[0].parent == settings.data_dir / "damaged"
    assert result.kept_aside[0].read_bytes() == damaged
    assert check_at_start(settings) is None
    recovered = open_services(settings)
    try:
        checklist = recovered.checklist.checklist("flask")
        assert checklist.find("html5").done  # type: ignore[union-attr]
        assert not checklist.find("css3").done  # type: ignore[union-attr]  # after the backup
    finally:
        recovered.close()


def test_cli_recover_fresh_starts_over_and_keeps_the_damaged_file(
    settings: Settings, services: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = damaged_copy(settings, services, "random-bytes")
    assert main(["--data-dir", str(settings.data_dir), "recover", "--fresh"]) == 0
    assert "Started fresh" in capsys.readouterr().out
    kept = list((settings.data_dir / "damaged").iterdir())
    assert [p.read_bytes() for p in kept] == [damaged]
    assert main(["--data-dir", str(settings.data_dir), "status", "--json"]) == 0
    assert '"done": 0' in capsys.readouterr().out


def test_cli_recover_use_backup(
    settings: Settings, services: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged_copy(settings, services, "truncated")
    assert main(["--data-dir", str(settings.data_dir), "recover", "--use-backup"]) == 0
    out = capsys.readouterr().out
    assert "Restored your backup" in out and "integrity ok" in out


def test_no_backup_means_only_a_fresh_start_is_offered(
    settings: Settings, services: Services
) -> None:
    damaged_copy(settings, services, "zero-length")
    shutil.rmtree(settings.data_dir / "backups")
    plan = check_at_start(settings)
    assert plan is not None and plan.choices == (RecoveryChoice.FRESH,)
    with pytest.raises(TrackerError):
        recover_database(settings, plan, RecoveryChoice.USE_BACKUP)
    assert (settings.data_dir / DATABASE_FILE).exists()  # refused: nothing moved


def test_a_newer_database_is_refused_naming_both_versions_and_left_unchanged(
    settings: Settings, services: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    original = damaged_copy(settings, services, "newer-schema")
    plan = check_at_start(settings)
    assert plan is not None and plan.choices == ()
    assert "9.0.0" in plan.explanation and "9999" in plan.explanation
    assert f"this is version 0.1.0 (schema {head_revision()})" in plan.explanation
    with pytest.raises(TrackerError):
        recover_database(settings, plan, RecoveryChoice.FRESH)
    assert main(["--data-dir", str(settings.data_dir), "status"]) == 1
    assert "newer" in capsys.readouterr().err
    assert (settings.data_dir / DATABASE_FILE).read_bytes() == original
    assert not (settings.data_dir / "damaged").exists()


def test_a_full_disk_is_an_error_that_loses_nothing_already_saved(
    services: Services, settings: Settings
) -> None:
    from sqlalchemy import event

    services.catalog.set_notes("flask", "flask-official-docs", "saved before the disk filled")
    with services.store.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()

    def full_disk(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")  # type: ignore[attr-defined]

    services.store.dispose()
    event.listen(services.store.engine, "connect", full_disk)
    with pytest.raises(TrackerError, match="disk is full"):
        services.catalog.set_notes("flask", "flask-books", "x" * 90_000)
    # the app keeps working for reading, and what was saved is there
    assert services.catalog.resource("flask", "flask-official-docs").notes.startswith("saved")
    event.remove(services.store.engine, "connect", full_disk)
    services.store.dispose()
    fresh = open_services(settings)
    try:
        assert fresh.catalog.resource("flask", "flask-books").notes == ""
        assert fresh.catalog.resource("flask", "flask-official-docs").notes.startswith("saved")
    finally:
        fresh.close()


def test_a_read_only_database_is_an_error_that_changes_nothing(
    services: Services, settings: Settings
) -> None:
    services.catalog.set_notes("flask", "flask-official-docs", "kept")
    services.close()
    database = settings.data_dir / DATABASE_FILE
    read_only = Settings(
        settings.data_dir, f"sqlite:///file:{database}?mode=ro&uri=true", automatic_backups=False
    )
    from tracker.services.catalog import CatalogService
    from tracker.services.operations import Operations
    from tracker.wiring import open_store

    store = open_store(read_only)
    try:
        catalog = CatalogService(store, 1, Operations(store, 1))
        with pytest.raises(TrackerError, match="read-only"):
            catalog.set_notes("flask", "flask-official-docs", "lost?")
        assert catalog.resource("flask", "flask-official-docs").notes == "kept"
    finally:
        store.dispose()


def test_a_failed_recovery_puts_the_damaged_file_back(
    settings: Settings, services: Services
) -> None:
    damaged = damaged_copy(settings, services, "scribbled-pages")
    plan = check_at_start(settings)
    assert plan is not None and plan.newest_backup is not None
    plan.newest_backup.path.unlink()  # the backup vanished after the plan was made
    with pytest.raises(TrackerError, match="could not be written"):
        recover_database(settings, plan, RecoveryChoice.USE_BACKUP)
    assert (settings.data_dir / DATABASE_FILE).read_bytes() == damaged
    assert not plan.newest_backup.path.exists()  # nothing was created in its place


def test_checking_a_newer_database_with_a_pending_wal_changes_no_byte(
    settings: Settings, services: Services
) -> None:
    """A read-write check would fold the WAL into the file on close; the check must not."""
    import subprocess
    import sys

    services.close()
    database = settings.data_dir / DATABASE_FILE
    newer_app_writes = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        "c.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "c.execute(\"UPDATE alembic_version SET version_num = '9999'\")\n"
        "c.commit()\n"
        "os._exit(0)  # gone without a checkpoint: the change is only in the -wal file\n"
    )
    subprocess.run([sys.executable, "-c", newer_app_writes, str(database)], check=True)
    wal = database.with_name(database.name + "-wal")
    before = (database.read_bytes(), wal.read_bytes())
    assert before[1]  # the change waits in the WAL
    plan = check_at_start(settings)
    assert plan is not None and "9999" in plan.explanation
    assert main(["--data-dir", str(settings.data_dir), "status"]) == 1
    assert (database.read_bytes(), wal.read_bytes()) == before


def test_index_damage_is_never_backed_up_as_good(settings: Settings, services: Services) -> None:
    """An index entry that no longer matches its row passes the quick check: a backup's full
    check finds it, refuses to keep the copy, and the start check then reports the damage."""
    services.checklist.set_done("flask", "html5", True)
    services.close()
    database = settings.data_dir / DATABASE_FILE
    DAMAGES["index-entry"](database, random.Random(5))
    assert files.check_file(database).ok  # the quick check cannot see it
    before = sorted(p.name for p in (settings.data_dir / "backups").iterdir())
    backups = BackupService(None, database, settings.data_dir)
    with pytest.raises(files.SourceDamagedError, match="damaged"):
        backups.back_up_now()
    assert sorted(p.name for p in (settings.data_dir / "backups").iterdir()) == before
    damaged = database.read_bytes()
    assert main(["--data-dir", str(settings.data_dir), "check", "css3"]) == 1
    assert database.read_bytes() == damaged  # refused before anything was written


def test_index_damage_in_a_big_file_is_found_by_the_daily_backup_before_a_write(
    settings: Settings, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file too big for the full check at every start gets it once a day, on the copy."""
    from tracker.services import recovery

    services.checklist.set_done("flask", "html5", True)
    services.close()
    for backup in (settings.data_dir / "backups").iterdir():
        backup.unlink()  # no backup today yet: the first start of the day
    database = settings.data_dir / DATABASE_FILE
    DAMAGES["index-entry"](database, random.Random(6))
    damaged = database.read_bytes()
    monkeypatch.setattr(recovery, "THOROUGH_AT_START_BYTES", 0)  # as if the file were big
    plan = check_at_start(settings)
    assert plan is not None and "integrity check" in plan.explanation
    assert plan.choices == (RecoveryChoice.FRESH,)  # the damaged copy was not kept as a backup
    assert database.read_bytes() == damaged


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_unreadable_json_is_reported_in_plain_words_never_a_traceback(
    settings: Settings,
    services: Services,
    capsys: pytest.CaptureFixture[str],
    qtbot: QtBot,
    seed: int,
) -> None:
    services.checklist.set_done("flask", "html5", True)
    services.catalog.set_rating("flask", "flask-official-docs", 4)
    services.close()
    ROW_DAMAGES["flipped-json-bits"](settings.data_dir / DATABASE_FILE, random.Random(seed))
    base = ["--data-dir", str(settings.data_dir)]
    assert main([*base, "check-database"]) == 1
    out = capsys.readouterr().out
    assert "Rows that cannot be read: " in out and "Integrity: ok" in out
    assert "cannot be read" in out.split("Rows that cannot be read: ")[1]
    assert main([*base, "recover"]) == 1  # not "fine"
    said = capsys.readouterr()
    assert "nothing to recover" not in said.out and "Rows that cannot be read" in said.out
    assert "Traceback" not in said.out + said.err
    checker = open_services(settings)
    try:
        dialog = CheckDatabaseDialog(checker.database_check)
        qtbot.addWidget(dialog)
        assert dialog.headline.text() == "Problems found"
        assert "cannot be read" in dialog.summary.text()
        assert "Rows that cannot be read" in dialog.details.toPlainText()
    finally:
        checker.close()


def test_a_named_pipe_in_place_of_the_database_is_reported_without_hanging(
    settings: Settings, services: Services
) -> None:
    services.close()
    database = settings.data_dir / DATABASE_FILE
    database.rename(settings.data_dir / "elsewhere.sqlite3")
    os.mkfifo(database)
    command = [sys.executable, "-m", "tracker", "--data-dir", str(settings.data_dir), "status"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 1
    assert "named pipe" in done.stderr and "Traceback" not in done.stderr
    assert "recover --" not in done.stderr  # nothing to recover: it is not the learner's data
    assert stat.S_ISFIFO(database.lstat().st_mode)  # left where it was
    assert not (settings.data_dir / "damaged").exists()


def test_a_missing_database_with_backups_is_not_silently_replaced_by_an_empty_one(
    settings: Settings, services: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    services.checklist.set_done("flask", "html5", True)
    services.backups.back_up_now()
    services.close()
    database = settings.data_dir / DATABASE_FILE
    database.unlink()
    base = ["--data-dir", str(settings.data_dir)]
    assert main([*base, "status"]) == 1
    assert "missing" in capsys.readouterr().err
    assert not database.exists()  # no empty database was made in its place
    assert main([*base, "recover", "--use-backup"]) == 0
    assert "Restored your backup" in capsys.readouterr().out
    recovered = open_services(settings)
    try:
        assert recovered.checklist.checklist("flask").find("html5").done  # type: ignore[union-attr]
    finally:
        recovered.close()


def test_a_damaged_file_newer_than_the_progress_file_is_mentioned(
    settings: Settings, services: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    """What an interrupted recovery of an older version left: the learner's file set aside
    in damaged/, and an empty one opened in its place."""
    services.checklist.set_done("flask", "html5", True)
    services.close()
    database = settings.data_dir / DATABASE_FILE
    (settings.data_dir / "damaged").mkdir()
    database.rename(settings.data_dir / "damaged" / "tracker-20260101-000000.sqlite3")
    open_services(Settings(settings.data_dir, settings.db_url, automatic_backups=False)).close()
    assert main(["--data-dir", str(settings.data_dir), "status"]) == 0  # it still opens
    assert "A damaged file is newer than your progress" in capsys.readouterr().err


def test_a_data_folder_named_with_url_characters_keeps_its_database_inside(
    tmp_path: Path, template_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "a?b%20c#d"
    shutil.copytree(template_data_dir, folder)
    unrelated = tmp_path / "a"
    unrelated.write_bytes(b"someone else's file")
    base = ["--data-dir", str(folder)]
    assert main([*base, "check", "html5"]) == 0
    database = folder / DATABASE_FILE
    DAMAGES["random-bytes"](database, random.Random(1))
    damaged = database.read_bytes()
    assert main([*base, "recover", "--fresh"]) == 0
    assert unrelated.read_bytes() == b"someone else's file"
    assert [p.read_bytes() for p in (folder / "damaged").iterdir()] == [damaged]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "a?b%20c#d"]
    capsys.readouterr()
