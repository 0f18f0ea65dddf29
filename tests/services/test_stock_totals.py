"""按物资汇总: each item's stock added up across depots, and the lots behind a total."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest

from ledger.core.actor import Actor
from ledger.core.enums import Category
from ledger.models.engine import Database
from ledger.services.stock.queries import StockFilter, stock_on_hand
from ledger.services.stock.totals import stock_by_item
from tests.services.test_stock_queries import _county


@pytest.mark.parametrize(
    "flt",
    [StockFilter(), StockFilter(search="编织袋"), StockFilter(category=Category.FLOOD)],
    ids=["all", "search", "category"],
)
def test_each_item_adds_up_its_lots_in_every_depot(db: Database, actor: Actor, flt) -> None:
    _county(db, actor)
    with db.read() as s:
        lots = stock_on_hand(s, flt)
        totals = stock_by_item(s, flt)
    expected: dict[str, tuple[Decimal, set[str], int]] = defaultdict(lambda: (Decimal(0), set(), 0))
    for lot in lots:
        quantity, depots, count = expected[lot.item_code]
        expected[lot.item_code] = (quantity + lot.quantity, depots | {lot.depot_code}, count + 1)
    assert [(t.item_code, t.quantity, t.depots, t.lots) for t in totals] == [
        (code, q, len(d), n) for code, (q, d, n) in sorted(expected.items())
    ]
    assert len(totals) > 1


def test_one_depot_and_the_drill_down_to_lots(db: Database, actor: Actor) -> None:
    ids = _county(db, actor)
    with db.read() as s:
        in_depot = stock_by_item(s, StockFilter(depot_id=ids["HK01"]))
        everywhere = {t.item_code: t for t in stock_by_item(s)}
        lots = stock_on_hand(s, StockFilter(item_id=ids["WZ1"]))
    assert all(t.depots == 1 for t in in_depot)
    assert {t.item_code for t in in_depot} == {f"WZ{n}" for n in range(6)}
    assert {lot.item_code for lot in lots} == {"WZ1"}
    assert {lot.depot_code for lot in lots} == {"HK01", "CG01", "CG02"}
    assert sum(lot.quantity for lot in lots) == everywhere["WZ1"].quantity
    earliest = min(lot.expiry for lot in lots if lot.expiry)
    assert everywhere["WZ1"].earliest_expiry == earliest
