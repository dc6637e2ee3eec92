"""Screenshots of the safety dialogs and the progress report, for docs/screenshots/.

Usage (from the repository root):
    QT_QPA_PLATFORM=offscreen python -m tests.gui.render_safety
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from tests.faults.damage import DAMAGES
from tracker.domain.enums import ItemKind
from tracker.locations import DATABASE_FILE
from tracker.ui.backups_dialog import BackupsDialog
from tracker.ui.check_database_dialog import CheckDatabaseDialog
from tracker.ui.progress_report import report_document
from tracker.ui.recovery_dialog import RecoveryDialog
from tracker.wiring import Settings, check_at_start, open_services

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def main() -> None:
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings.resolve(Path(scratch) / "data")
        services = open_services(settings)
        services.checklist.set_done("flask", "python-proficiency", True)
        services.checklist.set_done("flask", "html5", True)
        services.checklist.set_confidence("flask", "html5", 3)
        services.catalog.set_status("flask", "flask-official-tutorial", "in-progress")
        services.catalog.set_rating("flask", "flask-official-tutorial", 5)
        services.catalog.set_notes("flask", "flask-official-tutorial", "Up to blueprints.")
        services.catalog.set_status("flask", "flask-official-docs", "done")
        services.studylog.log(
            "flask", 50, item_kind=ItemKind.RESOURCE, item_slug="flask-official-tutorial"
        )
        for _ in range(2):
            services.backups.back_up_now()

        dialog = BackupsDialog(services.backups)
        dialog.resize(680, 440)
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(OUT / "backups-dialog.png"))

        check = CheckDatabaseDialog(services.database_check)
        check.show()
        app.processEvents()
        check.grab().save(str(OUT / "check-database-dialog.png"))

        document = report_document(services, "flask")
        document.setPageSize(QSizeF(794, 1123))  # A4 at 96 dpi
        image = QImage(794, 1123, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        document.drawContents(painter)
        painter.end()
        image.save(str(OUT / "progress-report.png"))

        services.close()
        DAMAGES["truncated"](settings.data_dir / DATABASE_FILE, random.Random(5))
        plan = check_at_start(settings)
        assert plan is not None
        recovery = RecoveryDialog(plan)
        recovery.show()
        app.processEvents()
        recovery.grab().save(str(OUT / "recovery-dialog.png"))
        for widget in (dialog, check, recovery):
            widget.close()
            widget.deleteLater()
        app.processEvents()


if __name__ == "__main__":
    main()
