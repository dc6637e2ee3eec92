"""The layers keep their promises: the core imports no Qt, the domain imports no SQL."""

from __future__ import annotations

import ast
import re
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


# --- the import graph, read from the source (every import: top level, typing-only, in functions)


def module_name(file: Path) -> str:
    relative = file.relative_to(PACKAGE.parent).with_suffix("")
    return ".".join(relative.parts).removesuffix(".__init__")


def imports_of(file: Path) -> set[str]:
    """Every tracker module ``file`` imports, wherever the import statement stands."""
    found: set[str] = set()
    package = (
        module_name(file).rsplit(".", 1)[0] if file.name != "__init__.py" else module_name(file)
    )
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    known = {module_name(f) for f in PACKAGE.rglob("*.py")}
    return {name for name in found if name in known and name != module_name(file)}


def import_graph() -> dict[str, set[str]]:
    return {module_name(file): imports_of(file) for file in PACKAGE.rglob("*.py")}


def test_the_import_graph_has_no_cycle() -> None:
    graph = import_graph()
    cycles: list[list[str]] = []
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert cycles == []


def offending_imports(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{module} imports {target}"
        for module, targets in import_graph().items()
        if module.startswith(f"tracker.{folder}")
        for target in targets
        if target.startswith(forbidden)
    )


def test_the_gui_neither_reaches_storage_nor_wires() -> None:
    assert offending_imports("ui", ("tracker.storage", "tracker.wiring")) == []


def test_the_command_line_imports_nothing_of_the_gui() -> None:
    assert offending_imports("cli", ("tracker.ui",)) == []


def test_services_build_no_sql() -> None:
    problems = []
    for file in (PACKAGE / "services").rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
                names = {alias.name for alias in node.names}
                if node.module != "sqlalchemy.orm" or names - {"Session"}:
                    problems.append(f"{file.name}: from {node.module} import {sorted(names)}")
            elif isinstance(node, ast.Import) and any(
                alias.name.startswith("sqlalchemy") for alias in node.names
            ):
                problems.append(f"{file.name}: import sqlalchemy")
    assert problems == []


def test_no_module_is_over_five_hundred_lines() -> None:
    long = {
        module_name(file): count
        for file in PACKAGE.rglob("*.py")
        if (count := len(file.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert long == {}


def test_the_code_explains_itself_not_its_history() -> None:
    pattern = re.compile(r"\bissues? [0-9]+", re.IGNORECASE)
    mentions = [
        f"{file.relative_to(PACKAGE.parent)}:{number}"
        for file in PACKAGE.rglob("*.py")
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert mentions == []
