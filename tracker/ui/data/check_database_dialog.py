"""The "Check database" dialog: runs the full check and shows a report a learner can read."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker import formatting
from tracker.errors import TrackerError
from tracker.services.safety import DatabaseCheckService, DatabaseReport


class CheckDatabaseDialog(QDialog):
    """Shows the result of "Check database"; "Check again" reruns it, "Copy" copies it."""

    def __init__(self, checker: DatabaseCheckService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._checker = checker
        self.report: DatabaseReport | None = None
        self.setWindowTitle(self.tr("Check database"))
        self.resize(600, 480)

        self.headline = QLabel()
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.headline.setFont(font)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

        again = QPushButton(self.tr("Check again"))
        again.clicked.connect(self.run_check)
        copy = QPushButton(self.tr("Copy report"))
        copy.clicked.connect(self.copy_report)
        close = QPushButton(self.tr("Close"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(again)
        buttons.addWidget(copy)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.headline)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addLayout(buttons)
        self.run_check()

    def run_check(self) -> None:
        try:
            report = self._checker.check()
        except TrackerError as exc:
            self.report = None
            self.headline.setText(self.tr("The check could not run"))
            self.headline.setStyleSheet("color: #b3261e;")
            self.summary.setText(str(exc))
            self.details.setPlainText("")
            return
        self.report = report
        if report.ok:
            self.headline.setText(self.tr("✓ No problems found"))
            self.headline.setStyleSheet("color: #1b6e3a;")
            orphans = len(report.orphans)
            summary = self.tr("Your progress file is intact.")
            if orphans:
                summary += " " + self.tr(
                    "Kept for items no installed path has: %s, shown again when the path is."
                ) % formatting.counted(orphans, "progress entry", "progress entries")
            self.summary.setText(summary)
        elif not report.integrity_ok:
            self.headline.setText(self.tr("Problems found"))
            self.headline.setStyleSheet("color: #b3261e;")
            self.summary.setText(
                self.tr(
                    "The file is damaged. Keep working only after restoring a backup (File > "
                    "Backups…)."
                )
                + " "
                + report.integrity_detail
            )
        else:
            self.headline.setText(self.tr("Problems found"))
            self.headline.setStyleSheet("color: #b3261e;")
            self.summary.setText(
                self.tr(
                    "The file's structure is intact, but %s cannot be read (their text was "
                    "changed on the disk). They are listed below. To get them back, restore a "
                    "backup from before the damage (File > Backups…); your current state is "
                    "backed up first."
                )
                % formatting.counted(report.unreadable_total, "stored row")
            )
        self.details.setPlainText("\n".join(report.lines()))

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())
