"""Composite standards (town 六有, 一办一队一库一平台, village 一站两员一队).

Each attribute is checked from ledger data where the ledger holds it (a team, a post, a depot,
equipment or stock, a drill, training), or else must be confirmed by the office with a date;
a confirmation holds for ``valid_days``. The finding says which attribute was judged how.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from ledger.core.enums import Nature, PostKind, TeamType
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.norms import params as p
from ledger.norms.facts import UnitFact, active
from ledger.norms.kinds.base import Context, Kind, team_matches
from ledger.norms.model import Gap, RecordRef, Rule, Severity

#: The kind of record reference naming an attribute that waits on the office's confirmation.
CONFIRM_REF = "confirm"
CHECKS = ("confirm", "team", "post", "depot", "holdings", "drill", "training")


@dataclass(frozen=True, kw_only=True)
class Attribute:
    """One attribute of a composite standard and how it is judged."""

    key: str = p.param(p.text, doc="属性（确认记录用的名称，如“班子”）")
    label: str = p.param(p.text, "", "显示名称（如“有班子”）")
    check: str = p.param(p.choice(*CHECKS), doc="判定方式")
    team_types: frozenset[TeamType] = p.param(p.team_types, frozenset(), "队伍类型")
    natures: frozenset[Nature] = p.param(p.natures, frozenset(), "队伍性质")
    post_kinds: frozenset[PostKind] = p.param(p.post_kinds, frozenset(), "岗位")
    match: tuple[str, ...] = p.param(p.texts, (), "仓库类型或名称包含的字")
    within_days: int = p.param(p.positive, 365, "演练、培训须在多少天内")
    valid_days: int = p.param(p.positive, 365, "办公室确认的有效天数")
    see: str = p.param(
        p.text, "", "本规划中另有规则报告此项（规则编号）：未满足时写“见…”，不计入本项短板"
    )

    @property
    def shown(self) -> str:
        """The attribute as the finding names it."""
        return self.label or self.key


@dataclass(frozen=True, kw_only=True)
class Composite:
    """A standard made of several attributes."""

    attributes: tuple[Attribute, ...] = p.param(p.table_list(Attribute), doc="组成属性")


def _judge(attr: Attribute, unit: UnitFact, ctx: Context) -> tuple[bool, str]:
    """Whether the unit meets one attribute, with a short reason."""
    facts, on = ctx.facts, ctx.on
    since = on - timedelta(days=attr.within_days - 1)
    if attr.check == "confirm":
        dates = [
            c.confirmed_on
            for c in facts.confirmations_of.get(unit.id, ())
            if c.attribute in (attr.key, attr.label) and c.confirmed_on <= on
        ]
        if not dates:
            return False, "未确认"
        last = max(dates)
        if (on - last).days >= attr.valid_days:
            return False, f"{last.isoformat()} 确认，已超过{attr.valid_days}天"
        return True, f"{last.isoformat()} 确认"
    if attr.check == "team":
        met = any(team_matches(t, attr.team_types, attr.natures) for t in ctx.live_teams(unit.id))
        return met, "" if met else "无队伍"
    if attr.check == "post":
        kinds = {
            h.kind
            for h in facts.posts_of.get(unit.id, ())
            if active(h.since, h.until, on) and (not attr.post_kinds or h.kind in attr.post_kinds)
        }
        if kinds == {PostKind.DISASTER_INFORMANT_B}:
            return True, "仅有B岗"
        return bool(kinds), "" if kinds else "未配备"
    if attr.check == "depot":
        met = any(
            not attr.match or any(w in d.kind or w in d.name for w in attr.match)
            for d in facts.depots_of.get(unit.id, ())
        )
        return met, "" if met else "无仓库"
    if attr.check == "holdings":
        met = bool(ctx.equipment(unit.id) or ctx.good_lots(unit.id))
        return met, "" if met else "未登记装备或库存"
    if attr.check == "drill":
        met = any(since <= d.held_on <= on for d in facts.drills_of.get(unit.id, ()))
        return met, "" if met else f"近{attr.within_days}天无演练记录"
    met = any(since <= t.started_on <= on for t in facts.trainings_of.get(unit.id, ()))
    return met, "" if met else f"近{attr.within_days}天无培训记录"


def check_composite(rule: Rule, prm: Composite, unit: UnitFact, ctx: Context) -> Iterator[Gap]:
    """A composite standard: ledger-checked attributes and office-confirmed ones.

    When every attribute the ledger can count is met and only the office's confirmations are
    lacking, the finding is ``unconfirmed`` (待确认), naming what waits; otherwise missing
    (nothing met) or short. The finding carries a ``confirm`` reference per attribute waiting,
    so that the dashboard can confirm them in one action.
    """
    checked: list[str] = []
    confirmed: list[str] = []
    waiting: list[Attribute] = []
    met = counted_short = elsewhere = 0
    for attr in prm.attributes:
        ok, why = _judge(attr, unit, ctx)
        if not ok and attr.see:  # another rule reports this gap: shown, not counted twice
            elsewhere += 1
            why = f"见{_title_of(attr.see, ctx)}"
        met += ok
        mark = "✓" if ok else "✗"
        line = f"{attr.shown}{mark}" + (f"（{why}）" if why else "")
        if attr.check == "confirm":
            confirmed.append(line)
            if not ok:
                waiting.append(attr)
        else:
            checked.append(line)
            counted_short += not ok and not attr.see
    total = len(prm.attributes) - elsewhere
    if met == total:
        return
    parts = []
    if checked:
        parts.append("台账核查：" + "；".join(checked))
    if confirmed:
        parts.append("办公室确认：" + "；".join(confirmed))
    if counted_short:
        severity = Severity.MISSING if met == 0 else Severity.SHORT
    else:
        severity = Severity.UNCONFIRMED
        head = "台账可查的各项均已满足" if checked else "台账无法核查"
        if elsewhere:
            head = "台账可查的其余各项均已满足"
        parts.insert(0, f"{head}，待办公室确认：" + "、".join(a.shown for a in waiting))
    yield Gap(
        severity=severity,
        subject=rule.title,
        required=Decimal(total),
        actual=Decimal(met),
        gap=Decimal(total - met),
        measure="项",
        detail="。".join(parts),
        records=(
            RecordRef("unit", unit.id, unit.name),
            *(RecordRef(CONFIRM_REF, unit.id, a.key) for a in waiting),
        ),
    )


KINDS = (Kind("composite", QT_TRANSLATE_NOOP("Norms", "综合标准"), Composite, check_composite),)


def _title_of(rule_id: str, ctx: Context) -> str:
    """The words of the profile's rule that reports a gap (「灾害信息员全覆盖」), not its id."""
    rule = next((r for r in ctx.rules if r.id == rule_id), None)
    return f"「{rule.title}」" if rule else rule_id
