"""The screenshot script renders every page, with real data, as a non-empty PNG."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

SCRIPT = Path(__file__).resolve().parent.parent / "render_pages.py"


@pytest.mark.slow
def test_every_page_renders_to_a_png(qtbot: QtBot, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("render_screenshots", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["render_screenshots"] = module
    spec.loader.exec_module(module)
    data = tmp_path / "data"
    data.mkdir()

    files = module.render(tmp_path / "shots", data, module.ThemeMode.LIGHT)

    assert [file.name for file in files] == [
        "dashboard.png",
        "prerequisites.png",
        "catalog.png",
        "compare.png",
    ]
    for file in files:
        image = QImage(str(file))
        assert image.width() >= 1200 and image.height() >= 800
        # more than a blank frame: a page full of text has many distinct colours
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, 400, 7)}
        assert len(colours) > 20
