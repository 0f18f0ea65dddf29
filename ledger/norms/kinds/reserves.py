"""Rule kinds about material reserves: a minimum of an item or category, and office minimums.

A reserve is fixed (a quantity) or scaled (people x days x a per-person amount the office sets
per item; until it has, the shipped reference's amounts apply, matched to the catalogue (see
:mod:`ledger.norms.per_capita`), and where neither gives one the rule reports ``unconfigured``).
Only unexpired stock counts.
Agreement (协议储备) and capacity (产能储备) reserves count with the weight the rule gives
them, at most ``agreement_cap`` of what is required, and an expired contract counts for nothing.
"""

# ruff: noqa: RUF009 - p.param() returns a dataclasses.field carrying the converter

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from ledger.core.enums import Category, ReserveMode
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.core.quantity import format_quantity
from ledger.norms import params as p
from ledger.norms.facts import ItemFact, PerCapitaDefault, PerCapitaFact, UnitFact
from ledger.norms.kinds.base import ZERO, Context, Kind, item_matches, shortfall
from ledger.norms.model import Gap, Id, RecordRef, Rule, Severity


@dataclass(frozen=True, kw_only=True)
class Reserve:
    """A reserve of an item or category, fixed or scaled by people and days."""

    items: tuple[str, ...] = p.param(p.texts, (), "物资名称或编码（任一）")
    category: Category | None = p.param(p.category, None, "物资类别")
    quantity: Decimal | None = p.param(p.decimal, None, "固定储备数量")
    people: int | None = p.param(p.positive, None, "保障人数（规模储备）")
    days: int = p.param(p.positive, 1, "保障天数（规模储备）")
    agreement: Decimal = p.param(p.share, Decimal(0), "协议储备按多大比例计入（0–1）")
    capacity: Decimal = p.param(p.share, Decimal(0), "产能储备按多大比例计入（0–1）")
    agreement_cap: Decimal | None = p.param(p.share, None, "协议与产能储备最多抵顶要求的比例")
    scope: str = p.param(p.choice("unit", "subtree"), "unit", "unit：本级仓库；subtree：含下级")

    def __post_init__(self) -> None:
        if (self.quantity is None) == (self.people is None):
            raise ValueError("quantity（固定数量）与 people（规模人数）须二选一")
        if self.quantity is not None and not self.items and self.category is None:
            raise ValueError("固定储备须给出 items 或 category")

    def covers(self, item: ItemFact) -> bool:
        """Whether an item belongs to this reserve (any item when neither is given)."""
        if not self.items and self.category is None:
            return True
        return item_matches(item, self.items) or item.category is self.category


def _units(ctx: Context, unit: UnitFact, scope: str) -> list[Id]:
    if scope == "unit":
        return [unit.id]
    return [unit.id, *(u.id for u in ctx.facts.descendants(unit.id))]


def _holdings(
    ctx: Context, prm: Reserve, unit: UnitFact, item_ids: set[Id], required: Decimal
) -> tuple[Decimal, str, list[RecordRef]]:
    """What counts toward a reserve of ``item_ids``: stock plus weighted contracts."""
    physical = sum(
        (
            lot.quantity
            for u in _units(ctx, unit, prm.scope)
            for lot in ctx.good_lots(u)
            if lot.item_id in item_ids
        ),
        ZERO,
    )
    weights = {ReserveMode.AGREEMENT: prm.agreement, ReserveMode.CAPACITY: prm.capacity}
    contracted: dict[ReserveMode, Decimal] = defaultdict(Decimal)
    refs = []
    for deal in ctx.facts.agreements_of.get(unit.id, ()):
        if deal.item_id in item_ids and deal.in_force(ctx.on) and weights.get(deal.mode):
            contracted[deal.mode] += deal.quantity * weights[deal.mode]
            refs.append(RecordRef("agreement", deal.id, deal.counterparty))
    counted = sum(contracted.values(), ZERO)
    if prm.agreement_cap is not None:
        counted = min(counted, required * prm.agreement_cap)
    detail = f"实物{format_quantity(physical)}"
    if counted:
        detail += f"，协议/产能储备计入{format_quantity(counted)}"
    return physical + counted, detail, refs


def _amounts(ctx: Context, rule: Rule, unit: UnitFact) -> list[PerCapitaFact]:
    """Per-person amounts for this rule set by the unit's office or the nearest one above."""
    by_unit: dict[Id, list[PerCapitaFact]] = ctx.cached(
        ("per_capita", rule.id),
        lambda: _group_amounts(ctx, rule),
    )
    for above in ctx.facts.ancestry(unit.id):
        if above.id in by_unit:
            return by_unit[above.id]
    return []


def _group_amounts(ctx: Context, rule: Rule) -> dict[Id, list[PerCapitaFact]]:
    grouped: dict[Id, list[PerCapitaFact]] = defaultdict(list)
    for amount in ctx.facts.per_capita:
        if amount.profile_id == ctx.profile_id and amount.rule_id == rule.id:
            grouped[amount.unit_id].append(amount)
    return grouped


def check_reserve(rule: Rule, prm: Reserve, unit: UnitFact, ctx: Context) -> Iterator[Gap]:
    """A reserve minimum of an item or category, fixed or scaled by population x days."""
    if prm.quantity is not None:
        ids = {i.id for i in ctx.facts.items if prm.covers(i)}
        units = {ctx.facts.item[i].unit for i in ids}
        have, detail, refs = _holdings(ctx, prm, unit, ids, prm.quantity)
        gap = shortfall(
            prm.quantity,
            have,
            subject=rule.title,
            detail=detail,
            records=refs,
            measure=units.pop() if len(units) == 1 else "",
        )
        if gap:
            yield gap
        return
    scale = f"按{prm.people}人×{prm.days}天规模"
    amounts = [a for a in _amounts(ctx, rule, unit) if a.item_id in ctx.facts.item]
    amounts = [a for a in amounts if prm.covers(ctx.facts.item[a.item_id])]
    if not amounts:
        found = list(_reference_gaps(ctx, prm, unit, scale))
        if found:
            yield from (g for g in found if g is not None)
            return
        aside = _unconverted(ctx, prm, ctx.facts.per_capita_defaults)
        why = f"；参考表的人均数量无法折算到：{aside}（规格型号未写面积或容量）" if aside else ""
        yield Gap(
            Severity.UNCONFIGURED,
            rule.title,
            None,
            None,
            None,
            "",
            f"{scale}储备，尚未设定各物资的人均储备定额（参考表也没有可用的人均数量）{why}",
        )
        return
    for amount in amounts:
        item = ctx.facts.item[amount.item_id]
        need = amount.amount * prm.people * (prm.days if amount.per_day else 1)  # type: ignore[operator]
        have, detail, refs = _holdings(ctx, prm, unit, {item.id}, need)
        gap = shortfall(
            need,
            have,
            subject=item.name,
            measure=item.unit,
            detail=f"{scale}，{detail}",
            records=refs,
        )
        if gap:
            yield gap


def _unconverted(ctx: Context, prm: Reserve, entries: Iterable[PerCapitaDefault]) -> str:
    """The reserve's items that match a reference entry but give no conversion, by name."""
    items = ctx.facts.item
    found = [
        items[i].name
        for entry in entries
        for i in entry.unconverted
        if i in items and prm.covers(items[i])
    ]
    return "、".join(found)


def _reference_gaps(ctx: Context, prm: Reserve, unit: UnitFact, scale: str) -> Iterator[Gap | None]:
    """A scaled reserve by the office's per-item amounts and the shipped reference: one
    requirement per entry, the matching items counted together in the entry's measure (a
    tent's area, water's litres).

    Yields None for an entry that is met, so that the caller knows the reference applied.
    """
    for entry in ctx.facts.per_capita_defaults:
        factors = [
            (i, k)
            for i, k in entry.factors
            if i in ctx.facts.item and prm.covers(ctx.facts.item[i])
        ]
        if not factors:
            continue
        need = entry.need(prm.people, prm.days)  # type: ignore[arg-type]
        have, refs = ZERO, list[RecordRef]()
        for item_id, share in factors:
            held, _, deals = _holdings(ctx, prm, unit, {item_id}, need / share)
            have += held * share
            refs += deals
        amounts = [
            f"{per}{format_quantity(value, entry.measure)}"
            for per, value in (("每人", entry.once), ("每人每天", entry.daily))
            if value
        ]
        source = "本单位定额" if entry.office else "参考定额"
        notes = [f"{scale}，{source}{'，'.join(amounts)}"]
        if not entry.office:
            notes.append(f"计入：{'、'.join(ctx.facts.item[i].name for i, _ in factors)}")
        aside = _unconverted(ctx, prm, [entry])
        if aside:
            notes.append(f"规格型号无法折算、未计入：{aside}")
        notes.append(f"依据：{entry.basis}")
        yield shortfall(
            need,
            have,
            subject=entry.key,
            measure=entry.measure,
            detail="；".join(notes),
            records=refs,
        )


@dataclass(frozen=True, kw_only=True)
class OfficeMinimum:
    """The office's own minimum per depot and item (最低库存), set in the GUI."""


def check_office_minimum(
    rule: Rule, prm: OfficeMinimum, unit: UnitFact, ctx: Context
) -> Iterator[Gap]:
    """The office's own minimum per depot and item, checked like a plan rule."""
    for depot in ctx.facts.depots_of.get(unit.id, ()):
        for minimum in ctx.facts.minimums_of.get(depot.id, ()):
            item = ctx.facts.item.get(minimum.item_id)
            if item is None:
                continue
            have = sum(
                (
                    lot.quantity
                    for lot in ctx.facts.lots_of.get(depot.id, ())
                    if lot.item_id == item.id
                    and lot.quantity > 0
                    and (lot.expiry is None or lot.expiry >= ctx.on)
                ),
                ZERO,
            )
            gap = shortfall(
                minimum.quantity,
                have,
                subject=f"{depot.name}·{item.name}",
                measure=item.unit,
                records=(RecordRef("depot", depot.id, depot.name), RecordRef("item", item.id)),
            )
            if gap:
                yield gap


KINDS = (
    Kind("reserve", QT_TRANSLATE_NOOP("Norms", "物资储备"), Reserve, check_reserve),
    Kind(
        "office_minimum",
        QT_TRANSLATE_NOOP("Norms", "最低库存"),
        OfficeMinimum,
        check_office_minimum,
    ),
)
