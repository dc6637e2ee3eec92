"""The compare, situation, offer and choose commands, as a learner or a script runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.wiring import Settings, open_services


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_compare_json_has_the_documented_shape(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, _ = run(capsys, data_dir, "compare", "--json")
    payload = json.loads(out)
    assert code == 0
    assert list(payload) == ["ranking"]
    ranking = payload["ranking"]
    assert [item["option"] for item in ranking] == ["Bootcamps", "Structured classes", "Self-study"]
    for item in ranking:
        assert {"option", "score", "reasons", "violations"} <= set(item)
        assert isinstance(item["score"], float)
        assert all(isinstance(text, str) for text in item["reasons"] + item["violations"])
    assert ranking[2]["violations"][0].startswith("assumes 4 required prerequisites")


def test_situation_set_from_the_command_line_changes_the_ranking(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, _ = run(
        capsys,
        data_dir,
        "situation",
        "--hours-per-week",
        "40",
        "--budget",
        "20000",
        "--goal",
        "career-change",
        "--guidance",
        "lots",
        "--weight",
        "career-focus=9",
    )
    assert code == 0
    assert "budget:           $20,000 (USD)" in out
    assert "career-focus 9" in out

    code, out, _ = run(capsys, data_dir, "situation")
    assert "hours per week:   40" in out
    assert "goal:             career-change" in out

    code, out, _ = run(capsys, data_dir, "compare")
    assert code == 0
    assert "\n 1. Bootcamps  [bootcamps]" in out
    assert "Career focus 10/10: career-focused, as a career change needs" in out


def test_a_bad_situation_value_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], data_dir: Path, settings: Settings
) -> None:
    code, out, err = run(capsys, data_dir, "situation", "--hours-per-week", "ten")
    assert (code, out) == (1, "")
    assert err == (
        "learning-tracker: Your situation was not saved. Hours per week: must be a number, "
        "not 'ten'.\n"
    )
    services = open_services(settings)
    try:
        assert services.choosing.situation().hours_per_week is None
    finally:
        services.close()


def test_offer_add_list_choose_and_remove(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    run(capsys, data_dir, "situation", "--hours-per-week", "10", "--budget", "1000")
    code, out, _ = run(
        capsys,
        data_dir,
        "offer",
        "add",
        "--title",
        "Example Bootcamp A",
        "--cost",
        "13000",
        "--hours-per-week",
        "40",
        "--schedule",
        "full-time",
        "--career-services",
        "--url",
        "https://example.com/a",
    )
    assert code == 0
    assert out.startswith("Added Example Bootcamp A [own-example-bootcamp-a]:")
    assert "  ! costs $12,000 over your budget\n" in out
    assert "  ! needs 40 h/week, you have 10\n" in out

    _, out, _ = run(capsys, data_dir, "offer", "list")
    assert out.splitlines()[-1] == "own-example-bootcamp-a\tExample Bootcamp A\tyour offer\t$13,000"
    assert "structured-classes\tStructured classes\tapproach\tcost unknown" in out

    code, out, _ = run(capsys, data_dir, "choose", "own-example-bootcamp-a")
    assert (code, out) == (0, "Recorded your choice: Example Bootcamp A.\n")
    _, out, _ = run(capsys, data_dir, "compare")
    assert "(your offer)  <- my choice" in out

    code, out, _ = run(capsys, data_dir, "offer", "remove", "own-example-bootcamp-a")
    assert (code, out) == (0, "Removed Example Bootcamp A.\n")


def test_offer_add_with_a_bad_link_changes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, _, err = run(capsys, data_dir, "offer", "add", "--title", "X", "--url", "ftp://x")
    assert code == 1
    assert err == (
        "learning-tracker: The offer was not saved. Link: URL scheme must be http or https, "
        "not 'ftp'.\n"
    )
    _, out, _ = run(capsys, data_dir, "offer", "list")
    assert len(out.splitlines()) == 3


def test_offer_edit_choose_clear_and_undo_each(
    capsys: pytest.CaptureFixture[str], data_dir: Path, settings: Settings
) -> None:
    run(capsys, data_dir, "offer", "add", "--title", "Night school", "--cost", "900")
    code, out, _ = run(capsys, data_dir, "offer", "edit", "own-night-school", "--cost", "750")
    assert code == 0 and out.startswith("Changed Night school [own-night-school]:")
    code, _, err = run(capsys, data_dir, "offer", "edit", "bootcamps", "--cost", "1")
    assert (code, err) == (
        1,
        "learning-tracker: 'bootcamps' comes with the path: only your own offers change.\n",
    )
    run(capsys, data_dir, "choose", "own-night-school")
    code, out, _ = run(capsys, data_dir, "choose", "--clear")
    assert (code, out) == (0, "Cleared your choice.\n")

    expected = [
        ("Undid: Clear my choice.\n", "own-night-school", 750),
        ("Undid: Choose Night school.\n", None, 750),
        ("Undid: Edit Night school.\n", None, 900),
    ]
    for message, chosen, cost in expected:
        _, out, _ = run(capsys, data_dir, "undo")
        assert out == message
        services = open_services(settings)
        try:
            choice = services.choosing.choice("flask")
            assert (choice.option_slug if choice else None) == chosen
            assert services.choosing.option("flask", "own-night-school").cost == cost
        finally:
            services.close()
