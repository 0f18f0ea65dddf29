"""应急推演: what sheltering N people for D days in some units needs, and from which depots.

Needs come from the office's per-person amounts (人均储备定额, as :mod:`norm_settings` reads
them: the nearest office above the units that set an item wins). Usable stock is stock on the
date that does not expire before the last day, above the depot's own minimum; serial equipment
counts its pieces in stock (在库). Depots are drawn by tier: the units' own, their towns', the
county's, then the other towns' of the county, each depot first-expiring first.
"""

from __future__ import annotations

import math
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, func, literal_column, or_, select, text
from sqlalchemy.orm import Session

from ledger.core.enums import EquipmentStatus, Level, Nature, ReserveMode, TeamType
from ledger.core.errors import InvalidValue, MissingField
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.models import (
    Balance,
    Counterparty,
    Depot,
    Equipment,
    Item,
    Member,
    Movement,
    OrgUnit,
    Team,
)
from ledger.models.norms import ReserveAgreement, ReserveAgreementLine, StockMinimum
from ledger.services import lookup, norm_settings
from ledger.services.raw_reads import as_uuid, fetch
from ledger.services.readiness.allocate import ZERO, Lot, Source, allocate

CONTEXT = "Readiness"
#: The tiers depots are drawn in, nearest first.
TIERS = (
    QT_TRANSLATE_NOOP("Readiness", "本单位"),
    QT_TRANSLATE_NOOP("Readiness", "本乡镇"),
    QT_TRANSLATE_NOOP("Readiness", "县级"),
    QT_TRANSLATE_NOOP("Readiness", "邻近乡镇"),
    QT_TRANSLATE_NOOP("Readiness", "其他"),
)
_LOT = (Balance.depot_id, Balance.item_id, Balance.lot, Balance.expiry, Balance.quantity)
#: The lots of some items holding anything.
_HELD = select(*_LOT).where(
    Balance.item_id.in_(bindparam("ids", expanding=True)), Balance.quantity != literal_column("0")
)
#: The same on SQLite through the partial index of lots holding anything (``ix_balances_held``):
#: left to itself SQLite walks every lot the items ever had (emptied lots are most of them).
_HELD_SQLITE = (
    text(
        "SELECT depot_id, item_id, lot, expiry, quantity FROM balances "
        "INDEXED BY ix_balances_held WHERE item_id IN :ids AND quantity != 0"
    )
    .bindparams(bindparam("ids", expanding=True, type_=Balance.item_id.type))
    .columns(*_LOT)
)
#: Equipment a team can bring (not in repair, not scrapped).
_READY = (EquipmentStatus.IN_STOCK, EquipmentStatus.IN_USE)
_UNITS = select(OrgUnit.id, OrgUnit.code, OrgUnit.name, OrgUnit.level, OrgUnit.parent_id)
_TEAMS = select(Team.id, Team.code, Team.name, Team.unit_id, Team.team_type, Team.nature,
                Team.leader, Team.phone)  # fmt: skip
_ON = bindparam("on", type_=Member.left_on.type)
#: Active members per team on the date.
_HEADS = (
    select(Member.team_id, func.count())
    .where(
        (Member.joined_on.is_(None)) | (Member.joined_on <= _ON),
        (Member.left_on.is_(None)) | (Member.left_on > _ON),
    )
    .group_by(Member.team_id)
)
#: Teams' usable equipment per item.
_KIT = (
    select(Equipment.holder_team_id, Item.name, Item.unit, func.count())
    .join(Item, Item.id == Equipment.item_id)
    .where(Equipment.holder_team_id.is_not(None), or_(*(Equipment.status == x for x in _READY)))
    .group_by(Equipment.holder_team_id, Item.name, Item.unit)
    .order_by(Item.name)
)


@dataclass(frozen=True)
class Allocation:
    """One line of the plan: how much of which lot to draw from which depot."""

    depot_id: uuid.UUID
    depot_code: str
    depot_name: str
    unit_name: str
    tier: int
    lot: str
    expiry: date | None
    quantity: Decimal
    serials: tuple[str, ...] = ()

    @property
    def tier_label(self) -> str:
        """本单位, 本乡镇, 县级, 邻近乡镇 or 其他 (translate with context ``Readiness``)."""
        return TIERS[self.tier]


@dataclass(frozen=True)
class Cover:
    """An agreement (协议储备) or capacity reserve (产能储备) that could cover a shortfall."""

    mode: ReserveMode
    supplier: str
    contact: str
    phone: str
    number: str
    unit_name: str
    quantity: Decimal
    ends_on: date | None


@dataclass(frozen=True)
class Need:
    """One item: what is needed, what usable stock there is, the draws and what is short."""

    item_id: uuid.UUID
    item_code: str
    item_name: str
    unit: str
    per_person: Decimal
    per_day: bool
    needed: Decimal
    available: Decimal
    allocations: tuple[Allocation, ...]
    covers: tuple[Cover, ...] = ()

    @property
    def short(self) -> Decimal:
        """Need minus available, never below zero."""
        return max(ZERO, self.needed - self.available)


@dataclass(frozen=True)
class TeamRow:
    """A team that can be called, with its active headcount and usable equipment."""

    team_id: uuid.UUID
    code: str
    name: str
    unit_name: str
    team_type: TeamType
    nature: Nature
    leader: str
    phone: str
    headcount: int
    equipment: tuple[tuple[str, int, str], ...]


@dataclass(frozen=True)
class Plan:
    """The whole answer for N people over D days in some units."""

    unit_codes: tuple[str, ...]
    unit_names: tuple[str, ...]
    people: int
    days: int
    on: date
    needs: tuple[Need, ...]
    teams: tuple[TeamRow, ...]
    rule_id: str | None = None

    @property
    def last_day(self) -> date:
        """The last day of the period, through which stock must stay usable."""
        return self.on + timedelta(days=self.days - 1)

    @property
    def short(self) -> tuple[Need, ...]:
        """The items the depots cannot cover."""
        return tuple(n for n in self.needs if n.short > ZERO)


@dataclass(frozen=True)
class _Team:
    id: uuid.UUID
    code: str
    name: str
    unit_id: uuid.UUID
    team_type: TeamType
    nature: Nature
    leader: str
    phone: str


@dataclass(frozen=True)
class _Unit:
    id: uuid.UUID
    code: str
    name: str
    level: Level
    parent_id: uuid.UUID | None


class _Tree:
    """The org tree, for ancestries and tiers."""

    def __init__(self, units: Iterable[_Unit]) -> None:
        self.by_id = {u.id: u for u in units}

    def ancestry(self, unit_id: uuid.UUID | None) -> list[_Unit]:
        """The unit itself, then its parent … up to the root."""
        out: list[_Unit] = []
        while unit_id is not None and unit_id in self.by_id and len(out) < 16:
            out.append(self.by_id[unit_id])
            unit_id = self.by_id[unit_id].parent_id
        return out

    def at_rank(self, unit_id: uuid.UUID, rank: int) -> uuid.UUID | None:
        """The unit's ancestor (or itself) at ``rank`` (3: town or zone, 2: county)."""
        for above in self.ancestry(unit_id):
            if above.level.rank == rank:
                return above.id
        return None


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
) -> Plan:
    """The plan for ``people`` displaced for ``days`` from ``on`` (default today) in ``units``.

    ``rule_id`` limits the per-person amounts to those set for one scaled reserve rule.

    Raises:
        UnknownRecord: a unit code that does not exist.
        MissingField, InvalidValue: no unit, or people or days not above zero.
    """
    _check_input(units, people, days)
    on = on or date.today()
    named = [lookup.by_key(session, OrgUnit, code) for code in units]
    conn = session.connection()
    level = {m.value: m for m in Level}
    tree = _Tree(
        _Unit(as_uuid(i), code, name, level[lv], as_uuid(parent) if parent else None)
        for i, code, name, lv, parent in fetch(conn, _UNITS)
    )
    named_ids = [u.id for u in named]
    amounts = _amounts(session, tree, named_ids, rule_id)
    items = _items(session, list(amounts))
    last = on + timedelta(days=days - 1)
    depots = {
        d.id: d
        for d in session.execute(select(Depot.id, Depot.code, Depot.name, Depot.unit_id)).all()
    }
    tiers = _tiers(tree, named_ids, depots)
    serial = [i for i, row in items.items() if row.serial_tracked]
    lots = _lots(session, [i for i in items if i not in serial], on, last)
    lots.update(_pieces(session, serial))
    minimums = _minimums(session, list(items))
    needs: list[Need] = []
    for item_id, (per_person, per_day) in amounts.items():
        row = items[item_id]
        needed = per_person * people * (days if per_day else 1)
        if row.serial_tracked:
            needed = Decimal(math.ceil(needed))
        sources = [
            Source(
                depot_id,
                tiers[depot_id][0],
                tiers[depot_id][1],
                tuple(held),
                minimums.get((depot_id, item_id), ZERO),
            )
            for (depot_id, of_item), held in lots.items()
            if of_item == item_id and depot_id in tiers
        ]
        available, draws = allocate(needed, sources)
        allocations = tuple(
            Allocation(
                d.depot_id,  # type: ignore[arg-type]
                depots[d.depot_id].code,
                depots[d.depot_id].name,
                tree.by_id[depots[d.depot_id].unit_id].name,
                d.tier,
                d.lot,
                d.expiry,
                d.quantity,
                d.serials,
            )
            for d in draws
        )
        needs.append(
            Need(
                item_id,
                row.code,
                row.name,
                row.unit,
                per_person,
                per_day,
                needed,
                available,
                allocations,
            )
        )
    short = [n.item_id for n in needs if n.short > ZERO]
    covers = _covers(session, tree, named_ids, short, on)
    needs = [
        Need(**{**n.__dict__, "covers": tuple(covers.get(n.item_id, ()))}) if n.short else n
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
        _teams(session, tree, named_ids, on),
        rule_id,
    )


def _amounts(
    session: Session, tree: _Tree, named: list[uuid.UUID], rule_id: str | None
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


def _items(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, Item]:
    if not ids:
        return {}
    return {i.id: i for i in session.scalars(select(Item).where(Item.id.in_(ids)))}


def _tiers(
    tree: _Tree, named: list[uuid.UUID], depots: dict[uuid.UUID, Any]
) -> dict[uuid.UUID, tuple[int, tuple[object, ...]]]:
    """Each depot's tier and order within it (rank, town code, depot code)."""
    named_set = set(named)
    towns = {tree.at_rank(u, 3) for u in named} - {None}
    counties = {tree.at_rank(u, 2) for u in named} - {None}
    above = {a.id: a for u in named for a in tree.ancestry(u)[1:]}
    out: dict[uuid.UUID, tuple[int, tuple[object, ...]]] = {}
    order: tuple[object, ...]
    for depot_id, depot in depots.items():
        home: uuid.UUID = depot.unit_id
        code: str = depot.code
        chain = tree.ancestry(home)
        town = tree.at_rank(home, 3)
        if any(a.id in named_set for a in chain):
            tier, order = 0, ("", code)
        elif town is not None and town in towns:
            tier, order = 1, ("", code)
        elif home in above:
            tier, order = 2, (-above[home].level.rank, code)
        elif town is not None and tree.at_rank(town, 2) in counties:
            tier, order = 3, (tree.by_id[town].code, code)
        else:
            tier, order = 4, ("", code)
        out[depot_id] = (tier, order)
    return out


def _lots(
    session: Session, item_ids: list[uuid.UUID], on: date, last: date
) -> dict[tuple[uuid.UUID, uuid.UUID], list[Lot]]:
    """Stock on ``on`` per depot and item, lot by lot, of lots usable through ``last``."""
    if not item_ids:
        return {}
    query = _HELD_SQLITE if session.get_bind().dialect.name == "sqlite" else _HELD
    held: dict[tuple[uuid.UUID, uuid.UUID, str], Decimal] = {}
    expiries: dict[tuple[uuid.UUID, uuid.UUID, str], date | None] = {}
    for d, i, lot, e, q in session.execute(query, {"ids": item_ids}):
        held[d, i, lot], expiries[d, i, lot] = q, e
    later = session.execute(
        select(Movement.depot_id, Movement.item_id, Movement.lot, func.sum(Movement.quantity),
               func.max(Movement.expiry))
        .where(Movement.item_id.in_(item_ids), Movement.occurred_on > on)
        .group_by(Movement.depot_id, Movement.item_id, Movement.lot)
    )  # fmt: skip
    for d, i, lot, moved, expiry in later:
        held[d, i, lot] = held.get((d, i, lot), ZERO) - Decimal(moved)
        expiries.setdefault((d, i, lot), expiry)
    out: dict[tuple[uuid.UUID, uuid.UUID], list[Lot]] = defaultdict(list)
    for (d, i, lot), quantity in held.items():
        expiry = expiries[d, i, lot]
        if (expiry is None or expiry >= last) and quantity > ZERO:
            out[d, i].append(Lot(lot, expiry, quantity))
    return out


def _pieces(
    session: Session, item_ids: list[uuid.UUID]
) -> dict[tuple[uuid.UUID, uuid.UUID], list[Lot]]:
    """Serial equipment in stock (在库) per depot and item, as one lot of its serials."""
    if not item_ids:
        return {}
    serials: dict[tuple[uuid.UUID, uuid.UUID], list[str]] = defaultdict(list)
    depot_id: uuid.UUID
    for depot_id, item_id, serial in session.execute(  # type: ignore[assignment]
        select(Equipment.holder_depot_id, Equipment.item_id, Equipment.serial)
        .where(
            Equipment.item_id.in_(item_ids),
            Equipment.holder_depot_id.is_not(None),
            Equipment.status == EquipmentStatus.IN_STOCK,
        )
        .order_by(Equipment.serial)
    ):
        serials[depot_id, item_id].append(serial)
    return {
        key: [Lot("", None, Decimal(len(found)), tuple(found))] for key, found in serials.items()
    }


def _minimums(
    session: Session, item_ids: list[uuid.UUID]
) -> dict[tuple[uuid.UUID, uuid.UUID], Decimal]:
    if not item_ids:
        return {}
    return {
        (d, i): q
        for d, i, q in session.execute(
            select(StockMinimum.depot_id, StockMinimum.item_id, StockMinimum.quantity).where(
                StockMinimum.item_id.in_(item_ids)
            )
        )
    }


def _covers(
    session: Session, tree: _Tree, named: list[uuid.UUID], item_ids: list[uuid.UUID], on: date
) -> dict[uuid.UUID, list[Cover]]:
    """Agreements in force on ``on`` for the short items, the units' own and nearest first."""
    if not item_ids:
        return {}
    near = {a.id: n for u in named for n, a in enumerate(tree.ancestry(u))}
    rows = session.execute(
        select(ReserveAgreementLine.item_id, ReserveAgreementLine.quantity, ReserveAgreement,
               Counterparty)
        .join(ReserveAgreement, ReserveAgreement.id == ReserveAgreementLine.agreement_id)
        .join(Counterparty, Counterparty.id == ReserveAgreement.counterparty_id)
        .where(ReserveAgreementLine.item_id.in_(item_ids))
    ).all()  # fmt: skip
    out: dict[uuid.UUID, list[tuple[object, Cover]]] = defaultdict(list)
    for item_id, quantity, deal, party in rows:
        if (deal.starts_on and deal.starts_on > on) or (deal.ends_on and deal.ends_on < on):
            continue
        cover = Cover(deal.mode, party.name, party.contact, party.phone, deal.number,
                      tree.by_id[deal.unit_id].name, quantity, deal.ends_on)  # fmt: skip
        out[item_id].append(((near.get(deal.unit_id, 99), deal.mode.value, party.name), cover))
    return {
        i: [c for _, c in sorted(found, key=lambda x: x[0])]  # type: ignore[arg-type,return-value]
        for i, found in out.items()
    }


def _teams(session: Session, tree: _Tree, named: list[uuid.UUID], on: date) -> tuple[TeamRow, ...]:
    """Teams of the units (and below them) and of the units above, by type and nearness."""
    below = set(named)
    frontier = list(named)
    children: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for u in tree.by_id.values():
        if u.parent_id is not None:
            children[u.parent_id].append(u.id)
    while frontier:
        found = [c for u in frontier for c in children[u] if c not in below]
        below.update(found)
        frontier = found
    near = {a.id: n for u in named for n, a in reversed(list(enumerate(tree.ancestry(u))))}
    wanted = below | set(near)
    conn = session.connection()
    kinds, natures = {m.value: m for m in TeamType}, {m.value: m for m in Nature}
    teams = [
        _Team(as_uuid(i), code, name, unit_id, kinds[kind], natures[nature], leader, phone)
        for i, code, name, raw_unit, kind, nature, leader, phone in fetch(conn, _TEAMS)
        if (unit_id := as_uuid(raw_unit)) in wanted
    ]
    if not teams:
        return ()
    # Read for every team and picked here: a list of a thousand ids costs more than the sums.
    heads = {as_uuid(t): n for t, n in fetch(conn, _HEADS, on=on)}
    kit: dict[uuid.UUID, list[tuple[str, int, str]]] = defaultdict(list)
    for team_id, name, measure, count in fetch(conn, _KIT):
        kit[as_uuid(team_id)].append((name, int(count), measure))
    rows = [
        TeamRow(t.id, t.code, t.name, tree.by_id[t.unit_id].name, t.team_type, t.nature,
                t.leader, t.phone, int(heads.get(t.id, 0)), tuple(kit[t.id]))
        for t in teams
    ]  # fmt: skip
    order = {m: n for n, m in enumerate(TeamType)}
    home = {t.id: t.unit_id for t in teams}
    rows.sort(key=lambda r: (order[r.team_type], near.get(home[r.team_id], 0), r.code))
    return tuple(rows)
