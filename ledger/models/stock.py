"""The stock ledger: documents (单据) and lines, movements (流水), balances (库存) and counters.

Documents and movements are append-only; :mod:`ledger.models.guards` refuses any change to a
stored one. The balance is a cache of the sum of movements per depot, item and lot.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ledger.core.enums import DocType, Reason
from ledger.core.quantity import normalize
from ledger.models.base import Base, Keyed, Money, utcnow
from ledger.models.catalogue import Counterparty, Depot, Incident, Item
from ledger.models.org import enum_type

#: A document number with the depot's code in it (three dashes or more).
DEPOT_CODED = text("number LIKE '%-%-%-%'")


class Document(Keyed, Base):
    """A posted stock document; a reversal (红冲) points at the document it cancels."""

    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("depot_id", "number"),
        # Numbers carry the depot's code (K01-CK-2026-00012) and are unique in the database;
        # numbers issued before (CK-2026-00012, two dashes) stay as printed, unique per depot.
        Index(
            "uq_documents_number",
            "number",
            unique=True,
            sqlite_where=DEPOT_CODED,
            postgresql_where=DEPOT_CODED,
        ),
    )

    doc_type: Mapped[DocType] = mapped_column(enum_type(DocType))
    number: Mapped[str] = mapped_column(String(64))
    depot_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("depots.id"), index=True)
    #: Receiving depot of a transfer.
    dest_depot_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("depots.id"))
    doc_date: Mapped[date] = mapped_column(index=True)
    posted_at: Mapped[datetime] = mapped_column(default=utcnow)
    posted_by: Mapped[str] = mapped_column(String(50))
    handler: Mapped[str] = mapped_column(String(50), default="")
    keeper: Mapped[str] = mapped_column(String(50), default="")
    approver: Mapped[str] = mapped_column(String(50), default="")
    counterparty_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("counterparties.id"))
    #: Free-text counterparty (a person, a team or a unit not in the register).
    counterparty_name: Mapped[str] = mapped_column(String(100), default="")
    incident_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("incidents.id"), index=True)
    #: The issue a return brings stock back from.
    source_document_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documents.id"))
    reverses_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documents.id"), unique=True)
    reason: Mapped[Reason | None] = mapped_column(enum_type(Reason))
    #: Stocktake scope: "full", "category:<code>" or "partial".
    scope: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    depot: Mapped[Depot] = relationship(foreign_keys=[depot_id])
    dest_depot: Mapped[Depot | None] = relationship(foreign_keys=[dest_depot_id])
    counterparty: Mapped[Counterparty | None] = relationship()
    incident: Mapped[Incident | None] = relationship()
    lines: Mapped[list[DocumentLine]] = relationship(
        back_populates="document", order_by="DocumentLine.line_no"
    )
    reverses: Mapped[Document | None] = relationship(
        remote_side="Document.id", foreign_keys=[reverses_id]
    )

    @property
    def is_reversal(self) -> bool:
        """Whether this document is a reversal (红冲单)."""
        return self.reverses_id is not None


class DocumentLine(Keyed, Base):
    """One line of a document: an item, lot and quantity (always positive as entered)."""

    __tablename__ = "document_lines"

    document_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("documents.id"), index=True)
    line_no: Mapped[int]
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("items.id"), index=True)
    lot: Mapped[str] = mapped_column(String(50), default="")
    expiry: Mapped[date | None]
    quantity: Mapped[Decimal]
    unit_price: Mapped[Decimal | None] = mapped_column(Money())
    #: Serial numbers of equipment on this line, comma separated.
    serials: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[Reason | None] = mapped_column(enum_type(Reason))
    #: Why an expired lot was issued anyway.
    override_reason: Mapped[str] = mapped_column(String(200), default="")
    #: Stocktake: the book quantity at the count's date and the counted quantity.
    book_quantity: Mapped[Decimal | None]
    counted_quantity: Mapped[Decimal | None]

    document: Mapped[Document] = relationship(back_populates="lines")
    item: Mapped[Item] = relationship()


class Movement(Keyed, Base):
    """One signed quantity in one depot, item and lot; a link of its depot's hash chain."""

    __tablename__ = "movements"
    __table_args__ = (UniqueConstraint("depot_id", "seq"),)

    document_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("documents.id"), index=True)
    line_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("document_lines.id"))
    depot_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("depots.id"))
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("items.id"))
    lot: Mapped[str] = mapped_column(String(50), default="")
    expiry: Mapped[date | None]
    quantity: Mapped[Decimal]
    occurred_on: Mapped[date]
    posted_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: Position in the depot's chain, from 1.
    seq: Mapped[int]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    document: Mapped[Document] = relationship()
    item: Mapped[Item] = relationship()


Index(
    "ix_movements_key_date", Movement.depot_id, Movement.item_id, Movement.lot, Movement.occurred_on
)
#: Finds a depot's last stocktake (盘点) at once, however many documents the depot has.
Index("ix_documents_depot_type_date", Document.depot_id, Document.doc_type, Document.doc_date)
Index("ix_movements_item_date", Movement.item_id, Movement.occurred_on)


class Balance(Keyed, Base):
    """Cached stock of one depot, item and lot; ``ledger verify`` recomputes it."""

    __tablename__ = "balances"
    __table_args__ = (UniqueConstraint("depot_id", "item_id", "lot"),)

    depot_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("depots.id"))
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("items.id"), index=True)
    lot: Mapped[str] = mapped_column(String(50), default="")
    expiry: Mapped[date | None]
    quantity: Mapped[Decimal]

    depot: Mapped[Depot] = relationship()
    item: Mapped[Item] = relationship()


class ChainHead(Base):
    """The last link of a depot's movement chain; locked while posting to that depot."""

    __tablename__ = "chain_heads"

    depot_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("depots.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(default=0)
    hash: Mapped[str] = mapped_column(String(64), default="0" * 64)

    #: Declared so that the unit of work inserts a new depot before its chain head.
    depot: Mapped[Depot] = relationship()


class DocCounter(Base):
    """The last number used per depot, series (RK, CK … HC) and year."""

    __tablename__ = "doc_counters"

    depot_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("depots.id"), primary_key=True)
    series: Mapped[str] = mapped_column(String(4), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last: Mapped[int] = mapped_column(default=0)


def movement_hash(prev_hash: str, m: Movement) -> str:
    """The hash of a movement chained to ``prev_hash``; changing any field breaks the chain."""
    import hashlib

    fields = [
        prev_hash,
        str(m.seq),
        str(m.depot_id),
        str(m.item_id),
        m.lot,
        m.expiry.isoformat() if m.expiry else "",
        # normalised: 10.50 as entered and 10.5 as read back must hash alike
        format(normalize(Decimal(m.quantity)), "f"),
        m.occurred_on.isoformat(),
        m.posted_at.isoformat(timespec="microseconds"),
        str(m.document_id),
        str(m.line_id),
    ]
    return hashlib.sha256("|".join(fields).encode()).hexdigest()
