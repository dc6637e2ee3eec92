"""The Recovery dialog shown at start when the database is damaged, and the start-up check."""

from __future__ import annotations

from datetime import UTC

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker import formatting
from tracker.formatting import counted
from tracker.services.recovery import BackupCandidate, RecoveryChoice, RecoveryPlan

APP_TITLE = "Learning Path Tracker"


class RecoveryDialog(QDialog):
    """Explains what the check found; lets the learner pick a good backup or a fresh start.

    Every good backup is listed with what it holds (ticks, resources, study sessions, changes,
    the last change), newest content first and selected; a date after now is said so.
    ``choice`` is the learner's answer once the dialog is accepted (None: quit, or for a notice
    that only informs, open the data); ``backup_name`` is the backup picked in the list.
    """

    def __init__(self, plan: RecoveryPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.choice: RecoveryChoice | None = None
        self.backup_name: str | None = None
        self.setWindowTitle(self.tr("Learning Path Tracker: recovery"))
        self.setMinimumWidth(640)

        heading = QLabel(plan.title)
        heading.setTextFormat(Qt.TextFormat.PlainText)
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

        self.backup_list: QListWidget | None = None
        self.backup_button: QPushButton | None = None
        self.fresh_button: QPushButton | None = None
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        offers_backup = RecoveryChoice.USE_BACKUP in plan.choices and bool(plan.candidates)
        if offers_backup:
            intro = QLabel(
                self.tr("Good backups, newest content first. Pick the one to go back to:")
            )
            intro.setWordWrap(True)
            layout.addWidget(intro)
            self.backup_list = QListWidget()
            self.backup_list.setWordWrap(True)
            self.backup_list.setAlternatingRowColors(True)
            for candidate in plan.candidates:
                item = QListWidgetItem(_candidate_text(candidate))
                item.setData(Qt.ItemDataRole.UserRole, candidate.name)
                item.setToolTip(str(candidate.backup.path))
                self.backup_list.addItem(item)
            self.backup_list.setCurrentRow(0)
            layout.addWidget(self.backup_list, 1)
        if plan.choices:
            kept = QLabel(
                self.tr(
                    "Nothing is deleted: the damaged file is kept in the “damaged” folder next "
                    "to your data, where you or a helper can still look at it."
                )
            )
            kept.setWordWrap(True)
            kept.setStyleSheet("color: #555;")
            layout.addWidget(kept)
        quit_button = QPushButton(
            self.tr("Quit") if plan.choices or plan.can_open else self.tr("Close")
        )
        quit_button.clicked.connect(self.reject)
        buttons.addWidget(quit_button)
        if plan.can_open:
            open_button = QPushButton(self.tr("Open my data"))
            open_button.setDefault(True)
            open_button.clicked.connect(self.accept)
            buttons.addWidget(open_button)
        if RecoveryChoice.FRESH in plan.choices:
            self.fresh_button = QPushButton(self.tr("Start fresh"))
            self.fresh_button.clicked.connect(lambda: self._choose(RecoveryChoice.FRESH))
            buttons.addWidget(self.fresh_button)
        if offers_backup:
            self.backup_button = QPushButton(self.tr("Use the selected backup"))
            self.backup_button.setDefault(True)
            self.backup_button.clicked.connect(lambda: self._choose(RecoveryChoice.USE_BACKUP))
            buttons.addWidget(self.backup_button)
        if not offers_backup:
            layout.addStretch(1)
        layout.addLayout(buttons)

    def selected_backup(self) -> str | None:
        """The name of the backup picked in the list (the newest content unless changed)."""
        if self.backup_list is None or self.backup_list.currentItem() is None:
            return None
        return str(self.backup_list.currentItem().data(Qt.ItemDataRole.UserRole))

    def _choose(self, choice: RecoveryChoice) -> None:
        self.choice = choice
        self.backup_name = self.selected_backup() if choice is RecoveryChoice.USE_BACKUP else None
        self.accept()


def _candidate_text(candidate: BackupCandidate) -> str:
    """One backup in words: when (local time), what it holds, and a wrong date said so."""
    local = candidate.backup.taken_at.replace(tzinfo=UTC).astimezone()
    contents = candidate.contents
    last = contents.last_change
    when = f"{last.replace(tzinfo=UTC).astimezone():%d %b %Y, %H:%M}" if last else ""
    changes = (
        _translate("%s, the last %s") % (counted(contents.events, "change"), when)
        if last
        else _translate("no changes yet")
    )
    lines = [
        f"{local:%A %d %B %Y, %H:%M} ({formatting.size(candidate.backup.size_bytes)})",
        _translate("%s ticked · %s with progress · %s (%s h) · %s")
        % (
            counted(contents.ticks, "skill"),
            counted(contents.resources, "resource"),
            counted(contents.study_sessions, "study session"),
            f"{contents.study_minutes / 60:.1f}",
            changes,
        ),
    ]
    if candidate.stamped_in_future:
        lines.append(_translate("⚠ Dated after now: the clock was set ahead when it was taken."))
    if contents.changes_after_now:
        lines.append(
            _translate("⚠ %s in it dated after now.")
            % counted(contents.changes_after_now, "change")
        )
    return "\n".join(lines)


def _translate(text: str) -> str:
    return QCoreApplication.translate("RecoveryDialog", text)


def _tell(parent: QWidget | None, icon: QMessageBox.Icon, text: str) -> None:
    """A modal message owned here (not a static QMessageBox), deleted when answered."""
    box = QMessageBox(icon, APP_TITLE, text, QMessageBox.StandardButton.Ok, parent)
    box.exec()
    box.deleteLater()
