"""The one place that finds bundled resources (source tree or frozen build) and user data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

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


def data_dir_pointer() -> Path:
    """The file naming the data folder chosen in the settings (absent: the default folder)."""
    from platformdirs import user_config_path  # not needed to find the bundled resources

    return user_config_path(APP_NAME, appauthor=False) / "data-folder.txt"


def chosen_data_dir() -> Path | None:
    """The data folder chosen in the settings, if any."""
    try:
        text = data_dir_pointer().read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return Path(text) if text else None


def choose_data_dir(folder: Path | None) -> None:
    """Use ``folder`` as the data folder from the next start on (``None``: the default)."""
    pointer = data_dir_pointer()
    if folder is None:
        pointer.unlink(missing_ok=True)
        return
    pointer.parent.mkdir(parents=True, exist_ok=True)
    pointer.write_text(str(folder), encoding="utf-8")


def data_dir() -> Path:
    """The user's data folder, created on first use.

    ``LEDGER_DATA_DIR`` overrides it, then the folder chosen in the settings.
    """
    from platformdirs import user_data_path

    override = os.environ.get("LEDGER_DATA_DIR")
    chosen = None if override else chosen_data_dir()
    path = Path(override) if override else chosen or user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database() -> Path:
    """The default SQLite database file in the user's data folder."""
    return data_dir() / "ledger.db"


def demo_database() -> Path:
    """The demo county's own SQLite file in the data folder, apart from the office's."""
    return data_dir() / "demo-county.db"


def is_demo_database(target: str) -> bool:
    """Whether ``target`` is the demo county's file (:func:`demo_database`)."""
    if "://" in target:
        return False
    return Path(target).expanduser().resolve() == demo_database().resolve()


def migrations_dir() -> Path:
    """Alembic's script folder, shipped inside the package (``ledger/migrations`` in a bundle)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "ledger" / "migrations"
    return Path(__file__).resolve().parent / "migrations"
