"""Serial-numbered equipment (装备) with its holder, status and maintenance log (保养)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ledger.core.enums import EquipmentStatus
from ledger.models.base import Base, Disableable, Stamped
from ledger.models.catalogue import Depot, Item
from ledger.models.org import OrgUnit, enum_type
from ledger.models.teams import Team


class Equipment(Disableable, Stamped, Base):
    """A piece of equipment held by exactly one of a unit, a team or a depot."""

    __tablename__ = "equipment"

    serial: Mapped[str] = mapped_column(String(64), unique=True)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("items.id"), index=True)
    holder_unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    holder_team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teams.id"), index=True)
    holder_depot_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("depots.id"), index=True)
    status: Mapped[EquipmentStatus] = mapped_column(
        enum_type(EquipmentStatus), default=EquipmentStatus.IN_STOCK
    )
    purchased_on: Mapped[date | None]
    last_maintained_on: Mapped[date | None]
    next_due_on: Mapped[date | None] = mapped_column(index=True)
    note: Mapped[str] = mapped_column(Text, default="")

    item: Mapped[Item] = relationship()
    holder_unit: Mapped[OrgUnit | None] = relationship()
    holder_team: Mapped[Team | None] = relationship()
    holder_depot: Mapped[Depot | None] = relationship()
    maintenance: Mapped[list[Maintenance]] = relationship(
        back_populates="equipment", order_by="Maintenance.done_on"
    )


class Maintenance(Stamped, Base):
    """One entry of an equipment's log: maintenance, repair, inspection or status change."""

    __tablename__ = "maintenance"

    equipment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("equipment.id"), index=True)
    done_on: Mapped[date]
    kind: Mapped[str] = mapped_column(String(20), default="保养")
    done_by: Mapped[str] = mapped_column(String(50), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    equipment: Mapped[Equipment] = relationship(back_populates="maintenance")
