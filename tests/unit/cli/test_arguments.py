"""A bad argument, given to a real process as the shell passes it, is named and changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import database_snapshot

FAR_TOO_MANY = "9" * 5000  # more digits than Python converts to a number
SHOWN = "'" + "9" * 40 + "…'"  # how a message quotes it: cut short

# (arguments, exit code, what the message must say); b"..." is a byte string of the shell's
CASES: list[tuple[list[str | bytes], int, str]] = [
    (["resource", "mdn-css", "--notes", b"\xff"], 2, "argument --notes: holds the byte 0xff"),
    (["log", "5", "--note", b"caf\xe9"], 2, "argument --note: holds the byte 0xe9"),
    (["log", "5", "--on", b"\xed\xa0\x80"], 2, "argument --on: holds the byte 0xed"),
    (["timer", "start", "--on", b"\xc3"], 2, "argument --on: holds the byte 0xc3"),
    (["offer", "remove", b"\xff"], 2, "argument slug: holds the byte 0xff"),
    (["check", b"\xff"], 2, "argument slug: holds the byte 0xff"),
    (["search", "flask", b"\xfe"], 2, "argument words: holds the byte 0xfe"),
    (["--profile", b"\xff", "status"], 2, "argument --profile: holds the byte 0xff"),
    (["--profile", "", "status"], 2, "argument --profile: give a name"),
    (["--profile", ""], 2, "argument --profile: give a name"),  # no command: before the app opens
    (["--profile", b"\xff"], 2, "argument --profile: holds the byte 0xff"),
    (["situation", "--weight", "cost=" + FAR_TOO_MANY], 1, "--weight 'cost=9999"),
    (["log", "99999999999999999999"], 2, "argument MINUTES: 99999999999999999999 is out of range"),
    (["log", FAR_TOO_MANY], 2, f"argument MINUTES: {SHOWN} is out of range"),
    (["log", "0"], 2, "argument MINUTES: 0 is out of range; give a whole number from 1 to 1440"),
    (["log", "-5"], 2, "argument MINUTES: -5 is out of range"),
    (["log", "5", "--date", "2026-02-30"], 2, "argument --date: '2026-02-30' is not a date"),
    (["timer", "stop", "--minutes", "-1"], 2, "argument --minutes: -1 is out of range"),
    (["plan", "--hours-per-week", "nan"], 2, "argument --hours-per-week: 'nan' is out of range"),
    (["plan", "--hours-per-week", "inf"], 2, "argument --hours-per-week: 'inf' is out of range"),
    (["plan", "--hours-per-week", "1e400"], 2, "give a number more than 0 and at most 100"),
    (["plan", "--hours-per-week", "-3"], 2, "argument --hours-per-week: '-3' is out of range"),
    (["resource", "mdn-css", "--rating", FAR_TOO_MANY], 2, f"argument --rating: {SHOWN} is out"),
    (["revisited", "html5", "--confidence", "6"], 2, "argument --confidence: 6 is out of range"),
    (["export", "-o", ""], 2, "argument -o/--output: give a name, not an empty string"),
    (["import-progress", ""], 2, "argument file: give a name, not an empty string"),
    (
        ["--db-url", "not a url", "status"],
        2,
        "argument --db-url: 'not a url' is not a database URL",
    ),
    (["restore", "x" * 5000], 1, "learning-tracker: File name too long: 'xxxxx"),
]


def run(data_dir: Path, arguments: list[str | bytes]) -> subprocess.CompletedProcess[bytes]:
    """The CLI in its own process; LEARNING_TRACKER_HOME points at a folder that must stay away."""
    given = [os.fsencode(a) if isinstance(a, str) else a for a in arguments]
    if given[0] != b"--data-dir":
        given = [b"--data-dir", os.fsencode(data_dir), *given]
    environment = {**os.environ, "LEARNING_TRACKER_HOME": str(data_dir.parent / "elsewhere")}
    return subprocess.run(
        [sys.executable.encode(), b"-m", b"tracker", *given],
        capture_output=True,
        env=environment,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    CASES,
    ids=[" ".join(str(a)[:24] for a in case[0]) for case in CASES],
)
def test_a_bad_argument_is_named_and_changes_nothing(
    data_dir: Path, arguments: list[str | bytes], code: int, message: str
) -> None:
    before = database_snapshot(data_dir)
    done = run(data_dir, arguments)
    err = done.stderr.decode()
    assert "Traceback" not in err
    assert done.returncode == code
    assert message in err
    assert len(err) < 2000  # a megabyte argument is not echoed back whole
    assert database_snapshot(data_dir) == before


def test_an_empty_data_folder_is_refused_not_read_as_the_default_one(data_dir: Path) -> None:
    done = run(data_dir, ["--data-dir", "", "check", "html5"])
    assert done.returncode == 2
    assert "argument --data-dir: give a name, not an empty string" in done.stderr.decode()
    assert not (data_dir.parent / "elsewhere").exists()


def test_a_folder_name_that_is_not_utf8_still_works(data_dir: Path, tmp_path: Path) -> None:
    """File and folder names are bytes to the system: only text that is stored must be UTF-8."""
    folder = os.fsencode(tmp_path) + b"/caf\xe9"
    done = run(data_dir, ["--data-dir", folder, "check", "html5"])
    assert (done.returncode, done.stderr) == (0, b"")
    assert b"Ticked HTML5." in done.stdout
    assert os.path.exists(folder)
