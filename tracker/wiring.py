"""The one place where storage and services are put together for the CLI and the GUI."""

from __future__ import annotations

from tracker.clock import utcnow
from tracker.errors import StorageError
from tracker.exchange import ExchangeService
from tracker.services.bundle import Services
from tracker.services.catalog import CatalogService
from tracker.services.checklist import ChecklistService
from tracker.services.choosing import ChoosingService
from tracker.services.comparisons import ComparisonService
from tracker.services.operations import Operations
from tracker.services.packs import PackService
from tracker.services.plan import PlanService
from tracker.services.progress import ProgressService
from tracker.services.recovery import (
    RecoveryChoice,
    RecoveryPlan,
    RecoveryResult,
    inspect_database,
    plan_for,
    recover,
)
from tracker.services.revisits import RevisitService
from tracker.services.safety import BackupService, DatabaseCheckService
from tracker.services.studylog import StudyLogService
from tracker.settings import Settings
from tracker.storage.backups import (
    FileHealth,
    FileProblem,
    SourceDamagedError,
    check_file,
    sqlite_file_of,
)
from tracker.storage.database import (
    create_database_engine,
    current_revision,
    known_revisions,
    migrate,
)
from tracker.storage.lock import DataFolderLock
from tracker.storage.store import Store

__all__ = ["Services", "Settings", "build_services", "open_services", "open_store"]


def lock_data_folder(settings: Settings) -> DataFolderLock:
    """Take the one-writer lock of the data folder and of its database file.

    Raises DataFolderLockedError if another process holds either: the database is locked by
    its real path, so the same file reached from another data folder (``--db-url``, a link)
    is refused too. The CLI holds it for one command; the GUI while the window is open.
    """
    lock = DataFolderLock(settings.data_dir, sqlite_file_of(settings.db_url))
    lock.acquire()
    return lock


def check_at_start(settings: Settings) -> RecoveryPlan | None:
    """The check before opening: None if fine, else what to tell the learner.

    Cheap at every start (file kind, header, ``quick_check``). Once a day it also takes the
    daily backup, whose copy gets the full ``integrity_check`` (it compares every index with
    its table): damage the quick check cannot see is found there, before the app writes.
    Call it before open_services; if it returns a plan, show it, and unless the plan only
    informs (``can_open``) call recover_database with the learner's choice (nothing is changed
    until then). Databases other than SQLite: None.
    """
    database = sqlite_file_of(settings.db_url)
    if database is None:
        return None
    plan = inspect_database(database, settings.data_dir)
    if plan is not None or not settings.automatic_backups:
        return plan
    try:
        backup_service(settings).back_up_if_due()
    except SourceDamagedError as exc:
        return plan_for(
            FileHealth(database, FileProblem.CORRUPT, exc.detail), settings.data_dir, utcnow()
        )
    except StorageError:
        pass  # a full disk: open_services tries again and the learner is told in its notes
    return None


def check_thoroughly(settings: Settings) -> RecoveryPlan | None:
    """The full ``integrity_check`` of the live file (slow on a big file: asked for, never at
    every start): None if it passes, else the recovery plan for the damage it found."""
    database = sqlite_file_of(settings.db_url)
    if database is None or not database.exists():
        return None
    health = check_file(database, thorough=True)
    return None if health.ok else plan_for(health, settings.data_dir, utcnow())


def recover_database(
    settings: Settings,
    plan: RecoveryPlan,
    choice: RecoveryChoice,
    backup: str | None = None,
) -> RecoveryResult:
    """Put a good backup (``backup``, or the one with the newest content) or a fresh database
    in place of the damaged or missing one; the damaged file is kept in damaged/."""
    return recover(plan, choice, settings.data_dir, backup)


def backup_service(settings: Settings, store: Store | None = None) -> BackupService:
    """Backups of the settings' database (a no-op service for databases other than SQLite)."""
    return BackupService(store, sqlite_file_of(settings.db_url), settings.data_dir)


def open_store(settings: Settings) -> Store:
    """Open the database, creating it or migrating it to the current schema.

    An existing SQLite database is backed up (online backup API) before a migration runs.
    """
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = create_database_engine(settings.db_url)
    database = sqlite_file_of(settings.db_url)
    if database is not None and database.exists() and database.stat().st_size > 0:
        revision = current_revision(engine)
        known = known_revisions()
        if revision is not None and revision in known and revision != known[-1]:
            try:
                backup_service(settings).before_risky_change(f"before-migration-{revision}")
            except StorageError:
                engine.dispose()
                raise
    migrate(engine)
    return Store(engine)


def build_services(store: Store, settings: Settings) -> Services:
    """Install the shipped packs if new or changed, make sure the profile exists, bind services.

    The once-a-day backup is taken here; if it fails (disk full), the app still opens and the
    reason is in ``startup_notes``.
    """
    backups = backup_service(settings, store)
    notes: list[str] = []
    if settings.automatic_backups:
        try:
            backups.back_up_if_due()
        except SourceDamagedError:
            store.dispose()
            raise  # the file is damaged: nothing may be written to it
        except StorageError as exc:
            notes.append(f"Today's automatic backup failed: {exc}")
    packs = PackService(
        store,
        before_reimport=backups.before_risky_change if settings.automatic_backups else None,
    )
    packs.install_bundled()
    profile_id = store.ensure_profile(settings.profile)
    operations = Operations(store, profile_id)
    checklist = ChecklistService(store, profile_id, operations)
    catalog = CatalogService(store, profile_id, operations)
    studylog = StudyLogService(store, profile_id, operations)
    return Services(
        settings=settings,
        store=store,
        profile_id=profile_id,
        operations=operations,
        packs=packs,
        checklist=checklist,
        catalog=catalog,
        comparisons=ComparisonService(store),
        studylog=studylog,
        progress=ProgressService(store, profile_id, checklist),
        choosing=ChoosingService(store, profile_id, checklist, operations),
        plan=PlanService(store, profile_id, checklist, operations),
        revisits=RevisitService(store, profile_id, checklist, operations),
        backups=backups,
        database_check=DatabaseCheckService(store, sqlite_file_of(settings.db_url), backups),
        exchange=ExchangeService(
            store,
            profile_id,
            settings.profile,
            operations,
            before_import=backups.before_risky_change if settings.automatic_backups else None,
        ),
        startup_notes=tuple(notes),
    )


def open_services(settings: Settings) -> Services:
    return build_services(open_store(settings), settings)
