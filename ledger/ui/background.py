"""Long work off the GUI thread, behind a progress dialog the user can cancel.

The work is a plain function of a :class:`Progress`; it opens its own session (sessions are
never shared between threads), reports progress, and stops with :class:`Cancelled` when the
user cancels. Only work that stopped so counts as cancelled: once it has returned (its
transaction committed), a late cancel changes nothing and the result is shown. Results come
back to the GUI thread through signals.

:class:`Worker` is the GUI's one way of running code off its thread (a ``QThread``): the
progress tasks here and the opening of the database at start (:mod:`ledger.ui.launch`) both
use it; tests/ui/test_edge.py holds that no other module of the GUI starts a thread.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ledger.core.errors import LedgerError
from ledger.ui import messages

log = logging.getLogger("ledger.ui")


class Cancelled(Exception):
    """Raised inside the work when the user cancelled it."""


class Progress:
    """What the work sees: report how far it got; learn whether it was cancelled."""

    def __init__(self, emit: Callable[[int, int, str], None]) -> None:
        self._emit = emit
        self._cancel = threading.Event()

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        """Report progress; raises :class:`Cancelled` once the user has cancelled."""
        if self._cancel.is_set():
            raise Cancelled()
        self._emit(done, total, text)

    def cancel(self) -> None:
        """Ask the work to stop at its next report."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """Whether the user cancelled."""
        return self._cancel.is_set()


class Worker(QThread):
    """Runs ``work()`` on a thread of its own; :meth:`wait` waits for it to end.

    The work must touch no widget: it tells the GUI thread what happened through signals.
    """

    def __init__(self, work: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._plain = work

    def run(self) -> None:
        self._plain()


class _Worker(Worker):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object, str)
    stopped = Signal()

    def __init__(self, work: Callable[[Progress], Any], parent: QObject | None) -> None:
        super().__init__(self._run, parent)
        self.progress = Progress(self.progressed.emit)
        self._work = work

    def _run(self) -> None:
        try:
            result = self._work(self.progress)
        except Cancelled:
            self.stopped.emit()
        except Exception as error:
            self.failed.emit(error, traceback.format_exc())
        else:
            # Work that returned has finished (a write has committed): a cancel that came
            # after its last report is too late, and the user is told what was done.
            self.succeeded.emit(result)


class Task(QObject):
    """A running piece of long work; :attr:`ended` fires once, however it ends."""

    ended = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        work: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
    ) -> None:
        super().__init__(parent)
        self.outcome = ""
        self._parent = parent
        self._on_done = on_done
        self.dialog = QProgressDialog(
            title, QCoreApplication.translate("Background", "取消"), 0, 0, parent
        )
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.worker = _Worker(work, self)
        self.worker.progressed.connect(self._progressed)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.worker.stopped.connect(self._stopped)
        self.dialog.canceled.connect(self.cancel)
        self.worker.start()

    def cancel(self) -> None:
        """Ask the work to stop (what the dialog's 取消 button does)."""
        self.worker.progress.cancel()
        self.dialog.setLabelText(QCoreApplication.translate("Background", "正在取消……"))

    def _progressed(self, done: int, total: int, text: str) -> None:
        if self.worker.progress.cancelled:
            return
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if text:
            self.dialog.setLabelText(text)

    def _succeeded(self, result: object) -> None:
        self._finish("done")
        self._on_done(result)

    def _failed(self, error: BaseException, detail: str) -> None:
        self._finish("failed")
        if isinstance(error, LedgerError):
            messages.refusal(self._parent, error.message)
        else:
            log.error("background work failed:\n%s", detail)
            messages.crash(self._parent, detail)

    def _stopped(self) -> None:
        self._finish("cancelled")
        messages.status(QCoreApplication.translate("Background", "已取消"))

    def _finish(self, outcome: str) -> None:
        self.outcome = outcome
        self.worker.wait()
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()
        self.dialog.deleteLater()
        self.ended.emit()


def run_in_background(
    parent: QWidget | None,
    title: str,
    work: Callable[[Progress], Any],
    on_done: Callable[[Any], None],
) -> Task:
    """Start ``work(progress)`` on a worker thread; call ``on_done(result)`` in the GUI thread.

    A progress dialog appears after a moment and can cancel the work; a refusal or crash is
    reported through :mod:`ledger.ui.messages`.
    """
    return Task(parent, title, work, on_done)
