"""Audit rows: one per inserted, updated or deleted record, chained by hashes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ledger.core.actor import Actor
from ledger.models import AuditHead, AuditRow, Item
from ledger.models.audit import GENESIS, last_audit_hash, plain, row_hash
from ledger.models.engine import Database
from tests.scenario import depot, given, item, unit


def rows(db: Database) -> list[AuditRow]:
    with db.read() as s:
        return list(s.scalars(select(AuditRow).order_by(AuditRow.id)))


def test_insert_update_and_delete_are_recorded_with_before_and_after(db: Database) -> None:
    clerk = Actor("clerk")
    with db.transaction(clerk) as s:
        made = item(s, "编织袋", "条")
    with db.transaction(clerk) as s:
        s.get_one(Item, made.id).spec = "50×80cm"
    with db.transaction(clerk) as s:
        s.delete(s.get_one(Item, made.id))
    found = [r for r in rows(db) if r.table == "items"]
    assert [r.action for r in found] == ["insert", "update", "delete"]
    assert all(r.actor == "clerk" and r.row_id == made.id for r in found)
    insert, update, delete = found
    assert insert.before is None and insert.after is not None
    assert insert.after["name"] == "编织袋" and insert.after["spec"] == ""
    assert update.before == {"spec": ""} and update.after == {"spec": "50×80cm"}
    assert delete.before is not None and delete.before["spec"] == "50×80cm"
    assert delete.after is None


def test_rows_are_chained_and_the_head_follows(db: Database, actor: Actor) -> None:
    with db.transaction(actor) as s:
        depot(s, "一号库")
    with db.transaction(actor) as s:
        given(s, actor, "RK 2026-03-01 一号库 编织袋 10条")
    found = rows(db)
    prev = GENESIS
    for row in found:
        assert row.prev_hash == prev
        assert row_hash(prev, row) == row.hash
        prev = row.hash
    with db.read() as s:
        assert last_audit_hash(s) == prev == s.get_one(AuditHead, 1).hash


def test_derived_ledger_tables_are_not_audited(db: Database, actor: Actor) -> None:
    with db.transaction(actor) as s:
        given(s, actor, "RK 2026-03-01 一号库 编织袋 10条")
    tables = {r.table for r in rows(db)}
    assert {"documents", "document_lines", "items", "depots", "org_units"} <= tables
    assert not tables & {"movements", "balances", "chain_heads", "doc_counters"}


def test_a_line_records_its_document(db: Database, actor: Actor) -> None:
    with db.transaction(actor) as s:
        posted = given(s, actor, "RK 2026-03-01 一号库 编织袋 10.50条")
    line = next(r for r in rows(db) if r.table == "document_lines")
    assert line.after is not None
    assert line.after["document_id"] == str(posted.id)
    assert line.after["quantity"] == "10.5"


def test_a_rolled_back_change_leaves_no_audit_row(db: Database, actor: Actor) -> None:
    with pytest.raises(RuntimeError), db.transaction(actor) as s:
        unit(s, "城关镇")
        raise RuntimeError
    assert rows(db) == []


def test_plain_turns_values_into_json_data() -> None:
    import uuid
    from datetime import date
    from decimal import Decimal

    from ledger.core.enums import Level

    key = uuid.uuid4()
    assert plain(
        {"k": key, "d": date(2026, 3, 1), "q": Decimal("1E+3"), "l": [Level.TOWN, Decimal("0.50")]}
    ) == {"k": str(key), "d": "2026-03-01", "q": "1000", "l": ["town", "0.5"]}
