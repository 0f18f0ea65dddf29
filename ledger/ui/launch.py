"""Starting the program: the main window at once, the database opened behind it.

The window's shell (navigation, menus, status bar) needs nothing but Qt and the settings, so
it is shown first. The database layer (SQLAlchemy, the models, the services and the pages
built on them) is imported, and the database opened and checked, on a worker thread while the
window already paints, moves and takes a section the user picks. Back on the GUI thread
follow, as before: the choice of another file when this one does not open, the login, the
first-start wizard, and then the window gets its database and shows its page.

The worker only imports modules (the pages' classes are defined there, no widget is made) and
opens the file; every widget, dialog and signal handler runs on the GUI thread.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from ledger.ui import messages
from ledger.ui.background import Worker
from ledger.ui.main_window import MainWindow
from ledger.ui.settings import Settings

if TYPE_CHECKING:
    from ledger.core.actor import Actor
    from ledger.core.errors import LedgerError
    from ledger.services.database import Database, InstanceLock

log = logging.getLogger(__name__)

# Asks what to open instead: ``ask(error, target)`` → the next target, or None to quit.
Chooser = Callable[["LedgerError", str], "str | None"]
# Asks who works on an open database: the actor, or None to quit.
Login = Callable[["Database", MainWindow], "Actor | None"]


def load_database_layer() -> None:
    """Import what the pages stand on and set up the ORM's mappers (the slow part of a start)."""
    import ledger.ui.startup  # noqa: F401  (the database, backups, the instance lock)
    from ledger.services.database import prepare_mappers
    from ledger.ui import extensions

    prepare_mappers()
    extensions.discover()  # the pages' modules and the services they import


class Launcher(QObject):
    """Opens a database behind a shown :class:`MainWindow` and then hands it to the window.

    ``given_up`` says, once the event loop has ended, that no database was opened because the
    user gave up choosing one; ``db`` is the database opened, if any.
    """

    #: From the worker to the GUI thread: (target, (db, lock) or the exception raised).
    _arrived = Signal(str, object)
    #: The target is being checked page by page (it was not closed cleanly last time).
    checking = Signal(str)

    def __init__(self, window: MainWindow, target: str, *, ask: Chooser, login: Login) -> None:
        super().__init__(window)
        self.window = window
        self.ask = ask
        self.login = login
        self.target = target
        self.db: Database | None = None
        self.lock: InstanceLock | None = None
        self.given_up = False
        self._carried: Actor | None = None  # who switched to another file, logged in already
        self._worker: Worker | None = None
        self._pending: Any = None  # what the worker opened, until the GUI thread takes it
        self._finished = False
        self._arrived.connect(self._arrive)
        self.checking.connect(self._checking)  # a method of this object: run on the GUI thread

    def start(self) -> None:
        """Open the target on a worker thread once the window has painted; the window is
        attached when it is open."""
        QTimer.singleShot(0, self._start)

    def _start(self) -> None:
        if self._finished or not self.window.isVisible():
            return  # closed before the database was asked for
        target = self.target
        self._worker = Worker(lambda: self._work(target), self)
        self._worker.start()

    def _work(self, target: str) -> None:
        try:
            load_database_layer()
            from ledger.services.database import checks_whole_file
            from ledger.ui.startup import open_locked

            if checks_whole_file(target):
                self.checking.emit(target)
            result: Any = open_locked(target)
        except BaseException as error:  # reported on the GUI thread, which decides
            result = error
        self._pending = result
        self._arrived.emit(target, result)

    def _checking(self, target: str) -> None:
        if target == self.target:
            self.window.show_opening(checking=True)

    def _arrive(self, target: str, result: object) -> None:
        from ledger.core.errors import LedgerError  # the worker imported it

        if self._finished or not self.window.isVisible():
            return  # the window was closed meanwhile: finish() closes what was opened
        self._pending = None
        if isinstance(result, LedgerError):
            choice = self.ask(result, target)
            if not choice:
                self.given_up = True
                self.window.close()
                return
            self.target = choice
            self.window.show_database(choice)
            self.window.show_opening()
            self._start()
            return
        if isinstance(result, BaseException):  # a fault, not a file problem: say so and end
            log.error("opening %s failed", target, exc_info=result)
            messages.crash(self.window, "".join(traceback.format_exception(result)))
            self.given_up = True
            self.window.close()
            return
        assert isinstance(result, tuple)  # what open_locked returned: (database, lock)
        db: Database = result[0]
        self.db, self.lock = db, result[1]
        self.window.show_database(db.path)
        from ledger.services.accounts import accepts

        carried, self._carried = self._carried, None
        if carried is not None and not accepts(db, carried):
            carried = None  # a database with accounts of its own: log in to it
        actor = carried or self.login(db, self.window)
        if actor is None:
            self.window.close()
            return
        self._attach(actor)

    def _attach(self, actor: Actor) -> None:
        from ledger.ui.context import AppContext
        from ledger.ui.dialogs.first_start import FirstStartDialog, Start, needs_first_start
        from ledger.ui.dialogs.preferences import apply_report_font

        assert self.db is not None
        settings: Settings = self.window.settings
        apply_report_font(settings)
        if needs_first_start(self.db):
            from ledger import paths

            start = FirstStartDialog.ask(self.db, actor, self.window)
            if start is Start.DEMO and not paths.is_demo_database(self.db.path):
                self.switch_to(str(paths.demo_database()), actor)
                return
        self.window.attach(AppContext(self.db, actor, settings))

    def switch_to(self, target: str, actor: Actor) -> None:
        """Close the database open and open ``target`` instead, for the same user (the demo
        county's own file, chosen at first start; the office's file stays as it was)."""
        from ledger.ui.demo_mode import remember_office
        from ledger.ui.startup import close_interactively

        assert self.db is not None
        remember_office(self.window.settings, self.db.path)
        close_interactively(self.db, self.lock)
        self.db = self.lock = None
        self.target, self._carried = target, actor
        self.window.show_database(target)
        self.window.show_opening()
        self._start()

    def finish(self, on_close: Callable[[Database], None] | None = None) -> None:
        """After the event loop: wait for the worker and close what it opened, if anything.

        Args:
            on_close: called with the database before it closes, if the window worked on it
                (the backup on exit).
        """
        self._finished = True
        if self._worker is not None:
            self._worker.wait()
        from ledger.ui.ops import wait_for_reads

        wait_for_reads()  # no read of the pages' still runs when the database closes
        pending = self._pending
        if self.db is None and isinstance(pending, tuple):  # opened after the window closed
            self.db, self.lock = pending
        if self.db is None:
            return
        from ledger.ui.startup import close_interactively

        try:
            if on_close is not None and self.window.ctx is not None:
                on_close(self.db)
        finally:
            close_interactively(self.db, self.lock)
