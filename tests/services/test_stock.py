"""Posting receipts, issues, transfers, returns and write-offs; reversals; numbers; FEFO."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import CounterpartyKind, DocType, Reason
from ledger.core.errors import (
    AlreadyReversed,
    CannotReverseReversal,
    EmptyDocument,
    InsufficientStock,
    InvalidQuantity,
    InvalidValue,
    MissingField,
    NonPositiveQuantity,
    ReturnExceedsIssue,
    SameDepotTransfer,
    UnknownRecord,
)
from ledger.models import AuditRow, Document, DocumentLine, Movement
from ledger.models.engine import Database
from ledger.services.stock import (
    DocumentInput,
    LineInput,
    LotPick,
    post_document,
    reverse_document,
    suggest_lots,
)
from tests.scenario import counterparty, depot, given, incident, item, on_hand, stock_on

D = date.fromisoformat


@pytest.fixture
def s(db: Database, actor: Actor) -> Iterator[Session]:
    """One open transaction for the whole test (each service runs in its own savepoint)."""
    with db.transaction(actor) as session:
        yield session


def movements_of(session: Session, document_id: object) -> list[Movement]:
    return list(
        session.scalars(
            select(Movement).where(Movement.document_id == document_id).order_by(Movement.seq)
        )
    )


# --- receipts and issues ----------------------------------------------------------------


def test_receipt_adds_stock_and_writes_one_movement_per_line(s: Session, actor: Actor) -> None:
    posted = given(
        s, actor, "RK 2026-03-01 一号库 编织袋 1000袋 批次L1 有效期2027-03-01；铁锹 20把"
    )
    assert posted.number == "一号库-RK-2026-00001"
    assert posted.movements == 2
    assert on_hand(s, "一号库", "编织袋", "L1") == 1000
    assert on_hand(s, "一号库", "铁锹") == 20
    moves = movements_of(s, posted.id)
    assert [m.quantity for m in moves] == [Decimal(1000), Decimal(20)]
    assert moves[0].expiry == D("2027-03-01")
    assert all(m.occurred_on == D("2026-03-01") for m in moves)
    assert all(m.posted_at is not None and m.posted_at.tzinfo is not None for m in moves)


def test_issue_takes_stock_out(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 1000袋 批次L1")
    posted = given(s, actor, "CK 2026-03-02 一号库 编织袋 300袋 批次L1")
    assert posted.number == "一号库-CK-2026-00001"
    assert on_hand(s, "一号库", "编织袋", "L1") == 700
    assert [m.quantity for m in movements_of(s, posted.id)] == [Decimal(-300)]


def test_issue_inherits_the_lot_expiry_from_stock(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 10袋 批次L1 有效期2027-03-01")
    posted = given(s, actor, "CK 2026-03-02 一号库 编织袋 3袋 批次L1")
    line = s.get_one(Document, posted.id).lines[0]
    assert line.expiry == D("2027-03-01")


def test_exact_decimal_quantities(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 柴油 100.125升")
    given(s, actor, "CK 2026-03-02 一号库 柴油 0.125升")
    assert on_hand(s, "一号库", "柴油") == Decimal("100")
    given(s, actor, "CK 2026-03-02 一号库 柴油 99.999升")
    assert on_hand(s, "一号库", "柴油") == Decimal("0.001")


def test_issue_larger_than_stock_names_item_lot_on_hand_and_asked(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋 批次L1")
    with pytest.raises(InsufficientStock) as refused:
        given(s, actor, "CK 2026-03-02 一号库 编织袋 150袋 批次L1")
    error = refused.value
    assert (error.item, error.lot, error.on_hand, error.requested) == (
        "编织袋",
        "L1",
        Decimal(100),
        Decimal(150),
    )
    assert error.message == "一号库库存不足：编织袋（批次 L1）现有 100袋，要求出库 150袋"
    assert on_hand(s, "一号库", "编织袋", "L1") == 100


def test_issue_of_a_lot_never_received_is_refused(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋 批次L1")
    with pytest.raises(InsufficientStock) as refused:
        given(s, actor, "CK 2026-03-02 一号库 编织袋 1袋 批次L2")
    assert refused.value.on_hand == 0
    assert "批次 L2" in refused.value.message


def test_a_refused_document_leaves_nothing_behind(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋")
    with pytest.raises(InsufficientStock):
        given(s, actor, "CK 2026-03-02 一号库 编织袋 10袋；编织袋 200袋 批次L9")
    assert s.scalar(select(Document).where(Document.doc_type == DocType.ISSUE)) is None
    assert on_hand(s, "一号库", "编织袋") == 100
    # the refused document did not use up a number
    assert given(s, actor, "CK 2026-03-02 一号库 编织袋 10袋").number == "一号库-CK-2026-00001"


@pytest.mark.parametrize("quantity", ["0", "-5"])
def test_zero_or_negative_quantity_is_refused(s: Session, actor: Actor, quantity: str) -> None:
    item(s, "编织袋", "袋")
    depot(s, "一号库")
    entry = DocumentInput(
        DocType.RECEIPT, "一号库", D("2026-03-01"), [LineInput("编织袋", quantity)]
    )
    with pytest.raises(NonPositiveQuantity) as refused:
        post_document(s, actor, entry)
    assert refused.value.message == f"第1行：编织袋的数量必须大于零，填写的是 {quantity}"


@pytest.mark.parametrize("quantity", ["abc", "1.2345", "NaN"])
def test_a_quantity_that_is_not_an_exact_number_is_refused(
    s: Session, actor: Actor, quantity: str
) -> None:
    item(s, "编织袋", "袋")
    depot(s, "一号库")
    entry = DocumentInput(
        DocType.RECEIPT, "一号库", D("2026-03-01"), [LineInput("编织袋", quantity)]
    )
    with pytest.raises(InvalidQuantity):
        post_document(s, actor, entry)


def test_unknown_item_is_refused_by_name(s: Session, actor: Actor) -> None:
    depot(s, "一号库")
    entry = DocumentInput(
        DocType.RECEIPT, "一号库", D("2026-03-01"), [LineInput("不存在的物资", 1)]
    )
    with pytest.raises(UnknownRecord) as refused:
        post_document(s, actor, entry)
    assert refused.value.message == "找不到物资“不存在的物资”"


def test_unknown_depot_is_refused(s: Session, actor: Actor) -> None:
    item(s, "编织袋")
    entry = DocumentInput(DocType.RECEIPT, "九号库", D("2026-03-01"), [LineInput("编织袋", 1)])
    with pytest.raises(UnknownRecord, match="找不到仓库“九号库”"):
        post_document(s, actor, entry)


def test_a_document_without_lines_is_refused(s: Session, actor: Actor) -> None:
    depot(s, "一号库")
    with pytest.raises(EmptyDocument):
        post_document(s, actor, DocumentInput(DocType.RECEIPT, "一号库", D("2026-03-01"), []))


def test_serial_numbers_must_match_the_quantity(s: Session, actor: Actor) -> None:
    item(s, "发电机", "台", serial_tracked=True)
    depot(s, "一号库")
    line = LineInput("发电机", 2, serials=("SN1",))
    entry = DocumentInput(DocType.RECEIPT, "一号库", D("2026-03-01"), [line])
    with pytest.raises(InvalidValue, match="序列号个数应等于数量 2"):
        post_document(s, actor, entry)
    ok = DocumentInput(
        DocType.RECEIPT, "一号库", D("2026-03-01"), [LineInput("发电机", 2, serials=("SN1", "SN2"))]
    )
    posted = post_document(s, actor, ok)
    assert s.get_one(Document, posted.id).lines[0].serials == "SN1,SN2"


def test_negative_unit_price_is_refused(s: Session, actor: Actor) -> None:
    with pytest.raises(InvalidValue, match="单价"):
        given(s, actor, "RK 2026-03-01 一号库 编织袋 10袋 单价-1")


def test_unit_price_is_kept_exactly(s: Session, actor: Actor) -> None:
    posted = given(s, actor, "RK 2026-03-01 一号库 编织袋 10袋 单价2.3456")
    assert s.get_one(Document, posted.id).lines[0].unit_price == Decimal("2.3456")


def test_the_same_lot_twice_in_one_document_is_summed_before_the_check(
    s: Session, actor: Actor
) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋 批次L1")
    with pytest.raises(InsufficientStock) as refused:
        given(s, actor, "CK 2026-03-02 一号库 编织袋 60袋 批次L1；编织袋 60袋 批次L1")
    assert (refused.value.on_hand, refused.value.requested) == (Decimal(100), Decimal(120))
    given(s, actor, "CK 2026-03-02 一号库 编织袋 50袋 批次L1；编织袋 50袋 批次L1")
    assert on_hand(s, "一号库", "编织袋", "L1") == 0


# --- transfers, returns, write-offs -----------------------------------------------------


def test_transfer_writes_two_movements_and_keeps_lot_and_expiry(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋 批次L1 有效期2027-03-01")
    posted = given(s, actor, "DB 2026-03-02 一号库→二号库 编织袋 40袋 批次L1")
    assert posted.number == "一号库-DB-2026-00001"
    assert posted.movements == 2
    assert on_hand(s, "一号库", "编织袋", "L1") == 60
    assert on_hand(s, "二号库", "编织袋", "L1") == 40
    moves = movements_of(s, posted.id)
    assert sorted(m.quantity for m in moves) == [Decimal(-40), Decimal(40)]
    assert {m.expiry for m in moves} == {D("2027-03-01")}


def test_transfer_to_the_same_depot_is_refused(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋")
    with pytest.raises(SameDepotTransfer):
        given(s, actor, "DB 2026-03-02 一号库→一号库 编织袋 40袋")


def test_transfer_needs_a_receiving_depot(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋")
    with pytest.raises(MissingField, match="调入仓库"):
        given(s, actor, "DB 2026-03-02 一号库 编织袋 40袋")


def test_transfer_larger_than_stock_is_refused(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 10袋")
    depot(s, "二号库")
    with pytest.raises(InsufficientStock):
        given(s, actor, "DB 2026-03-02 一号库→二号库 编织袋 11袋")


def test_write_off_needs_reason_and_approver(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋")
    with pytest.raises(MissingField, match="审批人"):
        given(s, actor, "BS 2026-03-02 一号库 编织袋 5袋 原因损坏")
    with pytest.raises(MissingField, match="报损原因"):
        given(s, actor, "BS 2026-03-02 一号库 编织袋 5袋 审批人张三")
    posted = given(s, actor, "BS 2026-03-02 一号库 编织袋 5袋 原因损坏 审批人张三")
    document = s.get_one(Document, posted.id)
    assert posted.number == "一号库-BS-2026-00001"
    assert document.approver == "张三"
    assert document.lines[0].reason is Reason.DAMAGED
    assert on_hand(s, "一号库", "编织袋") == 95


def test_write_off_reason_may_be_given_for_the_whole_document(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋；铁锹 10把")
    entry = DocumentInput(
        DocType.WRITE_OFF,
        "一号库",
        D("2026-03-02"),
        [LineInput("编织袋", 1), LineInput("铁锹", 1, reason=Reason.STOLEN)],
        approver="张三",
        reason=Reason.LOST,
    )
    document = s.get_one(Document, post_document(s, actor, entry).id)
    assert [line.reason for line in document.lines] == [Reason.LOST, Reason.STOLEN]


def test_write_off_of_an_expired_lot_needs_no_override(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-01-01 一号库 药品 10盒 批次B1 有效期2026-02-01")
    given(s, actor, "BS 2026-03-01 一号库 药品 10盒 批次B1 原因过期 审批人张三")
    assert on_hand(s, "一号库", "药品", "B1") == 0


def test_return_brings_stock_back_from_its_issue(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 救生衣 100件 批次L1")
    issue = given(s, actor, "CK 2026-03-02 一号库 救生衣 30件 批次L1 对方城关镇抢险队")
    posted = given(s, actor, f"GH 2026-03-09 一号库 救生衣 20件 批次L1 原单{issue.number}")
    assert posted.number == "一号库-GH-2026-00001"
    assert s.get_one(Document, posted.id).source_document_id == issue.id
    assert on_hand(s, "一号库", "救生衣", "L1") == 90


def test_return_may_not_exceed_what_its_issue_took(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 救生衣 100件 批次L1")
    issue = given(s, actor, "CK 2026-03-02 一号库 救生衣 30件 批次L1")
    given(s, actor, f"GH 2026-03-09 一号库 救生衣 20件 批次L1 原单{issue.number}")
    with pytest.raises(ReturnExceedsIssue) as refused:
        given(s, actor, f"GH 2026-03-10 一号库 救生衣 11件 批次L1 原单{issue.number}")
    assert (refused.value.requested, refused.value.open) == (Decimal(11), Decimal(10))
    assert refused.value.message == (
        "救生衣（批次 L1）归还 11件，超过出库单 一号库-CK-2026-00001 尚未归还的 10件"
    )
    given(s, actor, f"GH 2026-03-10 一号库 救生衣 10件 批次L1 原单{issue.number}")


def test_return_lines_of_one_lot_are_summed(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 救生衣 100件")
    issue = given(s, actor, "CK 2026-03-02 一号库 救生衣 30件")
    with pytest.raises(ReturnExceedsIssue):
        given(s, actor, f"GH 2026-03-09 一号库 救生衣 20件；救生衣 11件 原单{issue.number}")


def test_return_of_an_item_its_issue_did_not_take_is_refused(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 救生衣 100件；铁锹 5把")
    issue = given(s, actor, "CK 2026-03-02 一号库 救生衣 30件")
    with pytest.raises(ReturnExceedsIssue) as refused:
        given(s, actor, f"GH 2026-03-09 一号库 铁锹 1把 原单{issue.number}")
    assert refused.value.open == 0


def test_a_reversed_return_frees_its_quantity_again(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 救生衣 100件")
    issue = given(s, actor, "CK 2026-03-02 一号库 救生衣 30件")
    back = given(s, actor, f"GH 2026-03-09 一号库 救生衣 30件 原单{issue.number}")
    reverse_document(s, actor, back.id, D("2026-03-10"), note="录入有误")
    given(s, actor, f"GH 2026-03-11 一号库 救生衣 30件 原单{issue.number}")
    assert on_hand(s, "一号库", "救生衣") == 100


def test_return_against_a_reversed_issue_is_refused(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 救生衣 100件")
    issue = given(s, actor, "CK 2026-03-02 一号库 救生衣 30件")
    reverse_document(s, actor, issue.id, D("2026-03-03"), note="录入有误")
    with pytest.raises(InvalidValue, match="已红冲"):
        given(s, actor, f"GH 2026-03-09 一号库 救生衣 1件 原单{issue.number}")


def test_return_must_name_an_issue(s: Session, actor: Actor) -> None:
    receipt = given(s, actor, "RK 2026-03-01 一号库 救生衣 100件")
    with pytest.raises(InvalidValue, match="只能归还出库单领出的物资"):
        given(s, actor, f"GH 2026-03-09 一号库 救生衣 1件 原单{receipt.number}")
    with pytest.raises(UnknownRecord, match="CK-2026-00099"):
        given(s, actor, "GH 2026-03-09 一号库 救生衣 1件 原单CK-2026-00099")


# --- counterparty, incident, audit ------------------------------------------------------


def test_document_records_its_counterparty_and_incident(s: Session, actor: Actor) -> None:
    donor = counterparty(s, "爱心基金会", CounterpartyKind.DONOR)
    receipt = given(s, actor, "RK 2026-03-01 一号库 帐篷 50顶 对方爱心基金会")
    issue = given(s, actor, "CK 2026-07-12 一号库 帐篷 20顶 对方城关镇抢险队 事件七月洪涝")
    back = given(s, actor, f"GH 2026-07-20 一号库 帐篷 15顶 事件七月洪涝 原单{issue.number}")
    flood = incident(s, "七月洪涝")
    doc = s.get_one(Document, receipt.id)
    assert (doc.counterparty_id, doc.counterparty_name) == (donor.id, "爱心基金会")
    out = s.get_one(Document, issue.id)
    assert out.counterparty_id is None
    assert out.counterparty_name == "城关镇抢险队"
    assert out.incident_id == flood.id
    assert s.get_one(Document, back.id).incident_id == flood.id
    # what the incident consumed and what came back
    served = s.scalars(
        select(Movement.quantity)
        .join(Document, Document.id == Movement.document_id)
        .where(Document.incident_id == flood.id)
    ).all()
    assert sum(served) == Decimal(-5)


def test_an_unknown_incident_is_refused(s: Session, actor: Actor) -> None:
    import uuid

    given(s, actor, "RK 2026-03-01 一号库 帐篷 50顶")
    with pytest.raises(UnknownRecord, match="事件"):
        given(s, actor, "CK 2026-03-02 一号库 帐篷 1顶", incident_id=uuid.uuid4())


def test_posting_writes_audit_rows_with_the_actor(db: Database) -> None:
    keeper = Actor("keeper1", display_name="李保管")
    with db.transaction(keeper) as s:
        posted = given(s, keeper, "RK 2026-03-01 一号库 帐篷 50顶 经办人王五")
    with db.read() as s:
        rows = s.scalars(select(AuditRow).order_by(AuditRow.id)).all()
        doc_rows = [r for r in rows if r.table == "documents"]
        line_rows = [r for r in rows if r.table == "document_lines"]
        assert [r.row_id for r in doc_rows] == [posted.id]
        assert doc_rows[0].action == "insert"
        assert doc_rows[0].actor == "keeper1"
        assert doc_rows[0].after is not None
        assert doc_rows[0].after["number"] == "一号库-RK-2026-00001"
        assert doc_rows[0].after["handler"] == "王五"
        assert doc_rows[0].after["posted_by"] == "keeper1"
        assert len(line_rows) == 1 and line_rows[0].after["quantity"] == "50"
        assert {"depots", "items", "org_units"} <= {r.table for r in rows}


def test_handler_defaults_to_the_actor(s: Session) -> None:
    keeper = Actor("keeper1", display_name="李保管")
    posted = given(s, keeper, "RK 2026-03-01 一号库 帐篷 50顶")
    assert s.get_one(Document, posted.id).handler == "李保管"
    assert s.get_one(Document, posted.id).posted_by == "keeper1"


def test_a_reversal_writes_audit_rows(s: Session, actor: Actor) -> None:
    posted = given(s, actor, "RK 2026-03-01 一号库 帐篷 50顶")
    reversal = reverse_document(s, actor, posted.id, D("2026-03-02"), note="录入有误")
    s.flush()
    rows = s.scalars(select(AuditRow).where(AuditRow.row_id == reversal.id)).all()
    assert [r.action for r in rows] == ["insert"]


# --- numbers ----------------------------------------------------------------------------


def test_document_numbers_run_per_depot_type_and_year(s: Session, actor: Actor) -> None:
    numbers = [
        given(s, actor, "RK 2026-03-01 一号库 帐篷 50顶").number,
        given(s, actor, "RK 2026-03-02 一号库 帐篷 50顶").number,
        given(s, actor, "RK 2026-03-02 二号库 帐篷 50顶").number,
        given(s, actor, "CK 2026-03-03 一号库 帐篷 1顶").number,
        given(s, actor, "RK 2027-01-02 一号库 帐篷 50顶").number,
        given(s, actor, "RK 2026-12-31 一号库 帐篷 50顶").number,
        given(s, actor, "BS 2026-12-31 一号库 帐篷 1顶 原因损坏 审批人张三").number,
        given(s, actor, "DB 2026-12-31 一号库→二号库 帐篷 1顶").number,
        given(s, actor, "PD 2026-12-31 二号库 部分 帐篷 51顶").number,
    ]
    assert numbers == [
        "一号库-RK-2026-00001",
        "一号库-RK-2026-00002",
        "二号库-RK-2026-00001",
        "一号库-CK-2026-00001",
        "一号库-RK-2027-00001",
        "一号库-RK-2026-00003",
        "一号库-BS-2026-00001",
        "一号库-DB-2026-00001",
        "二号库-PD-2026-00001",
    ]
    assert len(set(s.scalars(select(Document.id)))) == len(numbers)


def test_reversals_have_their_own_series(s: Session, actor: Actor) -> None:
    first = given(s, actor, "RK 2026-03-01 一号库 帐篷 50顶")
    second = given(s, actor, "RK 2026-03-01 一号库 帐篷 50顶")
    assert (
        reverse_document(s, actor, first.id, D("2026-03-02"), note="录入有误").number
        == "一号库-HC-2026-00001"
    )
    assert (
        reverse_document(s, actor, second.id, D("2026-03-02"), note="录入有误").number
        == "一号库-HC-2026-00002"
    )


# --- reversal (红冲) ---------------------------------------------------------------------


def test_reversal_cancels_every_movement_and_points_at_the_original(
    s: Session, actor: Actor
) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋 批次L1；铁锹 10把")
    issue = given(s, actor, "CK 2026-03-02 一号库 编织袋 30袋 批次L1；铁锹 4把")
    reversal = reverse_document(s, actor, issue.id, D("2026-03-05"), note="数量填错")
    doc = s.get_one(Document, reversal.id)
    assert doc.reverses_id == issue.id and doc.is_reversal
    assert doc.doc_type is DocType.ISSUE
    assert doc.note == "数量填错"
    assert doc.doc_date == D("2026-03-05")
    assert [m.quantity for m in movements_of(s, reversal.id)] == [Decimal(30), Decimal(4)]
    assert on_hand(s, "一号库", "编织袋", "L1") == 100
    assert on_hand(s, "一号库", "铁锹") == 10
    # the original stays as it was
    assert [m.quantity for m in movements_of(s, issue.id)] == [Decimal(-30), Decimal(-4)]


def test_reversal_of_a_transfer_restores_both_depots(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋")
    move = given(s, actor, "DB 2026-03-02 一号库→二号库 编织袋 40袋")
    reversal = reverse_document(s, actor, move.id, D("2026-03-03"), note="录入有误")
    assert reversal.movements == 2
    assert on_hand(s, "一号库", "编织袋") == 100
    assert on_hand(s, "二号库", "编织袋") == 0


def test_reversal_of_a_receipt_already_used_is_refused(s: Session, actor: Actor) -> None:
    receipt = given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋")
    given(s, actor, "CK 2026-03-02 一号库 编织袋 30袋")
    with pytest.raises(InsufficientStock) as refused:
        reverse_document(s, actor, receipt.id, D("2026-03-05"), note="录入有误")
    assert (refused.value.on_hand, refused.value.requested) == (Decimal(70), Decimal(100))


def test_double_reversal_is_refused(s: Session, actor: Actor) -> None:
    receipt = given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋")
    reversal = reverse_document(s, actor, receipt.id, D("2026-03-02"), note="录入有误")
    with pytest.raises(AlreadyReversed, match="一号库-RK-2026-00001 已经红冲"):
        reverse_document(s, actor, receipt.id, D("2026-03-03"), note="录入有误")
    with pytest.raises(CannotReverseReversal, match="一号库-HC-2026-00001 本身是红冲单"):
        reverse_document(s, actor, reversal.id, D("2026-03-03"), note="录入有误")
    assert on_hand(s, "一号库", "编织袋") == 0


def test_reversal_without_a_reason_is_refused_and_changes_nothing(s: Session, actor: Actor) -> None:
    receipt = given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋")
    for blank in ("", "   "):
        with pytest.raises(MissingField, match="红冲单据 一号库-RK-2026-00001缺少必填项：红冲原因"):
            reverse_document(s, actor, receipt.id, D("2026-03-02"), note=blank)
    assert on_hand(s, "一号库", "编织袋") == 100
    reversal = reverse_document(s, actor, receipt.id, D("2026-03-02"), note="数量录错")
    assert s.get_one(Document, reversal.id).note == "数量录错"


def test_reversal_dated_before_its_original_is_refused(s: Session, actor: Actor) -> None:
    receipt = given(s, actor, "RK 2026-03-05 一号库 编织袋 100袋")
    with pytest.raises(InvalidValue, match="不能早于原单据日期 2026-03-05"):
        reverse_document(s, actor, receipt.id, D("2026-03-04"), note="录入有误")


def test_reversal_of_an_unknown_document_is_refused(s: Session, actor: Actor) -> None:
    import uuid

    with pytest.raises(UnknownRecord, match="单据"):
        reverse_document(s, actor, uuid.uuid4(), D("2026-03-04"), note="录入有误")


def test_reversal_keeps_counterparty_incident_and_lines(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 帐篷 50顶")
    issue = given(s, actor, "CK 2026-07-12 一号库 帐篷 20顶 对方抢险队 事件七月洪涝")
    reversal = s.get_one(
        Document, reverse_document(s, actor, issue.id, D("2026-07-13"), note="录入有误").id
    )
    original = s.get_one(Document, issue.id)
    assert reversal.counterparty_name == "抢险队"
    assert reversal.incident_id == original.incident_id
    assert [(ln.item_id, ln.quantity) for ln in reversal.lines] == [
        (ln.item_id, ln.quantity) for ln in original.lines
    ]


# --- first-expiring-first-out -----------------------------------------------------------


def test_fefo_suggests_the_earliest_expiry_first(s: Session, actor: Actor) -> None:
    given(
        s,
        actor,
        "RK 2026-01-01 一号库 矿泉水 100箱 批次C 有效期2026-12-01；"
        "矿泉水 50箱 批次A 有效期2026-06-01；矿泉水 80箱 批次B 有效期2026-09-01；"
        "矿泉水 10箱 批次N",
    )
    picks = suggest_lots(s, "一号库", "矿泉水", Decimal(120), D("2026-03-01"))
    assert picks == [
        LotPick("A", D("2026-06-01"), Decimal(50), Decimal(50)),
        LotPick("B", D("2026-09-01"), Decimal(80), Decimal(70)),
    ]
    everything = suggest_lots(s, "一号库", "矿泉水", Decimal(1000), D("2026-03-01"))
    assert [p.lot for p in everything] == ["A", "B", "C", "N"]
    assert sum(p.take for p in everything) == 240


def test_fefo_leaves_expired_lots_out_unless_asked(s: Session, actor: Actor) -> None:
    given(
        s,
        actor,
        "RK 2026-01-01 一号库 矿泉水 10箱 批次OLD 有效期2026-02-01；"
        "矿泉水 10箱 批次NEW 有效期2027-02-01",
    )
    on = D("2026-03-01")
    assert [p.lot for p in suggest_lots(s, "一号库", "矿泉水", Decimal(15), on)] == ["NEW"]
    with_expired = suggest_lots(s, "一号库", "矿泉水", Decimal(15), on, include_expired=True)
    assert [(p.lot, p.take) for p in with_expired] == [("OLD", 10), ("NEW", 5)]
    # the expiry day itself is still usable
    on_expiry = suggest_lots(s, "一号库", "矿泉水", Decimal(15), D("2026-02-01"))
    assert [p.lot for p in on_expiry] == ["OLD", "NEW"]


def test_fefo_skips_empty_lots_and_other_depots(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-01-01 一号库 矿泉水 10箱 批次A 有效期2026-06-01")
    given(s, actor, "RK 2026-01-01 二号库 矿泉水 10箱 批次Z 有效期2026-05-01")
    given(s, actor, "CK 2026-01-02 一号库 矿泉水 10箱 批次A")
    given(s, actor, "RK 2026-01-03 一号库 矿泉水 5箱 批次B 有效期2026-08-01")
    picks = suggest_lots(s, "一号库", "矿泉水", Decimal(8), D("2026-03-01"))
    assert picks == [LotPick("B", D("2026-08-01"), Decimal(5), Decimal(5))]


def test_fefo_offers_only_what_stays_available_after_a_backdated_date(
    s: Session, actor: Actor
) -> None:
    given(s, actor, "RK 2026-01-01 一号库 矿泉水 10箱 批次A 有效期2026-06-01")
    given(s, actor, "CK 2026-03-10 一号库 矿泉水 7箱 批次A")
    # on 03-01, 10 are on hand but 7 of them are promised to the issue of 03-10
    picks = suggest_lots(s, "一号库", "矿泉水", Decimal(10), D("2026-03-01"))
    assert picks == [LotPick("A", D("2026-06-01"), Decimal(3), Decimal(3))]


def test_fefo_suggestion_can_be_posted(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-01-01 一号库 矿泉水 10箱 批次A 有效期2026-06-01；矿泉水 10箱 批次B")
    picks = suggest_lots(s, "一号库", "矿泉水", Decimal(15), D("2026-03-01"))
    lines = [LineInput("矿泉水", p.take, lot=p.lot) for p in picks]
    post_document(s, actor, DocumentInput(DocType.ISSUE, "一号库", D("2026-03-01"), lines))
    assert on_hand(s, "一号库", "矿泉水", "A") == 0
    assert on_hand(s, "一号库", "矿泉水", "B") == 5


def test_fefo_refuses_unknown_item(s: Session) -> None:
    depot(s, "一号库")
    with pytest.raises(UnknownRecord):
        suggest_lots(s, "一号库", "不存在", Decimal(1), D("2026-03-01"))


def test_lines_are_stored_in_entry_order(s: Session, actor: Actor) -> None:
    posted = given(s, actor, "RK 2026-03-01 一号库 甲 1个；乙 2个；丙 3个")
    lines = s.scalars(
        select(DocumentLine).where(DocumentLine.document_id == posted.id).order_by("line_no")
    ).all()
    assert [ln.quantity for ln in lines] == [1, 2, 3]
    assert stock_on(s, "一号库", "丙", "", D("2026-03-01")) == 3
