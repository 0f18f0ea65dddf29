"""Every shipped profile loads, and each of its rules reports a bare unit and passes a kitted one.

For each rule a unit is made that the rule applies to (its level and flags). With nothing
recorded the rule must report it (missing, or unconfigured / overdue where that is the point);
then data made from the rule's own parameters (a team of the asked size, the listed equipment,
a depot of the asked area …) must satisfy it.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from ledger.core.enums import Category, Level, Nature, PostKind, TeamType
from ledger.norms.evaluate import evaluate
from ledger.norms.facts import LotFact
from ledger.norms.model import Finding, Profile, Rule, Severity
from ledger.norms.schema import load_profile
from ledger.paths import resource
from tests.norms.builders import World

SHIPPED = sorted(resource("norms").glob("*.toml"))
PROFILES = {path.stem: load_profile(path) for path in SHIPPED}
RULES = [(p, r) for p in PROFILES.values() for r in p.rules]
BARE_SEVERITY = {
    "reserve": None,  # fixed: missing; scaled: unconfigured
    "expired_stock": Severity.OVERDUE,
    "maintenance": Severity.OVERDUE,
    "certificates": Severity.OVERDUE,
}
PLANS = {"henan-2021-66", "xingyang-draft", "wenshang-2022-57", "zhangye-2022-100", "hequ-2023-25"}


def test_the_five_plans_are_shipped_under_their_file_names() -> None:
    assert set(PROFILES) == PLANS
    for stem, loaded in PROFILES.items():
        assert loaded.id == stem
        assert all(r.citation.section and r.citation.quote for r in loaded.rules)
    numbers = {p.number for p in PROFILES.values()}
    assert numbers == {"豫政〔2021〕66号", "", "汶政字〔2022〕57号", "张政办发〔2022〕100号",
                       "河政发〔2023〕25号"}  # fmt: skip


def _day(rule: Rule) -> date:
    return max(rule.effective, date(2026, 6, 1))


def _unit(w: World, rule: Rule) -> str:
    level = min(rule.levels, key=lambda lv: lv.rank) if rule.levels else Level.TOWN
    duty = sorted(getattr(rule.params, "duty_flags", ()))[:1]
    flags = tuple(sorted(rule.flags_all | set(sorted(rule.flags_any)[:1]) | set(duty)))
    w.unit("P", Level.PROVINCE)
    unit = w.unit("U", level, "P", flags=flags, population=50_000)
    assert rule.applies_to(level, frozenset(flags))
    return unit


def _team(w: World, unit: str, prm: object, size: int = 1, **kw: object) -> str:
    types = getattr(prm, "team_types", frozenset()) or {TeamType.COMPREHENSIVE}
    natures = getattr(prm, "natures", frozenset()) or {Nature.PART_TIME}
    words = getattr(prm, "name_contains", ())
    member_natures = getattr(prm, "member_natures", frozenset()) or natures
    team_type = kw.get("team_type") or sorted(types)[0]
    team = w.team(unit, team_type, sorted(natures)[0], name=f"{words[0] if words else ''}队")  # type: ignore[arg-type]
    w.members(team, size, nature=sorted(member_natures)[0])
    return team


def _bare(w: World, rule: Rule, unit: str, day: date) -> None:
    """What a bare unit needs so that hygiene and per-person rules have something to judge."""
    prm = rule.params
    if rule.kind == "coverage":
        flags = tuple(sorted(prm.child_flags_any)[:1])
        w.unit("child", sorted(prm.child_levels, key=lambda lv: lv.rank)[-1], unit, flags=flags)
    elif rule.kind == "depot_area" and not prm.require_exists:
        w.depot(unit, (prm.match or ("仓库",))[0], area=0)
    elif rule.kind == "post_training":
        for kind in prm.posts:
            w.post(unit, kind, f"{kind.label}甲", since=day - timedelta(days=800))
    elif rule.kind == "training" and prm.min_days is not None:
        for kind in prm.post_kinds or {PostKind.EMERGENCY_OFFICER}:
            w.post(unit, kind, f"{kind.label}甲")
        w.members(w.team(unit, next(iter(prm.team_types), TeamType.COMPREHENSIVE)), 1)
    elif rule.kind in ("expired_stock", "office_minimum"):
        w.depot(unit, "仓库")
        w.item("方便面")
        w.lot("仓库", "方便面", 5, lot="old", expiry=day - timedelta(days=1))
        w.minimum("仓库", "方便面", 10)
    elif rule.kind == "maintenance":
        w.item("发电机")
        w.equip("发电机", holder_unit_id=unit, next_due_on=day - timedelta(days=1))
    elif rule.kind == "certificates":
        member = w.member(w.team(unit), "张三", id_number="X1")
        w.certificate(member, "救护员证", day - timedelta(days=1))


def _kit(w: World, profile: Profile, rule: Rule, unit: str, day: date) -> None:
    """Data that satisfies the rule, made from its own parameters."""
    prm = rule.params
    kind = rule.kind
    if kind == "team_exists":
        types = sorted(prm.team_types) if prm.each_type else [None]
        for team_type in types:
            for _ in range(prm.min_teams):
                _team(w, unit, prm, team_type=team_type)
        for word in prm.each_name:
            w.members(w.team(unit, TeamType.OTHER, Nature.FULL_TIME, name=f"{word}抢险队"), 1)
    elif kind == "team_headcount":
        _team(w, unit, prm, prm.min_members)
    elif kind == "ratio":
        _team(w, unit, prm, math.ceil(Decimal(50_000) * prm.per_mille / 1000))
    elif kind == "coverage":
        _team(w, "child", prm)
    elif kind == "posts":
        for post in prm.posts:
            for n in range(prm.min_each):
                w.post(unit, post, f"{post.label}{n}")
    elif kind == "equipment_set":
        for entry in prm.items:
            w.item(entry.accepted[0], category=entry.category or Category.OTHER)
            for _ in range(entry.min):
                w.equip(entry.accepted[0], holder_unit_id=unit)
    elif kind in ("depot_exists", "depot_area"):
        for n in range(getattr(prm, "min_count", 1)):
            w.depot(unit, f"{(prm.match or ('仓库',))[0]}{n}", area=getattr(prm, "min_area", None))
        w.depots = [d for d in w.depots if d.area_m2 != 0]
    elif kind == "reserve":
        _reserve(w, profile, rule, unit)
    elif kind == "drills":
        for n in range(prm.min_count):
            w.drill(unit, day - timedelta(days=n), comprehensive=True)
    elif kind == "training":
        _training(w, rule, unit, day)
    elif kind == "post_training":
        for post in w.posts:
            w.training(unit, post.name, post.since, str(prm.induction_days or 0))
            w.training(unit, post.name, day, str(prm.yearly_days or 0))
    elif kind == "composite":
        _composite(w, rule, unit, day)
    elif kind in ("expired_stock", "office_minimum"):
        w.lots = [replace_expiry(lot) for lot in w.lots]
    elif kind == "maintenance":
        w.equipment.clear()
    elif kind == "certificates":
        w.certificates.clear()


def replace_expiry(lot: LotFact) -> LotFact:
    """The lot, good for years and with enough of it."""
    return lot._replace(expiry=date(2099, 1, 1), quantity=Decimal(10))


def _reserve(w: World, profile: Profile, rule: Rule, unit: str) -> None:
    prm = rule.params
    name = prm.items[0] if prm.items else "储备物资"
    w.item(name, category=prm.category or Category.OTHER)
    w.depot(unit, "储备库")
    need = prm.quantity
    if need is None:
        w.amount(unit, profile.id, rule.id, name, "1")
        need = Decimal(prm.people * prm.days)
    w.lot("储备库", name, str(need))


def _training(w: World, rule: Rule, unit: str, day: date) -> None:
    prm = rule.params
    for n in range(prm.min_sessions or 0):
        w.training(unit, "集中培训", day - timedelta(days=n), 1, subject=f"第{n}期")
    if prm.min_days is not None:
        for post in w.posts:
            w.training(unit, post.name, day, str(prm.min_days))
        for member in w.members_:
            w.training(unit, member.name, day, str(prm.min_days), member_id=member.id)


def _composite(w: World, rule: Rule, unit: str, day: date) -> None:
    for attr in rule.params.attributes:
        if attr.check == "confirm":
            w.confirm(unit, attr.key, day)
        elif attr.check == "team":
            _team(w, unit, attr)
        elif attr.check == "post":
            for kind in attr.post_kinds or {PostKind.EMERGENCY_OFFICER}:
                w.post(unit, kind, f"{kind.label}乙")
        elif attr.check == "depot":
            w.depot(unit, f"{(attr.match or ('仓库',))[0]}")
        elif attr.check == "holdings":
            w.item("铁锹")
            w.equip("铁锹", holder_unit_id=unit)
        elif attr.check == "drill":
            w.drill(unit, day)
        else:
            w.training(unit, "张三", day, 1)


@pytest.mark.parametrize(("profile", "rule"), RULES, ids=[f"{p.id}:{r.id}" for p, r in RULES])
def test_each_shipped_rule_reports_a_bare_unit_and_passes_a_kitted_one(
    profile: Profile, rule: Rule
) -> None:
    w = World()
    unit = _unit(w, rule)
    day = _day(rule)
    _bare(w, rule, unit, day)
    found = [x for x in evaluate(profile, w.facts(), day, units=[unit]) if x.rule_id == rule.id]
    assert found, f"{rule.id} did not report a bare unit"
    expected = BARE_SEVERITY.get(rule.kind, Severity.MISSING)
    if rule.kind == "reserve":
        expected = Severity.MISSING if rule.params.quantity is not None else Severity.UNCONFIGURED
    if getattr(rule.params, "advisory", False):
        expected = Severity.UNCONFIRMED
    elif rule.kind == "composite" and all(a.check == "confirm" for a in rule.params.attributes):
        expected = Severity.UNCONFIRMED  # nothing the ledger can count: it waits on the office
    elif getattr(rule.params, "absent", "missing") == "unconfirmed":
        expected = Severity.UNCONFIRMED  # another body's team the ledger may not hold
    assert {x.severity for x in found} == {expected}
    _kit(w, profile, rule, unit, day)
    again = [x for x in evaluate(profile, w.facts(), day, units=[unit]) if x.rule_id == rule.id]
    assert again == []


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_a_bare_county_tree_shows_findings_under_each_profile(path: Path) -> None:
    loaded = load_profile(path)
    w = World()
    w.unit("C1", Level.COUNTY, profile=loaded.id, population=100_000)
    w.unit("T1", Level.TOWN, "C1")
    w.unit("V1", Level.VILLAGE, "T1")
    found = evaluate(loaded, w.facts(), date(2026, 6, 1))
    # Wenshang's plan asks things of the county only.
    expected = {"C1"} if loaded.id == "wenshang-2022-57" else {"C1", "T1", "V1"}
    assert {x.unit_code for x in found} == expected


def _findings(
    profile_id: str, rule_id: str, w: World, day: date = date(2026, 6, 1)
) -> list[Finding]:
    loaded = PROFILES[profile_id]
    units = [u.id for u in w.units]
    return [x for x in evaluate(loaded, w.facts(), day, units=units) if x.rule_id == rule_id]


def test_town_rules_cover_streets_where_the_plan_writes_both_and_z_t2_does_not() -> None:
    w = World()
    w.unit("C", Level.COUNTY)
    w.unit("S", Level.STREET, "C")
    w.unit("T", Level.TOWN, "C")
    # 豫政〔2021〕66号: 「各乡镇（街道）建立不少于20人的…队伍」
    assert {x.unit_code for x in _findings("henan-2021-66", "P-T4", w)} == {"S", "T"}
    # 张政办发〔2022〕100号: 「其他乡镇按照二级乡镇专职消防队标准…」: towns, not 街道
    assert {x.unit_code for x in _findings("zhangye-2022-100", "Z-T2", w)} == {"T"}
    assert {x.unit_code for x in _findings("zhangye-2022-100", "Z-T10a", w)} == {"S", "T"}


def test_one_team_of_n_people_is_not_two_teams_summed_in_the_shipped_rules() -> None:
    w = World()
    w.unit("T", Level.TOWN)
    w.members(w.team("T", TeamType.COMPREHENSIVE, name="一队"), 15)
    w.members(w.team("T", TeamType.COMPREHENSIVE, name="二队"), 10)
    (p_t4,) = _findings("henan-2021-66", "P-T4", w)
    assert (p_t4.subject, p_t4.required, p_t4.actual) == ("一队", 20, 15)
    (x_t2,) = _findings("xingyang-draft", "X-T2", w)
    assert (x_t2.subject, x_t2.required, x_t2.actual) == ("一队", 30, 15)


def test_w_t5_counts_the_parks_hazmat_team_and_asks_for_gas_and_power() -> None:
    w = World()
    w.unit("C", Level.COUNTY)
    w.unit("Z", Level.ZONE, "C", flags=("化工园区",))
    w.members(w.team("Z", TeamType.HAZMAT, Nature.FULL_TIME), 5)
    w.members(w.team("C", TeamType.MINE, Nature.FULL_TIME), 5)
    w.members(w.team("C", TeamType.OTHER, name="县燃气抢险队"), 5)
    day = date(2026, 6, 1)
    assert [x for x in _findings("wenshang-2022-57", "W-T5", w, day) if x.unit_code == "C"] == []
    found = [x for x in _findings("wenshang-2022-57", "W-T5b", w, day) if x.unit_code == "C"]
    assert [(x.subject, x.severity.value) for x in found] == [("电力队伍", "unconfirmed")]
    assert found[0].detail.startswith("台账未见，请确认")
    w.confirm("C", "燃气、电力专业救援力量：电力队伍", day - timedelta(days=10))
    assert [x for x in _findings("wenshang-2022-57", "W-T5b", w, day) if x.unit_code == "C"] == []


@pytest.mark.parametrize(("profile", "rule_id"), [("wenshang-2022-57", "W-T7"),
                                                  ("hequ-2023-25", "H-T5"),
                                                  ("hequ-2023-25", "H-T13")])  # fmt: skip
def test_another_body_s_team_absent_from_the_ledger_waits_on_the_office(
    profile: str, rule_id: str
) -> None:
    rule = PROFILES[profile].rule(rule_id)
    w = World()
    unit = w.unit("C", Level.COUNTY, flags=tuple(rule.flags_any)[:1])
    (finding,) = _findings(profile, rule_id, w, max(rule.effective, date(2026, 6, 1)))
    assert (finding.severity, finding.detail[:8]) == (Severity.UNCONFIRMED, "台账未见，请确认")
    assert [r.label for r in finding.records if r.kind == "confirm"] == [rule.title]
    assert unit == "C"


def test_the_office_s_own_team_absent_stays_missing() -> None:
    w = World()
    w.unit("C", Level.COUNTY)
    (finding,) = _findings("wenshang-2022-57", "W-T3", w, date(2026, 6, 1))
    assert finding.severity is Severity.MISSING


def test_z_t4_a_flagged_village_is_covered_by_a_full_time_forest_team_above_it() -> None:
    w = World()
    w.unit("C", Level.COUNTY)
    w.unit("T", Level.TOWN, "C", flags=("森林火灾高风险区",))
    w.unit("V", Level.VILLAGE, "T", flags=("森林火灾高风险区",))
    w.members(w.team("V", TeamType.FOREST_FIRE, Nature.PART_TIME, name="V护林扑火队"), 8)
    (found,) = _findings("zhangye-2022-100", "Z-T4", w)
    assert (found.unit_code, found.required, found.actual) == ("C", 2, 0)
    w.members(w.team("C", TeamType.FOREST_FIRE, Nature.FULL_TIME, name="县森林消防专业队"), 30)
    assert _findings("zhangye-2022-100", "Z-T4", w) == []


def test_rules_added_for_issue_15_are_shipped() -> None:
    assert PROFILES["henan-2021-66"].rule("P-T2").levels == frozenset({Level.CITY})
    assert PROFILES["henan-2021-66"].rule("P-T12b").params.name_contains == ("航空",)
    assert PROFILES["xingyang-draft"].rule("X-T7").params.posts == frozenset({PostKind.GRID_WORKER})
    z_i7 = PROFILES["zhangye-2022-100"].rule("Z-I7").params
    assert (z_i7.posts, z_i7.induction_days, z_i7.yearly_days) == (
        frozenset({PostKind.ENFORCEMENT_OFFICER}),
        60,
        10,
    )
    assert PROFILES["zhangye-2022-100"].rule("Z-T9").params.min_teams == 7
