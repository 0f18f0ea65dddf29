"""Rule kinds about reserves: reserve (fixed or scaled, agreements counted), office_minimum."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from ledger.core.enums import Category, Level, ReserveMode
from ledger.norms import facts as f
from ledger.norms.per_capita import ReferenceAmount
from tests.norms.builders import ON, PROFILE_ID, World, rows, rule, run

YESTERDAY, TOMORROW = ON - timedelta(days=1), ON + timedelta(days=1)
SANDBAGS = rule("reserve", levels=["县"], items=["编织袋"], quantity=1000)
LIVING = rule("reserve", levels=["县"], category="生活保障", people=5000, days=15)


def county_with_sandbags() -> World:
    """A county depot with good, expired and nearly expired sandbags."""
    w = World()
    county = w.unit("C1", Level.COUNTY)
    w.unit("T1", parent=county)
    w.item("编织袋", unit="条", category=Category.FLOOD)
    w.depot(county, "县库")
    w.depot("T1", "镇库")
    w.lot("县库", "编织袋", 600, lot="L1")
    w.lot("县库", "编织袋", 200, lot="L0", expiry=YESTERDAY)
    w.lot("县库", "编织袋", 100, lot="L2", expiry=TOMORROW)
    w.lot("镇库", "编织袋", 5000, lot="L3")
    return w


def test_only_unexpired_stock_of_the_unit_itself_counts() -> None:
    found = run(county_with_sandbags(), SANDBAGS)
    assert rows(found) == [("C1", "规则1", 1000, 700, 300, "short")]
    assert found[0].measure == "条"
    assert found[0].detail == "实物700"


def test_a_reserve_of_the_whole_subtree() -> None:
    subtree = rule("reserve", levels=["县"], items=["编织袋"], quantity=1000, scope="subtree")
    assert rows(run(county_with_sandbags(), subtree)) == []


def test_agreement_reserves_count_as_far_as_the_rule_says() -> None:
    w = county_with_sandbags()
    w.agreement("C1", "编织袋", 500, starts_on=YESTERDAY, ends_on=ON)
    w.agreement("C1", "编织袋", 9000, ends_on=YESTERDAY)  # expired: counts for nothing
    w.agreement("C1", "编织袋", 9000, starts_on=TOMORROW)  # not yet in force
    w.agreement("C1", "编织袋", 9000, ReserveMode.CAPACITY)  # capacity weight 0 by default
    half = rule("reserve", items=["编织袋"], quantity=1000, agreement=0.5, levels=["县"])
    found = run(w, half)
    assert rows(found) == [("C1", "规则1", 1000, 950, 50, "short")]
    assert found[0].detail == "实物700，协议/产能储备计入250"
    capped = rule("reserve", items=["编织袋"], quantity=1000, agreement=1, agreement_cap=0.2,
                  levels=["县"])  # fmt: skip
    assert rows(run(w, capped)) == [("C1", "规则1", 1000, 900, 100, "short")]
    full = rule("reserve", items=["编织袋"], quantity=1000, agreement=1, levels=["县"])
    assert rows(run(w, full)) == []


def test_capacity_reserves_count_with_their_own_weight() -> None:
    w = county_with_sandbags()
    w.agreement("C1", "编织袋", 1000, ReserveMode.CAPACITY)
    check = rule("reserve", items=["编织袋"], quantity=1000, capacity=0.3, levels=["县"])
    assert rows(run(w, check)) == []
    check = rule("reserve", items=["编织袋"], quantity=1100, capacity=0.3, levels=["县"])
    assert rows(run(w, check)) == [("C1", "规则1", 1100, 1000, 100, "short")]


def test_a_fixed_reserve_of_a_category() -> None:
    w = county_with_sandbags()
    w.item("土工布", unit="条", category=Category.FLOOD)
    w.lot("县库", "土工布", 250)
    check = rule("reserve", category="防汛抗旱", quantity=1000, levels=["县"])
    assert rows(run(w, check)) == [("C1", "规则1", 1000, 950, 50, "short")]
    w.lot("县库", "土工布", 50, lot="L9")
    assert rows(run(w, check)) == []


def test_a_scaled_reserve_without_per_person_amounts_is_unconfigured() -> None:
    w = county_with_sandbags()
    found = run(w, LIVING)
    assert rows(found) == [("C1", "规则1", None, None, None, "unconfigured")]
    assert found[0].detail == (
        "按5000人×15天规模储备，尚未设定各物资的人均储备定额（参考表也没有可用的人均数量）"
    )
    w.amount("C1", PROFILE_ID, "R1", "编织袋", "1")  # not a living-needs item
    w.amount("C1", "another-profile", "R1", "编织袋", "1")
    assert rows(run(w, LIVING)) == [("C1", "规则1", None, None, None, "unconfigured")]


def test_a_scaled_reserve_with_amounts_set_by_the_office_above() -> None:
    w = World()
    w.unit("P1", Level.PROVINCE)
    county = w.unit("C1", Level.COUNTY, parent="P1")
    w.depot(county, "县库")
    w.item("矿泉水", unit="瓶", category=Category.LIVING)
    w.item("帐篷", unit="顶", category=Category.LIVING)
    w.lot("县库", "矿泉水", 100_000)
    w.lot("县库", "帐篷", 1250)
    w.amount("P1", PROFILE_ID, "R1", "矿泉水", "2")
    w.amount("P1", PROFILE_ID, "R1", "帐篷", "0.25", per_day=False)
    found = run(w, LIVING)
    assert rows(found) == [("C1", "矿泉水", 150_000, 100_000, 50_000, "short")]
    assert found[0].detail == "按5000人×15天规模，实物100000"
    w.amount("C1", PROFILE_ID, "R1", "帐篷", "1", per_day=False)  # the county's own replace them
    assert rows(run(w, LIVING)) == [("C1", "帐篷", 5000, 1250, 3750, "short")]


def test_office_minimums_per_depot_and_item() -> None:
    w = county_with_sandbags()
    w.item("救生衣", unit="件")
    w.minimum("县库", "编织袋", 800)
    w.minimum("县库", "救生衣", 10)
    w.minimum("镇库", "编织袋", 100)
    check = rule("office_minimum")
    assert rows(run(w, check)) == [
        ("C1", "县库·编织袋", 800, 700, 100, "short"),
        ("C1", "县库·救生衣", 10, 0, 10, "missing"),
    ]


TENTS = ReferenceAmount(
    "帐篷（居住面积）", ("帐篷",), frozenset({Category.LIVING}), "平方米", False,
    Decimal("3.5"), "area", basis="Sphere 住所与安置标准3",
)  # fmt: skip
WATER = ReferenceAmount(
    "饮用水", ("矿泉水",), frozenset({Category.LIVING}), "升", True, Decimal("2.5"), "volume",
    basis="Sphere 供水标准",
)  # fmt: skip
QUILTS = ReferenceAmount("被褥", ("棉被",), frozenset({Category.LIVING}), "床", False)


def test_a_scaled_reserve_falls_back_on_the_reference_counted_in_its_measure() -> None:
    w = World(reference=(TENTS, WATER, QUILTS))
    county = w.unit("C1", Level.COUNTY)
    w.depot(county, "县库")
    w.item("救灾帐篷", unit="顶", category=Category.LIVING, spec="12m² 单帐篷")
    w.item("大型帐篷", unit="顶", category=Category.LIVING, spec="36平方米 框架式")
    w.item("旧帐篷", unit="顶", category=Category.LIVING, spec="规格不详")
    w.item("矿泉水", unit="箱", category=Category.LIVING, spec="550ml×24瓶")
    w.item("棉被", unit="床", category=Category.LIVING)
    w.item("帐篷布", unit="块", category=Category.FLOOD, spec="6m²")  # not a living item
    for name, quantity in (("救灾帐篷", 100), ("大型帐篷", 10), ("矿泉水", 1000), ("帐篷布", 9)):
        w.lot("县库", name, quantity)
    found = run(w, LIVING)
    assert rows(found) == [
        ("C1", "帐篷（居住面积）", 17500, 1560, 15940, "short"),
        ("C1", "饮用水", 187500, 13200, 174300, "short"),
    ]
    assert "计入：救灾帐篷、大型帐篷；规格型号无法折算、未计入：旧帐篷；" in found[0].detail
    assert found[0].detail.endswith("依据：Sphere 住所与安置标准3")
    assert found[1].measure == "升"
    # The office's own amounts for the rule replace the reference.
    w.amount("C1", PROFILE_ID, "R1", "棉被", "1", per_day=False)
    assert rows(run(w, LIVING)) == [("C1", "棉被", 5000, 0, 5000, "missing")]


def test_the_offices_amount_per_item_takes_the_item_out_of_the_reference() -> None:
    w = World(reference=(TENTS, WATER))
    county = w.unit("C1", Level.COUNTY)
    w.depot(county, "县库")
    w.item("救灾帐篷", unit="顶", category=Category.LIVING, spec="12m²")
    w.item("矿泉水", unit="箱", category=Category.LIVING, spec="550ml×24瓶")
    w.item("棉被", unit="床", category=Category.LIVING)
    w.lot("县库", "矿泉水", 1000)
    w.lot("县库", "棉被", 4000)
    w.norms.append(f.OfficeNormFact("矿泉水", None, Decimal("0.2"), "本县测算"))
    w.norms.append(f.OfficeNormFact("棉被", Decimal(1), None, ""))
    found = run(w, LIVING)
    assert rows(found) == [
        ("C1", "矿泉水", 15000, 1000, 14000, "short"),
        ("C1", "棉被", 5000, 4000, 1000, "short"),
        ("C1", "帐篷（居住面积）", 17500, 0, 17500, "missing"),
    ]
    assert found[0].detail.startswith("按5000人×15天规模，本单位定额每人每天0.2箱；")
    assert found[0].detail.endswith("依据：本县测算")
    assert found[1].detail.endswith("依据：本单位设定")
