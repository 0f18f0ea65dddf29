"""A year of the demo county's stock: every document type, posted in date order.

Opening stock on the first day; purchases from suppliers through the year; stock moved to the
town points before the flood and fire seasons; issues to teams and town governments for a July
flood, a spring forest fire, a landslide, a chemical leak, a snowstorm and a drill, with the
returns that follow; donations; write-offs with reasons; stocktakes; and a reversal (红冲).
Some lots are left to expire, others expire within weeks of the reference date.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import partial

from ledger.core.enums import Category, Level
from ledger.models import Item, OrgUnit, Team
from ledger.services.demo.context import Context
from ledger.services.demo.depots import DEPOTS, SUPPLIERS, DepotSpec
from ledger.services.demo.incidents import plan_incidents
from ledger.services.demo.keeper import Keeper, ReceiptLine, days
from ledger.services.demo.plan import ISSUE, RECEIPT, Plan, add_months
from ledger.services.stock.opening import OPENING_NOTE


def build_year(ctx: Context) -> Keeper:
    """Post the year's documents; return the keeper with its counts and mirror of stock."""
    keeper = Keeper(ctx)
    plan = Plan()
    code = {spec.number: f"{ctx.county.code[:6]}K{spec.number:02d}" for spec in DEPOTS}
    _opening(ctx, keeper, plan, code)
    _purchases(ctx, keeper, plan, code)
    _routine_issues(ctx, keeper, plan, code)
    plan_incidents(ctx, keeper, plan, code)
    plan.run()
    return keeper


def stocked_items(ctx: Context, spec: DepotSpec) -> list[Item]:
    """The items a depot keeps: its categories (town points: the cheaper ones) and extras."""
    items = [
        item
        for item in ctx.items.values()
        if item.category in spec.categories
        and (spec.scale >= 1 or ctx.prices[item.code] < 60000)
        and (item.unit != "辆" or spec.scale >= 1)
    ]
    return items + [ctx.item(name) for name in spec.extras if ctx.item(name) not in items]


def quantity(ctx: Context, item: Item, scale: float) -> Decimal:
    """A plausible stock quantity for an item of its price and unit, scaled for the depot."""
    price = ctx.prices[item.code]
    rng = ctx.rng
    if item.unit in ("吨", "立方米"):
        tons = Decimal(rng.randint(20, 400)) / 2 * Decimal(str(scale))
        return max(tons.quantize(Decimal("0.1")), Decimal("0.5"))
    if price < 50:
        base = rng.randint(8, 120) * 25
    elif price < 500:
        base = rng.randint(4, 60) * 5
    elif price < 5000:
        base = rng.randint(4, 40)
    elif price < 100000:
        base = rng.randint(1, 6)
    else:
        base = rng.randint(1, 2)
    if item.serial_tracked:
        base = min(base, 12)
    return Decimal(max(1, round(base * scale)))


def opening_expiry(ctx: Context, item: Item, months: int) -> date:
    """Expiry of an opening lot: mostly far off, some within weeks of today, some past."""
    latest = add_months(ctx.start, months)  # produced no later than the start
    roll = ctx.rng.random()
    ranges = [(ctx.today + days(120), latest)]
    if roll < 0.3:
        ranges.insert(0, (ctx.today + days(5), min(ctx.today + days(85), latest)))
    if roll < 0.15:
        ranges.insert(0, (ctx.start + days(40), ctx.today - days(15)))
    for low, high in ranges:
        if low <= high:
            return low + days(ctx.rng.randint(0, (high - low).days))
    return ctx.start + days(ctx.rng.randint(30, max(30, (latest - ctx.start).days)))


def _lines_for(
    ctx: Context, keeper: Keeper, items: list[Item], scale: float, day: date, fresh: bool
) -> list[tuple[str, Decimal, str, date | None]]:
    lines: list[ReceiptLine] = []
    for item in items:
        qty = quantity(ctx, item, scale)
        if item.shelf_life_months is None:
            lines.append((item.name, qty, "", None))
            continue
        if fresh:
            produced = day - days(ctx.rng.randint(7, 60))
            expiry = add_months(produced, item.shelf_life_months)
        else:
            expiry = opening_expiry(ctx, item, item.shelf_life_months)
            produced = add_months(expiry, -item.shelf_life_months)
        lines.append((item.name, qty, keeper.lot_for(item.code, produced, expiry), expiry))
    return lines


def _opening(ctx: Context, keeper: Keeper, plan: Plan, code: dict[int, str]) -> None:
    for spec in DEPOTS:
        items = [
            i for i in stocked_items(ctx, spec) if i.name in spec.extras or ctx.rng.random() < 0.88
        ]
        lines = _lines_for(ctx, keeper, items, spec.scale, ctx.start, fresh=False)
        for chunk in range(0, len(lines), 24):
            part = lines[chunk : chunk + 24]
            post = partial(keeper.receive, code[spec.number], ctx.start, part, note=OPENING_NOTE)
            plan.at(ctx.start, RECEIPT, post)


def _supplier(category: Category) -> str:
    return next(name for name, cats in SUPPLIERS.items() if category in cats)


def _purchases(ctx: Context, keeper: Keeper, plan: Plan, code: dict[int, str]) -> None:
    """A purchase every two or three weeks, from the supplier of the items' category."""
    day = ctx.start + days(20)
    while day <= ctx.today:
        spec = ctx.rng.choice([s for s in DEPOTS if s.scale >= 1] * 3 + list(DEPOTS))
        items = stocked_items(ctx, spec)
        category = ctx.rng.choice(sorted({i.category for i in items}, key=lambda c: c.value))
        chosen = [i for i in items if i.category is category]
        chosen = ctx.rng.sample(chosen, min(len(chosen), ctx.rng.randint(2, 6)))
        lines = _lines_for(ctx, keeper, chosen, spec.scale * 0.4, day, fresh=True)
        contract = f"HQCG-{day.year}-{ctx.rng.randint(10, 99):03d}"
        note = f"政府采购 合同号 {contract}"
        supplier = _supplier(category)
        plan.at(
            day,
            RECEIPT,
            partial(
                keeper.receive, code[spec.number], day, lines, counterparty=supplier, note=note
            ),
        )
        day += days(ctx.rng.randint(14, 24))


def _routine_issues(ctx: Context, keeper: Keeper, plan: Plan, code: dict[int, str]) -> None:
    """Small issues to teams for training and daily duty, about twice a week."""
    teams_of: dict[str, list[Team]] = {}
    for spec in DEPOTS:
        home = (
            ctx.county if spec.town is None else next(t for t in ctx.towns if t.name == spec.town)
        )
        teams_of[code[spec.number]] = _teams_near(ctx, home)
    day = ctx.start + days(3)
    while day <= ctx.today:
        spec = ctx.rng.choice(DEPOTS)
        depot = code[spec.number]
        cheap = [
            i
            for i in stocked_items(ctx, spec)
            if ctx.prices[i.code] < 600 and not i.serial_tracked and i.unit not in ("吨", "立方米")
        ]
        wants = [
            (i.name, Decimal(ctx.rng.randint(2, 20)))
            for i in ctx.rng.sample(cheap, min(3, len(cheap)))
        ]
        team = ctx.rng.choice(teams_of[depot])
        plan.at(
            day, ISSUE, partial(keeper.issue, depot, day, wants, team, note="日常训练及值守领用")
        )
        day += days(ctx.rng.randint(2, 5))


def _teams_near(ctx: Context, home: OrgUnit) -> list[Team]:
    """Teams of a unit and, for the county, of its towns (villages draw from their town)."""
    ids = {home.id}
    if home.level is Level.COUNTY:
        ids |= {t.id for t in ctx.towns}
    else:
        ids |= {v.id for v in ctx.villages if ctx.town_of[v.code] is home}
    return [t for t in ctx.teams.values() if t.unit_id in ids]
