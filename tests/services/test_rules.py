"""The ledger's rules as ledger/services/stock/constraints.py states them, each shown on a small
story."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.errors import BeforeStocktake, ExpiredLot, InsufficientStock, WouldGoNegative
from ledger.models import Document
from ledger.models.engine import Database
from ledger.services.stock import constraints as rules
from ledger.services.stock import reverse_document
from ledger.services.stock.constraints import Reads
from tests.scenario import given, item, on_hand, stock_on

D = date.fromisoformat


@pytest.fixture
def s(db: Database, actor: Actor) -> Iterator[Session]:
    """One open transaction for the whole test (each service runs in its own savepoint)."""
    with db.transaction(actor) as session:
        yield session


# --- rule 1: on one day, receipts count before issues -----------------------------------


def test_an_issue_may_use_a_receipt_of_the_same_day_posted_after_it(
    s: Session, actor: Actor
) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 10袋")
    given(s, actor, "CK 2026-03-05 一号库 编织袋 10袋")
    given(s, actor, "RK 2026-03-05 一号库 编织袋 10袋")
    # 03-05 holds an issue posted before a receipt; the day nets to zero, so taking the
    # opening 10 out on 03-03 leaves no day below zero (a posting-order check would say -10)
    given(s, actor, "CK 2026-03-03 一号库 编织袋 10袋")
    assert stock_on(s, "一号库", "编织袋", "", D("2026-03-03")) == 0
    assert stock_on(s, "一号库", "编织袋", "", D("2026-03-05")) == 0


def test_a_backdated_receipt_on_the_issue_day_makes_the_issue_possible(
    s: Session, actor: Actor
) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 5袋")
    given(s, actor, "CK 2026-03-02 一号库 编织袋 5袋")
    with pytest.raises(InsufficientStock):
        given(s, actor, "CK 2026-03-02 一号库 编织袋 5袋")
    given(s, actor, "RK 2026-03-02 一号库 编织袋 5袋")
    given(s, actor, "CK 2026-03-02 一号库 编织袋 5袋")
    assert on_hand(s, "一号库", "编织袋") == 0


# --- rule 2: a backdated document may not drive a later balance negative -----------------


def test_backdated_issue_is_refused_naming_the_first_negative_date(
    s: Session, actor: Actor
) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋 批次L1")
    given(s, actor, "CK 2026-03-10 一号库 编织袋 60袋 批次L1")
    given(s, actor, "CK 2026-03-20 一号库 编织袋 30袋 批次L1")
    # 50 are on hand on 03-05, but 03-10 would close at -10 and 03-20 at -40
    with pytest.raises(WouldGoNegative) as refused:
        given(s, actor, "CK 2026-03-05 一号库 编织袋 50袋 批次L1")
    assert refused.value.first_date == "2026-03-10"
    assert refused.value.balance == Decimal(-10)
    assert refused.value.message == (
        "补录单据会使一号库的编织袋（批次 L1）在 2026-03-10 结存变为负数（-10袋）"
    )
    given(s, actor, "CK 2026-03-05 一号库 编织袋 10袋 批次L1")
    assert on_hand(s, "一号库", "编织袋", "L1") == 0


def test_backdated_issue_larger_than_stock_on_its_own_date_is_insufficient_stock(
    s: Session, actor: Actor
) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 10袋")
    given(s, actor, "RK 2026-03-10 一号库 编织袋 100袋")
    with pytest.raises(InsufficientStock) as refused:
        given(s, actor, "CK 2026-03-05 一号库 编织袋 20袋")
    assert (refused.value.on_hand, refused.value.requested) == (Decimal(10), Decimal(20))


def test_backdated_issue_before_any_receipt_is_refused(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-10 一号库 编织袋 100袋")
    with pytest.raises(InsufficientStock) as refused:
        given(s, actor, "CK 2026-03-01 一号库 编织袋 1袋")
    assert refused.value.on_hand == 0


def test_reversal_that_would_drive_a_later_day_negative_names_the_day(
    s: Session, actor: Actor
) -> None:
    receipt = given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋")
    given(s, actor, "RK 2026-03-02 一号库 编织袋 100袋")
    given(s, actor, "CK 2026-03-15 一号库 编织袋 150袋")
    with pytest.raises(WouldGoNegative) as refused:
        reverse_document(s, actor, receipt.id, D("2026-03-03"), note="录入有误")
    assert refused.value.first_date == "2026-03-15"


def test_rules_are_per_depot_and_lot(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 10袋 批次L1")
    given(s, actor, "RK 2026-03-01 二号库 编织袋 10袋 批次L2")
    given(s, actor, "CK 2026-03-10 二号库 编织袋 10袋 批次L2")
    given(s, actor, "CK 2026-03-05 一号库 编织袋 10袋 批次L1")
    with pytest.raises(InsufficientStock):
        given(s, actor, "CK 2026-03-05 二号库 编织袋 1袋 批次L1")


def test_closing_balances_and_available(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋")
    given(s, actor, "CK 2026-03-10 一号库 编织袋 60袋；编织袋 10袋")
    given(s, actor, "RK 2026-03-10 一号库 编织袋 5袋")
    given(s, actor, "CK 2026-03-20 一号库 编织袋 30袋")
    doc = s.query(Document).first()
    assert doc is not None
    key = (doc.depot_id, item(s, "编织袋").id, "")
    assert rules.closing_balances(Reads(s), key, D("2026-03-05")) == [
        (D("2026-03-05"), Decimal(100)),
        (D("2026-03-10"), Decimal(35)),
        (D("2026-03-20"), Decimal(5)),
    ]
    assert rules.available(Reads(s), key, D("2026-03-05")) == 5
    assert rules.closing_balances(Reads(s), key, D("2026-04-01")) == [(D("2026-04-01"), Decimal(5))]


# --- rule 3: nothing dated before the last stocktake ------------------------------------


def test_document_dated_before_the_last_stocktake_is_refused(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋；铁锹 10把")
    given(s, actor, "PD 2026-03-31 一号库 部分 编织袋 98袋 审批人张三")
    with pytest.raises(BeforeStocktake) as refused:
        given(s, actor, "CK 2026-03-30 一号库 编织袋 1袋")
    assert refused.value.message == (
        "一号库的编织袋已于 2026-03-31 盘点，不能登记早于盘点日期（2026-03-30）的单据"
    )
    with pytest.raises(BeforeStocktake):
        given(s, actor, "RK 2026-03-30 一号库 编织袋 1袋")
    # the count's own day and later are open; other items and depots were not counted
    given(s, actor, "CK 2026-03-31 一号库 编织袋 1袋")
    given(s, actor, "CK 2026-03-30 一号库 铁锹 1把")
    given(s, actor, "RK 2026-03-30 二号库 编织袋 1袋")


def test_transfer_into_a_counted_depot_before_its_count_is_refused(
    s: Session, actor: Actor
) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋")
    given(s, actor, "RK 2026-03-01 二号库 编织袋 1袋")
    given(s, actor, "PD 2026-03-31 二号库 部分 编织袋 1袋")
    with pytest.raises(BeforeStocktake, match="二号库"):
        given(s, actor, "DB 2026-03-20 一号库→二号库 编织袋 1袋")


def test_reversal_dated_before_the_last_stocktake_is_refused(s: Session, actor: Actor) -> None:
    issue = given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋")
    given(s, actor, "PD 2026-03-31 一号库 部分 编织袋 100袋")
    with pytest.raises(BeforeStocktake):
        reverse_document(s, actor, issue.id, D("2026-03-15"), note="录入有误")


def test_a_reversed_stocktake_no_longer_blocks_earlier_documents(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋")
    count = given(s, actor, "PD 2026-03-31 一号库 部分 编织袋 100袋")
    assert Reads(s).last_stocktake(*_pair(s, count.id)) == D("2026-03-31")
    reverse_document(s, actor, count.id, D("2026-03-31"), note="录入有误")
    assert Reads(s).last_stocktake(*_pair(s, count.id)) is None
    given(s, actor, "CK 2026-03-20 一号库 编织袋 1袋")


def _pair(s: Session, document_id: object) -> tuple[object, object]:
    doc = s.get_one(Document, document_id)
    return doc.depot_id, doc.lines[0].item_id


# --- rule 4: expired lots ---------------------------------------------------------------


def test_issuing_an_expired_lot_needs_an_override_reason(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-01-01 一号库 药品 10盒 批次B1 有效期2026-02-01")
    with pytest.raises(ExpiredLot) as refused:
        given(s, actor, "CK 2026-03-01 一号库 药品 1盒 批次B1")
    assert refused.value.message == "药品（批次 B1）已于 2026-02-01 过期，出库需填写放行理由"
    posted = given(s, actor, "CK 2026-03-01 一号库 药品 1盒 批次B1 放行理由应急救灾急需")
    assert s.get_one(Document, posted.id).lines[0].override_reason == "应急救灾急需"


def test_a_lot_may_be_issued_on_its_expiry_day(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-01-01 一号库 药品 10盒 批次B1 有效期2026-02-01")
    given(s, actor, "CK 2026-02-01 一号库 药品 1盒 批次B1")
    with pytest.raises(ExpiredLot):
        given(s, actor, "CK 2026-02-02 一号库 药品 1盒 批次B1")


def test_transferring_an_expired_lot_needs_an_override_reason(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-01-01 一号库 药品 10盒 批次B1 有效期2026-02-01")
    given(s, actor, "RK 2026-01-01 二号库 药品 1盒")
    with pytest.raises(ExpiredLot):
        given(s, actor, "DB 2026-03-01 一号库→二号库 药品 1盒 批次B1")
    given(s, actor, "DB 2026-03-01 一号库→二号库 药品 1盒 批次B1 放行理由集中销毁")
    assert on_hand(s, "二号库", "药品", "B1") == 1


def test_receiving_and_returning_an_expired_lot_is_allowed(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-01-01 一号库 药品 10盒 批次B1 有效期2026-02-01")
    issue = given(s, actor, "CK 2026-01-15 一号库 药品 5盒 批次B1")
    given(s, actor, "RK 2026-03-01 一号库 药品 1盒 批次B1")
    given(s, actor, f"GH 2026-03-01 一号库 药品 5盒 批次B1 原单{issue.number}")
    assert on_hand(s, "一号库", "药品", "B1") == 11


def test_lots_without_expiry_never_expire(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2020-01-01 一号库 铁锹 10把")
    given(s, actor, "CK 2030-01-01 一号库 铁锹 1把")


# --- rule 5: one lot twice in a document is summed --------------------------------------


def test_lines_of_one_lot_are_summed_against_later_days_too(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋")
    given(s, actor, "CK 2026-03-10 一号库 编织袋 50袋")
    with pytest.raises(WouldGoNegative):
        given(s, actor, "CK 2026-03-05 一号库 编织袋 30袋；编织袋 30袋")


def test_net_by_key_sums_signed_quantities_per_lot(s: Session, actor: Actor) -> None:
    posted = given(s, actor, "RK 2026-03-01 一号库 编织袋 1袋 批次A；编织袋 2袋 批次A；编织袋 4袋")
    doc = s.get_one(Document, posted.id)
    from ledger.services.stock.journal import Delta

    deltas = [Delta(doc.depot_id, ln.item_id, ln.lot, None, ln.quantity, ln) for ln in doc.lines]
    totals = rules.net_by_key(deltas)
    item_id = doc.lines[0].item_id
    assert totals == {
        (doc.depot_id, item_id, "A"): Decimal(3),
        (doc.depot_id, item_id, ""): Decimal(4),
    }
