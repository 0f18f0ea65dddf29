"""应急推演 by distance: other towns' depots nearest first where the office recorded coordinates."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import given as hgiven
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from ledger.commands.readiness import need_json, render_text
from ledger.core.actor import Actor
from ledger.core.enums import Category, Level
from ledger.models import Depot, OrgUnit
from ledger.models.engine import Database
from ledger.models.norms import PerCapitaAmount
from ledger.services import readiness
from tests.scenario import depot, given, item

ON = date(2026, 7, 1)
D = Decimal


@pytest.fixture
def s(db: Database, actor: Actor) -> Iterator[Session]:
    with db.transaction(actor) as session:
        yield session


@pytest.fixture
def county(s: Session) -> dict[str, OrgUnit]:
    """A county, four towns (T1 with the village V1), a depot at each; water per person a day.

    Places (latitude, longitude): V1 at 30.0, 120.0; 乙镇库 (T2) 0.3° east of it, 28.9 km;
    丙镇库 (T3) 0.1° north, 11.1 km; 丁镇库 (T4) has no coordinates; 县库 0.5° north, 55.6 km.
    """
    top = OrgUnit(code="C", name="某县", level=Level.COUNTY)
    towns = [OrgUnit(code=f"T{n}", name=f"{c}镇", level=Level.TOWN, parent=top)
             for n, c in enumerate("甲乙丙丁", start=1)]  # fmt: skip
    village = OrgUnit(code="V1", name="甲村", level=Level.VILLAGE, parent=towns[0],
                      latitude=D("30"), longitude=D("120"))  # fmt: skip
    s.add_all([top, *towns, village])
    s.flush()
    depot(s, "县库", home=top, latitude=D("30.5"), longitude=D("120"))
    depot(s, "乙镇库", home=towns[1], latitude=D("30"), longitude=D("120.3"))
    depot(s, "丙镇库", home=towns[2], latitude=D("30.1"), longitude=D("120"))
    depot(s, "丁镇库", home=towns[3])
    item(s, "矿泉水", "箱", Category.LIVING)
    s.add(PerCapitaAmount(unit_id=top.id, profile_id="wenshang-2022-57", rule_id="W-M3",
                          item_id=item(s, "矿泉水").id, amount=D(1), per_day=True))  # fmt: skip
    s.flush()
    return {"county": top, "village": village, **{t.code: t for t in towns}}


def stock(s: Session, actor: Actor, *depots: str, each: int = 10) -> None:
    for name in depots:
        given(s, actor, f"RK 2026-06-01 {name} 矿泉水 {each}箱 批次{name}")


def lines(s: Session, people: int, units: tuple[str, ...] = ("V1",)) -> list[tuple[str, str]]:
    (need,) = readiness.plan(s, list(units), people, 1, ON).needs
    return [(a.depot_code, a.distance_text) for a in need.allocations]


def test_the_nearer_other_town_is_drawn_before_the_one_first_in_the_tree(
    s: Session, actor: Actor, county: dict[str, OrgUnit]
) -> None:
    stock(s, actor, "乙镇库", "丙镇库")
    # 丙镇库: 0.1° of latitude = 6371.0088 km × π/180 × 0.1 = 11.12 km;
    # 乙镇库: 0.3° of longitude at 30° ≈ 6371.0088 × π/180 × 0.3 × cos 30° = 28.89 km.
    assert lines(s, 15) == [("丙镇库", "约 11.1 公里"), ("乙镇库", "约 28.9 公里")]
    (need,) = readiness.plan(s, ["V1"], 15, 1, ON).needs
    assert [(a.tier_label, a.quantity, a.distance_km) for a in need.allocations] == [
        ("邻近乡镇", 10, D("11.1")),
        ("邻近乡镇", 5, D("28.9")),
    ]


def test_without_coordinates_the_other_towns_go_by_the_tree(
    s: Session, actor: Actor, county: dict[str, OrgUnit]
) -> None:
    stock(s, actor, "乙镇库", "丙镇库")
    county["village"].latitude = county["village"].longitude = None
    s.flush()
    assert lines(s, 15) == [("乙镇库", ""), ("丙镇库", "")]


def test_depots_without_coordinates_come_after_those_with_and_the_tiers_stay(
    s: Session, actor: Actor, county: dict[str, OrgUnit]
) -> None:
    stock(s, actor, "县库", "乙镇库", "丙镇库", "丁镇库")
    town_depot = depot(s, "甲镇库", home=county["T1"])  # no coordinates, but the town's own
    stock(s, actor, town_depot.code)
    assert lines(s, 50) == [
        ("甲镇库", ""),  # 本乡镇, though its place is unknown
        ("县库", "约 55.6 公里"),  # 县级, though farther than two other towns' depots
        ("丙镇库", "约 11.1 公里"),
        ("乙镇库", "约 28.9 公里"),
        ("丁镇库", ""),  # no coordinates: after those with them
    ]


def test_a_unit_without_coordinates_is_placed_at_its_town_and_several_at_their_middle(
    s: Session, actor: Actor, county: dict[str, OrgUnit]
) -> None:
    stock(s, actor, "乙镇库", "丙镇库")
    village2 = OrgUnit(code="V2", name="甲二村", level=Level.VILLAGE, parent=county["T1"])
    s.add(village2)
    county["T1"].latitude, county["T1"].longitude = D("30"), D("120.3")  # at 乙镇库
    s.flush()
    # V2 is placed at its town, where 乙镇库 is; 丙镇库: √(11.1² + 28.9²) ≈ 30.9 km
    assert lines(s, 15, ("V2",)) == [("乙镇库", "约 0.0 公里"), ("丙镇库", "约 30.9 公里")]
    assert lines(s, 15) == [("丙镇库", "约 11.1 公里"), ("乙镇库", "约 28.9 公里")]
    # V1 (30.0, 120.0) and V2 (30.0, 120.3): the middle, 120.15, is 0.15° (14.4 km) from 乙镇库
    (need,) = readiness.plan(s, ["V1", "V2"], 15, 1, ON).needs
    first = need.allocations[0]
    assert (first.depot_code, first.distance_km) == ("乙镇库", D("14.4"))


def test_the_distance_is_in_the_text_and_json_output(
    s: Session, actor: Actor, county: dict[str, OrgUnit]
) -> None:
    stock(s, actor, "丙镇库", "丁镇库")
    found = readiness.plan(s, ["V1"], 15, 1, ON)
    assert "丙镇库 批次 丙镇库：10箱（约 11.1 公里）" in render_text(found)
    first, second = need_json(found.needs[0])["allocations"]
    assert (first["distance_km"], second["distance_km"]) == (11.1, None)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@hgiven(
    places=st.lists(
        st.one_of(st.none(), st.tuples(st.integers(-500, 500), st.integers(-500, 500))),
        min_size=4,
        max_size=4,
    ),
    held=st.lists(st.integers(0, 30), min_size=4, max_size=4),
    people=st.integers(1, 150),
)
def test_by_distance_draws_never_exceed_a_depot_and_sum_to_min_of_need_and_available(
    s: Session,
    actor: Actor,
    county: dict[str, OrgUnit],
    places: list[tuple[int, int] | None],
    held: list[int],
    people: int,
) -> None:
    savepoint = s.begin_nested()
    try:
        names = ("县库", "乙镇库", "丙镇库", "丁镇库")
        for name, place, quantity in zip(names, places, held, strict=True):
            found = depot(s, name)
            found.latitude = None if place is None else D(30) + D(place[0]) / 1000
            found.longitude = None if place is None else D(120) + D(place[1]) / 1000
            if quantity:
                stock(s, actor, name, each=quantity)
        s.flush()
        (need,) = readiness.plan(s, ["V1"], people, 1, ON).needs
        drawn: dict[str, Decimal] = defaultdict(Decimal)
        for line in need.allocations:
            drawn[line.depot_code] += line.quantity
        assert all(drawn[n] <= q for n, q in zip(names, held, strict=True))
        assert need.available == sum(held)
        assert sum(drawn.values()) == min(need.needed, need.available)
        others = [a for a in need.allocations if a.tier == 3]
        known = [a.distance_km for a in others if a.distance_km is not None]
        assert known == sorted(known)
        # those without a distance come after those with one
        assert [a.distance_km is None for a in others] == sorted(
            a.distance_km is None for a in others
        )
        for a in need.allocations:
            place = places[names.index(a.depot_code)]
            assert (a.distance_km is None) == (place is None)
    finally:
        savepoint.rollback()


def test_the_depot_coordinates_are_read_back_exactly(
    s: Session, county: dict[str, OrgUnit]
) -> None:
    found = s.get(Depot, depot(s, "乙镇库").id)
    assert found is not None
    found.latitude, found.longitude = D("30.123456"), D("-120.654321")
    s.flush()
    s.expire_all()
    again = s.get(Depot, found.id)
    assert again is not None and (again.latitude, again.longitude) == (
        D("30.123456"),
        D("-120.654321"),
    )
