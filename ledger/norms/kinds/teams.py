"""Rule kinds about people: teams exist, headcounts, ratios per population, coverage, posts.

A team counts when it is founded by the date and has at least one active member; a person
(ID number, else name and birth date) counts once per rule however many teams list them.
「一支不少于N人的队伍」 is one team of at least N (``per = "one"``), not several teams summed.
"""

# ruff: noqa: RUF009 - p.param() returns a dataclasses.field carrying the converter

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from ledger.core.enums import Level, Nature, PostKind, TeamType
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.core.quantity import format_quantity
from ledger.norms import params as p
from ledger.norms.facts import TeamFact, UnitFact, active
from ledger.norms.kinds.base import (
    ZERO,
    Context,
    Kind,
    names,
    persons,
    shortfall,
    team_matches,
    team_refs,
)
from ledger.norms.kinds.holdings import CONFIRM_REF, confirmed
from ledger.norms.model import Gap, Id, RecordRef, Rule, Severity


@dataclass(frozen=True, kw_only=True)
class TeamFilter:
    """Which teams a rule looks at (empty means any)."""

    team_types: frozenset[TeamType] = p.param(p.team_types, frozenset(), "队伍类型")
    natures: frozenset[Nature] = p.param(p.natures, frozenset(), "队伍性质")
    name_contains: tuple[str, ...] = p.param(p.texts, (), "队伍名称包含的字（任一）")

    def teams(self, ctx: Context, unit_id: Id) -> list[TeamFact]:
        """The unit's live teams that pass the filter."""
        return [
            t
            for t in ctx.live_teams(unit_id)
            if team_matches(t, self.team_types, self.natures, self.name_contains)
        ]


@dataclass(frozen=True, kw_only=True)
class TeamExists(TeamFilter):
    """At least ``min_teams`` teams (of each listed type, and each listed name word)."""

    min_teams: int = p.param(p.positive, 1, "最少队伍数")
    each_type: bool = p.param(p.boolean, False, "每种类型各需一支")
    each_name: tuple[str, ...] = p.param(p.texts, (), "另需名称含以下各字的队伍各一支（任意类型）")
    scope: str = p.param(p.choice("unit", "subtree"), "unit", "unit：本级队伍；subtree：含下级")
    absent: str = p.param(
        p.choice("missing", "unconfirmed"),
        "missing",
        "没有队伍时：missing 报缺失；unconfirmed 报待确认（规划所指是其他部门或单位的队伍，"
        "本台账可能未登记）",
    )
    valid_days: int = p.param(p.positive, 365, "办公室确认的有效天数（absent = unconfirmed）")


def _absent(rule: Rule, prm: TeamExists, unit: UnitFact, ctx: Context, label: str) -> Iterator[Gap]:
    """No such team in the ledger: 缺失 for the office's own, 待确认 for another body's team."""
    if prm.absent == "missing":
        gap = shortfall(prm.min_teams, 0, subject=label, measure="支")
        if gap:
            yield gap
        return
    key = label if label == rule.title else f"{rule.title}：{label}"
    if confirmed(ctx, unit, (key,), prm.valid_days):
        return
    yield Gap(
        severity=Severity.UNCONFIRMED,
        subject=label,
        required=Decimal(prm.min_teams),
        actual=ZERO,
        gap=Decimal(prm.min_teams),
        measure="支",
        detail="台账未见，请确认：规划所指的是其他部门或单位的队伍，本台账可能未登记",
        records=(RecordRef("unit", unit.id, unit.name), RecordRef(CONFIRM_REF, unit.id, key)),
    )


def scoped_teams(ctx: Context, unit: UnitFact, scope: str) -> list[TeamFact]:
    """Live teams of the unit, and with ``scope = "subtree"`` of every unit below it too."""
    units = [unit, *ctx.facts.descendants(unit.id)] if scope == "subtree" else [unit]
    return [t for u in units for t in ctx.live_teams(u.id)]


def check_team_exists(rule: Rule, prm: TeamExists, unit: UnitFact, ctx: Context) -> Iterator[Gap]:
    """A team of a type (or named for a sector) must exist at the unit or below it."""
    live = scoped_teams(ctx, unit, prm.scope)
    if not prm.each_type and not prm.each_name:
        teams = [t for t in live if team_matches(t, prm.team_types, prm.natures, prm.name_contains)]
        if not teams:
            yield from _absent(rule, prm, unit, ctx, rule.title)
            return
        gap = shortfall(prm.min_teams, len(teams), subject=rule.title, measure="支")
        if gap:
            yield gap
        return
    # Each sector is asked for on its own: a type, or a word of the name (燃气, 电力 …).
    types = prm.team_types if not prm.each_type else frozenset()
    pool = [t for t in live if team_matches(t, types, prm.natures, prm.name_contains)]
    sectors: list[tuple[str, list[TeamFact]]] = []
    if prm.each_type:
        for team_type in sorted(prm.team_types, key=list(TeamType).index):
            sectors.append((team_type.label, [t for t in pool if t.team_type is team_type]))
    for word in prm.each_name:
        sectors.append((word, [t for t in pool if word in t.name]))
    for label, found in sectors:
        if not found:
            yield from _absent(rule, prm, unit, ctx, f"{label}队伍")
            continue
        gap = shortfall(prm.min_teams, len(found), subject=f"{label}队伍", measure="支")
        if gap:
            yield gap


@dataclass(frozen=True, kw_only=True)
class TeamHeadcount(TeamFilter):
    """At least ``min_members`` active people on one team (or on each team, or summed)."""

    min_members: int = p.param(p.positive, doc="最少在队人数")
    member_natures: frozenset[Nature] = p.param(p.natures, frozenset(), "队员专兼职")
    per: str = p.param(
        p.choice("one", "unit", "team"),
        "one",
        "one：至少一支队伍达到人数；unit：各队合计；team：每支队伍",
    )


def check_team_headcount(
    rule: Rule, prm: TeamHeadcount, unit: UnitFact, ctx: Context
) -> Iterator[Gap]:
    """A team must have at least N active members (each person counted once)."""
    teams = prm.teams(ctx, unit.id)
    if not teams:
        wanted = _wanted(prm)
        yield Gap(
            Severity.MISSING,
            wanted,
            Decimal(prm.min_members),
            Decimal(0),
            Decimal(prm.min_members),
            "人",
            f"没有{wanted}",
        )
        return
    if prm.per == "one":
        yield from _largest_team(prm, teams, ctx)
        return
    groups = [teams] if prm.per == "unit" else [[t] for t in teams]
    for group in groups:
        people = persons(ctx, group, prm.member_natures)
        gap = shortfall(
            prm.min_members,
            len(people),
            subject=names(t.name for t in group),
            measure="人",
            records=team_refs(group),
        )
        if gap:
            yield gap


def _wanted(prm: TeamHeadcount) -> str:
    """The team a headcount asks for, in words (专职消防队伍, 兼职综合队伍 …)."""
    natures = prm.natures or prm.member_natures
    nature = "或".join(n.label for n in sorted(natures, key=list(Nature).index))
    kind = "、".join(t.label for t in sorted(prm.team_types, key=list(TeamType).index))
    words = "、".join(prm.name_contains)
    return f"{nature}{kind}{f'（名称含{words}）' if words else ''}队伍"


def _largest_team(prm: TeamHeadcount, teams: list[TeamFact], ctx: Context) -> Iterator[Gap]:
    """One team must reach the headcount: the finding names the largest and its size."""
    sizes = [(len(persons(ctx, [t], prm.member_natures)), t) for t in teams]
    size, largest = max(sizes, key=lambda pair: pair[0])
    others = len(teams) - 1
    detail = f"人数最多的一支为{largest.name}（{size}人）" + (
        f"；另有{others}支符合条件的队伍，人数不合并计算" if others else ""
    )
    gap = shortfall(
        prm.min_members,
        size,
        subject=largest.name,
        measure="人",
        detail=detail,
        records=team_refs([largest]),
    )
    if gap:
        yield gap


@dataclass(frozen=True, kw_only=True)
class Ratio(TeamFilter):
    """People on matching teams of the unit and everything below it, per mille of population."""

    per_mille: Decimal = p.param(p.decimal, doc="每千人口最少人数（‰）")
    member_natures: frozenset[Nature] = p.param(p.natures, frozenset(), "队员专兼职")


def population(ctx: Context, unit: UnitFact) -> int:
    """The unit's population, else the sum of its children's (0 when nobody recorded it)."""
    if unit.population:
        return unit.population
    return sum(population(ctx, child) for child in ctx.facts.children.get(unit.id, ()))


def check_ratio(rule: Rule, prm: Ratio, unit: UnitFact, ctx: Context) -> Iterator[Gap]:
    """A ratio per population (专职消防员 ≥ 0.4‰)."""
    people_count = population(ctx, unit)
    if not people_count:
        yield Gap(
            Severity.UNCONFIGURED,
            rule.title,
            None,
            None,
            None,
            "人",
            "未登记常住人口，无法计算比例",
        )
        return
    units = [unit, *ctx.facts.descendants(unit.id)]
    teams = [t for u in units for t in prm.teams(ctx, u.id)]
    required = math.ceil(Decimal(people_count) * prm.per_mille / 1000)
    have = len(persons(ctx, teams, prm.member_natures))
    gap = shortfall(
        required,
        have,
        subject=rule.title,
        measure="人",
        detail=f"常住人口{people_count}人，按{prm.per_mille}‰应不少于{required}人",
        records=team_refs(teams),
    )
    if gap:
        yield gap


@dataclass(frozen=True, kw_only=True)
class Coverage(TeamFilter):
    """The share of units below at ``child_levels`` (with ``child_flags_any``) covered by a team."""

    child_levels: frozenset[Level] = p.param(p.levels, doc="被覆盖的下级级别")
    child_flags_any: frozenset[str] = p.param(p.flags, frozenset(), "只计带以下标志之一的下级")
    min_share: Decimal = p.param(p.share, Decimal(1), "最低覆盖率（1表示100%）")
    reach: str = p.param(
        p.choice("own", "up"),
        "own",
        "own：下级本身的队伍；up：下级本身或其上级（至本单位）的队伍也算覆盖",
    )


def _covered(prm: Coverage, ctx: Context, below: UnitFact, top: UnitFact) -> bool:
    """Whether a unit below has a matching team (with reach up: it or a unit above, to top)."""
    if prm.reach == "own":
        return bool(prm.teams(ctx, below.id))
    for unit in ctx.facts.ancestry(below.id):
        if prm.teams(ctx, unit.id):
            return True
        if unit.id == top.id:
            break
    return False


def check_coverage(rule: Rule, prm: Coverage, unit: UnitFact, ctx: Context) -> Iterator[Gap]:
    """Coverage: the share of villages or towns (or flagged areas) that have a team."""
    below = [
        u
        for u in ctx.facts.descendants(unit.id)
        if u.level in prm.child_levels
        and (not prm.child_flags_any or prm.child_flags_any & u.flags)
    ]
    if not below:
        return
    bare = sorted((u for u in below if not _covered(prm, ctx, u, unit)), key=lambda u: u.code)
    required = math.ceil(len(below) * prm.min_share)
    gap = shortfall(
        required,
        len(below) - len(bare),
        subject=rule.title,
        measure="个",
        detail=f"共{len(below)}个，未覆盖：{names(u.name for u in bare)}",
        records=tuple(RecordRef("unit", u.id, u.name) for u in bare),
    )
    if gap:
        yield gap


@dataclass(frozen=True, kw_only=True)
class Posts:
    """Named posts of the unit, each filled by at least ``min_each`` people."""

    posts: frozenset[PostKind] = p.param(p.post_kinds, doc="岗位")
    min_each: int = p.param(p.positive, 1, "每个岗位最少人数")
    accept: frozenset[PostKind] = p.param(
        p.post_kinds, frozenset(), "也计入每个岗位的其他岗位（如灾害信息员(B岗)）"
    )
    subject: str = p.param(p.text, "", "短板中的名称（默认：岗位名称）")


def check_posts(rule: Rule, prm: Posts, unit: UnitFact, ctx: Context) -> Iterator[Gap]:
    """Posts filled (应急管理员, 灾害信息员 …); holders of ``accept`` posts count too."""
    holders = [
        post
        for post in ctx.facts.posts_of.get(unit.id, ())
        if active(post.since, post.until, ctx.on)
    ]
    for kind in sorted(prm.posts, key=list(PostKind).index):
        people = {h.name.strip() for h in holders if h.kind is kind or h.kind in prm.accept}
        gap = shortfall(prm.min_each, len(people), subject=prm.subject or kind.label, measure="人")
        if gap:
            yield gap


@dataclass(frozen=True, kw_only=True)
class PostTraining:
    """Training days of the holders of posts: induction in the first year, then every year."""

    posts: frozenset[PostKind] = p.param(p.post_kinds, doc="岗位")
    induction_days: Decimal | None = p.param(
        p.decimal, None, "上岗后一年内最少培训天数（入职培训）"
    )
    yearly_days: Decimal | None = p.param(p.decimal, None, "上岗满一年后每年最少培训天数（复训）")

    def __post_init__(self) -> None:
        if self.induction_days is None and self.yearly_days is None:
            raise ValueError("induction_days 与 yearly_days 至少给出一项")


def _holders_since(prm: PostTraining, unit: UnitFact, ctx: Context) -> dict[str, date | None]:
    """Holders of the posts on the date, by name, with their first day in post (None: unknown)."""
    first_day: dict[str, date | None] = {}
    for post in ctx.facts.posts_of.get(unit.id, ()):
        if post.kind in prm.posts and active(post.since, post.until, ctx.on):
            name = post.name.strip()
            known = first_day.get(name, post.since)
            first_day[name] = (
                None if known is None or post.since is None else min(known, post.since)
            )
    return first_day


def check_post_training(
    rule: Rule, prm: PostTraining, unit: UnitFact, ctx: Context
) -> Iterator[Gap]:
    """Induction (first year in post) and yearly training days of each post holder."""
    records = [t for t in ctx.facts.trainings_of.get(unit.id, ()) if t.started_on <= ctx.on]
    year_ago = ctx.on - timedelta(days=364)

    def trained(name: str, start: date | None, end: date) -> Decimal:
        return sum(
            (
                t.days
                for t in records
                if t.person.strip() == name
                and (start is None or start <= t.started_on)
                and t.started_on <= end
            ),
            ZERO,
        )

    # A holder still in the first year is in induction: neither part is due yet. Induction is
    # the training of the first year in post (any time when the first day is not recorded).
    settled = {
        n: s for n, s in _holders_since(prm, unit, ctx).items() if s is None or s <= year_ago
    }
    induction = {
        n: trained(n, s, s + timedelta(days=364) if s else ctx.on) for n, s in settled.items()
    }
    yearly = {n: trained(n, year_ago, ctx.on) for n in settled}
    for label, need, days in (
        ("入职培训", prm.induction_days, induction),
        ("每年复训", prm.yearly_days, yearly),
    ):
        if need is None:
            continue
        short = sorted(n for n, d in days.items() if d < need)
        gap = shortfall(
            len(days),
            len(days) - len(short),
            subject=f"{label}（每人不少于{format_quantity(need)}天）",
            measure="人",
            detail="未达标：" + names(f"{n}({format_quantity(days[n])}天)" for n in short),
        )
        if gap and any(days.values()):
            gap = replace(gap, severity=Severity.SHORT)  # trained, not yet enough: 不足
        if gap:
            yield gap


KINDS = (
    Kind("team_exists", QT_TRANSLATE_NOOP("Norms", "队伍建立"), TeamExists, check_team_exists),
    Kind(
        "team_headcount",
        QT_TRANSLATE_NOOP("Norms", "队伍人数"),
        TeamHeadcount,
        check_team_headcount,
    ),
    Kind("ratio", QT_TRANSLATE_NOOP("Norms", "人口比例"), Ratio, check_ratio),
    Kind("coverage", QT_TRANSLATE_NOOP("Norms", "覆盖率"), Coverage, check_coverage),
    Kind("posts", QT_TRANSLATE_NOOP("Norms", "岗位人员"), Posts, check_posts),
    Kind(
        "post_training",
        QT_TRANSLATE_NOOP("Norms", "岗位人员培训"),
        PostTraining,
        check_post_training,
    ),
)
