"""Consistent SQLite snapshots (online backup API), their rotation, and database file checks."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tracker.clock import utcnow
from tracker.errors import StorageError
from tracker.storage.failures import describe, environment_of
from tracker.storage.files import put_in_place

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
# what an unfinished snapshot leaves: its temporary file and SQLite's files beside it
_LEFTOVER_SUFFIXES = (".partial", ".partial-journal", ".partial-wal", ".partial-shm")


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

    def in_future(self, now: datetime) -> bool:
        """Stamped after ``now``: taken while the clock was set ahead (or the clock is behind)."""
        return self.taken_at > now


class FileProblem(StrEnum):
    """What is wrong with a database file, as far as a check can tell."""

    EMPTY = "empty"
    NOT_A_DATABASE = "not-a-database"
    TRUNCATED = "truncated"
    CORRUPT = "corrupt"
    NOT_A_FILE = "not-a-file"  # a folder, a named pipe, a device: never opened as a database
    MISSING = "missing"  # no file where a learner's data was (backups or damaged files exist)
    ENVIRONMENT = "environment"  # the disk or the system failed; the file may be fine


DAMAGE = frozenset(
    {FileProblem.EMPTY, FileProblem.NOT_A_DATABASE, FileProblem.TRUNCATED, FileProblem.CORRUPT}
)


@dataclass(frozen=True)
class FileHealth:
    """The result of checking one database file; ``problem`` is None when it is usable."""

    path: Path
    problem: FileProblem | None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def damaged(self) -> bool:
        """The file's own bytes are wrong (not the disk, not a wrong kind of file)."""
        return self.problem in DAMAGE


def sqlite_file_of(url: str) -> Path | None:
    """The database file of a SQLite URL, or None for other databases and in-memory ones.

    Parsed the way SQLAlchemy parses it when it opens the engine, so both agree on the file
    (a ``?`` or ``%20`` in a folder name is part of the path only when the URL quotes it).
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return None
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    if not database or database == ":memory:" or parsed.query.get("mode") == "memory":
        return None
    if str(parsed.query.get("uri", "")).lower() == "true" and database.startswith("file:"):
        location = urlsplit(database)
        if not location.path or location.path == ":memory:":
            return None
        return Path(unquote(location.path)).expanduser()
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
    """Check a database file without changing it: kind, header, size and ``PRAGMA quick_check``.

    ``thorough`` runs the full ``integrity_check`` instead (it also compares every index with
    its table; slower: for backups, "Check database" and ``recover``). A named pipe or a
    device is never opened as a database, and a failure of the disk is reported as that
    (``ENVIRONMENT``), never as damage.
    """
    kind = _file_kind(path)
    if kind is not None:
        return kind
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                return _not_a_file(path, os.fstat(descriptor).st_mode)
            header = os.read(descriptor, 100)
            size = os.fstat(descriptor).st_size
        finally:
            os.close(descriptor)
    except OSError as exc:
        return _environment(path, exc)
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
    wal_pending = wal.is_file() and wal.stat().st_size > 0
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
    except sqlite3.Error as exc:
        if environment_of(exc, path.parent) is not None:
            return _environment(path, exc)
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF == 26:  # SQLITE_NOTADB
            return FileHealth(path, FileProblem.NOT_A_DATABASE, f"SQLite reports: {exc}")
        return FileHealth(path, FileProblem.CORRUPT, f"SQLite reports: {exc}")
    if rows != ["ok"]:
        shown = "; ".join(rows[:5]) + (" ..." if len(rows) > 5 else "")
        return FileHealth(path, FileProblem.CORRUPT, f"the integrity check found: {shown}")
    return FileHealth(path, None)


def _file_kind(path: Path) -> FileHealth | None:
    """A problem when the file, or SQLite's -wal/-shm beside it, is not a regular file."""
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            mode = candidate.stat().st_mode
        except FileNotFoundError:
            continue
        except OSError as exc:
            return _environment(path, exc)
        if not stat.S_ISREG(mode):
            return _not_a_file(candidate, mode)
    return None


def _not_a_file(path: Path, mode: int) -> FileHealth:
    kind = (
        "a folder"
        if stat.S_ISDIR(mode)
        else "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    return FileHealth(
        path,
        FileProblem.NOT_A_FILE,
        f"{path} is {kind}, not a database file; it was not opened. Move it away or rename it",
    )


def _environment(path: Path, exc: BaseException) -> FileHealth:
    problem = environment_of(exc, path.parent)
    reason = (
        describe(problem, path.parent) if problem is not None else f"it could not be read ({exc})"
    )
    return FileHealth(path, FileProblem.ENVIRONMENT, reason)


class SourceDamagedError(StorageError):
    """A snapshot failed the full integrity check because the database it copies is damaged."""

    def __init__(self, source: Path, detail: str) -> None:
        self.source = source
        self.detail = detail
        super().__init__(
            f"Your progress file {source.name} is damaged ({detail}), so no backup of it was "
            "kept as good. Nothing was changed; run 'learning-tracker recover' (or restart the "
            "app) to see what can be done."
        )


def snapshot(source: Path, destination: Path) -> None:
    """Copy a (possibly live) database to ``destination`` with SQLite's online backup API.

    The copy is written to a temporary name, switched to a single-file journal, verified with
    the full ``integrity_check`` (index damage included), synced and only then renamed into
    place, so a crash leaves either no backup or a whole one, and a damaged database never
    becomes a "good" backup: SourceDamagedError says so instead.
    """
    partial = destination.with_name(destination.name + ".partial")
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        discard_partial(partial)
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
        health = check_file(partial, thorough=True)
        if not health.ok:
            source_health = check_file(source, thorough=True)
            if source_health.damaged:
                raise SourceDamagedError(source, source_health.detail)
            raise StorageError(f"The backup could not be verified: {health.detail}.")
        put_in_place(partial, destination)
    except StorageError:
        discard_partial(partial)
        raise
    except sqlite3.Error as exc:
        discard_partial(partial)
        raise StorageError(
            f"The backup could not be written: {_plain(exc, destination.parent)}"
        ) from exc
    except OSError as exc:
        discard_partial(partial)
        raise StorageError(
            f"The backup could not be written to {destination.parent}: "
            f"{_plain(exc, destination.parent)}"
        ) from exc


def discard_partial(partial: Path) -> None:
    """Remove a half-written copy and the journal SQLite kept beside it, if there are any."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        leftover = partial.with_name(partial.name + suffix)
        if leftover.exists():
            with contextlib.suppress(OSError):
                leftover.unlink()


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
        raise StorageError(f"The backup could not be restored: {_plain(exc, live.parent)}") from exc


def _plain(exc: BaseException, folder: Path) -> str:
    """What went wrong, by SQLite's result code or the OS's errno, in words."""
    problem = environment_of(exc, folder)
    if problem is not None:
        return describe(problem, folder)
    detail = getattr(exc, "strerror", None) or str(exc)
    return f"{detail}."


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
    """The backups in ``folder``, newest stamp first (unfinished ``.partial`` files are not listed).

    The order is the file names' stamps: a backup taken while the clock was set ahead comes
    first here. Rotation and recovery do not trust that order (see ``backups_to_keep``).
    """
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if not match or not path.is_file():
            continue
        try:
            taken_at = datetime.strptime(match.group(1), _STAMP)
        except ValueError:
            continue  # a name that only looks like a stamp (month 13): not ours to judge
        counter = int(match.group(2) or 0)
        found.append(
            (
                (taken_at, counter),
                BackupInfo(path, taken_at, match.group(3) or "", path.stat().st_size),
            )
        )
    found.sort(key=lambda pair: pair[0], reverse=True)
    return [info for _key, info in found]


def backups_to_keep(backups: Sequence[BackupInfo], now: datetime | None = None) -> set[Path]:
    """Rotation: the 5 most recent, and the newest of each of the last 7 days, 4 weeks, 6 months.

    A backup stamped after ``now`` (UTC; taken while the clock was set ahead) is always kept
    and takes none of these places: a wrong date must not push real backups out.
    """
    now = now or utcnow()
    keep = {b.path for b in backups if b.in_future(now)}
    newest_first = sorted(
        (b for b in backups if not b.in_future(now)), key=lambda b: b.taken_at, reverse=True
    )
    keep |= {b.path for b in newest_first[:KEEP_RECENT]}
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


def rotate(folder: Path, protect: Iterable[Path] = (), now: datetime | None = None) -> list[Path]:
    """Delete the backups rotation does not keep (and leftovers of unfinished copies)."""
    backups = list_backups(folder)
    keep = backups_to_keep(backups, now) | {Path(p) for p in protect}
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        with contextlib.suppress(OSError):
            path.unlink()
    return removed + remove_leftovers(folder)


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove what a killed snapshot left in ``folder``: ``*.partial`` and its journal files."""
    if not folder.is_dir():
        return []
    removed = []
    for path in folder.iterdir():
        if path.name.endswith(_LEFTOVER_SUFFIXES) and path.is_file():
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed
