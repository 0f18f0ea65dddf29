"""Stock on hand read items-first from the held-lots index: the same rows as a plain read."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from ledger.core.actor import Actor
from ledger.core.enums import Category, DocType, Level
from ledger.models import Balance, Depot, Item
from ledger.models.engine import Database
from ledger.services import stock
from ledger.services.catalogue import register as catalogue
from ledger.services.org import tree as org
from ledger.services.stock.queries import StockFilter, StockRow, count_stock, stock_on_hand

CATEGORIES = (Category.FLOOD, Category.FIRE, Category.LIVING)


def _county(db: Database, actor: Actor) -> dict[str, uuid.UUID]:
    """Two towns, three depots, six items; lots received, some issued down to zero."""
    ids: dict[str, uuid.UUID] = {}
    with db.transaction(actor) as s:
        for code, name in (("410122100", "城关镇"), ("410122101", "河口镇")):
            ids[name] = org.add_unit(s, actor, org.UnitInput(code, name, Level.TOWN))
        for code, name, town in (
            ("CG02", "城关二号库", "城关镇"),
            ("CG01", "城关一号库", "城关镇"),
            ("HK01", "河口一号库", "河口镇"),
        ):
            ids[code] = catalogue.save_depot(s, actor, catalogue.DepotInput(code, name, ids[town]))
        for n in range(6):
            name = f"{'编织袋' if n % 2 else '救生衣'}{n}号"
            ids[f"WZ{n}"] = catalogue.save_item(
                s, actor, catalogue.ItemInput(f"WZ{n}", name, "件", CATEGORIES[n % 3])
            )
        for d, depot in enumerate(("HK01", "CG01", "CG02")):
            lines = [
                stock.LineInput(
                    f"WZ{n}",
                    n + d + 1,
                    lot=f"L{(n + lot) % 3}",
                    expiry=date(2026, 3 + lot * 4, 1) if (n + lot) % 4 else None,
                )
                for n in range(6 - d)
                for lot in range(3)
            ]
            receipt = stock.DocumentInput(DocType.RECEIPT, depot, date(2026, 2, 1), lines)
            stock.post_document(s, actor, receipt)
            gone = [stock.LineInput(line.item, line.quantity, line.lot) for line in lines[::4]]
            issue = stock.DocumentInput(DocType.ISSUE, depot, date(2026, 2, 2), gone)
            stock.post_document(s, actor, issue)
    return ids


def _plain(db: Database, flt: StockFilter) -> list[StockRow]:
    """Every balance with its item and depot, filtered and sorted in Python."""
    with db.read() as s:
        found = s.execute(
            select(Balance, Item, Depot)
            .join(Item, Item.id == Balance.item_id)
            .join(Depot, Depot.id == Balance.depot_id)
        ).all()
    rows = []
    for bal, item, depot in found:
        text = flt.search.strip()
        if (
            (bal.quantity == 0 and not flt.include_zero)
            or (flt.depot_id is not None and depot.id != flt.depot_id)
            or (flt.unit_id is not None and depot.unit_id != flt.unit_id)
            or (flt.category is not None and item.category != flt.category)
            or (text and not any(text in v for v in (item.code, item.name, item.spec, bal.lot)))
            or (
                flt.expiring_before is not None
                and (bal.expiry is None or bal.expiry >= flt.expiring_before)
            )
        ):
            continue
        rows.append(
            StockRow(
                depot.id,
                depot.code,
                depot.name,
                item.id,
                item.code,
                item.name,
                item.spec,
                item.unit,
                item.category,
                bal.lot,
                bal.expiry,
                bal.quantity,
            )
        )
    far = date.max - timedelta(days=1)
    return sorted(
        rows,
        key=lambda r: (r.depot_code, r.item_code, r.expiry is None, r.expiry or far, r.lot),
    )


FILTERS = {
    "all": lambda ids: StockFilter(),
    "depot": lambda ids: StockFilter(depot_id=ids["CG01"]),
    "unit": lambda ids: StockFilter(unit_id=ids["城关镇"]),
    "category": lambda ids: StockFilter(category=Category.FIRE),
    "search item": lambda ids: StockFilter(search="编织袋"),
    "search lot in a depot": lambda ids: StockFilter(depot_id=ids["HK01"], search="L1"),
    "category and search": lambda ids: StockFilter(category=Category.FLOOD, search="救生衣"),
    "expiring": lambda ids: StockFilter(expiring_before=date(2026, 8, 1)),
    "with zeros": lambda ids: StockFilter(include_zero=True),
    "zeros of a unit": lambda ids: StockFilter(unit_id=ids["河口镇"], include_zero=True),
    "nothing": lambda ids: StockFilter(search="没有这种物资"),
}


@pytest.mark.parametrize("name", list(FILTERS))
def test_stock_on_hand_and_its_count_match_a_plain_read(
    db: Database, actor: Actor, name: str
) -> None:
    ids = _county(db, actor)
    flt = FILTERS[name](ids)
    expected = _plain(db, flt)
    with db.read() as s:
        whole = stock_on_hand(s, flt)
        count = count_stock(s, flt)
        pages = [stock_on_hand(s, flt, offset=o, limit=4) for o in range(0, len(whole) + 4, 4)]
    assert whole == expected
    assert count == len(expected)
    assert [row for page in pages for row in page] == expected
    if name != "nothing":
        assert expected, "the filter should match something in this county"


def test_zero_lots_are_left_out_unless_asked_for(db: Database, actor: Actor) -> None:
    _county(db, actor)
    with db.read() as s:
        held = stock_on_hand(s)
        every = stock_on_hand(s, StockFilter(include_zero=True))
    assert all(row.quantity != 0 for row in held)
    assert len(every) > len(held)
    assert {(r.depot_id, r.item_id, r.lot) for r in held} < {
        (r.depot_id, r.item_id, r.lot) for r in every
    }
