"""Dialogs: keyboard shortcuts, about, import reports and pack errors, own resources."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracker import __version__
from tracker.domain.enums import Level, ResourceFormat, ResourceKind
from tracker.ui.shell.crash import TextDetailsDialog
from tracker.ui.widgets.labels import humanize
from tracker.ui.widgets.safe_text import PlainLabel

SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Ctrl+1", "Dashboard"),
    ("Ctrl+2", "Prerequisites"),
    ("Ctrl+3", "Catalog"),
    ("Ctrl+4", "Compare"),
    ("Ctrl+F", "Search the catalog"),
    ("Ctrl+Z", "Undo the last change"),
    ("Ctrl+Shift+Z / Ctrl+Y", "Redo"),
    ("Ctrl+O", "Import a learning-path pack"),
    ("Space", "Tick or untick the selected prerequisite"),
    ("F1", "This list of shortcuts"),
    ("Ctrl+Q", "Quit"),
)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("dialogs", "Keyboard shortcuts"))
        self.setAccessibleName(QCoreApplication.translate("dialogs", "Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        table = QTableWidget(len(SHORTCUTS), 2)
        table.setAccessibleName(QCoreApplication.translate("dialogs", "Shortcut list"))
        table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("dialogs", "Keys"),
                QCoreApplication.translate("dialogs", "Does"),
            ]
        )
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (keys, what) in enumerate(SHORTCUTS):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(QCoreApplication.translate("dialogs", what)))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, 420)


def about_text() -> str:
    return QCoreApplication.translate(
        "dialogs",
        "<h3>Learning Path Tracker {version}</h3>"
        "<p>Track what you learn, offline: tick off prerequisites, work through a catalog of "
        "resources with your own notes, and compare the ways to learn.</p>"
        "<p>Your data stays in one local SQLite file. No account.</p>",
    ).replace("{version}", __version__)


class AddResourceDialog(QDialog):
    """The learner's own resource: title, link, kind, provider, cost, hours, format, level."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("dialogs", "Add my own resource"))
        self.setAccessibleName(QCoreApplication.translate("dialogs", "Add my own resource"))
        form = QFormLayout(self)
        self.title_edit = QLineEdit()
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://")
        self.provider_edit = QLineEdit()
        self.kind_combo = QComboBox()
        for kind in ResourceKind:
            self.kind_combo.addItem(
                QCoreApplication.translate("dialogs", humanize(kind.value)), kind.value
            )
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(ResourceKind.ARTICLE.value))
        self.format_combo = QComboBox()
        for fmt in ResourceFormat:
            self.format_combo.addItem(
                QCoreApplication.translate("dialogs", humanize(fmt.value)), fmt.value
            )
        self.level_combo = QComboBox()
        for level in Level:
            self.level_combo.addItem(
                QCoreApplication.translate("dialogs", humanize(level.value)), level.value
            )
        self.cost_spin = QDoubleSpinBox()
        self.cost_spin.setRange(0, 1_000_000)
        self.cost_spin.setDecimals(0)
        self.cost_spin.setPrefix("$")
        self.hours_spin = QDoubleSpinBox()
        self.hours_spin.setRange(0, 10_000)
        self.hours_spin.setDecimals(1)
        self.hours_spin.setSpecialValueText(QCoreApplication.translate("dialogs", "unknown"))
        self.hours_spin.setSuffix(" h")
        for label, widget in (
            (QCoreApplication.translate("dialogs", "&Title"), self.title_edit),
            (QCoreApplication.translate("dialogs", "&Link"), self.url_edit),
            (QCoreApplication.translate("dialogs", "&Kind"), self.kind_combo),
            (QCoreApplication.translate("dialogs", "&Provider"), self.provider_edit),
            (QCoreApplication.translate("dialogs", "&Cost"), self.cost_spin),
            (QCoreApplication.translate("dialogs", "&Hours"), self.hours_spin),
            (QCoreApplication.translate("dialogs", "&Format"), self.format_combo),
            (QCoreApplication.translate("dialogs", "L&evel"), self.level_combo),
        ):
            widget.setAccessibleName(label.replace("&", ""))
            form.addRow(label, widget)
        self.error_label = PlainLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("Muted")
        form.addRow(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.resize(460, 0)

    def fields(self) -> dict[str, Any]:
        return {
            "title": self.title_edit.text().strip(),
            "url": self.url_edit.text().strip(),
            "kind": self.kind_combo.currentData(),
            "provider": self.provider_edit.text().strip(),
            "cost": self.cost_spin.value(),
            "duration_hours": self.hours_spin.value() or None,
            "format": self.format_combo.currentData(),
            "level": self.level_combo.currentData(),
        }

    def _check(self) -> None:
        if not self.title_edit.text().strip():
            self.error_label.setText(QCoreApplication.translate("dialogs", "A title is needed."))
            self.title_edit.setFocus()
            return
        self.accept()


def show_lines(parent: QWidget | None, title: str, message: str, lines: Sequence[str]) -> QDialog:
    """A non-blocking dialog listing ``lines`` (an import report, a pack's problems)."""
    dialog = TextDetailsDialog(title, message, "\n".join(lines), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
