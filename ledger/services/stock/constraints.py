"""The ledger's rules, each stated here and tested in tests/services/test_rules.py, and what a
posting reads to check them and before it writes.

1. Stock never goes below zero, on any day. Within one day receipts count before issues, so a
   day's lowest balance is its closing balance; a document is allowed only if every closing
   balance from its date on stays at or above zero.
2. A backdated document that would drive a later balance negative is refused, naming the first
   date it would go negative.
3. A document dated before the last stocktake of its depot and item is refused: the count
   fixed the quantity on that date.
4. Issuing (or transferring) an expired lot is refused unless an override reason is given.
5. Quantities of the same depot, item and lot in one document are summed before the checks.
6. A document dated in a closed period of its depot is refused, naming the period.

The rules are functions of what they read, :class:`StockReads`; every path that writes stock
(posting, reversal, stocktake, bulk receipts) hands them :class:`Reads`, which reads the
session's database.

What a posting reads (below the rules) takes few Core statements: a small posting's cost is
mostly the statements it runs, and an ORM statement that builds objects costs several times a
Core one. The depot is found with whether the database has accounts (for
:mod:`ledger.services.accounts.permissions`), each item by its code, and each depot's chain
head is locked with what else a posting asks once per depot (whether a close covers the date,
the counterparty, whether other offices are registered) in the same statement. Refusals are
those of :mod:`ledger.services.common.lookup` and of the rules, raised by them.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple, Protocol, cast

from sqlalchemy import ColumnElement, Connection, Exists, Table, bindparam, func, select
from sqlalchemy.orm import Session, aliased

from ledger.core.enums import DocType
from ledger.core.errors import (
    BeforeStocktake,
    ExpiredLot,
    InsufficientStock,
    PeriodClosed,
    WouldGoNegative,
)
from ledger.models import ChainHead, Counterparty, Depot, Document, DocumentLine, Item, Movement
from ledger.models.guards import ANY_OTHER_OFFICE, OWNERS
from ledger.models.periods import PeriodClose
from ledger.services.accounts.permissions import ANY_ACCOUNT
from ledger.services.common import lookup
from ledger.services.stock.journal import BalanceRow, Balances, Chain, Delta, lock_chains

ZERO = Decimal(0)
#: A balance key: depot, item, lot.
Key = tuple[uuid.UUID, uuid.UUID, str]
#: The kinds of closed period (:mod:`ledger.services.closing.periods`).
MONTH, YEAR = "month", "year"


class Names(NamedTuple):
    """What a refusal names: the depot, the item and the item's unit."""

    depot: str
    item: str
    unit: str


class StockReads(Protocol):
    """What the rules read of the ledger, and nothing more."""

    def balance(self, key: Key) -> BalanceRow | None:
        """The current balance of a depot, item and lot (with what this posting changed)."""
        ...

    def days_after(self, key: Key, on: date) -> list[tuple[date, Decimal]]:
        """The net movement of every day after ``on`` that has movements, in date order."""
        ...

    def total_through(self, key: Key, on: date) -> Decimal:
        """The balance at the close of ``on``: every movement dated on or before it."""
        ...

    def last_stocktake(
        self, depot_id: uuid.UUID, item_id: uuid.UUID, after: date | None = None
    ) -> date | None:
        """The date of the last stocktake of the depot that counted the item (reversed counts
        excluded), only later than ``after`` when given."""
        ...

    def covering_close(self, depot_id: uuid.UUID, on: date) -> tuple[str, date, date] | None:
        """The earliest close of the depot that covers ``on``: kind, first and last day."""
        ...

    def names(self, depot_id: uuid.UUID, item_id: uuid.UUID) -> Names:
        """The depot's and item's names and the item's unit, for a refusal."""
        ...


def period_label(kind: str, first_day: date) -> str:
    """``2026年10月`` for a month, ``2026年度`` for a year."""
    if kind == YEAR:
        return f"{first_day.year}年度"
    return f"{first_day.year}年{first_day.month}月"


def check_open(reads: StockReads, depot_id: uuid.UUID, on: date) -> None:
    """Refuse posting to ``depot_id`` on ``on`` when that date lies in a closed period (rule 6).

    Raises:
        PeriodClosed: the date is on or before the depot's last close; names the period.
    """
    covering = reads.covering_close(depot_id, on)
    if covering is not None:
        kind, first_day, _ = covering
        label = period_label(kind, first_day)
        if first_day > on:  # a year's close covers the months before it too
            label = f"{label}及以前"
        raise PeriodClosed(period=label, doc_date=on.isoformat())


def net_by_key(deltas: list[Delta]) -> dict[Key, Decimal]:
    """Sum the signed quantities of a document per depot, item and lot (rule 5)."""
    totals: dict[Key, Decimal] = defaultdict(Decimal)
    for delta in deltas:
        totals[delta.key] += delta.quantity
    return dict(totals)


def check_document(reads: StockReads, deltas: list[Delta], on: date, *, taking_out: bool) -> None:
    """The rules a document's movements must pass: not before a stocktake of a depot and item
    it touches (rule 3), no expired lot taken out (rule 4, when ``taking_out``: issues and
    transfers), never below zero (rules 1, 2, 5).

    Raises:
        BeforeStocktake, ExpiredLot, InsufficientStock, WouldGoNegative: see each rule.
    """
    check_after_stocktake(reads, {(d.depot_id, d.item_id) for d in deltas}, on)
    if taking_out:
        check_not_expired(reads, deltas, on)
    check_availability(reads, deltas, on)


def check_availability(reads: StockReads, deltas: list[Delta], on: date) -> None:
    """Refuse when any depot, item and lot would go below zero on ``on`` or later (rules 1, 2, 5).

    Raises:
        InsufficientStock: not enough on hand on ``on`` itself.
        WouldGoNegative: enough on ``on`` but a later day would close below zero.
    """
    for key, change in net_by_key(deltas).items():
        if change < ZERO:
            _check_key(reads, key, -change, on)


def _check_key(reads: StockReads, key: Key, needed: Decimal, on: date) -> None:
    closing = closing_balances(reads, key, on)
    first_balance = closing[0][1]
    if first_balance < needed:
        names = reads.names(key[0], key[1])
        raise InsufficientStock(
            depot=names.depot,
            item=names.item,
            lot=key[2] or "无",
            on_hand=first_balance,
            requested=needed,
            unit=names.unit,
        )
    for day, balance in closing[1:]:
        if balance < needed:
            names = reads.names(key[0], key[1])
            raise WouldGoNegative(
                depot=names.depot,
                item=names.item,
                lot=key[2] or "无",
                first_date=day.isoformat(),
                balance=balance - needed,
                unit=names.unit,
            )


def closing_balances(reads: StockReads, key: Key, on: date) -> list[tuple[date, Decimal]]:
    """Closing balance on ``on`` and on every later day that has movements, in date order.

    Receipts and issues of one day are netted, so receipts count before issues (rule 1).
    When nothing is dated after ``on``, the current balance is the answer.
    """
    later = reads.days_after(key, on)
    if not later:
        row = reads.balance(key)
        return [(on, row.quantity if row else ZERO)]
    running = reads.total_through(key, on)
    result = [(on, running)]
    for day, total in later:
        running += total
        result.append((day, running))
    return result


def available(reads: StockReads, key: Key, on: date) -> Decimal:
    """What may still be taken out on ``on`` without any later day closing below zero."""
    return max(min(balance for _, balance in closing_balances(reads, key, on)), ZERO)


def check_after_stocktake(
    reads: StockReads, pairs: set[tuple[uuid.UUID, uuid.UUID]], on: date
) -> None:
    """Refuse a document dated before the last stocktake of a depot and item it touches (rule 3).

    Raises:
        BeforeStocktake: names the depot, the item and the stocktake date.
    """
    for pair in sorted(pairs):
        counted_on = reads.last_stocktake(*pair, after=on)
        if counted_on is not None:
            names = reads.names(*pair)
            raise BeforeStocktake(
                depot=names.depot,
                item=names.item,
                stocktake_date=counted_on.isoformat(),
                doc_date=on.isoformat(),
            )


def check_not_expired(reads: StockReads, deltas: list[Delta], on: date) -> None:
    """Refuse taking an expired lot out unless its line gives an override reason (rule 4).

    Raises:
        ExpiredLot: names the item, lot and expiry date.
    """
    for delta in deltas:
        if delta.quantity >= ZERO or delta.line.override_reason.strip():
            continue
        row = reads.balance(delta.key)
        expiry = row.expiry if row else None
        if expiry is not None and expiry < on:
            names = reads.names(delta.depot_id, delta.item_id)
            raise ExpiredLot(item=names.item, lot=delta.lot or "无", expiry=expiry.isoformat())


# --- What a posting reads ----------------------------------------------------------------

_HEADS = cast(Table, ChainHead.__table__)


def flushed_connection(session: Session) -> Connection:
    """The session's connection, flushed first as a query through the session would be
    (nothing to do when the session is clean)."""
    if session.autoflush:
        session.flush()
    return session.connection()


def closed_on(depot_id: ColumnElement[uuid.UUID]) -> Exists:
    """SQL: whether a close of the depot ``depot_id`` covers the date bound as ``on`` (rule 6,
    what :func:`check_open` refuses), asked with a posting's reads."""
    return (
        select(PeriodClose.id)
        .where(PeriodClose.depot_id == depot_id, PeriodClose.last_day >= bindparam("on"))
        .exists()
    )


_COUNTERPARTY = select(Counterparty.id).where(Counterparty.name == bindparam("name"))

#: A depot's chain head, locked, with what else a posting reads once per depot: whether a
#: close covers the date, the counterparty's id, whether other offices are registered, and
#: whether any stocktake of the depot is dated after the date, by the index on documents
#: (depot, type, date). Movements are not asked so: no index serves a depot's movements by date.
_CHAIN = (
    select(
        _HEADS.c.seq,
        _HEADS.c.hash,
        closed_on(_HEADS.c.depot_id).label("closed"),
        _COUNTERPARTY.scalar_subquery().label("counterparty_id"),
        ANY_OTHER_OFFICE.label("any_other_office"),
        select(Document.id)
        .where(
            Document.depot_id == _HEADS.c.depot_id,
            Document.doc_type == DocType.STOCKTAKE,
            Document.doc_date > bindparam("on"),
        )
        .exists()
        .label("later_stocktakes"),
    )
    .where(_HEADS.c.depot_id == bindparam("depot_id"))
    .with_for_update(of=_HEADS)
)


#: A depot by its code, with whether the database has any account: the posting's permission
#: check reads it here, in the posting's own transaction, instead of in a statement of its own.
_DEPOT = select(Depot.id, Depot.name, Depot.code, ANY_ACCOUNT.label("accounts")).where(
    Depot.code == bindparam("code")
)
_ITEM = select(Item.id, Item.name, Item.code).where(Item.code == bindparam("code"))


@dataclass(frozen=True)
class Found:
    """A depot or item a document names: its id, name and code; for a depot found by its code,
    whether the database has any account (``None``: not read)."""

    id: uuid.UUID
    name: str
    code: str
    accounts: bool | None = None


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
    for depot_id in sorted(depot_ids):
        row = conn.execute(_CHAIN, {**params, "depot_id": depot_id}).first()
        if row is None:  # no chain head yet (a database from before heads came with depots)
            chains.update(lock_chains(session, {depot_id}))
            check_open(Reads(session), depot_id, on)
            found = counterparty_id(session, counterparty)
            continue
        seq, link, closed, found, any_other_office, later_stocktakes = row
        if known is not None:
            known.told(depot_id, on, bool(later_stocktakes))
        if closed:
            check_open(Reads(session), depot_id, on)  # refuses, naming the period
        if not any_other_office:  # the guard of others' records need not ask (models.guards)
            session.info.setdefault(OWNERS, None)
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
    """The stock rules' reads (:class:`StockReads`) of the session's database, flushed
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

    def balance(self, key: Key) -> BalanceRow | None:
        """The balance row of ``key`` (locked for update), as this posting has changed it."""
        return self.balances.get(key)

    def days_after(self, key: Key, on: date) -> list[tuple[date, Decimal]]:
        """The net movement of every later day that has movements, in date order."""
        rows = flushed_connection(self.session).execute(_PER_DAY, _key_params(key, on=on))
        return [(day, Decimal(total)) for day, total in rows]

    def total_through(self, key: Key, on: date) -> Decimal:
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

    def names(self, depot_id: uuid.UUID, item_id: uuid.UUID) -> Names:
        """The depot's and item's names and the item's unit."""
        params = {"depot_id": depot_id, "item_id": item_id}
        return Names(*flushed_connection(self.session).execute(_NAMES, params).one())


def _key_params(key: Key, **more: object) -> dict[str, object]:
    return {"depot_id": key[0], "item_id": key[1], "lot": key[2], **more}
