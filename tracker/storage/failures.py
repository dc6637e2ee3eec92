"""Telling what the machine did wrong (disk full, read-only, no permission, busy, I/O) from damage.

The decision is made on SQLite's result codes and the operating system's errno, never on the
wording of a message: a full disk reported as "disk I/O error" is still a full disk.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from enum import StrEnum
from pathlib import Path

# SQLite's primary result codes (the low byte of an extended code)
SQLITE_ERROR = 1
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_NOMEM = 7
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_PROTOCOL = 15
SQLITE_AUTH = 23
SQLITE_FORMAT = 24
SQLITE_NOTADB = 26

DAMAGE_CODES = frozenset({SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_FORMAT})
# under this much free space a write that fails is taken for a full disk
NEARLY_FULL_BYTES = 1024 * 1024


class Environment(StrEnum):
    """Something wrong with the machine, not with the learner's data."""

    DISK_FULL = "disk-full"
    READ_ONLY = "read-only"
    NO_PERMISSION = "no-permission"
    BUSY = "busy"
    IO_ERROR = "io-error"
    CANNOT_OPEN = "cannot-open"
    OUT_OF_MEMORY = "out-of-memory"


_BY_SQLITE_CODE = {
    SQLITE_PERM: Environment.NO_PERMISSION,
    SQLITE_AUTH: Environment.NO_PERMISSION,
    SQLITE_BUSY: Environment.BUSY,
    SQLITE_LOCKED: Environment.BUSY,
    SQLITE_PROTOCOL: Environment.BUSY,
    SQLITE_NOMEM: Environment.OUT_OF_MEMORY,
    SQLITE_READONLY: Environment.READ_ONLY,
    SQLITE_IOERR: Environment.IO_ERROR,
    SQLITE_FULL: Environment.DISK_FULL,
    SQLITE_CANTOPEN: Environment.CANNOT_OPEN,
}

_BY_ERRNO = {
    errno.ENOSPC: Environment.DISK_FULL,
    errno.EFBIG: Environment.DISK_FULL,
    errno.EDQUOT: Environment.DISK_FULL,
    errno.EROFS: Environment.READ_ONLY,
    errno.EACCES: Environment.NO_PERMISSION,
    errno.EPERM: Environment.NO_PERMISSION,
    errno.EAGAIN: Environment.BUSY,
    errno.EBUSY: Environment.BUSY,
    errno.ETXTBSY: Environment.BUSY,
    errno.EIO: Environment.IO_ERROR,
    errno.ENOMEM: Environment.OUT_OF_MEMORY,
    errno.ENOENT: Environment.CANNOT_OPEN,
    errno.ENOTDIR: Environment.CANNOT_OPEN,
    errno.ENAMETOOLONG: Environment.CANNOT_OPEN,
    errno.ELOOP: Environment.CANNOT_OPEN,
}


def sqlite_code(exc: BaseException) -> int | None:
    """The primary SQLite result code behind ``exc`` (a SQLAlchemy error is unwrapped)."""
    for candidate in _chain(exc):
        code = getattr(candidate, "sqlite_errorcode", None)
        if isinstance(code, int):
            return code & 0xFF
    return None


def is_damage(exc: BaseException) -> bool:
    """True when SQLite itself says the file is damaged or is not a database."""
    return sqlite_code(exc) in DAMAGE_CODES


def environment_of(exc: BaseException, folder: Path | None = None) -> Environment | None:
    """The environment problem behind ``exc``, or None when it is not one (damage or a bug).

    SQLite reports a write that failed for want of space as a plain I/O error when the OS
    said EFBIG or when it grew the shared-memory file; ``folder`` (where the data lives) lets
    such an I/O error be named for what it is when that disk is (nearly) full.
    """
    found: Environment | None = None
    for candidate in _chain(exc):
        if isinstance(candidate, sqlite3.Error):
            code = getattr(candidate, "sqlite_errorcode", None)
            if isinstance(code, int):
                found = _BY_SQLITE_CODE.get(code & 0xFF)
                break
        elif isinstance(candidate, OSError) and candidate.errno is not None:
            found = _BY_ERRNO.get(candidate.errno)
            break
    if found in (Environment.IO_ERROR, Environment.CANNOT_OPEN) and folder is not None:
        found = _refined(found, folder)
    return found


def _refined(found: Environment, folder: Path) -> Environment:
    """An I/O or open failure on a disk that is full or mounted read-only is that."""
    free = free_bytes(folder)
    if free is not None and free < NEARLY_FULL_BYTES:
        return Environment.DISK_FULL
    if mounted_read_only(folder):
        return Environment.READ_ONLY
    return found


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc``, the DB-API error a SQLAlchemy error wraps, and the causes behind them."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        original = getattr(current, "orig", None)
        if isinstance(original, BaseException) and original not in seen:
            seen.append(original)
        current = current.__cause__
    return seen


def _existing(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return candidate
    return None


def free_bytes(folder: Path) -> int | None:
    """Bytes this user may still write on the disk that holds ``folder`` (None if unknown)."""
    where = _existing(folder)
    if where is None or not hasattr(os, "statvfs"):
        return None
    try:
        stats = os.statvfs(where)
    except OSError:
        return None
    return stats.f_bavail * stats.f_frsize


def mounted_read_only(folder: Path) -> bool:
    where = _existing(folder)
    if where is None or not hasattr(os, "statvfs"):
        return False
    try:
        return bool(os.statvfs(where).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def describe(problem: Environment, where: Path | None = None) -> str:
    """One sentence a learner can act on; nothing was saved or changed by the failed step."""
    place = f" ({where})" if where is not None else ""
    if problem is Environment.DISK_FULL:
        free = free_bytes(where) if where is not None else None
        left = f"{where}: {free:,} bytes free" if where is not None and free is not None else ""
        return f"The disk is full{f' ({left})' if left else place}. Free some space and try again."
    if problem is Environment.READ_ONLY:
        return (
            f"The data folder or the progress file{place} is read-only, so nothing could be "
            "saved. Check that the disk is not mounted read-only and that you may write there."
        )
    if problem is Environment.NO_PERMISSION:
        return (
            f"You are not allowed to read or write your data{place}. Check the permissions of "
            "the data folder and of its files."
        )
    if problem is Environment.BUSY:
        return (
            "The database is busy: another program is using it. Close the other program (or "
            "wait a moment) and try again."
        )
    if problem is Environment.OUT_OF_MEMORY:
        return "The computer ran out of memory. Close other programs and try again."
    if problem is Environment.CANNOT_OPEN:
        return (
            f"Your data{place} could not be opened. Check that the folder exists, that the disk "
            "is connected, and that you may write there."
        )
    return (
        f"The disk reported an input/output error{place}. Check that the disk is connected and "
        "healthy (and not full), then try again."
    )
