"""Screenshots of the safety dialogs and the progress report, for docs/screenshots/.

Usage (from the repository root):
    QT_QPA_PLATFORM=offscreen python -m tests.gui.render_safety

Besides each dialog on its own, ``backups.png`` and ``recovery.png`` show the Backups dialog
(File › Backups…) and the Recovery dialog (at start, over the window's frame) as the learner
sees them: over the main window.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSettings, QSizeF
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from tests.faults.damage import DAMAGES
from tests.gui.render_pages import seed_progress
from tracker.app import build_window, open_data
from tracker.domain.enums import ItemKind
from tracker.exchange.pdf import report_document
from tracker.locations import DATABASE_FILE
from tracker.ui.data.backups_dialog import BackupsDialog
from tracker.ui.data.check_database_dialog import CheckDatabaseDialog
from tracker.ui.data.recovery_dialog import RecoveryDialog
from tracker.ui.shell.theme import ThemeMode
from tracker.wiring import Settings, check_at_start, open_services

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def over_window(window: QWidget, dialog: QWidget, file: Path) -> None:
    """Save ``window`` dimmed as a modal dialog leaves it, with ``dialog`` centred on it."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.processEvents()
    base: QPixmap = window.grab()
    top = dialog.grab()
    painter = QPainter(base)
    painter.fillRect(base.rect(), QColor(20, 24, 33, 70))
    ratio = base.devicePixelRatio()
    width, height = round(top.width() / ratio), round(top.height() / ratio)
    corner = QPoint((window.width() - width) // 2, max(40, (window.height() - height) // 2 - 40))
    for spread, alpha in ((12, 6), (8, 9), (5, 12), (2, 18)):  # a soft drop shadow
        painter.fillRect(
            QRect(
                corner.x() - spread,
                corner.y() - spread + 6,
                width + 2 * spread,
                height + 2 * spread,
            ),
            QColor(0, 0, 0, alpha),
        )
    painter.drawPixmap(QRect(corner.x(), corner.y(), width, height), top)
    painter.setPen(QColor(0, 0, 0, 60))  # the window frame a desktop would draw
    painter.drawRect(QRect(corner.x() - 1, corner.y() - 1, width + 1, height + 1))
    painter.end()
    base.save(str(file))


def older_backups(folder: Path, source: Path, days: int) -> None:
    """Daily backups of the days before today, as a learner a week in has them."""
    now = datetime.now(UTC)
    for back in range(1, days + 1):
        taken = (now - timedelta(days=back)).replace(hour=8 + back % 3, minute=12 * back % 60)
        shutil.copy2(source, folder / f"tracker-{taken:%Y%m%d-%H%M%S}-daily.sqlite3")


def render_over_window() -> None:
    """backups.png and recovery.png: the dialogs over the real main window."""
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch) / "learning-path-tracker"
        settings = Settings.resolve(data_dir)
        services = open_services(settings)
        seed_progress(services)
        today = services.backups.backups()[0]  # the daily backup made when it opened
        older_backups(services.backups.folder, today.path, 5)
        services.close()
        ui_settings = QSettings(str(Path(scratch) / "ui.ini"), QSettings.Format.IniFormat)
        ui_settings.setValue("view/theme", ThemeMode.LIGHT.value)
        window = build_window(settings, ui_settings)
        window.resize(1320, 840)
        window.show()
        open_data(window)
        window.show_page("dashboard")
        app.processEvents()
        dialog = window.safety.show_backups()
        assert dialog is not None
        dialog.resize(680, 460)
        dialog.back_up_now()  # "Backed up (… KB)." in the status line
        over_window(window, dialog, OUT / "backups.png")
        dialog.close()
        window.close()
        app.processEvents()

        DAMAGES["truncated"](data_dir / DATABASE_FILE, random.Random(5))
        frame = build_window(settings, ui_settings, lazy=True)  # what paints before the check
        frame.resize(1320, 840)
        frame.show()
        frame.saved_label.setText("Checking your data…")  # as open_data_safely says it
        plan = check_at_start(settings)
        assert plan is not None
        recovery = RecoveryDialog(plan, frame)
        recovery.show()
        over_window(frame, recovery, OUT / "recovery.png")
        recovery.close()
        frame.close()
        frame.deleteLater()
        app.processEvents()


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
    render_over_window()
