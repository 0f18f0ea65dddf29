"""Opening the ledger database for the layers above services (the GUI never imports models).

The GUI and other front ends open a :class:`Database` here and run every user action in
``db.transaction(actor)`` or ``db.read()``; the engine itself lives in ``ledger.models``.
The desktop program closes it with :func:`close_ledger`, which marks a clean close so that
the next start skips SQLite's full page check (see :mod:`ledger.models.failures`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session, configure_mappers

from ledger.models.engine import Database, database_url, open_database
from ledger.models.failures import closed_cleanly, integrity_problems, mark_closed_cleanly

if TYPE_CHECKING:
    from ledger.services.verify.rows import Discrepancy

__all__ = ["Database", "check_file", "close_ledger", "create_ledger", "describe", "open_ledger"]


def open_ledger(target: str | Path, *, create: bool = False) -> Database:
    """Open (and migrate) the ledger at a path or URL; a missing file only with ``create``.

    Raises:
        DatabaseError: the file is missing (and not to be created), not a ledger, or not
            usable.
        NewerDatabase: the database was made by a newer version of the program.
    """
    return open_database(target, create=create)


def create_ledger(target: str | Path) -> None:
    """Create a new, empty ledger at ``target`` (the user chose to), and close it again.

    Raises:
        DatabaseError: the file exists and is not a ledger, or cannot be written.
    """
    close_ledger(open_database(target, create=True))


def checks_whole_file(target: str | Path) -> bool:
    """Whether opening ``target`` runs SQLite's full page check: a file that was not closed
    cleanly last time (a crash, a pulled plug). On a large file that takes a minute or more."""
    url = database_url(target)
    if not url.startswith("sqlite:///"):
        return False
    path = Path(url.removeprefix("sqlite:///"))
    return path.is_file() and path.stat().st_size > 0 and not closed_cleanly(path)


def prepare_mappers() -> None:
    """Set the ORM's mappers up now (else the first query does it, on the thread it runs on)."""
    configure_mappers()


def close_ledger(db: Database) -> bool:
    """Close every connection and, for a SQLite file left with no write-ahead log, stamp it
    as closed cleanly; returns whether it was stamped."""
    db.dispose()
    return db.is_sqlite and not db.read_only and mark_closed_cleanly(Path(db.path))


def check_file(session: Session) -> list[Discrepancy]:
    """SQLite's full page check of the database file (nothing to check on a server).

    Raises:
        DatabaseCorrupt: the file is too damaged to be checked at all.
    """
    from ledger.services.verify.rows import Discrepancy

    engine = session.connection().engine
    if engine.dialect.name != "sqlite":
        return []
    path = str(engine.url.database or "")
    return [
        Discrepancy("damaged-page", "(数据库文件)", path, f"数据页损坏：{problem}")
        for problem in integrity_problems(engine, path, limit=20)
    ]


def describe(db: Database) -> str:
    """A short name of the database for people: the file path, or the server URL."""
    return db.path
