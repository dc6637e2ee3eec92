"""Every service of one open database and profile, as the CLI and the window get them."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.services.catalog import CatalogService
from tracker.services.checklist import ChecklistService
from tracker.services.choosing import ChoosingService
from tracker.services.comparisons import ComparisonService
from tracker.services.operations import Operations
from tracker.services.packs import PackService
from tracker.services.plan import PlanService
from tracker.services.progress import ProgressService
from tracker.services.revisits import RevisitService
from tracker.services.safety import BackupService, DatabaseCheckService
from tracker.services.studylog import StudyLogService
from tracker.settings import Settings
from tracker.storage.store import Store

if TYPE_CHECKING:
    from tracker.exchange.service import ExchangeService


@dataclass(frozen=True)
class Services:
    """Every service, bound to one database and one profile."""

    settings: Settings
    store: Store
    profile_id: int
    operations: Operations
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

    def snapshot(self) -> AbstractContextManager[None]:
        """Reads in the block (any service's) share one read transaction: a page's snapshot."""
        return self.store.snapshot()

    def close(self) -> None:
        self.store.dispose()
