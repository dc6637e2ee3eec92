"""A progress file from elsewhere can't add non-web links, escape its slugs, or exhaust memory.

(Packs: tags and aliases, non-web URLs and the size limit are in test_pack_loader.py.)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import database_snapshot
from tracker.errors import InvalidInputError
from tracker.services import exchange
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
