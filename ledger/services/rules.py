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
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.core.enums import DocType
from ledger.core.errors import BeforeStocktake, ExpiredLot, InsufficientStock, WouldGoNegative
from ledger.models import Balance, Depot, Document, DocumentLine, Item, Movement
from ledger.services.posting import Delta, balance_row

ZERO = Decimal(0)


def net_by_key(deltas: list[Delta]) -> dict[tuple[uuid.UUID, uuid.UUID, str], Decimal]:
    """Sum the signed quantities of a document per depot, item and lot (rule 5)."""
    totals: dict[tuple[uuid.UUID, uuid.UUID, str], Decimal] = defaultdict(Decimal)
    for delta in deltas:
        totals[delta.key] += delta.quantity
    return dict(totals)


def check_availability(session: Session, deltas: list[Delta], on: date) -> None:
    """Refuse when any depot, item and lot would go below zero on ``on`` or later (rules 1, 2, 5).

    Raises:
        InsufficientStock: not enough on hand on ``on`` itself.
        WouldGoNegative: enough on ``on`` but a later day would close below zero.
    """
    for key, change in net_by_key(deltas).items():
        if change < ZERO:
            _check_key(session, key, -change, on)


def _check_key(
    session: Session, key: tuple[uuid.UUID, uuid.UUID, str], needed: Decimal, on: date
) -> None:
    depot_id, item_id, lot = key
    closing = closing_balances(session, key, on)
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
    session: Session, key: tuple[uuid.UUID, uuid.UUID, str], on: date
) -> list[tuple[date, Decimal]]:
    """Closing balance on ``on`` and on every later day that has movements, in date order.

    Receipts and issues of one day are netted, so receipts count before issues (rule 1).
    When nothing is dated after ``on``, the balance cache gives the answer in one lookup.
    """
    depot_id, item_id, lot = key
    where = (Movement.depot_id == depot_id, Movement.item_id == item_id, Movement.lot == lot)
    later = session.scalar(select(Movement.id).where(*where, Movement.occurred_on > on).limit(1))
    if later is None:
        row = balance_row(session, depot_id, item_id, lot)
        return [(on, row.quantity if row else ZERO)]
    opening = session.scalar(
        select(func.coalesce(func.sum(Movement.quantity), 0)).where(
            *where, Movement.occurred_on <= on
        )
    )
    running = Decimal(opening or 0)
    result = [(on, running)]
    per_day = session.execute(
        select(Movement.occurred_on, func.sum(Movement.quantity))
        .where(*where, Movement.occurred_on > on)
        .group_by(Movement.occurred_on)
        .order_by(Movement.occurred_on)
    )
    for day, total in per_day:
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


def last_stocktake(session: Session, depot_id: uuid.UUID, item_id: uuid.UUID) -> date | None:
    """Date of the last stocktake of a depot that counted an item (reversed counts excluded)."""
    reversed_ids = select(Document.reverses_id).where(Document.reverses_id.is_not(None))
    return session.scalar(
        select(func.max(Document.doc_date))
        .join(DocumentLine, DocumentLine.document_id == Document.id)
        .where(
            Document.doc_type == DocType.STOCKTAKE,
            Document.depot_id == depot_id,
            Document.reverses_id.is_(None),
            Document.id.not_in(reversed_ids),
            DocumentLine.item_id == item_id,
        )
    )


def check_after_stocktake(
    session: Session, pairs: set[tuple[uuid.UUID, uuid.UUID]], on: date
) -> None:
    """Refuse a document dated before the last stocktake of a depot and item it touches (rule 3).

    Raises:
        BeforeStocktake: names the depot, the item and the stocktake date.
    """
    for pair in sorted(pairs):
        counted_on = last_stocktake(session, *pair)
        if counted_on is not None and on < counted_on:
            depot, item = session.get_one(Depot, pair[0]), session.get_one(Item, pair[1])
            raise BeforeStocktake(
                depot=depot.name,
                item=item.name,
                stocktake_date=counted_on.isoformat(),
                doc_date=on.isoformat(),
            )


def check_not_expired(session: Session, deltas: list[Delta], on: date) -> None:
    """Refuse taking an expired lot out unless its line gives an override reason (rule 4).

    Raises:
        ExpiredLot: names the item, lot and expiry date.
    """
    for delta in deltas:
        if delta.quantity >= ZERO or delta.line.override_reason.strip():
            continue
        expiry = session.scalar(
            select(Balance.expiry).where(
                Balance.depot_id == delta.depot_id,
                Balance.item_id == delta.item_id,
                Balance.lot == delta.lot,
            )
        )
        if expiry is not None and expiry < on:
            item = session.get_one(Item, delta.item_id)
            raise ExpiredLot(item=item.name, lot=delta.lot or "无", expiry=expiry.isoformat())
