"""Stock card pages by key (物资卡片分页): long cards read a page after the last row shown.

:func:`ledger.services.stock.queries.stock_card` pages by offset, which grows with every page;
a keeper scrolling a card of 100,000 movements needs each page to cost the same. Here a page
starts after a cursor (the last row's date, direction and chain position) and carries the
running balance forward, so reading a page touches only its own rows. The order is the
card's: by date, receipts before issues on one day, then posting order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, select, tuple_
from sqlalchemy.orm import Session

from ledger.core.enums import Category
from ledger.core.errors import UnknownRecord
from ledger.models import Balance, Depot, Document, Item, Movement
from ledger.services.stock.queries import CardKey, CardRow, card_opening

ZERO = Decimal(0)


@dataclass(frozen=True)
class CardCursor:
    """Where a page ended: the last row's sort key and the balance after it."""

    occurred_on: date
    direction: int
    seq: int
    balance: Decimal


def _direction() -> Any:
    return case((Movement.quantity > 0, 0), else_=1)


def _where(key: CardKey) -> list[Any]:
    where: list[Any] = [Movement.depot_id == key.depot_id, Movement.item_id == key.item_id]
    if key.lot is not None:
        where.append(Movement.lot == key.lot)
    if key.start is not None:
        where.append(Movement.occurred_on >= key.start)
    if key.end is not None:
        where.append(Movement.occurred_on <= key.end)
    return where


def card_page(
    session: Session, key: CardKey, after: CardCursor | None = None, limit: int = 500
) -> tuple[list[CardRow], CardCursor | None]:
    """The card's next ``limit`` movements after ``after`` (from the start without it).

    Returns:
        The rows with their running balances, and the cursor to read the page after them
        (``None`` when the card has no more rows).
    """
    direction = _direction()
    where = _where(key)
    if after is not None:
        where.append(Movement.occurred_on >= after.occurred_on)  # lets the date index bound it
        where.append(
            tuple_(Movement.occurred_on, direction, Movement.seq)
            > tuple_(after.occurred_on, after.direction, after.seq)
        )
    query = (
        select(
            Movement.id,
            Movement.occurred_on,
            Movement.document_id,
            Movement.lot,
            Movement.expiry,
            Movement.quantity,
            Movement.seq,
            direction.label("direction"),
            Document.number,
            Document.doc_type,
            Document.reverses_id.is_not(None).label("is_reversal"),
            Document.counterparty_name,
            Document.note,
        )
        .join(Document, Document.id == Movement.document_id)
        .where(*where)
        .order_by(Movement.occurred_on, direction, Movement.seq)
        .limit(limit)
    )
    balance = after.balance if after is not None else card_opening(session, key)
    rows: list[CardRow] = []
    last = None
    for r in session.execute(query):
        quantity = Decimal(r.quantity)
        balance += quantity
        rows.append(
            CardRow(
                r.id,
                r.occurred_on,
                r.document_id,
                r.number,
                r.doc_type,
                bool(r.is_reversal),
                r.counterparty_name,
                r.lot,
                r.expiry,
                quantity if quantity > 0 else ZERO,
                -quantity if quantity < 0 else ZERO,
                balance,
                r.note,
            )
        )
        last = r
    if last is None or len(rows) < limit:
        return rows, None
    return rows, CardCursor(last.occurred_on, int(last.direction), int(last.seq), balance)


@dataclass(frozen=True)
class CardSummary:
    """What the card's header shows: the lots of the item in the depot and what each holds."""

    lots: tuple[tuple[str, date | None, Decimal], ...]
    on_hand: Decimal


def card_summary(session: Session, key: CardKey) -> CardSummary:
    """The item's lots in the depot with their balances (from the balance cache)."""
    query = (
        select(Balance.lot, Balance.expiry, Balance.quantity)
        .where(Balance.depot_id == key.depot_id, Balance.item_id == key.item_id)
        .order_by(Balance.expiry.is_(None), Balance.expiry, Balance.lot)
    )
    lots = tuple((lot, expiry, qty) for lot, expiry, qty in session.execute(query))
    total = sum((qty for lot, _, qty in lots if key.lot is None or lot == key.lot), ZERO)
    return CardSummary(lots, total)


@dataclass(frozen=True)
class CardHeader:
    """The head of a stock card: the item, the depot's name and the lots (one read)."""

    item_code: str
    item_name: str
    spec: str
    unit: str
    category: Category
    depot_name: str
    summary: CardSummary


def card_header(session: Session, key: CardKey) -> CardHeader:
    """The item, depot and lots a stock card shows above its movements.

    Raises:
        UnknownRecord: no such item or depot.
    """
    head = session.execute(
        select(Item.code, Item.name, Item.spec, Item.unit, Item.category, Depot.name)
        .join(Depot, Depot.id == key.depot_id)
        .where(Item.id == key.item_id)
    ).one_or_none()
    if head is None:
        missing = session.get(Item, key.item_id) is None
        raise UnknownRecord(kind="物资" if missing else "仓库", key=str(key.item_id))
    return CardHeader(*head, card_summary(session, key))


def count_movements(session: Session, key: CardKey) -> int:
    """How many movements the card holds (a full count: use it off the GUI thread)."""
    count: int | None = session.scalar(select(func.count(Movement.id)).where(*_where(key)))
    return count or 0
