"""``verify`` finds every change made to the ledger behind the application's back."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from ledger.core.actor import Actor
from ledger.models.engine import Database
from ledger.services.closing.periods import close_period, month
from ledger.services.stock import reverse_document
from ledger.services.verify.checks import Discrepancy, counts, verify
from tests.scenario import given

D = date.fromisoformat


@pytest.fixture
def ledger(db: Database, actor: Actor) -> Database:
    """A small ledger: receipts, an issue, a transfer, a count and a reversal in two depots."""
    with db.transaction(actor) as s:
        given(s, actor, "RK 2026-03-01 一号库 编织袋 1000袋 批次L1 有效期2027-03-01；铁锹 20把")
        given(s, actor, "CK 2026-03-02 一号库 编织袋 100.5袋 批次L1 对方抢险队")
        given(s, actor, "DB 2026-03-03 一号库→二号库 编织袋 200袋 批次L1")
        given(s, actor, "PD 2026-03-04 二号库 部分 编织袋 199袋 批次L1 审批人张三")
        wrong = given(s, actor, "CK 2026-03-05 一号库 铁锹 2把")
        reverse_document(s, actor, wrong.id, D("2026-03-05"), note="录入有误")
    return db


def sql(db: Database, statement: str, **params: object) -> None:
    with db.engine.begin() as conn:
        conn.execute(text(statement), params)


def found(db: Database) -> list[Discrepancy]:
    with db.read() as s:
        return verify(s)


def kinds(db: Database) -> set[str]:
    return {d.kind for d in found(db)}


def movement_id(db: Database, seq: int, depot: str = "一号库") -> str:
    with db.engine.connect() as conn:
        return str(
            conn.execute(
                text(
                    "SELECT m.id FROM movements m JOIN depots d ON d.id = m.depot_id "
                    "WHERE d.code = :depot AND m.seq = :seq"
                ),
                {"depot": depot, "seq": seq},
            ).scalar_one()
        )


def test_a_sound_ledger_has_no_discrepancies(ledger: Database) -> None:
    assert found(ledger) == []
    with ledger.read() as s:
        seen = counts(s)
    assert (seen.depots, seen.documents, seen.movements) == (2, 6, 8)
    assert seen.balances == 3
    assert seen.audit_rows > 10


def test_an_empty_ledger_is_sound(db: Database) -> None:
    assert found(db) == []


def test_a_movement_quantity_changed_by_sql_is_found(ledger: Database) -> None:
    sql(
        ledger,
        "UPDATE movements SET quantity = quantity - 1000 WHERE id = :id",
        id=movement_id(ledger, 3),
    )
    result = found(ledger)
    assert {d.kind for d in result} == {"chain_hash", "balance_differs", "movement_line"}
    chain = next(d for d in result if d.kind == "chain_hash")
    assert chain.table == "movements"
    assert chain.detail == "一号库第 3 条流水的内容与校验值不符（被直接改动过）"
    balance = next(d for d in result if d.kind == "balance_differs")
    assert balance.detail == "一号库 编织袋（批次 L1）：库存表为 699.5袋，流水合计为 698.5袋"


def test_a_movement_date_changed_by_sql_is_found(ledger: Database) -> None:
    sql(
        ledger,
        "UPDATE movements SET occurred_on = '2025-01-01' WHERE id = :id",
        id=movement_id(ledger, 1),
    )
    assert kinds(ledger) == {"chain_hash", "movement_line"}


def test_a_deleted_movement_is_found(ledger: Database) -> None:
    sql(ledger, "DELETE FROM movements WHERE id = :id", id=movement_id(ledger, 2))
    result = found(ledger)
    assert {d.kind for d in result} == {"chain_gap", "balance_differs", "line_movements"}
    assert next(d for d in result if d.kind == "chain_gap").detail == "一号库的流水链缺少第 2 条"


def test_the_deleted_last_movement_is_found_by_the_chain_head(ledger: Database) -> None:
    last = movement_id(ledger, 6)
    sql(ledger, "DELETE FROM movements WHERE id = :id", id=last)
    result = found(ledger)
    assert {d.kind for d in result} == {"chain_head", "balance_differs", "line_movements"}
    head = next(d for d in result if d.kind == "chain_head")
    assert head.detail == "一号库的流水链头记录到第 6 条，实际最后一条是第 5 条"


def test_a_relinked_chain_is_still_found(ledger: Database) -> None:
    """Deleting a row and pointing the next at its predecessor breaks the next row's hash."""
    with ledger.engine.connect() as conn:
        first_hash = conn.execute(
            text("SELECT hash FROM movements WHERE id = :id"), {"id": movement_id(ledger, 1)}
        ).scalar_one()
    third = movement_id(ledger, 3)
    sql(ledger, "DELETE FROM movements WHERE id = :id", id=movement_id(ledger, 2))
    sql(
        ledger,
        "UPDATE movements SET prev_hash = :h, seq = 2 WHERE id = :id",
        h=first_hash,
        id=third,
    )
    assert "chain_hash" in kinds(ledger)


def test_a_changed_balance_is_found(ledger: Database) -> None:
    sql(ledger, "UPDATE balances SET quantity = quantity + 1000 WHERE lot = ''")
    result = found(ledger)
    assert [d.kind for d in result] == ["balance_differs"]
    assert result[0].detail == "一号库 铁锹（批次 无）：库存表为 21把，流水合计为 20把"


def test_a_deleted_balance_is_found(ledger: Database) -> None:
    sql(ledger, "DELETE FROM balances WHERE lot = ''")
    result = found(ledger)
    assert [d.kind for d in result] == ["balance_missing"]
    assert result[0].detail == "一号库 铁锹（批次 无）：流水合计为 20把，库存表中没有这一行"


def test_a_balance_without_movements_is_found(ledger: Database) -> None:
    sql(ledger, "DELETE FROM movements WHERE lot = ''")
    assert "balance_orphan" in kinds(ledger)


def test_a_negative_balance_is_found(ledger: Database) -> None:
    sql(ledger, "UPDATE balances SET quantity = -1000 WHERE lot = ''")
    assert kinds(ledger) == {"balance_differs", "balance_negative"}


def test_a_changed_audit_row_is_found(ledger: Database) -> None:
    sql(ledger, "UPDATE audit SET actor = 'intruder' WHERE id = 3")
    result = found(ledger)
    assert [(d.kind, d.row) for d in result] == [("audit_hash", "3")]


def test_a_deleted_audit_row_is_found(ledger: Database) -> None:
    sql(ledger, "DELETE FROM audit WHERE id = 3")
    result = found(ledger)
    assert [(d.kind, d.row) for d in result if d.kind.startswith("audit")] == [("audit_link", "4")]
    # the record that row inserted is now without its audit row
    assert {d.kind for d in result} == {"audit_link", "record_unaudited"}


def test_the_deleted_last_audit_row_is_found(ledger: Database) -> None:
    sql(ledger, "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)")
    # the row removed recorded part of the reversal, which is now unaudited too
    assert kinds(ledger) == {"audit_head", "record_unaudited"}


def test_a_document_changed_by_sql_is_found(ledger: Database) -> None:
    sql(
        ledger,
        "UPDATE documents SET counterparty_name = '别人' WHERE number = '一号库-CK-2026-00001'",
    )
    result = found(ledger)
    assert [d.kind for d in result] == ["record_changed"]
    assert (
        result[0].detail == "单据 一号库-CK-2026-00001与过账时的记录不同（字段：counterparty_name）"
    )


def test_a_document_line_changed_by_sql_is_found(ledger: Database) -> None:
    sql(ledger, "UPDATE document_lines SET quantity = 1 WHERE line_no = 2")
    assert kinds(ledger) == {"record_changed", "movement_line"}


def test_a_document_without_its_audit_row_is_found(ledger: Database) -> None:
    sql(ledger, "DELETE FROM audit WHERE \"table\" = 'documents'")
    assert {"record_unaudited", "audit_link"} <= kinds(ledger)


def closed(db: Database, actor: Actor) -> None:
    with db.transaction(actor) as s:
        close_period(s, actor, "一号库", month(2026, 3), today=D("2026-04-02"))


def test_a_sound_close_is_not_reported(ledger: Database, actor: Actor) -> None:
    closed(ledger, actor)
    assert found(ledger) == []


def test_a_close_changed_by_sql_is_found(ledger: Database, actor: Actor) -> None:
    closed(ledger, actor)
    sql(ledger, "UPDATE closing_balances SET quantity = quantity + 1000 WHERE lot = 'L1'")
    result = found(ledger)
    assert [d.kind for d in result] == ["period_close", "record_changed"]
    assert result[1].table == "closing_balances"
    assert result[0].table == "period_closes"
    assert result[0].detail.startswith("一号库2026年3月的结账记录：编织袋（批次 L1）结账时结存")


def test_a_closed_chain_link_changed_by_sql_is_found(ledger: Database, actor: Actor) -> None:
    closed(ledger, actor)
    sql(ledger, "UPDATE period_closes SET chain_hash = :h", h="e" * 64)
    assert kinds(ledger) == {"period_close", "record_changed"}


def test_a_posting_committed_while_verify_reads_is_no_discrepancy(
    ledger: Database, actor: Actor
) -> None:
    """On a shared server others post while ``ledger verify`` reads: a posting committed
    between its reading the audit rows and reading the audit head must not look like a
    deleted record (each statement at READ COMMITTED would see a different state)."""
    from sqlalchemy import event

    posted: list[bool] = []

    def post_meanwhile(conn: object, cursor: object, statement: str, *_: object) -> None:
        if "FROM audit_head" in statement and not posted:
            posted.append(True)
            with ledger.transaction(actor) as s:
                given(s, actor, "RK 2026-03-06 一号库 铁锹 5把")

    event.listen(ledger.engine, "before_cursor_execute", post_meanwhile)
    try:
        assert found(ledger) == []
    finally:
        event.remove(ledger.engine, "before_cursor_execute", post_meanwhile)
    assert posted, "the posting was made while verify read"
    assert found(ledger) == []  # and the ledger with it is sound
