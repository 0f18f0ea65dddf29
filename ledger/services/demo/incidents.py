"""What the demo county's incidents took from its depots, what came back, and what was lost.

Each incident (a July flood, a spring forest fire, a small autumn hill fire, a landslide, a
chemical leak, a snowstorm and the county's flood drill) has issues to teams or town
governments, returns after it, and write-offs of what was damaged. Around them: stock moved to
the town points before each season, donations, stocktakes and a reversal of a mistaken entry.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ledger.core.enums import Category, Reason
from ledger.services.demo.context import Context
from ledger.services.demo.keeper import Keeper, days
from ledger.services.demo.plan import ISSUE, RECEIPT, STOCKTAKE, Plan
from ledger.services.demo.schedule import Scheduler, w


def plan_incidents(ctx: Context, keeper: Keeper, plan: Plan, code: dict[int, str]) -> None:
    """Plan every incident's documents and the stocktakes, write-offs and reversal around them."""
    s = Scheduler(ctx, keeper, plan, code)
    _flood(s, ctx.incidents["flood"].started_on)
    _forest_fires(s, ctx.incidents["forest_fire"].started_on, ctx.incidents["hill_fire"].started_on)
    _landslide(s, ctx.incidents["landslide"].started_on)
    _hazmat(s, ctx.incidents["hazmat"].started_on)
    _drill_and_snow(s, ctx.incidents["drill"].started_on, ctx.incidents["snow"].started_on)
    _housekeeping(s)


def _flood(s: Scheduler, f: date) -> None:
    pre = s.before(f, 55)
    s.move(
        2,
        6,
        pre,
        w(编织袋=3000, 救生衣=60, 铁锹=50, 排水泵=2, 防汛雨衣=40, 巡堤查险灯=20),
        "汛前物资前置",
    )
    s.move(2, 7, pre, w(编织袋=2000, 救生衣=40, 铁锹=40, 排水泵=1, 木桩=100), "汛前物资前置")
    s.issue(
        "flood_county",
        2,
        f,
        w(
            编织袋=8000,
            麻袋=500,
            土工布=6,
            木桩=300,
            铅丝="1.5",
            砂石料="80.5",
            救生衣=120,
            铁锹=150,
            防汛雨衣=100,
            排水泵=4,
            巡堤查险灯=40,
            冲锋舟=2,
            船外机=2,
        ),
        "河清县防汛抗旱应急抢险队",
        "flood",
        "抗洪抢险",
    )
    s.issue(
        "flood_hekou",
        6,
        f,
        w(编织袋=2500, 救生衣=40, 铁锹=40, 排水泵=2, 防汛雨衣=30),
        "河口镇防汛抢险队",
        "flood",
        "抗洪抢险",
    )
    s.issue(
        "flood_liulin",
        7,
        s.day(f, 1),
        w(编织袋=1800, 救生衣=30, 铁锹=30, 排水泵=1, 木桩=80),
        "柳林镇防汛抢险队",
        "flood",
        "抗洪抢险",
    )
    s.issue(
        "flood_blue_sky",
        2,
        s.day(f, 1),
        w(救生衣=40, 救生圈=20, 橡皮艇=1, 干式救援服=8),
        "河清县蓝天救援队",
        "flood",
        "水域搜救",
    )
    s.issue(
        "relief_hekou",
        1,
        s.day(f, 1),
        w(
            救灾帐篷=120,
            棉被=600,
            折叠床=400,
            矿泉水=800,
            方便面=500,
            压缩饼干=60,
            **{"84消毒液": 40},
            蚊帐=300,
            洗漱包=500,
            毛巾被=300,
        ),
        "河口镇",
        "flood",
        "转移安置受灾群众",
    )
    s.move(1, 6, s.day(f, 2), w(矿泉水=300, 方便面=200, 棉被=200), "灾情紧急调拨")
    s.gift(1, s.day(f, 3), w(矿泉水=1000, 方便面=600, 棉被=300), "河清县慈善总会", "flood")
    s.gift(1, s.day(f, 3), w(救灾帐篷=50, 折叠床=100), "清源化工股份有限公司", "flood")
    s.gift(
        1, s.day(f, 4), w(急救包=200, 医用外科口罩=300, 碘伏消毒液=200), "河清县红十字会", "flood"
    )
    s.issue(
        "relief_liulin",
        1,
        s.day(f, 4),
        w(棉被=300, 矿泉水=600, 方便面=400, 救灾帐篷=40, 急救包=60),
        "柳林镇",
        "flood",
        "转移安置受灾群众",
    )
    s.issue(
        "relief_hekou_point",
        6,
        s.day(f, 5),
        w(矿泉水=200, 方便面=150, 棉被=150),
        "河口镇",
        "flood",
        "转移安置受灾群众",
    )
    for key, share in (
        ("flood_county", 0.75),
        ("flood_hekou", 0.6),
        ("flood_liulin", 0.5),
        ("flood_blue_sky", 0.9),
    ):
        s.back(key, s.day(f, 12), share, "汛后清点归还")
    s.back(
        "relief_hekou", s.day(f, 14), 0.6, "安置点撤除，帐篷床具归还", items=("救灾帐篷", "折叠床")
    )
    s.lose(
        1, s.day(f, 20), w(救灾帐篷=8, 折叠床=15), Reason.DAMAGED, "洪灾安置使用后破损，无法修复"
    )
    s.lose(2, s.day(f, 20), w(救生衣=6), Reason.LOST, "抢险中遗失")
    s.at(
        s.day(f, 30),
        STOCKTAKE,
        lambda: s.keeper.stocktake(
            s.code[6], s.day(f, 30), {"编织袋": Decimal(-20), "铁锹": Decimal(2)}, only=("救生衣",)
        ),
    )


def _forest_fires(s: Scheduler, fire: date, hill: date) -> None:
    s.move(
        3,
        8,
        s.before(fire, 25),
        w(二号工具=60, 风力灭火机=4, 干粉灭火弹=100, 阻燃扑火服=30),
        "防火期物资前置",
    )
    s.issue(
        "fire_county",
        3,
        fire,
        w(
            风力灭火机=6,
            风水灭火机=2,
            二号工具=80,
            干粉灭火弹=120,
            阻燃扑火服=40,
            扑火头盔=40,
            油锯=2,
            矿泉水=100,
            压缩饼干=10,
            头灯=40,
        ),
        "河清县森林消防专业队",
        "forest_fire",
        "森林火灾扑救",
    )
    s.issue(
        "fire_nanshan",
        8,
        fire,
        w(二号工具=40, 风力灭火机=2, 干粉灭火弹=50, 阻燃扑火服=20, 矿泉水=50),
        "南山乡半专业森林扑火队",
        "forest_fire",
        "森林火灾扑救",
    )
    # A keeper issued head lamps to the wrong team, reversed it (红冲) and issued again.
    s.issue("wrong_team", 3, s.day(fire, 1), w(头灯=10), "南山乡综合应急救援队", "forest_fire")
    s.reverse("wrong_team", s.day(fire, 1), "领用队伍填错，红冲后重开", ISSUE)
    s.issue("right_team", 3, s.day(fire, 1), w(头灯=10), "南山乡半专业森林扑火队", "forest_fire")
    s.back("fire_county", s.day(fire, 3), 0.6, "火灾扑灭后归还")
    s.back("fire_nanshan", s.day(fire, 3), 0.5, "火灾扑灭后归还")
    s.lose(3, s.day(fire, 6), w(二号工具=10), Reason.DAMAGED, "扑火使用中损坏")
    s.issue(
        "hill_fire",
        8,
        hill,
        w(二号工具=20, 干粉灭火弹=30, 矿泉水=30),
        "西岭乡半专业森林扑火队",
        "hill_fire",
        "山林火情处置",
    )
    s.back("hill_fire", s.day(hill, 1), 0.5)


def _landslide(s: Scheduler, g: date) -> None:
    s.issue(
        "slide_relief",
        8,
        g,
        w(救灾帐篷=15, 棉被=80, 矿泉水=80, 方便面=60, 急救包=10),
        "西岭乡",
        "landslide",
        "受威胁群众转移安置",
    )
    s.issue(
        "slide_team",
        1,
        g,
        w(雷达生命探测仪=1, 手动破拆工具组=2, 救援三脚架=1, 强光手电筒=20),
        "河清县地质灾害应急救援队",
        "landslide",
        "滑坡搜救",
    )
    s.move(1, 8, s.day(g, 1), w(救灾帐篷=20, 棉被=100, 矿泉水=100), "灾后补充储备点物资")
    s.back("slide_team", s.day(g, 6), 1.0)


def _hazmat(s: Scheduler, h: date) -> None:
    s.issue(
        "hazmat",
        4,
        h,
        w(吸附棉=20, 酸碱中和剂=30, 轻型防化服=12, 洗消剂=10, 有毒气体检测仪=2, 内封式堵漏袋=2),
        "河清化工园区危化品应急救援队",
        "hazmat",
        "泄漏处置",
    )
    s.back("hazmat", s.day(h, 2), 0.3, "处置结束归还未用物资")
    s.lose(
        4,
        s.day(h, 10),
        w(酸碱中和剂=10000, 洗消剂=10000, 泡沫灭火剂=10000),
        Reason.EXPIRED,
        "过期失效，集中报废",
        expired_only=True,
    )


def _drill_and_snow(s: Scheduler, drill: date, snow: date) -> None:
    s.issue(
        "drill",
        2,
        drill,
        w(救生衣=60, 救生圈=20, 冲锋舟=1, 船外机=1, 救生抛投器=2),
        "河清县综合应急救援大队",
        "drill",
        "防汛综合演练",
    )
    s.back("drill", drill, 1.0, "演练结束归还")
    s.issue(
        "snow_longquan",
        1,
        snow,
        w(棉大衣=100, 棉被=200, 融雪剂=5, 防滑链=10, 取暖炉=30),
        "龙泉镇",
        "snow",
        "保障受困群众",
    )
    s.issue(
        "snow_yangji", 1, s.day(snow, 1), w(棉大衣=60, 融雪剂=3), "杨集镇", "snow", "保障受困群众"
    )


def _housekeeping(s: Scheduler) -> None:
    ctx = s.ctx
    start, today = ctx.start, ctx.today
    # A receipt typed with an extra zero, reversed the same day and entered again.
    day = start + days(40)
    supplier = "河清县宏达商贸有限公司"
    s.receive("wrong", 1, day, w(棉被=1000), supplier, "政府采购")
    s.reverse("wrong", day, "数量多录一个零，红冲", RECEIPT)
    s.receive("corrected", 1, day, w(棉被=100), supplier, "政府采购（更正）")
    purge = max(today - days(60), start + days(60))
    food = w(
        方便面=10**6,
        矿泉水=10**6,
        自热米饭=10**6,
        **{"84消毒液": 10**6},
        医用外科口罩=10**6,
        碘伏消毒液=10**6,
        生理盐水=10**6,
    )
    s.lose(1, purge, food, Reason.EXPIRED, "过期物资集中报废", expired_only=True)
    s.lose(1, s.day(start, 150), w(数字对讲机=2), Reason.LOST, "借用后遗失，已追责")
    s.lose(6, s.day(start, 200), w(铁锹=5), Reason.STOLEN, "存储点门锁被撬，已报警")
    s.at(
        max(today - days(45), start + days(30)),
        STOCKTAKE,
        lambda: s.keeper.stocktake(
            s.code[1],
            max(today - days(45), start + days(30)),
            {"毛毯": Decimal(-2), "头灯": Decimal(3), "劳保手套": Decimal(-12)},
        ),
    )
    s.at(
        max(today - days(20), start + days(31)),
        STOCKTAKE,
        lambda: s.keeper.stocktake(
            s.code[3],
            max(today - days(20), start + days(31)),
            {"三号工具": Decimal(-1)},
            category=Category.FOREST_FIRE,
        ),
    )
