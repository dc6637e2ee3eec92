"""Progress files mutated field by field against the schema, imported into real databases.

A rich export (every kind of record, every field) is the seed. For each field, each mutation
(wrong type, out of range, unknown choice, huge number, deep nesting, a bad date or time zone,
control characters, missing, unknown key) makes one file; it is imported through the real
service into a fresh SQLite database, and when accepted, everything that reads learner data runs
on it: the services behind status, compare, situation, the dashboard and the plan, the CLI's
own commands, and the exports (whose output must import again).
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import tempfile
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tracker.cli import main as cli
from tracker.domain.enums import ItemKind
from tracker.errors import TrackerError
from tracker.exchange import parse_progress_bytes
from tracker.exchange.comparison import comparison_csv
from tracker.locations import DATABASE_FILE
from tracker.wiring import Services, Settings, open_services

HUGE = "__huge_number__"
DEEP = "__deep_nesting__"
CONTROL = "\x00\x1b[31mred\x1b[0m\x07\u202eevil\u202c\r\n\t"
DEEPLY = "[" * 3000 + "]" * 3000

Path_ = tuple[int | str, ...]


def _deep(levels: int) -> Any:
    value: Any = []
    for _ in range(levels):
        value = [value]
    return value


MUTATIONS: dict[str, Callable[[Any], list[Any]]] = {
    "wrong type": lambda v: [
        12345 if isinstance(v, str) else "text",
        None,
        [1, "two"] if not isinstance(v, list) else {"a": 1},
        True if not isinstance(v, bool) else 0,
    ],
    "out of range": lambda v: (
        [-1, 0, 6, 101, 10**9, 1e308, -1e308, 2**64, 5.5, "x" * 300_000]
        + ([[v] * 600] if isinstance(v, list) else [])
    ),
    "unknown choice": lambda _v: ["bogus-value", "", "DONE", " done", "Career-Change"],
    "huge number": lambda _v: [HUGE, float("nan"), float("inf")],
    "deep nesting": lambda _v: [_deep(40), DEEP],
    "bad date or zone": lambda _v: [
        "2026-02-30",
        "2026-13-01T00:00:00",
        "9999-12-31T23:59:59-01:00",
        "0001-01-01T00:00:00+01:00",
        "2026-01-01T00:00:00+99:00",
        "2999-12-31T23:59:59.999999-12:00",
        "1899-12-31",
        "yesterday",
    ],
    "control characters": lambda v: [
        CONTROL,
        "\ud800",
        (v + CONTROL) if isinstance(v, str) else CONTROL,
    ],
}


def seed_export(folder: Path) -> dict[str, Any]:
    """A progress file with every kind of record and every field filled in."""
    services = open_services(Settings(folder, f"sqlite:///{folder / DATABASE_FILE}", "default"))
    try:
        checklist, catalog, choosing = services.checklist, services.catalog, services.choosing
        checklist.set_done("flask", "html5", True)
        checklist.set_confidence("flask", "css3", 2)
        checklist.set_evidence("flask", "css3", ["https://github.com/me/site"])
        catalog.set_status("flask", "flask-books", "in-progress")
        catalog.set_rating("flask", "flask-books", 4)
        catalog.set_notes("flask", "flask-books", "chapter 3")
        own = catalog.add_own_resource(
            "flask", {"title": "Mine", "kind": "video", "url": "https://example.org/v"}
        ).value
        catalog.update_own_resource("flask", own, {"title": "Mine, renamed", "kind": "video"})
        offer = choosing.add_offer("flask", {"title": "Night school", "cost": 900, "url": ""}).value
        choosing.set_situation(
            hours_per_week=8, budget=1000, target_date=date.today() + timedelta(days=200)
        )
        choosing.set_situation(goal="career-change", guidance="some", preferred_format="in-person")
        choosing.set_weights({"cost": 8, "support": 2})
        choosing.choose("flask", offer)
        entry = services.studylog.log(
            "flask", 30, item_kind=ItemKind.RESOURCE, item_slug="flask-books", note="read"
        ).value
        services.studylog.update_entry(
            entry,
            day=date.today(),
            minutes=35,
            item_kind="resource",
            item_slug="flask-books",
            note="read more",
        )
        services.studylog.start_timer("flask", "prerequisite", "html5")
        services.plan.set_streaks_enabled(True)
        return services.exchange.export_data()
    finally:
        services.close()


def paths_of(document: Any, prefix: Path_ = ()) -> Iterator[Path_]:
    """Every node below the top: each record, each field, each item of a list."""
    children: list[tuple[int | str, Any]] = []
    if isinstance(document, dict):
        children = list(document.items())
    elif isinstance(document, list):
        children = list(enumerate(document[:2]))  # two of a kind are enough
    for key, child in children:
        path = (*prefix, key)
        if path not in (("format",), ("format_version",)):
            yield path
        yield from paths_of(child, path)


def _at(document: Any, path: Path_) -> Any:
    for part in path:
        document = document[part]
    return document


def _replaced(document: Any, path: Path_, value: Any, *, drop: bool = False) -> Any:
    copy = json.loads(json.dumps(document))
    parent = _at(copy, path[:-1])
    if drop:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return copy


def mutants(seed: dict[str, Any]) -> Iterator[tuple[str, Path_, bytes]]:
    """(mutation, field path, file bytes) for every field and mutation of ``seed``."""
    for path in paths_of(seed):
        original = _at(seed, path)
        for kind, make in MUTATIONS.items():
            for value in make(original):
                yield kind, path, _text(_replaced(seed, path, value))
        if isinstance(path[-1], str):
            yield "missing", path, _text(_replaced(seed, path, None, drop=True))
            parent = path[:-1]
            extra = _replaced(seed, (*parent, "unknown_key"), 1) if parent else None
            if extra is not None and isinstance(_at(seed, parent), dict):
                yield "unknown key", path, _text(extra)


def _text(document: Any) -> bytes:
    text = json.dumps(document, indent=1)
    text = text.replace(f'"{HUGE}"', "9" * 5000).replace(f'"{DEEP}"', DEEPLY)
    return text.encode("utf-8")


@dataclass
class Tally:
    """What the field fuzzer saw."""

    tried: int = 0
    accepted: int = 0
    refused: int = 0
    crashes: list[str] = field(default_factory=list)
    refused_reading: list[str] = field(default_factory=list)


def read_everything(services: Services) -> None:
    """Every read the app makes of learner data, and the exports (which must import)."""
    paths = [path.slug for path in services.packs.paths()]
    today = date.today()
    for slug in paths:
        services.checklist.checklist(slug)
        services.catalog.resources(slug)
        services.progress.summary(slug)
        services.progress.next_up(slug)
        services.progress.recent_events(limit=50, path_slug=slug)
        services.choosing.rank(slug)
        services.choosing.choice(slug)
        comparison_csv(services.choosing.rank(slug).ranking)
        services.plan.forecast(slug)
        services.plan.progress_over_time(slug, today - timedelta(days=60))
        services.plan.study_days(slug)
        services.studylog.entries(slug)
        services.studylog.weekly_hours(slug)
        services.studylog.daily_minutes(slug)
    services.choosing.situation()
    services.choosing.weights()
    services.plan.settings()
    services.studylog.running_timer()
    services.exchange.catalog_rows()
    services.exchange.time_log_rows()
    services.exchange.calendar_todos(services.plan.calendar_due_dates(paths))
    parse_progress_bytes(services.exchange.export_text().encode("utf-8"), "re-export")
    _dashboard_words(services)


def _dashboard_words(services: Services) -> None:
    """The activity feed as the dashboard words it (Qt's translate needs no window)."""
    from tracker.ui.dashboard.page import describe_event, when

    for event in services.progress.recent_events(limit=50):
        describe_event(event, {})
        when(event.at)


def run_commands(folder: Path) -> None:
    """The CLI's reading commands, as a learner would type them."""
    for command in (["status"], ["compare"], ["situation"], ["offer", "list"]):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli(["--data-dir", str(folder), *command])
        if code != 0:
            raise AssertionError(f"{command} ended with {code}: {err.getvalue()[:300]}")


def fuzz_fields(limit: int | None = None, commands_every: int = 10) -> Tally:
    """Import each mutant into a fresh database; read everything when it is accepted."""
    tally = Tally()
    scratch = Path(tempfile.mkdtemp(prefix="fuzz-fields-"))
    try:
        seed = seed_export(scratch / "seed")
        template = scratch / "template"
        open_services(Settings.resolve(template)).close()
        for index, (kind, path, raw) in enumerate(mutants(seed)):
            if limit is not None and index >= limit:
                break
            tally.tried += 1
            where = ".".join(str(part) for part in path)
            folder = scratch / "case"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            shutil.copy2(template / DATABASE_FILE, folder / DATABASE_FILE)
            file = scratch / "mutant.json"
            file.write_bytes(raw)
            settings = Settings(
                folder, f"sqlite:///{folder / DATABASE_FILE}", automatic_backups=False
            )
            services = open_services(settings)
            try:
                try:
                    services.exchange.import_file(file)
                except TrackerError:
                    tally.refused += 1
                    continue
                tally.accepted += 1
                try:
                    read_everything(services)
                except TrackerError as exc:
                    tally.refused_reading.append(f"{kind} at {where}: {exc}")
            except Exception:
                tally.crashes.append(f"{kind} at {where}:\n{traceback.format_exc(limit=4)}")
                continue
            finally:
                services.close()
            if tally.accepted % commands_every == 0:  # the CLI on every tenth accepted file
                try:
                    run_commands(folder)
                except Exception:
                    tally.crashes.append(f"CLI, {kind} at {where}:\n{traceback.format_exc(4)}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return tally
