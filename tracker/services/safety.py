"""Backups, restore, the check at start with its recovery plan, and "Check database"."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy import func, select, text

from tracker import __version__
from tracker.errors import NewerDatabaseError, StorageError, TrackerError
from tracker.services.store import Store
from tracker.storage import backups as files
from tracker.storage.backups import BackupInfo, FileHealth, FileProblem
from tracker.storage.database import known_revisions
from tracker.storage.models import (
    Base,
    Decision,
    LearningPath,
    Offer,
    OwnOffer,
    OwnResource,
    Prerequisite,
    PrerequisiteState,
    Resource,
    ResourceProgress,
    StudySession,
)

NOT_SQLITE = (
    "Backups are made only for a SQLite database file; this database is {url}. "
    "For a database server, use its own backup tools."
)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class BackupService:
    """Automatic and manual backups of one SQLite database, and restoring one of them."""

    def __init__(self, store: Store | None, database: Path | None, data_dir: Path) -> None:
        self._store = store
        self._database = database
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
        target = files.backup_name(_now(), reason, self.folder)
        files.snapshot(database, target)
        if rotate:
            files.rotate(self.folder, protect=[target])
        return next(b for b in self.backups() if b.path == target)

    def backups(self) -> list[BackupInfo]:
        """Every backup, newest first, with its date and size."""
        if self._database is None:
            return []
        return files.list_backups(self.folder)

    def back_up_if_due(self, today: datetime | None = None) -> BackupInfo | None:
        """The once-a-day backup at start: taken if no backup exists from today (UTC)."""
        if self._database is None or not self._database.exists():
            return None
        day = (today or _now()).date()
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
        revision = _revision_of(backup)
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
        files.rotate(self.folder, protect=[safety.path, backup])
        return safety


def _revision_of(database: Path) -> str | None:
    try:
        connection = files.read_only_connection(database)
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return None
    return None if row is None else str(row[0])


# --- the check at start and the recovery plan ---------------------------------------------------


class RecoveryChoice(StrEnum):
    USE_BACKUP = "use-backup"
    FRESH = "fresh"


@dataclass(frozen=True)
class RecoveryPlan:
    """What is wrong with the database at start, in plain words, and what the learner can do.

    ``choices`` is empty when the app must not touch the file (newer version, unreadable folder).
    """

    database: Path
    problem: FileProblem | None
    title: str
    explanation: str
    newest_backup: BackupInfo | None
    choices: tuple[RecoveryChoice, ...]

    def lines(self) -> list[str]:
        out = [self.title, "", self.explanation]
        if RecoveryChoice.USE_BACKUP in self.choices and self.newest_backup is not None:
            backup = self.newest_backup
            out += [
                "",
                f"Newest good backup: {backup.name} ({backup.taken_at:%Y-%m-%d %H:%M} UTC, "
                f"{_size(backup.size_bytes)}).",
            ]
        if self.choices:
            out += [
                "",
                "The damaged file will be moved to the 'damaged' folder, never deleted.",
            ]
        return out


@dataclass(frozen=True)
class RecoveryResult:
    """What a recovery did: where the damaged files went and what the database is now."""

    moved_aside: tuple[Path, ...]
    restored_from: BackupInfo | None
    message: str


_PROBLEM_WORDS = {
    FileProblem.EMPTY: "is empty: its contents are gone",
    FileProblem.NOT_A_DATABASE: "is not a database any more (something overwrote it)",
    FileProblem.TRUNCATED: "is cut short, probably by a failed copy or a full disk",
    FileProblem.CORRUPT: "is damaged",
    FileProblem.UNREADABLE: "could not be read",
}


def inspect_database(database: Path, data_dir: Path) -> RecoveryPlan | None:
    """The quick check at start: None if the database is fine (or new), else a recovery plan.

    Nothing is changed here; the damaged file stays where it is until the learner chooses.
    """
    if not database.exists():
        return None
    health = files.check_file(database)
    if health.ok:
        return _newer_version_plan(database, data_dir)
    newest = newest_good_backup(data_dir)
    if health.problem is FileProblem.UNREADABLE:
        return RecoveryPlan(
            database,
            health.problem,
            "Your progress file could not be opened",
            f"{database} {_PROBLEM_WORDS[health.problem]}: {health.detail}. Check that the "
            "folder and the file are readable and writable, and that no other program is using "
            "the file, then start again. Nothing was changed.",
            newest,
            (),
        )
    assert health.problem is not None
    choices = (
        (RecoveryChoice.USE_BACKUP, RecoveryChoice.FRESH) if newest else (RecoveryChoice.FRESH,)
    )
    offer = (
        "You can go back to your newest good backup (you lose only what you did after it), "
        "or start fresh."
        if newest
        else "There is no backup to go back to, so the app can start with a fresh database."
    )
    return RecoveryPlan(
        database,
        health.problem,
        "Your progress file is damaged",
        f"The progress file {database.name} {_PROBLEM_WORDS[health.problem]} "
        f"({health.detail}). {offer}",
        newest,
        choices,
    )


def _newer_version_plan(database: Path, data_dir: Path) -> RecoveryPlan | None:
    """A refusal when the database was written by a newer version of the app (else None)."""
    revision = _revision_of(database)
    known = known_revisions()
    if revision is not None and revision not in known:
        written_by = _written_by(database)
        return RecoveryPlan(
            database,
            None,
            "Your progress file is from a newer version",
            f"This database was written by a newer Learning Path Tracker (version {written_by}, "
            f"schema {revision}); this is version {__version__} (schema {known[-1]}). Update the "
            "app to open it. The file was left unchanged.",
            newest_good_backup(data_dir),
            (),
        )
    return None


def _written_by(database: Path) -> str:
    try:
        connection = files.read_only_connection(database)
        try:
            row = connection.execute(
                "SELECT value FROM app_meta WHERE key = 'written_by'"
            ).fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return "unknown"
    return "unknown" if row is None else str(row[0])


def newest_good_backup(data_dir: Path) -> BackupInfo | None:
    """The newest backup that passes the quick check and that this version can open."""
    known = known_revisions()
    for backup in files.list_backups(data_dir / files.BACKUP_FOLDER):
        if files.check_file(backup.path).ok and _revision_of(backup.path) in known:
            return backup
    return None


def recover(plan: RecoveryPlan, choice: RecoveryChoice, data_dir: Path) -> RecoveryResult:
    """Carry out the learner's choice: move the damaged file aside, then restore or start fresh."""
    if choice not in plan.choices:
        raise TrackerError("That way of recovering is not possible here: " + plan.explanation)
    backup = plan.newest_backup if choice is RecoveryChoice.USE_BACKUP else None
    if choice is RecoveryChoice.USE_BACKUP and backup is None:
        raise TrackerError("There is no good backup to go back to.")
    try:
        moved = files.move_aside(plan.database, data_dir / files.DAMAGED_FOLDER)
    except OSError as exc:
        raise StorageError(
            f"The damaged file could not be moved aside ({exc.strerror}); nothing was changed."
        ) from exc
    if backup is not None:
        try:
            files.snapshot(backup.path, plan.database)
        except StorageError:
            files.put_back(moved, plan.database)
            raise
        message = (
            f"Restored your backup of {backup.taken_at:%Y-%m-%d %H:%M} UTC. The damaged file is "
            f"kept in {moved[0].parent}."
        )
    else:
        message = f"Started fresh. The damaged file is kept in {moved[0].parent}."
    return RecoveryResult(tuple(moved), backup, message)


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


human_size = _size


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

    @property
    def ok(self) -> bool:
        return self.integrity_ok

    def lines(self) -> list[str]:
        out = [
            "Integrity: " + ("ok" if self.integrity_ok else f"PROBLEM: {self.integrity_detail}"),
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
        notes: list[str] = []
        if self._database is not None:
            health: FileHealth = files.check_file(self._database, thorough=True)
            integrity_ok, detail = health.ok, health.detail
        else:
            integrity_ok, detail = True, ""
            notes.append("The file integrity check applies to SQLite databases only.")
        with self._store.reading() as session:
            counts = {
                table.name: int(session.scalar(select(func.count()).select_from(table)) or 0)
                for table in Base.metadata.sorted_tables
            }
            revision = session.scalar(text("SELECT version_num FROM alembic_version"))
            paths = {p.slug: p.id for p in session.scalars(select(LearningPath))}

            def content(
                model: type[Prerequisite] | type[Resource] | type[Offer],
            ) -> set[tuple[str, str]]:
                slug_of = {v: k for k, v in paths.items()}
                return {
                    (slug_of[path_id], slug)
                    for path_id, slug in session.execute(select(model.path_id, model.slug))
                }

            prerequisites = content(Prerequisite)
            resources = content(Resource) | {
                (p, s) for p, s in session.execute(select(OwnResource.path_slug, OwnResource.slug))
            }
            offers = content(Offer) | {
                (p, s) for p, s in session.execute(select(OwnOffer.path_slug, OwnOffer.slug))
            }
            orphans: list[OrphanedRow] = []
            for path_slug, slug in session.execute(
                select(PrerequisiteState.path_slug, PrerequisiteState.prerequisite_slug)
            ):
                if (path_slug, slug) not in prerequisites:
                    orphans.append(OrphanedRow("prerequisite_state", path_slug, slug))
            for path_slug, slug in session.execute(
                select(ResourceProgress.path_slug, ResourceProgress.resource_slug)
            ):
                if (path_slug, slug) not in resources:
                    orphans.append(OrphanedRow("resource_progress", path_slug, slug))
            for path_slug, slug in session.execute(
                select(Decision.path_slug, Decision.option_slug)
            ):
                if (path_slug, slug) not in offers:
                    orphans.append(OrphanedRow("decision", path_slug, slug))
            logged = session.execute(
                select(StudySession.path_slug, StudySession.item_kind, StudySession.item_slug)
                .where(StudySession.item_slug.is_not(None))
                .distinct()
            )
            for logged_path, kind, logged_slug in logged:
                known = {"prerequisite": prerequisites, "resource": resources}.get(kind or "")
                if known is not None and (logged_path, logged_slug) not in known:
                    orphans.append(OrphanedRow("study_session", logged_path, logged_slug or ""))
            unknown_paths = sorted({o.path_slug for o in orphans if o.path_slug not in paths})
            if unknown_paths:
                notes.append("Paths not installed: " + ", ".join(unknown_paths) + ".")
        return DatabaseReport(
            integrity_ok,
            detail,
            None if revision is None else str(revision),
            __version__,
            counts,
            tuple(orphans),
            len(self._backups.backups()),
            tuple(notes),
        )
