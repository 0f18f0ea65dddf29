"""The ledger's rules, each stated here and tested in tests/services/test_rules.py.

1. Stock never goes below zero, on any day. Within one day receipts count before issues, so a
   day's lowest balance is its closing balance; a document is allowed only if every closing
   balance from its date on stays at or above zero.
2. A backdated document that would drive a later balance negative is refused, naming the first
   date it would go negative.
3. A document dated before the last stocktake of its depot and item is refused: the count
   fixed the quantity on that date.
4. Issuing (or transferring) an expired lot is refused unless an override reason is given.
5. Quantities of the same depot, item and lot in one document are summed before the checks.
6. A document dated in a closed period of its depot is refused
   (:func:`ledger.services.periods.ensure_open` names the period).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, Exists, bindparam, func, select
from sqlalchemy.orm import Session, aliased

from ledger.core.enums import DocType
from ledger.core.errors import BeforeStocktake, ExpiredLot, InsufficientStock, WouldGoNegative
from ledger.models import Depot, Document, DocumentLine, Item, Movement
from ledger.models.periods import PeriodClose
from ledger.services.stock.journal import Balances, Delta, flushed_connection

ZERO = Decimal(0)

# Statements run on every posting are built once: building and hashing a SELECT costs more
# than running it on SQLite, and a prebuilt statement keeps its cache key.
_KEY = (
    Movement.depot_id == bindparam("depot_id"),
    Movement.item_id == bindparam("item_id"),
    Movement.lot == bindparam("lot"),
)
_LATER = select(Movement.id).where(*_KEY, Movement.occurred_on > bindparam("on")).limit(1)
_OPENING = select(func.coalesce(func.sum(Movement.quantity), 0)).where(
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


def closed_on(depot_id: ColumnElement[uuid.UUID]) -> Exists:
    """SQL: whether a close of the depot ``depot_id`` covers the date bound as ``on`` (rule 6,
    what :func:`ledger.services.periods.ensure_open` refuses), asked with a posting's reads."""
    return (
        select(PeriodClose.id)
        .where(PeriodClose.depot_id == depot_id, PeriodClose.last_day >= bindparam("on"))
        .exists()
    )


def _key_params(key: tuple[uuid.UUID, uuid.UUID, str], **more: object) -> dict[str, object]:
    return {"depot_id": key[0], "item_id": key[1], "lot": key[2], **more}


def net_by_key(deltas: list[Delta]) -> dict[tuple[uuid.UUID, uuid.UUID, str], Decimal]:
    """Sum the signed quantities of a document per depot, item and lot (rule 5)."""
    totals: dict[tuple[uuid.UUID, uuid.UUID, str], Decimal] = defaultdict(Decimal)
    for delta in deltas:
        totals[delta.key] += delta.quantity
    return dict(totals)


def check_availability(
    session: Session, deltas: list[Delta], on: date, balances: Balances | None = None
) -> None:
    """Refuse when any depot, item and lot would go below zero on ``on`` or later (rules 1, 2, 5).

    Raises:
        InsufficientStock: not enough on hand on ``on`` itself.
        WouldGoNegative: enough on ``on`` but a later day would close below zero.
    """
    balances = balances or Balances(session)
    for key, change in net_by_key(deltas).items():
        if change < ZERO:
            _check_key(session, key, -change, on, balances)


def _check_key(
    session: Session,
    key: tuple[uuid.UUID, uuid.UUID, str],
    needed: Decimal,
    on: date,
    balances: Balances,
) -> None:
    depot_id, item_id, lot = key
    closing = closing_balances(session, key, on, balances)
    first_balance = closing[0][1]
    if first_balance < needed:
        _refuse_short(session, key, first_balance, needed)
    for day, balance in closing[1:]:
        if balance < needed:
            depot, item = session.get_one(Depot, depot_id), session.get_one(Item, item_id)
            raise WouldGoNegative(
                depot=depot.name,
                item=item.name,
                lot=lot or "无",
                first_date=day.isoformat(),
                balance=balance - needed,
                unit=item.unit,
            )


def closing_balances(
    session: Session,
    key: tuple[uuid.UUID, uuid.UUID, str],
    on: date,
    balances: Balances | None = None,
) -> list[tuple[date, Decimal]]:
    """Closing balance on ``on`` and on every later day that has movements, in date order.

    Receipts and issues of one day are netted, so receipts count before issues (rule 1).
    When nothing is dated after ``on``, the balance cache gives the answer in one lookup.
    """
    params = _key_params(key, on=on)
    if flushed_connection(session).execute(_LATER, params).scalar() is None:
        row = (balances or Balances(session)).get(key)
        return [(on, row.quantity if row else ZERO)]
    running = Decimal(session.scalar(_OPENING, params) or 0)
    result = [(on, running)]
    for day, total in session.execute(_PER_DAY, params):
        running += Decimal(total)
        result.append((day, running))
    return result


def available(session: Session, key: tuple[uuid.UUID, uuid.UUID, str], on: date) -> Decimal:
    """What may still be taken out on ``on`` without any later day closing below zero."""
    return max(min(balance for _, balance in closing_balances(session, key, on)), ZERO)


def _refuse_short(
    session: Session, key: tuple[uuid.UUID, uuid.UUID, str], on_hand: Decimal, needed: Decimal
) -> None:
    depot_id, item_id, lot = key
    depot, item = session.get_one(Depot, depot_id), session.get_one(Item, item_id)
    raise InsufficientStock(
        depot=depot.name,
        item=item.name,
        lot=lot or "无",
        on_hand=on_hand,
        requested=needed,
        unit=item.unit,
    )


def last_stocktake(
    session: Session, depot_id: uuid.UUID, item_id: uuid.UUID, after: date | None = None
) -> date | None:
    """Date of the last stocktake of a depot that counted an item (reversed counts excluded).

    With ``after``, only stocktakes dated later than it count (``None`` when there are none).
    The index on documents (depot, type, date) keeps this one short lookup.
    """
    params = {"depot_id": depot_id, "item_id": item_id, "after": after or date.min}
    return flushed_connection(session).execute(_LAST_STOCKTAKE, params).scalar()


def check_after_stocktake(
    session: Session, pairs: set[tuple[uuid.UUID, uuid.UUID]], on: date
) -> None:
    """Refuse a document dated before the last stocktake of a depot and item it touches (rule 3).

    Raises:
        BeforeStocktake: names the depot, the item and the stocktake date.
    """
    for pair in sorted(pairs):
        counted_on = last_stocktake(session, *pair, after=on)
        if counted_on is not None:
            depot, item = session.get_one(Depot, pair[0]), session.get_one(Item, pair[1])
            raise BeforeStocktake(
                depot=depot.name,
                item=item.name,
                stocktake_date=counted_on.isoformat(),
                doc_date=on.isoformat(),
            )


def check_not_expired(
    session: Session, deltas: list[Delta], on: date, balances: Balances | None = None
) -> None:
    """Refuse taking an expired lot out unless its line gives an override reason (rule 4).

    Raises:
        ExpiredLot: names the item, lot and expiry date.
    """
    balances = balances or Balances(session)
    for delta in deltas:
        if delta.quantity >= ZERO or delta.line.override_reason.strip():
            continue
        row = balances.get(delta.key)
        expiry = row.expiry if row else None
        if expiry is not None and expiry < on:
            item = session.get_one(Item, delta.item_id)
            raise ExpiredLot(item=item.name, lot=delta.lot or "无", expiry=expiry.isoformat())
