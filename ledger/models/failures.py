"""What goes wrong with a database file, told in Chinese: damaged, full, read-only, busy.

SQLite reports these as ``OperationalError``/``DatabaseError`` with English text; the engine
turns them into the :class:`~ledger.core.errors.DatabaseError` family here, so the user reads
what happened and what to do, and nothing the program does on the way overwrites the file.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, exc, text

from ledger.core.errors import (
    DatabaseBusy,
    DatabaseCorrupt,
    DatabaseError,
    DiskFull,
    LedgerError,
    ReadOnlyDatabase,
)

_CORRUPT = ("malformed", "not a database", "file is encrypted", "disk i/o error", "corrupt")
_FULL = ("database or disk is full", "disk is full")
_READONLY = ("readonly database", "read-only", "attempt to write a readonly")
_BUSY = ("database is locked", "database table is locked", "busy")


def translate(error: exc.DBAPIError, path: str) -> LedgerError | None:
    """The refusal an environment error of SQLite means, or None when it is a bug."""
    message = str(error.orig).lower()
    if any(word in message for word in _BUSY):
        return DatabaseBusy(path=path)
    if any(word in message for word in _FULL):
        return DiskFull(path=path)
    if any(word in message for word in _READONLY):
        return ReadOnlyDatabase(path=path)
    if any(word in message for word in _CORRUPT):
        return DatabaseCorrupt(path=path, reason=_corrupt_reason(message))
    if "unable to open database file" in message:
        if path and not writable(Path(path)):
            return ReadOnlyDatabase(path=path)
        return DatabaseError(path=path, reason="无法打开数据库文件")
    return None


def _corrupt_reason(message: str) -> str:
    if "not a database" in message or "encrypted" in message:
        return "文件头不是有效的数据库"
    if "i/o" in message:
        return "读取磁盘出错"
    return "数据页损坏"


def writable(path: Path) -> bool:
    """Whether SQLite can write ``path``: the file (if any) and its folder, which holds the
    write-ahead log beside it."""
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)


def check_writable(path: Path) -> None:
    """Refuse a database in a read-only file or folder before anything is tried on it.

    Raises:
        ReadOnlyDatabase: the file or its folder cannot be written.
    """
    if path.parent.exists() and not writable(path):
        raise ReadOnlyDatabase(path=str(path))


def check_integrity(engine: Engine, path: str) -> None:
    """Run SQLite's ``quick_check`` (about 0.1 s per 100 MB) and refuse a damaged file.

    Raises:
        DatabaseCorrupt: a page is damaged; the message names the first problem.
    """
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("PRAGMA quick_check(5)")).scalars().all()
    except exc.DBAPIError as error:
        raise translate(error, path) or DatabaseCorrupt(path=path, reason="数据页损坏") from error
    if rows != ["ok"]:
        first = str(rows[0]).replace("*** in database main ***", "").strip().splitlines()[0]
        raise DatabaseCorrupt(path=path, reason=f"数据页损坏：{first}")
