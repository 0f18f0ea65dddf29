"""Opening the ledger database for the layers above services (the GUI never imports models).

The GUI and other front ends open a :class:`Database` here and run every user action in
``db.transaction(actor)`` or ``db.read()``; the engine itself lives in ``ledger.models``.
"""

from __future__ import annotations

from pathlib import Path

from ledger.models.engine import Database, open_database

__all__ = ["Database", "describe", "open_ledger"]


def open_ledger(target: str | Path) -> Database:
    """Open (creating and migrating if needed) the database at a path or URL.

    Raises:
        DatabaseError: the file is not a usable database.
        NewerDatabase: the database was made by a newer version of the program.
    """
    return open_database(target)


def describe(db: Database) -> str:
    """A short name of the database for people: the file path, or the server URL."""
    return db.path
