"""Opening the database at start and backing it up at the end.

The instance lock is taken before the database is opened (and migrated), so a second window
never touches a file the first one works on. When opening fails for any reason the user reads
why and chooses another file, a new one or a backup (a backup is offered only when the file
is not simply in use elsewhere); the program never exits on a bad file without saying so.
When the program closes, the database is copied into the backup folder if anything changed,
and then closed cleanly (the next start can skip the full page check of the file).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from ledger.core.errors import DatabaseBusy, DatabaseInUse, LedgerError
from ledger.services.backup import automatic_backup, restore_database
from ledger.services.database import Database, InstanceLock, close_ledger, lock_for, open_ledger
from ledger.ui import messages
from ledger.ui.settings import BACKUP_FOLDER, BACKUP_KEEP, BACKUP_ON_EXIT, Settings

# Asks what to open instead: ``ask(error, target)`` → the next target, or None to quit.
Chooser = Callable[[LedgerError, str], str | None]


def open_interactively(target: str, ask: Chooser) -> tuple[Database, InstanceLock | None] | None:
    """Open ``target`` (taking its instance lock); on failure ask for another until one opens.

    Returns:
        The open database and its lock (None for a server database), or None when the user
        gave up.
    """
    while True:
        try:
            return open_locked(target)
        except LedgerError as error:
            choice = ask(error, target)
            if not choice:
                return None
            target = choice


def open_locked(target: str) -> tuple[Database, InstanceLock | None]:
    """Take ``target``'s instance lock and open it (let go of the lock again if that fails).

    Raises:
        LedgerError: the file is in use, damaged, not a ledger, from a newer program...
    """
    lock = lock_for(target)
    try:
        if lock is not None:
            lock.acquire()
        return open_ledger(target), lock
    except BaseException:
        if lock is not None:
            lock.release()
        raise


def close_interactively(db: Database, lock: InstanceLock | None) -> None:
    """Close the database cleanly (once no read of the pages still runs on the background
    worker), then let go of its instance lock."""
    from ledger.ui.ops import wait_for_reads

    try:
        wait_for_reads()
        close_ledger(db)
    finally:
        if lock is not None:
            lock.release()


def may_restore_over(error: LedgerError) -> bool:
    """Whether a backup may replace the file that failed (not while another window has it)."""
    return not isinstance(error, DatabaseInUse | DatabaseBusy)


def restore_over(backup: Path, target: Path) -> Path:
    """Restore ``backup`` over ``target`` (kept beside it); the path to open next.

    Raises:
        RestoreRefused: the backup is damaged, not a ledger, or from a newer program.
    """
    return restore_database(backup, target).target


def backup_folder(settings: Settings) -> Path | None:
    """The folder the user chose for automatic backups (None: the default one)."""
    chosen = settings.get(BACKUP_FOLDER).strip()
    return Path(chosen) if chosen else None


def backup_on_exit(db: Database, settings: Settings) -> None:
    """Copy the database into the backup folder if that is wanted and anything changed."""
    if not settings.get(BACKUP_ON_EXIT):
        return
    try:
        result = automatic_backup(db.path, backup_folder(settings), settings.get(BACKUP_KEEP))
    except LedgerError as error:
        messages.warning(None, error.message)
        return
    if result is not None:
        text = QCoreApplication.translate("Startup", "已自动备份到 {path}")
        messages.status(text.format(path=result.path))
