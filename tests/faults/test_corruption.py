"""A damaged database is never overwritten: it is moved aside and the learner chooses what next."""

from __future__ import annotations

import random
import shutil

import pytest

from tests.faults.damage import DAMAGES
from tracker.cli import main
from tracker.errors import TrackerError
from tracker.locations import DATABASE_FILE
from tracker.services.safety import RecoveryChoice
from tracker.storage.database import head_revision
from tracker.wiring import Services, Settings, check_at_start, open_services, recover_database

DAMAGED = [name for name in DAMAGES if name != "newer-schema"]


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
    from tracker.wiring import open_store

    store = open_store(read_only)
    try:
        catalog = CatalogService(store, 1)
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
