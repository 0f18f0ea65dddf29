"""The one place that finds bundled resources (source tree or frozen build) and user data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "emergency-ledger"


def resources_dir() -> Path:
    """The ``resources/`` folder: beside the package, or inside the bundle when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    """A path below ``resources/``."""
    return resources_dir().joinpath(*parts)


def data_dir() -> Path:
    """The user's data folder (``LEDGER_DATA_DIR`` overrides it), created on first use."""
    override = os.environ.get("LEDGER_DATA_DIR")
    path = Path(override) if override else user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database() -> Path:
    """The default SQLite database file in the user's data folder."""
    return data_dir() / "ledger.db"


def migrations_dir() -> Path:
    """Alembic's script folder, shipped inside the package (``ledger/migrations`` in a bundle)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "ledger" / "migrations"
    return Path(__file__).resolve().parent / "migrations"
