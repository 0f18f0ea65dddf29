"""应急推演: what sheltering N people for D days in some units needs, and from which depots.

Needs come from the office's per-person amounts: those set per scaled rule (the nearest office
above the units that set an item wins), then the office's per-item amounts (人均储备定额), then
the shipped reference matched to the catalogue, as the check reads them; a reference need in a
measure (平方米, 升) is drawn from all its items, each counted by its conversion factor.
Usable stock is stock on the date that does not expire before the last day, above the depot's
own minimum; serial equipment counts its pieces in stock (在库). Depots are drawn by tier: the
units' own, their towns', the county's, then the other towns' of the county (nearest first where
the office recorded coordinates: great-circle distance from the middle of the units named, each
unit placed at its own coordinates or its nearest above's; depots without coordinates after,
by the tree), each depot first-expiring first.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core import geo
from ledger.core.actor import SYSTEM, Actor
from ledger.core.errors import InvalidValue, MissingField
from ledger.models import Depot, Item, OrgUnit
from ledger.services.accounts.permissions import effective, phone_for
from ledger.services.common import lookup
from ledger.services.norms import facts as norm_facts
from ledger.services.norms import settings as norm_settings
from ledger.services.readiness import reads
from ledger.services.readiness.allocate import ZERO, Lot, Source, allocate
from ledger.services.readiness.model import Allocation, Need, Plan, Tree


def _check_input(units: list[str], people: int, days: int) -> None:
    if not units:
        raise MissingField(where="应急推演", field="安置地区")
    if people <= 0:
        raise InvalidValue(where="应急推演", field="安置人数", value=str(people), reason="须大于零")
    if days <= 0:
        raise InvalidValue(where="应急推演", field="保障天数", value=str(days), reason="须大于零")


def plan(
    session: Session,
    units: list[str],
    people: int,
    days: int,
    on: date | None = None,
    *,
    rule_id: str | None = None,
    actor: Actor = SYSTEM,
) -> Plan:
    """The plan for ``people`` displaced for ``days`` from ``on`` (default today) in ``units``.

    ``rule_id`` limits the per-person amounts to those set for one scaled reserve rule. The
    team leaders' and suppliers' phones are whole or masked as ``actor`` may see them.

    Raises:
        UnknownRecord: a unit code that does not exist.
        MissingField, InvalidValue: no unit, or people or days not above zero.
    """
    _check_input(units, people, days)
    actor = effective(session, actor)
    on = on or date.today()
    named = [lookup.by_key(session, OrgUnit, code) for code in units]
    tree = reads.units(session)
    named_ids = [u.id for u in named]
    wants = _wants(session, _amounts(session, tree, named_ids, rule_id))
    items = _items(session, [i for w in wants for i in w.factors])
    last = on + timedelta(days=days - 1)
    depots = {
        d.id: d
        for d in session.execute(
            select(Depot.id, Depot.code, Depot.name, Depot.unit_id, Depot.latitude, Depot.longitude)
        ).all()
    }
    tiers = _tiers(tree, named_ids, depots)
    serial = [i for i, row in items.items() if row.serial_tracked]
    lots = reads.lots(session, [i for i in items if i not in serial], on, last)
    lots.update(reads.pieces(session, serial))
    minimums = reads.minimums(session, list(items))
    needs: list[Need] = []
    for want in wants:
        ids = sorted((i for i in want.factors if i in items), key=lambda i: items[i].code)
        if not ids:
            continue
        first = items[ids[0]]
        measured = want.measure is not None
        needed = want.need(people, days)
        if not measured and first.serial_tracked:
            needed = Decimal(math.ceil(needed))
        sources = [
            Source(
                (depot_id, of_item),
                tiers[depot_id].tier,
                tiers[depot_id].order,
                tuple(replace(x, quantity=x.quantity * want.factors[of_item]) for x in held),
                minimums.get((depot_id, of_item), ZERO) * want.factors[of_item],
            )
            for (depot_id, of_item), held in lots.items()
            if of_item in want.factors and depot_id in tiers
        ]
        available, draws = allocate(needed, sources)
        allocations: list[Allocation] = []
        for d in draws:
            depot_id, of_item = cast(tuple[uuid.UUID, uuid.UUID], d.depot_id)
            drawn = _in_items(d.quantity, want.factors[of_item], lots[depot_id, of_item], d.lot)
            allocations.append(
                Allocation(
                    depot_id,
                    depots[depot_id].code,
                    depots[depot_id].name,
                    tree.by_id[depots[depot_id].unit_id].name,
                    d.tier,
                    d.lot,
                    d.expiry,
                    drawn if measured else d.quantity,
                    d.serials,
                    of_item if measured else None,
                    items[of_item].name if measured else "",
                    items[of_item].unit if measured else "",
                    tiers[depot_id].km,
                )
            )
        needs.append(
            Need(
                first.id,
                first.code,
                want.name if measured else first.name,
                want.measure if want.measure is not None else first.unit,
                want.per_person,
                want.per_day,
                needed,
                available,
                tuple(allocations),
                item_ids=tuple(ids),
            )
        )
    short = [i for n in needs if n.short > ZERO for i in n.item_ids]
    covers = {
        item: tuple(replace(c, phone=phone_for(actor, c.phone)) for c in found)
        for item, found in reads.covers(session, tree, named_ids, short, on).items()
    }
    needs = [
        replace(n, covers=tuple(c for i in n.item_ids for c in covers.get(i, ()))) if n.short else n
        for n in needs
    ]
    needs.sort(key=lambda n: n.item_code)
    return Plan(
        tuple(u.code for u in named),
        tuple(u.name for u in named),
        people,
        days,
        on,
        tuple(needs),
        tuple(
            replace(t, phone=phone_for(actor, t.phone))
            for t in reads.teams(session, tree, named_ids, on)
        ),
        rule_id,
    )


def _amounts(
    session: Session, tree: Tree, named: list[uuid.UUID], rule_id: str | None
) -> dict[uuid.UUID, tuple[Decimal, bool]]:
    """Per item the amount set by the nearest office above the units (the largest, if several
    rules of that office set it)."""
    rank: dict[uuid.UUID, int] = {}
    for unit_id in named:
        for distance, above in enumerate(tree.ancestry(unit_id)):
            rank[above.id] = min(rank.get(above.id, distance), distance)
    best: dict[uuid.UUID, tuple[int, Decimal, bool]] = {}
    for row in norm_settings.per_capita_amounts(session):
        if row.unit_id not in rank or (rule_id is not None and row.rule_id != rule_id):
            continue
        key = (rank[row.unit_id], -row.amount)
        have = best.get(row.item_id)
        if have is None or key < (have[0], -have[1]):
            best[row.item_id] = (rank[row.unit_id], row.amount, row.per_day)
    return {item_id: (amount, per_day) for item_id, (_, amount, per_day) in best.items()}


@dataclass(frozen=True)
class _Want:
    """One need to plan: per person (once or each day), of some items, each counting ``factor``
    of ``measure`` (None: the item's own unit, one for one)."""

    name: str
    measure: str | None
    per_person: Decimal
    per_day: bool
    factors: dict[uuid.UUID, Decimal]
    once: Decimal = ZERO

    def need(self, people: int, days: int) -> Decimal:
        """What ``people`` need over ``days``."""
        return self.once * people + self.per_person * people * (days if self.per_day else 1)


def _wants(session: Session, amounts: dict[uuid.UUID, tuple[Decimal, bool]]) -> list[_Want]:
    """The office's per-rule amounts, then its per-item amounts (人均储备定额), then the shipped
    reference matched to the catalogue (as the check reads them) for the items left."""
    wants = [
        _Want("", None, amount, per_day, {item_id: Decimal(1)})
        for item_id, (amount, per_day) in amounts.items()
    ]
    for default in norm_facts.per_capita_defaults(session):
        factors = {cast(uuid.UUID, i): f for i, f in default.factors if i not in amounts}
        if not factors:
            continue
        per_day = bool(default.daily)
        wants.append(
            _Want(
                default.key,
                None if default.office else default.measure,
                default.daily if per_day else default.once,
                per_day,
                factors,
                default.once if per_day else ZERO,
            )
        )
    return wants


def _in_items(measure: Decimal, factor: Decimal, held: list[Lot], lot: str) -> Decimal:
    """How many of an item a draw of ``measure`` takes: whole items, at most the lot holds."""
    if factor == 1:
        return measure
    whole = Decimal(math.ceil(measure / factor))
    return min(whole, next((x.quantity for x in held if x.lot == lot), whole))


def _items(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, Item]:
    if not ids:
        return {}
    return {i.id: i for i in session.scalars(select(Item).where(Item.id.in_(ids)))}


@dataclass(frozen=True)
class _Place:
    """A depot's tier, its order within the tier and its distance from the units, if known."""

    tier: int
    order: tuple[object, ...]
    km: Decimal | None = None


def _tiers(
    tree: Tree, named: list[uuid.UUID], depots: dict[uuid.UUID, Any]
) -> dict[uuid.UUID, _Place]:
    """Each depot's tier and order within it: rank, town code, depot code; the other towns'
    depots by distance where both places are known, those without coordinates after them."""
    named_set = set(named)
    towns = {tree.at_rank(u, 3) for u in named} - {None}
    counties = {tree.at_rank(u, 2) for u in named} - {None}
    above = {a.id: a for u in named for a in tree.ancestry(u)[1:]}
    origin = geo.centroid(p for u in named if (p := tree.place(u)) is not None)
    out: dict[uuid.UUID, _Place] = {}
    order: tuple[object, ...]
    for depot_id, depot in depots.items():
        home: uuid.UUID = depot.unit_id
        code: str = depot.code
        spot = geo.point(depot.latitude, depot.longitude)
        km = None if origin is None or spot is None else geo.distance_km(origin, spot)
        chain = tree.ancestry(home)
        town = tree.at_rank(home, 3)
        if any(a.id in named_set for a in chain):
            tier, order = 0, ("", code)
        elif town is not None and town in towns:
            tier, order = 1, ("", code)
        elif home in above:
            tier, order = 2, (-above[home].level.rank, code)
        elif town is not None and tree.at_rank(town, 2) in counties:
            tier, order = 3, (km is None, km or 0.0, tree.by_id[town].code, code)
        else:
            tier, order = 4, ("", code)
        out[depot_id] = _Place(tier, order, None if km is None else geo.rounded_km(km))
    return out
