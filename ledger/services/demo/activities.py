"""Drills (演练) and training records (培训) of the demo county over its year.

荥阳 asks at least one comprehensive drill a year at county and town level and about 5 training
days a year for each emergency officer; most towns meet that, a few do not.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ledger.core.enums import Level, PostKind, TeamType, Trainee
from ledger.models import Drill, OrgUnit, Team, Training
from ledger.services.demo.context import Context

DRILL_PLANS = {
    TeamType.COMPREHENSIVE: ("综合应急演练", "突发事件总体应急预案"),
    TeamType.FLOOD: ("防汛抢险演练", "防汛应急预案"),
    TeamType.FOREST_FIRE: ("森林火灾扑救演练", "森林火灾应急预案"),
    TeamType.MINE: ("矿山事故救援演练", "矿山事故应急预案"),
    TeamType.HAZMAT: ("危化品泄漏处置演练", "危险化学品事故应急预案"),
    TeamType.FIRE: ("消防灭火救援演练", "火灾事故应急预案"),
    TeamType.GEOHAZARD: ("地质灾害避险转移演练", "地质灾害应急预案"),
    TeamType.COMMS: ("应急通信保障演练", "应急通信保障预案"),
    TeamType.OTHER: ("山地搜救演练", "突发事件总体应急预案"),
}


def build_activities(ctx: Context) -> None:
    """Record the year's drills and training days."""
    _county_drills(ctx)
    _town_drills(ctx)
    _village_drills(ctx)
    _officer_training(ctx)
    _team_training(ctx)


def _drill(
    ctx: Context,
    unit: OrgUnit,
    team: Team | None,
    on: date,
    title: str,
    plan: str,
    participants: int,
    *,
    comprehensive: bool = False,
) -> None:
    ctx.add(
        Drill(
            unit_id=unit.id,
            team_id=team.id if team else None,
            held_on=on,
            title=title,
            plan=plan,
            comprehensive=comprehensive,
            participants=participants,
        )
    )


def _county_drills(ctx: Context) -> None:
    county = ctx.county
    june = ctx.seasonal(6, 12, margin=1)
    _drill(
        ctx,
        county,
        None,
        june,
        f"{june.year}年河清县防汛抢险综合应急演练",
        "河清县防汛应急预案",
        260,
        comprehensive=True,
    )
    march = ctx.seasonal(3, 20, margin=1)
    _drill(
        ctx,
        county,
        None,
        march,
        f"{march.year}年河清县森林火灾扑救实战演练",
        "河清县森林火灾应急预案",
        180,
        comprehensive=True,
    )
    for team in ctx.teams.values():
        if team.unit_id == county.id or ctx.rng.random() < 0.25:
            if ctx.units_by_id[team.unit_id].level is Level.VILLAGE:
                continue
            title, plan = DRILL_PLANS[team.team_type]
            active = len([m for m in ctx.members[team.code] if m.left_on is None])
            _drill(
                ctx,
                ctx.units_by_id[team.unit_id],
                team,
                ctx.days_ago(10, 350),
                f"{team.name}{title}",
                plan,
                active,
            )


def _town_drills(ctx: Context) -> None:
    towns = list(ctx.towns)
    idle = set(ctx.rng.sample(range(len(towns)), 3))
    for index, town in enumerate(towns):
        if index in idle:
            # Last drill more than a year ago: the yearly drill rule has a finding here.
            _drill(
                ctx,
                town,
                None,
                ctx.days_ago(380, 520),
                f"{town.name}综合应急演练",
                f"{town.name}突发事件总体应急预案",
                ctx.rng.randint(40, 90),
                comprehensive=True,
            )
            continue
        for _ in range(ctx.rng.randint(1, 2)):
            _drill(
                ctx,
                town,
                None,
                ctx.days_ago(7, 350),
                f"{town.name}综合应急演练",
                f"{town.name}突发事件总体应急预案",
                ctx.rng.randint(40, 150),
                comprehensive=True,
            )


def _village_drills(ctx: Context) -> None:
    for village in ctx.villages:
        if ctx.rng.random() < 0.4:
            kind = (
                "地质灾害避险"
                if "地质灾害隐患" in village.flags
                else "防汛避险转移"
                if ("防汛重点" in village.flags)
                else "应急疏散"
            )
            _drill(
                ctx,
                village,
                None,
                ctx.days_ago(7, 350),
                f"{village.name}{kind}演练",
                f"{village.name}应急预案",
                ctx.rng.randint(30, 200),
            )


def _officer_training(ctx: Context) -> None:
    """Two county trainings a year for the emergency officers of the county and its towns."""
    sessions = [
        (ctx.seasonal(4, 8, margin=1), Decimal(3), "全县基层应急管理干部集中培训"),
        (ctx.seasonal(9, 16, margin=1), Decimal(2), "应急管理业务能力提升培训"),
    ]
    officers = [
        post
        for unit in [ctx.county, *ctx.towns]
        for post in ctx.posts_by_unit.get(unit.id, [])
        if post.kind is PostKind.EMERGENCY_OFFICER and post.until is None
    ]
    for post in officers:
        for started, days, subject in sessions:
            if ctx.rng.random() < 0.82:
                ctx.add(
                    Training(
                        unit_id=post.unit_id,
                        person=post.name,
                        started_on=started,
                        days=days,
                        subject=subject,
                        trainee=Trainee.STAFF,
                    )
                )


def _team_training(ctx: Context) -> None:
    for team in ctx.teams.values():
        unit = ctx.units_by_id[team.unit_id]
        village = unit.level is Level.VILLAGE
        if village and ctx.rng.random() < 0.5:
            continue
        sessions = 1 if village else ctx.rng.randint(1, 2)
        for _ in range(sessions):
            started = ctx.days_ago(10, 340)
            days = Decimal(1) if village else Decimal(ctx.rng.choice((1, 2, 3)))
            subject = (
                "村级应急救援队伍基础技能培训" if village else f"{team.team_type.label}专业技能培训"
            )
            for member in ctx.members[team.code]:
                if member.active_on(started) and ctx.rng.random() < 0.85:
                    ctx.add(
                        Training(
                            unit_id=unit.id,
                            member_id=member.id,
                            person=member.name,
                            id_number=member.id_number,
                            started_on=started,
                            days=days,
                            subject=subject,
                            trainee=Trainee.MEMBER,
                        )
                    )
                    member.training_hours += days * 8
