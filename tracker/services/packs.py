"""Installing and updating learning paths from packs, without ever losing a learner's progress."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker.clock import utcnow
from tracker.domain.changes import Kind, OpChanges, OpResult
from tracker.domain.views import Fact, FactClaim, ImportReport, PathDetail, PathSummary
from tracker.errors import NotFoundError
from tracker.locations import bundled_packs_dir
from tracker.packs.loader import LoadedPack, load_pack_bytes, read_pack_bytes
from tracker.packs.schema import PackSpec
from tracker.perf import collector_paused
from tracker.storage import packs as packs_store
from tracker.storage.models import Comparison, Offer, Prerequisite, Resource
from tracker.storage.packs import BUNDLED_PREFIX, ContentModel
from tracker.storage.store import Store, require_path
from tracker.wording import QT_TRANSLATE_NOOP, say

ProgressCallback = Callable[[int, int], None]

PACK_SUFFIXES = (".yaml", ".yml", ".json")
NO_PATH = QT_TRANSLATE_NOOP("Packs", "There is no learning path {path}.")
PACK_CONTENT = frozenset({Kind.PACKS, Kind.CHECKLIST, Kind.CATALOG, Kind.CHOOSING})
"""What an import changes: the path, its prerequisites, resources, comparisons and offers."""


def _prerequisite_rows(pack: LoadedPack) -> list[dict[str, Any]]:
    rows = []
    for index, flat in enumerate(pack.flat_prerequisites()):
        spec = flat.spec
        rows.append(
            {
                "slug": spec.slug,
                "title": spec.title,
                "position": index,
                "parent_slug": flat.parent_slug,
                "required": spec.required,
                "estimate_hours": spec.estimate_hours,
                "description": spec.description,
                "teaches_with": list(spec.teaches_with),
            }
        )
    return rows


def _resource_rows(pack: LoadedPack) -> list[dict[str, Any]]:
    return [{"position": index, **row} for index, row in enumerate(pack.resource_rows)]


def _comparison_rows(spec: PackSpec) -> list[dict[str, Any]]:
    rows = []
    for index, comparison in enumerate(spec.comparisons):
        data = comparison.model_dump(mode="json")
        rows.append({"position": index, **data})
    return rows


def _offer_rows(spec: PackSpec) -> list[dict[str, Any]]:
    return [
        {"position": index, **offer.model_dump(mode="json")}
        for index, offer in enumerate(spec.offers)
    ]


class PackService:
    """Lists installed paths and imports packs (idempotent, progress-preserving)."""

    def __init__(
        self, store: Store, before_reimport: Callable[[str], object] | None = None
    ) -> None:
        self._store = store
        self._before_reimport = before_reimport

    def paths(self) -> list[PathSummary]:
        with self._store.reading() as session:
            return [
                PathSummary(p.slug, p.title, p.summary, p.pack_version)
                for p in packs_store.paths(session)
            ]

    def path_detail(self, path_slug: str) -> PathDetail:
        with self._store.reading() as session:
            path = require_path(session, path_slug)
            facts = tuple(
                Fact(
                    fact["slug"],
                    fact["title"],
                    tuple(FactClaim(c["text"], c.get("context", "")) for c in fact["claims"]),
                    fact.get("note", ""),
                )
                for fact in path.facts
            )
            return PathDetail(
                path.slug,
                path.title,
                path.summary,
                path.description,
                path.pack_version,
                dict(path.source),
                facts,
                tuple(path.takeaways),
            )

    def import_file(
        self, file: Path, progress: ProgressCallback | None = None
    ) -> OpResult[ImportReport]:
        """Validate ``file`` and import it; a PackError leaves the database untouched.

        Not a learner's change (nothing to undo: a re-import never loses progress), but the
        result says what changed, so the pages showing the path's content refresh.
        """
        raw = read_pack_bytes(file)
        pack = load_pack_bytes(raw, str(file))
        return self.import_pack(pack, digest=_digest(raw), progress=progress)

    def install_bundled(self, folder: Path | None = None) -> list[ImportReport]:
        """Import each shipped pack that this database has not seen in its current form.

        A shipped pack is applied once per content change (an app update), so a pack the
        learner imported by hand is not overwritten at every start.
        """
        reports = []
        for file, digest in self._unapplied_bundled(folder or bundled_packs_dir()):
            report = self.import_pack(
                load_pack_bytes(read_pack_bytes(file), str(file)), digest=digest
            ).value
            with self._store.transaction() as session:
                packs_store.mark_bundled(session, _bundled_key(file), digest)
            reports.append(report)
        return reports

    def bundled_packs_changed(self, folder: Path | None = None) -> bool:
        """Whether a shipped pack awaits import (cheap: reads and hashes, no parsing)."""
        return bool(self._unapplied_bundled(folder or bundled_packs_dir()))

    def _unapplied_bundled(self, folder: Path) -> list[tuple[Path, str]]:
        with self._store.reading() as session:
            applied = packs_store.applied_bundled(session)
        pending = []
        for file in sorted(p for p in folder.iterdir() if p.suffix in PACK_SUFFIXES):
            digest = _digest(read_pack_bytes(file))
            if applied.get(_bundled_key(file)) != digest:
                pending.append((file, digest))
        return pending

    def import_pack(
        self,
        pack: LoadedPack,
        *,
        digest: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> OpResult[ImportReport]:
        spec = pack.header  # everything but the resources, which come as rows
        digest = digest or _pack_digest(pack)
        if self._before_reimport is not None:
            with self._store.reading() as session:
                installed = packs_store.installed_digest(session, spec.slug)
            if installed is not None and installed != digest:
                self._before_reimport(f"before-reimport-{spec.slug}")
        with collector_paused(), self._store.transaction() as session:
            path_values = {
                "title": spec.title,
                "summary": spec.summary,
                "description": spec.description,
                "pack_format": spec.format,
                "pack_version": spec.version,
                "pack_digest": digest,
                "source": spec.source.model_dump(mode="json") if spec.source else {},
                "facts": [fact.model_dump(mode="json") for fact in spec.facts],
                "takeaways": list(spec.takeaways),
                "imported_at": utcnow(),
            }
            path_id, previous_version = packs_store.put_path(session, spec.slug, path_values)
            tables: list[tuple[str, ContentModel, list[dict[str, Any]]]] = [
                ("prerequisite", Prerequisite, _prerequisite_rows(pack)),
                ("resource", Resource, _resource_rows(pack)),
                ("comparison", Comparison, _comparison_rows(spec)),
                ("offer", Offer, _offer_rows(spec)),
            ]
            added: list[str] = []
            changed: list[str] = []
            archived: list[str] = []
            restored: list[str] = []
            unchanged = 0
            total_steps = len(tables)
            for step, (label, model, rows) in enumerate(tables):
                diff = packs_store.sync_table(session, model, path_id, rows)
                added += [f"{label} {slug}" for slug in diff.added]
                changed += [f"{label} {slug}" for slug in diff.changed]
                archived += [f"{label} {slug}" for slug in diff.archived]
                restored += [f"{label} {slug}" for slug in diff.restored]
                unchanged += diff.unchanged
                if progress is not None:
                    progress(step + 1, total_steps)
            kept = packs_store.progress_kept(session, spec.slug)
            report = ImportReport(
                path_slug=spec.slug,
                pack_version=spec.version,
                previous_version=previous_version,
                added=tuple(added),
                changed=tuple(changed),
                archived=tuple(archived),
                restored=tuple(restored),
                unchanged=unchanged,
                progress_kept=kept,
            )
        return OpResult(report, OpChanges(PACK_CONTENT, spec.slug))

    def require(self, path_slug: str) -> PathSummary:
        for summary in self.paths():
            if summary.slug == path_slug:
                return summary
        raise NotFoundError(say(NO_PATH, path=repr(path_slug)))


def _bundled_key(file: Path) -> str:
    return f"{BUNDLED_PREFIX}{file.name}"[:40]


def _pack_digest(pack: LoadedPack) -> str:
    """A digest of a pack's content when there are no file bytes to hash."""
    digest = hashlib.sha256(pack.header.model_dump_json().encode())
    digest.update(json.dumps(pack.resource_rows, sort_keys=True).encode())
    return digest.hexdigest()


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()
