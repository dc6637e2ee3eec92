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
    """The SQLAlchemy URL of the database in ``data_dir``, any folder name quoted.

    Built without importing SQLAlchemy (this runs before the window's first paint), so that
    SQLAlchemy's ``make_url`` gives back the same path: a ``?``, ``#`` or ``%20`` in a folder
    name stays part of the path instead of starting a query string.
    """
    return sqlite_file_url(data_dir / DATABASE_FILE)


def sqlite_file_url(database: Path) -> str:
    """The SQLAlchemy URL of the SQLite file ``database`` (see ``sqlite_url``).

    Only what a URL would read as syntax is quoted (``%``, ``?``, ``#``); every other
    character stays as the system named it, so a folder name that is not UTF-8 (held as
    surrogate escapes) reaches SQLite as the same bytes.
    """
    return "sqlite:///" + str(database).translate(_URL_SYNTAX)


_URL_SYNTAX = str.maketrans({"%": "%25", "?": "%3F", "#": "%23"})
