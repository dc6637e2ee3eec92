"""Render a PNG of every page into docs/screenshots/, on a fresh data folder with real progress.

Run: QT_QPA_PLATFORM=offscreen python -m tests.gui.render_pages [--out DIR] [--theme light|dark]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from tests.gui.compare_scene import seed_choosing
from tracker.domain.enums import ItemKind
from tracker.ui.application import build_window
from tracker.ui.main_window import MainWindow
from tracker.ui.theme import ThemeMode
from tracker.wiring import Services, Settings, open_services

PAGES = ("dashboard", "prerequisites", "catalog", "compare")


def seed_progress(services: Services, path: str = "flask") -> None:
    """A learner a few weeks in: Python done, web basics half done, some resources on the go."""
    checklist, catalog = services.checklist, services.catalog
    checklist.set_done(path, "python-proficiency", True)
    checklist.set_confidence(path, "python-decorators", 3)
    checklist.set_confidence(path, "python-oop", 4)
    checklist.set_evidence(path, "python-oop", ["https://github.com/pallets/flask"])
    checklist.set_done(path, "html5", True)
    checklist.set_done(path, "css3", True)
    checklist.set_done(path, "version-control-git", True)
    catalog.set_status(path, "flask-quickstart", "done")
    catalog.set_rating(path, "flask-quickstart", 5)
    catalog.set_status(path, "flask-official-tutorial", "in-progress")
    catalog.set_notes(
        path,
        "flask-official-tutorial",
        "Up to 'Blueprints and Views'.\nRe-read the part on the application factory.",
    )
    catalog.set_rating(path, "flask-official-tutorial", 4)
    catalog.set_status(path, "mdn-html", "done")
    catalog.set_status(path, "flask-mega-tutorial", "planned")
    services.studylog.log(
        path, 95, item_kind=ItemKind.RESOURCE, item_slug="flask-official-tutorial"
    )
    services.studylog.log(path, 40, item_kind=ItemKind.RESOURCE, item_slug="flask-quickstart")


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
    window.context.open_services()
    app.processEvents()
    window.prerequisites.select_skill("web-fundamentals")
    window.show_resource("flask-official-tutorial")
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for key in PAGES:
        window.show_page(key)
        # the compare page: options side by side need the room of a large window
        window.resize(*((1480, 1080) if key == "compare" else (1320, 840)))
        app.processEvents()
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
