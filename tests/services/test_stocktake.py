"""Stocktakes (盘点): count sheets, full and partial counts, differences, reasons, approver."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import Category, DocType, Reason
from ledger.core.errors import (
    BeforeStocktake,
    EmptyDocument,
    InvalidValue,
    MissingField,
    UncountedLots,
    WouldGoNegative,
)
from ledger.models import Document, Movement
from ledger.models.engine import Database
from ledger.services.stock import reverse_document
from ledger.services.stock.stocktake import (
    Count,
    StocktakeInput,
    Uncounted,
    count_sheet,
    post_stocktake,
)
from tests.scenario import given, item, on_hand, stock_on

D = date.fromisoformat


@pytest.fixture
def s(db: Database, actor: Actor) -> Iterator[Session]:
    """One open transaction for the whole test (each service runs in its own savepoint)."""
    with db.transaction(actor) as session:
        yield session


def lines(session: Session, document_id: object) -> list[tuple[str, str, Decimal, Decimal]]:
    doc = session.get_one(Document, document_id)
    return [
        (ln.item.code, ln.lot, ln.book_quantity, ln.counted_quantity)  # type: ignore[misc]
        for ln in doc.lines
    ]


@pytest.fixture
def stocked(s: Session, actor: Actor) -> Session:
    """一号库 holds 编织袋 in two lots, 铁锹, and 药品 (medical)."""
    given(
        s,
        actor,
        "RK 2026-03-01 一号库 编织袋 100袋 批次L1 有效期2027-03-01；编织袋 50袋 批次L2；铁锹 10把",
    )
    given(s, actor, "RK 2026-03-01 一号库 药品 20盒 批次M1 有效期2026-12-31")
    item(s, "药品").category = Category.MEDICAL
    given(s, actor, "CK 2026-03-10 一号库 编织袋 30袋 批次L1")
    return s


def test_count_sheet_lists_book_quantities_at_the_count_date(stocked: Session) -> None:
    sheet = count_sheet(stocked, "一号库", D("2026-03-05"))
    assert [(r.item_code, r.lot, r.book, r.expiry) for r in sheet] == [
        ("编织袋", "L1", Decimal(100), D("2027-03-01")),
        ("编织袋", "L2", Decimal(50), None),
        ("药品", "M1", Decimal(20), D("2026-12-31")),
        ("铁锹", "", Decimal(10), None),
    ]
    later = {(r.item_code, r.lot): r.book for r in count_sheet(stocked, "一号库", D("2026-03-10"))}
    assert later[("编织袋", "L1")] == 70
    medical = count_sheet(stocked, "一号库", D("2026-03-10"), Category.MEDICAL)
    assert [r.item_code for r in medical] == ["药品"]
    assert count_sheet(stocked, "一号库", D("2026-02-28")) == []


def test_count_sheet_leaves_out_lots_without_stock(stocked: Session, actor: Actor) -> None:
    given(stocked, actor, "CK 2026-03-11 一号库 编织袋 50袋 批次L2")
    sheet = count_sheet(stocked, "一号库", D("2026-03-11"))
    assert ("编织袋", "L2") not in {(r.item_code, r.lot) for r in sheet}


def test_partial_count_posts_differences_against_the_book(stocked: Session, actor: Actor) -> None:
    posted = given(stocked, actor, "PD 2026-03-20 一号库 部分 编织袋 68袋 批次L1 审批人张三")
    assert posted.number == "一号库-PD-2026-00001"
    assert posted.movements == 1
    doc = stocked.get_one(Document, posted.id)
    assert doc.doc_type is DocType.STOCKTAKE and doc.scope == "partial"
    assert doc.approver == "张三"
    line = doc.lines[0]
    assert (line.book_quantity, line.counted_quantity, line.quantity) == (70, 68, 2)
    assert line.reason is Reason.LOSS
    assert on_hand(stocked, "一号库", "编织袋", "L1") == 68
    assert on_hand(stocked, "一号库", "编织袋", "L2") == 50


def test_a_gain_is_recorded_as_盘盈(stocked: Session, actor: Actor) -> None:
    posted = given(stocked, actor, "PD 2026-03-20 一号库 部分 铁锹 12把 审批人张三")
    line = stocked.get_one(Document, posted.id).lines[0]
    assert (line.quantity, line.reason) == (2, Reason.GAIN)
    assert on_hand(stocked, "一号库", "铁锹") == 12


def test_a_difference_carries_the_reason_given(stocked: Session, actor: Actor) -> None:
    posted = given(stocked, actor, "PD 2026-03-20 一号库 部分 铁锹 7把 原因被盗 审批人张三")
    assert stocked.get_one(Document, posted.id).lines[0].reason is Reason.STOLEN


def test_differences_need_an_approver(stocked: Session, actor: Actor) -> None:
    with pytest.raises(MissingField, match="审批人"):
        given(stocked, actor, "PD 2026-03-20 一号库 部分 铁锹 7把")
    assert on_hand(stocked, "一号库", "铁锹") == 10


def test_a_count_without_differences_posts_no_movement(stocked: Session, actor: Actor) -> None:
    posted = given(stocked, actor, "PD 2026-03-20 一号库 部分 铁锹 10把")
    assert posted.movements == 0
    doc = stocked.get_one(Document, posted.id)
    assert [(ln.book_quantity, ln.counted_quantity, ln.reason) for ln in doc.lines] == [
        (10, 10, None)
    ]
    # but it still fixes the count date
    with pytest.raises(BeforeStocktake):
        given(stocked, actor, "RK 2026-03-19 一号库 铁锹 1把")


def test_differences_are_taken_at_the_count_date_not_today(stocked: Session, actor: Actor) -> None:
    # counted on 03-05, before the issue of 03-10: the book then was 100, not 70
    posted = given(stocked, actor, "PD 2026-03-05 一号库 部分 编织袋 99袋 批次L1 审批人张三")
    assert lines(stocked, posted.id) == [("编织袋", "L1", Decimal(100), Decimal(99))]
    assert stock_on(stocked, "一号库", "编织袋", "L1", D("2026-03-05")) == 99
    assert on_hand(stocked, "一号库", "编织袋", "L1") == 69


def test_a_backdated_loss_may_not_drive_later_days_negative(stocked: Session, actor: Actor) -> None:
    given(stocked, actor, "CK 2026-03-15 一号库 铁锹 10把")
    with pytest.raises(WouldGoNegative) as refused:
        given(stocked, actor, "PD 2026-03-05 一号库 部分 铁锹 9把 审批人张三")
    assert refused.value.first_date == "2026-03-15"


def test_full_count_refuses_lots_left_uncounted(stocked: Session, actor: Actor) -> None:
    with pytest.raises(UncountedLots) as refused:
        given(stocked, actor, "PD 2026-03-20 一号库 全面 编织袋 70袋 批次L1")
    assert refused.value.count == 3
    assert [(r.item_code, r.lot) for r in refused.value.rows] == [
        ("编织袋", "L2"),
        ("药品", "M1"),
        ("铁锹", ""),
    ]
    assert "编织袋（批次 L2，账面 50袋）" in refused.value.message
    assert "铁锹（批次 无，账面 10把）" in refused.value.message
    assert stocked.scalar(select(Document).where(Document.doc_type == DocType.STOCKTAKE)) is None


def test_full_count_with_uncounted_lots_confirmed_zero_or_kept(
    stocked: Session, actor: Actor
) -> None:
    posted = given(
        stocked,
        actor,
        "PD 2026-03-20 一号库 全面 审批人张三 编织袋 70袋 批次L1；"
        "编织袋 批次L2 未盘按零；药品 批次M1 未盘保留；铁锹 批次无 未盘按零",
    )
    doc = stocked.get_one(Document, posted.id)
    assert doc.scope == "full"
    assert sorted(lines(stocked, posted.id)) == [
        ("编织袋", "L1", Decimal(70), Decimal(70)),
        ("编织袋", "L2", Decimal(50), Decimal(0)),
        ("铁锹", "", Decimal(10), Decimal(0)),
    ]
    assert posted.movements == 2
    assert on_hand(stocked, "一号库", "编织袋", "L2") == 0
    assert on_hand(stocked, "一号库", "铁锹") == 0
    assert on_hand(stocked, "一号库", "药品", "M1") == 20
    # the kept lot was not counted, so it may still take backdated documents
    given(stocked, actor, "CK 2026-03-19 一号库 药品 1盒 批次M1")


def test_a_lot_confirmed_zero_keeps_its_expiry_on_the_line(stocked: Session, actor: Actor) -> None:
    posted = given(
        stocked,
        actor,
        "PD 2026-03-20 一号库 全面 类别医疗卫生 审批人张三 药品 批次M1 未盘按零",
    )
    line = stocked.get_one(Document, posted.id).lines[0]
    assert (line.expiry, line.reason) == (D("2026-12-31"), Reason.LOSS)


def test_full_count_of_one_category_covers_only_that_category(
    stocked: Session, actor: Actor
) -> None:
    posted = given(stocked, actor, "PD 2026-03-20 一号库 全面 类别医疗卫生 药品 20盒 批次M1")
    assert stocked.get_one(Document, posted.id).scope == "category:medical"
    with pytest.raises(InvalidValue, match="不属于本次盘点的类别"):
        given(stocked, actor, "PD 2026-03-21 一号库 全面 类别医疗卫生 铁锹 10把；药品 20盒 批次M1")


def test_a_counted_lot_not_on_the_books_is_a_gain(stocked: Session, actor: Actor) -> None:
    posted = given(
        stocked,
        actor,
        "PD 2026-03-20 一号库 部分 编织袋 5袋 批次L9 有效期2028-01-01 审批人张三",
    )
    line = stocked.get_one(Document, posted.id).lines[0]
    assert (line.book_quantity, line.counted_quantity, line.reason) == (0, 5, Reason.GAIN)
    assert line.expiry == D("2028-01-01")
    assert on_hand(stocked, "一号库", "编织袋", "L9") == 5


def test_a_lot_counted_twice_is_refused(stocked: Session, actor: Actor) -> None:
    with pytest.raises(InvalidValue, match="该批次已清点过"):
        given(stocked, actor, "PD 2026-03-20 一号库 部分 铁锹 5把；铁锹 5把")


def test_a_negative_count_is_refused(stocked: Session, actor: Actor) -> None:
    with pytest.raises(InvalidValue, match="不能为负数"):
        given(stocked, actor, "PD 2026-03-20 一号库 部分 铁锹 -1把")


def test_an_empty_count_is_refused(stocked: Session, actor: Actor) -> None:
    entry = StocktakeInput("一号库", D("2026-03-20"), [], full=False)
    with pytest.raises(EmptyDocument):
        post_stocktake(stocked, actor, entry)


def test_a_count_before_an_earlier_count_is_refused(stocked: Session, actor: Actor) -> None:
    given(stocked, actor, "PD 2026-03-20 一号库 部分 铁锹 10把")
    with pytest.raises(BeforeStocktake):
        given(stocked, actor, "PD 2026-03-19 一号库 部分 铁锹 10把")
    given(stocked, actor, "PD 2026-03-20 一号库 部分 铁锹 9把 审批人张三")


def test_reversing_a_count_restores_the_book(stocked: Session, actor: Actor) -> None:
    posted = given(stocked, actor, "PD 2026-03-20 一号库 部分 铁锹 7把 审批人张三")
    reversal = reverse_document(stocked, actor, posted.id, D("2026-03-21"), note="录入有误")
    assert on_hand(stocked, "一号库", "铁锹") == 10
    moves = stocked.scalars(select(Movement.quantity).where(Movement.document_id == reversal.id))
    assert list(moves) == [Decimal(3)]


def test_uncounted_decisions_name_items_by_code(stocked: Session, actor: Actor) -> None:
    entry = StocktakeInput(
        "一号库",
        D("2026-03-20"),
        [Count("编织袋", 70, "L1"), Count("编织袋", 50, "L2"), Count("药品", 20, "M1")],
        uncounted={("铁锹", ""): Uncounted.KEEP},
    )
    posted = post_stocktake(stocked, actor, entry)
    assert posted.movements == 0
    assert on_hand(stocked, "一号库", "铁锹") == 10
