"""Where the data lives and who is learning: resolved from the command line and the environment.

Deliberately light (no SQLAlchemy, no Qt) so the GUI can read it before its first paint.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tracker.locations import default_data_dir, sqlite_url

DEFAULT_PROFILE = "default"


@dataclass(frozen=True)
class Settings:
    """Where the data lives and who is learning; from the command line or the environment."""

    data_dir: Path
    db_url: str
    profile: str = DEFAULT_PROFILE
    automatic_backups: bool = True

    @classmethod
    def resolve(
        cls,
        data_dir: str | Path | None = None,
        db_url: str | None = None,
        profile: str | None = None,
    ) -> Settings:
        folder = Path(data_dir).expanduser() if data_dir else default_data_dir()
        return cls(folder, db_url or sqlite_url(folder), profile or DEFAULT_PROFILE)
