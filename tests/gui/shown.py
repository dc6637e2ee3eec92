"""What a window shows the learner right now: its open message box or details dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from tracker.ui.widgets.dialogs import TextDetailsDialog


def message_box(window: QWidget) -> QMessageBox | None:
    """The message box open over ``window`` (the newest, if several), or None."""
    boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    return boxes[-1] if boxes else None


def details_dialog(window: QWidget) -> TextDetailsDialog | None:
    """The report or problems dialog open over ``window`` (the newest), or None."""
    dialogs = [d for d in window.findChildren(TextDetailsDialog) if d.isVisible()]
    return dialogs[-1] if dialogs else None
