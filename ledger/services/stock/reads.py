"""What a posting reads before it writes, in few Core statements: depots, items, chain heads,
and what the stock rules read (:class:`Reads`, their :class:`~.rules.StockReads`).

A small posting's cost is mostly the statements it runs, and an ORM statement that builds
objects costs several times a Core one. The depot and items of a document are found with
Core statements, and each depot's chain head is locked with what else a posting asks once
per depot (whether a close covers the date, the counterparty, whether other offices are
registered, asked of :mod:`.offices`) in the same statement. Refusals are those of
:mod:`ledger.services.common.lookup` and :mod:`ledger.services.closing.periods`, raised by them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import ColumnElement, Exists, Select, Table, bindparam, func, select
from sqlalchemy.orm import Session, aliased

from ledger.core.enums import DocType
from ledger.models import ChainHead, Counterparty, Depot, Document, DocumentLine, Item, Movement
from ledger.models.periods import PeriodClose
from ledger.services.common import lookup
from ledger.services.stock import constraints as rules
from ledger.services.stock import offices
from ledger.services.stock.journal import (
    BalanceRow,
    Balances,
    Chain,
    flushed_connection,
    lock_chains,
)

_HEADS = cast(Table, ChainHead.__table__)


def closed_on(depot_id: ColumnElement[uuid.UUID]) -> Exists:
    """SQL: whether a close of the depot ``depot_id`` covers the date bound as ``on`` (rule 6,
    what :func:`~.rules.check_open` refuses), asked with a posting's reads."""
    return (
        select(PeriodClose.id)
        .where(PeriodClose.depot_id == depot_id, PeriodClose.last_day >= bindparam("on"))
        .exists()
    )


_COUNTERPARTY = select(Counterparty.id).where(Counterparty.name == bindparam("name"))


#: The chain statement and the :class:`~.offices.Offices` it was built for.
_BUILT: list[tuple[offices.Offices, Select[Any]]] = []


def _chain(others: offices.Offices) -> Select[Any]:
    """A depot's chain head, locked, with what else a posting reads once per depot: whether a
    close covers the date, the counterparty's id, whether other offices are registered, and
    whether any stocktake of the depot is dated after the date, by the index on documents
    (depot, type, date) (built once per :class:`~.offices.Offices`: the statement keeps its
    cache key). Movements are not asked so: no index serves a depot's movements by date."""
    if not _BUILT or _BUILT[0][0] is not others:
        depot_id = _HEADS.c.depot_id
        statement = (
            select(
                _HEADS.c.seq,
                _HEADS.c.hash,
                closed_on(depot_id).label("closed"),
                _COUNTERPARTY.scalar_subquery().label("counterparty_id"),
                others.any_registered().label("any_sender"),
                select(Document.id)
                .where(
                    Document.depot_id == depot_id,
                    Document.doc_type == DocType.STOCKTAKE,
                    Document.doc_date > bindparam("on"),
                )
                .exists()
                .label("later_stocktakes"),
            )
            .where(_HEADS.c.depot_id == bindparam("depot_id"))
            .with_for_update(of=_HEADS)
        )
        _BUILT[:] = [(others, statement)]
    return _BUILT[0][1]


_DEPOT = select(Depot.id, Depot.name, Depot.code).where(Depot.code == bindparam("code"))
_ITEM = select(Item.id, Item.name, Item.code).where(Item.code == bindparam("code"))


@dataclass(frozen=True)
class Found:
    """A depot or item a document names: its id, name and code."""

    id: uuid.UUID
    name: str
    code: str


def find(session: Session, model: type[Depot] | type[Item], key: str | uuid.UUID) -> Found:
    """The depot or item whose code or id is ``key`` (as
    :func:`ledger.services.common.lookup.by_key`
    finds it, without building the ORM object).

    Raises:
        UnknownRecord: nothing matches.
    """
    if isinstance(key, uuid.UUID):
        record = _by_key(session, model, key)
        return Found(record.id, record.name, record.code)
    query = _DEPOT if model is Depot else _ITEM
    row = flushed_connection(session).execute(query, {"code": key.strip()}).first()
    if row is None:
        _by_key(session, model, key)  # refuses, naming what was not found
        raise AssertionError("unreachable")
    return Found(*row)


def _by_key(
    session: Session, model: type[Depot] | type[Item], key: str | uuid.UUID
) -> Depot | Item:
    if model is Depot:
        return lookup.by_key(session, Depot, key)
    return lookup.by_key(session, Item, key)


def counterparty_id(session: Session, name: str) -> uuid.UUID | None:
    """The id of the registered counterparty called ``name`` (``None``: free text)."""
    if not name.strip():
        return None
    return session.scalar(_COUNTERPARTY, {"name": name.strip()})


def open_chains(
    session: Session,
    depot_ids: set[uuid.UUID],
    on: date,
    counterparty: str,
    known: Reads | None = None,
) -> tuple[dict[uuid.UUID, Chain], uuid.UUID | None]:
    """Lock the depots' chain heads in a fixed order, reading with each in the same statement
    whether a close covers ``on``, the counterparty's id and whether other offices are
    registered; return the chains and the counterparty's id. ``known`` learns whether
    stocktakes of each depot are dated after ``on`` (when none are, the rules need not ask
    per item).

    Raises:
        PeriodClosed: a close of one of the depots covers ``on``.
    """
    conn = session.connection()
    params = {"on": on, "name": counterparty.strip() or None}
    chains: dict[uuid.UUID, Chain] = {}
    found: uuid.UUID | None = None
    others = offices.current()
    statement = _chain(others)
    for depot_id in sorted(depot_ids):
        row = conn.execute(statement, {**params, "depot_id": depot_id}).first()
        if row is None:  # no chain head yet (a database from before heads came with depots)
            chains.update(lock_chains(session, {depot_id}))
            rules.check_open(Reads(session), depot_id, on)
            found = counterparty_id(session, counterparty)
            continue
        seq, link, closed, found, any_sender, later_stocktakes = row
        if known is not None:
            known.told(depot_id, on, bool(later_stocktakes))
        if closed:
            rules.check_open(Reads(session), depot_id, on)  # refuses, naming the period
        if not any_sender:
            others.none_registered(session)
        chains[depot_id] = Chain(depot_id, seq, link)
    return chains, found


# Statements run on every posting are built once: building and hashing a SELECT costs more
# than running it on SQLite, and a prebuilt statement keeps its cache key.
_KEY = (
    Movement.depot_id == bindparam("depot_id"),
    Movement.item_id == bindparam("item_id"),
    Movement.lot == bindparam("lot"),
)
_THROUGH = select(func.coalesce(func.sum(Movement.quantity), 0)).where(
    *_KEY, Movement.occurred_on <= bindparam("on")
)
_PER_DAY = (
    select(Movement.occurred_on, func.sum(Movement.quantity))
    .where(*_KEY, Movement.occurred_on > bindparam("on"))
    .group_by(Movement.occurred_on)
    .order_by(Movement.occurred_on)
)
_REVERSAL = aliased(Document)
_LAST_STOCKTAKE = select(func.max(Document.doc_date)).where(
    Document.depot_id == bindparam("depot_id"),
    Document.doc_type == DocType.STOCKTAKE,
    Document.reverses_id.is_(None),
    Document.doc_date > bindparam("after"),
    select(DocumentLine.id)
    .where(DocumentLine.document_id == Document.id, DocumentLine.item_id == bindparam("item_id"))
    .exists(),
    ~select(_REVERSAL.id).where(_REVERSAL.reverses_id == Document.id).exists(),
)
#: The earliest close that covers a date: the period a refusal names.
_COVERING = (
    select(PeriodClose.kind, PeriodClose.first_day, PeriodClose.last_day)
    .where(PeriodClose.depot_id == bindparam("depot_id"), PeriodClose.last_day >= bindparam("on"))
    .order_by(PeriodClose.last_day, PeriodClose.kind)
    .limit(1)
)
_NAMES = select(
    select(Depot.name).where(Depot.id == bindparam("depot_id")).scalar_subquery(),
    select(Item.name).where(Item.id == bindparam("item_id")).scalar_subquery(),
    select(Item.unit).where(Item.id == bindparam("item_id")).scalar_subquery(),
)


class Reads:
    """The stock rules' reads (:class:`~.rules.StockReads`) of the session's database, flushed
    first; balances through the posting's :class:`~.journal.Balances`, each row read once."""

    def __init__(self, session: Session, balances: Balances | None = None) -> None:
        self.session = session
        self.balances = balances or Balances(session)
        #: Per depot, what its chain read told (:func:`open_chains`): the date asked and
        #: whether stocktakes are dated after it.
        self._counted_after: dict[uuid.UUID, tuple[date, bool]] = {}

    def told(self, depot_id: uuid.UUID, on: date, stocktakes: bool) -> None:
        """Remember whether stocktakes of ``depot_id`` are dated after ``on``."""
        self._counted_after[depot_id] = (on, stocktakes)

    def balance(self, key: rules.Key) -> BalanceRow | None:
        """The balance row of ``key`` (locked for update), as this posting has changed it."""
        return self.balances.get(key)

    def days_after(self, key: rules.Key, on: date) -> list[tuple[date, Decimal]]:
        """The net movement of every later day that has movements, in date order."""
        rows = flushed_connection(self.session).execute(_PER_DAY, _key_params(key, on=on))
        return [(day, Decimal(total)) for day, total in rows]

    def total_through(self, key: rules.Key, on: date) -> Decimal:
        """The sum of every movement of ``key`` dated on or before ``on``."""
        total = flushed_connection(self.session).execute(_THROUGH, _key_params(key, on=on))
        return Decimal(total.scalar() or 0)

    def last_stocktake(
        self, depot_id: uuid.UUID, item_id: uuid.UUID, after: date | None = None
    ) -> date | None:
        """The last stocktake of a depot that counted an item (reversed counts excluded): the
        index on documents (depot, type, date) keeps this one short lookup."""
        told = self._counted_after.get(depot_id)
        if told is not None and after is not None and after >= told[0] and not told[1]:
            return None  # the chain read found no stocktake of the depot after ``after``
        params = {"depot_id": depot_id, "item_id": item_id, "after": after or date.min}
        return flushed_connection(self.session).execute(_LAST_STOCKTAKE, params).scalar()

    def covering_close(self, depot_id: uuid.UUID, on: date) -> tuple[str, date, date] | None:
        """Kind, first and last day of the earliest close of the depot covering ``on``."""
        params = {"depot_id": depot_id, "on": on}
        row = flushed_connection(self.session).execute(_COVERING, params).first()
        return None if row is None else (row[0], row[1], row[2])

    def names(self, depot_id: uuid.UUID, item_id: uuid.UUID) -> rules.Names:
        """The depot's and item's names and the item's unit."""
        params = {"depot_id": depot_id, "item_id": item_id}
        return rules.Names(*flushed_connection(self.session).execute(_NAMES, params).one())


def _key_params(key: rules.Key, **more: object) -> dict[str, object]:
    return {"depot_id": key[0], "item_id": key[1], "lot": key[2], **more}
