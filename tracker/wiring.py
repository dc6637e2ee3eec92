"""The one place where storage and services are put together for the CLI and the GUI."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.errors import StorageError
from tracker.services.catalog import CatalogService
from tracker.services.checklist import ChecklistService
from tracker.services.choosing import ChoosingService
from tracker.services.comparisons import ComparisonService
from tracker.services.exchange import ExchangeService
from tracker.services.packs import PackService
from tracker.services.plan import PlanService
from tracker.services.progress import ProgressService
from tracker.services.revisits import RevisitService
from tracker.services.safety import (
    BackupService,
    DatabaseCheckService,
    RecoveryChoice,
    RecoveryPlan,
    RecoveryResult,
    inspect_database,
    recover,
)
from tracker.services.store import Store
from tracker.services.studylog import StudyLogService
from tracker.settings import Settings
from tracker.storage.backups import sqlite_file_of
from tracker.storage.database import (
    create_database_engine,
    current_revision,
    known_revisions,
    migrate,
)
from tracker.storage.lock import DataFolderLock

__all__ = ["Services", "Settings", "build_services", "open_services", "open_store"]


@dataclass(frozen=True)
class Services:
    """Every service, bound to one database and one profile."""

    settings: Settings
    store: Store
    profile_id: int
    packs: PackService
    checklist: ChecklistService
    catalog: CatalogService
    comparisons: ComparisonService
    studylog: StudyLogService
    progress: ProgressService
    choosing: ChoosingService
    plan: PlanService
    revisits: RevisitService
    backups: BackupService
    database_check: DatabaseCheckService
    exchange: ExchangeService
    startup_notes: tuple[str, ...] = ()

    def close(self) -> None:
        self.store.dispose()


def lock_data_folder(settings: Settings) -> DataFolderLock:
    """Take the one-writer lock of the data folder (raises DataFolderLockedError if taken).

    The CLI holds it for one command; the GUI bootstrap holds it while the window is open.
    """
    lock = DataFolderLock(settings.data_dir)
    lock.acquire()
    return lock


def check_at_start(settings: Settings) -> RecoveryPlan | None:
    """The quick integrity check before opening: None if fine, else what to tell the learner.

    Call it before open_services; if it returns a plan, show it and call recover_database with
    the learner's choice (nothing is changed until then). Databases other than SQLite: None.
    """
    database = sqlite_file_of(settings.db_url)
    if database is None:
        return None
    return inspect_database(database, settings.data_dir)


def recover_database(
    settings: Settings, plan: RecoveryPlan, choice: RecoveryChoice
) -> RecoveryResult:
    """Move the damaged database aside, then restore the newest good backup or start fresh."""
    return recover(plan, choice, settings.data_dir)


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
            backup_service(settings).before_risky_change(f"before-migration-{revision}")
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
        except StorageError as exc:
            notes.append(f"Today's automatic backup failed: {exc}")
    packs = PackService(
        store,
        before_reimport=backups.before_risky_change if settings.automatic_backups else None,
    )
    packs.install_bundled()
    profile_id = store.ensure_profile(settings.profile)
    checklist = ChecklistService(store, profile_id)
    catalog = CatalogService(store, profile_id)
    studylog = StudyLogService(store, profile_id)
    return Services(
        settings=settings,
        store=store,
        profile_id=profile_id,
        packs=packs,
        checklist=checklist,
        catalog=catalog,
        comparisons=ComparisonService(store),
        studylog=studylog,
        progress=ProgressService(store, profile_id, checklist, catalog, studylog),
        choosing=ChoosingService(store, profile_id, checklist),
        plan=PlanService(store, profile_id, checklist, catalog, studylog),
        revisits=RevisitService(store, profile_id, checklist),
        backups=backups,
        database_check=DatabaseCheckService(store, sqlite_file_of(settings.db_url), backups),
        exchange=ExchangeService(
            store,
            profile_id,
            settings.profile,
            before_import=backups.before_risky_change if settings.automatic_backups else None,
        ),
        startup_notes=tuple(notes),
    )


def open_services(settings: Settings) -> Services:
    return build_services(open_store(settings), settings)
