"""The one place where storage and services are put together for the CLI and the GUI."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.services.catalog import CatalogService
from tracker.services.checklist import ChecklistService
from tracker.services.choosing import ChoosingService
from tracker.services.comparisons import ComparisonService
from tracker.services.packs import PackService
from tracker.services.plan import PlanService
from tracker.services.progress import ProgressService
from tracker.services.revisits import RevisitService
from tracker.services.store import Store
from tracker.settings import Settings

__all__ = ["Services", "Settings", "build_services", "open_services", "open_store"]
from tracker.services.studylog import StudyLogService
from tracker.storage.database import create_database_engine, migrate


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

    def close(self) -> None:
        self.store.dispose()


def open_store(settings: Settings) -> Store:
    """Open the database, creating it or migrating it to the current schema."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = create_database_engine(settings.db_url)
    migrate(engine)
    return Store(engine)


def build_services(store: Store, settings: Settings) -> Services:
    """Install the shipped packs if new or changed, make sure the profile exists, bind services."""
    packs = PackService(store)
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
    )


def open_services(settings: Settings) -> Services:
    return build_services(open_store(settings), settings)
