"""Backups and restoring one, and "Check database"; the check at start is in ``recovery``."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from tracker import __version__
from tracker.clock import utcnow
from tracker.errors import NewerDatabaseError, StorageError
from tracker.services.recovery import RecoveryChoice, RecoveryPlan
from tracker.storage import backups as files
from tracker.storage import check
from tracker.storage.backups import (
    KEEP_DAILY,
    KEEP_MONTHLY,
    KEEP_WEEKLY,
    BackupInfo,
    FileHealth,
)
from tracker.storage.database import known_revisions
from tracker.storage.inspection import revision_of, unreadable_rows
from tracker.storage.store import Store

__all__ = [  # what the GUI needs of backups and recovery, without importing storage
    "KEEP_DAILY",
    "KEEP_MONTHLY",
    "KEEP_WEEKLY",
    "BackupInfo",
    "BackupService",
    "DatabaseCheckService",
    "DatabaseReport",
    "RecoveryChoice",
    "RecoveryPlan",
]

NOT_SQLITE = (
    "Backups are made only for a SQLite database file; this database is {url}. "
    "For a database server, use its own backup tools."
)


class BackupService:
    """Automatic and manual backups of one SQLite database, and restoring one of them."""

    def __init__(
        self,
        store: Store | None,
        database: Path | None,
        data_dir: Path,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._store = store
        self._database = database
        self._clock = clock  # naive UTC; backup names, "due" and rotation follow it
        self.folder = data_dir / files.BACKUP_FOLDER

    @property
    def available(self) -> bool:
        return self._database is not None

    def unavailable_reason(self) -> str:
        url = self._store.engine.url.render_as_string() if self._store else "not SQLite"
        return NOT_SQLITE.format(url=url)

    def _require_sqlite(self) -> Path:
        if self._database is None:
            raise StorageError(self.unavailable_reason())
        return self._database

    def back_up_now(self, reason: str = "manual", *, rotate: bool = True) -> BackupInfo:
        """Take a consistent snapshot now; keep the rotation; return the new backup."""
        database = self._require_sqlite()
        if not database.exists():
            raise StorageError("There is no database to back up yet.")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"The backup folder {self.folder} could not be made "
                f"({exc.strerror or exc}); nothing was backed up."
            ) from exc
        target = files.backup_name(self._clock(), reason, self.folder)
        files.snapshot(database, target)
        if rotate:
            files.rotate(self.folder, protect=[target], now=self._clock())
        return next(b for b in self.backups() if b.path == target)

    def backups(self) -> list[BackupInfo]:
        """Every backup, newest first, with its date and size."""
        if self._database is None:
            return []
        return files.list_backups(self.folder)

    def back_up_if_due(self, today: datetime | None = None) -> BackupInfo | None:
        """The once-a-day backup at start: taken if no backup exists from today (UTC).

        Leftovers of a snapshot a kill interrupted are removed first.
        """
        if self._database is None or not self._database.exists():
            return None
        files.remove_leftovers(self.folder)
        day = (today or self._clock()).date()
        if any(b.taken_at.date() == day for b in self.backups()):
            return None
        return self.back_up_now("daily")

    def before_risky_change(self, reason: str) -> None:
        """A backup before a migration or a pack re-import (a no-op for other databases)."""
        if self._database is not None and self._database.exists():
            self.back_up_now(reason)

    def restore(self, backup: Path) -> BackupInfo:
        """Replace the database with ``backup``, after backing up the current state.

        The backup is checked first (readable, a tracker database, not from a newer version); a
        bad one changes nothing. Returns the safety backup of the state before the restore.
        """
        database = self._require_sqlite()
        backup = Path(backup)
        if not backup.is_file():
            raise StorageError(f"There is no backup file {backup}.")
        health = files.check_file(backup)
        if not health.ok:
            raise StorageError(f"{backup.name} cannot be restored: {health.detail}.")
        revision = revision_of(backup)
        known = known_revisions()
        if revision is None:
            raise StorageError(f"{backup.name} is not a Learning Path Tracker database.")
        if revision not in known:
            raise NewerDatabaseError(
                f"{backup.name} was written by a newer Learning Path Tracker (schema {revision}); "
                f"this is version {__version__} (schema {known[-1]}). Nothing was changed."
            )
        safety = self.back_up_now("before-restore", rotate=False)
        if self._store is not None:
            self._store.dispose()
        files.copy_into(backup, database)
        if self._store is not None:
            from tracker.storage.database import migrate

            migrate(self._store.engine)
            self._store.dispose()
        files.rotate(self.folder, protect=[safety.path, backup], now=self._clock())
        return safety


# --- "Check database" on demand -----------------------------------------------------------------


@dataclass(frozen=True)
class OrphanedRow:
    """A learner row that points at content no installed pack has (kept, only reported)."""

    table: str
    path_slug: str
    item_slug: str


@dataclass(frozen=True)
class DatabaseReport:
    """The result of "Check database": integrity, schema, row counts, orphaned learner rows."""

    integrity_ok: bool
    integrity_detail: str
    schema_revision: str | None
    app_version: str
    counts: dict[str, int]
    orphans: tuple[OrphanedRow, ...]
    backups: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)
    unreadable: tuple[str, ...] = ()  # the first rows whose text or JSON cannot be read
    unreadable_total: int = 0

    @property
    def ok(self) -> bool:
        return self.integrity_ok and self.unreadable_total == 0

    def lines(self) -> list[str]:
        out = [
            "Integrity: " + ("ok" if self.integrity_ok else f"PROBLEM: {self.integrity_detail}"),
        ]
        if self.unreadable_total:
            shown = len(self.unreadable)
            out.append(
                f"Rows that cannot be read: {self.unreadable_total} (their stored text was "
                "changed on the disk; the file's structure may still be intact)"
                + (f", the first {shown}:" if shown < self.unreadable_total else ":")
            )
            out += [f"  {row}" for row in self.unreadable]
        else:
            out.append("Rows that cannot be read: none")
        out += [
            f"Schema revision: {self.schema_revision or 'none'} (this app: version "
            f"{self.app_version}, schema {known_revisions()[-1]})",
            f"Backups kept: {self.backups}",
            "Rows:",
            *(f"  {table}: {count}" for table, count in self.counts.items()),
        ]
        if self.orphans:
            out.append(
                f"Progress on items no installed pack has ({len(self.orphans)}; kept, not "
                "deleted - they come back if the pack does):"
            )
            out += [f"  {o.table}: {o.path_slug}/{o.item_slug}" for o in self.orphans]
        else:
            out.append("Every progress row points at an installed item.")
        out += list(self.notes)
        return out


class DatabaseCheckService:
    """Runs "Check database": a full integrity check and a report a learner can read."""

    def __init__(self, store: Store, database: Path | None, backups: BackupService) -> None:
        self._store = store
        self._database = database
        self._backups = backups

    def check(self) -> DatabaseReport:
        """Integrity, unreadable rows, counts and orphans; a part that cannot run is a note."""
        notes: list[str] = []
        unreadable: list[str] = []
        unreadable_total = 0
        if self._database is not None:
            health: FileHealth = files.check_file(self._database, thorough=True)
            integrity_ok, detail = health.ok, health.detail
            if health.problem is not files.FileProblem.ENVIRONMENT:
                try:
                    rows, unreadable_total = unreadable_rows(self._database)
                    unreadable = [str(row) for row in rows]
                except sqlite3.Error as exc:
                    notes.append(f"The rows could not all be read: {exc}.")
        else:
            integrity_ok, detail = True, ""
            notes.append("The file integrity check applies to SQLite databases only.")
        counts: dict[str, int] = {}
        revision: object = None
        orphans: list[OrphanedRow] = []
        try:
            counts, revision, orphans, more_notes = self._count_and_find_orphans()
            notes += more_notes
        except (StorageError, sqlite3.Error, ValueError) as exc:
            notes.append(
                f"Counting the rows and looking for orphaned progress could not finish: {exc}"
            )
        return DatabaseReport(
            integrity_ok,
            detail,
            None if revision is None else str(revision),
            __version__,
            counts,
            tuple(orphans),
            len(self._backups.backups()),
            tuple(notes),
            tuple(unreadable),
            unreadable_total,
        )

    def _count_and_find_orphans(
        self,
    ) -> tuple[dict[str, int], object, list[OrphanedRow], list[str]]:
        with self._store.reading() as session:
            found = check.survey(session)
        orphans = [
            OrphanedRow("prerequisite_state", path_slug, slug)
            for path_slug, slug in found.states
            if (path_slug, slug) not in found.prerequisites
        ]
        orphans += [
            OrphanedRow("resource_progress", path_slug, slug)
            for path_slug, slug in found.progress
            if (path_slug, slug) not in found.resources
        ]
        orphans += [
            OrphanedRow("decision", path_slug, slug)
            for path_slug, slug in found.decisions
            if (path_slug, slug) not in found.offers
        ]
        for logged_path, kind, logged_slug in found.logged:
            known = {"prerequisite": found.prerequisites, "resource": found.resources}.get(
                kind or ""
            )
            if known is not None and (logged_path, logged_slug) not in known:
                orphans.append(OrphanedRow("study_session", logged_path, logged_slug))
        notes: list[str] = []
        unknown_paths = sorted({o.path_slug for o in orphans if o.path_slug not in found.paths})
        if unknown_paths:
            notes.append("Paths not installed: " + ", ".join(unknown_paths) + ".")
        return found.counts, found.revision, orphans, notes
