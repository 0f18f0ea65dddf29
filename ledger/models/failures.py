"""What goes wrong with a database file, told in Chinese: damaged, full, read-only, busy.

SQLite reports these as ``OperationalError``/``DatabaseError`` with English text; the engine
turns them into the :class:`~ledger.core.errors.DatabaseError` family here, so the user reads
what happened and what to do, and nothing the program does on the way overwrites the file.

The full page check (``quick_check``, seconds on a large file) runs on open only when the file
may have been damaged: when the program did not close it cleanly last time. A clean close
(the desktop program's) writes a stamp beside the file, ``ledger.db.clean``, holding the
file's size and modification time once the last connection closed and SQLite removed its
write-ahead log. An open finds the file clean when the stamp matches and no log is left over;
anything else (a crash, a pulled plug, a file changed or copied in since, no stamp) means the
full check first. The check also runs on demand (系统 → 校验台账, its first step).
"""

from __future__ import annotations

import json
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
    """Run SQLite's ``quick_check`` (about 0.5 s per 100 MB) and refuse a damaged file.

    Raises:
        DatabaseCorrupt: a page is damaged; the message names the first problem.
    """
    problems = integrity_problems(engine, path)
    if problems:
        raise DatabaseCorrupt(path=path, reason=f"数据页损坏：{problems[0]}")


def integrity_problems(engine: Engine, path: str, limit: int = 5) -> list[str]:
    """The first ``limit`` problems SQLite's ``quick_check`` finds in the file (none: sound).

    Raises:
        DatabaseCorrupt: the file is too damaged to be checked at all.
    """
    try:
        with engine.connect() as connection:
            rows = connection.execute(text(f"PRAGMA quick_check({int(limit)})")).scalars().all()
    except exc.DBAPIError as error:
        raise translate(error, path) or DatabaseCorrupt(path=path, reason="数据页损坏") from error
    if rows == ["ok"]:
        return []
    return [_first_line(str(row)) for row in rows]


def _first_line(row: str) -> str:
    lines = row.replace("*** in database main ***", "").strip().splitlines()
    return lines[0] if lines else row


#: The stamp beside a cleanly closed database file: ``ledger.db`` → ``ledger.db.clean``.
CLEAN_SUFFIX = ".clean"


def clean_stamp(path: Path) -> Path:
    """Where the clean-close stamp of a database file lives."""
    return path.with_name(path.name + CLEAN_SUFFIX)


def _log_left(path: Path) -> bool:
    return path.with_name(path.name + "-wal").exists()


def _fingerprint(path: Path) -> dict[str, int]:
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def closed_cleanly(path: Path) -> bool:
    """Whether the file is exactly as the program left it at its last clean close.

    False when there is no stamp, the file's size or modification time changed since it was
    written, or a write-ahead log is left over (a crash, or another program has it open).
    """
    try:
        stamp = json.loads(clean_stamp(path).read_text(encoding="utf-8"))
        return not _log_left(path) and stamp == _fingerprint(path)
    except (OSError, ValueError):
        return False


def mark_closed_cleanly(path: Path) -> bool:
    """Write the clean-close stamp once every connection to ``path`` is closed.

    Nothing is written when SQLite's write-ahead log is still there (another program keeps
    the file open), or the folder cannot be written. Returns whether the stamp was written.
    """
    stamp = clean_stamp(path)
    try:
        if _log_left(path) or not path.exists():
            stamp.unlink(missing_ok=True)
            return False
        partial = stamp.with_name(stamp.name + ".tmp")
        partial.write_text(json.dumps(_fingerprint(path)), encoding="utf-8")
        os.replace(partial, stamp)
    except OSError:
        return False
    return True
