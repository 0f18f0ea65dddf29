"""按物资汇总: stock per item across depots (「全县共有多少顶帐篷？」), read-only.

The lots behind a total are :func:`ledger.services.stock.queries.stock_on_hand` with the
filter's ``item_id`` set (the drill-down).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.core.enums import Category
from ledger.models import Balance, Depot, Item
from ledger.services.stock.queries import StockFilter, _stock_where


@dataclass(frozen=True, slots=True)
class ItemTotalRow:
    """One item's stock added up over the depots the filter covers."""

    item_id: uuid.UUID
    item_code: str
    item_name: str
    spec: str
    unit: str
    category: Category
    quantity: Decimal
    depots: int
    lots: int
    earliest_expiry: date | None


def stock_by_item(session: Session, flt: StockFilter | None = None) -> list[ItemTotalRow]:
    """Per item (by code): the quantity held, in how many depots and lots, the earliest expiry."""
    flt = flt or StockFilter()
    query = (
        select(
            Item.id,
            Item.code,
            Item.name,
            Item.spec,
            Item.unit,
            Item.category,
            func.sum(Balance.quantity),
            func.count(func.distinct(Balance.depot_id)),
            func.count(Balance.id),
            func.min(Balance.expiry),
        )
        .select_from(Balance)
        .join(Item, Item.id == Balance.item_id)
        .join(Depot, Depot.id == Balance.depot_id)
        .where(*_stock_where(flt))
        .group_by(Item.id, Item.code, Item.name, Item.spec, Item.unit, Item.category)
        .order_by(Item.code)
    )
    return [
        ItemTotalRow(
            item_id, code, name, spec, unit, category, Decimal(total or 0), depots, lots, expiry
        )
        for item_id, code, name, spec, unit, category, total, depots, lots, expiry in (
            session.execute(query)
        )
    ]
