"""Period closes (月结/年结): a depot's books closed at a cut-off, with the balances and the
head of its movement hash chain at that moment, so later tampering with the closed past shows."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ledger.models.base import Base, Keyed, utcnow
from ledger.models.catalogue import Depot, Item


class PeriodClose(Keyed, Base):
    """One close of a depot's books: every document dated on or before ``last_day`` is refused."""

    __tablename__ = "period_closes"
    __table_args__ = (UniqueConstraint("depot_id", "kind", "last_day"),)

    depot_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("depots.id"))
    #: "month" (月结) or "year" (年结).
    kind: Mapped[str] = mapped_column(String(8))
    first_day: Mapped[date]
    last_day: Mapped[date]
    closed_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_by: Mapped[str] = mapped_column(String(50))
    #: The depot's movement chain when the books were closed: its length and last hash.
    chain_seq: Mapped[int]
    chain_hash: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(String(200), default="")

    depot: Mapped[Depot] = relationship()
    balances: Mapped[list[ClosingBalance]] = relationship(
        back_populates="close", cascade="all, delete-orphan"
    )


Index("ix_period_closes_depot_last_day", PeriodClose.depot_id, PeriodClose.last_day)


class ClosingBalance(Keyed, Base):
    """The balance of one item and lot of the closed depot at the cut-off (期末结存)."""

    __tablename__ = "closing_balances"
    __table_args__ = (UniqueConstraint("close_id", "item_id", "lot"),)

    close_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("period_closes.id"))
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("items.id"), index=True)
    lot: Mapped[str] = mapped_column(String(50), default="")
    expiry: Mapped[date | None]
    quantity: Mapped[Decimal]

    close: Mapped[PeriodClose] = relationship(back_populates="balances")
    item: Mapped[Item] = relationship()
