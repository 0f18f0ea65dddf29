"""The demo county: realistic sizes, every document type, consistent ledger, valid people data."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.core.actor import SYSTEM
from ledger.core.enums import KNOWN_FLAGS, Category, DocType, Gender, Level, TeamType
from ledger.core.errors import DatabaseNotEmpty
from ledger.core.geo import distance_km
from ledger.models import (
    Balance,
    Depot,
    Document,
    DocumentLine,
    Drill,
    Equipment,
    Incident,
    Item,
    Member,
    Movement,
    OrgUnit,
    Post,
    Team,
    Training,
)
from ledger.models.engine import Database, open_database
from ledger.services.demo import DemoSummary, build_demo, ensure_demo_database
from ledger.services.demo.people import id_check_digit, id_number_valid
from ledger.services.verify.checks import verify

REF = date(2026, 11, 25)
SEED = 7


@pytest.fixture(scope="module")
def demo(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Database, DemoSummary]]:
    """One demo county, built once for this module on SQLite."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copy(sqlite_template, path)
    database = open_database(path)
    with database.transaction(SYSTEM) as session:
        summary = build_demo(session, SYSTEM, seed=SEED, today=REF)
    yield database, summary
    database.dispose()


@pytest.fixture
def session(demo: tuple[Database, DemoSummary]) -> Iterator[Session]:
    with demo[0].read() as s:
        yield s


def count(session: Session, model: type, *where: object) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def active_headcount(session: Session, team: Team) -> int:
    return count(session, Member, Member.team_id == team.id, Member.left_on.is_(None))


def test_sizes_are_those_of_a_county(session: Session) -> None:
    assert count(session, OrgUnit, OrgUnit.level == Level.COUNTY) == 1
    towns = OrgUnit.level.in_([Level.TOWN, Level.STREET, Level.ZONE])
    assert 14 <= count(session, OrgUnit, towns) <= 17
    assert count(session, OrgUnit, OrgUnit.level == Level.STREET) == 3
    assert count(session, OrgUnit, OrgUnit.level == Level.ZONE) == 1
    assert 180 <= count(session, OrgUnit, OrgUnit.level == Level.VILLAGE) <= 220
    assert 5 <= count(session, Depot) <= 10
    assert count(session, Item) >= 200
    assert 200 <= count(session, Team) <= 300
    assert 2000 <= count(session, Member, Member.left_on.is_(None)) <= 3500
    assert count(session, Post) >= 800


def test_every_category_has_items_and_every_depot_has_an_area(session: Session) -> None:
    present = set(session.scalars(select(Item.category).distinct()))
    assert present == set(Category)
    areas = session.scalars(select(Depot.area_m2)).all()
    assert all(a is not None and a > 0 for a in areas)
    assert min(areas) == Decimal(90) and max(areas) >= Decimal(2000)


def test_the_county_its_towns_villages_and_depots_are_placed_near_the_seat(
    session: Session,
) -> None:
    seat = session.execute(
        select(OrgUnit.latitude, OrgUnit.longitude).where(OrgUnit.level == Level.COUNTY)
    ).one()
    below = session.execute(
        select(OrgUnit.latitude, OrgUnit.longitude).where(
            OrgUnit.level.not_in([Level.PROVINCE, Level.CITY, Level.COUNTY])
        )
    ).all()
    depots = session.execute(select(Depot.latitude, Depot.longitude)).all()
    assert all(lat is not None and lon is not None for lat, lon in [seat, *below, *depots])
    farthest = max(distance_km(tuple(seat), tuple(p)) for p in [*below, *depots])
    assert 20 < farthest < 60  # a county's reach, not one point, not another province
    assert len({tuple(p) for p in below}) == len(below)


def test_codes_form_the_twelve_digit_tree(session: Session) -> None:
    units = session.scalars(select(OrgUnit)).all()
    by_id = {u.id: u for u in units}
    for unit in units:
        assert re.fullmatch(r"\d{12}", unit.code), unit.code
        assert set(unit.flags) <= set(KNOWN_FLAGS), unit.flags
        if unit.level is Level.VILLAGE:
            town = by_id[unit.parent_id]
            assert town.level in (Level.TOWN, Level.STREET, Level.ZONE)
            assert unit.code[:9] == town.code[:9] and unit.code != town.code
            assert (unit.population or 0) > 0
    towns = [u for u in units if u.level is Level.TOWN]
    assert all(u.name.endswith("街道") == (u.level is Level.STREET) for u in units)
    assert any("森林防灭火任务" in t.flags for t in towns)
    assert any("防汛重点" in t.flags for t in towns)
    assert [u.profile_id for u in units if u.profile_id] == ["henan-2021-66"]
    town = towns[0]
    villages = [u for u in units if u.parent_id == town.id]
    assert town.population == sum(v.population or 0 for v in villages)


def test_posts_are_mostly_filled_with_gaps(session: Session) -> None:
    villages = session.scalars(select(OrgUnit).where(OrgUnit.level == Level.VILLAGE)).all()
    kinds = {
        v.id: {p.kind for p in session.scalars(select(Post).where(Post.unit_id == v.id))}
        for v in villages
    }
    complete = [k for k in kinds.values() if len(k) >= 5]
    assert len(villages) // 2 < len(complete) < len(villages)
    assert count(session, Post, Post.until.is_not(None)) > 0


def test_every_document_type_and_a_reversal_were_posted(
    session: Session, demo: tuple[Database, DemoSummary]
) -> None:
    types = Counter(session.scalars(select(Document.doc_type)))
    assert set(types) == set(DocType)
    assert count(session, Document, Document.reverses_id.is_not(None)) >= 1
    assert demo[1].documents[DocType.ISSUE] >= 50
    assert demo[1].reversals >= 1
    dates = session.execute(select(func.min(Document.doc_date), func.max(Document.doc_date))).one()
    assert dates[0] == REF - timedelta(days=364)
    assert REF - timedelta(days=10) <= dates[1] <= REF


def test_balances_equal_the_sum_of_movements_and_never_go_negative(session: Session) -> None:
    sums = {
        (d, i, lot): q
        for d, i, lot, q in session.execute(
            select(
                Movement.depot_id, Movement.item_id, Movement.lot, func.sum(Movement.quantity)
            ).group_by(Movement.depot_id, Movement.item_id, Movement.lot)
        )
    }
    balances = {
        (b.depot_id, b.item_id, b.lot): b.quantity for b in session.scalars(select(Balance))
    }
    assert balances.keys() == sums.keys()
    for key, quantity in balances.items():
        assert sums[key] == quantity
        assert quantity >= 0
    assert verify(session) == []


def test_some_lots_are_expired_and_some_expire_soon(session: Session) -> None:
    on_hand = select(Balance).where(Balance.quantity > 0)
    expired = session.scalars(on_hand.where(Balance.expiry < REF)).all()
    soon = session.scalars(
        on_hand.where(Balance.expiry >= REF, Balance.expiry <= REF + timedelta(days=90))
    ).all()
    assert expired and soon


def test_expired_lots_were_written_off_with_a_reason_and_an_approver(session: Session) -> None:
    write_offs = session.scalars(
        select(Document).where(Document.doc_type == DocType.WRITE_OFF)
    ).all()
    assert write_offs
    assert all(d.approver and d.reason is not None for d in write_offs)
    reasons = {d.reason.label for d in write_offs if d.reason}
    assert {"过期", "损坏", "丢失"} <= reasons


def test_incidents_account_for_issues_and_returns(session: Session) -> None:
    flood = session.scalars(select(Incident).where(Incident.name.contains("暴雨洪涝"))).one()
    docs = session.scalars(select(Document).where(Document.incident_id == flood.id)).all()
    kinds = Counter(d.doc_type for d in docs)
    assert kinds[DocType.ISSUE] >= 4 and kinds[DocType.RETURN] >= 2 and kinds[DocType.RECEIPT] >= 1
    returns = [d for d in docs if d.doc_type is DocType.RETURN]
    assert all(d.source_document_id is not None for d in returns)
    assert {d.counterparty_name for d in docs} >= {"河清县防汛抗旱应急抢险队", "河口镇人民政府"}


def test_equipment_is_held_everywhere_and_some_maintenance_is_overdue(session: Session) -> None:
    pieces = session.scalars(select(Equipment)).all()
    assert len(pieces) > 500
    assert all(
        sum(x is not None for x in (e.holder_unit_id, e.holder_team_id, e.holder_depot_id)) == 1
        for e in pieces
    )
    assert any(e.holder_unit_id for e in pieces) and any(e.holder_team_id for e in pieces)
    assert any(e.holder_depot_id for e in pieces)
    overdue = [e for e in pieces if e.next_due_on is not None and e.next_due_on < REF]
    assert 0 < len(overdue) < len(pieces) // 3
    serial_items = set(session.scalars(select(Item.id).where(Item.serial_tracked)))
    assert {e.item_id for e in pieces} <= serial_items


def test_serial_numbers_in_depots_match_their_stock(session: Session) -> None:
    in_depot = Counter(
        session.execute(
            select(Equipment.holder_depot_id, Equipment.item_id).where(
                Equipment.holder_depot_id.is_not(None), Equipment.status != "scrapped"
            )
        ).all()
    )
    stock = {
        (b.depot_id, b.item_id): b.quantity
        for b in session.scalars(
            select(Balance).join(Item, Item.id == Balance.item_id).where(Item.serial_tracked)
        )
        if b.quantity
    }
    assert {k: Decimal(v) for k, v in in_depot.items()} == stock


def test_team_sizes_straddle_the_plans_minima(session: Session) -> None:
    teams = session.scalars(select(Team)).all()
    units = {u.id: u for u in session.scalars(select(OrgUnit))}
    county = [t for t in teams if units[t.unit_id].level is Level.COUNTY]
    comprehensive = next(t for t in county if t.team_type is TeamType.COMPREHENSIVE)
    assert 50 <= active_headcount(session, comprehensive) <= 60
    assert {t.team_type for t in teams} == set(TeamType)
    town = [
        active_headcount(session, t)
        for t in teams
        if units[t.unit_id].level in (Level.TOWN, Level.STREET)
        and t.team_type is TeamType.COMPREHENSIVE
    ]
    assert min(town) < 20 and any(20 <= n < 30 for n in town) and max(town) >= 30
    village = [
        active_headcount(session, t) for t in teams if units[t.unit_id].level is Level.VILLAGE
    ]
    assert min(village) < 10 <= max(village)
    without_team = {u.id for u in units.values() if u.level is Level.VILLAGE} - {
        t.unit_id for t in teams
    }
    assert without_team
    assert count(session, Member, Member.left_on.is_not(None)) > 50


def test_members_have_valid_id_numbers_phones_and_consistent_data(session: Session) -> None:
    members = session.scalars(select(Member)).all()
    assert len({m.id_number for m in members}) == len(members)
    for m in members:
        assert id_number_valid(m.id_number), m.id_number
        assert m.id_number[6:14] == m.birth_date.strftime("%Y%m%d")
        assert (int(m.id_number[16]) % 2 == 1) == (m.gender is Gender.MALE)
        assert re.fullmatch(r"1[3-9]\d{9}", m.phone), m.phone
        assert m.joined_on is not None and m.joined_on <= REF
        assert m.left_on is None or m.joined_on < m.left_on <= REF
        assert 2 <= len(m.name) <= 3
    assert {m.gender for m in members} == set(Gender)


def test_id_check_digit_follows_gb_11643() -> None:
    # The standard's worked example.
    assert id_check_digit("11010519491231002") == "X"
    assert id_number_valid("11010519491231002X")
    assert not id_number_valid("110105194912310021")
    assert not id_number_valid("11010519491331002X")


def test_drills_and_training_in_the_year(session: Session) -> None:
    assert count(session, Drill, Drill.held_on > REF - timedelta(days=365)) > 50
    assert count(session, Drill, Drill.held_on <= REF - timedelta(days=365)) >= 1
    assert count(session, Training) > 500
    days = session.scalar(select(func.sum(Training.days)))
    assert days and days > 0


def test_a_second_build_is_refused(demo: tuple[Database, DemoSummary]) -> None:
    with pytest.raises(DatabaseNotEmpty) as refused, demo[0].transaction(SYSTEM) as s:
        build_demo(s, SYSTEM, seed=SEED, today=REF)
    assert "已有数据" in refused.value.message


def fingerprint(session: Session) -> tuple[object, ...]:
    """What the same seed must reproduce: names, people, numbers and quantities."""
    units = session.execute(
        select(OrgUnit.code, OrgUnit.name, OrgUnit.population).order_by(OrgUnit.code)
    ).all()
    # sorted here: ID numbers are stored sealed, each file under its own key
    people = sorted(session.execute(select(Member.name, Member.id_number, Member.phone)).all())
    # By item code, not line number: a stocktake numbers its lines in an order of its own.
    lines = session.execute(
        select(
            Depot.code,
            Document.number,
            Document.doc_date,
            Item.code,
            DocumentLine.lot,
            DocumentLine.quantity,
        )
        .join(Document, Document.id == DocumentLine.document_id)
        .join(Depot, Depot.id == Document.depot_id)
        .join(Item, Item.id == DocumentLine.item_id)
        .order_by(Depot.code, Document.number, Item.code, DocumentLine.lot)
    ).all()
    serials = session.scalars(select(Equipment.serial).order_by(Equipment.serial)).all()
    return tuple(units), tuple(people), tuple(lines), tuple(serials)


def test_first_start_creates_the_same_county_once(
    demo: tuple[Database, DemoSummary], tmp_path: Path
) -> None:
    path = tmp_path / "data" / "ledger.db"
    steps: list[str] = []
    assert ensure_demo_database(path, seed=SEED, today=REF, progress=steps.append)
    assert steps and path.exists()
    # the county and the key of its personal data
    assert sorted(p.name for p in path.parent.iterdir()) == ["ledger.db", "ledger.db.key"]
    made = open_database(path)
    try:
        with made.read() as mine, demo[0].read() as theirs:
            assert fingerprint(mine) == fingerprint(theirs)
    finally:
        made.dispose()
    size = path.stat().st_size
    assert not ensure_demo_database(path, seed=SEED, today=REF)
    assert path.stat().st_size == size


def test_first_start_leaves_server_databases_alone() -> None:
    assert not ensure_demo_database("postgresql+psycopg://nobody@127.0.0.1:1/none")


def test_demo_on_every_backend(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("the module's demo covers SQLite")
    with db.transaction(SYSTEM) as s:
        summary = build_demo(s, SYSTEM, seed=SEED, today=REF)
    assert summary.villages > 180
    with db.read() as s:
        assert verify(s) == []
        assert set(s.scalars(select(Document.doc_type).distinct())) == set(DocType)
