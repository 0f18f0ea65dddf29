"""Posted documents, their lines and movements are refused any change or deletion."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from ledger.core.actor import Actor
from ledger.core.errors import PostedDocumentImmutable
from ledger.models import Balance, Document, DocumentLine, Movement
from ledger.models.engine import Database
from tests.scenario import given


@pytest.fixture
def posted(db: Database, actor: Actor) -> Database:
    with db.transaction(actor) as s:
        given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋 批次L1")
    return db


@pytest.mark.parametrize(
    ("model", "field", "value", "what"),
    [
        (Document, "note", "改一下", "单据"),
        (Document, "doc_date", date(2026, 1, 1), "单据"),
        (DocumentLine, "quantity", 5, "单据明细"),
        (Movement, "quantity", 5, "出入库流水"),
    ],
)
def test_a_posted_record_cannot_be_edited(
    posted: Database, actor: Actor, model: type, field: str, value: object, what: str
) -> None:
    with pytest.raises(PostedDocumentImmutable) as refused, posted.transaction(actor) as s:
        record = s.scalars(select(model)).one()
        setattr(record, field, value)
        s.flush()
    assert refused.value.message == f"已过账的{what}不能修改或删除；如有错误，请红冲后重新登记"
    with posted.read() as s:
        assert getattr(s.scalars(select(model)).one(), field) != value


@pytest.mark.parametrize("model", [Document, DocumentLine, Movement])
def test_a_posted_record_cannot_be_deleted(posted: Database, actor: Actor, model: type) -> None:
    with pytest.raises(PostedDocumentImmutable), posted.transaction(actor) as s:
        s.delete(s.scalars(select(model)).one())
        s.flush()
    with posted.read() as s:
        assert s.scalars(select(model)).one() is not None


def test_reading_a_posted_document_is_not_a_change(posted: Database, actor: Actor) -> None:
    with posted.transaction(actor) as s:
        doc = s.scalars(select(Document)).one()
        assert [line.quantity for line in doc.lines] == [100]
        doc.note = doc.note  # same value: no change
        s.flush()


def test_the_balance_cache_is_not_guarded(posted: Database, actor: Actor) -> None:
    """The cache may be rewritten (ledger verify checks it); only the ledger itself is frozen."""
    with posted.transaction(actor) as s:
        s.scalars(select(Balance)).one().quantity = 1
    with posted.read() as s:
        assert s.scalars(select(Balance.quantity)).one() == 1
