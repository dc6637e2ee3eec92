"""The one atomic file writer: the target holds the old content or the new, never a part."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tracker.storage.files import write_atomically


def test_a_file_is_written_whole_and_synced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def counting_fsync(descriptor: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{descriptor}"))
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", counting_fsync)
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    write_atomically(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left
    # the data was synced under its temporary name in the same folder, then the folder
    assert synced[0].startswith(str(tmp_path / ".out.txt.")) and synced[-1] == str(tmp_path)


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")

    def disk_full(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, b"new content")
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]


def test_a_missing_folder_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomically(tmp_path / "missing" / "out.txt", b"data")
    assert list(tmp_path.iterdir()) == []
