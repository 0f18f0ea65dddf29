"""Rule kinds about what a unit holds: equipment_set, depot_exists, depot_area."""

from __future__ import annotations

from datetime import timedelta

from ledger.core.enums import Category, EquipmentStatus, Level
from ledger.norms.facts import MappingFact
from tests.norms.builders import ON, PROFILE_ID, World, rows, rule, run

FIVE_X = rule(
    "equipment_set",
    levels=["村"],
    items=[
        {"name": "卫星电话"},
        {"name": "应急发电机", "accept": ["应急发电机", "发电机"]},
        {"name": "排水泵"},
        {"name": "微型消防站"},
        {"name": "手持扩音器", "accept": ["手持扩音器", "扩音器"]},
    ],
)
FOREST = rule(
    "equipment_set",
    levels=["村"],
    flags_any=["森林防灭火任务"],
    items=[{"name": "森林防灭火设施", "category": "森林防灭火"}],
)


def village_kit(w: World) -> str:
    """A village holding its 5+X kit through itself, its team and its depot, but the pump."""
    village = w.unit("V1", Level.VILLAGE)
    team = w.team(village)
    depot = w.depot(village, "村仓库")
    for name in ("卫星电话", "发电机", "排水泵", "微型消防站", "扩音器", "风力灭火机"):
        w.item(name, category=Category.FOREST_FIRE if name == "风力灭火机" else Category.OTHER)
    w.equip("卫星电话", holder_unit_id=village)
    w.equip("发电机", holder_team_id=team)
    w.equip("微型消防站", holder_depot_id=depot)
    w.equip("扩音器", holder_unit_id=village, status=EquipmentStatus.REPAIR)
    w.equip("排水泵", holder_unit_id=village, status=EquipmentStatus.SCRAPPED)
    return village


def test_a_village_holds_5_plus_x_through_itself_its_teams_and_depots() -> None:
    w = World()
    village_kit(w)
    (found,) = run(w, FIVE_X)
    assert rows([found]) == [("V1", "排水泵", 1, 0, 1, "missing")]
    assert found.detail == "原有1台已报废"
    w.equip("排水泵", holder_unit_id="V1")
    assert rows(run(w, FIVE_X)) == []


def test_an_entry_the_catalogue_has_no_item_for_waits_on_the_office() -> None:
    w = World()
    village = village_kit(w)
    terminal = rule("equipment_set", levels=["村"], title="终端",
                    items=[{"name": "便携终端", "accept": ["便携终端", "便携式终端"]}])  # fmt: skip
    (found,) = run(w, terminal)
    assert rows([found]) == [("V1", "便携终端", 1, 0, 1, "unconfirmed")]
    assert "物资目录中没有与“便携终端”对应的物资" in found.detail
    assert "装备对应" in found.detail
    keys = [r.label for r in found.records if r.kind == "confirm"]
    assert keys == ["终端：便携终端"]
    w.mappings.append(MappingFact(village, PROFILE_ID, "R1", "便携终端", "排水泵"))
    assert rows(run(w, terminal)) == [("V1", "便携终端", 1, 0, 1, "missing")]  # mapped, not held
    w.mappings.clear()
    w.item("便携式终端(KT-100)")  # in the catalogue, not held: the ledger sees it is missing
    assert rows(run(w, terminal)) == [("V1", "便携终端", 1, 0, 1, "missing")]


def test_an_unseeable_entry_is_confirmed_by_the_office() -> None:
    w = World()
    village = village_kit(w)
    terminal = rule("equipment_set", levels=["村"], title="终端", items=[{"name": "便携终端"}])
    w.confirm(village, "终端：便携终端", ON - timedelta(days=3))
    assert run(w, terminal) == []


def test_equipment_of_another_unit_or_bought_later_does_not_count() -> None:
    w = World()
    village_kit(w)
    w.unit("V2", Level.VILLAGE)
    w.equip("排水泵", holder_unit_id="V2", serial="P-V2")
    w.equip("排水泵", holder_unit_id="V1", purchased_on=ON + timedelta(days=1))
    assert rows(run(w, FIVE_X, units=["V1"])) == [("V1", "排水泵", 1, 0, 1, "missing")]


def test_a_village_without_forest_duty_is_not_asked_for_forest_equipment() -> None:
    w = World()
    village_kit(w)
    w.unit("V2", Level.VILLAGE, flags=("森林防灭火任务",))
    assert rows(run(w, FOREST)) == [("V2", "森林防灭火设施", 1, 0, 1, "missing")]
    w.equip("风力灭火机", holder_unit_id="V2")
    assert rows(run(w, FOREST)) == []


def test_an_entry_may_ask_for_more_than_one_piece() -> None:
    w = World()
    county = w.unit("C1", Level.COUNTY)
    w.item("无人机")
    w.equip("无人机", holder_unit_id=county)
    check = rule("equipment_set", items=[{"name": "无人机", "min": 3}])
    assert rows(run(w, check)) == [("C1", "无人机", 3, 1, 2, "short")]


def test_depot_exists_matches_kind_or_name() -> None:
    w = World()
    county = w.unit("C1", Level.COUNTY)
    w.depot(county, "县应急物资储备库")
    w.depot(county, "一号库", kind="救灾物资储备库")
    assert rows(run(w, rule("depot_exists", match=["救灾物资"]))) == []
    assert rows(run(w, rule("depot_exists", match=["装备库"]))) == [
        ("C1", "规则1", 1, 0, 1, "missing")
    ]
    assert rows(run(w, rule("depot_exists", match=["储备库"], min_count=3))) == [
        ("C1", "规则1", 3, 2, 1, "short")
    ]


def test_with_need_each_every_matching_depot_needs_its_area() -> None:
    w = World()
    county = w.unit("C1", Level.COUNTY)
    w.depot(county, "县应急物资装备储备库", area=1500)
    w.depot(county, "县应急物资二库")
    w.depot(county, "水旱灾害防御物资库", area=2400)
    check = rule("depot_area", match=["应急物资"], min_area=2000, need="each")
    found = run(w, check)
    assert rows(found) == [
        ("C1", "县应急物资装备储备库", 2000, 1500, 500, "short"),
        ("C1", "县应急物资二库", 2000, 0, 2000, "missing"),
    ]
    assert [x.detail for x in found] == ["", "未登记面积"]


def test_depot_area_without_such_a_depot() -> None:
    w = World()
    w.unit("T1")
    asked = rule("depot_area", match=["服务站"], min_area=90)
    optional = rule("depot_area", match=["服务站"], min_area=90, require_exists=False)
    assert rows(run(w, asked)) == [("T1", "规则1", 90, 0, 90, "missing")]
    assert rows(run(w, optional)) == []


def test_depots_of_the_units_below_count_with_scope_subtree() -> None:
    w = World()
    w.unit("C1", Level.CITY)
    w.unit("T1", parent="C1")
    w.unit("T2", parent="C1")
    w.depot("T1", "一号综合应急救援服务站")
    w.depot("T2", "二号综合应急救援服务站")
    w.depot("C1", "市本级库")
    city = rule("depot_exists", levels=["市"], match=["服务站"], min_count=3, scope="subtree")
    assert rows(run(w, city)) == [("C1", "规则1", 3, 2, 1, "short")]
    assert rows(run(w, rule("depot_exists", levels=["市"], match=["服务站"]))) == [
        ("C1", "规则1", 1, 0, 1, "missing")
    ]


def test_one_depot_of_the_size_meets_an_area_rule_and_a_sum_of_small_ones_does_not() -> None:
    w = World()
    county = w.unit("C1", Level.COUNTY)
    w.depot(county, "县应急物资一库", area=1500)
    w.depot(county, "县应急物资二库", area=1200)
    w.depot(county, "县应急物资三库")
    check = rule("depot_area", match=["应急物资"], min_area=2000)
    found = run(w, check)
    assert rows(found) == [("C1", "县应急物资一库", 2000, 1500, 500, "short")]
    assert found[0].detail == (
        "其余同类仓库（面积不合计）：县应急物资二库 1200平方米、县应急物资三库 0平方米"
    )
    w.depot(county, "县应急物资装备储备库", area=2600)
    assert rows(run(w, check)) == []


SEPARATE = (
    rule("depot_area", levels=["县"], match=["应急物资"], min_area=2000, separate_from=["R2"]),
    rule("depot_area", levels=["县"], match=["水旱灾害", "防汛"], min_area=2000,
         separate_from=["R1"]),
)  # fmt: skip


def test_one_depot_does_not_meet_two_rules_that_ask_for_two_depots() -> None:
    w = World()
    county = w.unit("C1", Level.COUNTY)
    w.depot(county, "县应急物资和防汛物资储备库", area=3000)
    found = run(w, *SEPARATE)
    assert rows(found) == [("C1", "规则2", 2000, 0, 2000, "missing")]
    assert found[0].detail == "县应急物资和防汛物资储备库已计入“规则1”，两项要求各需一个仓库"
    w.depot(county, "县水旱灾害防御物资库", area=1800)
    assert rows(run(w, *SEPARATE)) == [("C1", "县水旱灾害防御物资库", 2000, 1800, 200, "short")]
    w.depot(county, "县防汛物资二库", area=2100)
    assert rows(run(w, *SEPARATE)) == []


def test_separate_depots_are_shared_out_so_that_both_rules_are_met_when_they_can_be() -> None:
    w = World()
    county = w.unit("C1", Level.COUNTY)
    # The first depot fits both rules, the second only the first rule: R1 must give way.
    w.depot(county, "县应急物资防汛物资库", area=2500)
    w.depot(county, "县应急物资储备库", area=2500)
    assert rows(run(w, *SEPARATE)) == []


def test_a_county_project_for_flagged_areas_asks_one_depot_in_the_county() -> None:
    w = World()
    w.unit("C1", Level.COUNTY)
    town = w.unit("T1", Level.TOWN, "C1")
    w.unit("V1", Level.VILLAGE, "T1", flags=("森林火灾高风险区",))
    check = rule("depot_exists", levels=["县"], duty_flags=["森林火灾高风险区"],
                 scope="subtree", match=["防灭火"])  # fmt: skip
    assert rows(run(w, check)) == [("C1", "规则1", 1, 0, 1, "missing")]
    w.depot(town, "南山林场森林防灭火物资装备库")
    assert rows(run(w, check)) == []
    w2 = World()
    w2.unit("C1", Level.COUNTY)
    w2.unit("T1", Level.TOWN, "C1")
    assert rows(run(w2, check)) == []


def test_catalogue_names_with_a_network_prefix_or_a_model_suffix_count() -> None:
    w = World()
    town = w.unit("T1")
    kit = rule("equipment_set", items=[
        {"name": "手持终端", "accept": ["手持终端"]},
        {"name": "车载终端"},
        {"name": "风力灭火机"},
    ])  # fmt: skip
    for name in ("北斗手持终端", "数字车载终端", "风力灭火机器人"):
        w.item(name)
        w.equip(name, holder_unit_id=town)
    assert [r[1] for r in rows(run(w, kit))] == ["手持终端", "车载终端", "风力灭火机"]
    for name in ("370M窄带手持终端", "PDT 车载终端", "风力灭火机（6MF-30）"):
        w.item(name)
        w.equip(name, holder_unit_id=town)
    assert rows(run(w, kit)) == []


ADVISORY = rule(
    "equipment_set",
    levels=["县"],
    advisory=True,
    items=[
        {"name": "冲锋舟"},
        {"name": "矿用多参数气体检测仪", "flags_any": ["矿山企业"]},
        {"name": "红外测温仪"},
    ],
)


def test_an_advisory_list_waits_on_the_office_and_is_confirmed_in_one_action() -> None:
    w = World()
    county = w.unit("C1", Level.COUNTY)
    w.item("冲锋舟")
    w.equip("冲锋舟", holder_unit_id=county, serial="CF-1")
    found = run(w, ADVISORY)
    assert rows(found) == [("C1", "规则1", 2, 1, 1, "unconfirmed")]
    assert found[0].detail == (
        "清单未给数量与配备主体，由办公室对照确认。台账已有：冲锋舟✓。台账未见：红外测温仪。"
        "无相关任务，不适用：矿用多参数气体检测仪"
    )
    assert ("confirm", "C1", "规则1") in {(r.kind, r.id, r.label) for r in found[0].records}
    w.confirm(county, "规则1", ON - timedelta(days=400))
    assert rows(run(w, ADVISORY)) == [("C1", "规则1", 2, 1, 1, "unconfirmed")]
    w.confirm(county, "规则1", ON - timedelta(days=3))
    assert rows(run(w, ADVISORY)) == []


def test_an_advisory_entry_for_mines_applies_where_the_county_has_a_mine_below_it() -> None:
    w = World()
    county = w.unit("C1", Level.COUNTY)
    w.unit("T1", Level.TOWN, "C1", flags=("矿山企业",))
    for name in ("冲锋舟", "红外测温仪"):
        w.item(name)
        w.equip(name, holder_unit_id=county)
    found = run(w, ADVISORY, units=["C1"])
    assert rows(found) == [("C1", "规则1", 3, 2, 1, "unconfirmed")]
    w.item("矿用多参数气体检测仪 CD4")
    w.equip("矿用多参数气体检测仪 CD4", holder_unit_id=county)
    assert rows(run(w, ADVISORY, units=["C1"])) == []
