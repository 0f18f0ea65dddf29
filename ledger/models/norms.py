"""Office settings the norm check reads: agreements, per-person amounts, minimums, confirmations.

- A reserve agreement (储备协议) with a supplier or reserve enterprise: agreed items and
  quantities for a contract period; 协议储备 (the enterprise holds stock for the office) or
  产能储备 (it keeps the capacity to produce). Rules say how far these count.
- A per-person amount (人均储备定额) per item for a scaled reserve rule (people x days) of a
  profile, set by an office for itself and the units below it.
- The office's per-person amount (人均储备定额) of a catalogue item, with its basis (依据), for
  every scaled rule that covers the item (imported from the workbook sheet of that name).
- A minimum (最低库存) of an item in a depot, the office's own reorder level.
- A confirmation (确认) that a unit has an attribute the ledger holds no data for (六有's 有班子).
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ledger.core.enums import ReserveMode
from ledger.models.base import Base, Stamped
from ledger.models.catalogue import Counterparty, Depot, Item
from ledger.models.org import OrgUnit, enum_type


class ReserveAgreement(Stamped, Base):
    """A contract with a supplier or reserve enterprise to hold or produce items for a unit."""

    __tablename__ = "reserve_agreements"

    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("org_units.id"), index=True)
    counterparty_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("counterparties.id"))
    number: Mapped[str] = mapped_column(String(50), default="")
    mode: Mapped[ReserveMode] = mapped_column(enum_type(ReserveMode))
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    note: Mapped[str] = mapped_column(Text, default="")

    unit: Mapped[OrgUnit] = relationship()
    counterparty: Mapped[Counterparty] = relationship()
    lines: Mapped[list[ReserveAgreementLine]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan"
    )


class ReserveAgreementLine(Stamped, Base):
    """One agreed item and quantity of a reserve agreement."""

    __tablename__ = "reserve_agreement_lines"
    __table_args__ = (UniqueConstraint("agreement_id", "item_id"),)

    agreement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reserve_agreements.id"), index=True)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("items.id"))
    quantity: Mapped[Decimal]

    agreement: Mapped[ReserveAgreement] = relationship(back_populates="lines")
    item: Mapped[Item] = relationship()


class PerCapitaAmount(Stamped, Base):
    """How much of an item one person needs for a scaled reserve rule of a profile."""

    __tablename__ = "per_capita_amounts"
    __table_args__ = (UniqueConstraint("unit_id", "profile_id", "rule_id", "item_id"),)

    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("org_units.id"))
    profile_id: Mapped[str] = mapped_column(String(64))
    rule_id: Mapped[str] = mapped_column(String(64))
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("items.id"))
    amount: Mapped[Decimal]
    #: True: per person and day (water, food); False: per person for the whole period (tents).
    per_day: Mapped[bool] = mapped_column(default=True)

    unit: Mapped[OrgUnit] = relationship()
    item: Mapped[Item] = relationship()


class PerCapitaNorm(Stamped, Base):
    """The office's per-person amount of a catalogue item (人均储备定额, workbook sheet of that
    name), for every scaled reserve rule whose items it covers, with the basis it rests on."""

    __tablename__ = "per_capita_norms"

    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("items.id"), unique=True)
    #: Per person, once for the whole period (tents, quilts).
    per_person: Mapped[Decimal | None]
    #: Per person and day (water, food).
    per_person_day: Mapped[Decimal | None]
    basis: Mapped[str] = mapped_column(Text, default="")

    item: Mapped[Item] = relationship()


class StockMinimum(Stamped, Base):
    """The office's minimum (reorder level) of an item in a depot."""

    __tablename__ = "stock_minimums"
    __table_args__ = (UniqueConstraint("depot_id", "item_id"),)

    depot_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("depots.id"))
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("items.id"))
    quantity: Mapped[Decimal]
    note: Mapped[str] = mapped_column(Text, default="")

    depot: Mapped[Depot] = relationship()
    item: Mapped[Item] = relationship()


class AttributeConfirmation(Stamped, Base):
    """The office's dated confirmation that a unit has an attribute of a composite standard."""

    __tablename__ = "attribute_confirmations"

    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("org_units.id"))
    attribute: Mapped[str] = mapped_column(String(50))
    confirmed_on: Mapped[date]
    confirmed_by: Mapped[str] = mapped_column(String(50), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    unit: Mapped[OrgUnit] = relationship()


Index(
    "ix_attribute_confirmations_unit",
    AttributeConfirmation.unit_id,
    AttributeConfirmation.attribute,
    AttributeConfirmation.confirmed_on,
)
