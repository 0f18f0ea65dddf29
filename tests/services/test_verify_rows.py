"""The fast reading of ``ledger verify`` gives what the column types and the models' hashes give."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from ledger.core.actor import Actor
from ledger.models import AuditRow, Movement
from ledger.models.audit import row_hash
from ledger.models.engine import Database
from ledger.models.stock import movement_hash
from ledger.services.verify import rows as verify_rows
from ledger.services.verify.rows import Reader, audit_hash, link_hash, raw, text, time_text
from tests.scenario import given


@pytest.fixture
def ledger(db: Database, actor: Actor) -> Database:
    with db.transaction(actor) as s:
        given(s, actor, "RK 2026-03-01 一号库 编织袋 1000.5袋 批次L1 有效期2027-03-01；铁锹 20把")
        given(s, actor, "CK 2026-03-02 一号库 编织袋 100.25袋 批次L1 对方抢险队")
    return db


def test_the_fast_hashes_are_the_models_hashes() -> None:
    assert verify_rows.FAST_LINKS and verify_rows.FAST_AUDIT


def test_raw_values_read_as_the_column_types_read_them(ledger: Database) -> None:
    columns = list(Movement.__table__.columns)
    with ledger.read() as s:
        dialect = s.get_bind().dialect
        readers = [Reader(dialect, c) for c in columns]
        processed = s.execute(select(*columns).order_by(Movement.seq)).all()
        stored = s.execute(select(*(raw(c) for c in columns)).order_by(Movement.seq)).all()
    assert len(processed) == 3
    for want, got in zip(processed, stored, strict=True):
        assert tuple(read(v) for read, v in zip(readers, got, strict=True)) == tuple(want)
        assert tuple(read(v) for read, v in zip(readers, got, strict=True)) == tuple(want)  # again


def test_fast_link_and_audit_hashes_equal_the_stored_ones(ledger: Database) -> None:
    with ledger.read() as s:
        dialect = s.get_bind().dialect
        moves = s.scalars(select(Movement).order_by(Movement.seq)).all()
        line = Reader(dialect, Movement.__table__.c.line_id, text, remember=False)
        stored_lines = s.scalars(select(raw(Movement.line_id)).order_by(Movement.seq)).all()
        for m, stored in zip(moves, stored_lines, strict=True):
            texts = (*verify_rows.movement_texts(m)[:-1], line(stored))
            assert link_hash(m.prev_hash, texts) == movement_hash(m.prev_hash, m) == m.hash
        rows = s.execute(select(*AuditRow.__table__.columns).order_by(AuditRow.id)).all()
    assert rows
    for r in rows:
        fast = audit_hash(r.prev_hash, time_text(r.at), r.actor, r.action, r.table,
                          text(r.row_id), r.before, r.after)  # fmt: skip
        assert fast == row_hash(r.prev_hash, r) == r.hash


def test_a_changed_value_changes_the_fast_link_hash(ledger: Database) -> None:
    with ledger.read() as s:
        m = s.scalars(select(Movement).where(Movement.seq == 1)).one()
        texts = verify_rows.movement_texts(m)
    changed = (*texts[:5], "999", *texts[6:])
    assert link_hash(m.prev_hash, texts) == m.hash
    assert link_hash(m.prev_hash, changed) != m.hash
    assert verify_rows.day_text(date(2026, 3, 1)) == "2026-03-01"
