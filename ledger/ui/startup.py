"""Opening the database at start: one window per file, and a way out when the file is bad.

The instance lock is taken before the database is opened (and migrated), so a second window
never touches a file the first one works on. When opening fails for any reason the user reads
why and chooses another file, a new one or a backup; the program never exits on a bad file
without saying so.
"""

from __future__ import annotations

from collections.abc import Callable

from ledger.core.errors import LedgerError
from ledger.services.database import Database, open_ledger
from ledger.services.instance_lock import InstanceLock, lock_for

#: Asks what to open instead: ``ask(reason, target)`` → the next target, or None to quit.
Chooser = Callable[[str, str], str | None]


def open_interactively(target: str, ask: Chooser) -> tuple[Database, InstanceLock | None] | None:
    """Open ``target`` (taking its instance lock); on failure ask for another until one opens.

    Returns:
        The open database and its lock (None for a server database), or None when the user
        gave up.
    """
    while True:
        lock = lock_for(target)
        try:
            if lock is not None:
                lock.acquire()
            return open_ledger(target), lock
        except LedgerError as error:
            if lock is not None:
                lock.release()
            choice = ask(error.message, target)
            if not choice:
                return None
            target = choice
