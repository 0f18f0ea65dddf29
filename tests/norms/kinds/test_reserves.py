"""Rule kinds about reserves: reserve (fixed or scaled, agreements counted), office_minimum."""

from __future__ import annotations

from datetime import timedelta

from ledger.core.enums import Category, Level, ReserveMode
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
    assert found[0].detail == "按5000人×15天规模储备，尚未设定各物资的人均储备定额"
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
