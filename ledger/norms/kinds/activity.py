"""Rule kinds about what a unit does in a year: drills held and training received.

"A year" is the twelve months up to and including the date of the check (``window =
"rolling"``), or the calendar year of that date so far (``window = "calendar"``).
"""

# ruff: noqa: RUF009 - p.param() returns a dataclasses.field carrying the converter

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from ledger.core.enums import PostKind, TeamType, Trainee
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.core.quantity import format_quantity
from ledger.norms import params as p
from ledger.norms.facts import TrainingFact, UnitFact, active, person_key
from ledger.norms.kinds.base import ZERO, Context, Kind, names, persons, shortfall, team_matches
from ledger.norms.model import Gap, Id, RecordRef, Rule, Severity

WINDOW = p.choice("rolling", "calendar")


def window_start(on: date, window: str) -> date:
    """First day counted: a year back (exclusive of the same day), or 1 January."""
    if window == "calendar":
        return date(on.year, 1, 1)
    return on - timedelta(days=364)


@dataclass(frozen=True, kw_only=True)
class Drills:
    """At least ``min_count`` drills a year held by the unit."""

    min_count: int = p.param(p.positive, 1, "每年最少演练次数")
    comprehensive_only: bool = p.param(p.boolean, False, "只计综合演练")
    window: str = p.param(WINDOW, "rolling", "rolling：近12个月；calendar：本年度")


def check_drills(rule: Rule, prm: Drills, unit: UnitFact, ctx: Context) -> Iterator[Gap]:
    """At least N drills a year per unit."""
    start = window_start(ctx.on, prm.window)
    within = [d for d in ctx.facts.drills_of.get(unit.id, ()) if start <= d.held_on <= ctx.on]
    held = [d for d in within if d.comprehensive or not prm.comprehensive_only]
    others = [d for d in within if d not in held]
    detail = f"统计期 {start.isoformat()} 至 {ctx.on.isoformat()}"
    if others:  # drills the record does not mark 综合: name them, the office may correct it
        detail += (
            "；另有未标注为综合演练的："
            + names(f"{d.held_on.isoformat()}「{d.title}」" for d in others)
            + "，如属综合演练，请在演练记录中勾选“综合演练”"
        )
    gap = shortfall(
        prm.min_count,
        len(held),
        subject=rule.title,
        measure="次",
        detail=detail,
        records=tuple(RecordRef("drill", d.id, d.title) for d in held + others),
    )
    if gap and others and len(held) + len(others) >= prm.min_count:
        # The drills were held; only the record's 综合 mark is missing: the office confirms it.
        gap = replace(gap, severity=Severity.UNCONFIRMED)
    if gap:
        yield gap


@dataclass(frozen=True, kw_only=True)
class Training:
    """Training a year: sessions held by the unit, and/or days per person."""

    min_sessions: int | None = p.param(p.positive, None, "每年最少集中培训次数")
    min_days: Decimal | None = p.param(p.decimal, None, "每人每年最少培训天数")
    who: str = p.param(p.choice("posts", "members"), "posts", "posts：岗位人员；members：队员")
    post_kinds: frozenset[PostKind] = p.param(p.post_kinds, frozenset(), "岗位（空表示全部）")
    team_types: frozenset[TeamType] = p.param(p.team_types, frozenset(), "队伍类型")
    window: str = p.param(WINDOW, "rolling", "rolling：近12个月；calendar：本年度")
    sessions_scope: str = p.param(
        p.choice("unit", "subtree"),
        "unit",
        "集中培训次数：unit 本级的记录；subtree 含下级单位人员的记录",
    )
    trainees: frozenset[Trainee] = p.param(
        p.enum_set(Trainee),
        frozenset(),
        "计入哪些培训对象的记录（机构工作人员、救援队员、其他；空表示全部）",
    )

    def __post_init__(self) -> None:
        if self.min_sessions is None and self.min_days is None:
            raise ValueError("min_sessions 与 min_days 至少给出一项")


def _people(prm: Training, unit: UnitFact, ctx: Context) -> dict[str, tuple[str, ...]]:
    """The people the rule asks about: display name → keys their training records carry."""
    if prm.who == "posts":
        return {
            post.name.strip(): (post.name.strip(),)
            for post in ctx.facts.posts_of.get(unit.id, ())
            if active(post.since, post.until, ctx.on)
            and (not prm.post_kinds or post.kind in prm.post_kinds)
        }
    teams = [t for t in ctx.live_teams(unit.id) if team_matches(t, prm.team_types, frozenset())]
    found = {}
    for lines in persons(ctx, teams).values():
        first = lines[0]
        keys = (first.name.strip(), *(str(m.id) for m in lines), first.id_number.strip().upper())
        found[first.name.strip()] = tuple(k for k in keys if k)
    return found


def _key_of(record: TrainingFact) -> tuple[str, ...]:
    keys = [record.person.strip(), str(record.member_id) if record.member_id else ""]
    keys.append(person_key(record.person, record.id_number)[1] if record.id_number else "")
    return tuple(k for k in keys if k)


def check_training(rule: Rule, prm: Training, unit: UnitFact, ctx: Context) -> Iterator[Gap]:
    """Training sessions a year, and at least N training days per person a year."""
    start = window_start(ctx.on, prm.window)

    def counted(unit_id: Id) -> list[TrainingFact]:
        return [
            t
            for t in ctx.facts.trainings_of.get(unit_id, ())
            if start <= t.started_on <= ctx.on and (not prm.trainees or t.trainee in prm.trainees)
        ]

    records = counted(unit.id)
    if prm.min_sessions is not None:
        below = ctx.facts.descendants(unit.id) if prm.sessions_scope == "subtree" else ()
        sessions = {(t.started_on, t.subject) for t in records}
        sessions |= {(t.started_on, t.subject) for u in below for t in counted(u.id)}
        gap = shortfall(
            prm.min_sessions,
            len(sessions),
            subject=f"{rule.title}（集中培训次数）",
            measure="次",
            detail=f"统计期 {start.isoformat()} 至 {ctx.on.isoformat()}",
        )
        if gap:
            yield gap
    if prm.min_days is None:
        return
    people = _people(prm, unit, ctx)
    days: dict[str, Decimal] = {}
    for name, keys in people.items():
        days[name] = sum((t.days for t in records if set(keys) & set(_key_of(t))), ZERO)
    short = sorted(n for n, d in days.items() if d < prm.min_days)
    if not short:
        return
    # Missing only when nobody was trained at all; some days short of the minimum is 不足.
    untrained = all(days[n] <= 0 for n in short) and len(short) == len(people)
    span = "今年" if prm.window == "calendar" else "近一年"
    yield Gap(
        severity=Severity.MISSING if untrained else Severity.SHORT,
        # Counted in people who reached the minimum, so 要求/现有 do not read as "nobody there".
        subject=f"{rule.title}（每人不少于{format_quantity(prm.min_days)}天，按达标人数计）",
        required=Decimal(len(people)),
        actual=Decimal(len(people) - len(short)),
        gap=Decimal(len(short)),
        measure="人",
        detail="；".join(f"{n} {span}培训{format_quantity(days[n])}天" for n in short[:8])
        + ("等" if len(short) > 8 else "")
        + f"，要求每人不少于{format_quantity(prm.min_days)}天",
    )


KINDS = (
    Kind("drills", QT_TRANSLATE_NOOP("Norms", "演练次数"), Drills, check_drills),
    Kind("training", QT_TRANSLATE_NOOP("Norms", "培训"), Training, check_training),
)
