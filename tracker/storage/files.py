"""Whole files written durably: a temporary file beside the target, synced, renamed into place.

Every file the app writes whole (exports, the recovery journal, backups) ends here, so after a
crash or a power cut the target holds the old content or the new, never a part of either.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(file: Path, data: bytes) -> None:
    """Write ``data`` as ``file``: temporary file in the same folder, write, flush, fsync,
    rename over ``file``, fsync the folder. On failure the temporary file is removed and the
    OSError raised; ``file`` is as it was."""
    handle, temporary = tempfile.mkstemp(
        prefix=f".{file.name}.", suffix=".partial", dir=file.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, file)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    fsync_folder(file.parent)


def put_in_place(partial: Path, destination: Path) -> None:
    """Rename a finished ``partial`` file over ``destination``, durably (file, then folder)."""
    fsync_path(partial)
    os.replace(partial, destination)
    fsync_folder(destination.parent)


def fsync_path(path: Path) -> None:
    """Flush a file's content to the disk."""
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename, a new or removed name) to the disk, where possible."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
