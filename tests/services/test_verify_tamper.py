"""Tampering with only the sqlite3 shell, covering its tracks as well as it can: ``verify``
still says what and where (issue 22, "What ledger verify cannot see")."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text

from ledger.core.actor import Actor
from ledger.core.enums import Nature, Role, TeamType
from ledger.models import Member, OrgUnit, Team, User
from ledger.models.engine import Database
from tests.scenario import given
from tests.services.test_verify import found, kinds, sql

D = date.fromisoformat


@pytest.fixture
def ledger(db: Database, actor: Actor) -> Database:
    """Receipts, an issue, a transfer, a count and a reversal; a user, a team and a member."""
    with db.transaction(actor) as s:
        given(s, actor, "RK 2026-03-01 一号库 编织袋 1000袋 批次L1 有效期2027-03-01；铁锹 20把")
        given(s, actor, "CK 2026-03-02 一号库 编织袋 100袋 批次L1 对方抢险队")
        given(s, actor, "DB 2026-03-03 一号库→二号库 编织袋 200袋 批次L1")
        given(s, actor, "PD 2026-03-04 二号库 部分 编织袋 199袋 批次L1 审批人张三；铁锹 0把")
        given(s, actor, "CK 2026-03-05 一号库 铁锹 2把")
        unit_id = s.scalars(select(OrgUnit.id)).first()
        assert unit_id is not None
        s.add(User(username="keeper1", role=Role.KEEPER, password_hash="argon2$x"))
        team = Team(
            code="T1",
            name="抢险队",
            unit_id=unit_id,
            team_type=TeamType.COMPREHENSIVE,
            nature=Nature.FULL_TIME,
        )
        s.add(team)
        s.flush()
        s.add(Member(team_id=team.id, name="李四", id_number="410122199001011234"))
    return db


def scalar(db: Database, statement: str, **params: object) -> object:
    with db.engine.connect() as conn:
        return conn.execute(text(statement), params).scalar()


def test_the_fixture_is_sound(ledger: Database) -> None:
    assert found(ledger) == []


def test_the_newest_movement_deleted_with_its_tracks_covered_is_found(ledger: Database) -> None:
    """Delete 一号库's newest movement, move its chain head back, fix the balance."""
    depot = "(SELECT id FROM depots WHERE code = '一号库')"
    last = f"(SELECT max(seq) FROM movements WHERE depot_id = {depot})"
    quantity = scalar(
        ledger, f"SELECT quantity FROM movements WHERE depot_id = {depot} AND seq = {last}"
    )
    sql(
        ledger,
        f"UPDATE balances SET quantity = quantity - :q WHERE depot_id = {depot} AND lot = ''",
        q=quantity,
    )
    sql(ledger, f"DELETE FROM movements WHERE depot_id = {depot} AND seq = {last}")
    sql(
        ledger,
        f"UPDATE chain_heads SET seq = {last}, "
        f"hash = (SELECT hash FROM movements WHERE depot_id = {depot} AND seq = {last}) "
        f"WHERE depot_id = {depot}",
    )
    result = found(ledger)
    assert [d.kind for d in result] == ["line_movements"]
    assert result[0].detail == (
        "单据 一号库-CK-2026-00002 第 1 行应有 1 条出入库流水，实际有 0 条（流水被删除或添加过）"
    )


def test_a_transfer_missing_its_receiving_movement_is_found(ledger: Database) -> None:
    doc = "(SELECT id FROM documents WHERE number LIKE '%DB-2026-00001')"
    depot = "(SELECT id FROM depots WHERE code = '二号库')"
    sql(ledger, f"DELETE FROM movements WHERE document_id = {doc} AND depot_id = {depot}")
    result = [d for d in found(ledger) if d.kind == "line_movements"]
    assert [d.detail for d in result] == [
        "单据 一号库-DB-2026-00001 第 1 行应有 2 条出入库流水，实际有 1 条（流水被删除或添加过）"
    ]


def test_a_movement_added_to_a_counted_line_without_difference_is_found(ledger: Database) -> None:
    """The count's 铁锹 line found no difference, so it has no movement; one copied onto it is
    seen (its chain link and hash would be recomputed by an attacker)."""
    line = (
        "(SELECT l.id FROM document_lines l JOIN documents d ON d.id = l.document_id "
        "WHERE d.number LIKE '%PD-2026-00001' AND l.quantity = 0)"
    )
    sql(
        ledger,
        "INSERT INTO movements (id, document_id, line_id, depot_id, item_id, lot, expiry, "
        "quantity, "
        "occurred_on, posted_at, seq, prev_hash, hash) "
        f"SELECT 'ffffffffffffffffffffffffffffffff', document_id, {line}, depot_id, item_id, lot, "
        "expiry, quantity, occurred_on, posted_at, 99, prev_hash, hash FROM movements "
        "WHERE document_id = (SELECT id FROM documents WHERE number LIKE '%PD-2026-00001')",
    )
    details = [d.detail for d in found(ledger) if d.kind == "line_movements"]
    assert any(d.startswith("单据 二号库-PD-2026-00001 第") and "应有 0 条" in d for d in details)


def test_the_last_audit_rows_truncated_with_the_head_moved_back_are_found(
    ledger: Database,
) -> None:
    """Truncate the audit (the member, team, user and the last issue's rows) and point the audit
    head at the last row left: the chain is whole, but the records are without audit rows."""
    total = scalar(ledger, "SELECT count(*) FROM audit")
    assert isinstance(total, int) and total > 10
    cut = scalar(ledger, "SELECT id FROM audit ORDER BY id DESC LIMIT 1 OFFSET 5")
    sql(ledger, "DELETE FROM audit WHERE id > :cut", cut=cut)
    sql(ledger, "UPDATE audit_head SET hash = (SELECT hash FROM audit WHERE id = :cut)", cut=cut)
    result = found(ledger)
    assert {d.kind for d in result} == {"record_unaudited"}
    details = {d.detail.split("“")[0] for d in result}
    assert {"用户账号", "队伍", "队员"} <= details
    assert "队员“李四”没有新增时的审计记录（被直接写入数据库）" in [d.detail for d in result]


def test_a_document_deleted_with_its_counter_lowered_is_found(ledger: Database) -> None:
    """The last issue deleted whole (lines, movements), balance, chain head and counter fixed."""
    doc = "(SELECT id FROM documents WHERE number LIKE '%CK-2026-00002')"
    depot = "(SELECT id FROM depots WHERE code = '一号库')"
    moved = scalar(ledger, f"SELECT quantity FROM movements WHERE document_id = {doc}")
    sql(
        ledger,
        f"UPDATE balances SET quantity = quantity - :q WHERE depot_id = {depot} AND lot = ''",
        q=moved,
    )
    sql(ledger, f"DELETE FROM movements WHERE document_id = {doc}")
    sql(ledger, f"DELETE FROM document_lines WHERE document_id = {doc}")
    sql(ledger, f"DELETE FROM documents WHERE id = {doc}")
    last = f"(SELECT max(seq) FROM movements WHERE depot_id = {depot})"
    sql(
        ledger,
        f"UPDATE chain_heads SET seq = {last}, "
        f"hash = (SELECT hash FROM movements WHERE depot_id = {depot} AND seq = {last}) "
        f"WHERE depot_id = {depot}",
    )
    sql(ledger, f"UPDATE doc_counters SET last = 1 WHERE series = 'CK' AND depot_id = {depot}")
    result = found(ledger)
    assert {d.kind for d in result} == {"record_deleted"}
    assert "单据 一号库-CK-2026-00002已不在数据库中（过账后的单据不能删除，是被直接删除的）" in [
        d.detail for d in result
    ]


def test_a_gap_in_the_document_numbers_is_found(ledger: Database) -> None:
    sql(ledger, "UPDATE doc_counters SET last = last + 2 WHERE series = 'CK'")
    result = found(ledger)
    assert [d.kind for d in result] == ["number_gap"]
    assert (
        result[0].detail
        == "一号库 CK 2026 年的单据编号缺少 第 3–4 号（计数器已到 4，单据被删除过）"
    )


def test_a_number_beyond_its_counter_is_found(ledger: Database) -> None:
    sql(ledger, "UPDATE doc_counters SET last = last - 1 WHERE series = 'CK'")
    assert "number_beyond" in kinds(ledger)


def test_numbers_carrying_the_depot_code_are_read() -> None:
    from ledger.services.verify.records import NUMBER

    match = NUMBER.search("K01-CK-2026-00012")
    assert match is not None and match.groups() == ("CK", "2026", "00012")
    match = NUMBER.search("HC-2026-00001")
    assert match is not None and match.groups() == ("HC", "2026", "00001")


@pytest.mark.parametrize(
    ("statement", "table", "field"),
    [
        ("UPDATE users SET role = 'admin' WHERE username = 'keeper1'", "users", "role"),
        (
            "UPDATE users SET password_hash = '' WHERE username = 'keeper1'",
            "users",
            "password_hash",
        ),
        ("UPDATE members SET id_number = '410122198001010000'", "members", "id_number"),
        ("UPDATE depots SET name = '别的库' WHERE code = '一号库'", "depots", "name"),
    ],
)
def test_master_and_account_records_changed_by_sql_are_found(
    ledger: Database, statement: str, table: str, field: str
) -> None:
    sql(ledger, statement)
    result = [d for d in found(ledger) if d.kind == "record_changed"]
    assert [(d.table, d.detail.split("字段：")[1]) for d in result] == [(table, f"{field}）")]


def test_a_member_deleted_by_sql_is_found(ledger: Database) -> None:
    sql(ledger, "DELETE FROM members")
    result = found(ledger)
    assert [d.kind for d in result] == ["record_deleted"]
    assert result[0].detail == "队员“李四”已不在数据库中，但没有删除的审计记录"


def test_a_user_added_by_sql_is_found(ledger: Database) -> None:
    sql(
        ledger,
        "INSERT INTO users (id, username, display_name, role, password_hash, failed_attempts, "
        "must_change_password, active, created_at, updated_at) VALUES "
        "('abababababababababababababababab', 'intruder', '', 'admin', 'x', 0, FALSE, TRUE, "
        "'2026-03-01 00:00:00.000000', '2026-03-01 00:00:00.000000')",
    )
    result = found(ledger)
    assert [(d.kind, d.table) for d in result] == [("record_unaudited", "users")]
    assert result[0].detail == "用户账号“intruder”没有新增时的审计记录（被直接写入数据库）"


def test_an_agreement_removed_through_the_service_leaves_verify_clean(
    db: Database, actor: Actor
) -> None:
    """Its lines are deleted through the session, so each deletion has its audit row."""
    from ledger.core.enums import CounterpartyKind, ReserveMode
    from ledger.services.norms import settings as norm_settings
    from tests.scenario import counterparty, item, unit

    with db.transaction(actor) as s:
        home = unit(s)
        counterparty(s, "某超市", CounterpartyKind.ENTERPRISE)
        item(s, "矿泉水")
        deal = norm_settings.save_agreement(
            s,
            actor,
            norm_settings.AgreementInput(
                unit=home.id, counterparty="某超市", mode=ReserveMode.AGREEMENT,
                lines=[("矿泉水", 500)],
            ),
        )  # fmt: skip
    with db.transaction(actor) as s:
        norm_settings.remove_agreement(s, actor, deal)
    assert found(db) == []
