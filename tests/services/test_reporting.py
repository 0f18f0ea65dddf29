"""Report queries: inventory grouping and totals, 收发存 matching the stock cards, incident
accounts net of reversals, rosters masked by permission, equipment overdue."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import Category, Level, Nature, Role, TeamType
from ledger.core.errors import LedgerError
from ledger.models.engine import Database
from ledger.services.org import rescue_teams as teams
from ledger.services.reporting import stock as reporting
from ledger.services.reporting.records import roster
from ledger.services.reporting.stock import Amount, GroupBy, Scope, period_summary, totals
from ledger.services.stock import reverse_document
from tests.scenario import depot, given, incident, item, unit

D = date.fromisoformat


@pytest.fixture
def s(db: Database, actor: Actor) -> Iterator[Session]:
    with db.transaction(actor) as session:
        yield session


def test_totals_never_add_different_measuring_units() -> None:
    assert totals([("袋", Decimal(5)), ("把", Decimal(2)), ("袋", Decimal("1.5"))]) == (
        Amount("袋", Decimal("6.5")),
        Amount("把", Decimal(2)),
    )


def test_inventory_groups_by_depot_category_and_unit(s: Session, actor: Actor) -> None:
    town = unit(s, "城关镇")
    village = unit(s, "东村", Level.VILLAGE, parent_id=town.id)
    depot(s, "二号库", home=village)
    item(s, "救生衣", "件", Category.PROTECTION)
    given(s, actor, "RK 2026-03-01 一号库 编织袋 1000袋 批次L1；编织袋 20袋 批次L2；救生衣 5件")
    given(s, actor, "RK 2026-03-02 二号库 编织袋 300袋")
    by_depot = reporting.inventory(s)
    assert [g.title for g in by_depot.groups] == ["一号库（一号库）", "二号库（二号库）"]
    assert by_depot.groups[0].totals == (Amount("件", Decimal(5)), Amount("袋", Decimal(1020)))
    assert (by_depot.items, by_depot.lots) == (2, 4)
    by_category = reporting.inventory(s, by=GroupBy.CATEGORY)
    assert [g.title for g in by_category.groups] == ["防汛抗旱", "个体防护"]
    by_unit = reporting.inventory(s, by=GroupBy.UNIT)
    assert {g.title: g.totals for g in by_unit.groups}["东村"] == (Amount("袋", Decimal(300)),)
    village_only = reporting.inventory(s, Scope(unit_id=village.id))
    assert village_only.unit_name == "东村" and village_only.lots == 1
    town_down = reporting.inventory(s, Scope(unit_id=town.id))
    assert town_down.lots == 4  # a unit's inventory includes the units below it


def test_inventory_on_a_past_date_sums_the_movements_up_to_it(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-03-01 一号库 编织袋 1000袋 批次L1 有效期2027-01-01")
    given(s, actor, "CK 2026-03-05 一号库 编织袋 400袋 批次L1")
    then = reporting.inventory(s, on=D("2026-03-04"))
    now = reporting.inventory(s)
    assert then.groups[0].lines[0].quantity == 1000 and now.groups[0].lines[0].quantity == 600
    assert then.groups[0].lines[0].expiry == D("2027-01-01")
    assert reporting.inventory(s, on=D("2026-02-28")).groups == ()


def test_the_summary_matches_every_stock_card_to_the_unit(s: Session, actor: Actor) -> None:
    """A random month of receipts, issues, transfers, write-offs and reversals."""
    rng = random.Random(7)
    given(s, actor, "RK 2026-01-02 一号库 编织袋 5000袋；铁锹 300把")
    given(s, actor, "RK 2026-01-02 二号库 编织袋 100袋")
    posted = []
    day = D("2026-01-03")
    for _ in range(40):
        day += timedelta(days=rng.randint(0, 2))
        name, measure = rng.choice([("编织袋", "袋"), ("铁锹", "把")])
        n = rng.randint(1, 9)
        kind = rng.choice(["CK 一号库", "RK 一号库", "DB 一号库→二号库", "DB 二号库→一号库"])
        doc, where = kind.split()
        text = f"{doc} {day.isoformat()} {where} {name} {n}{measure}"
        try:
            posted.append(given(s, actor, text))
        except LedgerError:
            continue
    assert len(posted) > 30
    reversed_ = 0
    for done in posted[::7]:
        try:
            reverse_document(s, actor, done.id, on=day, note="录入有误")
            reversed_ += 1
        except LedgerError:
            continue
    assert reversed_ >= 3
    start, end = D("2026-01-10"), D("2026-02-10")
    summary = period_summary(s, start, end)
    assert summary.lines
    for line in summary.lines:
        card = reporting.card(s, line.depot_code, line.item_code, start, end)
        assert (line.opening, line.receipts, line.issues, line.closing) == (
            card.opening,
            card.inflow,
            card.outflow,
            card.closing,
        )
        stock = reporting.inventory(s, Scope(depot_id=depot(s, line.depot_code).id), on=end)
        on_hand = sum(
            (x.quantity for g in stock.groups for x in g.lines if x.item_code == line.item_code),
            Decimal(0),
        )
        assert on_hand == line.closing


def test_summary_keeps_items_with_only_an_opening_balance(s: Session, actor: Actor) -> None:
    given(s, actor, "RK 2026-01-02 一号库 帐篷 10顶")
    (line,) = period_summary(s, D("2026-02-01"), D("2026-02-28")).lines
    assert (line.opening, line.receipts, line.issues, line.closing) == (10, 0, 0, 10)
    assert period_summary(s, D("2025-01-01"), D("2025-12-31")).lines == ()


def test_incident_account_nets_reversals(s: Session, actor: Actor) -> None:
    flood = incident(s, "七月洪涝")
    given(s, actor, "RK 2026-07-01 一号库 编织袋 1000袋；铁锹 50把")
    issue = given(s, actor, "CK 2026-07-10 一号库 编织袋 300袋 事件七月洪涝")
    given(s, actor, "CK 2026-07-10 一号库 铁锹 10把 事件七月洪涝")
    given(s, actor, "GH 2026-07-20 一号库 铁锹 4把 原单CK-2026-00002", incident_id=flood.id)
    reverse_document(s, actor, issue.id, on=D("2026-07-11"), note="录入有误")
    given(s, actor, "CK 2026-07-11 一号库 编织袋 200袋 事件七月洪涝")
    given(s, actor, "CK 2026-07-12 一号库 编织袋 50袋")  # not for the flood
    (account,) = reporting.incident_accounts(s)
    lines = {line.item_code: line for line in account.lines}
    assert (lines["编织袋"].issued, lines["编织袋"].consumed) == (200, 200)
    assert (lines["铁锹"].issued, lines["铁锹"].returned, lines["铁锹"].consumed) == (10, 4, 6)
    assert account.documents[0] == "一号库-CK-2026-00001" and len(account.documents) == 5
    assert reporting.incident_accounts(s, start=D("2026-08-01")) == []


def test_roster_masks_personal_data_for_those_who_may_not_see_it(s: Session, actor: Actor) -> None:
    town = unit(s, "城关镇")
    team = teams.save_team(
        s, actor, teams.TeamInput("城关镇救援队", town.id, TeamType.COMPREHENSIVE, Nature.PART_TIME)
    )
    teams.save_member(
        s,
        actor,
        team,
        teams.MemberInput("张三", "11010519491231002X", "13912345678", joined_on=D("2020-01-01")),
    )
    office = roster(s, actor, on=D("2026-01-01"))
    assert office.teams[0].members[0].id_number == "11010519491231002X" and not office.masked
    viewer = roster(s, Actor("v", Role.VIEWER), on=D("2026-01-01"))
    assert viewer.masked and viewer.teams[0].members[0].phone == "139****5678"
    assert roster(s, actor, on=D("2019-01-01")).headcount == 0
