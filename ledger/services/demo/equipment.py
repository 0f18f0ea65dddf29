"""Serial-numbered equipment (装备) held by villages, towns, the county and teams, and its upkeep.

Villages hold the "5+X" kit (卫星电话, 应急发电机, 排水泵, 微型消防站, 手持扩音器), not always
complete; the county holds the "四合一" command kit; teams hold their speciality's equipment.
Every piece with a maintenance interval gets a log; about one in eight is overdue.
"""

from __future__ import annotations

from datetime import date, timedelta

from ledger.core.enums import EquipmentStatus, Level, TeamType
from ledger.models import Equipment, Maintenance, OrgUnit, Team
from ledger.services.demo.context import Context
from ledger.services.demo.keeper import Keeper
from ledger.services.demo.people import years_before

VILLAGE_KIT = (
    ("卫星电话", 0.85),
    ("应急发电机", 0.8),
    ("排水泵", 0.75),
    ("微型消防站", 0.7),
    ("手持扩音器", 0.92),
)
TOWN_KIT = (
    ("卫星电话", 2),
    ("北斗终端", 1),
    ("天通卫星全网通终端", 1),
    ("370M窄带手持终端", 4),
    ("应急发电机", 2),
    ("无人机", 1),
    ("单兵装备", 1),
)
COUNTY_KIT = (
    ("卫星电话", 3),
    ("应急指挥车", 1),
    ("无人机", 2),
    ("单兵装备", 2),
    ("应急移动方舱", 1),
    ("370M窄带车载终端", 2),
)
COUNTY_TEAM_KIT = {
    TeamType.COMPREHENSIVE: (
        ("无人机", 2),
        ("液压破拆工具组", 1),
        ("音视频生命探测仪", 1),
        ("应急发电机", 2),
        ("移动照明灯塔", 1),
        ("卫星电话", 2),
    ),
    TeamType.FLOOD: (
        ("冲锋舟", 3),
        ("船外机", 3),
        ("橡皮艇", 2),
        ("排水泵", 6),
        ("大功率潜水电泵", 1),
        ("移动照明灯塔", 1),
    ),
    TeamType.FOREST_FIRE: (
        ("风力灭火机", 20),
        ("风水灭火机", 6),
        ("油锯", 4),
        ("割灌机", 4),
        ("移动水泵灭火系统", 2),
        ("智能头盔", 10),
        ("全道路运兵车", 1),
    ),
    TeamType.FIRE: (("正压式消防空气呼吸器", 20), ("手抬机动消防泵", 2), ("高倍数泡沫发生器", 1)),
    TeamType.COMMS: (
        ("背负式卫星便携站", 1),
        ("系留无人机", 1),
        ("无人机", 3),
        ("单兵装备", 4),
        ("370M窄带移动基站", 1),
        ("便携式中继台", 2),
        ("应急通信保障车", 1),
    ),
    TeamType.GEOHAZARD: (("无人机", 1), ("北斗终端", 4)),
    TeamType.MINE: (("正压氧气呼吸器", 12), ("矿用多参数气体检测仪", 4), ("矿用潜水泵", 2)),
    TeamType.OTHER: (("无人机", 1), ("橡皮艇", 2), ("卫星电话", 1)),
    TeamType.HAZMAT: (
        ("有毒气体检测仪", 4),
        ("手持式危险化学品拉曼光谱仪", 1),
        ("防爆输转泵", 1),
        ("洗消帐篷", 1),
    ),
}
TOWN_TEAM_KIT = {
    TeamType.COMPREHENSIVE: (("应急发电机", 1), ("排水泵", 2)),
    TeamType.FLOOD: (("排水泵", 3), ("冲锋舟", 1), ("船外机", 1)),
    TeamType.FOREST_FIRE: (("风力灭火机", 6), ("油锯", 1)),
    TeamType.FIRE: (("手抬机动消防泵", 1), ("正压式消防空气呼吸器", 6)),
}
SERVICE = "澄州市安达应急装备有限公司（维保）"


def build_equipment(ctx: Context, keeper: Keeper) -> None:
    """Give units and teams their equipment, then a maintenance log to every piece."""
    for village in ctx.villages:
        for name, chance in VILLAGE_KIT:
            if ctx.rng.random() < chance or (name == "排水泵" and "防汛重点" in village.flags):
                _hold(ctx, keeper, name, village)
        if "森林防灭火任务" in village.flags and ctx.rng.random() < 0.6:
            for _ in range(ctx.rng.randint(1, 2)):
                _hold(ctx, keeper, "风力灭火机", village)
    for town in ctx.towns:
        for name, count in TOWN_KIT:
            for _ in range(ctx.rng.randint(max(0, count - 1), count)):
                _hold(ctx, keeper, name, town)
    for name, count in COUNTY_KIT:
        for _ in range(count):
            _hold(ctx, keeper, name, ctx.county)
    for team in ctx.teams.values():
        level = ctx.units_by_id[team.unit_id].level
        kit = COUNTY_TEAM_KIT if level in (Level.COUNTY, Level.ZONE) else TOWN_TEAM_KIT
        if level is Level.VILLAGE:
            continue
        for name, count in kit.get(team.team_type, ()):
            for _ in range(ctx.rng.randint(max(1, count - count // 3), count)):
                _hold(ctx, keeper, name, team)
    for equipment in sorted(ctx.equipment.values(), key=lambda e: e.serial):
        _maintain(ctx, equipment)


def _hold(ctx: Context, keeper: Keeper, name: str, holder: OrgUnit | Team) -> None:
    item = ctx.item(name)
    bought = years_before(ctx.today, ctx.rng.randint(1, 6)) - timedelta(
        days=ctx.rng.randint(0, 300)
    )
    serial = keeper.new_serials(item.code, bought, 1)[0]
    roll = ctx.rng.random()
    status = (
        EquipmentStatus.SCRAPPED
        if roll < 0.01
        else EquipmentStatus.REPAIR
        if roll < 0.04
        else EquipmentStatus.IN_USE
    )
    equipment = Equipment(
        serial=serial,
        item_id=item.id,
        holder_unit_id=holder.id if isinstance(holder, OrgUnit) else None,
        holder_team_id=holder.id if isinstance(holder, Team) else None,
        status=status,
        purchased_on=bought,
        note="已送修" if status is EquipmentStatus.REPAIR else "",
    )
    ctx.add(equipment)
    ctx.equipment[serial] = equipment


def _maintain(ctx: Context, equipment: Equipment) -> None:
    """Log past maintenance; the last one decides the next due date (some are overdue)."""
    item = ctx.items_by_id[equipment.item_id]
    interval = item.maintenance_interval_days
    bought = equipment.purchased_on or ctx.start
    if interval is None:
        return
    if ctx.rng.random() < 0.03:
        equipment.next_due_on = bought + timedelta(days=interval)  # never maintained
        return
    last = max(ctx.today - timedelta(days=ctx.rng.randint(0, int(interval * 1.15))), bought)
    equipment.last_maintained_on = last
    equipment.next_due_on = last + timedelta(days=interval)
    done = last
    for _ in range(3):  # the last three entries of the log
        if done < max(bought, ctx.start - timedelta(days=30)):
            break
        kind = "检查" if ctx.rng.random() < 0.2 else "保养"
        ctx.add(Maintenance(equipment_id=equipment.id, done_on=done, kind=kind, done_by=_who(ctx)))
        done -= timedelta(days=interval + ctx.rng.randint(-10, 10))
    if equipment.status is EquipmentStatus.REPAIR:
        ctx.add(
            Maintenance(
                equipment_id=equipment.id,
                done_on=ctx.today - timedelta(days=ctx.rng.randint(1, 40)),
                kind="维修",
                done_by=SERVICE,
                note="故障送修",
            )
        )
    elif equipment.status is EquipmentStatus.SCRAPPED:
        ctx.add(
            Maintenance(
                equipment_id=equipment.id,
                done_on=_clip(ctx, last + timedelta(days=5)),
                kind="报废",
                done_by=SERVICE,
                note="鉴定无修复价值",
            )
        )


def _clip(ctx: Context, day: date) -> date:
    return min(day, ctx.today)


def _who(ctx: Context) -> str:
    return SERVICE if ctx.rng.random() < 0.3 else ctx.people.any_name()
