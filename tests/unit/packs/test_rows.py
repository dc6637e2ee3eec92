"""Resources validated as rows (the fast path of big packs) say exactly what the models say."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from benchmarks.packgen import pack_dict
from tracker.errors import PackError
from tracker.locations import bundled_packs_dir
from tracker.packs import loader
from tracker.packs.schema import PackSpec


def model_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [r.model_dump(mode="json") for r in PackSpec.model_validate(data).resources]


@pytest.mark.parametrize(
    "data",
    [
        yaml.safe_load((bundled_packs_dir() / "flask.yaml").read_text(encoding="utf-8")),
        pack_dict(300, seed=3),
    ],
    ids=["flask", "generated"],
)
def test_rows_are_the_models_dumped(data: dict[str, Any]) -> None:
    pack = loader.load_pack_bytes(json.dumps(data, default=str).encode(), "pack.json")
    assert [dict(row) for row in pack.resource_rows] == model_rows(data)
    assert [list(row) for row in pack.resource_rows] == [list(row) for row in model_rows(data)]
    assert pack.spec == PackSpec.model_validate(data)


BAD_RESOURCES = [
    {"slug": "Not A Slug", "title": "x", "kind": "book"},
    {"slug": "ok", "title": "   ", "kind": "book"},
    {"slug": "ok", "title": "x", "kind": "podcast"},
    {"slug": "ok", "title": "x", "kind": "book", "url": "ftp://example.org"},
    {"slug": "ok", "title": "x", "kind": "book", "url": "https://"},
    {"slug": "ok", "title": "x", "kind": "book", "cost": -1},
    {"slug": "ok", "title": "x", "kind": "book", "currency": "usd"},
    {"slug": "ok", "title": "x", "kind": "book", "tags": ["t"] * 51},
    {"slug": "ok", "title": "x", "kind": "book", "tags": "flask"},
    {"slug": "ok", "title": "x", "kind": "book", "colour": "red"},
    {"slug": "ok", "title": "x", "kind": "book", "level": "expert", "format": "radio"},
    {"title": "x"},
]


@pytest.mark.parametrize("resource", BAD_RESOURCES)
def test_a_bad_resource_gets_the_models_message(resource: Any) -> None:
    data = {"format": 1, "slug": "demo", "version": "1", "title": "", "resources": [resource]}
    with pytest.raises(ValidationError) as by_model:
        PackSpec.model_validate(data)
    expected = loader._validation_issues(by_model.value.errors(include_url=False), "p", None)
    with pytest.raises(PackError) as by_rows:
        loader.load_pack_bytes(json.dumps(data).encode(), "p")
    assert by_rows.value.issues == expected
    assert any(issue.field == "title" for issue in expected)  # header and rows both reported


def test_a_resource_that_is_not_a_mapping() -> None:
    data = {"format": 1, "slug": "d", "version": "1", "title": "D", "resources": ["flask"]}
    with pytest.raises(PackError) as caught:
        loader.load_pack_bytes(json.dumps(data).encode(), "p")
    assert [(i.field, i.message) for i in caught.value.issues] == [
        ("resources[0]", "a resource must be a mapping (key: value)")
    ]


def test_resources_that_are_not_a_list() -> None:
    data = {"format": 1, "slug": "d", "version": "1", "title": "D", "resources": "many"}
    with pytest.raises(PackError) as caught:
        loader.load_pack_bytes(json.dumps(data).encode(), "p")
    assert [(i.field, i.message) for i in caught.value.issues] == [
        ("resources", "Input should be a valid list")
    ]
