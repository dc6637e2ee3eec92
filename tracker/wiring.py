"""The one place where storage and services are put together for the CLI and the GUI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.locations import default_data_dir, sqlite_url

# Services and storage (SQLAlchemy, Alembic) are imported where they are used, so that
# resolving Settings stays cheap and the desktop app can paint its window before they load.
if TYPE_CHECKING:
    from tracker.services.catalog import CatalogService
    from tracker.services.checklist import ChecklistService
    from tracker.services.comparisons import ComparisonService
    from tracker.services.packs import PackService
    from tracker.services.progress import ProgressService
    from tracker.services.store import Store
    from tracker.services.studylog import StudyLogService

DEFAULT_PROFILE = "default"  # the same value as tracker.services.store.DEFAULT_PROFILE


@dataclass(frozen=True)
class Settings:
    """Where the data lives and who is learning; from the command line or the environment."""

    data_dir: Path
    db_url: str
    profile: str = DEFAULT_PROFILE

    @classmethod
    def resolve(
        cls,
        data_dir: str | Path | None = None,
        db_url: str | None = None,
        profile: str | None = None,
    ) -> Settings:
        folder = Path(data_dir).expanduser() if data_dir else default_data_dir()
        return cls(folder, db_url or sqlite_url(folder), profile or DEFAULT_PROFILE)


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

    def close(self) -> None:
        self.store.dispose()


def open_store(settings: Settings) -> Store:
    """Open the database, creating it or migrating it to the current schema."""
    from tracker.services.store import Store
    from tracker.storage.database import create_database_engine, migrate

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = create_database_engine(settings.db_url)
    migrate(engine)
    return Store(engine)


def build_services(store: Store, settings: Settings) -> Services:
    """Install the shipped packs if new or changed, make sure the profile exists, bind services."""
    from tracker.services.catalog import CatalogService
    from tracker.services.checklist import ChecklistService
    from tracker.services.comparisons import ComparisonService
    from tracker.services.packs import PackService
    from tracker.services.progress import ProgressService
    from tracker.services.studylog import StudyLogService

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
    )


def open_services(settings: Settings) -> Services:
    return build_services(open_store(settings), settings)
