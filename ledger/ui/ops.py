"""User actions: one transaction each, refusals and crashes routed to messages, pages told.

Every change the GUI makes goes through :func:`run_op`: it runs one service call in one
transaction (``db.run``: on a shared PostgreSQL server, a transaction that lost a race with
another user's runs again), maps a :class:`~ledger.core.errors.LedgerError` to its Chinese
message (shown at the line it concerns when a form can), shows a crash dialog saying nothing
was saved for any other exception, and announces what changed so pages refresh.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from PySide6.QtWidgets import QWidget

from ledger.core.actor import Actor
from ledger.core.errors import LedgerError
from ledger.ui import messages
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


def run_op(
    parent: QWidget | None,
    ctx: AppContext,
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
    parent: QWidget | None, ctx: AppContext, query: Callable[[Any], T], default: Any
) -> T:
    """Run a read for a view; on failure show why and return ``default``."""
    try:
        return ctx.read(query)
    except LedgerError as error:
        messages.warning(parent, error.message)
    except Exception:
        log.exception("query failed")
        messages.crash(parent, traceback.format_exc())
    return cast(T, default)


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
