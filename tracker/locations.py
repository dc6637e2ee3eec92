"""Where things live: the shipped resources and migrations, and the learner's data folder."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "learning-path-tracker"
DATA_DIR_ENV = "LEARNING_TRACKER_HOME"
DATABASE_FILE = "tracker.sqlite3"

_PACKAGE_DIR = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    """A top-level folder of the repository, or its copy inside an installed wheel."""
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def resources_dir() -> Path:
    return _shipped("resources")


def bundled_packs_dir() -> Path:
    return resources_dir() / "paths"


def migrations_dir() -> Path:
    return _shipped("db")


def default_data_dir() -> Path:
    """LEARNING_TRACKER_HOME if set, else the platform's per-user data folder."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / DATABASE_FILE}"
