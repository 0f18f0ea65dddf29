"""Evaluation: which units a profile checks, rules not yet in force, and what a finding carries."""

from __future__ import annotations

from datetime import date

from ledger.core.enums import Level
from ledger.norms.evaluate import evaluate
from ledger.norms.facts import Facts, UnitFact
from ledger.norms.model import Citation, Severity
from ledger.norms.schema import parse_profile
from tests.norms.builders import ON, World, profile, rows, rule, run

DEPOT = rule("depot_exists", levels=["乡镇"])


def county(w: World) -> None:
    """A county bound to the test profile, one town inheriting it, one bound elsewhere."""
    w.unit("C1", Level.COUNTY, profile="test-profile")
    w.unit("T1", parent="C1")
    w.unit("T2", parent="C1", profile="other")
    w.unit("V1", Level.VILLAGE, parent="T2")
    w.unit("T3", parent="V1")  # below a unit bound elsewhere: inherits "other"


def test_a_profile_checks_the_units_bound_to_it_own_or_inherited() -> None:
    w = World()
    county(w)
    found = evaluate(profile(DEPOT), w.facts(), ON)
    assert rows(found) == [("T1", "规则1", 1, 0, 1, "missing")]


def test_a_unit_bound_to_another_profile_is_checked_by_that_one() -> None:
    w = World()
    county(w)
    other = profile(DEPOT, pid="other")
    assert [x.unit_code for x in evaluate(other, w.facts(), ON)] == ["T2", "T3"]


def test_named_units_are_checked_whatever_they_are_bound_to() -> None:
    w = World()
    county(w)
    found = evaluate(profile(DEPOT), w.facts(), ON, units=["T3", "T2", "nowhere"])
    assert [x.unit_code for x in found] == ["T3", "T2"]


def test_a_rule_not_yet_in_force_is_upcoming_with_its_numbers() -> None:
    w = World()
    county(w)
    later = rule("depot_exists", levels=["乡镇"], effective=date(2025, 12, 31), range_text="1个")
    before = evaluate(profile(later), w.facts(), date(2025, 12, 30))
    assert rows(before) == [("T1", "规则1", 1, 0, 1, "upcoming")]
    on_the_day = evaluate(profile(later), w.facts(), date(2025, 12, 31))
    assert [x.severity for x in on_the_day] == [Severity.MISSING]


def test_a_finding_carries_its_rule_profile_and_citation() -> None:
    w = World()
    county(w)
    cite = {"section": "五、（三）", "quote": "建设储备库", "source": "001:194"}
    table = rule("depot_exists", levels=["乡镇"], range_text="1—2个", citation=cite)
    (found,) = evaluate(profile(table), w.facts(), ON)
    assert (found.unit_id, found.unit_name, found.profile, found.rule_id) == (
        "T1",
        "T1",
        "test-profile",
        "R1",
    )
    assert (found.kind, found.title, found.range_text) == ("depot_exists", "规则1", "1—2个")
    assert found.citation == Citation("五、（三）", "建设储备库", "001:194")
    assert str(found.citation) == "五、（三）「建设储备库」"
    assert found.effective == date(2022, 1, 1)
    assert found.red and not found.amber


def test_findings_follow_the_units_then_the_rules() -> None:
    w = World()
    county(w)
    two = profile(rule("depot_exists", levels=["乡镇"]), rule("drills", levels=["乡镇", "县"]))
    found = evaluate(two, w.facts(), ON, units=["C1", "T1"])
    assert [(x.unit_code, x.rule_id) for x in found] == [("C1", "R2"), ("T1", "R1"), ("T1", "R2")]


def test_findings_of_a_draft_plan_say_so_and_cite_words_not_seed_lines() -> None:
    w = World()
    w.unit("T1")
    issued = evaluate(profile(DEPOT), w.facts(), ON, units=["T1"])[0]
    assert issued.draft is False
    assert issued.source_text == "测试规划 一、"
    data = {
        "profile": {"id": "draft", "name": "某市规划（征求意见稿）", "effective": date(2022, 1, 1)},
        "rule": [{"id": "D1", "title": "仓库", "kind": "depot_exists",
                  "citation": {"section": "五、（六）", "quote": "原文", "source": "000:173"}}],
    }  # fmt: skip
    draft = evaluate(parse_profile(data, name="d.toml"), w.facts(), ON, units=["T1"])[0]
    assert draft.draft is True
    assert draft.source_text == "（征求意见稿）某市规划 五、（六）"
    assert "000:173" not in draft.source_text


def test_a_province_and_city_kept_only_as_parents_are_not_the_ledgers_own_units() -> None:
    w = World()
    w.unit("P", Level.PROVINCE, profile="test-profile")
    w.unit("S", Level.CITY, "P")
    w.unit("C", Level.COUNTY, "S")
    w.unit("T1", parent="C")
    assert w.facts().parents_only == {"P", "S"}
    anywhere = profile(rule("depot_exists"))  # every level: the province and city too
    assert {x.unit_code for x in evaluate(anywhere, w.facts(), ON)} == {"C", "T1"}
    w.depot("S", "市库")  # a city that holds records of its own is the ledger's too
    assert w.facts().parents_only == {"P"}
    w.unit("C2", Level.COUNTY, "P")  # a province with two children is the top unit
    assert w.facts().parents_only == frozenset()


def test_a_lone_county_with_one_town_is_its_own_top_unit() -> None:
    w = World()
    w.unit("C", Level.COUNTY)
    w.unit("T1", parent="C")
    assert w.facts().parents_only == frozenset()


def test_communities_false_leaves_urban_communities_out_of_a_village_rule() -> None:
    w = World()
    w.unit("T1")
    w.unit("东关社区", Level.VILLAGE, "T1")
    w.unit("李庄村", Level.VILLAGE, "T1")
    every = rule("depot_exists", levels=["村"])
    villages_only = rule("depot_exists", levels=["村"], communities=False)
    assert [r[0] for r in rows(run(w, every))] == ["东关社区", "李庄村"]
    assert [r[0] for r in rows(run(w, villages_only))] == ["李庄村"]


def test_a_unit_s_profile_is_its_own_or_its_nearest_ancestor_s_asked_in_any_order() -> None:
    def unit(code: str, parent: str | None, profile: str | None = None) -> UnitFact:
        return UnitFact(code, code, code, Level.TOWN, parent_id=parent, profile_id=profile)

    units = (
        unit("C", None, "city"),
        unit("K1", "C"),
        unit("T1", "K1", "town"),
        unit("V1", "T1"),
        unit("V2", "K1"),
        unit("X", "Y"),  # a loop with no profile
        unit("Y", "X"),
        unit("P", "Q"),  # a loop where one unit is bound
        unit("Q", "P", "loop"),
    )
    expected = {"C": "city", "K1": "city", "T1": "town", "V1": "town", "V2": "city",
                "X": None, "Y": None, "P": "loop", "Q": "loop", "absent": None}  # fmt: skip
    for order in (list(expected), list(reversed(expected)), ["V1", "V2", "Y", "P", *expected]):
        facts = Facts(units=units)
        assert {code: facts.profile_of(code) for code in order} == expected, order
