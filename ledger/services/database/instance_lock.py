"""One window per database file (单实例): an OS file lock beside the database.

The GUI takes the lock when it opens a SQLite database and keeps it until it closes. A second
window on the same file is refused with :class:`~ledger.core.errors.DatabaseInUse`, naming who
holds it. The lock is the operating system's (``flock`` / ``msvcrt.locking``), so it vanishes
with the process that held it: a killed program or a pulled plug leaves no stale lock behind.
Command-line work does not take it; SQLite's own locking keeps writers apart (see
:mod:`ledger.models.engine`), and a shared PostgreSQL database takes no lock at all.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import socket
import sys
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO

from ledger.core.errors import DatabaseInUse

SUFFIX = ".lock"


def lock_path(database: Path) -> Path:
    """The lock file of a database file: ``ledger.db`` → ``ledger.db.lock``."""
    return database.with_name(database.name + SUFFIX)


def lock_for(target: str | Path) -> InstanceLock | None:
    """The lock of a database path or ``sqlite:///`` URL; None for a server database."""
    text = str(target)
    if text.startswith("sqlite:///"):
        text = text.removeprefix("sqlite:///")
    elif "://" in text:
        return None
    return InstanceLock(Path(text).expanduser().resolve())


class InstanceLock:
    """An exclusive lock on a database file for the lifetime of one program window."""

    def __init__(self, database: str | Path) -> None:
        self.database = Path(database)
        self.path = lock_path(self.database)
        self._handle: IO[str] | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._handle is not None

    def acquire(self) -> None:
        """Take the lock, or refuse because another window holds it.

        Raises:
            DatabaseInUse: another program window has the database open.
        """
        if self._handle is not None:
            return
        try:
            handle = self.path.open("a+", encoding="utf-8")
        except OSError:
            return  # a missing or read-only folder: opening the database will say so
        if not _try_lock(handle):
            holder = _read_holder(self.path)
            handle.close()
            raise DatabaseInUse(path=str(self.database), holder=holder)
        handle.seek(0)
        handle.truncate()
        handle.write(_describe_self())
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        """Give the lock up (closing the handle releases it)."""
        if self._handle is None:
            return
        with contextlib.suppress(OSError):
            self._handle.seek(0)
            self._handle.truncate()
        _unlock(self._handle)
        self._handle.close()
        self._handle = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _describe_self() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "?"
    started = datetime.now().strftime("%Y-%m-%d %H:%M")
    return f"{user}@{socket.gethostname()}，进程 {os.getpid()}，{started} 打开"


def _read_holder(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        text = ""
    return text or "另一个程序窗口"


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: IO[str]) -> bool:
        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        with contextlib.suppress(OSError):
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
