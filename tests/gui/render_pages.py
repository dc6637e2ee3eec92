"""Render a PNG of every page into docs/screenshots/, on a fresh data folder with real progress.

The learner has five months of study history (tests/gui/history.py), a plan, a revisit due and
a timer running; the dashboard is rendered at its full height, charts included.

Run: QT_QPA_PLATFORM=offscreen python -m tests.gui.render_pages [--out DIR] [--dark]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from datetime import timedelta

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from tests.gui.compare_scene import seed_choosing
from tests.gui.history import make_revisit_due, seed_history
from tracker.app import build_window, open_data
from tracker.clock import local_today, utcnow
from tracker.ui.dashboard.timer_control import TimerControl
from tracker.ui.shell.main_window import MainWindow
from tracker.ui.shell.theme import ThemeMode
from tracker.wiring import Services, Settings, open_services

PAGES = ("dashboard", "prerequisites", "catalog", "compare")


TIMER_MINUTES = 42


def seed_progress(services: Services, path: str = "flask") -> None:
    """Five months in: most skills ticked, a few resources done or on the go, a plan, a
    revisit due, and a timer running on the official tutorial."""
    today = local_today()
    situation = services.plan.settings()
    seed_history(services, today)  # five months of study, with a plan of 5 h/week
    if situation.hours_per_week:  # keep the situation the compare page was seeded with
        services.plan.set_plan(situation.hours_per_week, situation.target_date)
    make_revisit_due(services, "css3", today - timedelta(days=2))
    checklist, catalog = services.checklist, services.catalog
    checklist.set_evidence(path, "python-oop", ["https://github.com/pallets/flask"])
    catalog.set_rating(path, "flask-quickstart", 5)
    catalog.set_status(path, "flask-official-tutorial", "in-progress")
    catalog.set_notes(
        path,
        "flask-official-tutorial",
        "Up to 'Blueprints and Views'.\nRe-read the part on the application factory.",
    )
    catalog.set_rating(path, "flask-official-tutorial", 4)
    catalog.set_status(path, "flask-mega-tutorial", "planned")
    services.studylog.start_timer(
        path, "resource", "flask-official-tutorial", now=utcnow() - timedelta(minutes=TIMER_MINUTES)
    )


def fit_to_page(app: QApplication, window: MainWindow, key: str) -> None:
    """Make the window as tall as the page's content (the dashboard and compare scroll)."""
    window.resize(1320, 840)
    app.processEvents()
    page = window.page(key)
    area = getattr(page, "scroll_area", None)
    if key == "dashboard":
        window.dashboard.progress.build_charts()  # else built 300 ms after the data shows
        app.processEvents()
    if key == "compare":
        window.resize(1480, 1080)
        app.processEvents()
    elif area is not None:
        for _ in range(3):  # wrapped text and charts settle their heights over a few passes
            area.fit_content()
            app.processEvents()
            chrome = window.height() - area.viewport().height()
            window.resize(1320, max(840, area.widget().minimumHeight() + chrome))
            app.processEvents()


def render(out: Path, data_dir: Path, theme: ThemeMode, suffix: str = "") -> list[Path]:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    settings = Settings.resolve(data_dir)
    if not (data_dir / "tracker.sqlite3").exists():
        services = open_services(settings)
        seed_choosing(services)  # first, so the dashboard's recent activity shows progress
        seed_progress(services)
        services.close()
    ui_settings = QSettings(str(data_dir / "ui.ini"), QSettings.Format.IniFormat)
    ui_settings.setValue("view/theme", theme.value)
    window: MainWindow = build_window(settings, ui_settings)
    window.resize(1320, 840)
    window.show()
    open_data(window)
    clock_start = utcnow()
    TimerControl.of(window.context).clock = lambda: clock_start + timedelta(seconds=17)
    app.processEvents()
    window.prerequisites.select_skill("web-fundamentals")
    window.show_resource("flask-official-tutorial")
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for key in PAGES:
        window.show_page(key)
        # the dashboard is shown whole; compare's options side by side need a large window
        fit_to_page(app, window, key)
        file = out / f"{key}{suffix}.png"
        window.grab().save(str(file))
        files.append(file)
    window.close()
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--dark", action="store_true", help="also render the dark theme")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for file in render(args.out, Path(folder), ThemeMode.LIGHT):
            print(file)
        if args.dark:
            for file in render(args.out, Path(folder), ThemeMode.DARK, "-dark"):
                print(file)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
