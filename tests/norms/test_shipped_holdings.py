"""The shipped equipment, depot, activity and hygiene rules read as their plan sentences do."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ledger.core.enums import Category, Level, PostKind, Trainee
from ledger.norms.evaluate import evaluate
from ledger.norms.model import Finding, Profile
from ledger.norms.schema import load_profile
from ledger.paths import resource
from tests.norms.builders import World, rows

PROFILES = {p.stem: load_profile(p) for p in sorted(resource("norms").glob("*.toml"))}
XY, ZY, HQ, WS = (PROFILES[k] for k in ("xingyang-draft", "zhangye-2022-100", "hequ-2023-25",
                                        "wenshang-2022-57"))  # fmt: skip
DAY = date(2026, 6, 1)


def found(profile: Profile, w: World, rule_id: str, units: list[str]) -> list[Finding]:
    return [x for x in evaluate(profile, w.facts(), DAY, units=units) if x.rule_id == rule_id]


def test_a_town_holding_the_catalogue_s_370m_terminals_has_them_for_x_e11() -> None:
    w = World()
    town = w.unit("T1")
    for name in ("370M窄带手持终端", "370M窄带车载终端"):
        w.item(name, category=Category.COMMS)
        w.equip(name, holder_unit_id=town)
    subjects = {x.subject for x in found(XY, w, "X-E11", [town])}
    assert subjects == {"天通卫星全网通终端", "便携终端", "北斗终端"}
    county = w.unit("C1", Level.COUNTY)
    for name in ("370M窄带手持终端", "370M窄带车载终端", "370M窄带固定基站", "370M窄带移动基站"):
        if name not in {i.id for i in w.items}:
            w.item(name, category=Category.COMMS)
        w.equip(name, holder_unit_id=county)
    subjects = {x.subject for x in found(XY, w, "X-E10", [county])}
    assert subjects == {"天通卫星全网通终端", "便携终端", "北斗终端"}


def test_z_e13_asks_one_forest_depot_of_a_county_with_high_risk_areas_not_of_each_village() -> None:
    w = World()
    county = w.unit("C1", Level.COUNTY)
    town = w.unit("T1", Level.TOWN, county)
    village = w.unit("V1", Level.VILLAGE, town, flags=("森林火灾高风险区",))
    assert rows(found(ZY, w, "Z-E13", [county, town, village])) == [
        ("C1", "森林草原防灭火应急物资装备库", 1, 0, 1, "missing")
    ]
    w.depot(county, "县森林防灭火物资装备库")
    assert found(ZY, w, "Z-E13", [county, town, village]) == []


def test_h_e3_asks_two_comms_vehicles() -> None:
    w = World()
    county = w.unit("C1", Level.COUNTY)
    w.item("应急通信保障车", category=Category.COMMS)
    w.equip("应急通信保障车", holder_unit_id=county)
    assert rows(found(HQ, w, "H-E3", [county])) == [
        ("C1", "综合通信车（中型、小型）", 2, 1, 1, "short")
    ]
    w.item("小型通信指挥车", category=Category.COMMS)
    w.equip("小型通信指挥车", holder_unit_id=county)
    assert found(HQ, w, "H-E3", [county]) == []


@pytest.mark.parametrize("rule_id", ["X-E1", "X-E2", "X-E3"])
def test_the_column_7_lists_wait_on_the_office_and_quote_the_cell_verbatim(rule_id: str) -> None:
    rule = XY.rule(rule_id)
    assert "：" not in rule.citation.quote and "…" not in rule.citation.quote
    assert rule.citation.quote.endswith("等。")
    w = World()
    county = w.unit("C1", Level.COUNTY, flags=("森林防灭火任务", "矿山企业", "化工园区"))
    (finding,) = found(XY, w, rule_id, [county])
    assert finding.severity.value == "unconfirmed"
    assert finding.required == len(rule.params.items)
    w.confirm(county, rule.title, DAY - timedelta(days=1))
    assert found(XY, w, rule_id, [county]) == []


def test_forest_and_mine_items_apply_to_counties_with_those_duties_only() -> None:
    w = World()
    county = w.unit("C1", Level.COUNTY)
    assert found(XY, w, "X-E2", [county]) == []
    (finding,) = found(XY, w, "X-E3", [county])
    assert finding.required == 2  # 接地电阻测试仪, 红外测温仪
    w.unit("T1", Level.TOWN, county, flags=("矿山企业",))
    (finding,) = found(XY, w, "X-E3", [county])
    assert finding.required == 9


def test_w_m1_and_w_m2_need_two_depots_each_of_2000_square_metres() -> None:
    w = World()
    county = w.unit("C1", Level.COUNTY)
    w.depot(county, "县应急物资和水旱灾害防御物资储备库", area=4000)
    assert rows(found(WS, w, "W-M1", [county])) == []
    assert rows(found(WS, w, "W-M2", [county])) == [
        ("C1", "县级水旱灾害防御物资库仓储面积不低于2000平方米", 2000, 0, 2000, "missing")
    ]
    w.depot(county, "县水旱灾害防御物资库", area=2000)
    w.depot(county, "县防汛物资二库", area=300)
    assert found(WS, w, "W-M1", [county]) + found(WS, w, "W-M2", [county]) == []


def test_x_i5_counts_the_staff_s_trainings_not_team_skill_courses() -> None:
    w = World()
    town = w.unit("T1")
    member = w.member(w.team(town), "张三")
    for n in range(2):
        w.training(town, "张三", DAY - timedelta(days=30 * n + 1), 2, member_id=member,
                   subject=f"综合专业技能培训{n}", trainee=Trainee.MEMBER)  # fmt: skip
    assert rows(found(XY, w, "X-I5", [town])) == [
        ("T1", "市、乡两级每年2次应急管理机构工作人员集中培训（集中培训次数）", 2, 0, 2, "missing")
    ]
    w.training(town, "王林帅", DAY - timedelta(days=5), 3, subject="基层应急管理干部集中培训")
    w.training(town, "王林帅", DAY - timedelta(days=90), 2, subject="业务能力提升培训")
    assert found(XY, w, "X-I5", [town]) == []


def test_x_i6_an_officer_trained_two_of_five_days_is_short() -> None:
    w = World()
    town = w.unit("T1")
    w.post(town, PostKind.EMERGENCY_OFFICER, "王林帅")
    w.training(town, "王林帅", DAY - timedelta(days=5), 2, subject="业务能力提升培训")
    (finding,) = found(XY, w, "X-I6", [town])
    assert (finding.severity.value, finding.detail) == (
        "short",
        "王林帅 近一年培训2天，要求每人不少于5天",
    )


HYGIENE_WORDS = ("轮换", "维护", "保养", "巡检")


@pytest.mark.parametrize("profile", PROFILES.values(), ids=list(PROFILES))
def test_hygiene_rules_cite_a_clause_only_where_it_asks_for_rotation_or_maintenance(
    profile: Profile,
) -> None:
    for rule in profile.rules:
        if not rule.id.startswith("L-"):
            continue
        cited = rule.citation
        if cited.section.endswith("（非规划条款）"):
            assert not cited.source, rule.id
            continue
        assert any(word in cited.quote for word in HYGIENE_WORDS), (profile.id, rule.id)
        # a clause on the systems of (social) teams is not about the office's stock and kit
        assert "队伍" not in cited.quote, (profile.id, rule.id)
        assert rule.kind in ("expired_stock", "maintenance"), (profile.id, rule.id)


def test_hequ_s_maintenance_rule_cites_no_clause_about_social_forces() -> None:
    cited = HQ.rule("L-MAINT").citation
    assert (cited.section, cited.source) == ("台账规范（非规划条款）", "")


def test_x_i5_at_county_level_counts_the_sessions_its_towns_staff_attended() -> None:
    w = World()
    county = w.unit("C1", Level.COUNTY)
    town = w.unit("T1", Level.TOWN, county)
    w.training(county, "王林帅", DAY - timedelta(days=60), 2, subject="业务能力提升培训")
    w.training(town, "李帅广", DAY - timedelta(days=200), 3, subject="基层应急管理干部集中培训")
    assert found(XY, w, "X-I5", [county]) == []
    assert rows(found(XY, w, "X-I5", [town])) == [
        ("T1", "市、乡两级每年2次应急管理机构工作人员集中培训（集中培训次数）", 2, 1, 1, "short")
    ]


@pytest.mark.parametrize(
    ("profile", "rule_id", "level"),
    [("xingyang-draft", "X-T8", Level.VILLAGE), ("hequ-2023-25", "H-T10", Level.VILLAGE),
     ("henan-2021-66", "P-T18", Level.TOWN)],
)  # fmt: skip
def test_a_b_post_informant_is_an_informant_where_the_plan_asks_only_for_one(
    profile: str, rule_id: str, level: Level
) -> None:
    w = World()
    unit = w.unit("U1", level)
    assert rows(found(PROFILES[profile], w, rule_id, [unit])) == [
        ("U1", "灾害信息员", 1, 0, 1, "missing")
    ]
    w.post(unit, PostKind.DISASTER_INFORMANT_B, "赵六")
    assert found(PROFILES[profile], w, rule_id, [unit]) == []


@pytest.mark.parametrize(("profile", "rule_id"), [("xingyang-draft", "X-T4"),
                                                  ("henan-2021-66", "P-F3")])  # fmt: skip
def test_the_village_s_two_officers_count_a_b_post_informant_and_say_so(
    profile: str, rule_id: str
) -> None:
    w = World()
    village = w.unit("V1", Level.VILLAGE)
    w.post(village, PostKind.SAFETY_ADVISOR, "王五")
    w.post(village, PostKind.DISASTER_INFORMANT_B, "赵六")
    w.members(w.team(village), 10)
    (finding,) = found(PROFILES[profile], w, rule_id, [village])
    assert finding.severity.value == "unconfirmed"  # only the 安全劝导站 waits
    assert "灾害信息员✓（仅有B岗）" in finding.detail


def test_x_t7_counts_any_of_the_village_s_emergency_workers() -> None:
    w = World()
    village = w.unit("V1", Level.VILLAGE)
    (finding,) = found(XY, w, "X-T7", [village])
    assert finding.subject == "应急管理工作人员（网格员、应急管理员或灾害信息员）"
    w.post(village, PostKind.EMERGENCY_OFFICER, "王五")
    assert found(XY, w, "X-T7", [village]) == []


def test_h_m3_a_village_at_high_risk_only_is_served_by_its_town_s_point() -> None:
    w = World()
    town = w.unit("T1", Level.TOWN)
    risky = w.unit("V1", Level.VILLAGE, town, flags=("灾害风险高",))
    remote = w.unit("V2", Level.VILLAGE, town, flags=("交通不便", "灾害风险高"))
    before = {x.unit_code: x.detail for x in found(HQ, w, "H-M3", [risky, remote])}
    assert before == {"V1": "所属T1的储备点也可计入，T1也没有", "V2": ""}
    w.depot(town, "镇救灾物资储备点")
    assert rows(found(HQ, w, "H-M3", [risky, remote])) == [
        ("V2", "交通不便和灾害风险高的乡镇、村救灾物资储备点", 1, 0, 1, "missing")
    ]


def test_z_m8_counts_the_50_stations_over_the_city_not_one_per_flagged_town() -> None:
    w = World()
    city = w.unit("S1", Level.CITY)
    county = w.unit("C1", Level.COUNTY, city)
    town = w.unit("T1", Level.TOWN, county, flags=("事故灾害多发",))
    day = ZY.rule("Z-M8").effective
    assert [x.unit_code for x in evaluate(ZY, w.facts(), day, units=[city, county, town])
            if x.rule_id.startswith("Z-M8")] == ["S1"]  # fmt: skip
    for n in range(50):
        w.depot(town if n % 2 else county, f"综合应急救援服务站{n}")
    assert not [x for x in evaluate(ZY, w.facts(), day, units=[city, county, town])
                if x.rule_id.startswith("Z-M8")]  # fmt: skip


def test_w_m3_is_the_county_s_reserve_with_its_towns_depots() -> None:
    w = World()
    county = w.unit("C1", Level.COUNTY)
    town = w.unit("T1", Level.TOWN, county)
    w.depot(town, "镇库")
    w.item("帐篷", unit="顶", category=Category.LIVING)
    w.lot("镇库", "帐篷", 5000)
    w.amount(county, WS.id, "W-M3", "帐篷", "1", per_day=False)
    day = WS.rule("W-M3").effective
    assert [x for x in evaluate(WS, w.facts(), day, units=[county]) if x.rule_id == "W-M3"] == []


def test_x_t4_leaves_the_informant_and_the_team_to_x_t8_and_x_t3() -> None:
    w = World()
    village = w.unit("V1", Level.VILLAGE)
    w.post(village, PostKind.SAFETY_ADVISOR, "王五")
    w.confirm(village, "安全劝导站", DAY - timedelta(days=1))
    assert found(XY, w, "X-T4", [village]) == []
    assert [x.severity.value for x in found(XY, w, "X-T8", [village])] == ["missing"]
    assert [x.severity.value for x in found(XY, w, "X-T3", [village])] == ["missing"]


@pytest.mark.parametrize("profile", PROFILES.values(), ids=list(PROFILES))
def test_a_composite_part_seen_elsewhere_names_a_rule_of_the_profile_at_its_level(
    profile: Profile,
) -> None:
    for rule in profile.rules:
        for attr in getattr(rule.params, "attributes", ()):
            if attr.see:
                other = profile.rule(attr.see)
                assert rule.levels <= other.levels, (rule.id, attr.see)


def test_h_m3_asks_towns_and_villages_not_streets_or_urban_communities() -> None:
    # 「在交通不便和灾害风险高的乡镇、村建设救灾物资储备点」: 乡镇 and 村, as the plan says.
    w = World()
    street = w.unit("东城街道", Level.STREET, flags=("灾害风险高",))
    community = w.unit("园区社区", Level.VILLAGE, street, flags=("交通不便",))
    village = w.unit("沙岭村", Level.VILLAGE, street, flags=("交通不便",))
    town = w.unit("青山镇", Level.TOWN, flags=("灾害风险高",))
    asked = found(HQ, w, "H-M3", [street, community, village, town])
    assert sorted(x.unit_code for x in asked) == ["沙岭村", "青山镇"]
