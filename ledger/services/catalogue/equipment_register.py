"""Equipment (装备) by holder, with status and next maintenance due; the maintenance log (保养).

A piece of equipment is held by exactly one of a unit, a team or a depot. Recording a
maintenance moves its last date and, when the item has a maintenance interval, its next due
date (plans' hygiene rule: no maintenance overdue).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from ledger.core.actor import Actor
from ledger.core.enums import EquipmentStatus
from ledger.core.errors import DuplicateRecord, InvalidValue, MissingField, UnknownRecord
from ledger.models import Depot, Equipment, Item, Maintenance, OrgUnit, Team
from ledger.services.accounts.permissions import Action, require
from ledger.services.common import lookup
from ledger.services.common.atomic import atomic
from ledger.services.org.tree import descendants


class HolderKind(StrEnum):
    """Who holds a piece of equipment."""

    UNIT = "unit"
    TEAM = "team"
    DEPOT = "depot"


@dataclass(frozen=True)
class Holder:
    """A possible holder: a unit, a team or a depot, with the unit it belongs to."""

    kind: HolderKind
    id: uuid.UUID
    code: str
    name: str
    unit_id: uuid.UUID


def holders(session: Session) -> list[Holder]:
    """Every unit, team and depot that can hold equipment."""
    found = [
        Holder(HolderKind.UNIT, u.id, u.code, u.name, u.id)
        for u in session.scalars(select(OrgUnit))
    ]
    found += [
        Holder(HolderKind.TEAM, t.id, t.code, t.name, t.unit_id)
        for t in session.scalars(select(Team))
    ]
    found += [
        Holder(HolderKind.DEPOT, d.id, d.code, d.name, d.unit_id)
        for d in session.scalars(select(Depot))
    ]
    return found


@dataclass(frozen=True)
class EquipmentRow:
    """A piece of equipment as lists show it."""

    id: uuid.UUID
    serial: str
    item_id: uuid.UUID
    item_code: str
    item_name: str
    spec: str
    holder_kind: HolderKind
    holder_id: uuid.UUID
    holder_name: str
    status: EquipmentStatus
    purchased_on: date | None
    last_maintained_on: date | None
    next_due_on: date | None
    interval_days: int | None
    note: str
    disabled: bool = False  # 停用


@dataclass(frozen=True)
class EquipmentFilter:
    """Which equipment a list shows: a holder, or everything within a unit's subtree."""

    holder_kind: HolderKind | None = None
    holder_id: uuid.UUID | None = None
    unit_id: uuid.UUID | None = None
    status: EquipmentStatus | None = None
    search: str = ""
    due_before: date | None = None
    equipment_id: uuid.UUID | None = None


def _query(session: Session, flt: EquipmentFilter) -> Select[Any]:
    query = select(Equipment).join(Item, Item.id == Equipment.item_id)
    column = {
        HolderKind.UNIT: Equipment.holder_unit_id,
        HolderKind.TEAM: Equipment.holder_team_id,
        HolderKind.DEPOT: Equipment.holder_depot_id,
    }
    if flt.holder_kind is not None and flt.holder_id is not None:
        query = query.where(column[flt.holder_kind] == flt.holder_id)
    if flt.unit_id is not None:
        units = descendants(session, flt.unit_id)
        teams = select(Team.id).where(Team.unit_id.in_(units))
        depots = select(Depot.id).where(Depot.unit_id.in_(units))
        query = query.where(
            or_(
                Equipment.holder_unit_id.in_(units),
                Equipment.holder_team_id.in_(teams),
                Equipment.holder_depot_id.in_(depots),
            )
        )
    if flt.status is not None:
        query = query.where(Equipment.status == flt.status)
    if flt.equipment_id is not None:
        query = query.where(Equipment.id == flt.equipment_id)
    if flt.due_before is not None:
        query = query.where(Equipment.next_due_on < flt.due_before)
    text = flt.search.strip()
    if text:
        like = f"%{text}%"
        query = query.where(or_(Equipment.serial.like(like), Item.name.like(like)))
    return query


def equipment(
    session: Session,
    flt: EquipmentFilter = EquipmentFilter(),
    *,
    offset: int = 0,
    limit: int | None = None,
) -> list[EquipmentRow]:
    """Equipment matching ``flt``: the soonest maintenance due first, then by serial."""
    inner = aliased(Equipment, _query(session, flt).subquery())
    unit, team, depot = aliased(OrgUnit), aliased(Team), aliased(Depot)
    query = (
        select(inner, Item, unit.name, team.name, depot.name)
        .join(Item, Item.id == inner.item_id)
        .outerjoin(unit, unit.id == inner.holder_unit_id)
        .outerjoin(team, team.id == inner.holder_team_id)
        .outerjoin(depot, depot.id == inner.holder_depot_id)
        .order_by(inner.next_due_on.is_(None), inner.next_due_on, inner.serial)
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    rows = []
    for e, item, unit_name, team_name, depot_name in session.execute(query):
        kind, holder_id, name = _holder(e, unit_name, team_name, depot_name)
        rows.append(
            EquipmentRow(
                e.id,
                e.serial,
                item.id,
                item.code,
                item.name,
                item.spec,
                kind,
                holder_id,
                name,
                e.status,
                e.purchased_on,
                e.last_maintained_on,
                e.next_due_on,
                item.maintenance_interval_days,
                e.note,
                e.disabled,
            )
        )
    return rows


def _holder(
    e: Equipment, unit_name: str | None, team_name: str | None, depot_name: str | None
) -> tuple[HolderKind, uuid.UUID, str]:
    if e.holder_team_id is not None:
        return HolderKind.TEAM, e.holder_team_id, team_name or ""
    if e.holder_depot_id is not None:
        return HolderKind.DEPOT, e.holder_depot_id, depot_name or ""
    assert e.holder_unit_id is not None
    return HolderKind.UNIT, e.holder_unit_id, unit_name or ""


def count_equipment(session: Session, flt: EquipmentFilter = EquipmentFilter()) -> int:
    """How many pieces :func:`equipment` returns."""
    return session.scalar(select(func.count()).select_from(_query(session, flt).subquery())) or 0


@dataclass(frozen=True)
class EquipmentInput:
    """A piece of equipment as entered: the item by code or id, and its holder."""

    serial: str
    item: str | uuid.UUID
    holder_kind: HolderKind
    holder_id: uuid.UUID
    status: EquipmentStatus = EquipmentStatus.IN_STOCK
    purchased_on: date | None = None
    last_maintained_on: date | None = None
    note: str = ""


def _next_due(last: date | None, interval: int | None) -> date | None:
    return last + timedelta(days=interval) if last and interval else None


@atomic
def add_equipment(session: Session, actor: Actor, entry: EquipmentInput) -> uuid.UUID:
    """Register a piece of equipment with its holder.

    Raises:
        MissingField, DuplicateRecord, UnknownRecord: no serial, a serial taken, no such item.
    """
    require_holder(session, actor, entry.holder_kind, entry.holder_id)
    serial = entry.serial.strip()
    if not serial:
        raise MissingField(where="装备", field="序列号")
    if session.scalar(select(Equipment.id).where(Equipment.serial == serial)):
        raise DuplicateRecord(kind="装备序列号", key=serial)
    item = lookup.by_key(session, Item, entry.item)
    found = Equipment(
        id=uuid.uuid4(),
        serial=serial,
        item_id=item.id,
        status=entry.status,
        purchased_on=entry.purchased_on,
        last_maintained_on=entry.last_maintained_on,
        next_due_on=_next_due(
            entry.last_maintained_on or entry.purchased_on, item.maintenance_interval_days
        ),
        note=entry.note.strip(),
    )
    _set_holder(session, found, entry.holder_kind, entry.holder_id)
    session.add(found)
    session.flush()
    return found.id


def _set_holder(session: Session, e: Equipment, kind: HolderKind, holder_id: uuid.UUID) -> None:
    model: Any = {HolderKind.UNIT: OrgUnit, HolderKind.TEAM: Team, HolderKind.DEPOT: Depot}[kind]
    lookup.by_key(session, model, holder_id)
    e.holder_unit_id = holder_id if kind is HolderKind.UNIT else None
    e.holder_team_id = holder_id if kind is HolderKind.TEAM else None
    e.holder_depot_id = holder_id if kind is HolderKind.DEPOT else None


def require_holder(session: Session, actor: Actor, kind: HolderKind, holder_id: uuid.UUID) -> None:
    """Refuse unless the actor may change equipment of this holder.

    A depot's equipment is the keepers' (posting right); a unit's or a team's is the office's.

    Raises:
        PermissionDenied: naming the user and the holder.
    """
    if kind is HolderKind.DEPOT:
        require(session, actor, Action.POST, depot_id=holder_id)
        return
    if kind is HolderKind.TEAM:
        team = session.get(Team, holder_id)
        holder_id = team.unit_id if team is not None else holder_id
    require(session, actor, Action.EDIT_RECORDS, unit_id=holder_id)


@dataclass(frozen=True)
class MaintenanceInput:
    """A maintenance (or repair, inspection) as entered; ``status`` changes the equipment's."""

    done_on: date
    kind: str = "保养"
    done_by: str = ""
    note: str = ""
    status: EquipmentStatus | None = None


@dataclass(frozen=True)
class MaintenanceRow:
    """One entry of an equipment's log."""

    id: uuid.UUID
    done_on: date
    kind: str
    done_by: str
    note: str


@atomic
def record_maintenance(
    session: Session, actor: Actor, equipment_id: uuid.UUID, entry: MaintenanceInput
) -> EquipmentRow:
    """Log a maintenance; move the last maintained date and the next due date.

    Returns:
        The equipment as it is after the maintenance.

    Raises:
        InvalidValue: the date is in the future, before the purchase, or the piece is scrapped.
    """
    found = session.get(Equipment, equipment_id)
    if found is None:
        raise UnknownRecord(kind="装备", key=str(equipment_id))
    kind, holder_id, _ = _holder(found, None, None, None)
    require_holder(session, actor, kind, holder_id)
    where = f"装备 {found.serial}"
    if entry.done_on > date.today():
        raise InvalidValue(
            where=where, field="保养日期", value=entry.done_on.isoformat(), reason="不能晚于今天"
        )
    if found.purchased_on and entry.done_on < found.purchased_on:
        raise InvalidValue(
            where=where,
            field="保养日期",
            value=entry.done_on.isoformat(),
            reason=f"早于购置日期 {found.purchased_on.isoformat()}",
        )
    if found.status is EquipmentStatus.SCRAPPED:
        raise InvalidValue(where=where, field="状态", value="报废", reason="已报废的装备不能保养")
    session.add(
        Maintenance(
            id=uuid.uuid4(),
            equipment_id=found.id,
            done_on=entry.done_on,
            kind=entry.kind.strip() or "保养",
            done_by=entry.done_by.strip() or actor.name,
            note=entry.note.strip(),
        )
    )
    if found.last_maintained_on is None or entry.done_on >= found.last_maintained_on:
        found.last_maintained_on = entry.done_on
        found.next_due_on = _next_due(entry.done_on, found.item.maintenance_interval_days)
    if entry.status is not None:
        found.status = entry.status
    session.flush()
    return equipment(session, EquipmentFilter(equipment_id=found.id))[0]


@atomic
def record_maintenance_many(
    session: Session, actor: Actor, equipment_ids: Sequence[uuid.UUID], entry: MaintenanceInput
) -> list[EquipmentRow]:
    """Log the same maintenance (date, person, note) for many pieces at once: all or none.

    Raises:
        MissingField: no piece chosen.
        InvalidValue, UnknownRecord: as :func:`record_maintenance`, naming the piece refused.
    """
    if not equipment_ids:
        raise MissingField(where="批量登记保养", field="装备")
    return [
        record_maintenance(session, actor, piece, entry) for piece in dict.fromkeys(equipment_ids)
    ]


def maintenance_log(session: Session, equipment_id: uuid.UUID) -> list[MaintenanceRow]:
    """The log of a piece of equipment, newest first."""
    query = (
        select(Maintenance)
        .where(Maintenance.equipment_id == equipment_id)
        .order_by(Maintenance.done_on.desc(), Maintenance.created_at.desc())
    )
    return [
        MaintenanceRow(m.id, m.done_on, m.kind, m.done_by, m.note) for m in session.scalars(query)
    ]
