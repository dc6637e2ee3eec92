"""Escape sequences in a pack's titles or the learner's notes never reach the terminal raw."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.terminal import inert

# Retitles the window, clears the screen, an 8-bit CSI (colours), and a right-to-left override.
HOSTILE = "\x1b]0;pwned\x07 \x1b[2J \x9b31m \u202eevil"
RAW = ("\x1b", "\x07", "\x9b", "\u202e")
RAW_BYTES = (b"\x1b", b"\x07", "\x9b".encode(), "\u202e".encode())

PACK = {
    "format": 1,
    "slug": "hostile",
    "version": "1",
    "title": f"Café {HOSTILE}",
    "prerequisites": [
        {
            "slug": "basics",
            "title": f"Basics {HOSTILE}",
            "children": [{"slug": "part-one", "title": f"Part one {HOSTILE}"}],
        }
    ],
    "resources": [
        {
            "slug": "docs",
            "title": f"Docs {HOSTILE}",
            "kind": "documentation",
            "url": f"https://example.org/{HOSTILE}",
            "teaches": ["part-one"],
        }
    ],
}


@pytest.fixture
def hostile_dir(data_dir: Path, tmp_path: Path) -> Path:
    """A data folder with the hostile pack installed and hostile notes and offer of the learner."""
    pack = tmp_path / "hostile.json"
    pack.write_text(json.dumps(PACK), encoding="utf-8")
    base = ["--data-dir", str(data_dir)]
    assert main([*base, "import", str(pack)]) == 0
    assert main([*base, "resource", "docs", "--path", "hostile", "--notes", HOSTILE]) == 0
    assert main([*base, "offer", "add", "--path", "hostile", "--title", f"Mine {HOSTILE}"]) == 0
    return data_dir


COMMANDS = [
    "paths",
    "status --path hostile",
    "status --path hostile --json",
    "resource docs --path hostile",
    "search docs --path hostile",
    "compare --path hostile",
    "compare --path hostile --json",
    "offer list --path hostile",
    "check part-one --path hostile",
    "log 5 --on docs --path hostile",
    "timer start --on docs --path hostile",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_no_command_prints_a_control_character_raw(
    capsys: pytest.CaptureFixture[str], hostile_dir: Path, command: str
) -> None:
    capsys.readouterr()
    assert main(["--data-dir", str(hostile_dir), *command.split()]) == 0
    out, err = capsys.readouterr()
    for character in RAW:
        assert character not in out + err
    assert "\\u001b]0;pwned\\u0007" in out  # shown, not dropped: the learner sees what is there


def test_an_error_that_repeats_an_argument_prints_no_control_character_raw(
    capsys: pytest.CaptureFixture[str], hostile_dir: Path
) -> None:
    capsys.readouterr()
    assert main(["--data-dir", str(hostile_dir), "timer", "start", "--on", HOSTILE]) == 1
    out, err = capsys.readouterr()
    assert "no prerequisite or resource" in err
    for character in RAW:
        assert character not in out + err


def test_json_output_stays_valid_and_holds_the_stored_text(
    capsys: pytest.CaptureFixture[str], hostile_dir: Path
) -> None:
    capsys.readouterr()
    assert main(["--data-dir", str(hostile_dir), "status", "--path", "hostile", "--json"]) == 0
    out = capsys.readouterr().out
    assert not any(character in out for character in RAW)
    titles = [item["title"] for item in json.loads(out)["checklist"]]
    assert titles == [f"Basics {HOSTILE}"]


def test_a_real_process_writes_no_control_character_to_its_terminal(hostile_dir: Path) -> None:
    command = [sys.executable, "-m", "tracker", "--data-dir", str(hostile_dir)]
    for arguments in (["status"], ["resource", "docs"], ["compare"], ["status", "--json"]):
        done = subprocess.run(
            [*command, arguments[0], "--path", "hostile", *arguments[1:]],
            capture_output=True,
            check=True,
        )
        assert b"Traceback" not in done.stderr
        for raw in RAW_BYTES:
            assert raw not in done.stdout + done.stderr
        assert b"\\u001b]0;pwned\\u0007" in done.stdout


def test_a_terminal_that_is_not_utf8_gets_escapes_not_a_traceback(hostile_dir: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "--data-dir", str(hostile_dir), "paths"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert b"Caf\\xe9 \\u001b]0;pwned\\u0007 \\u001b[2J \\u009b31m \\u202eevil" in done.stdout


STEERING = (
    [chr(c) for c in range(0x20) if chr(c) not in "\n\t"]
    + ["\x7f"]
    + [chr(c) for c in range(0x80, 0xA0)]
    + [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
    + ["\u200b", "\u200e", "\u200f", "\u061c", "\ufeff", "\u2028", "\u2029", "\U000e0001"]
    + ["\udcff"]  # a byte that was not UTF-8, as Python hands it over
)


@pytest.mark.parametrize("character", STEERING, ids=lambda c: f"U+{ord(c):04X}")
def test_every_character_that_steers_a_terminal_is_shown_as_an_escape(character: str) -> None:
    shown = inert(f"a{character}b")
    assert character not in shown
    assert shown.isascii() and shown.startswith("a\\u") and shown.endswith("b")


def test_layout_and_ordinary_text_pass_unchanged() -> None:
    text = "Ticked Übung\tжурнал 学习 😀 👩\u200d💻 a\u200cb\n  next line – “quoted”"
    assert inert(text) == text


def test_escaped_json_decodes_to_the_original_text() -> None:
    original = "".join(STEERING) + '\\ " é'
    encoded = inert(json.dumps({"title": original}, ensure_ascii=False))
    assert not any(character in encoded for character in STEERING)
    assert json.loads(encoded) == {"title": original}
