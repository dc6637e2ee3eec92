"""Putting a replacement database in place of a damaged or missing one, atomically.

The replacement is built, checked and synced beside the live file first. Then the damaged
file (with its -wal and -shm) gets a second name in the damaged folder (a hard link, or a
synced copy where the file system has no links), and only then is the replacement renamed
over the live name. So at every moment the live name holds the old file or the whole new one,
and the damaged bytes are never without a name. A small journal names the recovery under way:
a start after a kill finishes it (``resume``) or, when nothing was replaced yet, says so.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from tracker.storage.backups import discard_partial
from tracker.storage.files import fsync_folder, put_in_place, write_atomically

JOURNAL_FILE = "recovery-journal.json"
REPLACEMENT_SUFFIX = ".recovering"
_SIDE_FILES = ("", "-wal", "-shm")
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class Journal:
    """A recovery under way: the live file, its replacement, and what replaces it."""

    database: str
    replacement: str
    source: str  # a backup's name, or "fresh"

    @property
    def replacement_path(self) -> Path:
        return Path(self.replacement)


def replacement_for(database: Path) -> Path:
    return database.with_name(database.name + REPLACEMENT_SUFFIX)


def discard_replacement(database: Path) -> None:
    """Remove an unfinished or unused replacement (a copy of a backup, or an empty database)."""
    replacement = replacement_for(database)
    discard_partial(replacement.with_name(replacement.name + ".partial"))
    for extra in _SIDE_FILES:
        leftover = replacement.with_name(replacement.name + extra)
        if leftover.exists():
            with contextlib.suppress(OSError):
                leftover.unlink()


def write_journal(data_dir: Path, journal: Journal) -> None:
    """Record, durably, that a recovery is under way (written whole or not at all)."""
    write_atomically(data_dir / JOURNAL_FILE, json.dumps(asdict(journal)).encode("utf-8"))


def read_journal(data_dir: Path) -> Journal | None:
    """The recovery a killed process left unfinished, if any (an unreadable journal: None)."""
    path = data_dir / JOURNAL_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Journal(str(data["database"]), str(data["replacement"]), str(data["source"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def clear_journal(data_dir: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (data_dir / JOURNAL_FILE).unlink()
    fsync_folder(data_dir)


def keep_aside(database: Path, damaged_folder: Path, now: datetime) -> list[Path]:
    """Give the live file (and its -wal/-shm) a second name in ``damaged_folder``.

    Nothing is moved or changed: the damaged bytes now have two names. A file already kept
    there (a recovery resumed after a kill) is not kept twice. Returns the kept paths.
    """
    damaged_folder.mkdir(parents=True, exist_ok=True)
    present = [e for e in _SIDE_FILES if database.with_name(database.name + e).exists()]
    kept: list[Path] = []
    for extra in present:
        source = database.with_name(database.name + extra)
        twin = _twin(source, damaged_folder)
        if twin is not None:
            kept.append(twin)
    if len(kept) == len(present):
        return kept
    kept = []
    base = f"{database.stem}-{now.strftime(_STAMP)}"
    counter = 0
    while any(
        (damaged_folder / f"{base}{f'-{counter}' if counter else ''}{database.suffix}{e}").exists()
        for e in _SIDE_FILES
    ):
        counter += 1
    target = f"{base}{f'-{counter}' if counter else ''}{database.suffix}"
    for extra in present:
        destination = damaged_folder / (target + extra)
        _second_name(database.with_name(database.name + extra), destination)
        kept.append(destination)
    fsync_folder(damaged_folder)
    return kept


def _twin(source: Path, folder: Path) -> Path | None:
    """A file in ``folder`` that is ``source`` itself (a hard link made by an earlier try)."""
    if not folder.is_dir():
        return None
    for candidate in folder.iterdir():
        with contextlib.suppress(OSError):
            if os.path.samefile(candidate, source):
                return candidate
    return None


def _second_name(source: Path, destination: Path) -> None:
    try:
        os.link(source, destination)
    except OSError as exc:
        if exc.errno not in (
            errno.EXDEV,
            errno.EPERM,
            errno.ENOTSUP,
            errno.EMLINK,
            errno.EOPNOTSUPP,
        ):
            raise
        partial = destination.with_name(destination.name + ".partial")
        shutil.copyfile(source, partial)
        put_in_place(partial, destination)


def swap_in(replacement: Path, database: Path) -> None:
    """Rename the replacement over the live file; the damaged -wal/-shm go first.

    Call after ``keep_aside``: the -wal and -shm removed here have a name in the damaged
    folder. A damaged -wal left beside the replacement would be replayed into it.
    """
    for extra in ("-wal", "-shm"):
        side = database.with_name(database.name + extra)
        if side.exists():
            side.unlink()
    put_in_place(replacement, database)
