"""The database reads of a readiness plan: held lots, equipment in stock, minimums, agreements,
teams; built once, lots through the partial index of held lots on SQLite, teams as columns."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import bindparam, func, literal_column, or_, select
from sqlalchemy.orm import Session

from ledger.core.enums import EquipmentStatus, Nature, TeamType
from ledger.models import (
    Counterparty,
    Equipment,
    Item,
    Member,
    Movement,
    OrgUnit,
    Team,
)
from ledger.models.indexed import indexed_by
from ledger.models.norms import ReserveAgreement, ReserveAgreementLine, StockMinimum
from ledger.models.view_indexes import held_balances
from ledger.services.readiness.allocate import ZERO, Lot
from ledger.services.readiness.model import Cover, TeamRow, Tree, Unit

#: The lots of some items holding anything, through the partial index of such lots
#: (``ix_balances_held``) on SQLite: left to itself SQLite walks every lot the items ever had
#: (emptied lots are most of them).
_HELD_LOTS = indexed_by(held_balances)
_HELD = select(
    *(_HELD_LOTS.c[name] for name in ("depot_id", "item_id", "lot", "expiry", "quantity"))
).where(
    _HELD_LOTS.c.item_id.in_(bindparam("ids", expanding=True)),
    _HELD_LOTS.c.quantity != literal_column("0"),
)
#: Equipment a team can bring (not in repair, not scrapped).
_READY = (EquipmentStatus.IN_STOCK, EquipmentStatus.IN_USE)
_UNITS = select(OrgUnit.id, OrgUnit.code, OrgUnit.name, OrgUnit.level, OrgUnit.parent_id,
                OrgUnit.latitude, OrgUnit.longitude)  # fmt: skip
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
class _Team:
    id: uuid.UUID
    code: str
    name: str
    unit_id: uuid.UUID
    team_type: TeamType
    nature: Nature
    leader: str
    phone: str


def units(session: Session) -> Tree:
    """Every org unit, as the tree the tiers are worked out on."""
    return Tree(Unit(*row) for row in session.connection().execute(_UNITS))


def lots(
    session: Session, item_ids: list[uuid.UUID], on: date, last: date
) -> dict[tuple[uuid.UUID, uuid.UUID], list[Lot]]:
    """Stock on ``on`` per depot and item, lot by lot, of lots usable through ``last``."""
    if not item_ids:
        return {}
    held: dict[tuple[uuid.UUID, uuid.UUID, str], Decimal] = {}
    expiries: dict[tuple[uuid.UUID, uuid.UUID, str], date | None] = {}
    for d, i, lot, e, q in session.execute(_HELD, {"ids": item_ids}):
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


def pieces(
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


def minimums(
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


def covers(
    session: Session, tree: Tree, named: list[uuid.UUID], item_ids: list[uuid.UUID], on: date
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


def teams(session: Session, tree: Tree, named: list[uuid.UUID], on: date) -> tuple[TeamRow, ...]:
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
    teams = [
        _Team(i, code, name, unit_id, kind, nature, leader, phone)
        for i, code, name, unit_id, kind, nature, leader, phone in conn.execute(_TEAMS)
        if unit_id in wanted
    ]
    if not teams:
        return ()
    # Read for every team and picked here: a list of a thousand ids costs more than the sums.
    heads = {t: n for t, n in conn.execute(_HEADS, {"on": on})}
    kit: dict[uuid.UUID, list[tuple[str, int, str]]] = defaultdict(list)
    for team_id, name, measure, count in conn.execute(_KIT):
        if team_id is not None:  # as the statement asks
            kit[team_id].append((name, int(count), measure))
    rows = [
        TeamRow(t.id, t.code, t.name, tree.by_id[t.unit_id].name, t.team_type, t.nature,
                t.leader, t.phone, int(heads.get(t.id, 0)), tuple(kit[t.id]))
        for t in teams
    ]  # fmt: skip
    order = {m: n for n, m in enumerate(TeamType)}
    home = {t.id: t.unit_id for t in teams}
    rows.sort(key=lambda r: (order[r.team_type], near.get(home[r.team_id], 0), r.code))
    return tuple(rows)
