"""An office's own mapping of catalogue items to the equipment entries of a rule (装备对应)."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ledger.models.base import Base, Stamped
from ledger.models.catalogue import Item
from ledger.models.org import OrgUnit


class EquipmentMapping(Stamped, Base):
    """A catalogue item that counts for an entry of an equipment rule, for a unit and below."""

    __tablename__ = "equipment_mappings"
    __table_args__ = (UniqueConstraint("unit_id", "profile_id", "rule_id", "entry", "item_id"),)

    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("org_units.id"))
    profile_id: Mapped[str] = mapped_column(String(64))
    rule_id: Mapped[str] = mapped_column(String(64))
    #: The entry's name as the rule gives it (e.g. 手持终端).
    entry: Mapped[str] = mapped_column(String(100))
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("items.id"))

    unit: Mapped[OrgUnit] = relationship()
    item: Mapped[Item] = relationship()
