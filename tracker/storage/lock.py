"""One writer per data folder: an exclusive OS lock on a file that the kernel releases on exit."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType

from tracker.errors import StorageError

LOCK_FILE = "tracker.lock"


class DataFolderLockedError(StorageError):
    """Another instance of the app is using the same data folder."""


class DataFolderLock:
    """An exclusive lock on ``<data folder>/tracker.lock``, held while the app uses the folder.

    It is an advisory OS lock (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows), so the
    operating system releases it when the process ends, even by a crash or SIGKILL: there is no
    stale lock to detect or break. The file also records the holder's process id for the message.
    """

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_FILE
        self._descriptor: int | None = None

    @property
    def held(self) -> bool:
        return self._descriptor is not None

    def acquire(self) -> None:
        """Take the lock or raise DataFolderLockedError naming the other process."""
        if self._descriptor is not None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StorageError(
                f"The data folder {self.path.parent} could not be used ({exc.strerror}). "
                "Check that it exists and is writable."
            ) from exc
        if not _try_lock(descriptor):
            holder = _read_holder(descriptor)
            os.close(descriptor)
            raise DataFolderLockedError(
                "Learning Path Tracker is already open on this data folder"
                f"{f' (process {holder})' if holder else ''}: {self.path.parent}. "
                "Close the other window first; two programs writing the same progress could "
                "lose changes."
            )
        try:
            os.ftruncate(descriptor, 0)
            os.write(descriptor, str(os.getpid()).encode())
        except OSError:
            pass  # the lock is what matters; the pid is only for the message
        self._descriptor = descriptor

    def release(self) -> None:
        if self._descriptor is None:
            return
        _unlock(self._descriptor)
        os.close(self._descriptor)
        self._descriptor = None

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
