"""Unexpected errors: a crash dialog with details to copy, installed as sys.excepthook."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker import __version__
from tracker.ui.widgets.safe_text import PlainLabel


class TextDetailsDialog(QDialog):
    """A message with details in a read-only box and a Copy button."""

    def __init__(
        self, title: str, message: str, details: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        self.message_label = PlainLabel(message)
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName(QCoreApplication.translate("dialogs", "Message"))
        layout.addWidget(self.message_label)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(QCoreApplication.translate("dialogs", "Details"))
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(QCoreApplication.translate("dialogs", "Copy details"))
        self.copy_button.setAccessibleName(QCoreApplication.translate("dialogs", "Copy details"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


class CrashDialog(TextDetailsDialog):
    """Shown for an unexpected exception: the app stays open, the details can be copied."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("dialogs", "Something went wrong"),
            QCoreApplication.translate(
                "dialogs",
                "An unexpected error happened. Your saved progress is safe: every change is "
                "written to disk when it is made. You can keep working, or copy the details "
                "below into a bug report.",
            ),
            f"Learning Path Tracker {__version__}\nPython {sys.version.split()[0]}\n\n{details}",
            parent,
        )


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]


def install_crash_handler(parent_getter: Callable[[], QWidget | None]) -> ExceptHook:
    """Route uncaught exceptions to a CrashDialog (and stderr); return the previous hook."""
    previous = sys.excepthook
    open_dialogs: list[CrashDialog] = []

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(kind, value, tb))
        sys.stderr.write(details)
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        if QApplication.instance() is None:
            return
        dialog = CrashDialog(details, parent_getter())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        open_dialogs.append(dialog)
        dialog.finished.connect(lambda _result: open_dialogs.remove(dialog))
        dialog.open()

    sys.excepthook = hook
    return previous
