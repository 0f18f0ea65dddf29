"""Low-level posting: lock a depot's chain, number documents, write movements and balances.

Everything here runs inside the caller's transaction; the rules that decide whether a posting
is allowed live in :mod:`ledger.services.rules`.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

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
    """The next document number of a depot's series and year, e.g. ``RK-2026-00017``."""
    counter = session.get(DocCounter, (depot_id, series, year), with_for_update=True)
    if counter is None:
        counter = DocCounter(depot_id=depot_id, series=series, year=year, last=0)
        session.add(counter)
    counter.last += 1
    return f"{series}-{year}-{counter.last:05d}"


def write_movements(
    session: Session,
    document: Document,
    deltas: list[Delta],
    heads: dict[uuid.UUID, ChainHead],
    posted_at: datetime | None = None,
    balances: Balances | None = None,
) -> list[Movement]:
    """Write one movement per delta, extend each depot's chain and update the balances."""
    posted_at = posted_at or utcnow()
    balances = balances or Balances(session)
    movements = []
    for delta in deltas:
        head = heads[delta.depot_id]
        head.seq += 1
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
            seq=head.seq,
            prev_hash=head.hash,
        )
        movement.hash = head.hash = movement_hash(head.hash, movement)
        session.add(movement)
        movements.append(movement)
        balances.apply(delta)
    return movements


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
    creates are remembered here.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self._rows: dict[tuple[uuid.UUID, uuid.UUID, str], Balance | None] = {}

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
            self.session.add(row)
            self._rows[delta.key] = row
        row.quantity = row.quantity + delta.quantity
        if row.expiry is None and delta.expiry is not None:
            row.expiry = delta.expiry
