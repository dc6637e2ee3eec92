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
from tracker.wording import QT_TRANSLATE_NOOP, say

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

NOT_SQLITE = QT_TRANSLATE_NOOP(
    "Backups",
    "Backups are made only for a SQLite database file; this database is {url}. "
    "For a database server, use its own backup tools.",
)
NOTHING_TO_BACK_UP = QT_TRANSLATE_NOOP("Backups", "There is no database to back up yet.")
NO_BACKUP_FOLDER = QT_TRANSLATE_NOOP(
    "Backups", "The backup folder {folder} could not be made ({problem}); nothing was backed up."
)
NO_BACKUP_FILE = QT_TRANSLATE_NOOP("Backups", "There is no backup file {backup}.")
CANNOT_RESTORE = QT_TRANSLATE_NOOP("Backups", "{name} cannot be restored: {problem}.")
NOT_A_TRACKER_DATABASE = QT_TRANSLATE_NOOP(
    "Backups", "{name} is not a Learning Path Tracker database."
)
BACKUP_FROM_NEWER_VERSION = QT_TRANSLATE_NOOP(
    "Backups",
    "{name} was written by a newer Learning Path Tracker (schema {revision}); "
    "this is version {version} (schema {schema}). Nothing was changed.",
)

ROWS_NOT_ALL_READ = QT_TRANSLATE_NOOP("DatabaseCheck", "The rows could not all be read: {problem}.")
INTEGRITY_FOR_SQLITE_ONLY = QT_TRANSLATE_NOOP(
    "DatabaseCheck", "The file integrity check applies to SQLite databases only."
)
COUNTING_STOPPED = QT_TRANSLATE_NOOP(
    "DatabaseCheck",
    "Counting the rows and looking for orphaned progress could not finish: {problem}",
)
PATHS_NOT_INSTALLED = QT_TRANSLATE_NOOP("DatabaseCheck", "Paths not installed: {paths}.")
INTEGRITY_OK = QT_TRANSLATE_NOOP("DatabaseCheck", "Integrity: ok")
INTEGRITY_PROBLEM = QT_TRANSLATE_NOOP("DatabaseCheck", "Integrity: PROBLEM: {detail}")
UNREADABLE_ROWS = QT_TRANSLATE_NOOP(
    "DatabaseCheck",
    "Rows that cannot be read: {total} (their stored text was changed on the disk; "
    "the file's structure may still be intact):",
)
FIRST_UNREADABLE_ROWS = QT_TRANSLATE_NOOP(
    "DatabaseCheck",
    "Rows that cannot be read: {total} (their stored text was changed on the disk; "
    "the file's structure may still be intact), the first {shown}:",
)
NO_UNREADABLE_ROWS = QT_TRANSLATE_NOOP("DatabaseCheck", "Rows that cannot be read: none")
SCHEMA_REVISION = QT_TRANSLATE_NOOP(
    "DatabaseCheck", "Schema revision: {revision} (this app: version {version}, schema {schema})"
)
NO_SCHEMA_REVISION = QT_TRANSLATE_NOOP(
    "DatabaseCheck", "Schema revision: none (this app: version {version}, schema {schema})"
)
BACKUPS_KEPT = QT_TRANSLATE_NOOP("DatabaseCheck", "Backups kept: {count}")
ROW_COUNTS = QT_TRANSLATE_NOOP("DatabaseCheck", "Rows:")
ORPHANED_PROGRESS = QT_TRANSLATE_NOOP(
    "DatabaseCheck",
    "Progress on items no installed pack has ({count}; kept, not deleted - "
    "they come back if the pack does):",
)
NO_ORPHANED_PROGRESS = QT_TRANSLATE_NOOP(
    "DatabaseCheck", "Every progress row points at an installed item."
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
        return say(NOT_SQLITE, url=url)

    def _require_sqlite(self) -> Path:
        if self._database is None:
            raise StorageError(self.unavailable_reason())
        return self._database

    def back_up_now(self, reason: str = "manual", *, rotate: bool = True) -> BackupInfo:
        """Take a consistent snapshot now; keep the rotation; return the new backup."""
        database = self._require_sqlite()
        if not database.exists():
            raise StorageError(say(NOTHING_TO_BACK_UP))
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            problem = exc.strerror or exc
            raise StorageError(say(NO_BACKUP_FOLDER, folder=self.folder, problem=problem)) from exc
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
            raise StorageError(say(NO_BACKUP_FILE, backup=backup))
        health = files.check_file(backup)
        if not health.ok:
            raise StorageError(say(CANNOT_RESTORE, name=backup.name, problem=health.detail))
        revision = revision_of(backup)
        known = known_revisions()
        if revision is None:
            raise StorageError(say(NOT_A_TRACKER_DATABASE, name=backup.name))
        if revision not in known:
            raise NewerDatabaseError(
                say(
                    BACKUP_FROM_NEWER_VERSION,
                    name=backup.name,
                    revision=revision,
                    version=__version__,
                    schema=known[-1],
                )
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
            say(INTEGRITY_OK)
            if self.integrity_ok
            else say(INTEGRITY_PROBLEM, detail=self.integrity_detail)
        ]
        if self.unreadable_total:
            shown = len(self.unreadable)
            rows = FIRST_UNREADABLE_ROWS if shown < self.unreadable_total else UNREADABLE_ROWS
            out.append(say(rows, total=self.unreadable_total, shown=shown))
            out += [f"  {row}" for row in self.unreadable]
        else:
            out.append(say(NO_UNREADABLE_ROWS))
        app = {"version": self.app_version, "schema": known_revisions()[-1]}
        out += [
            say(SCHEMA_REVISION, revision=self.schema_revision, **app)
            if self.schema_revision
            else say(NO_SCHEMA_REVISION, **app),
            say(BACKUPS_KEPT, count=self.backups),
            say(ROW_COUNTS),
            *(f"  {table}: {count}" for table, count in self.counts.items()),
        ]
        if self.orphans:
            out.append(say(ORPHANED_PROGRESS, count=len(self.orphans)))
            out += [f"  {o.table}: {o.path_slug}/{o.item_slug}" for o in self.orphans]
        else:
            out.append(say(NO_ORPHANED_PROGRESS))
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
                    notes.append(say(ROWS_NOT_ALL_READ, problem=exc))
        else:
            integrity_ok, detail = True, ""
            notes.append(say(INTEGRITY_FOR_SQLITE_ONLY))
        counts: dict[str, int] = {}
        revision: object = None
        orphans: list[OrphanedRow] = []
        try:
            counts, revision, orphans, more_notes = self._count_and_find_orphans()
            notes += more_notes
        except (StorageError, sqlite3.Error, ValueError) as exc:
            notes.append(say(COUNTING_STOPPED, problem=exc))
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
            notes.append(say(PATHS_NOT_INSTALLED, paths=", ".join(unknown_paths)))
        return found.counts, found.revision, orphans, notes
