"""Backups: consistent snapshots, when they are taken, rotation, restore, the one-writer lock."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import yaml

from tests.helpers import database_snapshot
from tracker.cli import main
from tracker.errors import NewerDatabaseError, StorageError
from tracker.locations import DATABASE_FILE, bundled_packs_dir, migrations_dir
from tracker.services.safety import BackupService
from tracker.storage import backups as files
from tracker.storage.backups import BackupInfo, backups_to_keep
from tracker.storage.database import head_revision
from tracker.storage.lock import DataFolderLock, DataFolderLockedError
from tracker.wiring import Services, Settings, open_services


def done_in(database: Path, slug: str) -> bool | None:
    connection = sqlite3.connect(database)
    try:
        row = connection.execute(
            "SELECT done FROM prerequisite_state WHERE prerequisite_slug = ?", (slug,)
        ).fetchone()
    finally:
        connection.close()
    return None if row is None else bool(row[0])


def test_back_up_now_is_a_checked_snapshot_of_what_was_saved(services: Services) -> None:
    services.checklist.set_done("flask", "html5", True)
    backup = services.backups.back_up_now()
    assert backup.path.parent == services.settings.data_dir / "backups"
    assert backup.size_bytes == backup.path.stat().st_size > 0
    assert files.check_file(backup.path, thorough=True).ok
    assert done_in(backup.path, "html5") is True
    # a single self-contained file: no -wal needed to read it
    assert not backup.path.with_name(backup.path.name + "-wal").exists()


def test_a_snapshot_taken_during_a_write_has_only_committed_changes(
    services: Services,
) -> None:
    services.checklist.set_done("flask", "html5", True)
    writer = sqlite3.connect(services.settings.data_dir / DATABASE_FILE)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE prerequisite_state SET done = 0 WHERE prerequisite_slug = 'html5'")
    try:
        backup = services.backups.back_up_now()  # the backup API reads a consistent state
    finally:
        writer.rollback()
        writer.close()
    assert done_in(backup.path, "html5") is True


def test_the_daily_backup_is_taken_once_a_day_at_start(settings: Settings) -> None:
    open_services(settings).close()
    open_services(settings).close()
    daily = [b for b in files.list_backups(settings.data_dir / "backups") if b.reason == "daily"]
    assert len(daily) == 1


def test_a_changed_pack_is_backed_up_before_it_is_imported(
    services: Services, tmp_path: Path
) -> None:
    services.catalog.set_notes("flask", "flask-official-docs", "before the update")
    pack = yaml.safe_load((bundled_packs_dir() / "flask.yaml").read_text(encoding="utf-8"))
    pack["version"] = pack["version"] + "-next"
    changed = tmp_path / "flask.yaml"
    changed.write_text(yaml.safe_dump(pack), encoding="utf-8")
    services.packs.import_file(changed)
    reasons = [b.reason for b in services.backups.backups()]
    assert "before-reimport-flask" in reasons
    services.packs.import_file(changed)  # same content again: no new backup needed
    assert [b.reason for b in services.backups.backups()].count("before-reimport-flask") == 1


def test_an_existing_database_is_backed_up_before_a_migration(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_services(settings).close()
    newer_app = tmp_path / "db"
    shutil.copytree(migrations_dir(), newer_app)
    head = head_revision()
    following = f"{int(head) + 1:04d}"
    (newer_app / "versions" / f"{following}_add_nothing.py").write_text(
        '"""A further revision, as the next app version would ship."""\n'
        f'revision = "{following}"\ndown_revision = "{head}"\n'
        "branch_labels = None\ndepends_on = None\n\n"
        "def upgrade() -> None:\n    pass\n\n\ndef downgrade() -> None:\n    pass\n",
        encoding="utf-8",
    )
    monkeypatch.setattr("tracker.storage.database.migrations_dir", lambda: newer_app)
    open_services(settings).close()
    backups = files.list_backups(settings.data_dir / "backups")
    before = [b for b in backups if b.reason == f"before-migration-{head}"]
    assert len(before) == 1
    connection = sqlite3.connect(before[0].path)
    try:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)
    finally:
        connection.close()


def _info(taken_at: datetime) -> BackupInfo:
    return BackupInfo(Path(f"/b/{taken_at:%Y%m%d%H%M}"), taken_at, "daily", 1)


def test_rotation_keeps_7_days_4_weeks_6_months_and_the_5_newest() -> None:
    start = datetime(2026, 1, 1, 9, 0)
    backups = [
        _info(start + timedelta(days=day, hours=hour)) for day in range(300) for hour in (0, 6)
    ]
    kept = backups_to_keep(backups)
    kept_times = sorted((b.taken_at for b in backups if b.path in kept), reverse=True)
    newest = max(b.taken_at for b in backups)
    days = {t.date() for t in kept_times}
    # the newest of each of the last 7 days
    for back in range(7):
        assert (newest - timedelta(days=back)).date() in days
    months = {(t.year, t.month) for t in kept_times}
    assert len(months) == 6
    assert (2026, 1) not in months  # older months are let go
    assert len(kept) <= 5 + 7 + 4 + 6


def test_rotate_deletes_old_backups_and_unfinished_files(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    for day in range(40):
        taken = datetime(2026, 3, 1) + timedelta(days=day)
        (folder / f"tracker-{taken:%Y%m%d-%H%M%S}-daily.sqlite3").write_bytes(b"x")
    (folder / "tracker-20260410-000000-daily.sqlite3.partial").write_bytes(b"half")
    removed = files.rotate(folder)
    left = files.list_backups(folder)
    assert len(left) == len(backups_to_keep(left)) < 40
    assert len(removed) == 40 - len(left) + 1
    assert not list(folder.glob("*.partial"))


def test_restore_brings_back_the_backup_and_keeps_the_state_before(
    services: Services, settings: Settings
) -> None:
    services.checklist.set_done("flask", "html5", True)
    backup = services.backups.back_up_now()
    services.checklist.set_done("flask", "html5", False)
    services.catalog.set_notes("flask", "flask-official-docs", "written after the backup")
    safety = services.backups.restore(backup.path)
    # the same services keep working after the restore
    assert services.checklist.checklist("flask").find("html5").done  # type: ignore[union-attr]
    fresh = open_services(settings)
    try:
        assert fresh.checklist.checklist("flask").find("html5").done  # type: ignore[union-attr]
        assert fresh.catalog.resource("flask", "flask-official-docs").notes == ""
    finally:
        fresh.close()
    assert safety.reason == "before-restore"
    assert done_in(safety.path, "html5") is False


def test_a_bad_backup_file_is_refused_and_changes_nothing(
    services: Services, tmp_path: Path
) -> None:
    services.checklist.set_done("flask", "html5", True)
    before = database_snapshot(services.settings.data_dir)
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StorageError, match="cannot be restored"):
        services.backups.restore(bad)
    assert database_snapshot(services.settings.data_dir) == before


def test_a_backup_from_a_newer_version_is_refused(services: Services, tmp_path: Path) -> None:
    newer = services.backups.back_up_now().path
    connection = sqlite3.connect(newer)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = database_snapshot(services.settings.data_dir)
    with pytest.raises(NewerDatabaseError, match="9999"):
        services.backups.restore(newer)
    assert database_snapshot(services.settings.data_dir) == before


def test_backups_are_for_sqlite_only_and_say_so(tmp_path: Path) -> None:
    service = BackupService(None, None, tmp_path)
    assert service.backups() == []
    assert service.back_up_if_due() is None
    with pytest.raises(StorageError, match="only for a SQLite database"):
        service.back_up_now()


def test_cli_backup_backups_and_restore_end_to_end(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    base = ["--data-dir", str(data_dir)]
    assert main([*base, "check", "html5"]) == 0
    assert main([*base, "backup"]) == 0
    made = capsys.readouterr().out
    name = made.split("backups/")[1].split(" ")[0]
    assert main([*base, "uncheck", "html5"]) == 0
    assert main([*base, "backups"]) == 0
    listing = capsys.readouterr().out
    assert name in listing and "KB" in listing
    assert main([*base, "restore", name]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "before-restore" in out
    assert done_in(data_dir / DATABASE_FILE, "html5") is True


def test_a_second_instance_gets_a_clear_message(data_dir: Path) -> None:
    first = DataFolderLock(data_dir)
    first.acquire()
    try:
        with pytest.raises(DataFolderLockedError, match="already open on this data folder"):
            DataFolderLock(data_dir).acquire()
        other = subprocess.run(
            [sys.executable, "-m", "tracker", "--data-dir", str(data_dir), "check", "html5"],
            capture_output=True,
            text=True,
        )
        assert other.returncode == 1
        assert "already open on this data folder" in other.stderr
        assert "Traceback" not in other.stderr
    finally:
        first.release()
    assert done_in(data_dir / DATABASE_FILE, "html5") is None  # the refused command wrote nothing
    DataFolderLock(data_dir).acquire()  # free again once released


def test_what_a_killed_snapshot_leaves_is_cleaned_at_start(settings: Settings) -> None:
    folder = settings.data_dir / "backups"
    folder.mkdir()
    leftovers = [
        folder / "tracker-20260410-000000-daily.sqlite3.partial",
        folder / "tracker-20260410-000000-daily.sqlite3.partial-journal",
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"half")
    open_services(settings).close()
    assert not any(leftover.exists() for leftover in leftovers)
    assert len(files.list_backups(folder)) == 1  # the daily backup itself


def test_the_same_database_from_another_data_folder_is_refused_while_it_is_open(
    data_dir: Path, tmp_path: Path
) -> None:
    """Two real processes: one holds the app's lock (as the GUI does); the other reaches the
    same file through another data folder and a symbolic link, with --db-url."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from tracker.wiring import Settings, lock_data_folder\n"
            "lock_data_folder(Settings.resolve(sys.argv[1]))\n"
            "print('LOCKED', flush=True)\n"
            "time.sleep(60)\n",
            str(data_dir),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "LOCKED"
        route = tmp_path / "route"
        route.symlink_to(data_dir)
        other_folder = tmp_path / "other"
        for url in (
            f"sqlite:///{data_dir / DATABASE_FILE}",
            f"sqlite:///{route / DATABASE_FILE}",
        ):
            other = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "tracker",
                    "--data-dir",
                    str(other_folder),
                    "--db-url",
                    url,
                    "check",
                    "html5",
                ],
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert other.returncode == 1, other.stdout
            assert "already open on this database" in other.stderr
            assert "Traceback" not in other.stderr
    finally:
        holder.kill()
        holder.wait()
    assert done_in(data_dir / DATABASE_FILE, "html5") is None  # the refused command wrote nothing
    lock = DataFolderLock(tmp_path / "other", data_dir / DATABASE_FILE)
    lock.acquire()  # free again once the holder is gone
    lock.release()
