"""One snapshot for a long read on a server: every statement sees the same committed state."""

from __future__ import annotations

import contextlib

from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import Session


def one_snapshot(session: Session) -> None:
    """On PostgreSQL, make ``session``'s transaction read one snapshot (REPEATABLE READ).

    At the server's default level (READ COMMITTED) each statement sees what was committed when
    it began, so a long read (an export, ``ledger verify``) that runs many statements while
    others post would see half of a posting: an audit row read before it and the audit head
    after it, a movement without its balance. SQLite's read transactions are snapshots
    already. Only possible before the session's transaction has begun; one already begun
    reads at the level it has.
    """
    if session.in_transaction() or session.get_bind().dialect.name != "postgresql":
        return  # a transaction already begun keeps its level
    with contextlib.suppress(InvalidRequestError):
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
