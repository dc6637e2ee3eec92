"""The installed Qt binding keeps reference counts straight, so a long session cannot crash.

PySide6 6.12.0 on CPython 3.11 dropped a reference to None on every void method call, so a
few thousand clicks or chart redraws aborted the interpreter ("none_dealloc"). pyproject.toml
excludes that release; this test catches any installed binding that does it again.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


def test_void_qt_calls_keep_the_reference_counts_of_none_and_bools(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    path = QPainterPath()
    before = {
        name: sys.getrefcount(value)
        for name, value in (("None", None), ("True", True), ("False", False))
    }
    for _ in range(2000):
        widget.setEnabled(True)
        widget.update()
        path.moveTo(1.0, 2.0)
    after = {
        name: sys.getrefcount(value)
        for name, value in (("None", None), ("True", True), ("False", False))
    }
    drift = {name: after[name] - before[name] for name in before}
    assert all(abs(change) < 100 for change in drift.values()), drift
