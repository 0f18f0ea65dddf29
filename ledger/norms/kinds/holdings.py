"""Rule kinds about what a unit holds: equipment sets (5+X, 四合一 …), depots and their area.

Equipment counts serial-numbered pieces that are not scrapped, held by the unit itself, by its
teams or in its depots; an entry of a set accepts several item names or codes (matched with the
catalogue's naming habits, :mod:`ledger.norms.names`), a category, or the items the office
mapped to it. An advisory set (a plan's list of examples) waits on the office's confirmation.
A depot area rule is met by one depot of the size; rules asking for separate depots share out
the depots so that one depot counts for one rule only.
"""

# ruff: noqa: RUF009 - p.param() returns a dataclasses.field carrying the converter

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from ledger.core.enums import Category, Level
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.core.quantity import format_quantity
from ledger.norms import params as p
from ledger.norms.facts import DepotFact, EquipmentFact, UnitFact
from ledger.norms.kinds.base import Context, Kind, item_matches, names, shortfall
from ledger.norms.model import Gap, Id, RecordRef, Rule, Severity

#: A record reference naming what the office confirms in one action (as composite findings do).
CONFIRM_REF = "confirm"


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One line of an equipment set: the plan's name, accepted item names or a category."""

    name: str = p.param(p.text, doc="规划中的装备名称")
    accept: tuple[str, ...] = p.param(p.texts, (), "台账中可接受的物资名称或编码")
    category: Category | None = p.param(p.category, None, "或：该类别的任一装备")
    min: int = p.param(p.positive, 1, "最少台（套）数")
    flags_any: frozenset[str] = p.param(
        p.flags, frozenset(), "只在本单位或其下级有这些标志之一时要求（如矿山企业）"
    )

    @property
    def accepted(self) -> tuple[str, ...]:
        """The item names and codes that count (the plan's own name when none are listed)."""
        return self.accept or (self.name,)


@dataclass(frozen=True, kw_only=True)
class EquipmentSet:
    """A set of equipment the unit must hold, each entry with its minimum.

    An ``advisory`` set is a plan's list of examples (no quantities, no holder, ending 「等」):
    the items the ledger shows are ticked, and the list as a whole waits on the office's dated
    confirmation (待确认) instead of reporting each missing item.
    """

    items: tuple[Entry, ...] = p.param(p.table_list(Entry), doc="装备清单")
    duty_flags: frozenset[str] = p.param(
        p.flags, frozenset(), "只在本单位或其下级有这些标志之一时检查（如森林防灭火任务）"
    )
    advisory: bool = p.param(p.boolean, False, "参考清单：由办公室对照确认，不逐项报缺失")
    confirm_key: str = p.param(p.text, "", "确认记录用的名称（默认：规则标题）")
    valid_days: int = p.param(p.positive, 365, "办公室确认的有效天数")


def _mapped(rule: Rule, entry: Entry, unit: UnitFact, ctx: Context) -> frozenset[Id]:
    """Items the office mapped to the entry, for the unit or a unit above it."""
    by_unit: dict[Id, set[Id]] = ctx.cached(
        ("mappings", rule.id, entry.name), lambda: _group_mappings(ctx, rule.id, entry.name)
    )
    if not by_unit:
        return frozenset()
    found: set[Id] = set()
    for above in ctx.facts.ancestry(unit.id):
        found |= by_unit.get(above.id, set())
    return frozenset(found)


def _group_mappings(ctx: Context, rule_id: str, entry: str) -> dict[Id, set[Id]]:
    grouped: dict[Id, set[Id]] = {}
    for m in ctx.facts.mappings:
        if m.profile_id == ctx.profile_id and m.rule_id == rule_id and m.entry == entry:
            grouped.setdefault(m.unit_id, set()).add(m.item_id)
    return grouped


def _scrapped(rule: Rule, entry: Entry, unit: UnitFact, ctx: Context) -> list[EquipmentFact]:
    """The unit's scrapped pieces that would have counted for the entry (「原有1台已报废」)."""
    return _pieces(rule, entry, unit, ctx, ctx.facts.scrapped_of_unit.get(unit.id, []))


def _pieces(
    rule: Rule,
    entry: Entry,
    unit: UnitFact,
    ctx: Context,
    among: list[EquipmentFact] | None = None,
) -> list[EquipmentFact]:
    """The unit's pieces that count for an entry: by name, category or the office's mapping."""
    mapped = _mapped(rule, entry, unit, ctx)
    found = []
    for piece in ctx.equipment(unit.id) if among is None else among:
        item = ctx.facts.item.get(piece.item_id)
        if item is None:
            continue
        if (
            item.id in mapped
            or item_matches(item, entry.accepted)
            or (entry.category is not None and item.category is entry.category)
        ):
            found.append(piece)
    return found


def check_equipment_set(
    rule: Rule, prm: EquipmentSet, unit: UnitFact, ctx: Context
) -> Iterator[Gap]:
    """A unit must hold an equipment set with minimum quantities."""
    if not ctx.has_duty(unit, prm.duty_flags):
        return
    entries = [e for e in prm.items if ctx.has_duty(unit, e.flags_any)]
    if prm.advisory:
        yield from _advisory(rule, prm, entries, unit, ctx)
        return
    for entry in entries:
        pieces = _pieces(rule, entry, unit, ctx)
        if not pieces and _unseeable(rule, entry, unit, ctx):
            key = f"{rule.title}：{entry.name}"
            if not confirmed(ctx, unit, (key,), prm.valid_days):
                yield _unseen(entry, unit, key)
            continue
        scrapped = _scrapped(rule, entry, unit, ctx) if len(pieces) < entry.min else []
        gap = shortfall(
            entry.min,
            len(pieces),
            subject=entry.name,
            measure="台(套)",
            detail=f"原有{len(scrapped)}台已报废" if scrapped else "",
            records=tuple(RecordRef("equipment", e.id, e.serial) for e in pieces + scrapped),
        )
        if gap:
            yield gap


def _unseeable(rule: Rule, entry: Entry, unit: UnitFact, ctx: Context) -> bool:
    """Whether the ledger cannot see the entry at all: a catalogue that is not empty holds no
    item of its names (or category), and the office mapped none to it for the unit."""
    if entry.category is not None or _mapped(rule, entry, unit, ctx):
        return False
    known: bool = ctx.cached(
        ("catalogue-has", entry.accepted),
        lambda: (
            not ctx.facts.items or any(item_matches(i, entry.accepted) for i in ctx.facts.items)
        ),
    )
    return not known


def _unseen(entry: Entry, unit: UnitFact, key: str) -> Gap:
    """An entry the catalogue has no item for: the office maps one, or confirms the holding."""
    return Gap(
        severity=Severity.UNCONFIRMED,
        subject=entry.name,
        required=Decimal(entry.min),
        actual=Decimal(0),
        gap=Decimal(entry.min),
        measure="台(套)",
        detail=(
            f"物资目录中没有与“{entry.name}”对应的物资（可接受的名称："
            f"{'、'.join(entry.accepted)}），台账无法核查此项；如本单位配有，请在"
            "“装备对应…”中把目录中的物资对应到此项，或由办公室确认"
        ),
        records=(RecordRef("unit", unit.id, unit.name), RecordRef(CONFIRM_REF, unit.id, key)),
    )


def confirmed(ctx: Context, unit: UnitFact, keys: tuple[str, ...], valid_days: int) -> bool:
    """Whether the office confirmed one of ``keys`` for the unit within ``valid_days``."""
    dates = [
        c.confirmed_on
        for c in ctx.facts.confirmations_of.get(unit.id, ())
        if c.attribute in keys and c.confirmed_on <= ctx.on
    ]
    return bool(dates) and (ctx.on - max(dates)).days < valid_days


def _advisory(
    rule: Rule, prm: EquipmentSet, entries: list[Entry], unit: UnitFact, ctx: Context
) -> Iterator[Gap]:
    """A list of examples: what the ledger shows is ticked, the rest waits on the office."""
    held: list[str] = []
    unseen: list[str] = []
    records: list[RecordRef] = []
    for entry in entries:
        pieces = _pieces(rule, entry, unit, ctx)
        (held if len(pieces) >= entry.min else unseen).append(entry.name)
        records += [RecordRef("equipment", e.id, e.serial) for e in pieces]
    key = prm.confirm_key or rule.title
    if not unseen or confirmed(ctx, unit, (key,), prm.valid_days):
        return
    skipped = [e.name for e in prm.items if e not in entries]
    parts = [
        "清单未给数量与配备主体，由办公室对照确认",
        "台账已有：" + ("、".join(f"{n}✓" for n in held) or "无"),
        "台账未见：" + "、".join(unseen),
    ]
    if skipped:
        parts.append("无相关任务，不适用：" + "、".join(skipped))
    yield Gap(
        severity=Severity.UNCONFIRMED,
        subject=rule.title,
        required=Decimal(len(entries)),
        actual=Decimal(len(held)),
        gap=Decimal(len(unseen)),
        measure="项",
        detail="。".join(parts),
        records=(*records, RecordRef(CONFIRM_REF, unit.id, key)),
    )


@dataclass(frozen=True, kw_only=True)
class DepotMatch:
    """Which depots count: kind or name containing one of ``match`` (empty means any)."""

    match: tuple[str, ...] = p.param(p.texts, (), "仓库类型或名称包含的字（任一）")
    scope: str = p.param(p.choice("unit", "subtree"), "unit", "unit：本级；subtree：含下级")
    duty_flags: frozenset[str] = p.param(
        p.flags, frozenset(), "只在本单位或其下级有这些标志之一时检查（如森林火灾高风险区）"
    )

    def depots(self, ctx: Context, unit_id: Id) -> list[DepotFact]:
        """The matching depots of the unit (and, with scope subtree, of the units below it)."""
        units = [unit_id]
        if self.scope == "subtree":
            units += [u.id for u in ctx.facts.descendants(unit_id)]
        return [
            d
            for u in units
            for d in ctx.facts.depots_of.get(u, ())
            if not self.match or any(w in d.kind or w in d.name for w in self.match)
        ]


@dataclass(frozen=True, kw_only=True)
class DepotExists(DepotMatch):
    """At least ``min_count`` matching depots."""

    min_count: int = p.param(p.positive, 1, "最少仓库数")
    parent_covers_flags: frozenset[str] = p.param(
        p.flags,
        frozenset(),
        "村只带这些标志（不带规则的其他标志）时，其所属乡镇（街道）的仓库也计入（片区覆盖）",
    )


def _parent_covers(rule: Rule, prm: DepotExists, unit: UnitFact) -> bool:
    """Whether a village's town depot serves it: its only flags of the rule are area ones."""
    if unit.level is not Level.VILLAGE or not prm.parent_covers_flags:
        return False
    own = unit.flags & (rule.flags_any | rule.flags_all)
    return bool(own) and own <= prm.parent_covers_flags


def check_depot_exists(rule: Rule, prm: DepotExists, unit: UnitFact, ctx: Context) -> Iterator[Gap]:
    """A depot must exist (for a village with ``parent_covers_flags``: or one of its town)."""
    if not ctx.has_duty(unit, prm.duty_flags):
        return
    depots = prm.depots(ctx, unit.id)
    parent = ctx.facts.unit.get(unit.parent_id) if unit.parent_id else None
    detail = ""
    if not depots and parent is not None and _parent_covers(rule, prm, unit):
        depots = prm.depots(ctx, parent.id)
        detail = f"所属{parent.name}的储备点也可计入，{parent.name}也没有"
    gap = shortfall(
        prm.min_count,
        len(depots),
        subject=rule.title,
        measure="个",
        detail=detail,
        records=tuple(RecordRef("depot", d.id, d.name) for d in depots),
    )
    if gap:
        yield gap


@dataclass(frozen=True, kw_only=True)
class DepotArea(DepotMatch):
    """A depot of at least ``min_area`` square metres (``need = "one"``), or every matching
    depot of that size (``need = "each"``, 「每个站点」).

    ``separate_from`` names rules of the same profile that ask for another depot: one depot
    then counts for one of them only (the rules are served in the profile's order).
    """

    min_area: Decimal = p.param(p.decimal, doc="最小面积（平方米）")
    require_exists: bool = p.param(p.boolean, True, "没有这类仓库时是否报缺失")
    need: str = p.param(p.choice("one", "each"), "one", "one：有一个达到面积；each：每个都达到")
    separate_from: tuple[str, ...] = p.param(p.texts, (), "另需单独仓库的规则编号")


def _big_enough(prm: DepotArea, depot: DepotFact) -> bool:
    return depot.area_m2 is not None and depot.area_m2 >= prm.min_area


def _assigned(rule: Rule, unit: UnitFact, ctx: Context) -> dict[str, DepotFact]:
    """Rules asking for separate depots, each given a depot of its own that meets it (if any).

    Rules are served in the profile's order; a later rule may take another rule's depot only
    if that rule can be given another (augmenting paths), so no rule loses a depot it needs.
    """
    wanted = {rule.id, *rule.params.separate_from}
    group = [
        r
        for r in (ctx.rules or (rule,))
        if r.id in wanted
        and r.kind == "depot_area"
        and r.applies_to(unit.level, unit.flags, unit.name)
    ]
    if rule not in group:
        group.append(rule)
    options = {
        r.id: [d for d in r.params.depots(ctx, unit.id) if _big_enough(r.params, d)] for r in group
    }
    owner: dict[Id, str] = {}

    def serve(rule_id: str, seen: set[Id]) -> bool:
        for depot in options[rule_id]:
            if depot.id in seen:
                continue
            seen.add(depot.id)
            if depot.id not in owner or serve(owner[depot.id], seen):
                owner[depot.id] = rule_id
                return True
        return False

    for r in group:
        serve(r.id, set())
    return {rid: ctx.facts.depot[did] for did, rid in owner.items()}


def check_depot_area(rule: Rule, prm: DepotArea, unit: UnitFact, ctx: Context) -> Iterator[Gap]:
    """A depot's floor area minimum."""
    if not ctx.has_duty(unit, prm.duty_flags):
        return
    depots = prm.depots(ctx, unit.id)
    if not depots:
        if prm.require_exists:
            yield Gap(
                Severity.MISSING,
                rule.title,
                prm.min_area,
                Decimal(0),
                prm.min_area,
                "平方米",
                f"没有{names(prm.match) or '仓库'}",
            )
        return
    if prm.need == "each":
        for depot in depots:
            gap = _area_gap(prm, depot)
            if gap:
                yield gap
        return
    key = ("separate depots", unit.id, tuple(sorted({rule.id, *prm.separate_from})))
    assigned: dict[str, DepotFact] = ctx.cached(key, lambda: _assigned(rule, unit, ctx))
    if rule.id in assigned:
        return
    taken = {d.id: rid for rid, d in assigned.items()}
    free = [d for d in depots if d.id not in taken]
    if not free:
        others = "；".join(
            f"{d.name}已计入{_title(ctx, taken[d.id])}" for d in depots if d.id in taken
        )
        yield Gap(
            Severity.MISSING,
            rule.title,
            prm.min_area,
            Decimal(0),
            prm.min_area,
            "平方米",
            f"{others}，两项要求各需一个仓库",
            tuple(RecordRef("depot", d.id, d.name) for d in depots),
        )
        return
    largest = max(free, key=lambda d: d.area_m2 or Decimal(0))
    gap = _area_gap(prm, largest)
    if gap and len(free) > 1:
        gap = replace(gap, detail="；".join(filter(None, [gap.detail, _others(free, largest)])))
    if gap:
        yield gap


def _area_gap(prm: DepotArea, depot: DepotFact) -> Gap | None:
    return shortfall(
        prm.min_area,
        depot.area_m2 or Decimal(0),
        subject=depot.name,
        measure="平方米",
        detail="" if depot.area_m2 is not None else "未登记面积",
        records=(RecordRef("depot", depot.id, depot.name),),
    )


def _others(free: list[DepotFact], largest: DepotFact) -> str:
    """The other matching depots, each smaller than the largest (a sum does not count)."""
    rest = [d for d in free if d is not largest]
    shown = names(f"{d.name} {format_quantity(d.area_m2 or Decimal(0))}平方米" for d in rest)
    return f"其余同类仓库（面积不合计）：{shown}"


def _title(ctx: Context, rule_id: str) -> str:
    """A rule of the profile as a finding names it."""
    for r in ctx.rules:
        if r.id == rule_id:
            return f"“{r.title}”"
    return rule_id


KINDS = (
    Kind(
        "equipment_set", QT_TRANSLATE_NOOP("Norms", "装备配备"), EquipmentSet, check_equipment_set
    ),
    Kind("depot_exists", QT_TRANSLATE_NOOP("Norms", "仓库建立"), DepotExists, check_depot_exists),
    Kind("depot_area", QT_TRANSLATE_NOOP("Norms", "仓库面积"), DepotArea, check_depot_area),
)
