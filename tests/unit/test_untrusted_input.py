"""A progress file from elsewhere can't add non-web links, escape its slugs, or exhaust memory.

(Packs: tags and aliases, non-web URLs and the size limit are in tests/unit/packs/test_loader.py.)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import database_snapshot
from tracker import exchange
from tracker.cli import main
from tracker.errors import InvalidInputError
from tracker.wiring import Services


def progress(**parts: Any) -> dict[str, Any]:
    return {
        "format": "learning-path-tracker-progress",
        "format_version": 1,
        "profile": {"name": "default", "created_at": "2026-01-01T00:00:00"},
        **parts,
    }


def refused(services: Services, tmp_path: Path, data: dict[str, Any] | bytes) -> str:
    before = database_snapshot(services.settings.data_dir)
    file = tmp_path / "untrusted.json"
    file.write_bytes(data if isinstance(data, bytes) else json.dumps(data).encode())
    with pytest.raises(InvalidInputError) as caught:
        services.exchange.import_file(file)
    assert database_snapshot(services.settings.data_dir) == before
    return str(caught.value)


OWN = {"path": "flask", "slug": "own-x", "created_at": "2026-01-01T00:00:00"}


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>", "https://"]
)
def test_own_resources_and_offers_may_only_link_to_the_web(
    services: Services, tmp_path: Path, url: str
) -> None:
    message = refused(
        services,
        tmp_path,
        progress(own_resources=[{**OWN, "fields": {"title": "x", "kind": "article", "url": url}}]),
    )
    assert "own_resources.0.fields.url" in message
    message = refused(
        services,
        tmp_path,
        progress(
            own_offers=[{**OWN, "fields": {"title": "x", "approach": "bootcamp", "url": url}}]
        ),
    )
    assert "own_offers.0.fields.url" in message


def test_evidence_links_must_be_web_links(services: Services, tmp_path: Path) -> None:
    state = {
        "path": "flask",
        "prerequisite": "html5",
        "done": True,
        "changed_at": "2026-01-02T00:00:00",
        "evidence": ["https://github.com/me/site", "file:///home/me/.ssh/id_rsa"],
    }
    message = refused(services, tmp_path, progress(prerequisite_states=[state]))
    assert "prerequisite_states.0.evidence.1" in message and "'file'" in message


def test_slugs_cannot_carry_paths_or_markup(services: Services, tmp_path: Path) -> None:
    entry = {
        "path": "../../etc",
        "resource": "<img src=x>",
        "status": "done",
        "changed_at": "2026-01-02T00:00:00",
    }
    message = refused(services, tmp_path, progress(resource_progress=[entry]))
    assert "resource_progress.0.path" in message and "resource_progress.0.resource" in message


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    services: Services, tmp_path: Path
) -> None:
    big = tmp_path / "huge.json"
    with big.open("wb") as handle:  # sparse: no disk space used
        handle.truncate(exchange.MAX_PROGRESS_FILE_BYTES + 1)
    with pytest.raises(InvalidInputError, match="progress files are limited to"):
        services.exchange.import_file(big)


def test_a_file_of_many_tiny_values_is_refused_before_it_is_parsed(
    services: Services, tmp_path: Path
) -> None:
    head = b'{"format": "learning-path-tracker-progress", "format_version": 1, "x": ['
    raw = head + b"[]," * exchange.MAX_JSON_VALUES + b"[]]}"  # 15 MB of text, 1 GB as objects
    message = refused(services, tmp_path, raw)
    assert f"{exchange.MAX_JSON_VALUES:,} at most" in message


def test_deep_nesting_is_refused(services: Services, tmp_path: Path) -> None:
    raw = b'{"format": "learning-path-tracker-progress", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    assert "nested" in refused(services, tmp_path, raw)


def test_an_oversized_log_entry_is_refused(services: Services, tmp_path: Path) -> None:
    event = {"at": "2026-01-02T00:00:00", "action": "resource.notes", "new": "x" * 300_000}
    message = refused(services, tmp_path, progress(events=[event]))
    assert "events.0.new: String should have at most 100000 characters" in message


def test_unknown_fields_and_wrong_types_are_located(services: Services, tmp_path: Path) -> None:
    entry = {"path": "flask", "resource": "r", "status": "finished", "changed_at": "yesterday"}
    message = refused(services, tmp_path, progress(resource_progress=[entry], extra=1))
    assert "resource_progress.0.status" in message
    assert "resource_progress.0.changed_at" in message
    assert "extra" in message


# --- what Python's own parsers cannot read, through the real command line -----------------------

PACK_HEAD = "format: 1\nslug: odd\nversion: '1'\ntitle: Odd\n"
DEEP = 3000


def cli(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        (
            "huge.yaml",
            PACK_HEAD
            + "prerequisites:\n  - slug: a\n    title: A\n    estimate_hours: "
            + "9" * 5000,
            "huge.yaml:8: invalid YAML: a number with more than 4,300 digits",
        ),
        (
            "huge.json",
            '{"format": 1, "slug": "odd", "version": "1",\n "title": "Odd", "offers": [{"cost": '
            + "9" * 5000
            + "}]}",
            "huge.json:2: a number with more than 4,300 digits",
        ),
        (
            "deep.json",
            '{"format": 1,\n "description": ' + "[" * DEEP + "]" * DEEP + "}",
            "deep.json:2: nested deeper than 64 levels",
        ),
        (
            "deep.yaml",
            PACK_HEAD + "description: " + "[" * DEEP + "]" * DEEP,
            "deep.yaml:5: invalid YAML",
        ),
        (
            "zone.yaml",
            PACK_HEAD + "source:\n  title: S\n  published: 2001-12-14t21:59:43.10+99:00\n",
            "zone.yaml:7: invalid YAML: '2001-12-14t21:59:43.10+99:00' is not a valid date",
        ),
        (
            "no-such-day.yaml",
            PACK_HEAD + "source:\n  title: S\n  published: 2026-02-30\n",
            "no-such-day.yaml:7: invalid YAML: '2026-02-30' is not a valid date",
        ),
        (
            "infinite.json",
            '{"format": 1, "slug": "odd", "version": "1", "title": "Odd",\n'
            ' "offers": [{"slug": "o", "title": "O", "approach": "bootcamp", "cost": 1e400}]}',
            "offers[0].cost: Input should be a finite number",
        ),
    ],
)
def test_a_pack_python_cannot_parse_gets_a_located_message(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    text: str,
    where: str,
) -> None:
    assert cli(data_dir, "paths") == 0
    before = database_snapshot(data_dir)
    pack = tmp_path / name
    pack.write_text(text, encoding="utf-8")
    assert cli(data_dir, "import", str(pack)) == 1
    err = capsys.readouterr().err
    assert "The pack was not imported" in err and where in err
    assert "Traceback" not in err
    assert database_snapshot(data_dir) == before


def progress_text(**parts: Any) -> str:
    return json.dumps(progress(**parts), indent=1)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            progress_text(profile={"name": "d", "created_at": "9999-12-31T23:59:59-01:00"}),
            "profile.created_at: this time is out of range once converted to UTC",
        ),
        (
            progress_text(profile={"name": "d", "created_at": "0001-01-01T00:30:00+01:00"}),
            "profile.created_at: this time is out of range once converted to UTC",
        ),
        (
            progress_text(events=[{"at": "9000-01-01T00:00:00", "action": "profile.created"}]),
            "events.0.at: must lie between the years 1900 and 2999",
        ),
        (
            progress_text(study_sessions=[]).replace(
                '"study_sessions": []',
                '"study_sessions": [{"path": "flask", "day": "2026-01-02", "minutes": '
                + "9" * 5000
                + "}]",
            ),
            "odd.json:8: a number with more than 4,300 digits",
        ),
        (
            progress_text(events=[]).replace(
                '"events": []', '"events": ' + "[" * DEEP + "]" * DEEP
            ),
            "odd.json:8: nested deeper than 32 levels",
        ),
        (
            progress_text(resource_progress=[]).replace(
                '"resource_progress": []',
                '"resource_progress": [{"path": "flask", "resource": "x", "notes": "\\ud800",'
                ' "changed_at": "2026-01-02T00:00:00"}]',
            ),
            "resource_progress.0.notes: the text holds a lone surrogate",
        ),
    ],
)
def test_a_progress_file_python_cannot_parse_gets_a_located_message(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, where: str
) -> None:
    assert cli(data_dir, "paths") == 0
    before = database_snapshot(data_dir)
    file = tmp_path / "odd.json"
    file.write_text(text, encoding="utf-8")
    assert cli(data_dir, "import-progress", str(file)) == 1
    err = capsys.readouterr().err
    assert "odd.json" in err and where in err and "imported" in err
    assert "Traceback" not in err
    assert database_snapshot(data_dir) == before
