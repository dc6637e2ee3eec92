"""Storage fixtures: a generated catalog with a learner's progress on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.storage.catalog_data import seed
from tracker.wiring import Services


@pytest.fixture
def seeded(services: Services, tmp_path: Path) -> Services:
    """A 400-resource catalog with notes, own resources and an archived resource."""
    return seed(services, tmp_path)
