"""Save screenshots of the progress widgets with a seeded history (docs/screenshots/).

Run from the repository root: QT_QPA_PLATFORM=offscreen python -m tests.gui.screenshots
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QVBoxLayout, QWidget

from tests.gui.history import seed_history
from tracker.clock import local_today, utcnow
from tracker.ui.dashboard.charts import ProgressChartsWidget
from tracker.ui.dashboard.revisits import RevisitsWidget
from tracker.ui.dashboard.studylog_editor import StudyLogEditor
from tracker.ui.dashboard.timer import StudyTimerWidget
from tracker.ui.dashboard.timer_control import TimerControl
from tracker.ui.shell.context import AppContext
from tracker.wiring import Settings, open_services

TODAY = date(2026, 11, 25)


def palette(dark: bool) -> QPalette:
    """A plain Fusion palette, light or dark, standing in for the app's theme."""
    colors = (
        {"window": "#16181f", "base": "#1e2129", "alt": "#232731", "text": "#e6e8ef"}
        if dark
        else {"window": "#f5f6fa", "base": "#ffffff", "alt": "#f8f9fc", "text": "#1d2433"}
    )
    result = QPalette()
    role = QPalette.ColorRole
    for name, roles in (
        ("window", (role.Window, role.Button)),
        ("base", (role.Base,)),
        ("alt", (role.AlternateBase,)),
        ("text", (role.Text, role.WindowText, role.ButtonText)),
    ):
        for one in roles:
            result.setColor(one, QColor(colors[name]))
    return result


def main(out_dir: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setStyle(QStyleFactory.create("Fusion"))
    out_dir.mkdir(parents=True, exist_ok=True)
    services = open_services(Settings.resolve(Path(tempfile.mkdtemp())))
    seed_history(services, TODAY)
    services.plan.set_streaks_enabled(True)
    for dark, suffix in ((False, ""), (True, "-dark")):
        app.setPalette(palette(dark))
        charts = ProgressChartsWidget()
        charts.show_series(services.progress.charts("flask", today=TODAY))
        host = QWidget()
        QVBoxLayout(host).addWidget(charts)
        host.setAutoFillBackground(True)
        host.resize(1200, 780)
        host.show()
        app.processEvents()
        host.grab().save(str(out_dir / f"dashboard-charts{suffix}.png"))
        charts.save_png("calendar", out_dir / f"chart-study-days{suffix}.png")
        host.close()

    app.setPalette(palette(False))
    started = utcnow() - timedelta(minutes=42, seconds=17)
    services.studylog.start_timer("flask", "resource", "flask-quickstart", now=started)
    context = AppContext(services.settings)
    context.attach(services)
    TimerControl.of(context).clock = lambda: started + timedelta(minutes=42, seconds=17)
    snapshot = services.progress.dashboard("flask")
    timer = StudyTimerWidget(context)
    timer.show_state("flask", snapshot.timer, snapshot.timer_items)
    timer_host = QWidget()
    QVBoxLayout(timer_host).addWidget(timer)
    timer_host.resize(560, 150)
    timer_host.show()
    app.processEvents()
    timer_host.grab().save(str(out_dir / "study-timer.png"))

    revisits = RevisitsWidget(context, today=local_today() + timedelta(days=4))
    revisits.show_scheduled("flask", services.revisits.scheduled("flask"))
    revisits_host = QWidget()
    QVBoxLayout(revisits_host).addWidget(revisits)
    revisits_host.resize(500, 240)
    revisits_host.show()
    revisits.list.setCurrentRow(0)
    app.processEvents()
    revisits_host.grab().save(str(out_dir / "revisits-due.png"))

    editor = StudyLogEditor(context, "flask")
    editor.resize(760, 520)
    editor.show()
    editor.table.selectRow(1)
    app.processEvents()
    editor.grab().save(str(out_dir / "study-log.png"))
    services.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
