"""Consistent SQLite snapshots (online backup API), their rotation, and database file checks."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from tracker.errors import StorageError

BACKUP_FOLDER = "backups"
DAMAGED_FOLDER = "damaged"
SQLITE_HEADER = b"SQLite format 3\x00"
KEEP_RECENT = 5
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 6
_BUSY_MS = 5000
_NAME = re.compile(r"^tracker-(\d{8}-\d{6})(?:-(\d{1,6}))?(?:-([a-z0-9-]+))?\.sqlite3$")
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: where it is, when it was taken (UTC), why, and how big it is."""

    path: Path
    taken_at: datetime
    reason: str
    size_bytes: int

    @property
    def name(self) -> str:
        return self.path.name


class FileProblem(StrEnum):
    """What is wrong with a database file, as far as a quick check can tell."""

    EMPTY = "empty"
    NOT_A_DATABASE = "not-a-database"
    TRUNCATED = "truncated"
    CORRUPT = "corrupt"
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class FileHealth:
    """The result of checking one database file; ``problem`` is None when it is usable."""

    path: Path
    problem: FileProblem | None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.problem is None


def sqlite_file_of(url: str) -> Path | None:
    """The database file of a SQLite URL, or None for other databases and in-memory ones."""
    if not url.startswith("sqlite") or "///" not in url:
        return None
    database = url.split("///", 1)[1].split("?", 1)[0]
    if not database or database == ":memory:":
        return None
    return Path(database).expanduser()


def _connect(path: Path) -> sqlite3.Connection:
    """A connection to an existing database file (mode=rw: a missing file is not created)."""
    uri = f"{path.resolve().as_uri()}?mode=rw"
    connection = sqlite3.connect(uri, uri=True, timeout=_BUSY_MS / 1000)
    connection.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
    return connection


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file: no writes, and no checkpoint when it closes.

    (A read-write connection folds a pending WAL into the database file when it closes; a
    damaged or newer database must stay byte for byte as it is.)
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    connection = sqlite3.connect(uri, uri=True, timeout=_BUSY_MS / 1000)
    connection.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
    return connection


def check_file(path: Path, *, thorough: bool = False) -> FileHealth:
    """Check a database file without changing it: header, size and ``PRAGMA quick_check``.

    ``thorough`` runs the full ``integrity_check`` instead (slower, for "Check database").
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError as exc:
        return FileHealth(path, FileProblem.UNREADABLE, f"it could not be read ({exc.strerror})")
    if size == 0:
        return FileHealth(path, FileProblem.EMPTY, "0 bytes")
    if not header.startswith(SQLITE_HEADER):
        return FileHealth(
            path, FileProblem.NOT_A_DATABASE, "it does not start as a SQLite file does"
        )
    if len(header) < 100:
        return FileHealth(path, FileProblem.TRUNCATED, f"only {size} bytes are left")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    declared_pages = int.from_bytes(header[28:32], "big")
    size_is_valid = header[24:28] == header[92:96] and declared_pages > 0
    wal = path.with_name(path.name + "-wal")
    wal_pending = wal.exists() and wal.stat().st_size > 0
    if size_is_valid and not wal_pending and size < declared_pages * page_size:
        return FileHealth(
            path,
            FileProblem.TRUNCATED,
            f"{size:,} of {declared_pages * page_size:,} bytes are left",
        )
    pragma = "integrity_check" if thorough else "quick_check"
    try:
        connection = read_only_connection(path)
        try:
            rows = [str(row[0]) for row in connection.execute(f"PRAGMA {pragma}")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        message = str(exc).lower()
        if "not a database" in message:
            return FileHealth(path, FileProblem.NOT_A_DATABASE, f"SQLite reports: {exc}")
        if "locked" in message or "busy" in message:
            return FileHealth(path, FileProblem.UNREADABLE, "another program is using it")
        if "unable to open" in message or "readonly" in message:
            return FileHealth(path, FileProblem.UNREADABLE, f"it could not be opened ({exc})")
        return FileHealth(path, FileProblem.CORRUPT, f"SQLite reports: {exc}")
    if rows != ["ok"]:
        shown = "; ".join(rows[:5]) + (" ..." if len(rows) > 5 else "")
        return FileHealth(path, FileProblem.CORRUPT, f"the integrity check found: {shown}")
    return FileHealth(path, None)


def snapshot(source: Path, destination: Path) -> None:
    """Copy a (possibly live) database to ``destination`` with SQLite's online backup API.

    The copy is written to a temporary name, switched to a single-file journal, checked, synced
    and only then renamed into place, so a crash leaves either no backup or a whole one.
    """
    partial = destination.with_name(destination.name + ".partial")
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        src = _connect(source)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
                dst.commit()
            finally:
                dst.close()
        finally:
            src.close()
        health = check_file(partial)
        if not health.ok:
            raise StorageError(f"The backup could not be verified: {health.detail}.")
        _fsync(partial)
        os.replace(partial, destination)
        _fsync_folder(destination.parent)
    except sqlite3.Error as exc:
        _discard(partial)
        raise StorageError(f"The backup could not be written: {_plain(exc)}") from exc
    except OSError as exc:
        _discard(partial)
        raise StorageError(
            f"The backup could not be written to {destination.parent}: {exc.strerror or exc}."
        ) from exc


def _discard(partial: Path) -> None:
    """Remove a half-written backup if there is one (its folder may not even exist)."""
    with contextlib.suppress(OSError):
        partial.unlink(missing_ok=True)


def copy_into(source: Path, live: Path) -> None:
    """Replace the contents of the database ``live`` with ``source``, with the backup API.

    The caller makes sure nothing else holds the live database open (engines disposed, the
    data-folder lock held). The copy is one step, so a reader sees the old or the new state.
    """
    try:
        src = _connect(source)
        try:
            dst = _connect(live)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = WAL")
                dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise StorageError(f"The backup could not be restored: {_plain(exc)}") from exc


def _plain(exc: sqlite3.Error) -> str:
    message = str(exc)
    if "disk is full" in message.lower() or "full" in message.lower():
        return "the disk is full. Free some space and try again."
    if "readonly" in message.lower():
        return "the folder is read-only. Check its permissions."
    return message + "."


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def backup_name(taken_at: datetime, reason: str, folder: Path) -> Path:
    """A new, unused file name in ``folder`` for a backup taken at ``taken_at`` (UTC)."""
    reason_part = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-")[:40]
    stamp = taken_at.strftime(_STAMP)
    taken = {
        int(match.group(2) or 0)
        for path in (folder.glob(f"tracker-{stamp}*") if folder.is_dir() else ())
        if (match := _NAME.match(path.name.removesuffix(".partial")))
    }
    counter = 0  # several backups in one second get 0, 1, 2...: the order stays exact
    while counter in taken:
        counter += 1
    suffix = f"-{counter}" if counter else ""
    return folder / f"tracker-{stamp}{suffix}{'-' + reason_part if reason_part else ''}.sqlite3"


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder``, newest first (unfinished ``.partial`` files are not listed)."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if not match or not path.is_file():
            continue
        taken_at = datetime.strptime(match.group(1), _STAMP)
        counter = int(match.group(2) or 0)
        found.append(
            (
                (taken_at, counter),
                BackupInfo(path, taken_at, match.group(3) or "", path.stat().st_size),
            )
        )
    found.sort(key=lambda pair: pair[0], reverse=True)
    return [info for _key, info in found]


def backups_to_keep(backups: Sequence[BackupInfo]) -> set[Path]:
    """Rotation: the 5 most recent, and the newest of each of the last 7 days, 4 weeks, 6 months."""
    newest_first = sorted(backups, key=lambda b: b.taken_at, reverse=True)
    keep = {b.path for b in newest_first[:KEEP_RECENT]}
    for period, count in (
        (lambda t: t.strftime("%Y-%m-%d"), KEEP_DAILY),
        (lambda t: "{}-W{:02d}".format(*t.isocalendar()[:2]), KEEP_WEEKLY),
        (lambda t: t.strftime("%Y-%m"), KEEP_MONTHLY),
    ):
        seen: list[str] = []
        for backup in newest_first:
            key = period(backup.taken_at)
            if key in seen:
                continue
            if len(seen) == count:
                break
            seen.append(key)
            keep.add(backup.path)
    return keep


def rotate(folder: Path, protect: Iterable[Path] = ()) -> list[Path]:
    """Delete the backups rotation does not keep (and stale ``.partial`` files); return them."""
    backups = list_backups(folder)
    keep = backups_to_keep(backups) | {Path(p) for p in protect}
    removed = [b.path for b in backups if b.path not in keep]
    if folder.is_dir():
        removed += [p for p in folder.iterdir() if p.name.endswith(".partial")]
    for path in removed:
        with contextlib.suppress(OSError):
            path.unlink()
    return removed


def move_aside(database: Path, damaged_folder: Path, now: datetime | None = None) -> list[Path]:
    """Move a damaged database and its -wal/-shm into ``damaged_folder`` with a timestamp.

    Nothing is deleted or overwritten; the moved files keep their bytes. Returns the new paths.
    """
    stamp = (now or datetime.now(UTC)).strftime(_STAMP)
    damaged_folder.mkdir(parents=True, exist_ok=True)
    moved = []
    base = f"{database.stem}-{stamp}"
    counter = 0
    while any(
        (
            damaged_folder / f"{base}{f'-{counter}' if counter else ''}{database.suffix}{extra}"
        ).exists()
        for extra in ("", "-wal", "-shm")
    ):
        counter += 1
    target = f"{base}{f'-{counter}' if counter else ''}{database.suffix}"
    try:
        for extra in ("", "-wal", "-shm"):
            source = database.with_name(database.name + extra)
            if source.exists():
                destination = damaged_folder / (target + extra)
                os.replace(source, destination)
                moved.append(destination)
    except OSError:
        put_back(moved, database)
        raise
    return moved


def put_back(moved: Sequence[Path], database: Path) -> None:
    """Undo move_aside: the files go back where they were (used when a recovery fails)."""
    for path in moved:
        extra = next((e for e in ("-wal", "-shm") if path.name.endswith(e)), "")
        with contextlib.suppress(OSError):
            os.replace(path, database.with_name(database.name + extra))
