"""Low-level posting: lock a depot's chain, number documents, write movements and balances.

Everything here runs inside the caller's transaction; the rules that decide whether a posting
is allowed live in :mod:`ledger.services.rules`.

Movements, balances, chain heads and counters are derived rows (not audited, see
:mod:`ledger.models.audit`), so they are written with Core statements on the session's
connection rather than through the unit of work, which is most of a small posting's cost.
ORM objects of those rows already in the session are kept in step (``set_committed_value``).
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Concatenate, ParamSpec, TypeVar, cast

from sqlalchemy import Table, bindparam, insert, inspect, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ledger.models import Balance, ChainHead, DocCounter, Document, DocumentLine, Movement, utcnow
from ledger.models.stock import movement_hash

#: Built once: building a SELECT costs more than running it (see ledger.services.rules).
_BALANCE_ROW = (
    select(Balance)
    .where(
        Balance.depot_id == bindparam("depot_id"),
        Balance.item_id == bindparam("item_id"),
        Balance.lot == bindparam("lot"),
    )
    .with_for_update()
)

_MOVEMENTS = cast(Table, Movement.__table__)
_BALANCES = cast(Table, Balance.__table__)
_HEADS = cast(Table, ChainHead.__table__)
_COUNTERS = cast(Table, DocCounter.__table__)
_MOVEMENT_COLUMNS = [c.key for c in _MOVEMENTS.columns]
_UPDATE_BALANCE = (
    update(_BALANCES)
    .where(_BALANCES.c.id == bindparam("b_id"))
    .values(quantity=bindparam("b_quantity"), expiry=bindparam("b_expiry"))
)
_UPDATE_HEAD = (
    update(_HEADS)
    .where(_HEADS.c.depot_id == bindparam("h_depot"))
    .values(seq=bindparam("h_seq"), hash=bindparam("h_hash"))
)
_BUMP_COUNTER = (
    update(_COUNTERS)
    .where(
        _COUNTERS.c.depot_id == bindparam("c_depot"),
        _COUNTERS.c.series == bindparam("c_series"),
        _COUNTERS.c.year == bindparam("c_year"),
    )
    .values(last=_COUNTERS.c.last + 1)
    .returning(_COUNTERS.c.last)
)

P = ParamSpec("P")
R = TypeVar("R")


def atomic(func: Callable[Concatenate[Session, P], R]) -> Callable[Concatenate[Session, P], R]:
    """Run a service in a savepoint: if it refuses, none of its writes stay in the session,
    even when the caller catches the refusal and commits other work."""

    def wrapper(session: Session, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with session.begin_nested():
            return func(session, *args, **kwargs)

    functools.update_wrapper(wrapper, func)
    return wrapper


@dataclass(frozen=True)
class Delta:
    """A signed change of one depot, item and lot, from one document line."""

    depot_id: uuid.UUID
    item_id: uuid.UUID
    lot: str
    expiry: date | None
    quantity: Decimal
    line: DocumentLine

    @property
    def key(self) -> tuple[uuid.UUID, uuid.UUID, str]:
        """The balance key: depot, item, lot."""
        return (self.depot_id, self.item_id, self.lot)


def lock_depots(session: Session, depot_ids: set[uuid.UUID]) -> dict[uuid.UUID, ChainHead]:
    """Lock the chain heads of ``depot_ids`` in a fixed order (no deadlock between two posts)."""
    heads: dict[uuid.UUID, ChainHead] = {}
    for depot_id in sorted(depot_ids):
        head = session.get(ChainHead, depot_id, with_for_update=True)
        if head is None:
            head = ChainHead(depot_id=depot_id, seq=0, hash="0" * 64)
            session.add(head)
        heads[depot_id] = head
    return heads


def next_number(session: Session, depot_id: uuid.UUID, series: str, year: int) -> str:
    """The next document number of a depot's series and year, e.g. ``RK-2026-00017``.

    Callers hold the depot's chain head (:func:`lock_depots`), so two postings to one depot
    never number at the same time.
    """
    conn = session.connection()
    params = {"c_depot": depot_id, "c_series": series, "c_year": year}
    last = conn.execute(_BUMP_COUNTER, params).scalar()
    if last is None:
        last = 1
        conn.execute(insert(_COUNTERS).values(depot_id=depot_id, series=series, year=year, last=1))
    return f"{series}-{year}-{last:05d}"


def write_movements(
    session: Session,
    document: Document,
    deltas: list[Delta],
    heads: dict[uuid.UUID, ChainHead],
    posted_at: datetime | None = None,
    balances: Balances | None = None,
) -> list[Movement]:
    """Write one movement per delta, extend each depot's chain and update the balances.

    Flushes the session first: the document and its lines must exist before their movements.
    The movements returned are not in the session (load them with a query when needed).
    """
    posted_at = posted_at or utcnow()
    balances = balances or Balances(session)
    movements = []
    for delta in deltas:
        head = heads[delta.depot_id]
        movement = Movement(
            id=uuid.uuid4(),
            document_id=document.id,
            line_id=delta.line.id,
            depot_id=delta.depot_id,
            item_id=delta.item_id,
            lot=delta.lot,
            expiry=delta.expiry,
            quantity=delta.quantity,
            occurred_on=document.doc_date,
            posted_at=posted_at,
            seq=head.seq + 1,
            prev_hash=head.hash,
        )
        movement.hash = movement_hash(head.hash, movement)
        _advance(head, movement.seq, movement.hash)
        movements.append(movement)
        balances.apply(delta)
    session.flush()
    conn = session.connection()
    if movements:
        rows = [{key: getattr(m, key) for key in _MOVEMENT_COLUMNS} for m in movements]
        conn.execute(insert(_MOVEMENTS), rows)
    balances.write()
    for head in heads.values():
        if inspect(head).persistent:
            params = {"h_depot": head.depot_id, "h_seq": head.seq, "h_hash": head.hash}
            conn.execute(_UPDATE_HEAD, params)
    return movements


def _advance(head: ChainHead, seq: int, link: str) -> None:
    """Move a chain head on; a stored head changes without joining the unit of work."""
    if inspect(head).persistent:
        set_committed_value(head, "seq", seq)
        set_committed_value(head, "hash", link)
    else:
        head.seq, head.hash = seq, link


def balance_row(
    session: Session, depot_id: uuid.UUID, item_id: uuid.UUID, lot: str
) -> Balance | None:
    """The balance row of a depot, item and lot, locked for update."""
    params = {"depot_id": depot_id, "item_id": item_id, "lot": lot}
    return session.scalars(_BALANCE_ROW, params).first()


class Balances:
    """The balance rows one posting reads and writes, each looked up once.

    The checks and the writing of movements share it, so a line costs one balance lookup.
    Lookups do not flush: a posting adds its document only after its checks, and rows it
    creates are remembered here until :meth:`write` stores them.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self._rows: dict[tuple[uuid.UUID, uuid.UUID, str], Balance | None] = {}
        self._new: dict[tuple[uuid.UUID, uuid.UUID, str], Balance] = {}
        self._changed: dict[tuple[uuid.UUID, uuid.UUID, str], Balance] = {}

    def get(self, key: tuple[uuid.UUID, uuid.UUID, str]) -> Balance | None:
        """The row of a depot, item and lot, or ``None`` when it has never had stock."""
        if key not in self._rows:
            with self.session.no_autoflush:
                self._rows[key] = balance_row(self.session, *key)
        return self._rows[key]

    def apply(self, delta: Delta) -> None:
        """Add ``delta`` to its row, creating the row on the key's first movement."""
        row = self.get(delta.key)
        if row is None:
            row = Balance(
                id=uuid.uuid4(),
                depot_id=delta.depot_id,
                item_id=delta.item_id,
                lot=delta.lot,
                expiry=delta.expiry,
                quantity=Decimal(0),
            )
            self._rows[delta.key] = self._new[delta.key] = row
        quantity = row.quantity + delta.quantity
        expiry = row.expiry if row.expiry is not None else delta.expiry
        if delta.key in self._new:
            row.quantity, row.expiry = quantity, expiry
        else:
            set_committed_value(row, "quantity", quantity)
            set_committed_value(row, "expiry", expiry)
            self._changed[delta.key] = row

    def write(self) -> None:
        """Store the rows :meth:`apply` created or changed."""
        conn = self.session.connection()
        if self._new:
            columns = [c.key for c in _BALANCES.columns]
            rows = [{key: getattr(row, key) for key in columns} for row in self._new.values()]
            conn.execute(insert(_BALANCES), rows)
        for row in self._changed.values():
            params = {"b_id": row.id, "b_quantity": row.quantity, "b_expiry": row.expiry}
            conn.execute(_UPDATE_BALANCE, params)
        self._new.clear()
        self._changed.clear()
