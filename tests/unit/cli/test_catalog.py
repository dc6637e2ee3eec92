"""The catalog's commands: a resource's status, rating and notes, search, and pack import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_bad_pack_prints_located_problems(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "format: 1\nslug: x\nversion: '1'\ntitle: X\nresources:\n  - slug: r\n"
        "    title: R\n    kind: podcast\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "--data-dir", str(data_dir), "import", str(bad))
    assert code == 1
    assert f"{bad}:8: resources[0].kind: Input should be" in err
    assert "Traceback" not in err


def test_resource_status_rating_and_notes(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    base = ["--data-dir", str(data_dir)]
    assert (
        run(
            capsys,
            *base,
            "resource",
            "mdn-css",
            "--status",
            "done",
            "--rating",
            "4",
            "--notes",
            "Flexbox!",
        )[0]
        == 0
    )
    code, out, _ = run(capsys, *base, "resource", "mdn-css")
    assert code == 0
    assert "status: done" in out and "rating: 4" in out and "notes: Flexbox!" in out
    code, out, _ = run(capsys, *base, "status", "--json")
    assert json.loads(out)["resources"]["done"] == 1


def test_search_finds_words_in_titles_and_my_notes(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    folder = str(data_dir)
    assert (
        main(["--data-dir", folder, "resource", "flask-books", "--notes", "Ask the library"]) == 0
    )
    capsys.readouterr()
    code, out, err = run(capsys, "--data-dir", folder, "search", "LIBRARY")
    assert (code, out) == (0, "flask-books\tBooks on Flask\n")
    assert err.endswith("resources match.\n")
    code, out, _ = run(capsys, "--data-dir", folder, "search", 'flask "tut')
    assert code == 0 and "flask-official-tutorial\t" in out and "flask-books" not in out
