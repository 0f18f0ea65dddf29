"""Bulk receipts write exactly what posting each receipt through the stock service writes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import DocType, Reason
from ledger.core.errors import (
    BeforeStocktake,
    LedgerError,
    NonPositiveQuantity,
    PeriodClosed,
    UnknownRecord,
)
from ledger.models import (
    AuditRow,
    Balance,
    ChainHead,
    Depot,
    Document,
    DocumentLine,
    Item,
    Movement,
)
from ledger.models.engine import Database
from ledger.services.closing.periods import close_period, month
from ledger.services.stock import DocumentInput, LineInput, Posted, post_document
from ledger.services.stock.bulk_receipts import post_receipts
from ledger.services.verify import checks as verify
from tests.scenario import counterparty, given, item, unit

D = date.fromisoformat
#: The service posts into the 甲 depots, the bulk path into the 乙 depots; names are alike.
PAIRS = (("甲1", "乙1"), ("甲2", "乙2"))


@pytest.fixture
def s(db: Database, actor: Actor) -> Iterator[Session]:
    """One open transaction for the whole test (each posting runs in its own savepoint)."""
    with db.transaction(actor) as session:
        yield session


@pytest.fixture
def world(s: Session, actor: Actor) -> Session:
    """Twin depots holding the same stock; 乙 and 甲 differ only in their codes."""
    home = unit(s)
    for pair in PAIRS:
        for code in pair:
            s.add(Depot(code=code, name=f"{pair[0][-1]}号库", unit_id=home.id))
    s.flush()
    for code in ("编织袋", "铁锹", "药品"):
        item(s, code)
    counterparty(s, "某供应商")
    for code, _ in PAIRS[:1]:
        given(s, actor, f"RK 2026-03-01 {code} 编织袋 100袋 批次L1 有效期2027-03-01；铁锹 10把")
    for _, code in PAIRS[:1]:
        given(s, actor, f"RK 2026-03-01 {code} 编织袋 100袋 批次L1 有效期2027-03-01；铁锹 10把")
    return s


def _ids(s: Session, model: type[Depot] | type[Item]) -> dict[str, Any]:
    return {row.code: row.id for row in s.execute(select(model.id, model.code))}


def receipts(s: Session, side: int) -> list[DocumentInput]:
    """Three receipts into the twin depots of ``side`` (0 for 甲, 1 for 乙)."""
    items = _ids(s, Item)
    one, two = (pair[side] for pair in PAIRS)
    return [
        DocumentInput(
            DocType.RECEIPT,
            one,
            D("2026-04-01"),
            [
                # no expiry: the lot's expiry already in stock is taken, as posting does
                LineInput(items["编织袋"], Decimal("20.50"), lot=" L1 "),
                LineInput("铁锹", 5, unit_price=Decimal("12.3000"), reason=Reason.OTHER),
                LineInput(items["药品"], 7, lot="M1", expiry=D("2026-12-31")),
                LineInput(items["药品"], 3, lot="M1"),
            ],
            handler=" 张三 ",
            counterparty="某供应商",
            note="期初库存",
        ),
        DocumentInput(
            DocType.RECEIPT,
            _ids(s, Depot)[two],
            D("2026-04-02"),
            [LineInput("编织袋", 1, lot="L9"), LineInput("药品", "2.125", lot="M1")],
            counterparty="路人",
        ),
        DocumentInput(DocType.RECEIPT, one, D("2026-04-03"), [LineInput("药品", 1, lot="M1")]),
    ]


def snapshot(s: Session, code: str) -> dict[str, Any]:
    """What one depot holds, with ids left out so twin depots compare equal."""
    depot_id = _ids(s, Depot)[code]
    items = {v: k for k, v in _ids(s, Item).items()}
    docs = s.scalars(select(Document).where(Document.depot_id == depot_id)).all()
    numbers = {d.id: d.number.removeprefix(f"{code}-") for d in docs}  # twin depots, twin numbers
    lines = s.scalars(select(DocumentLine).where(DocumentLine.document_id.in_(numbers))).all()
    audit = {r.row_id: r for r in s.scalars(select(AuditRow).where(AuditRow.row_id.is_not(None)))}
    doc_skip = {"id", "depot_id", "posted_at", "number"}
    line_skip = {"id", "document_id"}
    moves = s.scalars(
        select(Movement).where(Movement.depot_id == depot_id).order_by(Movement.seq)
    ).all()
    line_no = {ln.id: (numbers[ln.document_id], ln.line_no) for ln in lines}
    return {
        "documents": sorted(
            (numbers[d.id], {k: v for k, v in audit[d.id].after.items() if k not in doc_skip})
            for d in docs
        ),
        "lines": sorted(
            (
                line_no[ln.id],
                items[ln.item_id],
                {k: v for k, v in audit[ln.id].after.items() if k not in line_skip},
                audit[ln.id].action,
            )
            for ln in lines
        ),
        "movements": [
            (
                m.seq,
                line_no[m.line_id],
                items[m.item_id],
                m.lot,
                m.expiry,
                m.quantity,
                m.occurred_on,
            )
            for m in moves
        ],
        "balances": sorted(
            (items[b.item_id], b.lot, b.quantity, b.expiry)
            for b in s.scalars(select(Balance).where(Balance.depot_id == depot_id))
        ),
        "head": s.get_one(ChainHead, depot_id).seq,
    }


def one_by_one(s: Session, actor: Actor, entries: list[DocumentInput]) -> list[Posted]:
    with s.begin_nested():
        return [post_document(s, actor, entry) for entry in entries]


def test_bulk_receipts_write_what_posting_writes(world: Session, actor: Actor) -> None:
    by_service = one_by_one(world, actor, receipts(world, 0))
    in_bulk = post_receipts(world, actor, receipts(world, 1))
    assert [(p.number.split("-", 1)[1], p.movements) for p in in_bulk] == [
        (p.number.split("-", 1)[1], p.movements) for p in by_service
    ]
    assert all(p.number.startswith("乙") for p in in_bulk)  # the depot's code in the number
    assert [len(p.lines) for p in in_bulk] == [4, 2, 1]
    for service_depot, bulk_depot in PAIRS:
        expected, got = snapshot(world, service_depot), snapshot(world, bulk_depot)
        assert got == expected
    assert snapshot(world, "乙1")["balances"][0] == (
        "编织袋",
        "L1",
        Decimal("120.5"),
        D("2027-03-01"),
    )
    world.flush()
    assert verify.verify(world) == []


def test_loaded_balances_and_heads_stay_in_step(world: Session, actor: Actor) -> None:
    depot_id = _ids(world, Depot)["乙1"]
    row = world.scalars(select(Balance).where(Balance.depot_id == depot_id, Balance.lot == "L1"))
    balance = row.one()
    post_receipts(world, actor, receipts(world, 1))
    assert balance.quantity == Decimal("120.5")
    assert world.get_one(ChainHead, depot_id).seq == 2 + 4 + 1
    given(world, actor, "CK 2026-04-05 乙1 编织袋 120.5袋 批次L1")
    world.flush()
    assert verify.verify(world) == []


def _refusal(s: Session, work: Callable[[], object]) -> tuple[type, str]:
    before = s.scalar(select(Movement.id).order_by(Movement.seq.desc()).limit(1))
    counted = len(s.scalars(select(AuditRow.id)).all())
    with pytest.raises(LedgerError) as caught, s.begin_nested():
        work()
    assert s.scalar(select(Movement.id).order_by(Movement.seq.desc()).limit(1)) == before
    assert len(s.scalars(select(AuditRow.id)).all()) == counted
    return type(caught.value), caught.value.message


def _same_refusal(s: Session, actor: Actor, change: Callable[[list[DocumentInput]], None]) -> type:
    """Both paths refuse the same changed receipts alike and write nothing."""
    mine, theirs = receipts(s, 1), receipts(s, 1)
    change(mine)
    change(theirs)
    by_service = _refusal(s, lambda: one_by_one(s, actor, theirs))
    in_bulk = _refusal(s, lambda: post_receipts(s, actor, mine))
    assert in_bulk == by_service
    return in_bulk[0]


def _line(entries: list[DocumentInput], doc: int, line: int, **change: Any) -> None:
    lines = list(entries[doc].lines)
    lines[line] = LineInput(**{**vars(lines[line]), **change})
    entries[doc] = DocumentInput(**{**vars(entries[doc]), "lines": lines})


def test_a_negative_quantity_is_refused_alike(world: Session, actor: Actor) -> None:
    refused = _same_refusal(world, actor, lambda e: _line(e, 1, 1, quantity=-3))
    assert refused is NonPositiveQuantity


def test_an_unknown_item_is_refused_alike(world: Session, actor: Actor) -> None:
    refused = _same_refusal(world, actor, lambda e: _line(e, 2, 0, item="没有这个"))
    assert refused is UnknownRecord


def test_a_date_before_a_stocktake_is_refused_alike(world: Session, actor: Actor) -> None:
    given(world, actor, "PD 2026-04-05 乙2 部分 药品 0个 批次M1 审批人张三")
    refused = _same_refusal(world, actor, lambda e: None)
    assert refused is BeforeStocktake


def test_a_closed_period_is_refused_alike(world: Session, actor: Actor) -> None:
    close_period(world, actor, "乙1", month(2026, 3), today=D("2026-04-15"))

    def later(entries: list[DocumentInput]) -> None:
        entries[0] = DocumentInput(**{**vars(entries[0]), "doc_date": D("2026-03-31")})

    assert _same_refusal(world, actor, later) is PeriodClosed


def test_the_first_refusal_in_posting_order_wins(world: Session, actor: Actor) -> None:
    close_period(world, actor, "乙1", month(2026, 3), today=D("2026-04-15"))

    def two_faults(entries: list[DocumentInput]) -> None:
        entries[0] = DocumentInput(**{**vars(entries[0]), "doc_date": D("2026-03-31")})
        _line(entries, 1, 0, item="没有这个")

    assert _same_refusal(world, actor, two_faults) is PeriodClosed
