"""Stock card pages read by key: same rows and balances as the offset query, page after page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ledger.core.actor import Actor
from ledger.core.enums import Category, DocType, Level
from ledger.models.engine import Database
from ledger.services import stock
from ledger.services.catalogue import register as catalogue
from ledger.services.org import tree as org
from ledger.services.stock.card_pages import card_page, card_summary, count_movements
from ledger.services.stock.queries import CardKey, stock_card


def test_pages_by_key_match_the_card_and_carry_the_balance(db: Database, actor: Actor) -> None:
    with db.transaction(actor) as s:
        town = org.add_unit(s, actor, org.UnitInput("410122100", "城关镇", Level.TOWN))
        depot = catalogue.save_depot(s, actor, catalogue.DepotInput("CG01", "一号库", town))
        item = catalogue.save_item(
            s, actor, catalogue.ItemInput("FX001", "编织袋", "条", Category.FLOOD)
        )
        for day in range(1, 8):
            on = date(2026, 3, day)
            stock.post_document(
                s,
                actor,
                stock.DocumentInput(
                    DocType.RECEIPT, "CG01", on, [stock.LineInput("FX001", 10 * day, f"L{day % 2}")]
                ),
            )
            stock.post_document(
                s,
                actor,
                stock.DocumentInput(
                    DocType.ISSUE, "CG01", on, [stock.LineInput("FX001", day, f"L{day % 2}")]
                ),
            )
    key = CardKey(depot, item)
    with db.read() as s:
        whole = stock_card(s, key)
        pages, cursor = [], None
        while True:
            rows, cursor = card_page(s, key, cursor, limit=3)
            pages.append(rows)
            if cursor is None:
                break
        summary = card_summary(s, key)
        assert count_movements(s, key) == 14
        from_day_4 = card_page(s, CardKey(depot, item, start=date(2026, 3, 4)), None, 100)[0]
        lot_1 = card_page(s, CardKey(depot, item, lot="L1"), None, 100)[0]
    flat = [row for page in pages for row in page]
    assert [len(p) for p in pages] == [3, 3, 3, 3, 2]
    assert flat == whole
    assert flat[-1].balance == Decimal(252) == summary.on_hand
    assert from_day_4[0].balance == whole[6].balance
    assert [r.balance for r in lot_1][-1] == sum(q for lot, _, q in summary.lots if lot == "L1")
