"""The layers keep their promises: the core imports no Qt, the domain imports no SQL."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "tracker"


def modules_under(*folders: str) -> list[str]:
    names = []
    for folder in folders:
        for file in sorted((PACKAGE / folder).rglob("*.py")):
            relative = file.relative_to(PACKAGE.parent).with_suffix("")
            names.append(".".join(relative.parts).removesuffix(".__init__"))
    return names


def imported_after(modules: list[str]) -> set[str]:
    """Top-level packages present in sys.modules after importing ``modules`` in a fresh process."""
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print('\\n'.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PACKAGE.parent
    )
    return set(done.stdout.split())


def test_the_core_imports_no_qt() -> None:
    core = modules_under("domain", "packs", "storage", "services")
    core += [*modules_under("cli"), "tracker.wiring", "tracker.errors", "tracker.locations"]
    loaded = imported_after(core)
    assert not {name for name in loaded if name.startswith(("PySide6", "shiboken6", "pyqtgraph"))}


def test_the_domain_imports_neither_qt_nor_sql() -> None:
    loaded = imported_after(modules_under("domain"))
    assert "sqlalchemy" not in loaded
    assert "PySide6" not in loaded
