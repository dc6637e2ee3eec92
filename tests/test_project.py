"""The promises of the README: the CI runs its test command, and the wheel carries its data."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    fence = lines.index("```sh")
    return lines[fence + 1 : lines.index("```", fence)]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    commands = readme_commands()
    assert len(commands) == 2
    assert commands[1] == ci_lines[-1]


def test_the_wheel_ships_packs_schema_and_migrations(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
    )
    wheel = next(tmp_path.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "tracker/_data/resources/paths/flask.yaml" in names
    assert "tracker/_data/resources/schema/pack-1.schema.json" in names
    assert "tracker/_data/db/env.py" in names
    assert any(name.startswith("tracker/_data/db/versions/0001_") for name in names)
