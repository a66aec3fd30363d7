"""Settings in one typed object, read from the environment with documented defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

ENV_DATABASE_URL = "COURSESTACK_DATABASE_URL"
ENV_DATA_DIR = "COURSESTACK_DATA_DIR"
DEFAULT_PLAN_TIME_LIMIT = 2.0  # seconds for the MILP before the greedy fallback answers
# The CLI answers one person, who would rather wait than get the greedy fallback: with a few
# plans running at once on two cores the 2 s limit was hit and the plan changed (audit);
# an exact real-catalog plan takes 0.1-0.4 s alone.
CLI_PLAN_TIME_LIMIT = 10.0


@dataclass(frozen=True)
class Settings:
    """`database_url`: SQLAlchemy URL; default a SQLite file in `data_dir`.
    `data_dir`: where the default database and import reject files go
    (default: the platform's user data directory, e.g. ~/.local/share/coursestack)."""

    database_url: str
    data_dir: Path

    @classmethod
    def from_env(cls) -> Settings:
        data_dir = Path(os.environ.get(ENV_DATA_DIR) or user_data_dir("coursestack"))
        url = os.environ.get(ENV_DATABASE_URL) or _default_url(data_dir)
        return cls(database_url=url, data_dir=data_dir)

    def default_database_url(self) -> str:
        """The SQLite file in `data_dir` (whose directory the app may create)."""
        return _default_url(self.data_dir)


def _default_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'coursestack.db'}"
