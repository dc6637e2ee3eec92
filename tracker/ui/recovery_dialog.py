"""The Recovery dialog shown at start when the database is damaged, and the start-up check."""

from __future__ import annotations

from datetime import UTC

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.errors import TrackerError
from tracker.services.safety import RecoveryChoice, RecoveryPlan, human_size
from tracker.storage.lock import DataFolderLock
from tracker.wiring import Settings, check_at_start, lock_data_folder, recover_database

APP_TITLE = "Learning Path Tracker"


class RecoveryDialog(QDialog):
    """Explains what is wrong and lets the learner pick the newest good backup or a fresh start.

    ``choice`` is the learner's answer once the dialog is accepted; None means quit.
    """

    def __init__(self, plan: RecoveryPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.choice: RecoveryChoice | None = None
        self.setWindowTitle("Learning Path Tracker: recovery")
        self.setMinimumWidth(560)

        heading = QLabel(plan.title)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        heading.setWordWrap(True)
        explanation = QLabel(plan.explanation)
        explanation.setWordWrap(True)
        explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation_label = explanation

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(explanation)

        backup = plan.newest_backup
        self.backup_button: QPushButton | None = None
        self.fresh_button: QPushButton | None = None
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        if plan.choices:
            kept = QLabel(
                "Nothing is deleted: the damaged file is moved to the “damaged” folder next to "
                "your data, where you or a helper can still look at it."
            )
            kept.setWordWrap(True)
            kept.setStyleSheet("color: #555;")
            layout.addWidget(kept)
        quit_button = QPushButton("Quit" if plan.choices else "Close")
        quit_button.clicked.connect(self.reject)
        buttons.addWidget(quit_button)
        if RecoveryChoice.FRESH in plan.choices:
            self.fresh_button = QPushButton("Start fresh")
            self.fresh_button.clicked.connect(lambda: self._choose(RecoveryChoice.FRESH))
            buttons.addWidget(self.fresh_button)
        if RecoveryChoice.USE_BACKUP in plan.choices and backup is not None:
            local = backup.taken_at.replace(tzinfo=UTC).astimezone()
            detail = QLabel(
                f"Your newest good backup is from <b>{local:%A %d %B %Y, %H:%M}</b> "
                f"({human_size(backup.size_bytes)})."
            )
            detail.setWordWrap(True)
            layout.addWidget(detail)
            self.backup_button = QPushButton(f"Use the backup of {local:%d %b %Y}")
            self.backup_button.setDefault(True)
            self.backup_button.clicked.connect(lambda: self._choose(RecoveryChoice.USE_BACKUP))
            buttons.addWidget(self.backup_button)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def _choose(self, choice: RecoveryChoice) -> None:
        self.choice = choice
        self.accept()


def _tell(parent: QWidget | None, icon: QMessageBox.Icon, text: str) -> None:
    """A modal message owned here (not a static QMessageBox), deleted when answered."""
    box = QMessageBox(icon, APP_TITLE, text, QMessageBox.StandardButton.Ok, parent)
    box.exec()
    box.deleteLater()


def recover_at_start(settings: Settings, parent: QWidget | None = None) -> bool:
    """The GUI's start-up check: True to go on opening the app, False to quit.

    Runs the quick integrity check; if the database is damaged (or from a newer version),
    shows the RecoveryDialog and carries out the learner's choice.
    """
    try:
        plan = check_at_start(settings)
    except TrackerError as exc:
        _tell(parent, QMessageBox.Icon.Critical, str(exc))
        return False
    if plan is None:
        return True
    dialog = RecoveryDialog(plan, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    choice = dialog.choice
    dialog.deleteLater()
    if not accepted or choice is None:
        return False
    try:
        result = recover_database(settings, plan, choice)
    except TrackerError as exc:
        _tell(parent, QMessageBox.Icon.Critical, str(exc))
        return False
    _tell(parent, QMessageBox.Icon.Information, result.message)
    return True


def start_safely(settings: Settings, parent: QWidget | None = None) -> DataFolderLock | None:
    """What the GUI does before open_services: take the data-folder lock, then check and recover.

    Returns the held lock (release it when the app quits), or None when the app should quit:
    another instance has the folder (the learner is told so), or the learner chose to quit
    the recovery.
    """
    try:
        lock = lock_data_folder(settings)
    except TrackerError as exc:
        _tell(parent, QMessageBox.Icon.Warning, str(exc))
        return None
    if not recover_at_start(settings, parent):
        lock.release()
        return None
    return lock
