"""Month and year closes (月结/年结): stored balances and chain heads, refusals after a close."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import Role
from ledger.core.errors import (
    InvalidValue,
    NotLastClose,
    PeriodAlreadyClosed,
    PeriodClosed,
    PeriodNotEnded,
    PermissionDenied,
)
from ledger.models import ChainHead, Movement
from ledger.models.engine import Database
from ledger.services.closing import periods
from ledger.services.closing.periods import close_all, close_period, month, parse_period, year
from ledger.services.stock import reverse_document
from tests.scenario import depot, given, unit

D = date.fromisoformat
TODAY = D("2026-11-25")


@pytest.fixture
def s(db: Database, actor: Actor) -> Iterator[Session]:
    with db.transaction(actor) as session:
        yield session


@pytest.fixture
def october(s: Session, actor: Actor) -> Session:
    """一号库: 1000 bags received 10-02 (lot L1), 300 issued 10-20, 50 more received 11-03."""
    given(s, actor, "RK 2026-10-02 一号库 编织袋 1000袋 批次L1")
    given(s, actor, "RK 2026-10-05 一号库 铁锹 20把")
    given(s, actor, "CK 2026-10-20 一号库 编织袋 300袋 批次L1")
    given(s, actor, "RK 2026-11-03 一号库 编织袋 50袋 批次L2")
    return s


def test_parse_period_reads_months_and_years() -> None:
    assert parse_period("2026-10") == month(2026, 10)
    assert parse_period("2026年2月") == month(2026, 2)
    assert month(2026, 2).last_day == D("2026-02-28")
    assert parse_period("2026") == year(2026)
    assert year(2026).label == "2026年度" and month(2026, 10).label == "2026年10月"
    with pytest.raises(InvalidValue):
        parse_period("2026-13")


def test_close_stores_the_balances_at_the_cut_off_and_the_chain_head(
    october: Session, actor: Actor
) -> None:
    s = october
    row = close_period(s, actor, "一号库", month(2026, 10), today=TODAY)
    head = s.get_one(ChainHead, depot(s, "一号库").id)
    assert (row.chain_seq, row.chain_hash) == (head.seq, head.hash)
    assert row.chain_seq == 4
    stored = {(b[1], b[3]) for b in periods.balances_at(s, depot(s, "一号库").id, D("2026-10-31"))}
    assert stored == {("L1", Decimal(700)), ("", Decimal(20))}
    assert row.lines == 2
    assert [c.period for c in periods.closes(s)] == [month(2026, 10)]


def test_documents_dated_in_a_closed_month_are_refused(october: Session, actor: Actor) -> None:
    s = october
    close_period(s, actor, "一号库", month(2026, 10), today=TODAY)
    with pytest.raises(PeriodClosed) as refused:
        given(s, actor, "CK 2026-10-31 一号库 编织袋 1袋 批次L1")
    assert refused.value.message == "2026年10月 已结账，不能登记日期为 2026-10-31 的单据"
    with pytest.raises(PeriodClosed) as earlier:
        given(s, actor, "RK 2026-09-15 一号库 编织袋 1袋 批次L1")
    assert "2026年10月及以前" in earlier.value.message
    given(s, actor, "CK 2026-11-01 一号库 编织袋 1袋 批次L1")
    given(s, actor, "RK 2026-10-15 二号库 编织袋 5袋")  # another depot stays open


def test_transfers_reversals_and_stocktakes_respect_the_close(
    october: Session, actor: Actor
) -> None:
    s = october
    given(s, actor, "RK 2026-10-10 二号库 铁锹 5把")
    close_period(s, actor, "二号库", month(2026, 10), today=TODAY)
    with pytest.raises(PeriodClosed):
        given(s, actor, "DB 2026-10-25 一号库→二号库 铁锹 1把")
    issue = given(s, actor, "CK 2026-11-04 一号库 铁锹 2把")
    close_period(s, actor, "一号库", month(2026, 10), today=TODAY)
    reverse_document(s, actor, issue.id, on=D("2026-11-05"), note="录入有误")
    with pytest.raises(PeriodClosed):
        given(s, actor, "PD 2026-10-31 一号库 部分 铁锹 20把")


def test_a_month_that_has_not_ended_cannot_be_closed_nor_closed_twice(
    october: Session, actor: Actor
) -> None:
    s = october
    with pytest.raises(PeriodNotEnded):
        close_period(s, actor, "一号库", month(2026, 11), today=TODAY)
    close_period(s, actor, "一号库", month(2026, 10), today=TODAY)
    with pytest.raises(PeriodAlreadyClosed):
        close_period(s, actor, "一号库", month(2026, 10), today=TODAY)


def test_year_close_covers_the_whole_year(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2025-06-01 一号库 帐篷 10顶")
    row = close_period(s, actor, "一号库", year(2025), today=TODAY)
    assert row.period.kind == "year" and row.lines == 1
    with pytest.raises(PeriodClosed) as refused:
        given(s, actor, "CK 2025-12-31 一号库 帐篷 1顶")
    assert "2025年度" in refused.value.message
    given(s, actor, "CK 2026-01-02 一号库 帐篷 1顶")


def test_close_all_closes_every_depot_once(october: Session, actor: Actor) -> None:
    s = october
    given(s, actor, "RK 2026-10-10 二号库 铁锹 5把")
    close_period(s, actor, "二号库", month(2026, 10), today=TODAY)
    made, skipped = close_all(s, actor, month(2026, 10), today=TODAY)
    assert [r.depot_code for r in made] == ["一号库"]
    assert skipped == ["二号库"]


def test_only_the_latest_close_can_be_reopened(october: Session, actor: Actor) -> None:
    s = october
    close_period(s, actor, "一号库", month(2026, 9), today=TODAY)
    close_period(s, actor, "一号库", month(2026, 10), today=TODAY)
    with pytest.raises(NotLastClose):
        periods.reopen(s, actor, "一号库", month(2026, 9))
    periods.reopen(s, actor, "一号库", month(2026, 10))
    given(s, actor, "CK 2026-10-30 一号库 编织袋 1袋 批次L1")
    with pytest.raises(PeriodClosed):
        given(s, actor, "CK 2026-09-30 一号库 铁锹 1把")


def test_keepers_and_viewers_may_not_close(october: Session, actor: Actor) -> None:
    s = october
    keeper = Actor("k", Role.KEEPER, depot_ids=frozenset({depot(s, "一号库").id}))
    with pytest.raises(PermissionDenied):
        close_period(s, keeper, "一号库", month(2026, 10), today=TODAY)
    viewer = Actor("v", Role.VIEWER)
    assert close_all(s, viewer, month(2026, 10), today=TODAY) == ([], [])
    office = Actor("o", Role.OFFICE, unit_ids=frozenset({unit(s).id}))
    made, _ = close_all(s, office, month(2026, 10), today=TODAY)
    assert [r.depot_code for r in made] == ["一号库"]


def test_check_closes_finds_a_changed_past(october: Session, actor: Actor) -> None:
    s = october
    close_period(s, actor, "一号库", month(2026, 10), today=TODAY)
    assert periods.check_closes(s) == []
    s.flush()
    # Behind the application's back: a movement of October edited in the database.
    first = s.scalars(select(Movement).where(Movement.seq == 1)).one()
    s.execute(
        update(Movement.__table__)
        .where(Movement.__table__.c.id == first.id)
        .values(quantity=900, hash="f" * 64)
    )
    s.expire_all()
    problems = periods.check_closes(s)
    details = " ".join(p.detail for p in problems)
    assert "编织袋（批次 L1）结账时结存 700袋，按现有流水为 600袋" in details
    assert all(p.period == "2026年10月" for p in problems)


def test_check_closes_finds_a_changed_chain_link(october: Session, actor: Actor) -> None:
    s = october
    close_period(s, actor, "一号库", month(2026, 10), today=TODAY)
    s.flush()
    table = Movement.__table__
    s.execute(update(table).where(table.c.seq == 4).values(hash="0" * 64))
    s.expire_all()
    problems = periods.check_closes(s)
    assert [p.detail for p in problems] == ["结账时的流水链第 4 条已被改动或删除"]
