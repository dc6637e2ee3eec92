"""The data commands: every export format from the command line, without the widget layer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.cli import main

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.usefixtures("qapp")  # in this process a QApplication, so later widget tests run
@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("json", "me.json"),
        ("csv", "me.csv"),
        ("ics", "me.ics"),
        ("pdf", "me.pdf"),
        ("comparison-csv", "compare.csv"),
        ("comparison-md", "compare.md"),
    ],
)
def test_each_format_is_exported_from_the_command_line(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, name: str
) -> None:
    target = tmp_path / name
    args = ["--data-dir", str(data_dir), "export", "--format", fmt, "-o", str(target)]
    assert main(args) == 0
    assert str(target) in capsys.readouterr().out
    assert target.stat().st_size > 0


def test_the_pdf_export_loads_neither_widgets_nor_the_gui_package(
    data_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.pdf"
    code = (
        "import json, sys\n"
        "from tracker.cli import main\n"
        f"code = main(['--data-dir', {str(data_dir)!r}, 'export', '--format', 'pdf', "
        f"'-o', {str(target)!r}])\n"
        "loaded = [m for m in sys.modules if m.startswith(('tracker.ui', 'PySide6.QtWidgets'))]\n"
        "print(json.dumps({'code': code, 'loaded': loaded}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},  # no display at all
    )
    result = json.loads(done.stdout.splitlines()[-1])
    assert result == {"code": 0, "loaded": []}
    assert target.read_bytes().startswith(b"%PDF-")


def test_the_exchange_imports_no_qt_until_a_pdf_is_asked_for() -> None:
    code = (
        "import sys\n"
        "import tracker.exchange, tracker.exchange.exporting, tracker.cli.data\n"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.startswith('PySide6')}))\n"
        "import tracker.exchange.pdf\n"
        "gui = ('PySide6.QtWidgets', 'tracker.ui')\n"
        "print(sorted(m for m in sys.modules if m.startswith(gui)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.splitlines() == ["[]", "[]"]
