"""The demo county's administrative tree (行政区划) and the people in its posts (岗位人员).

河清县 is fictional: a county of 澄州市 in 河南省 with 3 街道, 10 镇, 2 乡 and a 化工园区, and
about 200 villages and communities. Codes follow the 12-digit statistical scheme: 街道 001–099,
镇 100–199, 乡 200–399, 功能区 400–; 社区 001–199 and 村 200–399 within a town.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import timedelta

from ledger.core.enums import Level, PostKind
from ledger.core.errors import UnknownRecord
from ledger.models import OrgUnit, Post
from ledger.services.demo.context import COUNTY_CODE, Context
from ledger.services.demo.geography import place_units
from ledger.services.norms.profiles import bind_profile

#: The norm profile of 河南省's plan, which the demo county follows.
PROVINCE_PLAN = "henan-2021-66"


@dataclass(frozen=True)
class TownSpec:
    """A town-level unit: code within the county, name, flags, villages and communities."""

    code: str
    name: str
    flags: tuple[str, ...]
    villages: int
    communities: int
    level: Level = Level.TOWN


FOREST = ("森林防灭火任务", "森林火灾高风险区")
TOWNS = (
    TownSpec("001", "城关街道", ("人口密集",), 0, 12, Level.STREET),
    TownSpec("002", "东城街道", ("人口密集",), 0, 9, Level.STREET),
    TownSpec("003", "滨河街道", ("防汛重点",), 4, 8, Level.STREET),
    TownSpec("101", "河口镇", ("防汛重点", "灾害风险高"), 16, 1),
    TownSpec("102", "柳林镇", ("防汛重点", "全国重点镇"), 15, 1),
    TownSpec("103", "龙泉镇", ("省级中心镇",), 14, 1),
    TownSpec("104", "石门镇", ("矿山企业", "森林防灭火任务", "地质灾害隐患"), 12, 0),
    TownSpec("105", "白沙镇", ("防汛重点",), 14, 0),
    TownSpec("106", "杨集镇", ("省级中心镇",), 15, 1),
    TownSpec("107", "双桥镇", (), 13, 0),
    TownSpec("108", "青山镇", FOREST, 12, 0),
    TownSpec("109", "清水镇", ("防汛重点",), 13, 0),
    TownSpec("110", "高村镇", ("事故灾害多发",), 12, 0),
    TownSpec("201", "南山乡", (*FOREST, "地质灾害隐患"), 11, 0),
    TownSpec("202", "西岭乡", (*FOREST, "交通不便", "灾害风险高", "地质灾害隐患"), 10, 0),
    TownSpec("401", "河清化工园区", ("化工园区", "危化企业", "事故灾害多发"), 0, 2, Level.ZONE),
)

COMMUNITY_NAMES = (
    "建设路 人民路 文化路 解放路 新华 南关 北关 东关 西关 滨河 育才 光明 和平 幸福 康宁 "
    "锦绣 朝阳 清华园 银河 桃园 金水 府前 迎宾 花园 友谊 裕华 龙湖 紫荆 东湖 工业 园区"
)
VILLAGE_HEADS = (
    "张 王 李 赵 刘 陈 杨 黄 周 吴 孙 马 朱 胡 郭 高 罗 郑 宋 韩 冯 董 程 曹 袁 许 姚 崔 贾 "
    "牛 苏 范 郝 段 樊 侯 尚 岳 柳 槐 杏 桃 枣 石 沙 泉 杨树 榆林 松林 柏树 双井 三里 五里 "
    "七里 十里 前 后 东 西 南 北 上 下 大 小 新 老 古城 白土 黄土 红石 青龙 卧龙 盘龙 龙王"
)
VILLAGE_TAILS = "庄 营 寨 岗 沟 洼 河 桥 楼 集 店 屯 坡 湾 园 堂 口 湖 寺 铺 坪 峪 村 院 窑 台 岭"
COMMUNITIES, HEADS, TAILS = (
    tuple(t.split()) for t in (COMMUNITY_NAMES, VILLAGE_HEADS, VILLAGE_TAILS)
)


def build_places(ctx: Context) -> None:
    """Create the province, city, county, towns and villages, and fill their posts."""
    province = _unit(ctx, "410000000000", "河南省", Level.PROVINCE, None, ())
    city = _unit(ctx, "411900000000", "澄州市", Level.CITY, province, ())
    county = _unit(ctx, COUNTY_CODE, "河清县", Level.COUNTY, city, ("防汛重点", "森林防灭火任务"))
    used: set[str] = set()
    for spec in TOWNS:
        town = _unit(
            ctx, COUNTY_CODE[:6] + spec.code + "000", spec.name, spec.level, county, spec.flags
        )
        ctx.towns.append(town)
        for number in range(1, spec.communities + 1):
            name = _community_name(ctx, used, town.name)
            _village(ctx, town, spec, f"{number:03d}", name + "社区", community=True)
        for number in range(1, spec.villages + 1):
            name = _village_name(ctx, used)
            _village(ctx, town, spec, f"{200 + number:03d}", name + "村", community=False)
        town.population = sum(
            v.population or 0 for v in ctx.villages if ctx.town_of[v.code] is town
        )
    county.population = sum(t.population or 0 for t in ctx.towns)
    city.population = county.population * 6 + ctx.rng.randint(0, 99_999)
    province.population = 98_720_000
    place_units(ctx, county)
    for unit in [county, *ctx.towns, *ctx.villages]:
        _posts(ctx, unit)
    _bind_plan(ctx, province)


def _bind_plan(ctx: Context, province: OrgUnit) -> None:
    """Bind the province to its own plan (豫政〔2021〕66号); every unit below inherits it."""
    # A build without the shipped profiles leaves the units unbound.
    with suppress(UnknownRecord):
        bind_profile(ctx.session, ctx.actor, province.id, PROVINCE_PLAN)


def _unit(
    ctx: Context,
    code: str,
    name: str,
    level: Level,
    parent: OrgUnit | None,
    flags: tuple[str, ...],
    population: int | None = None,
) -> OrgUnit:
    unit = OrgUnit(
        code=code,
        name=name,
        level=level,
        parent_id=parent.id if parent else None,
        population=population,
        flags=list(flags),
        note="演示数据（虚构）" if level is Level.COUNTY else "",
    )
    ctx.add(unit)
    ctx.units[code] = unit
    ctx.units_by_id[unit.id] = unit
    return unit


def _village(
    ctx: Context, town: OrgUnit, spec: TownSpec, number: str, name: str, *, community: bool
) -> None:
    rng = ctx.rng
    population = rng.randint(2500, 11000) if community else rng.randint(650, 4200)
    flags = []
    if "防汛重点" in spec.flags and rng.random() < 0.5:
        flags.append("防汛重点")
    if "森林防灭火任务" in spec.flags and not community and rng.random() < 0.65:
        flags.append("森林防灭火任务")
        if rng.random() < 0.4:
            flags.append("森林火灾高风险区")
    if "交通不便" in spec.flags and rng.random() < 0.4:
        flags.append("交通不便")
    if "地质灾害隐患" in spec.flags and rng.random() < 0.3:
        flags.append("地质灾害隐患")
    if community and "人口密集" in spec.flags and rng.random() < 0.5:
        flags.append("人口密集")
    if rng.random() < 0.04:
        flags.append("灾害风险高")
    village = _unit(
        ctx, town.code[:9] + number, name, Level.VILLAGE, town, tuple(flags), population
    )
    ctx.villages.append(village)
    ctx.town_of[village.code] = town


def _village_name(ctx: Context, used: set[str]) -> str:
    while True:
        name = ctx.rng.choice(HEADS) + ctx.rng.choice(TAILS)
        if name not in used:
            used.add(name)
            return name


def _community_name(ctx: Context, used: set[str], town_name: str) -> str:
    for name in ctx.rng.sample(COMMUNITIES, len(COMMUNITIES)):
        if name not in used:
            used.add(name)
            return name
    return town_name[:2] + f"第{len(used)}"


def _posts(ctx: Context, unit: OrgUnit) -> None:
    """Fill a unit's posts, leaving some empty so the 一站两员 checks have gaps to find."""
    rng = ctx.rng
    village = unit.level is Level.VILLAGE
    odds = {
        PostKind.EMERGENCY_OFFICER: 0.93 if village else 1.0,
        PostKind.DISASTER_INFORMANT: 0.95 if village else 1.0,
        PostKind.DISASTER_INFORMANT_B: 0.72 if village else 0.9,
        PostKind.SAFETY_ADVISOR: 0.9 if village else 0.0,
    }
    for kind, chance in odds.items():
        if rng.random() < chance:
            _post(ctx, unit, kind)
    if village:
        for _ in range(0 if rng.random() < 0.05 else rng.randint(1, 3)):
            _post(ctx, unit, PostKind.GRID_WORKER)


def _post(ctx: Context, unit: OrgUnit, kind: PostKind) -> None:
    person = ctx.people.person(min_age=25, max_age=58, female_share=0.35)
    since = ctx.days_ago(30, 365 * 6)
    if ctx.rng.random() < 0.06:
        # The previous holder left during the year; the post was filled again since.
        left = ctx.days_ago(20, 300)
        before = ctx.people.person(min_age=30, max_age=60, female_share=0.3)
        earlier = left - timedelta(days=ctx.rng.randint(400, 2000))
        _record(
            ctx,
            Post(
                unit_id=unit.id,
                kind=kind,
                name=before.name,
                phone=before.phone,
                since=earlier,
                until=left,
            ),
        )
        since = left + timedelta(days=ctx.rng.randint(0, 15))
    _record(
        ctx, Post(unit_id=unit.id, kind=kind, name=person.name, phone=person.phone, since=since)
    )


def _record(ctx: Context, post: Post) -> None:
    ctx.add(post)
    ctx.posts_by_unit.setdefault(post.unit_id, []).append(post)
