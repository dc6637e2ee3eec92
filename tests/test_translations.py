"""Qt's own translation tools find every string of the GUI under the context it is looked up in."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "tracker"


def lupdate() -> Path:
    found = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    assert found is not None, "pyside6-lupdate comes with PySide6-Essentials"
    return Path(found)


def extracted(tmp_path: Path, *folders: Path) -> dict[str, list[str]]:
    """Context -> source texts, as pyside6-lupdate finds them in ``folders`` (the package)."""
    files = sorted(str(file) for folder in folders or (PACKAGE,) for file in folder.rglob("*.py"))
    ts = tmp_path / "tracker.ts"
    subprocess.run(
        [str(lupdate()), *files, "-ts", str(ts)], check=True, capture_output=True, text=True
    )
    contexts: dict[str, list[str]] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        contexts[name] = [message.findtext("source") or "" for message in context.iter("message")]
    return contexts


def test_no_string_lands_under_an_empty_context(tmp_path: Path) -> None:
    contexts = extracted(tmp_path)
    assert contexts.get("", []) == []
    assert sum(len(texts) for texts in contexts.values()) > 400


def test_a_string_is_found_under_the_context_the_app_looks_it_up_in(tmp_path: Path) -> None:
    contexts = extracted(tmp_path)
    assert "&Undo" in contexts["MainWindow"]
    assert (
        "Tick what you already know. Sub-skills add up to their skill."
        in contexts["PrerequisitesPage"]
    )


def test_the_core_marks_its_sentences_under_the_context_it_says_them_in(tmp_path: Path) -> None:
    contexts = extracted(tmp_path, PACKAGE / "domain", PACKAGE / "services")
    assert "All {total} estimated hours of work are done." in contexts["Forecast"]
    assert (
        "At your pace of {pace} h/week (over the last {weeks}) you finish on {day}, "
        "{span} after your target; {left} h of estimated work left." in contexts["Forecast"]
    )
    assert "fits your target date ({left} away)" in contexts["Choosing"]
    assert "{best} fits you best ({score}/100)." in contexts["Choosing"]
    assert "Tick {title}" in contexts["Checklist"]
    assert "There is nothing to undo." in contexts["Operations"]
    assert contexts.get("", []) == []
