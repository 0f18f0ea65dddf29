"""Deleting a record made by mistake (删除) and retiring one in use (停用/启用).

A unit, team, member, item, depot or equipment piece can be deleted only while nothing refers
to it; the refusal names what does. One in use is 停用 instead: hidden from pickers and from
the shortfall check's facts, kept in history and in reports of the past, and 启用 again at will.
Both go through the ORM, so the audit listener records them. Posted documents never change.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.errors import InvalidValue, RecordInUse, UnknownRecord
from ledger.models import (
    Balance,
    Base,
    Certificate,
    ChainHead,
    Depot,
    Equipment,
    Item,
    Member,
    OrgUnit,
    Team,
)
from ledger.services.accounts.permissions import Action, require
from ledger.services.catalogue.equipment_register import HolderKind, require_holder
from ledger.services.common.atomic import atomic


class RecordKind(StrEnum):
    """The registers whose records can be deleted or 停用."""

    UNIT = "unit"
    TEAM = "team"
    MEMBER = "member"
    ITEM = "item"
    DEPOT = "depot"
    EQUIPMENT = "equipment"


_MODEL: dict[RecordKind, type[Any]] = {
    RecordKind.UNIT: OrgUnit,
    RecordKind.TEAM: Team,
    RecordKind.MEMBER: Member,
    RecordKind.ITEM: Item,
    RecordKind.DEPOT: Depot,
    RecordKind.EQUIPMENT: Equipment,
}

_LABEL = {
    RecordKind.UNIT: "单位",
    RecordKind.TEAM: "队伍",
    RecordKind.MEMBER: "队员",
    RecordKind.ITEM: "物资",
    RecordKind.DEPOT: "仓库",
    RecordKind.EQUIPMENT: "装备",
}

#: What the rows of a referring table are called in a refusal (the table name otherwise).
_USES = {
    "org_units": ("下级单位", "个"),
    "posts": ("岗位人员", "名"),
    "drills": ("演练记录", "条"),
    "trainings": ("培训记录", "条"),
    "teams": ("队伍", "支"),
    "members": ("队员", "名"),
    "certificates": ("证书", "张"),
    "depots": ("仓库", "个"),
    "incidents": ("事件", "个"),
    "equipment": ("装备", "件"),
    "maintenance": ("保养记录", "条"),
    "documents": ("单据", "张"),
    "document_lines": ("单据明细", "行"),
    "movements": ("出入库流水", "条"),
    "balances": ("库存批次", "个"),
    "transits": ("在途调拨", "笔"),
    "transit_receipts": ("调拨接收", "笔"),
    "period_closes": ("结账记录", "条"),
    "closing_balances": ("期末结存", "条"),
    "reserve_agreements": ("协议储备", "份"),
    "reserve_agreement_lines": ("协议储备明细", "行"),
    "per_capita_amounts": ("人均储备标准", "条"),
    "stock_minimums": ("库存下限", "条"),
    "attribute_confirmations": ("达标确认", "条"),
    "user_units": ("用户账户", "个"),
    "user_depots": ("用户账户", "个"),
    "doc_counters": ("单据编号", "组"),
}

#: Rows that belong to the record and go with it: a member's certificates, a new depot's
#: empty chain head (created with it).
_OWNED = {"members": ("certificates",), "depots": ("chain_heads",)}
_OWNED_BY: dict[str, tuple[type[Any], str]] = {
    "certificates": (Certificate, "member_id"),
    "chain_heads": (ChainHead, "depot_id"),
}


@dataclass(frozen=True)
class Use:
    """How many rows of one kind refer to a record, and the measure word they are counted in."""

    label: str
    count: int
    measure: str = "条"

    def __str__(self) -> str:
        return f"{self.count} {self.measure}{self.label}"


def _get(session: Session, kind: RecordKind, record_id: uuid.UUID) -> Any:
    found = session.get(_MODEL[kind], record_id)
    if found is None:
        raise UnknownRecord(kind=_LABEL[kind], key=str(record_id))
    return found


def describe(kind: RecordKind, record: Any) -> str:
    """A record as people name it: 物资“FX001 编织袋”, 装备“SN-1”, 队员“张三”."""
    if kind is RecordKind.EQUIPMENT:
        return f"装备“{record.serial}”"
    if kind is RecordKind.MEMBER:
        return f"队员“{record.name}”"
    return f"{_LABEL[kind]}“{record.code} {record.name}”"


def uses(session: Session, kind: RecordKind, record_id: uuid.UUID) -> list[Use]:
    """What refers to a record (other than the rows it owns), per kind of row."""
    model = _MODEL[kind]
    table = model.__table__
    owned = _OWNED.get(table.name, ())
    counts: dict[tuple[str, str], int] = {}
    for other in Base.metadata.sorted_tables:
        if other.name in owned:
            continue
        for column in other.columns:
            if not any(fk.column.table is table for fk in column.foreign_keys):
                continue
            n = session.scalar(select(func.count()).select_from(other).where(column == record_id))
            if n:
                key = _USES.get(other.name, (other.name, "条"))
                counts[key] = counts.get(key, 0) + int(n or 0)
    return [Use(label, n, measure) for (label, measure), n in counts.items()]


def _require(session: Session, actor: Actor, kind: RecordKind, record: Any) -> None:
    if kind is RecordKind.ITEM:
        require(session, actor, Action.EDIT_CATALOGUE)
    elif kind is RecordKind.UNIT:
        require(session, actor, Action.EDIT_RECORDS, unit_id=record.parent_id or record.id)
    elif kind in (RecordKind.TEAM, RecordKind.DEPOT):
        require(session, actor, Action.EDIT_RECORDS, unit_id=record.unit_id)
    elif kind is RecordKind.MEMBER:
        team = session.get(Team, record.team_id)
        require(session, actor, Action.EDIT_RECORDS, unit_id=team.unit_id if team else None)
    else:
        holder = (
            (HolderKind.UNIT, record.holder_unit_id)
            if record.holder_unit_id
            else (HolderKind.TEAM, record.holder_team_id)
            if record.holder_team_id
            else (HolderKind.DEPOT, record.holder_depot_id)
        )
        require_holder(session, actor, holder[0], holder[1])


@atomic
def delete(session: Session, actor: Actor, kind: RecordKind, record_id: uuid.UUID) -> str:
    """Delete a record made by mistake; returns how it was named.

    Raises:
        RecordInUse: something refers to it (named with counts); 停用 it instead.
        PermissionDenied: the actor may not change it.
    """
    record = _get(session, kind, record_id)
    _require(session, actor, kind, record)
    name = describe(kind, record)
    found = uses(session, kind, record_id)
    if found:
        text = "、".join(str(u) for u in found)
        raise RecordInUse(record=name, uses=text)
    for owned in _OWNED.get(record.__table__.name, ()):
        for row in _owned_rows(session, owned, record_id):
            session.delete(row)
    session.flush()
    session.delete(record)
    session.flush()
    return name


def _owned_rows(session: Session, name: str, record_id: uuid.UUID) -> list[Any]:
    model, column = _OWNED_BY[name]
    return list(session.scalars(select(model).where(getattr(model, column) == record_id)))


def _still_active_below(session: Session, unit: OrgUnit) -> list[str]:
    """Sub-units, teams and depots of a unit that are still in use (not 停用)."""
    names = [
        f"下级单位“{u.name}”"
        for u in session.scalars(
            select(OrgUnit).where(OrgUnit.parent_id == unit.id, OrgUnit.disabled.is_(False))
        )
    ]
    names += [
        f"队伍“{t.name}”"
        for t in session.scalars(
            select(Team).where(Team.unit_id == unit.id, Team.disabled.is_(False))
        )
    ]
    names += [
        f"仓库“{d.name}”"
        for d in session.scalars(
            select(Depot).where(Depot.unit_id == unit.id, Depot.disabled.is_(False))
        )
    ]
    return names


def _stock_held(session: Session, column: Any, record_id: uuid.UUID) -> bool:
    held = select(func.count(Balance.id)).where(column == record_id, Balance.quantity != 0)
    return bool(session.scalar(held))


@atomic
def set_disabled(
    session: Session, actor: Actor, kind: RecordKind, record_id: uuid.UUID, disabled: bool
) -> str:
    """停用 (``disabled``) or 启用 a record; returns how it was named.

    A depot or an item still holding stock cannot be 停用 (move or issue it first), nor a
    unit whose sub-units, teams or depots are still in use.

    Raises:
        InvalidValue: naming what still holds stock or is still in use.
    """
    record = _get(session, kind, record_id)
    _require(session, actor, kind, record)
    name = describe(kind, record)
    if disabled and not record.disabled:
        reason = ""
        if kind is RecordKind.DEPOT and _stock_held(session, Balance.depot_id, record_id):
            reason = "库中仍有库存，请先调出或出库"
        elif kind is RecordKind.ITEM and _stock_held(session, Balance.item_id, record_id):
            reason = "仍有库存，请先出库或报损"
        elif kind is RecordKind.UNIT and (active := _still_active_below(session, record)):
            reason = "请先停用" + "、".join(active)
        if reason:
            raise InvalidValue(where=name, field="状态", value="停用", reason=reason)
    if record.disabled != disabled:
        record.disabled = disabled
        session.flush()
    return name


def is_disabled(session: Session, kind: RecordKind, record_id: uuid.UUID) -> bool:
    """Whether a record is 停用."""
    return bool(_get(session, kind, record_id).disabled)
