"""The stock journal: posted documents through the unit of work, chain heads, balance rows."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import DocType, Reason
from ledger.core.errors import InsufficientStock, PostedDocumentImmutable, RecordOwnedElsewhere
from ledger.models import (
    AuditRow,
    Balance,
    ChainHead,
    DocCounter,
    Document,
    DocumentLine,
    Movement,
)
from ledger.models.engine import Database
from ledger.models.exchange import Sender
from ledger.services.stock import DocumentInput, LineInput, post_document
from ledger.services.verify.checks import verify
from tests.scenario import depot, given, item, on_hand, unit

D = date.fromisoformat


@pytest.fixture
def s(db: Database, actor: Actor) -> Iterator[Session]:
    """One open transaction for the whole test (each service runs in its own savepoint)."""
    with db.transaction(actor) as session:
        yield session


def _document(s: Session, number: str) -> Document:
    """A write-off of two lines, leaving most columns to their defaults."""
    doc = Document(
        id=uuid.uuid4(),
        doc_type=DocType.WRITE_OFF,
        number=number,
        depot_id=depot(s, "一号库").id,
        doc_date=D("2026-03-02"),
        posted_by="keeper",
        approver="张三",
        reason=Reason.DAMAGED,
    )
    for line_no, name in enumerate(("编织袋", "铁锹"), start=1):
        doc.lines.append(
            DocumentLine(
                id=uuid.uuid4(),
                line_no=line_no,
                item_id=item(s, name).id,
                quantity=Decimal("2.5"),
                unit_price=Decimal("10.50"),
            )
        )
    return doc


def _audit_of(s: Session, doc: Document) -> list[AuditRow]:
    ids = [doc.id, *(line.id for line in doc.lines)]
    query = select(AuditRow).where(AuditRow.row_id.in_(ids)).order_by(AuditRow.id)
    return list(s.scalars(query))


def _without(row: dict[str, Any] | None, *keys: str) -> dict[str, Any]:
    return {k: v for k, v in (row or {}).items() if k not in keys}


def test_a_posted_document_is_audited_as_a_flush_audits_it(s: Session, actor: Actor) -> None:
    flushed = _document(s, "手工-BS-2026-00001")
    s.add(flushed)
    s.flush()
    given(s, actor, "RK 2026-03-01 一号库 编织袋 10袋")
    given(s, actor, "RK 2026-03-01 一号库 铁锹 10把")
    posted = post_document(
        s,
        actor,
        DocumentInput(
            DocType.WRITE_OFF,
            "一号库",
            D("2026-03-02"),
            [
                LineInput(item(s, "编织袋").id, "2.5", unit_price=Decimal("10.50")),
                LineInput(item(s, "铁锹").id, "2.5", unit_price=Decimal("10.50")),
            ],
            approver="张三",
            reason=Reason.DAMAGED,
        ),
    )
    stored = s.get_one(Document, posted.id)
    before, after = _audit_of(s, flushed), _audit_of(s, stored)
    assert [(r.action, r.table) for r in after] == [
        ("insert", "documents"),
        ("insert", "document_lines"),
        ("insert", "document_lines"),
    ]
    assert [r.row_id for r in after] == [stored.id, *(line.id for line in stored.lines)]
    assert [sorted(r.after or {}) for r in after] == [sorted(r.after or {}) for r in before]
    assert after[0].after is not None and after[1].after is not None
    assert after[0].after["number"] == posted.number
    assert after[0].after["posted_at"] == stored.posted_at.isoformat()
    assert after[1].after["document_id"] == str(stored.id)
    assert after[1].after["unit_price"] == "10.5"
    # the document flushed by hand has no movements and reuses a number: verify sees that
    assert [d for d in verify(s) if "手工" not in d.detail and d.kind != "number_twice"] == []


def test_a_posted_document_stays_in_the_session_and_cannot_be_changed(
    s: Session, actor: Actor
) -> None:
    posted = given(s, actor, "RK 2026-03-01 一号库 编织袋 10袋 批次L1")
    doc = s.get_one(Document, posted.id)
    assert [line.line_no for line in doc.lines] == [1]
    doc.note = "改过"
    with pytest.raises(PostedDocumentImmutable):
        s.flush()
    s.expire(doc)  # the change is dropped, not stored
    assert s.get_one(Document, doc.id).note == ""


def test_a_depot_without_a_chain_head_starts_its_chain_when_first_posted(
    s: Session, actor: Actor
) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 10袋 批次L1")
    s.execute(delete(Movement))
    s.execute(delete(ChainHead))  # as in a database from before heads came with depots
    s.execute(delete(Balance))
    s.expunge_all()
    receipt = given(s, actor, "RK 2026-03-02 一号库 编织袋 10袋 批次L1")
    given(s, actor, "CK 2026-03-03 一号库 编织袋 4袋 批次L1")
    head = s.scalars(select(ChainHead)).one()
    last = s.scalars(select(Movement).order_by(Movement.seq.desc())).first()
    assert last is not None and (head.seq, head.hash) == (2, last.hash)
    first = s.scalars(select(Movement).where(Movement.document_id == receipt.id)).one()
    assert (first.seq, first.prev_hash) == (1, "0" * 64)
    assert on_hand(s, "一号库", "编织袋", "L1") == 6


def test_balance_rows_and_chain_heads_loaded_in_the_session_follow_a_posting(
    s: Session, actor: Actor
) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 10袋 批次L1")
    balance = s.scalars(select(Balance)).one()
    head = s.get_one(ChainHead, depot(s, "一号库").id)
    given(s, actor, "CK 2026-03-02 一号库 编织袋 4袋 批次L1")
    assert balance.quantity == Decimal(6)
    assert head.seq == 2
    assert head.hash == s.scalars(select(Movement.hash).where(Movement.seq == 2)).one()
    assert balance not in s.dirty and head not in s.dirty
    s.expire_all()
    assert (balance.quantity, head.seq) == (Decimal(6), 2)


def test_an_office_registered_after_a_posting_in_the_same_transaction_is_seen(
    s: Session, actor: Actor
) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 10袋")  # no other office registered yet
    town = unit(s, "石桥镇", code="411122101000")
    depot(s, "石桥库", home=town)
    s.add(Sender(installation_id=uuid.uuid4(), unit_code=town.code, public_key="0" * 64))
    s.flush()
    with pytest.raises(RecordOwnedElsewhere, match="石桥镇"):
        given(s, actor, "RK 2026-03-02 石桥库 编织袋 10袋")
    given(s, actor, "RK 2026-03-02 一号库 编织袋 10袋")


def _receipt(
    depot_code: str, day: str, quantity: int, doc_type: DocType = DocType.RECEIPT
) -> DocumentInput:
    return DocumentInput(doc_type, depot_code, D(day), [LineInput("编织袋", quantity)])


def test_a_refusal_leaves_nothing_whether_or_not_the_posting_is_its_transactions_first_work(
    db: Database, actor: Actor
) -> None:
    with db.transaction(actor) as s:
        given(s, actor, "RK 2026-03-01 一号库 编织袋 10袋")
        town = unit(s, "石桥镇", code="411122101000")
        depot(s, "石桥库", home=town)
    with db.transaction(actor) as s:
        s.add(Sender(installation_id=uuid.uuid4(), unit_code=town.code, public_key="0" * 64))
    # the first work of its transaction, refused after numbering: rolled back whole
    with db.transaction(actor) as s:
        with pytest.raises(RecordOwnedElsewhere):
            post_document(s, actor, _receipt("石桥库", "2026-03-02", 5))
        assert not s.in_transaction()
        post_document(s, actor, _receipt("一号库", "2026-03-02", 5))  # later work commits
    # after other work of its transaction: only the posting's savepoint is rolled back
    with db.transaction(actor) as s:
        post_document(s, actor, _receipt("一号库", "2026-03-03", 1))
        with pytest.raises(InsufficientStock):
            post_document(s, actor, _receipt("一号库", "2026-03-03", 99, DocType.ISSUE))
    with db.read() as s:
        assert s.scalar(select(func.count(Document.id))) == 3
        assert s.scalars(select(DocCounter.last).order_by(DocCounter.last)).all() == [3]
        assert on_hand(s, "一号库", "编织袋") == 16
        assert verify(s) == []
