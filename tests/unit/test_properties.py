"""Property tests: export/import round trips, and bad progress files and packs never crash."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.domain.enums import ItemKind
from tracker.errors import InvalidInputError, PackError, TrackerError
from tracker.exchange import parse_progress_bytes
from tracker.locations import DATABASE_FILE, bundled_packs_dir
from tracker.packs.loader import load_pack_bytes
from tracker.wiring import Services, Settings, open_services

PATH = "flask"
RESOURCES = ["flask-official-docs", "flask-official-tutorial", "flask-books", "mdn-html"]
SKILLS = ["html5", "css3", "python-oop", "sql-queries", "command-line"]
FLASK_YAML = (bundled_packs_dir() / "flask.yaml").read_bytes()
SLOW = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]

text = st.text(max_size=60)
actions = st.lists(
    st.one_of(
        st.tuples(
            st.just("status"),
            st.sampled_from(RESOURCES),
            st.sampled_from([None, "planned", "in-progress", "done", "skipped"]),
        ),
        st.tuples(st.just("rating"), st.sampled_from(RESOURCES), st.integers(1, 5)),
        st.tuples(st.just("notes"), st.sampled_from(RESOURCES), text),
        st.tuples(st.just("done"), st.sampled_from(SKILLS), st.booleans()),
        st.tuples(st.just("confidence"), st.sampled_from(SKILLS), st.integers(1, 5)),
        st.tuples(
            st.just("log"),
            st.integers(1, 300),
            text,
            st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 1, 1)),
        ),
        st.tuples(st.just("own"), text, st.sampled_from(["https://example.org/a", ""])),
    ),
    max_size=12,
)


@contextmanager
def fresh(template: Path) -> Iterator[Services]:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        shutil.copy2(template / DATABASE_FILE, folder / DATABASE_FILE)
        services = open_services(Settings(folder, f"sqlite:///{folder / DATABASE_FILE}"))
        try:
            yield services
        finally:
            services.close()


def apply(services: Services, steps: list[tuple[Any, ...]]) -> None:
    for step in steps:
        kind, *args = step
        try:
            if kind == "status":
                services.catalog.set_status(PATH, args[0], args[1])
            elif kind == "rating":
                services.catalog.set_rating(PATH, args[0], args[1])
            elif kind == "notes":
                services.catalog.set_notes(PATH, args[0], args[1])
            elif kind == "done":
                services.checklist.set_done(PATH, args[0], args[1])
            elif kind == "confidence":
                services.checklist.set_confidence(PATH, args[0], args[1])
            elif kind == "log":
                services.studylog.log(
                    PATH,
                    args[0],
                    note=args[1],
                    day=args[2],
                    item_kind=ItemKind.PREREQUISITE,
                    item_slug="html5",
                )
            else:
                services.catalog.add_own_resource(
                    PATH, {"title": args[0], "kind": "article", "url": args[1]}
                )
        except InvalidInputError:
            pass  # a refused input (such as a blank title) is part of the story too


@settings(max_examples=12, deadline=None, suppress_health_check=SLOW)
@given(steps=actions)
def test_export_import_export_is_identical(template_data_dir: Path, steps: list[Any]) -> None:
    with fresh(template_data_dir) as first:
        apply(first, steps)
        exported = first.exchange.export_text()
        data = parse_progress_bytes(exported.encode())
        report = first.exchange.import_progress(data).value  # into itself: nothing new
        assert not report.changed_anything
        assert first.exchange.export_text() == exported
    with fresh(template_data_dir) as second:
        second.exchange.import_progress(data)
        assert second.exchange.export_text() == exported
        second.exchange.import_progress(data)  # twice: still no duplicates
        assert second.exchange.export_text() == exported


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)


def _mutate(document: Any, path: list[int], value: Any) -> Any:
    """Replace one node of ``document`` (chosen by ``path``) with ``value``."""
    if not path or not isinstance(document, dict | list) or not document:
        return value
    keys = list(document) if isinstance(document, dict) else list(range(len(document)))
    key = keys[path[0] % len(keys)]
    copy = dict(document) if isinstance(document, dict) else list(document)
    copy[key] = _mutate(copy[key], path[1:], value)  # type: ignore[index]
    return copy


SAMPLE_EXPORT: dict[str, Any] = {
    "format": "learning-path-tracker-progress",
    "format_version": 1,
    "profile": {"name": "default", "created_at": "2026-01-01T00:00:00"},
    "situation": None,
    "prerequisite_states": [
        {
            "path": "flask",
            "prerequisite": "html5",
            "done": True,
            "changed_at": "2026-01-02T00:00:00",
            "confidence": 3,
            "evidence": ["https://github.com/me/site"],
            "revisit_step": 0,
            "revisit_due": None,
        }
    ],
    "resource_progress": [
        {
            "path": "flask",
            "resource": "flask-books",
            "status": "done",
            "rating": 4,
            "notes": "good",
            "changed_at": "2026-01-02T00:00:00",
        }
    ],
    "own_resources": [
        {
            "path": "flask",
            "slug": "own-a",
            "created_at": "2026-01-02T00:00:00",
            "fields": {"title": "A", "kind": "article", "url": "https://example.org/"},
        }
    ],
    "study_sessions": [
        {"path": "flask", "day": "2026-01-02", "minutes": 30, "note": "x", "item_kind": None}
    ],
    "events": [{"at": "2026-01-02T00:00:00", "action": "resource.status", "new": "done"}],
}


@settings(max_examples=60, deadline=None, suppress_health_check=SLOW)
@given(path=st.lists(st.integers(0, 20), max_size=5), value=json_values)
def test_a_mutated_progress_file_imports_or_is_refused(
    services: Services, path: list[int], value: Any
) -> None:
    raw = json.dumps(_mutate(SAMPLE_EXPORT, path, value)).encode()
    try:
        data = parse_progress_bytes(raw)
    except InvalidInputError:
        return
    with suppress(TrackerError):
        services.exchange.import_progress(data)


@settings(max_examples=40, deadline=None)
@given(raw=st.binary(max_size=2000))
def test_random_bytes_are_never_a_crash_for_either_loader(raw: bytes) -> None:
    with suppress(PackError):
        load_pack_bytes(raw, "random.yaml")
    with suppress(InvalidInputError):
        parse_progress_bytes(raw, "random.json")


@st.composite
def mutated_packs(draw: st.DrawFn) -> bytes:
    lines = FLASK_YAML.split(b"\n")
    for _ in range(draw(st.integers(1, 4))):
        how = draw(st.sampled_from(["delete", "duplicate", "flip", "insert", "indent"]))
        at = draw(st.integers(0, len(lines) - 1))
        if how == "delete":
            del lines[at : at + draw(st.integers(1, 5))]
        elif how == "duplicate":
            lines.insert(at, lines[at])
        elif how == "flip" and lines[at]:
            column = draw(st.integers(0, len(lines[at]) - 1))
            byte = draw(st.integers(0, 255))
            lines[at] = lines[at][:column] + bytes([byte]) + lines[at][column + 1 :]
        elif how == "insert":
            lines.insert(
                at,
                draw(
                    st.sampled_from(
                        [
                            b"- &a [x]",
                            b"  *a",
                            b"!!python/object:os.system x",
                            b"x: {",
                            b"\t- ",
                            b"slug: UPPER CASE",
                            b"url: javascript:alert(1)",
                            b"cost: -5",
                            b"---",
                        ]
                    )
                ),
            )
        elif lines:
            lines[at] = b"   " + lines[at]
        if not lines:
            lines = [b""]
    return b"\n".join(lines)


@settings(max_examples=60, deadline=None)
@given(raw=mutated_packs())
def test_a_mutated_pack_loads_or_gets_a_located_error(raw: bytes) -> None:
    issues = []
    try:
        load_pack_bytes(raw, "flask.yaml")
    except PackError as exc:
        issues = exc.issues
        assert issues  # a refusal always says where
    assert all(issue.file == "flask.yaml" for issue in issues)


# --- merging two machines' histories ------------------------------------------------------------

MERGE_RESOURCES = ["flask-books", "mdn-html"]
MERGE_SKILLS = ["html5", "css3"]
SEPARATOR = "command-line"
"""Ticked back and forth after each step, so no two steps are one typing session."""

Field = tuple[str, str, str]  # (kind, slug, field)

histories = st.lists(
    st.tuples(
        st.sampled_from("AB"),
        st.one_of(
            st.tuples(
                st.just("status"),
                st.sampled_from(MERGE_RESOURCES),
                st.sampled_from([None, "planned", "done"]),
            ),
            st.tuples(
                st.just("rating"), st.sampled_from(MERGE_RESOURCES), st.sampled_from([None, 2, 5])
            ),
            st.tuples(
                st.just("notes"), st.sampled_from(MERGE_RESOURCES), st.sampled_from(["", "a", "b"])
            ),
            st.tuples(st.just("done"), st.sampled_from(MERGE_SKILLS), st.booleans()),
        ),
    ),
    max_size=14,
)

DEFAULTS = {"status": None, "rating": None, "notes": "", "done": False}


def current(services: Services, field: Field) -> Any:
    kind, slug, name = field
    if kind == "skill":
        item = services.checklist.checklist(PATH).find(slug)
        assert item is not None
        return item.own_done
    return getattr(services.catalog.resource(PATH, slug), name)


def change(services: Services, field: Field, value: Any) -> None:
    kind, slug, name = field
    if kind == "skill":
        services.checklist.set_done(PATH, slug, value)
    elif name == "status":
        services.catalog.set_status(PATH, slug, value)
    elif name == "rating":
        services.catalog.set_rating(PATH, slug, value)
    else:
        services.catalog.set_notes(PATH, slug, value)


@settings(max_examples=15, deadline=None, suppress_health_check=SLOW)
@given(steps=histories)
def test_merging_two_histories_keeps_each_fields_newest_change_both_ways(
    template_data_dir: Path, steps: list[Any]
) -> None:
    with fresh(template_data_dir) as a, fresh(template_data_dir) as b:
        machines = {"A": a, "B": b}
        changed: dict[str, dict[Field, tuple[Any, int]]] = {"A": {}, "B": {}}
        for number, (machine, (name, slug, value)) in enumerate(steps):
            services = machines[machine]
            field: Field = ("skill" if name == "done" else "resource", slug, name)
            if current(services, field) != value:
                change(services, field, value)
                changed[machine][field] = (value, number)
            separator: Field = ("skill", SEPARATOR, "done")
            toggled = not current(services, separator)
            change(services, separator, toggled)
            changed[machine][separator] = (toggled, number)
        files = {name: parse_progress_bytes(m.exchange.export_text().encode()) for name, m in
                 machines.items()}  # fmt: skip
        reports = {
            "A": a.exchange.import_progress(files["B"]).value,
            "B": b.exchange.import_progress(files["A"]).value,
        }
        for field in changed["A"].keys() | changed["B"].keys():
            mine, theirs = changed["A"].get(field), changed["B"].get(field)
            newest = max((c for c in (mine, theirs) if c is not None), key=lambda c: c[1])
            for name, services in machines.items():
                assert current(services, field) == newest[0], (name, field)
            if mine is not None and theirs is not None and mine[0] != theirs[0]:
                # changed on both machines: each import names the field and the value not kept
                lost = mine if newest is theirs else theirs
                for report in reports.values():
                    found = [c for c in report.conflicts if c.field == field[2]]
                    assert any(
                        c.item == f"{PATH}/{field[1]}" and (c.kept, c.other) == (newest[0], lost[0])
                        for c in found
                    ), (field, report.conflicts)
