"""User actions: one transaction each, refusals and crashes routed to messages, pages told.

Every change the GUI makes goes through :func:`run_op`: it runs one service call in one
transaction (``db.run``: on a shared PostgreSQL server, a transaction that lost a race with
another user's runs again), maps a :class:`~ledger.core.errors.LedgerError` to its Chinese
message (shown at the line it concerns when a form can), shows a crash dialog saying nothing
was saved for any other exception, and announces what changed so pages refresh. Every read a
view makes goes through :func:`run_query`, which maps errors the same way. No other module of
the GUI opens a session (tests/ui/test_edge.py holds it). Before the main window has its
context (login, first start), :class:`Opening` stands in for it.
"""

from __future__ import annotations

import atexit
import logging
import re
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ledger.core.actor import Actor
from ledger.core.errors import LedgerError
from ledger.services.database import Database
from ledger.ui import messages
from ledger.ui.background import Worker
from ledger.ui.context import AppContext, Changes

T = TypeVar("T")
log = logging.getLogger("ledger.ui")
_LINE = re.compile(r"第\s*(\d+)\s*行")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """How an operation ended: its value, or the error that stopped it."""

    ok: bool
    value: T | None = None
    error: BaseException | None = None


@dataclass(frozen=True)
class Opening:
    """The open database and who acts, before the main window's context exists."""

    db: Database
    actor: Actor

    def read(self, query: Callable[[Any], T]) -> T:
        """Run ``query(session)`` in a read-only session."""
        with self.db.read() as session:
            return query(session)

    def announce(self, changes: Iterable[Changes]) -> None:
        """No page shows records yet: nobody to tell."""
        del changes


#: Where an operation runs: the main window's context, or the database being opened.
Edge = AppContext | Opening


def run_op(
    parent: QWidget | None,
    ctx: Edge,
    work: Callable[[Any, Actor], T],
    *,
    changes: Iterable[Changes] = (),
    done: str = "",
    locate: Callable[[LedgerError], int | None] | None = None,
    target: messages.InlineTarget | None = None,
) -> Outcome[T]:
    """Run ``work(session, actor)`` as one transaction and report how it went.

    Args:
        parent: the window messages belong to.
        ctx: the application context (database, actor).
        work: one service call; it must not commit.
        changes: what the call changes, announced on success.
        done: a status-bar note on success.
        locate: finds the 1-based line a refusal concerns, for forms with lines.
        target: the form that shows refusals inline.
    """
    try:
        value = ctx.db.run(lambda session: work(session, ctx.actor), ctx.actor)
    except LedgerError as error:
        line = locate(error) if locate is not None else None
        messages.refusal(parent, error.message, line=line, target=target)
        return Outcome(False, error=error)
    except Exception as error:
        log.exception("operation failed")
        messages.crash(parent, traceback.format_exc())
        return Outcome(False, error=error)
    if done:
        messages.status(done)
    ctx.announce(changes)
    return Outcome(True, value)


def run_query(
    parent: QWidget | None, ctx: Edge, query: Callable[[Any], T], default: Any = None
) -> T:
    """Run ``query(session)`` for a view in a read-only session; on failure show why and
    return ``default``.

    A refusal (:class:`~ledger.core.errors.LedgerError`: a missing record, a database that is
    busy, damaged, read-only or gone — the database layer names these in Chinese) is shown as
    a warning; anything else is a fault, logged and shown in the crash dialog.
    """
    try:
        return ctx.read(query)
    except Exception as error:
        _read_failed(parent, error, traceback.format_exc())
    return cast(T, default)


def _read_failed(parent: QWidget | None, error: BaseException, detail: str) -> None:
    """Say why a read failed: a refusal as a warning, a fault in the crash dialog."""
    if isinstance(error, LedgerError):
        messages.warning(parent, error.message)
        return
    log.error("query failed:\n%s", detail)
    messages.crash(parent, detail, reading=True)


class _Read(Worker):
    """A read on the background worker; :attr:`arrived` brings (value, error, detail) back."""

    arrived = Signal(object, object, str)

    def __init__(self, ctx: Edge, query: Callable[[Any], Any]) -> None:
        super().__init__(self._read)
        self._ctx, self._query = ctx, query

    def _read(self) -> None:
        try:
            value = self._ctx.read(self._query)
        except Exception as error:
            self.arrived.emit(None, error, traceback.format_exc())
        else:
            self.arrived.emit(value, None, "")


class _Receiver(QObject):
    """Hands a background read's value to the view; it dies with the view, and a value that
    arrives later goes nowhere."""

    def __init__(self, parent: QWidget, done: Callable[[Any], None], default: Any) -> None:
        super().__init__(parent)
        self._done, self._default = done, default

    def receive(self, value: object, error: object, detail: str) -> None:
        if isinstance(error, BaseException):
            _read_failed(cast(QWidget, self.parent()), error, detail)
            value = self._default
        self._done(value)
        self.deleteLater()


class _Reaper(QObject):
    """Forgets a background read once its thread has ended (on the GUI thread: a thread is
    never waited for, nor dropped, by itself)."""

    def reap(self) -> None:
        read = self.sender()
        if isinstance(read, _Read):
            read.wait()  # ``finished`` comes just before the thread ends: let it end
            _running.discard(read)


_running: set[_Read] = set()
_reaper: _Reaper | None = None


def run_query_later(
    parent: QWidget,
    ctx: Edge,
    query: Callable[[Any], T],
    done: Callable[[T], None],
    default: Any = None,
) -> None:
    """:func:`run_query` for a long read: run it on the background worker and call
    ``done(value)`` on the GUI thread (``done(default)`` after saying why it failed). The
    window stays responsive meanwhile; a view closed before the value arrives is not called."""
    read = _Read(ctx, query)
    receiver = _Receiver(parent, cast(Callable[[Any], None], done), default)
    read.arrived.connect(receiver.receive)
    global _reaper
    if _reaper is None:
        _reaper = _Reaper()
        atexit.register(wait_for_reads)  # no thread is destroyed while it runs
    _running.add(read)
    read.finished.connect(_reaper.reap)
    read.start()


def wait_for_reads() -> None:
    """Wait for the reads still running on the background worker (before the database closes)."""
    for read in list(_running):
        read.wait()


def read_or_stop(parent: QWidget | None, ctx: Edge, query: Callable[[Any], T]) -> T:
    """:func:`run_query` for a record a view cannot open without; raises :class:`Unreadable`
    (the user has been told why) when it could not be read."""
    found = run_query(parent, ctx, query, _MISSING)
    if found is _MISSING:
        raise Unreadable()
    return found


class Unreadable(Exception):
    """A view's record could not be read; :func:`run_query` has told the user why."""


_MISSING: Any = object()


def worker_read(ctx: Edge, query: Callable[[Any], T]) -> T:
    """A read inside work on the background worker (:mod:`ledger.ui.background`): its
    refusals and faults travel back to the GUI thread, where the task shows them."""
    return ctx.read(query)


def worker_write(ctx: Edge, work: Callable[[Any, Actor], T]) -> T:
    """A write inside work on the background worker, as one transaction: its refusals and
    faults travel back to the GUI thread, where the task shows them; the caller announces
    the changes on the GUI thread when the task is done."""
    return ctx.db.run(lambda session: work(session, ctx.actor), ctx.actor)


def line_in_fields(error: LedgerError) -> int | None:
    """The line a refusal names in its fields (``line=3`` or a place like “第3行”)."""
    fields = getattr(error, "fields", {})
    line = fields.get("line")
    if isinstance(line, int):
        return line
    for key in ("where", "what"):
        value = fields.get(key)
        if isinstance(value, str) and (match := _LINE.search(value)):
            return int(match.group(1))
    return None
