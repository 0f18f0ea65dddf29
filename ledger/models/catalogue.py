"""The item catalogue (物资目录), depots (储备库), counterparties and incidents (事件)."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ledger.core import geo
from ledger.core.enums import Category, CounterpartyKind, IncidentKind
from ledger.models.base import Base, Disableable, ScaledDecimal, Stamped
from ledger.models.org import OrgUnit, enum_type


class Item(Disableable, Stamped, Base):
    """A stock-keeping item; equipment is tracked by serial number, consumables by lot."""

    __tablename__ = "items"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    spec: Mapped[str] = mapped_column(String(100), default="")
    unit: Mapped[str] = mapped_column(String(10))
    category: Mapped[Category] = mapped_column(enum_type(Category), index=True)
    shelf_life_months: Mapped[int | None]
    maintenance_interval_days: Mapped[int | None]
    serial_tracked: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(Text, default="")


class Depot(Disableable, Stamped, Base):
    """A depot or storage point (储备库/仓库/存储点) of a home unit."""

    __tablename__ = "depots"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("org_units.id"), index=True)
    kind: Mapped[str] = mapped_column(String(50), default="")
    area_m2: Mapped[Decimal | None]
    address: Mapped[str] = mapped_column(String(200), default="")
    keepers: Mapped[str] = mapped_column(String(200), default="")
    #: WGS-84 decimal degrees; both or neither (readiness orders depots by distance with them).
    latitude: Mapped[Decimal | None] = mapped_column(ScaledDecimal(geo.SCALE))
    longitude: Mapped[Decimal | None] = mapped_column(ScaledDecimal(geo.SCALE))

    unit: Mapped[OrgUnit] = relationship()


class Counterparty(Stamped, Base):
    """A supplier, donor, receiving unit or reserve enterprise that documents name."""

    __tablename__ = "counterparties"

    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[CounterpartyKind] = mapped_column(enum_type(CounterpartyKind))
    contact: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(200), default="")


class Incident(Stamped, Base):
    """A flood, fire, accident or drill that issue and return documents may serve."""

    __tablename__ = "incidents"

    #: 事件编号, e.g. SJ-2026-003; unique where given (records from before it have none).
    code: Mapped[str | None] = mapped_column(String(32), unique=True, index=True)
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("org_units.id"), index=True)
    kind: Mapped[IncidentKind] = mapped_column(enum_type(IncidentKind))
    name: Mapped[str] = mapped_column(String(200))
    started_on: Mapped[date]
    ended_on: Mapped[date | None]
    place: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
