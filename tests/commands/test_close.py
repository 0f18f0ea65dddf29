"""``ledger close``: month and year closes from the command line, reopening and the list."""

from __future__ import annotations

import pytest

from ledger.cli import main
from ledger.core.actor import Actor
from ledger.core.errors import PeriodClosed
from ledger.models.engine import Database
from tests.scenario import given


@pytest.fixture
def ledger(db: Database, actor: Actor) -> Database:
    with db.transaction(actor) as s:
        given(s, actor, "RK 2025-03-01 一号库 编织袋 1000袋")
        given(s, actor, "RK 2025-03-01 二号库 铁锹 20把")
    return db


def test_close_a_year_in_every_depot_then_list_and_reopen(
    ledger: Database, actor: Actor, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["close", "--year", "2025", "--db", ledger.url]) == 0
    out = capsys.readouterr().out
    assert "已结账：一号库 2025年度（1 行结存）" in out and "已结账：二号库 2025年度" in out
    with ledger.transaction(actor) as s, pytest.raises(PeriodClosed):
        given(s, actor, "CK 2025-12-31 一号库 编织袋 1袋")
    assert main(["close", "--list", "--db", ledger.url]) == 0
    assert "2025年度\t一号库（一号库）\t1 行结存" in capsys.readouterr().out
    assert main(["close", "--year", "2025", "--db", ledger.url]) == 0
    assert "此前已结账：一号库、二号库" in capsys.readouterr().err
    assert (
        main(["close", "--year", "2025", "--depot", "一号库", "--reopen", "--db", ledger.url]) == 0
    )
    with ledger.transaction(actor) as s:
        given(s, actor, "CK 2025-12-31 一号库 编织袋 1袋")


def test_close_refuses_a_month_not_ended_in_one_line(
    ledger: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["close", "--month", "2999-01", "--depot", "一号库", "--db", ledger.url]) == 1
    assert capsys.readouterr().err.strip() == "错误：2999年1月尚未结束（截止 2999-01-31），不能结账"
    assert main(["close", "--db", ledger.url]) == 1
    assert "--month 或 --year" in capsys.readouterr().err
