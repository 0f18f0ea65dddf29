"""The item catalogue (物资目录), depots (储备库), counterparties (往来单位) and incidents (事件).

Queries return frozen rows (items paged in SQL); edits refuse with a Chinese message naming
the field and never commit.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from ledger.core import geo
from ledger.core.actor import Actor
from ledger.core.enums import Category, CounterpartyKind, IncidentKind
from ledger.core.errors import DuplicateRecord, InvalidValue, MissingField, UnknownRecord
from ledger.core.quantity import to_decimal
from ledger.models import Balance, Counterparty, Depot, Incident, Item, OrgUnit
from ledger.services.accounts.permissions import Action, require
from ledger.services.common.atomic import atomic
from ledger.services.org.tree import descendants, get_unit


@dataclass(frozen=True)
class ItemRow:
    """A catalogue item."""

    id: uuid.UUID
    code: str
    name: str
    spec: str
    unit: str
    category: Category
    shelf_life_months: int | None
    maintenance_interval_days: int | None
    serial_tracked: bool
    note: str
    disabled: bool = False  # 停用


@dataclass(frozen=True)
class ItemInput:
    """A catalogue item as entered."""

    code: str
    name: str
    unit: str
    category: Category
    spec: str = ""
    shelf_life_months: int | None = None
    maintenance_interval_days: int | None = None
    serial_tracked: bool = False
    note: str = ""


def _items_query(search: str, category: Category | None) -> Select[Any]:
    query = select(Item)
    if category is not None:
        query = query.where(Item.category == category)
    text = search.strip()
    if text:
        like = f"%{text}%"
        query = query.where(or_(Item.code.like(like), Item.name.like(like), Item.spec.like(like)))
    return query


def _item_row(i: Item) -> ItemRow:
    return ItemRow(
        i.id,
        i.code,
        i.name,
        i.spec,
        i.unit,
        i.category,
        i.shelf_life_months,
        i.maintenance_interval_days,
        i.serial_tracked,
        i.note,
        i.disabled,
    )


def items(
    session: Session,
    search: str = "",
    category: Category | None = None,
    *,
    offset: int = 0,
    limit: int | None = None,
) -> list[ItemRow]:
    """Items whose code, name or specification contain ``search``, by code."""
    query = _items_query(search, category).order_by(Item.code).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [_item_row(i) for i in session.scalars(query)]


def count_items(session: Session, search: str = "", category: Category | None = None) -> int:
    """How many items :func:`items` returns."""
    query = _items_query(search, category).subquery()
    return session.scalar(select(func.count()).select_from(query)) or 0


def item(session: Session, key: str | uuid.UUID) -> ItemRow:
    """One item by id or code.

    Raises:
        UnknownRecord: no such item.
    """
    if isinstance(key, uuid.UUID):
        found = session.get(Item, key)
    else:
        found = session.scalar(select(Item).where(Item.code == key.strip()))
    if found is None:
        raise UnknownRecord(kind="物资", key=str(key))
    return _item_row(found)


def _positive_or_none(value: int | None, where: str, field: str) -> None:
    if value is not None and value <= 0:
        raise InvalidValue(where=where, field=field, value=str(value), reason="必须大于零")


@atomic
def save_item(
    session: Session, actor: Actor, entry: ItemInput, item_id: uuid.UUID | None = None
) -> uuid.UUID:
    """Add a catalogue item, or change one (``item_id``).

    Raises:
        MissingField, InvalidValue, DuplicateRecord: what is wrong with the entry.
    """
    require(session, actor, Action.EDIT_CATALOGUE)
    code, name, unit = entry.code.strip(), entry.name.strip(), entry.unit.strip()
    for value, label in ((code, "物资编码"), (name, "物资名称"), (unit, "计量单位")):
        if not value:
            raise MissingField(where=f"物资“{name or code}”", field=label)
    other = session.scalar(select(Item.id).where(Item.code == code))
    if other is not None and other != item_id:
        raise DuplicateRecord(kind="物资编码", key=code)
    _positive_or_none(entry.shelf_life_months, name, "保质期(月)")
    _positive_or_none(entry.maintenance_interval_days, name, "保养周期(天)")
    found = session.get(Item, item_id) if item_id else Item(id=uuid.uuid4())
    if found is None:
        raise UnknownRecord(kind="物资", key=str(item_id))
    found.code, found.name, found.unit, found.spec = code, name, unit, entry.spec.strip()
    found.category, found.serial_tracked = entry.category, entry.serial_tracked
    found.shelf_life_months = entry.shelf_life_months
    found.maintenance_interval_days = entry.maintenance_interval_days
    found.note = entry.note.strip()
    session.add(found)
    session.flush()
    return found.id


@dataclass(frozen=True)
class DepotRow:
    """A depot with its home unit and how many lots it holds."""

    id: uuid.UUID
    code: str
    name: str
    unit_id: uuid.UUID
    unit_name: str
    kind: str
    area_m2: Decimal | None
    address: str
    keepers: str
    lots: int
    disabled: bool = False  # 停用
    latitude: Decimal | None = None  # WGS-84 decimal degrees
    longitude: Decimal | None = None


@dataclass(frozen=True)
class DepotInput:
    """A depot as entered."""

    code: str
    name: str
    unit_id: uuid.UUID
    kind: str = ""
    area_m2: Decimal | str | None = None
    address: str = ""
    keepers: str = ""
    latitude: Decimal | str | None = None  # WGS-84 decimal degrees, both or neither
    longitude: Decimal | str | None = None


def depots(session: Session, unit_id: uuid.UUID | None = None) -> list[DepotRow]:
    """Depots of a unit and the units below it (all without ``unit_id``), by code."""
    lots = (
        select(func.count(Balance.id))
        .where(Balance.depot_id == Depot.id, Balance.quantity != 0)
        .correlate(Depot)
        .scalar_subquery()
    )
    query = select(Depot, OrgUnit.name, lots).join(OrgUnit, OrgUnit.id == Depot.unit_id)
    if unit_id is not None:
        query = query.where(Depot.unit_id.in_(descendants(session, unit_id)))
    return [
        DepotRow(
            d.id,
            d.code,
            d.name,
            d.unit_id,
            unit_name,
            d.kind,
            d.area_m2,
            d.address,
            d.keepers,
            int(n),
            d.disabled,
            d.latitude,
            d.longitude,
        )
        for d, unit_name, n in session.execute(query.order_by(Depot.code))
    ]


@atomic
def save_depot(
    session: Session, actor: Actor, entry: DepotInput, depot_id: uuid.UUID | None = None
) -> uuid.UUID:
    """Add a depot, or change one (``depot_id``).

    Raises:
        MissingField, InvalidValue, DuplicateRecord: what is wrong with the entry.
    """
    require(session, actor, Action.EDIT_RECORDS, unit_id=entry.unit_id)
    code, name = entry.code.strip(), entry.name.strip()
    if not code:
        raise MissingField(where=f"仓库“{name}”", field="仓库编号")
    if not name:
        raise MissingField(where=f"仓库“{code}”", field="仓库名称")
    get_unit(session, entry.unit_id)
    other = session.scalar(select(Depot.id).where(Depot.code == code))
    if other is not None and other != depot_id:
        raise DuplicateRecord(kind="仓库编号", key=code)
    area = None
    if entry.area_m2 not in (None, ""):
        area = to_decimal(entry.area_m2, places=2, what="面积")
        if area <= 0:
            raise InvalidValue(
                where=name, field="面积(平方米)", value=str(area), reason="必须大于零"
            )
    latitude, longitude = geo.pair(entry.latitude, entry.longitude, f"仓库“{name}”")
    found = session.get(Depot, depot_id) if depot_id else Depot(id=uuid.uuid4())
    if found is None:
        raise UnknownRecord(kind="仓库", key=str(depot_id))
    found.latitude, found.longitude = latitude, longitude
    found.code, found.name, found.unit_id, found.kind = code, name, entry.unit_id, entry.kind
    found.area_m2, found.address, found.keepers = area, entry.address.strip(), entry.keepers
    session.add(found)
    session.flush()
    return found.id


@dataclass(frozen=True)
class CounterpartyRow:
    """A supplier, donor, receiving unit or reserve enterprise."""

    id: uuid.UUID
    name: str
    kind: CounterpartyKind
    contact: str
    phone: str


def counterparties(session: Session) -> list[CounterpartyRow]:
    """Every counterparty, by kind then name."""
    query = select(Counterparty).order_by(Counterparty.kind, Counterparty.name)
    return [
        CounterpartyRow(c.id, c.name, c.kind, c.contact, c.phone) for c in session.scalars(query)
    ]


@atomic
def add_counterparty(
    session: Session,
    actor: Actor,
    name: str,
    kind: CounterpartyKind,
    contact: str = "",
    phone: str = "",
) -> uuid.UUID:
    """Add a counterparty documents can name.

    Raises:
        MissingField, DuplicateRecord: no name, or the name is taken.
    """
    require(session, actor, Action.EDIT_CATALOGUE)
    name = name.strip()
    if not name:
        raise MissingField(where="往来单位", field="名称")
    if session.scalar(select(Counterparty.id).where(Counterparty.name == name)):
        raise DuplicateRecord(kind="往来单位", key=name)
    found = Counterparty(id=uuid.uuid4(), name=name, kind=kind, contact=contact, phone=phone)
    session.add(found)
    session.flush()
    return found.id


@dataclass(frozen=True)
class IncidentRow:
    """An incident documents may serve."""

    id: uuid.UUID
    unit_id: uuid.UUID
    kind: IncidentKind
    name: str
    started_on: date
    ended_on: date | None
    place: str


@dataclass(frozen=True)
class IncidentInput:
    """An incident as entered."""

    unit_id: uuid.UUID
    kind: IncidentKind
    name: str
    started_on: date
    ended_on: date | None = None
    place: str = ""
    note: str = ""


def incidents(session: Session, unit_id: uuid.UUID | None = None) -> list[IncidentRow]:
    """Incidents of a unit and those below it (all without ``unit_id``), newest first."""
    query = select(Incident).order_by(Incident.started_on.desc(), Incident.name)
    if unit_id is not None:
        query = query.where(Incident.unit_id.in_(descendants(session, unit_id)))
    return [
        IncidentRow(i.id, i.unit_id, i.kind, i.name, i.started_on, i.ended_on, i.place)
        for i in session.scalars(query)
    ]


def add_incident(session: Session, actor: Actor, entry: IncidentInput) -> uuid.UUID:
    """Record an incident (a flood, a fire, a drill) with the next free number.

    Raises:
        MissingField, InvalidValue: no name, or it ends before it starts.
    """
    from ledger.services.org import incident_records

    return incident_records.save_incident(
        session,
        actor,
        incident_records.IncidentInput(
            entry.unit_id,
            entry.kind,
            entry.name,
            entry.started_on,
            entry.ended_on,
            entry.place,
            entry.note,
        ),
    )
