"""工作台 figures: alerts' counts equal the rows behind them, timelines, scope of a keeper."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import Category, DocType, Level, Nature, Role, TeamType
from ledger.models.engine import Database
from ledger.services import stock
from ledger.services.catalogue import equipment_register as equipment
from ledger.services.catalogue import register as catalogue
from ledger.services.norms.shortfalls import check
from ledger.services.org import member_certificates as certificates
from ledger.services.org import rescue_teams as teams
from ledger.services.org import tree as org
from ledger.services.reporting import dashboard
from ledger.services.reporting.dashboard import Alert
from ledger.services.stock.queries import StockFilter, stock_on_hand

ON = date(2026, 11, 22)


@pytest.fixture
def s(db: Database, actor: Actor) -> Iterator[Session]:
    """A county with two towns, a depot each, lots expiring, equipment, a certificate."""
    a = actor
    with db.transaction(a) as session:
        county = org.add_unit(
            session, a, org.UnitInput("410122", "中牟县", Level.COUNTY, profile_id="henan-2021-66")
        )
        north = org.add_unit(session, a, org.UnitInput("410122100", "北镇", Level.TOWN, county))
        south = org.add_unit(session, a, org.UnitInput("410122101", "南镇", Level.TOWN, county))
        catalogue.save_depot(session, a, catalogue.DepotInput("N01", "北镇储备库", north))
        catalogue.save_depot(session, a, catalogue.DepotInput("S01", "南镇储备库", south))
        for code, name, unit, cat, days in [
            ("FX001", "编织袋", "条", Category.FLOOD, None),
            ("FX002", "救生衣", "件", Category.FLOOD, None),
            ("SH001", "棉被", "床", Category.LIVING, None),
            ("ZB001", "发电机", "台", Category.LIGHTING_POWER, 90),
        ]:
            catalogue.save_item(
                session,
                a,
                catalogue.ItemInput(code, name, unit, cat, maintenance_interval_days=days),
            )
        for depot, lines in (
            ("N01", [("FX001", 100, "A", date(2026, 10, 1)), ("FX002", 5, "B", date(2026, 12, 10)),
                     ("SH001", 7, "", None)]),
            ("S01", [("FX001", 30, "C", date(2027, 2, 3)), ("FX001", 20, "D", date(2027, 2, 20)),
                     ("FX002", 9, "E", date(2020, 1, 1))]),
        ):  # fmt: skip
            stock.post_document(
                session,
                a,
                stock.DocumentInput(
                    DocType.RECEIPT,
                    depot,
                    date(2026, 3, 1),
                    [stock.LineInput(i, q, lot, e) for i, q, lot, e in lines],
                ),
            )
        for serial, last in (("G1", date(2026, 6, 1)), ("G2", date(2026, 11, 1))):
            equipment.add_equipment(
                session,
                a,
                equipment.EquipmentInput(
                    serial, "ZB001", equipment.HolderKind.UNIT, south, last_maintained_on=last
                ),
            )
        team = teams.save_team(
            session,
            a,
            teams.TeamInput("南镇救援队", south, TeamType.COMPREHENSIVE, Nature.PART_TIME),
        )
        member = teams.save_member(session, a, team, teams.MemberInput("张三"))
        certificates.save_certificate(
            session,
            a,
            member,
            certificates.CertificateInput("救护员证", expires_on=date(2026, 1, 1)),
        )
        certificates.save_certificate(
            session, a, member, certificates.CertificateInput("潜水证", expires_on=date(2027, 1, 1))
        )
        yield session


def test_the_alerts_count_the_rows_behind_them(s: Session, actor: Actor) -> None:
    view = dashboard.overview(s, actor, ON, 30)
    for alert in Alert:
        rows = dashboard.alert_rows(s, actor, alert, ON, 30)
        assert view.counts[alert] == len(rows), alert
    expired = dashboard.alert_rows(s, actor, Alert.EXPIRED, ON, 30)
    assert [(r.where, r.day) for r in expired] == [
        ("南镇储备库", date(2020, 1, 1)),
        ("北镇储备库", date(2026, 10, 1)),
    ]
    (expiring,) = dashboard.alert_rows(s, actor, Alert.EXPIRING, ON, 30)
    assert expiring.what == "救生衣" and "5件" in expiring.detail
    (overdue,) = dashboard.alert_rows(s, actor, Alert.MAINTENANCE, ON)
    assert (overdue.what, overdue.where, overdue.day) == ("发电机 G1", "南镇", date(2026, 8, 30))
    (certificate,) = dashboard.alert_rows(s, actor, Alert.CERTIFICATES, ON)
    assert certificate.what == "张三 · 救护员证"
    assert view.counts[Alert.REMEDIES] == 0


def test_the_timelines_and_stock_by_category_match_the_stock_list(s: Session, actor: Actor) -> None:
    view = dashboard.overview(s, actor, ON, 30)
    held = stock_on_hand(s, StockFilter())
    items: dict[Category, set[str]] = {}
    for row in held:
        items.setdefault(row.category, set()).add(row.item_code)
    assert {c.category: c.items for c in view.stock} == {k: len(v) for k, v in items.items()}
    assert {c.category: c.lots for c in view.stock} == dict(Counter(r.category for r in held))
    months = {m.month: m for m in view.expiries}
    assert next(iter(months)) == date(2026, 11, 1) and len(months) == 12
    assert months[date(2026, 12, 1)].count == 1
    assert months[date(2027, 2, 1)].count == 2
    assert months[date(2027, 2, 1)].quantity == Decimal(50)
    ahead = [r for r in held if r.expiry and ON <= r.expiry < date(2027, 11, 1)]
    assert sum(m.count for m in view.expiries) == len(ahead)
    due = {m.month: m.count for m in view.maintenance}
    assert due[date(2027, 1, 1)] == 1  # G2: 2026-11-01 + 90 days
    assert sum(due.values()) == 1  # G1 is overdue, counted in its alert, not ahead


def test_a_keeper_sees_their_depots_only(s: Session, actor: Actor) -> None:
    north = catalogue.depots(s)[0]
    assert north.code == "N01"
    keeper = Actor("k", Role.KEEPER, "保管员", depot_ids=frozenset({north.id}))
    view = dashboard.overview(s, keeper, ON, 30)
    assert view.counts[Alert.EXPIRED] == 1
    assert view.counts[Alert.MAINTENANCE] == 0  # the generators are the south town's
    assert view.counts[Alert.CERTIFICATES] == 0
    assert {d.depot_name for d in view.recent} == {"北镇储备库"}
    assert sum(c.lots for c in view.stock) == 3


def test_shortfalls_by_town_and_headcounts_come_from_the_check(s: Session, actor: Actor) -> None:
    result = check(s, actor, on=ON)
    towns = dashboard.town_counts(result)
    assert sum(t.total for t in towns) == len(result.findings)
    names = {u.id: u.name for u in result.units}
    for town in towns:
        assert town.name == names[town.unit_id]
    south = next(t for t in towns if t.name == "南镇")
    assert south.total == sum(1 for f in result.findings if f.unit_name == "南镇")
    counts = dashboard.severity_counts(result)
    assert counts == dict(Counter(f.severity for f in result.findings)) | {
        k: 0 for k in counts if k not in Counter(f.severity for f in result.findings)
    }
    levels = {h.level: h for h in dashboard.headcount_by_level(s, actor, result)}
    assert levels[Level.TOWN].members == 1
    assert levels[Level.TOWN].minimum > 0  # 河南 plan: a town's team has a minimum headcount
