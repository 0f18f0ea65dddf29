"""The demo county's rescue teams (救援队伍) with their members (队员) and certificates.

Sizes straddle the plans' minima on purpose, so shortfalls have something to find: the county
comprehensive team has about 55 members (≥50), town comprehensive teams 18–35 (荥阳 asks ≥30,
河南省 ≥20), village teams 6–14 (荥阳 asks ≥10); a few villages have no team at all, and some
members left during the year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ledger.core.enums import Level, Nature, TeamType
from ledger.models import Certificate, Member, OrgUnit, Team
from ledger.services.demo.context import Context
from ledger.services.demo.people import years_before


@dataclass(frozen=True)
class TeamSpec:
    """A team to create: its home unit, name, type, nature and active headcount."""

    unit: OrgUnit
    name: str
    team_type: TeamType
    nature: Nature
    size: int
    founded_years_ago: tuple[int, int] = (3, 6)


ROLES = {
    TeamType.COMPREHENSIVE: ("安全员", "通信员", "驾驶员", "卫生员"),
    TeamType.FLOOD: ("舟艇驾驶员", "安全员", "机械操作手", "通信员"),
    TeamType.FOREST_FIRE: ("扑火队员", "风力灭火机手", "油锯手", "通信员", "卫生员"),
    TeamType.MINE: ("救护队员", "仪器工", "安全员"),
    TeamType.HAZMAT: ("侦检员", "堵漏员", "洗消员", "安全员"),
    TeamType.FIRE: ("战斗员", "驾驶员", "通信员"),
    TeamType.GEOHAZARD: ("监测员", "技术员", "安全员"),
    TeamType.COMMS: ("无人机飞手", "卫星通信员", "通信员", "驾驶员"),
    TeamType.OTHER: ("搜救队员", "绳索救援员", "水域救援员", "卫生员"),
}
CERTIFICATES = {
    TeamType.COMPREHENSIVE: ("应急救援员职业技能等级证书", 4),
    TeamType.FLOOD: ("内河船舶船员适任证书", 5),
    TeamType.FOREST_FIRE: ("森林消防员培训合格证", 3),
    TeamType.MINE: ("矿山救护队员资格证", 3),
    TeamType.HAZMAT: ("危险化学品应急救援培训合格证", 3),
    TeamType.FIRE: ("消防员职业技能等级证书", 4),
    TeamType.GEOHAZARD: ("地质灾害防治培训合格证", 3),
    TeamType.COMMS: ("民用无人机操控员执照", 2),
    TeamType.OTHER: ("红十字救护员证", 3),
}


def build_teams(ctx: Context) -> None:
    """Create every team of the county, its towns and villages, with members."""
    for spec in _county_teams(ctx) + _town_teams(ctx) + _village_teams(ctx):
        _team(ctx, spec)


def _county_teams(ctx: Context) -> list[TeamSpec]:
    county = ctx.county
    zone = next(t for t in ctx.towns if t.level is Level.ZONE)
    old = (6, 10)
    return [
        TeamSpec(
            county, "河清县综合应急救援大队", TeamType.COMPREHENSIVE, Nature.PART_TIME, 55, old
        ),
        TeamSpec(county, "河清县防汛抗旱应急抢险队", TeamType.FLOOD, Nature.PART_TIME, 42, old),
        TeamSpec(county, "河清县森林消防专业队", TeamType.FOREST_FIRE, Nature.FULL_TIME, 32, old),
        TeamSpec(county, "河清县政府专职消防队", TeamType.FIRE, Nature.FULL_TIME, 36, old),
        TeamSpec(county, "河清县应急通信保障队", TeamType.COMMS, Nature.PART_TIME, 12),
        TeamSpec(county, "河清县地质灾害应急救援队", TeamType.GEOHAZARD, Nature.PART_TIME, 16),
        TeamSpec(county, "河清县矿山应急救护队", TeamType.MINE, Nature.FULL_TIME, 18, old),
        TeamSpec(county, "河清县蓝天救援队", TeamType.OTHER, Nature.VOLUNTEER, 28),
        TeamSpec(zone, "河清化工园区危化品应急救援队", TeamType.HAZMAT, Nature.FULL_TIME, 24),
        TeamSpec(zone, "河清化工园区综合应急救援队", TeamType.COMPREHENSIVE, Nature.PART_TIME, 22),
    ]


def _town_teams(ctx: Context) -> list[TeamSpec]:
    rng = ctx.rng
    # Sizes spread over both plans' minima (荥阳 ≥30, 河南省 ≥20): some meet both, some one.
    sizes = [18, 19, 22, 24, 25, 26, 27, 28, 30, 31, 32, 33, 34, 35, 29]
    rng.shuffle(sizes)
    specs = []
    towns = [t for t in ctx.towns if t.level in (Level.TOWN, Level.STREET)]
    for town, size in zip(towns, sizes, strict=False):
        name = town.name
        specs.append(
            TeamSpec(
                town,
                f"{name}综合应急救援队",
                TeamType.COMPREHENSIVE,
                Nature.PART_TIME,
                size,
                (2, 5),
            )
        )
        if "防汛重点" in town.flags:
            specs.append(
                TeamSpec(
                    town, f"{name}防汛抢险队", TeamType.FLOOD, Nature.PART_TIME, rng.randint(15, 25)
                )
            )
        if "森林防灭火任务" in town.flags:
            specs.append(
                TeamSpec(
                    town,
                    f"{name}半专业森林扑火队",
                    TeamType.FOREST_FIRE,
                    Nature.PART_TIME,
                    rng.randint(15, 28),
                )
            )
        if {"全国重点镇", "省级中心镇"} & set(town.flags):
            # 张掖 asks ≥15 full-time firefighters in such towns; not every town has them.
            specs.append(
                TeamSpec(
                    town, f"{name}专职消防队", TeamType.FIRE, Nature.FULL_TIME, rng.randint(9, 17)
                )
            )
    return specs


def _village_teams(ctx: Context) -> list[TeamSpec]:
    rng = ctx.rng
    specs = []
    for village in ctx.villages:
        if rng.random() < 0.05:
            continue  # no team yet: a coverage gap
        suffix = "应急救援队" if village.name.endswith("社区") else "应急救援小分队"
        size = rng.choice((6, 7, 8, 8, 9, 9, 10, 10, 10, 11, 11, 12, 12, 13, 14))
        specs.append(
            TeamSpec(
                village,
                village.name + suffix,
                TeamType.COMPREHENSIVE,
                Nature.PART_TIME,
                size,
                (1, 4),
            )
        )
        if "森林火灾高风险区" in village.flags and rng.random() < 0.6:
            specs.append(
                TeamSpec(
                    village,
                    village.name + "护林扑火队",
                    TeamType.FOREST_FIRE,
                    Nature.PART_TIME,
                    rng.randint(6, 10),
                    (1, 4),
                )
            )
    return specs


def _team(ctx: Context, spec: TeamSpec) -> Team:
    rng = ctx.rng
    number = sum(1 for t in ctx.teams.values() if t.unit_id == spec.unit.id) + 1
    founded = years_before(ctx.today, rng.randint(*spec.founded_years_ago)) - timedelta(
        days=rng.randint(0, 300)
    )
    team = Team(
        code=f"{spec.unit.code}-{number:02d}",
        name=spec.name,
        unit_id=spec.unit.id,
        team_type=spec.team_type,
        nature=spec.nature,
        founded_on=founded,
    )
    ctx.add(team)
    ctx.teams[team.code] = team
    village = spec.unit.level is Level.VILLAGE
    left = sum(1 for _ in range(spec.size) if rng.random() < 0.07)
    members = [_member(ctx, team, spec, i, founded, village) for i in range(spec.size + left)]
    for member in rng.sample(members[2:], left):
        member.left_on = ctx.days_ago(5, 330)
        if member.joined_on and member.joined_on >= member.left_on:
            member.joined_on = member.left_on - timedelta(days=rng.randint(60, 400))
    team.leader, team.phone = members[0].name, members[0].phone
    ctx.members.setdefault(team.code, []).extend(members)
    return team


def _member(
    ctx: Context, team: Team, spec: TeamSpec, index: int, founded: date, village: bool
) -> Member:
    rng = ctx.rng
    person = ctx.people.person(
        min_age=22 if village else 20,
        max_age=58 if village else 50,
        female_share=0.12 if spec.team_type is TeamType.COMPREHENSIVE else 0.06,
    )
    role = (
        "队长"
        if index == 0
        else "副队长"
        if index == 1 and spec.size >= 8
        else (rng.choice(ROLES[spec.team_type]) if rng.random() < 0.3 else "队员")
    )
    nature = (
        spec.nature
        if spec.nature is not Nature.PART_TIME or rng.random() < 0.9
        else Nature.FULL_TIME
    )
    span = max((ctx.today - founded).days - 10, 1)
    joined = founded + timedelta(days=0 if index < 2 else rng.randrange(span))
    member = Member(
        team_id=team.id,
        name=person.name,
        gender=person.gender,
        birth_date=person.birth_date,
        id_number=person.id_number,
        phone=person.phone,
        role=role,
        nature=nature,
        joined_on=joined,
    )
    ctx.add(member)
    if not village and rng.random() < 0.35:
        _certificate(ctx, member, spec.team_type)
    return member


def _certificate(ctx: Context, member: Member, team_type: TeamType) -> None:
    name, years = CERTIFICATES[team_type]
    # Issued so that most are valid, some expire within months and a few have lapsed.
    issued = ctx.today - timedelta(days=ctx.rng.randint(30, 365 * years + 200))
    ctx.add(
        Certificate(
            member_id=member.id,
            name=name,
            number=f"{ctx.rng.randrange(10**11, 10**12)}",
            issued_on=issued,
            expires_on=years_before(issued, -years),
        )
    )
