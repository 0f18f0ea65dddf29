"""Rule kinds about people: team_exists, team_headcount, ratio, coverage, posts."""

from __future__ import annotations

from datetime import date, timedelta

from ledger.core.enums import Level, Nature, PostKind, TeamType
from tests.norms.builders import ON, World, rows, rule, run

HEADCOUNT_20 = rule(
    "team_headcount", levels=["乡镇"], team_types=["综合"], natures=["专职", "兼职"], min_members=20
)


def test_a_team_short_of_its_headcount_is_short_by_the_difference() -> None:
    w = World()
    town = w.unit("T1")
    w.members(w.team(town, name="城关镇综合队"), 12)
    assert rows(run(w, HEADCOUNT_20)) == [("T1", "城关镇综合队", 20, 12, 8, "short")]


def test_a_town_without_the_team_is_missing_it() -> None:
    w = World()
    w.unit("T1")
    w.members(w.team("T1", TeamType.FLOOD), 30)
    assert rows(run(w, HEADCOUNT_20)) == [("T1", "专职或兼职综合队伍", 20, 0, 20, "missing")]


def test_only_members_active_on_the_date_count() -> None:
    w = World()
    team = w.team(w.unit("T1"), name="综合队")
    w.members(team, 18)
    w.member(team, "走了的", id_number="L1", left=ON - timedelta(days=1))
    w.member(team, "今天走的", id_number="L2", left=ON)
    w.member(team, "明天来的", id_number="L3", joined=ON + timedelta(days=1))
    w.member(team, "明天走的", id_number="L4", left=ON + timedelta(days=1))
    w.member(team, "今天来的", id_number="L5", joined=ON)
    assert rows(run(w, HEADCOUNT_20)) == []
    w.members_.pop()
    assert rows(run(w, HEADCOUNT_20)) == [("T1", "综合队", 20, 19, 1, "short")]


SUMMED_20 = {**HEADCOUNT_20, "per": "unit"}


def test_a_person_counts_once_however_many_teams_list_them() -> None:
    w = World()
    town = w.unit("T1")
    first, second = w.team(town, name="一队"), w.team(town, name="二队")
    w.members(first, 17)
    w.member(first, "张三", id_number="410101199001011234")
    w.member(second, "张叁", id_number="410101199001011234")  # same ID number, name misspelt
    w.member(first, "李四", birth=date(1990, 1, 1))
    w.member(second, "李四", birth=date(1990, 1, 1))  # no ID number: name and birth date
    w.member(second, "李四", birth=date(1991, 1, 1))  # a different 李四
    assert rows(run(w, SUMMED_20)) == []
    w.members_.pop()
    assert rows(run(w, SUMMED_20)) == [("T1", "一队、二队", 20, 19, 1, "short")]


def test_one_team_of_at_least_n_is_not_several_teams_summed() -> None:
    # 「建立不少于20人的…队伍」: two teams of 12 and 10 are not one team of 20.
    w = World()
    town = w.unit("T1")
    w.members(w.team(town, name="城关镇综合队"), 12)
    w.members(w.team(town, name="城关镇二队"), 10)
    w.members(w.team(town, TeamType.FLOOD, name="防汛队"), 25)  # another type does not count
    found = run(w, HEADCOUNT_20)
    assert rows(found) == [("T1", "城关镇综合队", 20, 12, 8, "short")]
    assert (
        found[0].detail
        == "人数最多的一支为城关镇综合队（12人）；另有1支符合条件的队伍，人数不合并计算"
    )
    assert [r.label for r in found[0].records] == ["城关镇综合队"]
    w.members(w.team(town, name="城关镇新队"), 20)
    assert rows(run(w, HEADCOUNT_20)) == []


def test_a_team_founded_after_the_date_does_not_exist_yet() -> None:
    w = World()
    w.members(w.team(w.unit("T1"), founded_on=ON + timedelta(days=1)), 25)
    assert rows(run(w, HEADCOUNT_20)) == [("T1", "专职或兼职综合队伍", 20, 0, 20, "missing")]


def test_headcount_per_team_and_by_member_nature() -> None:
    w = World()
    town = w.unit("T1", flags=("全国重点镇",))
    full = w.team(town, TeamType.FIRE, Nature.FULL_TIME, name="专职消防队")
    w.members(full, 12, nature=Nature.FULL_TIME)
    w.members(full, 5, nature=Nature.PART_TIME)
    w.members(w.team(town, TeamType.FIRE, name="二队"), 15, nature=Nature.FULL_TIME)
    check = rule("team_headcount", levels=["乡镇"], flags_any=["全国重点镇"], team_types=["消防"],
                 member_natures=["专职"], min_members=15, per="team")  # fmt: skip
    assert rows(run(w, check)) == [("T1", "专职消防队", 15, 12, 3, "short")]


def test_a_missing_team_is_named_by_what_is_asked_not_the_rule_title() -> None:
    w = World()
    w.unit("T1")
    (found,) = run(w, rule("team_headcount", team_types=["消防"], member_natures=["专职"],
                           min_members=9))  # fmt: skip
    assert (found.subject, found.detail) == ("专职消防队伍", "没有专职消防队伍")


def test_levels_and_flags_decide_who_is_asked() -> None:
    w = World()
    w.unit("C1", Level.COUNTY)
    w.unit("T1", parent="C1", flags=("省级中心镇",))
    w.unit("T2", parent="C1")
    check = rule("team_headcount", levels=["乡镇"], flags_none=["全国重点镇", "省级中心镇"],
                 team_types=["消防"], min_members=9)  # fmt: skip
    assert rows(run(w, check)) == [("T2", "消防队伍", 9, 0, 9, "missing")]


def test_team_exists_counts_teams_with_active_members() -> None:
    w = World()
    county = w.unit("C1", Level.COUNTY)
    w.members(w.team(county, TeamType.FLOOD), 3)
    w.team(county, TeamType.FOREST_FIRE)  # a roster with nobody on it is no team
    check = rule("team_exists", levels=["县"], team_types=["森林防灭火"])
    assert rows(run(w, check)) == [("C1", "规则1", 1, 0, 1, "missing")]


def test_team_exists_of_each_type_names_each_missing_type() -> None:
    w = World()
    county = w.unit("C1", Level.COUNTY)
    w.members(w.team(county, TeamType.MINE), 3)
    check = rule("team_exists", team_types=["矿山", "危化", "应急通信"], each_type=True)
    assert rows(run(w, check)) == [
        ("C1", "危化队伍", 1, 0, 1, "missing"),
        ("C1", "应急通信队伍", 1, 0, 1, "missing"),
    ]


def test_team_exists_by_name_and_several_teams() -> None:
    w = World()
    town = w.unit("T1")
    w.members(w.team(town, TeamType.OTHER, name="城关镇应急先锋队"), 3)
    assert rows(run(w, rule("team_exists", name_contains=["先锋队"]))) == []
    assert rows(run(w, rule("team_exists", name_contains=["先锋队"], min_teams=2))) == [
        ("T1", "规则1", 2, 1, 1, "short")
    ]


def test_ratio_counts_full_time_firefighters_below_the_county_per_mille() -> None:
    w = World()
    county = w.unit("C1", Level.COUNTY, population=100_000)
    town = w.unit("T1", parent=county)
    fire = w.team(town, TeamType.FIRE, Nature.FULL_TIME)
    w.members(fire, 30, nature=Nature.FULL_TIME)
    w.members(fire, 5, nature=Nature.PART_TIME)
    check = rule("ratio", levels=["县"], team_types=["消防"], member_natures=["专职"],
                 per_mille=0.4)  # fmt: skip
    found = run(w, check)
    assert rows(found) == [("C1", "规则1", 40, 30, 10, "short")]
    assert found[0].detail == "常住人口100000人，按0.4‰应不少于40人"


def test_ratio_takes_the_population_of_the_units_below_and_rounds_up() -> None:
    w = World()
    county = w.unit("C1", Level.COUNTY)
    w.unit("T1", parent=county, population=30_001)
    w.unit("T2", parent=county, population=20_000)
    check = rule("ratio", levels=["县"], team_types=["消防"], per_mille=0.5)
    assert rows(run(w, check)) == [("C1", "规则1", 26, 0, 26, "missing")]


def test_ratio_without_population_is_unconfigured() -> None:
    w = World()
    w.unit("C1", Level.COUNTY)
    check = rule("ratio", levels=["县"], team_types=["消防"], per_mille=0.4)
    assert rows(run(w, check)) == [("C1", "规则1", None, None, None, "unconfigured")]


def test_coverage_names_the_towns_without_a_team() -> None:
    w = World()
    county = w.unit("C1", Level.COUNTY)
    for code in ("T1", "T2", "T3"):
        w.unit(code, parent=county)
    w.unit("Z1", Level.ZONE, parent=county)
    w.unit("V1", Level.VILLAGE, parent="T1")
    w.members(w.team("T1"), 2)
    w.members(w.team("Z1", nature=Nature.FULL_TIME), 2)
    w.members(w.team("T2", nature=Nature.VOLUNTEER), 2)  # volunteers are not 专（兼）职
    check = rule("coverage", levels=["县"], child_levels=["乡镇", "功能区"],
                 natures=["专职", "兼职"])  # fmt: skip
    found = run(w, check)
    assert rows(found) == [("C1", "规则1", 4, 2, 2, "short")]
    assert found[0].detail == "共4个，未覆盖：T2、T3"
    half = rule("coverage", child_levels=["乡镇", "功能区"], natures=["兼职"], min_share=0.5)
    assert rows(run(w, half, units=["C1"])) == [("C1", "规则1", 2, 1, 1, "short")]


def test_posts_count_holders_in_office_on_the_date() -> None:
    w = World()
    village = w.unit("V1", Level.VILLAGE)
    w.post(village, PostKind.SAFETY_ADVISOR, "王五")
    w.post(village, PostKind.DISASTER_INFORMANT, "赵六", until=ON)
    w.post(village, PostKind.DISASTER_INFORMANT, "钱七", since=ON + timedelta(days=1))
    check = rule("posts", levels=["村"], posts=["安全劝导员", "灾害信息员"])
    assert rows(run(w, check)) == [("V1", "灾害信息员", 1, 0, 1, "missing")]


def test_posts_count_each_person_once() -> None:
    w = World()
    village = w.unit("V1", Level.VILLAGE)
    w.post(village, PostKind.DISASTER_INFORMANT, "赵六")
    w.post(village, PostKind.DISASTER_INFORMANT, "赵六 ")
    check = rule("posts", posts=["灾害信息员"], min_each=2)
    assert rows(run(w, check)) == [("V1", "灾害信息员", 2, 1, 1, "short")]


def test_team_exists_in_the_subtree_counts_the_teams_of_units_below() -> None:
    # 汶上 W-T5: the chemical park's hazmat team, under the county, meets the county's target.
    w = World()
    county = w.unit("C1", Level.COUNTY)
    park = w.unit("Z1", Level.ZONE, parent=county)
    w.members(w.team(park, TeamType.HAZMAT), 3)
    w.members(w.team(county, TeamType.MINE), 3)
    own = rule("team_exists", levels=["县"], team_types=["矿山", "危化"], each_type=True)
    assert rows(run(w, own)) == [("C1", "危化队伍", 1, 0, 1, "missing")]
    assert rows(run(w, {**own, "scope": "subtree"})) == []


def test_team_exists_each_name_asks_for_a_team_per_sector_word() -> None:
    w = World()
    county = w.unit("C1", Level.COUNTY)
    w.members(w.team(county, TeamType.MINE), 3)
    w.members(w.team(county, TeamType.OTHER, name="县燃气抢险队"), 3)
    check = rule("team_exists", levels=["县"], team_types=["矿山", "危化"], each_type=True,
                 each_name=["燃气", "电力"])  # fmt: skip
    assert rows(run(w, check)) == [
        ("C1", "危化队伍", 1, 0, 1, "missing"),
        ("C1", "电力队伍", 1, 0, 1, "missing"),
    ]
    named = rule("team_exists", levels=["县"], each_name=["燃气"], team_types=["其他"])
    assert rows(run(w, named)) == []


def test_coverage_of_flagged_areas_by_a_full_time_team_of_the_area_or_above() -> None:
    # 张掖 Z-T4: a flagged village is covered by a 专职 forest team of its town or county;
    # a part-time village 护林扑火队 is not 专业.
    w = World()
    county = w.unit("C1", Level.COUNTY)
    town = w.unit("T1", parent=county, flags=("森林火灾高风险区",))
    w.unit("T2", parent=county)
    w.unit("V1", Level.VILLAGE, parent=town, flags=("森林火灾高风险区",))
    w.unit("V2", Level.VILLAGE, parent="T2", flags=("森林火灾高风险区",))
    w.unit("V3", Level.VILLAGE, parent="T2")  # not flagged: not asked
    w.members(w.team("V2", TeamType.FOREST_FIRE, Nature.PART_TIME, name="V2护林扑火队"), 8)
    w.members(w.team(town, TeamType.FOREST_FIRE, Nature.FULL_TIME), 10)
    check = rule("coverage", levels=["县"], child_levels=["乡镇", "村"], team_types=["森林防灭火"],
                 natures=["专职"], child_flags_any=["森林火灾高风险区"], reach="up")  # fmt: skip
    found = run(w, check)
    assert rows(found) == [("C1", "规则1", 3, 2, 1, "short")]
    assert found[0].detail == "共3个，未覆盖：V2"
    assert rows(run(w, {**check, "reach": "own"})) == [("C1", "规则1", 3, 1, 2, "short")]
    w.members(w.team(county, TeamType.FOREST_FIRE, Nature.FULL_TIME), 30)
    assert rows(run(w, check)) == []


def test_post_training_induction_in_the_first_year_and_yearly_refresher() -> None:
    # 张掖 Z-I7: 执法人员 入职培训不少于3个月 (60 training days), 每年不少于2周的复训 (10 days).
    w = World()
    county = w.unit("C1", Level.COUNTY)
    hired = ON - timedelta(days=800)
    w.post(county, PostKind.ENFORCEMENT_OFFICER, "甲", since=hired)
    w.post(county, PostKind.ENFORCEMENT_OFFICER, "乙", since=hired)
    w.post(county, PostKind.ENFORCEMENT_OFFICER, "丙", since=ON - timedelta(days=100))  # new
    w.post(county, PostKind.EMERGENCY_OFFICER, "丁", since=hired)  # another post
    w.training(county, "甲", hired + timedelta(days=10), 60)
    w.training(county, "甲", ON - timedelta(days=30), 10)
    w.training(county, "乙", hired + timedelta(days=10), 30)
    w.training(county, "乙", hired + timedelta(days=400), 30)  # after the first year
    w.training(county, "乙", ON - timedelta(days=30), 5)
    check = rule("post_training", levels=["县"], posts=["执法人员"], induction_days=60,
                 yearly_days=10)  # fmt: skip
    found = run(w, check)
    assert rows(found) == [
        ("C1", "入职培训（每人不少于60天）", 2, 1, 1, "short"),
        ("C1", "每年复训（每人不少于10天）", 2, 1, 1, "short"),
    ]
    assert [x.detail for x in found] == ["未达标：乙(30天)", "未达标：乙(5天)"]
    w.training(county, "乙", ON - timedelta(days=3), 5)
    assert rows(run(w, check)) == [("C1", "入职培训（每人不少于60天）", 2, 1, 1, "short")]


def test_post_training_is_short_when_all_trained_too_little_and_missing_when_none_trained() -> None:
    w = World()
    county = w.unit("C1", Level.COUNTY)
    w.post(county, PostKind.ENFORCEMENT_OFFICER, "甲", since=ON - timedelta(days=800))
    w.post(county, PostKind.ENFORCEMENT_OFFICER, "乙")  # first day not recorded
    check = rule("post_training", posts=["执法人员"], yearly_days=10)
    assert rows(run(w, check)) == [("C1", "每年复训（每人不少于10天）", 2, 0, 2, "missing")]
    w.training(county, "甲", ON - timedelta(days=10), 4)
    assert rows(run(w, check)) == [("C1", "每年复训（每人不少于10天）", 2, 0, 2, "short")]
