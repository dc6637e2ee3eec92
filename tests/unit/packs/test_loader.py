"""Every kind of bad pack gets a located message and leaves the database as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.helpers import database_snapshot
from tracker.errors import PackError
from tracker.locations import bundled_packs_dir, resources_dir
from tracker.packs import loader
from tracker.packs.loader import load_pack_bytes, load_pack_file
from tracker.packs.schema import PackSpec
from tracker.wiring import Services

GOOD_PACK = """\
format: 1
slug: demo
version: "1"
title: Demo
prerequisites:
  - slug: basics
    title: Basics
    children:
      - slug: part-one
        title: Part one
resources:
  - slug: docs
    title: The docs
    kind: documentation
    url: https://example.org/docs
    teaches: [part-one]
"""


def write(tmp_path: Path, text: str | bytes, name: str = "pack.yaml") -> Path:
    file = tmp_path / name
    if isinstance(text, bytes):
        file.write_bytes(text)
    else:
        file.write_text(text, encoding="utf-8")
    return file


def refused(services: Services, file: Path) -> PackError:
    """Import ``file``, expect a PackError, and check that nothing in the database changed."""
    before = database_snapshot(services.settings.data_dir)
    with pytest.raises(PackError) as caught:
        services.packs.import_file(file)
    assert database_snapshot(services.settings.data_dir) == before
    return caught.value


def test_a_good_pack_imports(services: Services, tmp_path: Path) -> None:
    report = services.packs.import_file(write(tmp_path, GOOD_PACK)).value
    assert report.path_slug == "demo"
    assert "resource docs" in report.added
    assert [p.slug for p in services.packs.paths()] == ["demo", "flask"]


def test_malformed_yaml_names_the_line(services: Services, tmp_path: Path) -> None:
    text = GOOD_PACK.replace("title: Part one", "title: [Part one")
    error = refused(services, write(tmp_path, text))
    issue = error.issues[0]
    assert "invalid YAML" in issue.message
    assert issue.line is not None and issue.line >= 10
    assert str(tmp_path / "pack.yaml") in str(error)


def test_missing_required_field_is_located(services: Services, tmp_path: Path) -> None:
    text = GOOD_PACK.replace("    title: The docs\n", "")
    error = refused(services, write(tmp_path, text))
    assert [(i.field, i.message, i.line) for i in error.issues] == [
        ("resources[0].title", "required field is missing", 12)
    ]


def test_unknown_kind_lists_what_was_expected(services: Services, tmp_path: Path) -> None:
    text = GOOD_PACK.replace("kind: documentation", "kind: podcast")
    issue = refused(services, write(tmp_path, text)).issues[0]
    assert issue.field == "resources[0].kind"
    assert issue.line == 14
    assert "'documentation'" in issue.message and "'bootcamp'" in issue.message


def test_duplicate_slugs_are_refused(services: Services, tmp_path: Path) -> None:
    text = GOOD_PACK.replace("slug: part-one", "slug: basics")
    text = text.replace("teaches: [part-one]", "teaches: [basics]")
    issue = refused(services, write(tmp_path, text)).issues[0]
    assert "duplicate prerequisite slug 'basics'" in issue.message
    assert issue.field == "prerequisites[0].children[0].slug"
    assert issue.line == 9


def test_reference_to_an_unknown_slug(services: Services, tmp_path: Path) -> None:
    text = GOOD_PACK.replace("teaches: [part-one]", "teaches: [part-two]")
    issue = refused(services, write(tmp_path, text)).issues[0]
    assert issue.message == "unknown prerequisite 'part-two'"
    assert issue.field == "resources[0].teaches[0]"


def test_a_cycle_in_prerequisite_nesting(services: Services, tmp_path: Path) -> None:
    text = GOOD_PACK.replace(
        "prerequisites:\n",
        "prerequisites:\n  - {slug: a, title: A, parent: b}\n  - {slug: b, title: B, parent: a}\n",
    )
    issues = refused(services, write(tmp_path, text)).issues
    assert {i.message for i in issues} == {
        "prerequisite 'a' is its own ancestor (a cycle in parent links)",
        "prerequisite 'b' is its own ancestor (a cycle in parent links)",
    }
    assert {i.field for i in issues} == {"prerequisites[0].parent", "prerequisites[1].parent"}


def test_a_url_that_is_not_http(services: Services, tmp_path: Path) -> None:
    text = GOOD_PACK.replace("https://example.org/docs", "javascript:alert(1)")
    issue = refused(services, write(tmp_path, text)).issues[0]
    assert issue.field == "resources[0].url"
    assert "http or https" in issue.message and "'javascript'" in issue.message


def test_a_file_that_is_not_utf8(services: Services, tmp_path: Path) -> None:
    raw = GOOD_PACK.replace("The docs", "Les donn\u00e9es").encode("latin-1")
    issue = refused(services, write(tmp_path, raw)).issues[0]
    assert issue.message.startswith("not UTF-8 text")
    assert issue.line == 13


def test_an_oversized_file(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "MAX_PACK_BYTES", 100)
    issue = refused(services, write(tmp_path, GOOD_PACK)).issues[0]
    assert issue.message == f"file is {len(GOOD_PACK.encode()):,} bytes; packs are limited to 100"


def test_yaml_aliases_cannot_blow_up_memory(services: Services, tmp_path: Path) -> None:
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n'
    issue = refused(services, write(tmp_path, bomb)).issues[0]
    assert "aliases" in issue.message and issue.line == 1  # where the reused node stands


def test_yaml_tags_cannot_run_code(services: Services, tmp_path: Path) -> None:
    text = GOOD_PACK + "evil: !!python/object/apply:os.system ['echo pwned']\n"
    issue = refused(services, write(tmp_path, text)).issues[0]
    assert "invalid YAML" in issue.message and "python/object" in issue.message


def test_duplicate_yaml_keys_are_refused(services: Services, tmp_path: Path) -> None:
    issue = refused(services, write(tmp_path, GOOD_PACK + "title: Again\n")).issues[0]
    assert issue.message == "invalid YAML: duplicate key 'title'"


def test_an_unsupported_format_version(services: Services, tmp_path: Path) -> None:
    issue = refused(services, write(tmp_path, GOOD_PACK.replace("format: 1", "format: 2"))).issues[
        0
    ]
    assert issue.message == "unsupported pack format 2; this app reads format 1"


def test_a_missing_file(services: Services, tmp_path: Path) -> None:
    issue = refused(services, tmp_path / "nope.yaml").issues[0]
    assert issue.message.startswith("cannot read the file")


def test_json_packs_are_read_too() -> None:
    data = yaml.safe_load(GOOD_PACK)
    pack = load_pack_bytes(json.dumps(data).encode(), "pack.json")
    assert pack.spec.resources[0].teaches == ["part-one"]


def test_the_flask_pack_is_valid_and_complete() -> None:
    pack = load_pack_file(bundled_packs_dir() / "flask.yaml").spec
    top = {p.slug: p for p in pack.prerequisites}
    assert [slug for slug, p in top.items() if p.required] == [
        "python-proficiency",
        "web-fundamentals",
        "http-rest",
        "databases-sql",
    ]
    assert [slug for slug, p in top.items() if not p.required] == [
        "version-control-git",
        "command-line",
    ]
    assert [c.slug for c in top["python-proficiency"].children] == [
        "python-oop",
        "python-decorators",
        "python-packaging",
    ]
    approaches = next(c for c in pack.comparisons if c.slug == "learning-approaches")
    assert [s.title for s in approaches.subjects] == [
        "Self-Study",
        "Structured Classes",
        "Bootcamps",
    ]
    assert [(r.title, [c.text for c in r.cells.values()]) for r in approaches.rows] == [
        ("Timeline", ["Flexible", "Semester-based", "Intensive months"]),
        ("Prerequisites", ["Must have", "Often included", "Usually covered"]),
        ("Career Focus", ["Variable", "Academic", "Professional"]),
        ("Support Level", ["Self-directed", "Instructor-led", "Mentor-guided"]),
    ]
    assert approaches.recommendation.startswith("Choose based on your current skill level")
    facts = {f.slug: f for f in pack.facts}
    assert len(facts["developer-adoption"].claims) == 2
    assert "13%" in facts["developer-adoption"].claims[0].text
    assert "15%" in facts["developer-adoption"].claims[1].text
    salaries = " ".join(c.text for c in facts["flask-salaries"].claims)
    assert "$120,000 to $140,000" in salaries and "$106,000 to $115,000" in salaries
    urls = {r.slug: r.url for r in pack.resources}
    assert urls["flask-official-docs"] == "https://flask.palletsprojects.com/"
    assert urls["youtube-video-tutorials"] == ""  # the article names no specific series


def test_the_published_json_schema_matches_the_loader() -> None:
    published = json.loads((resources_dir() / "schema" / "pack-1.schema.json").read_text())
    assert published == PackSpec.model_json_schema()
