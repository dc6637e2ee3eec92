"""The check at start, what it tells the learner, and recovery: chosen by content, atomic.

The check is cheap (file kind, header, ``quick_check``); it never calls a failure of the disk
damage. Recovery shows every good backup with what it holds and picks the one whose content
is newest (not the newest file name: a clock set ahead once stamps names in the future). The
replacement is built beside the live file and renamed over it only when whole (storage.replace).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from tracker import __version__, formatting
from tracker.clock import utcnow
from tracker.errors import StorageError, TrackerError
from tracker.services import recovery_words as words
from tracker.storage import backups as files
from tracker.storage import replace as swap
from tracker.storage.backups import BackupInfo, FileHealth, FileProblem
from tracker.storage.database import create_empty_database, known_revisions
from tracker.storage.files import fsync_path
from tracker.storage.inspection import (
    Contents,
    last_learner_change,
    read_contents,
    record_recovery,
    recovered_from,
    revision_of,
    written_by,
)
from tracker.wording import say

# the full integrity_check of 8 MiB takes ~30 ms, ~15 ms more than the quick check
THOROUGH_AT_START_BYTES = 8 * 1024 * 1024


class RecoveryChoice(StrEnum):
    USE_BACKUP = "use-backup"
    FRESH = "fresh"


@dataclass(frozen=True)
class BackupCandidate:
    """A good backup the learner could go back to, and what it holds."""

    backup: BackupInfo
    contents: Contents
    stamped_in_future: bool

    @property
    def name(self) -> str:
        return self.backup.name

    def describe(self) -> str:
        when = f"{self.backup.taken_at:%Y-%m-%d %H:%M} UTC"
        if self.stamped_in_future:
            when += " (a date after now: the clock was set ahead when it was taken)"
        return f"{self.name}, taken {when}: {self.contents.summary()}"


@dataclass(frozen=True)
class RecoveryPlan:
    """What the check at start found, in plain words, and what the learner can do.

    ``candidates`` are the good backups, newest content first. ``choices`` is empty when the
    app must not touch the file (a newer version's file, a disk problem, not a file at all).
    ``can_open`` marks a notice: show it, then open the data as usual.
    """

    database: Path
    problem: FileProblem | None
    title: str
    explanation: str
    candidates: tuple[BackupCandidate, ...] = ()
    choices: tuple[RecoveryChoice, ...] = ()
    can_open: bool = False

    @property
    def newest(self) -> BackupCandidate | None:
        """The candidate with the newest content (not the newest file name)."""
        return self.candidates[0] if self.candidates else None

    @property
    def newest_backup(self) -> BackupInfo | None:
        return self.newest.backup if self.newest else None

    def candidate(self, name: str) -> BackupCandidate | None:
        wanted = Path(name).name
        return next((c for c in self.candidates if c.name == wanted), None)

    def lines(self) -> list[str]:
        out = [self.title, "", self.explanation]
        if RecoveryChoice.USE_BACKUP in self.choices and self.candidates:
            out += ["", say(words.GOOD_BACKUPS)]
            out += [f"  {number}. {c.describe()}" for number, c in enumerate(self.candidates, 1)]
            newest = self.candidates[0]
            if newest.stamped_in_future or newest.contents.changes_after_now:
                out += ["", say(words.DATES_AFTER_NOW, name=newest.name)]
        if self.choices:
            out += ["", say(words.DAMAGED_WILL_BE_KEPT)]
        return out


@dataclass(frozen=True)
class RecoveryResult:
    """What a recovery did: where the damaged files are kept and what the database is now."""

    kept_aside: tuple[Path, ...]
    restored_from: BackupCandidate | None
    message: str


def good_backups(data_dir: Path, now: datetime) -> tuple[BackupCandidate, ...]:
    """Every backup that passes the quick check and this version can open, newest content first.

    Ordered by what is inside (the latest change not dated after ``now``, then the number of
    changes), never by the file's name alone.
    """
    known = known_revisions()
    found = []
    for backup in files.list_backups(data_dir / files.BACKUP_FOLDER):
        if not files.check_file(backup.path).ok or revision_of(backup.path) not in known:
            continue
        try:
            contents = read_contents(backup.path, now)
        except sqlite3.Error:
            continue
        found.append(BackupCandidate(backup, contents, backup.in_future(now)))
    found.sort(key=lambda c: (c.contents.sort_key(), not c.stamped_in_future), reverse=True)
    return tuple(found)


def inspect_database(
    database: Path, data_dir: Path, clock: Callable[[], datetime] = utcnow
) -> RecoveryPlan | None:
    """The check at start: None if the database is fine (or new), else what to tell the learner.

    A recovery a kill left unfinished is finished here (or, if it had replaced nothing yet,
    mentioned). Otherwise nothing is changed: a damaged file stays until the learner chooses.
    """
    now = clock()
    note = _resume(database, data_dir, now)
    plan = _inspect(database, data_dir, now)
    if note is None:
        return plan
    if plan is None:
        return RecoveryPlan(
            database, None, say(words.INTERRUPTED_RECOVERY_FINISHED), note, can_open=True
        )
    return replace(plan, explanation=f"{note}\n\n{plan.explanation}")


def _inspect(database: Path, data_dir: Path, now: datetime) -> RecoveryPlan | None:
    if not database.exists() and not database.is_symlink():
        return _missing_plan(database, data_dir, now)
    health = files.check_file(database, thorough=_small(database))
    if health.ok:
        return _newer_version_plan(database) or _damaged_newer_plan(database, data_dir)
    return plan_for(health, data_dir, now)


def _small(database: Path) -> bool:
    """Small enough for the full integrity check at every start (a few milliseconds more).

    A bigger file gets the quick check at start, and the full check once a day on the copy
    the daily backup makes before the app writes anything (see wiring.check_at_start).
    """
    try:
        return database.stat().st_size <= THOROUGH_AT_START_BYTES
    except OSError:
        return False


def plan_for(health: FileHealth, data_dir: Path, now: datetime) -> RecoveryPlan:
    """The plan for a file that failed a check (quick, or the full one of a backup)."""
    database = health.path
    if health.problem is FileProblem.ENVIRONMENT:
        return RecoveryPlan(
            database,
            health.problem,
            say(words.COULD_NOT_OPEN),
            f"{health.detail} {say(words.NOT_CHANGED_NOT_DAMAGED, database=database)}",
        )
    if health.problem is FileProblem.NOT_A_FILE:
        return RecoveryPlan(
            database,
            health.problem,
            say(words.NOT_A_FILE),
            say(words.NOT_A_FILE_FIX, detail=health.detail),
        )
    candidates = good_backups(data_dir, now)
    choices = (
        (RecoveryChoice.USE_BACKUP, RecoveryChoice.FRESH) if candidates else (RecoveryChoice.FRESH,)
    )
    offer = say(words.OFFER_BACKUP_OR_FRESH if candidates else words.OFFER_FRESH)
    damage = words.FILE_IS_DAMAGED.get(health.problem or FileProblem.CORRUPT)
    problem = say(
        damage or words.FILE_IS_DAMAGED[FileProblem.CORRUPT],
        name=database.name,
        detail=health.detail,
    )
    return RecoveryPlan(
        database,
        health.problem,
        say(words.DAMAGED),
        f"{problem} {offer}",
        candidates,
        choices,
    )


def _missing_plan(database: Path, data_dir: Path, now: datetime) -> RecoveryPlan | None:
    """A missing file where there was data (backups or damaged files exist) is not a new start."""
    damaged = data_dir / files.DAMAGED_FOLDER
    kept = sorted(damaged.iterdir()) if damaged.is_dir() else []
    backups = files.list_backups(data_dir / files.BACKUP_FOLDER)
    if not kept and not backups:
        return None
    candidates = good_backups(data_dir, now)
    sentence = (
        words.MISSING_WITH_BOTH
        if backups and kept
        else (words.MISSING_WITH_BACKUPS if backups else words.MISSING_WITH_DAMAGED)
    )
    explanation = say(
        sentence,
        database=database,
        backups=formatting.counted(len(backups), "backup"),
        backup_folder=data_dir / files.BACKUP_FOLDER,
        files=formatting.counted(len(kept), "file"),
        damaged_folder=damaged,
    )
    return RecoveryPlan(
        database,
        FileProblem.MISSING,
        say(words.MISSING),
        explanation,
        candidates,
        (RecoveryChoice.USE_BACKUP, RecoveryChoice.FRESH)
        if candidates
        else (RecoveryChoice.FRESH,),
    )


def _newer_version_plan(database: Path) -> RecoveryPlan | None:
    """A refusal when the database was written by a newer version of the app (else None)."""
    revision = revision_of(database)
    known = known_revisions()
    if revision is not None and revision not in known:
        return RecoveryPlan(
            database,
            None,
            say(words.FROM_NEWER_VERSION),
            say(
                words.WRITTEN_BY_NEWER_VERSION,
                written_by=written_by(database),
                revision=revision,
                version=__version__,
                schema=known[-1],
            ),
        )
    return None


def _damaged_newer_plan(database: Path, data_dir: Path) -> RecoveryPlan | None:
    """A notice when a file in damaged/ was written after the last change in the live file.

    (The damaged file may hold progress the live one lacks: a recovery that did not finish,
    or files moved by hand.) Costs nothing when the damaged folder is empty or absent.
    """
    folder = data_dir / files.DAMAGED_FOLDER
    if not folder.is_dir():
        return None
    kept = [p for p in folder.iterdir() if p.suffix == database.suffix and p.is_file()]
    if not kept:
        return None
    newest = max(kept, key=lambda p: p.stat().st_mtime)
    try:
        if recovered_from(database) == newest.name:
            return None
        last = last_learner_change(database)
    except sqlite3.Error:
        return None
    written = datetime.fromtimestamp(newest.stat().st_mtime, UTC).replace(tzinfo=None)
    if last is not None and last >= written:
        return None
    when = {"file": newest, "written": f"{written:%Y-%m-%d %H:%M}"}
    explanation = (
        say(words.DAMAGED_WRITTEN_AFTER_CHANGE, last=f"{last:%Y-%m-%d %H:%M}", **when)
        if last
        else say(words.DAMAGED_WRITTEN_NO_CHANGES, **when)
    )
    return RecoveryPlan(
        database,
        None,
        say(words.DAMAGED_IS_NEWER),
        explanation,
        can_open=True,
    )


def _resume(database: Path, data_dir: Path, now: datetime) -> str | None:
    """Finish a recovery a kill interrupted; say what happened (None: there was none)."""
    journal = swap.read_journal(data_dir)
    if journal is None or Path(journal.database) != database:
        if swap.replacement_for(database).exists():
            # killed before the journal was written: nothing was replaced, and the copy of a
            # backup (or the empty database) it left is nobody's only copy
            swap.discard_replacement(database)
        return None
    damaged = data_dir / files.DAMAGED_FOLDER
    replacement = journal.replacement_path
    try:
        if replacement.is_file() and files.check_file(replacement).ok:
            kept = swap.keep_aside(database, damaged, now) if database.exists() else []
            if kept:
                record_recovery(replacement, kept[0].name)
            swap.swap_in(replacement, database)
            swap.clear_journal(data_dir)
            return say(words.RESUMED_AND_FINISHED, source=journal.source, damaged=damaged)
        swap.discard_replacement(database)
        swap.clear_journal(data_dir)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(say(words.COULD_NOT_RESUME, problem=exc)) from exc
    if database.exists() and files.check_file(database).ok:
        return say(words.RESUMED_COMPLETE, source=journal.source)
    return say(words.NOTHING_LOST)


def recover(
    plan: RecoveryPlan,
    choice: RecoveryChoice,
    data_dir: Path,
    backup: str | Path | None = None,
    clock: Callable[[], datetime] = utcnow,
) -> RecoveryResult:
    """Carry out the learner's choice, atomically: the live name never points at nothing.

    ``backup`` names the backup to go back to (default: the one with the newest content).
    """
    if choice not in plan.choices:
        raise TrackerError(say(words.NOT_POSSIBLE, explanation=plan.explanation))
    candidate = None
    if choice is RecoveryChoice.USE_BACKUP:
        candidate = plan.candidate(str(backup)) if backup is not None else plan.newest
        if candidate is None:
            names = ", ".join(c.name for c in plan.candidates)
            if backup is None:
                raise TrackerError(say(words.NO_GOOD_BACKUP))
            called = words.NO_BACKUP_CALLED if names else words.NO_BACKUP_CALLED_AND_NONE
            raise TrackerError(say(called, name=Path(str(backup)).name, names=names))
    database = plan.database
    replacement = swap.replacement_for(database)
    damaged = data_dir / files.DAMAGED_FOLDER
    swap.discard_replacement(database)
    try:
        if candidate is not None:
            files.snapshot(candidate.backup.path, replacement)
        else:
            create_empty_database(replacement)
        fsync_path(replacement)
        swap.write_journal(
            data_dir,
            swap.Journal(str(database), str(replacement), candidate.name if candidate else "fresh"),
        )
        kept = swap.keep_aside(database, damaged, clock()) if database.exists() else []
        if kept:
            record_recovery(replacement, kept[0].name)
            fsync_path(replacement)
        swap.swap_in(replacement, database)
        swap.clear_journal(data_dir)
    except (StorageError, OSError, sqlite3.Error) as exc:
        swap.discard_replacement(database)
        swap.clear_journal(data_dir)
        detail = str(exc) if isinstance(exc, StorageError) else f"{exc}"
        raise StorageError(f"{detail} {say(words.NOTHING_WAS_CHANGED)}") from exc
    if candidate is not None:
        message = say(
            words.RESTORED,
            name=candidate.name,
            taken=f"{candidate.backup.taken_at:%Y-%m-%d %H:%M}",
            contents=candidate.contents.summary(),
        )
    else:
        message = say(words.STARTED_FRESH)
    if kept:
        message = f"{message} {say(words.DAMAGED_KEPT_IN, damaged=damaged)}"
    return RecoveryResult(tuple(kept), candidate, message)
