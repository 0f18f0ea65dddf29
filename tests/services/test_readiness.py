"""应急推演: needs from per-person amounts, usable stock, the order depots are drawn in, covers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import given as hgiven
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from ledger.commands.readiness import render_text
from ledger.core.actor import Actor
from ledger.core.enums import (
    Category,
    CounterpartyKind,
    DocType,
    EquipmentStatus,
    Level,
    Nature,
    ReserveMode,
    Role,
    TeamType,
)
from ledger.core.errors import InvalidValue, UnknownRecord
from ledger.models import Equipment, Member, OrgUnit, Team
from ledger.models.engine import Database
from ledger.models.norms import PerCapitaAmount
from ledger.services import readiness
from ledger.services.norms import settings as norm_settings
from ledger.services.readiness.allocate import Lot, Source, allocate
from tests.scenario import counterparty, depot, given, item

D = date.fromisoformat
ON = D("2026-07-01")


@pytest.fixture
def s(db: Database, actor: Actor) -> Iterator[Session]:
    """One open transaction for the whole test."""
    with db.transaction(actor) as session:
        yield session


def amount(s: Session, unit: OrgUnit, name: str, each: str, *, per_day: bool = True) -> None:
    """The office of ``unit`` sets a per-person amount of ``name``."""
    s.add(
        PerCapitaAmount(
            unit_id=unit.id,
            profile_id="wenshang-2022-57",
            rule_id="W-M3",
            item_id=item(s, name).id,
            amount=Decimal(each),
            per_day=per_day,
        )
    )
    s.flush()


@pytest.fixture
def county(s: Session, actor: Actor) -> dict[str, OrgUnit]:
    """A county with two towns, a village under the first; a depot at each; water per day."""
    top = OrgUnit(code="C", name="某县", level=Level.COUNTY)
    east = OrgUnit(code="T1", name="甲镇", level=Level.TOWN, parent=top)
    west = OrgUnit(code="T2", name="乙镇", level=Level.TOWN, parent=top)
    village = OrgUnit(code="V1", name="甲村", level=Level.VILLAGE, parent=east)
    s.add_all([top, east, west, village])
    s.flush()
    depot(s, "县库", home=top)
    depot(s, "甲镇库", home=east)
    depot(s, "乙镇库", home=west)
    depot(s, "甲村库", home=village)
    item(s, "矿泉水", "箱", Category.LIVING)
    item(s, "帐篷", "顶", Category.LIVING)
    amount(s, top, "矿泉水", "1")
    return {"county": top, "east": east, "west": west, "village": village}


def water(found: readiness.Plan) -> readiness.Need:
    (need,) = [n for n in found.needs if n.item_code == "矿泉水"]
    return need


def draws(need: readiness.Need) -> list[tuple[str, str, Decimal]]:
    return [(a.depot_code, a.lot, a.quantity) for a in need.allocations]


def test_need_is_amount_times_people_times_days_and_once_per_person_items_not_by_days(
    s: Session, county: dict[str, OrgUnit]
) -> None:
    amount(s, county["county"], "帐篷", "0.25", per_day=False)
    found = readiness.plan(s, ["V1"], 100, 7, ON)
    assert [(n.item_code, n.needed) for n in found.needs] == [("帐篷", 25), ("矿泉水", 700)]
    assert found.last_day == D("2026-07-07")


def test_the_nearest_office_amount_wins(s: Session, county: dict[str, OrgUnit]) -> None:
    amount(s, county["east"], "矿泉水", "2")
    assert water(readiness.plan(s, ["V1"], 10, 1, ON)).needed == 20
    assert water(readiness.plan(s, ["T2"], 10, 1, ON)).needed == 10


def test_lots_expiring_before_the_last_day_are_left_out(
    s: Session, actor: Actor, county: dict[str, OrgUnit]
) -> None:
    given(
        s,
        actor,
        "RK 2026-06-01 甲村库 矿泉水 10箱 批次OLD 有效期2026-06-30；"
        "矿泉水 20箱 批次MID 有效期2026-07-05；矿泉水 30箱 批次EDGE 有效期2026-07-10；"
        "矿泉水 40箱 批次NEW 有效期2027-01-01",
    )
    need = water(readiness.plan(s, ["V1"], 10, 10, ON))  # last day 2026-07-10
    assert need.available == 70
    assert draws(need) == [("甲村库", "EDGE", 30), ("甲村库", "NEW", 40)]
    assert need.short == 100 - 70


def test_a_written_off_lot_offers_nothing(
    s: Session, actor: Actor, county: dict[str, OrgUnit]
) -> None:
    given(s, actor, "RK 2026-06-01 甲村库 矿泉水 10箱 批次A 有效期2027-01-01；矿泉水 5箱 批次B")
    given(s, actor, "BS 2026-06-02 甲村库 矿泉水 10箱 批次A 原因损坏 审批人张三")
    need = water(readiness.plan(s, ["V1"], 100, 1, ON))
    assert draws(need) == [("甲村库", "B", 5)]


def test_the_depot_minimum_is_held_back_in_the_last_expiring_lots(
    s: Session, actor: Actor, county: dict[str, OrgUnit]
) -> None:
    given(
        s,
        actor,
        "RK 2026-06-01 县库 矿泉水 30箱 批次L1 有效期2027-01-01；"
        "矿泉水 20箱 批次L2 有效期2026-12-01",
    )
    norm_settings.set_minimum(s, actor, "县库", "矿泉水", 35)
    need = water(readiness.plan(s, ["V1"], 100, 1, ON))
    assert need.available == 50 - 35
    assert draws(need) == [("县库", "L2", 15)]


def test_own_depots_first_then_the_town_then_the_county_then_other_towns(
    s: Session, actor: Actor, county: dict[str, OrgUnit]
) -> None:
    for name in ("乙镇库", "县库", "甲镇库", "甲村库"):
        given(s, actor, f"RK 2026-06-01 {name} 矿泉水 10箱 批次{name}")
    need = water(readiness.plan(s, ["V1"], 25, 1, ON))
    assert draws(need) == [("甲村库", "甲村库", 10), ("甲镇库", "甲镇库", 10), ("县库", "县库", 5)]
    assert [a.tier_label for a in need.allocations] == ["本单位", "本乡镇", "县级"]
    assert (need.available, need.short) == (40, 0)
    assert draws(water(readiness.plan(s, ["V1"], 40, 1, ON)))[-1] == ("乙镇库", "乙镇库", 10)
    # named a town: its villages' depots are its own
    assert draws(water(readiness.plan(s, ["T1"], 15, 1, ON)))[0][0] in {"甲村库", "甲镇库"}
    assert [a.tier for a in water(readiness.plan(s, ["T1"], 40, 1, ON)).allocations] == [
        0,
        0,
        2,
        3,
    ]


def test_within_a_depot_the_first_expiring_lot_goes_first(
    s: Session, actor: Actor, county: dict[str, OrgUnit]
) -> None:
    given(
        s,
        actor,
        "RK 2026-06-01 甲村库 矿泉水 10箱 批次LATE 有效期2027-06-01；"
        "矿泉水 10箱 批次SOON 有效期2026-09-01；矿泉水 10箱 批次NONE",
    )
    need = water(readiness.plan(s, ["V1"], 15, 1, ON))
    assert draws(need) == [("甲村库", "SOON", 10), ("甲村库", "LATE", 5)]


def test_stock_is_taken_as_it_stands_on_the_date(
    s: Session, actor: Actor, county: dict[str, OrgUnit]
) -> None:
    given(s, actor, "RK 2026-06-01 甲村库 矿泉水 10箱")
    given(s, actor, "CK 2026-08-01 甲村库 矿泉水 4箱")
    assert water(readiness.plan(s, ["V1"], 100, 1, ON)).available == 10
    assert water(readiness.plan(s, ["V1"], 100, 1, D("2026-08-02"))).available == 6


def test_serial_equipment_counts_its_pieces_in_stock_only(
    s: Session, county: dict[str, OrgUnit]
) -> None:
    pump = item(s, "水泵", "台", Category.LIVING, serial_tracked=True)
    home = depot(s, "甲村库")
    states = (EquipmentStatus.IN_STOCK, EquipmentStatus.IN_USE, EquipmentStatus.REPAIR)
    for serial, status in [("P1", states[0]), ("P2", states[1]), ("P3", states[2]),
                           ("P4", states[0])]:  # fmt: skip
        s.add(Equipment(serial=serial, item_id=pump.id, holder_depot_id=home.id, status=status))
    amount(s, county["county"], "水泵", "0.01", per_day=False)
    (need,) = [n for n in readiness.plan(s, ["V1"], 150, 3, ON).needs if n.item_code == "水泵"]
    assert (need.needed, need.available, need.short) == (2, 2, 0)
    assert need.allocations[0].serials == ("P1", "P4")


def test_short_items_list_the_agreements_in_force_with_supplier_and_contact(
    s: Session, actor: Actor, county: dict[str, OrgUnit]
) -> None:
    party = counterparty(s, "某超市", CounterpartyKind.ENTERPRISE)
    party.contact, party.phone = "王经理", "13800000000"
    counterparty(s, "过期厂", CounterpartyKind.ENTERPRISE)
    for name, mode, ends in (("某超市", ReserveMode.AGREEMENT, None),
                             ("过期厂", ReserveMode.CAPACITY, D("2026-01-01"))):  # fmt: skip
        norm_settings.save_agreement(
            s,
            actor,
            norm_settings.AgreementInput(
                unit="C", counterparty=name, mode=mode, lines=[("矿泉水", 500)], ends_on=ends
            ),
        )
    need = water(readiness.plan(s, ["V1"], 10, 1, ON))
    assert need.short == 10
    assert [(c.supplier, c.contact, c.phone, c.mode, c.quantity) for c in need.covers] == [
        ("某超市", "王经理", "13800000000", ReserveMode.AGREEMENT, 500)
    ]
    viewer = Actor("look", Role.VIEWER)
    need = water(readiness.plan(s, ["V1"], 10, 1, ON, actor=viewer))
    assert [c.phone for c in need.covers] == ["138****0000"]


def test_team_leaders_phones_are_masked_for_a_keeper_or_viewer(
    s: Session, county: dict[str, OrgUnit]
) -> None:
    team = Team(code="A", name="A队", unit_id=county["village"].id, leader="张队长",
                phone="13812345678", team_type=TeamType.COMPREHENSIVE,
                nature=Nature.PART_TIME)  # fmt: skip
    s.add(team)
    s.flush()
    whole = readiness.plan(s, ["T1"], 10, 1, ON)
    assert [t.phone for t in whole.teams] == ["13812345678"]
    for role in (Role.VIEWER, Role.KEEPER):
        masked = readiness.plan(s, ["T1"], 10, 1, ON, actor=Actor("x", role))
        assert [(t.leader, t.phone) for t in masked.teams] == [("张队长", "138****5678")]


def test_teams_of_the_units_below_and_above_with_active_headcount(
    s: Session, county: dict[str, OrgUnit]
) -> None:
    teams = {}
    for code, home, kind in (("A", "village", TeamType.COMPREHENSIVE),
                             ("B", "county", TeamType.FLOOD),
                             ("X", "west", TeamType.FLOOD)):  # fmt: skip
        teams[code] = Team(code=code, name=f"{code}队", unit_id=county[home].id, team_type=kind,
                           nature=Nature.PART_TIME)  # fmt: skip
        s.add(teams[code])
    s.flush()
    s.add_all([
        Member(team_id=teams["A"].id, name="在队"),
        Member(team_id=teams["A"].id, name="已离队", left_on=D("2026-05-01")),
        Member(team_id=teams["B"].id, name="未入队", joined_on=D("2026-08-01")),
    ])  # fmt: skip
    pump = item(s, "水泵", "台")
    s.add(Equipment(serial="P9", item_id=pump.id, holder_team_id=teams["B"].id))
    s.flush()
    found = readiness.plan(s, ["T1"], 10, 1, ON)
    assert [(t.code, t.headcount, t.equipment) for t in found.teams] == [
        ("A", 1, ()),
        ("B", 0, (("水泵", 1, "台"),)),
    ]


def test_refusals_name_what_is_wrong(s: Session, county: dict[str, OrgUnit]) -> None:
    with pytest.raises(UnknownRecord, match="NOPE"):
        readiness.plan(s, ["NOPE"], 10, 1, ON)
    with pytest.raises(InvalidValue, match="安置人数"):
        readiness.plan(s, ["V1"], 0, 1, ON)


def test_presets_come_from_scaled_rules_and_incidents(
    s: Session, county: dict[str, OrgUnit]
) -> None:
    from tests.scenario import incident

    flood = incident(s, "甲镇洪涝")
    flood.unit_id, flood.started_on = county["east"].id, D("2026-07-03")
    s.flush()
    found = readiness.presets(s)
    assert any((p.people, p.days, p.rule_id) == (5000, 15, "W-M3") for p in found)
    (own,) = [p for p in found if p.incident_id == flood.id]
    assert (own.unit_codes, own.on, own.people) == (("T1",), D("2026-07-03"), None)


# --- the allocation alone, by hypothesis -----------------------------------------------------

quantities = st.integers(min_value=0, max_value=50).map(Decimal)
lots = st.lists(
    st.builds(
        Lot,
        st.sampled_from(["A", "B", "C", ""]),
        st.one_of(st.none(), st.dates(D("2026-01-01"), D("2027-12-31"))),
        quantities,
    ),
    max_size=4,
)
sources = st.lists(
    st.builds(
        lambda n, tier, held, low: Source(n, tier, (n,), tuple(held), low),
        st.integers(0, 10**6),
        st.integers(0, 4),
        lots,
        quantities,
    ),
    max_size=6,
    unique_by=lambda x: x.depot_id,
)


@settings(max_examples=300, deadline=None)
@hgiven(need=st.integers(min_value=0, max_value=400).map(Decimal), found=sources)
def test_draws_never_exceed_a_depot_and_sum_to_the_lesser_of_need_and_available(
    need: Decimal, found: list[Source]
) -> None:
    available, taken = allocate(need, found)
    by_depot: dict[object, Decimal] = defaultdict(Decimal)
    for draw in taken:
        assert draw.quantity > 0
        by_depot[draw.depot_id] += draw.quantity
    for source in found:
        held = sum((x.quantity for x in source.lots), Decimal(0))
        assert by_depot[source.depot_id] <= held - min(held, source.minimum)
    assert available == sum((x.offered for x in found), Decimal(0))
    assert sum(by_depot.values(), Decimal(0)) == min(need, available)
    tiers = [d.tier for d in taken]
    assert tiers == sorted(tiers)


# --- drafts of the confirmed plan ------------------------------------------------------------


def test_confirming_drafts_one_unposted_document_per_depot_and_a_keeper_posts_it(
    s: Session, actor: Actor, county: dict[str, OrgUnit]
) -> None:
    from ledger.models import Document
    from ledger.services.readiness import draft_documents as drafts
    from tests.scenario import incident, on_hand

    given(s, actor, "RK 2026-06-01 甲村库 矿泉水 10箱 批次A")
    given(s, actor, "RK 2026-06-01 县库 矿泉水 30箱 批次B")
    flood = incident(s, "甲村洪涝")
    documents = s.query(Document).count()
    found = readiness.plan(s, ["V1"], 25, 1, ON)
    made = drafts.draft_plan(s, actor, found, flood.id, dest_depot="甲村库")
    assert len(made) == 1  # the village's own depot needs no transfer
    (row,) = drafts.drafts(s, flood.id)
    assert (row.doc_type, row.depot, row.dest_depot, row.status_label) == (
        DocType.TRANSFER, "县库", "甲村库", "待登记"
    )  # fmt: skip
    assert row.lines == (("矿泉水", "B", 15, "箱"),)
    assert s.query(Document).count() == documents  # nothing posted
    assert on_hand(s, "县库", "矿泉水", "B") == 30
    posted = drafts.post_draft(s, actor, row.id)
    assert on_hand(s, "县库", "矿泉水", "B") == 15
    assert on_hand(s, "甲村库", "矿泉水", "B") == 15
    document = s.get_one(Document, posted.id)
    assert (document.incident_id, document.doc_type) == (flood.id, DocType.TRANSFER)
    (row,) = drafts.drafts(s, flood.id)
    assert (row.status_label, row.document_id) == ("已登记", posted.id)
    with pytest.raises(InvalidValue, match="已登记"):
        drafts.post_draft(s, actor, row.id)


def test_a_draft_is_posted_against_the_stock_as_it_then_stands(
    s: Session, actor: Actor, county: dict[str, OrgUnit]
) -> None:
    from ledger.core.errors import InsufficientStock
    from ledger.services.readiness import draft_documents as drafts
    from tests.scenario import incident

    given(s, actor, "RK 2026-06-01 县库 矿泉水 30箱 批次B")
    flood = incident(s, "甲村洪涝")
    (made,) = drafts.draft_plan(s, actor, readiness.plan(s, ["V1"], 20, 1, ON), flood.id)
    given(s, actor, "CK 2026-07-01 县库 矿泉水 25箱 批次B")  # issued meanwhile
    with pytest.raises(InsufficientStock):
        drafts.post_draft(s, actor, made)
    (row,) = drafts.drafts(s)
    assert (row.doc_type, row.status_label) == (DocType.ISSUE, "待登记")
    drafts.withdraw_draft(s, actor, made)
    assert drafts.drafts(s)[0].status_label == "已撤回"


DEPOTS = ("甲村库", "甲镇库", "县库", "乙镇库")
depot_lots = st.lists(
    st.tuples(st.integers(1, 40), st.one_of(st.none(), st.integers(-20, 60))), max_size=3
)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@hgiven(
    held=st.tuples(*(depot_lots for _ in DEPOTS)),
    lows=st.tuples(*(st.integers(0, 30) for _ in DEPOTS)),
    people=st.integers(0, 150),
)
def test_the_plan_never_draws_more_than_a_depot_offers_and_draws_min_of_need_and_available(
    s: Session,
    actor: Actor,
    county: dict[str, OrgUnit],
    held: tuple[list[tuple[int, int | None]], ...],
    lows: tuple[int, ...],
    people: int,
) -> None:
    savepoint = s.begin_nested()
    try:
        last = ON  # one day
        offered: dict[str, Decimal] = {}
        for name, lots, low in zip(DEPOTS, held, lows, strict=True):
            lines = [
                f"矿泉水 {q}箱 批次L{n}"
                + (f" 有效期{(ON + timedelta(days=d)).isoformat()}" if d is not None else "")
                for n, (q, d) in enumerate(lots)
            ]
            if lines:
                given(s, actor, f"RK 2026-06-01 {name} " + "；".join(lines))
            norm_settings.set_minimum(s, actor, name, "矿泉水", low)
            usable = sum(q for q, d in lots if d is None or ON + timedelta(days=d) >= last)
            offered[name] = Decimal(max(0, usable - low))
        need = water(readiness.plan(s, ["V1"], max(people, 1), 1, ON))
        drawn: dict[str, Decimal] = defaultdict(Decimal)
        for line in need.allocations:
            assert line.expiry is None or line.expiry >= last
            drawn[line.depot_code] += line.quantity
        assert all(drawn[name] <= offered[name] for name in DEPOTS)
        assert need.available == sum(offered.values())
        assert sum(drawn.values()) == min(need.needed, need.available)
        assert need.short == need.needed - min(need.needed, need.available)
    finally:
        savepoint.rollback()


def test_the_office_per_item_amount_gives_the_need_after_the_per_rule_amount(
    s: Session, actor: Actor, county: dict[str, OrgUnit]
) -> None:
    item(s, "棉被", "床", Category.LIVING)
    norm_settings.set_per_capita_norm(s, actor, "棉被", "1", None)  # 人均储备定额 sheet
    norm_settings.set_per_capita_norm(s, actor, "矿泉水", None, "3")  # the rule's 1 wins
    given(s, actor, "RK 2026-06-01 甲镇库 棉被 30床")
    found = readiness.plan(s, ["V1"], 40, 7, ON)
    (quilt,) = [n for n in found.needs if n.item_code == "棉被"]
    assert (quilt.needed, quilt.unit, quilt.per_day, quilt.available) == (40, "床", False, 30)
    assert draws(quilt) == [("甲镇库", "", 30)]
    assert quilt.short == 10
    assert water(found).needed == 40 * 7


def test_a_reference_tent_area_is_covered_by_tents_of_two_sizes_in_square_metres(
    s: Session, actor: Actor, county: dict[str, OrgUnit]
) -> None:
    item(s, "小帐篷", "顶", Category.LIVING, spec="12m²")
    item(s, "大帐篷", "顶", Category.LIVING, spec="36平方米")
    given(s, actor, "RK 2026-06-01 甲村库 小帐篷 10顶")
    given(s, actor, "RK 2026-06-01 甲镇库 大帐篷 5顶")
    given(s, actor, "RK 2026-06-01 县库 大帐篷 10顶")
    found = readiness.plan(s, ["V1"], 100, 7, ON)
    (tents,) = [n for n in found.needs if n.unit == "平方米"]
    # 100 people × 3.5 m² once = 350 m²: 10×12 + 5×36 = 300 m², then 50 m² = 2 tents of 36 m²
    assert (tents.needed, tents.per_day, tents.available) == (350, False, 120 + 180 + 360)
    assert tents.short == 0
    assert [(a.depot_code, a.item_name, a.quantity, a.item_unit) for a in tents.allocations] == [
        ("甲村库", "小帐篷", 10, "顶"),
        ("甲镇库", "大帐篷", 5, "顶"),
        ("县库", "大帐篷", 2, "顶"),
    ]
    assert "帐篷" in tents.item_name
    text = render_text(found)
    assert "需要 350平方米，可用 660平方米" in text.replace(" 平方米", "平方米")
    assert "大帐篷 2顶" in text.replace(" 顶", "顶")
