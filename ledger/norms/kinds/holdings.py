"""Rule kinds about what a unit holds: equipment sets (5+X, 四合一 …), depots and their area.

Equipment counts serial-numbered pieces that are not scrapped, held by the unit itself, by its
teams or in its depots; an entry of a set accepts several item names or codes, or a category.
"""

# ruff: noqa: RUF009 - p.param() returns a dataclasses.field carrying the converter

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ledger.core.enums import Category
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.norms import params as p
from ledger.norms.facts import DepotFact, UnitFact
from ledger.norms.kinds.base import Context, Kind, item_matches, names, shortfall
from ledger.norms.model import Gap, Id, RecordRef, Rule, Severity


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One line of an equipment set: the plan's name, accepted item names or a category."""

    name: str = p.param(p.text, doc="规划中的装备名称")
    accept: tuple[str, ...] = p.param(p.texts, (), "台账中可接受的物资名称或编码")
    category: Category | None = p.param(p.category, None, "或：该类别的任一装备")
    min: int = p.param(p.positive, 1, "最少台（套）数")

    @property
    def accepted(self) -> tuple[str, ...]:
        """The item names and codes that count (the plan's own name when none are listed)."""
        return self.accept or (self.name,)


@dataclass(frozen=True, kw_only=True)
class EquipmentSet:
    """A set of equipment the unit must hold, each entry with its minimum."""

    items: tuple[Entry, ...] = p.param(p.table_list(Entry), doc="装备清单")


def check_equipment_set(
    rule: Rule, prm: EquipmentSet, unit: UnitFact, ctx: Context
) -> Iterator[Gap]:
    """A unit must hold an equipment set with minimum quantities."""
    held = ctx.equipment(unit.id)
    for entry in prm.items:
        pieces = []
        for piece in held:
            item = ctx.facts.item.get(piece.item_id)
            if item is None:
                continue
            if item_matches(item, entry.accepted) or (
                entry.category is not None and item.category is entry.category
            ):
                pieces.append(piece)
        gap = shortfall(
            entry.min,
            len(pieces),
            subject=entry.name,
            measure="台(套)",
            records=tuple(RecordRef("equipment", e.id, e.serial) for e in pieces),
        )
        if gap:
            yield gap


@dataclass(frozen=True, kw_only=True)
class DepotMatch:
    """Which depots count: kind or name containing one of ``match`` (empty means any)."""

    match: tuple[str, ...] = p.param(p.texts, (), "仓库类型或名称包含的字（任一）")
    scope: str = p.param(p.choice("unit", "subtree"), "unit", "unit：本级；subtree：含下级")

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


def check_depot_exists(rule: Rule, prm: DepotExists, unit: UnitFact, ctx: Context) -> Iterator[Gap]:
    """A depot must exist."""
    depots = prm.depots(ctx, unit.id)
    gap = shortfall(
        prm.min_count,
        len(depots),
        subject=rule.title,
        measure="个",
        records=tuple(RecordRef("depot", d.id, d.name) for d in depots),
    )
    if gap:
        yield gap


@dataclass(frozen=True, kw_only=True)
class DepotArea(DepotMatch):
    """Every matching depot has at least ``min_area`` square metres."""

    min_area: Decimal = p.param(p.decimal, doc="最小面积（平方米）")
    require_exists: bool = p.param(p.boolean, True, "没有这类仓库时是否报缺失")


def check_depot_area(rule: Rule, prm: DepotArea, unit: UnitFact, ctx: Context) -> Iterator[Gap]:
    """A depot's floor area minimum."""
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
    for depot in depots:
        area = depot.area_m2 or Decimal(0)
        gap = shortfall(
            prm.min_area,
            area,
            subject=depot.name,
            measure="平方米",
            detail="" if depot.area_m2 is not None else "未登记面积",
            records=(RecordRef("depot", depot.id, depot.name),),
        )
        if gap:
            yield gap


KINDS = (
    Kind(
        "equipment_set", QT_TRANSLATE_NOOP("Norms", "装备配备"), EquipmentSet, check_equipment_set
    ),
    Kind("depot_exists", QT_TRANSLATE_NOOP("Norms", "仓库建立"), DepotExists, check_depot_exists),
    Kind("depot_area", QT_TRANSLATE_NOOP("Norms", "仓库面积"), DepotArea, check_depot_area),
)
