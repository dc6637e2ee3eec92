"""One writer per data folder and per database file: exclusive OS locks the kernel frees on exit."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from types import TracebackType

from tracker.errors import StorageError

LOCK_FILE = "tracker.lock"
LOCK_SUFFIX = ".writer-lock"


class DataFolderLockedError(StorageError):
    """Another instance of the app is using the same data folder."""


class DataFolderLock:
    """Exclusive locks on ``<data folder>/tracker.lock`` and beside the database file itself.

    The second lock file is named after the database's real path (links resolved), so a
    second process that reaches the same database through another data folder or another
    route (``--db-url``, a symbolic link) is refused as well. They are advisory OS locks
    (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows) that the operating system
    releases when the process ends, even by SIGKILL: no stale lock to detect or break. Each
    file records the holder's process id for the message. SQLite's own locks on the database
    are not touched: the lock is a separate file.
    """

    def __init__(self, data_dir: Path, database: Path | None = None) -> None:
        self.path = data_dir / LOCK_FILE
        self.database_lock = database_lock_path(database) if database is not None else None
        self._descriptors: list[int] = []

    @property
    def held(self) -> bool:
        return bool(self._descriptors)

    def acquire(self) -> None:
        """Take both locks or raise DataFolderLockedError naming the other process."""
        if self._descriptors:
            return
        descriptor = _open(self.path, required=True)
        assert descriptor is not None
        if not _try_lock(descriptor):
            holder = _read_holder(descriptor)
            os.close(descriptor)
            raise DataFolderLockedError(
                "Learning Path Tracker is already open on this data folder"
                f"{f' (process {holder})' if holder else ''}: {self.path.parent}. "
                "Close the other window first; two programs writing the same progress could "
                "lose changes."
            )
        _write_holder(descriptor)
        self._descriptors.append(descriptor)
        if self.database_lock is None:
            return
        second = _open(self.database_lock, required=False)
        if second is None:
            return  # a read-only folder: nothing can write the database there anyway
        if not _try_lock(second):
            holder = _read_holder(second)
            os.close(second)
            self.release()
            raise DataFolderLockedError(
                "Learning Path Tracker is already open on this database"
                f"{f' (process {holder})' if holder else ''}: "
                f"{self.database_lock.with_name(self.database_lock.name.removesuffix(LOCK_SUFFIX))}"
                ", reached through another data folder or path. Close the other window first; "
                "two programs writing the same progress could lose changes."
            )
        _write_holder(second)
        self._descriptors.append(second)

    def release(self) -> None:
        while self._descriptors:
            descriptor = self._descriptors.pop()
            _unlock(descriptor)
            os.close(descriptor)

    def __enter__(self) -> DataFolderLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def database_lock_path(database: Path) -> Path:
    """The lock file of a database: beside its real path (symbolic links resolved)."""
    real = Path(os.path.realpath(database))
    return real.with_name(real.name + LOCK_SUFFIX)


def _open(path: Path, *, required: bool) -> int | None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        if not required:
            with contextlib.suppress(OSError):
                return os.open(path, os.O_RDONLY)
            return None
        raise StorageError(
            f"The data folder {path.parent} could not be used ({exc.strerror}). "
            "Check that it exists and is writable."
        ) from exc


def _write_holder(descriptor: int) -> None:
    try:
        os.ftruncate(descriptor, 0)
        os.write(descriptor, str(os.getpid()).encode())
    except OSError:
        pass  # the lock is what matters; the pid is only for the message


def _read_holder(descriptor: int) -> str:
    try:
        os.lseek(descriptor, 0, os.SEEK_SET)
        text = os.read(descriptor, 32).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return text if text.isdigit() else ""


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        try:
            os.lseek(descriptor, 0, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
