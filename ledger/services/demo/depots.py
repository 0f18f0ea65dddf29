"""The demo county's depots (储备库/存储点), counterparties (往来单位) and incidents (事件).

Nine depots on the plans' levels: two county depots named as 汶上 asks (one of them short of
its 2000 m²), a forest-fire depot, the chemical park's depot and town storage points, one of
them the 90 m² reserve point of a remote township.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from ledger.core.enums import Category, CounterpartyKind, IncidentKind, Level
from ledger.models import Counterparty, Depot, Incident, OrgUnit
from ledger.services.demo.context import Context
from ledger.services.demo.geography import place_depot


@dataclass(frozen=True)
class DepotSpec:
    """A depot: where it is, how big, and which categories and extra items it stocks."""

    number: int
    name: str
    #: The home unit's name (``None``: the county).
    town: str | None
    kind: str
    area: str
    address: str
    categories: tuple[Category, ...]
    extras: tuple[str, ...] = ()
    scale: float = 1.0


C = Category
DEPOTS = (
    DepotSpec(
        1,
        "河清县应急物资储备库",
        None,
        "县级应急物资储备库",
        "2600",
        "河清县城关街道建设路88号",
        (
            C.LIVING,
            C.MEDICAL,
            C.PROTECTION,
            C.LIGHTING_POWER,
            C.COMMS,
            C.EARTHQUAKE,
            C.ROAD,
            C.FIRE,
            C.OTHER,
        ),
    ),
    DepotSpec(
        2,
        "河清县水旱灾害防御物资库",
        None,
        "县级水旱灾害防御物资库",
        "1800",
        "河清县滨河街道沿河路16号",
        (C.FLOOD,),
        (
            "应急发电机",
            "柴油发电机组",
            "移动照明灯塔",
            "强光手电筒",
            "头灯",
            "救援头盔",
            "高筒雨靴",
            "干式救援服",
            "水域救援头盔",
            "救援手套",
            "安全绳",
        ),
    ),
    DepotSpec(
        3,
        "河清县森林防灭火物资装备库",
        None,
        "森林防灭火物资装备库",
        "650",
        "河清县南山乡林场路3号",
        (C.FOREST_FIRE,),
        (
            "季德胜蛇药片",
            "急救包",
            "矿泉水",
            "压缩饼干",
            "头灯",
            "强光手电筒",
            "数字对讲机",
            "卫星电话",
            "北斗终端",
            "睡袋",
            "救灾帐篷",
        ),
    ),
    DepotSpec(
        4,
        "河清化工园区应急物资库",
        "河清化工园区",
        "园区应急物资库",
        "420",
        "河清化工园区纬三路9号",
        (C.HAZMAT, C.FIRE),
        ("全面罩防毒面具", "滤毒罐", "防尘口罩", "护目镜", "防爆对讲机"),
        0.6,
    ),
    DepotSpec(
        5,
        "城关街道应急物资存储点",
        "城关街道",
        "乡镇存储点",
        "120",
        "城关街道办事处院内",
        (C.LIVING,),
        ("急救包", "干粉灭火器", "强光手电筒", "手持扩音器"),
        0.3,
    ),
    DepotSpec(
        6,
        "河口镇应急物资存储点",
        "河口镇",
        "乡镇存储点",
        "260",
        "河口镇政府东侧",
        (C.FLOOD,),
        ("棉被", "救灾帐篷", "矿泉水", "方便面", "强光手电筒", "应急发电机"),
        0.3,
    ),
    DepotSpec(
        7,
        "柳林镇应急物资存储点",
        "柳林镇",
        "乡镇存储点",
        "200",
        "柳林镇柳林大道12号",
        (C.FLOOD,),
        ("棉被", "折叠床", "矿泉水", "急救包", "数字对讲机"),
        0.25,
    ),
    DepotSpec(
        8,
        "西岭乡救灾物资储备点",
        "西岭乡",
        "救灾物资储备点",
        "90",
        "西岭乡政府院内",
        (),
        (
            "二号工具",
            "三号工具",
            "风力灭火机",
            "干粉灭火弹",
            "阻燃扑火服",
            "救灾帐篷",
            "棉被",
            "棉大衣",
            "矿泉水",
            "方便面",
            "急救包",
            "卫星电话",
            "强光手电筒",
        ),
        0.3,
    ),
    DepotSpec(
        9,
        "石门镇矿山救援物资存储点",
        "石门镇",
        "乡镇存储点",
        "150",
        "石门镇工业路5号",
        (C.MINE_RESCUE,),
        ("急救包", "头灯", "安全帽"),
        0.6,
    ),
)

SUPPLIERS = {
    "澄州市安达应急装备有限公司": (C.EARTHQUAKE, C.LIGHTING_POWER, C.PROTECTION, C.ROAD, C.OTHER),
    "澄州市恒信防汛物资有限公司": (C.FLOOD,),
    "澄州市绿源林业机械有限公司": (C.FOREST_FIRE,),
    "河清县宏达商贸有限公司": (C.LIVING,),
    "澄州市康泰医药有限公司": (C.MEDICAL,),
    "澄州市天翼通信设备有限公司": (C.COMMS,),
    "中原华安消防器材有限公司": (C.FIRE, C.HAZMAT, C.MINE_RESCUE),
}
DONORS = ("河清县慈善总会", "河清县红十字会", "清源化工股份有限公司", "澄州市爱心企业家联合会")
ENTERPRISES = ("河清县惠民超市有限公司（协议储备）", "河清县永安建材有限公司（协议储备）")


def build_depots(ctx: Context) -> None:
    """Create the depots, the counterparties documents name, and the year's incidents."""
    by_name = {t.name: t for t in ctx.towns}
    for spec in DEPOTS:
        unit = by_name[spec.town] if spec.town else ctx.county
        keepers = "、".join(ctx.people.any_name() for _ in range(2))
        depot = Depot(
            code=f"{ctx.county.code[:6]}K{spec.number:02d}",
            name=spec.name,
            unit_id=unit.id,
            kind=spec.kind,
            area_m2=Decimal(spec.area),
            address=spec.address,
            keepers=keepers,
        )
        place_depot(depot, unit)
        ctx.add(depot)
        ctx.depots[depot.code] = depot
        ctx.depot_specs[depot.code] = spec
    _counterparties(ctx)
    _incidents(ctx, by_name)


def government(town: OrgUnit) -> str:
    """The name of a town's government as a receiving unit (…人民政府, …办事处, …管委会)."""
    if town.level is Level.ZONE:
        return town.name + "管委会"
    return town.name + ("办事处" if town.name.endswith("街道") else "人民政府")


def _counterparties(ctx: Context) -> None:
    def add(name: str, kind: CounterpartyKind) -> None:
        person = ctx.people.person(min_age=28, max_age=58)
        ctx.add(Counterparty(name=name, kind=kind, contact=person.name, phone=person.phone))
        ctx.counterparties.setdefault(kind.value, []).append(name)

    for name in SUPPLIERS:
        add(name, CounterpartyKind.SUPPLIER)
    for name in DONORS:
        add(name, CounterpartyKind.DONOR)
    for name in ENTERPRISES:
        add(name, CounterpartyKind.ENTERPRISE)
    for town in ctx.towns:
        add(government(town), CounterpartyKind.UNIT)
    for team in ctx.teams.values():
        if ctx.units_by_id[team.unit_id].level is not Level.VILLAGE:
            add(team.name, CounterpartyKind.TEAM)


def _incidents(ctx: Context, towns: dict[str, OrgUnit]) -> None:
    def add(
        key: str,
        kind: IncidentKind,
        town: str | None,
        start: date,
        days: int,
        name: str,
        place: str,
    ) -> None:
        unit = towns[town] if town else ctx.county
        incident = Incident(
            code=f"SJ-{start.year}-{len(ctx.incidents) + 1:03d}",
            unit_id=unit.id,
            kind=kind,
            name=name,
            started_on=start,
            ended_on=min(start + timedelta(days=days), ctx.today),
            place=place,
        )
        ctx.add(incident)
        ctx.incidents[key] = incident

    def tag(day: date) -> str:
        return f"“{day.month}·{day.day}”"

    flood = ctx.seasonal(7, 18, margin=40)
    add(
        "flood",
        IncidentKind.FLOOD,
        "河口镇",
        flood,
        9,
        f"{flood.year}年{tag(flood)}暴雨洪涝灾害",
        "河口镇、柳林镇沿河村庄",
    )
    fire = ctx.seasonal(3, 28, margin=30)
    add(
        "forest_fire",
        IncidentKind.FOREST_FIRE,
        "南山乡",
        fire,
        2,
        f"南山乡{tag(fire)}森林火灾",
        "南山乡老虎岭林区",
    )
    small = ctx.seasonal(11, 2, margin=8)
    add(
        "hill_fire",
        IncidentKind.FOREST_FIRE,
        "西岭乡",
        small,
        1,
        f"西岭乡{tag(small)}山林火情",
        "西岭乡后山",
    )
    hazmat = ctx.seasonal(9, 6, margin=20)
    add(
        "hazmat",
        IncidentKind.ACCIDENT,
        "河清化工园区",
        hazmat,
        1,
        f"河清化工园区{tag(hazmat)}硫酸储罐泄漏事故",
        "河清化工园区纬三路某企业",
    )
    slide = ctx.seasonal(8, 3, margin=20)
    add(
        "landslide",
        IncidentKind.GEOHAZARD,
        "西岭乡",
        slide,
        4,
        f"西岭乡{tag(slide)}山体滑坡",
        "西岭乡上沟村",
    )
    drill = ctx.seasonal(6, 12, margin=1)
    add(
        "drill",
        IncidentKind.DRILL,
        None,
        drill,
        0,
        f"{drill.year}年河清县防汛抢险综合应急演练",
        "滨河街道沿河公园段",
    )
    snow = ctx.seasonal(1, 20, margin=15)
    add(
        "snow",
        IncidentKind.OTHER,
        "龙泉镇",
        snow,
        5,
        f"{snow.year}年{tag(snow)}低温雨雪冰冻天气",
        "龙泉镇、杨集镇",
    )
