"""``ledger verify`` on the command line: a summary and exit 0, or every difference and exit 1."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from ledger.cli import main
from ledger.core.actor import Actor
from ledger.models.engine import Database
from tests.scenario import given


@pytest.fixture
def ledger(db: Database, actor: Actor) -> Database:
    with db.transaction(actor) as s:
        given(s, actor, "RK 2026-03-01 一号库 编织袋 1000袋 批次L1；铁锹 20把")
        given(s, actor, "CK 2026-03-02 一号库 编织袋 100袋 批次L1")
    return db


def run(db: Database) -> int:
    return main(["verify", "--db", db.url])


def tamper(db: Database, statement: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(text(statement))


def test_verify_passes_on_a_sound_ledger(
    ledger: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(ledger) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert out[0].startswith("校验通过：1 个仓库、2 张单据、3 条流水、2 行库存")


def test_verify_fails_when_a_movement_quantity_is_changed(
    ledger: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    tamper(ledger, "UPDATE movements SET quantity = 999000 WHERE seq = 1")
    assert run(ledger) == 1
    captured = capsys.readouterr()
    assert "[chain_hash] movements" in captured.out
    assert "一号库第 1 条流水的内容与校验值不符" in captured.out
    assert "[balance_differs] balances" in captured.out
    assert captured.err.strip() == "校验未通过：发现 3 处不一致"


def test_verify_fails_when_a_movement_is_deleted(
    ledger: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    tamper(ledger, "DELETE FROM movements WHERE seq = 2")
    assert run(ledger) == 1
    out = capsys.readouterr().out
    assert "[chain_gap]" in out
    assert "一号库 铁锹（批次 无）：库存表有 20把，但没有任何流水" in out


def test_verify_fails_when_a_balance_is_changed(
    ledger: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    tamper(ledger, "UPDATE balances SET quantity = 1 WHERE lot = 'L1'")
    assert run(ledger) == 1
    assert "库存表为 0.001袋，流水合计为 900袋" in capsys.readouterr().out


def test_verify_fails_when_an_audit_row_is_changed(
    ledger: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    tamper(ledger, "UPDATE audit SET after = NULL WHERE id = 2")
    assert run(ledger) == 1
    assert "[audit_hash] audit 2：审计记录 2" in capsys.readouterr().out


def test_verify_refuses_a_file_that_is_not_a_database(
    tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    bad = Path(str(tmp_path)) / "notes.db"
    bad.write_text("这不是数据库", encoding="utf-8")
    assert main(["verify", "--db", str(bad)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("错误：数据库")
    assert "不是 SQLite 格式" in err
