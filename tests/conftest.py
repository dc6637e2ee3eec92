"""Shared fixtures: a real SQLite database per test, copied from a template made once."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tracker.locations import DATABASE_FILE
from tracker.wiring import Services, Settings, open_services


@pytest.fixture(scope="session")
def template_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the schema migrated and the shipped packs installed."""
    folder = tmp_path_factory.mktemp("template")
    services = open_services(Settings.resolve(folder))
    services.close()
    return folder


@pytest.fixture
def data_dir(tmp_path: Path, template_data_dir: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy2(template_data_dir / DATABASE_FILE, folder / DATABASE_FILE)
    return folder


@pytest.fixture
def settings(data_dir: Path) -> Settings:
    return Settings.resolve(data_dir)


@pytest.fixture
def services(settings: Settings) -> Iterator[Services]:
    opened = open_services(settings)
    yield opened
    opened.close()
