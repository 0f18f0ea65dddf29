"""Exchange between offices (数据交换): this installation, registered senders, packages, transits.

* :class:`Installation` is this database's identity as a sender: a random id, the public
  half of its Ed25519 key pair, and the unit whose records this office keeps. The private
  half lives in a file in the user's data folder (never in a database that several PCs may
  share), named after the installation id.
* :class:`SentPackage` records every package exported, with the watermarks the next
  incremental package starts from.
* :class:`Sender` is another office's PC registered here by importing its public key file;
  :class:`ReceivedPackage` records every package imported from it, by sequence number.
* :class:`Transit` (在途调拨) is a transfer to a depot of another office: only its OUT movement
  is posted; :class:`TransitReceipt` links the receiving office's receipt to it.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ledger.models.base import Base, Keyed, Stamped, utcnow
from ledger.models.catalogue import Depot
from ledger.models.stock import Document


class Installation(Base):
    """This database's sender identity; a single row (``slot`` 1)."""

    __tablename__ = "exchange_installation"

    slot: Mapped[int] = mapped_column(primary_key=True)
    installation_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    #: Raw Ed25519 public key, hex.
    public_key: Mapped[str] = mapped_column(String(64))
    #: The last sequence number given to an exported package.
    last_seq: Mapped[int] = mapped_column(default=0)
    #: Code of the unit this office keeps (set with its key, or by its first export).
    unit_code: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SentPackage(Keyed, Base):
    """A package this installation exported, and where the next incremental one starts."""

    __tablename__ = "exchange_sent"
    __table_args__ = (UniqueConstraint("installation_id", "seq"),)

    installation_id: Mapped[uuid.UUID]
    seq: Mapped[int]
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("org_units.id"), index=True)
    #: "full" or "incremental".
    kind: Mapped[str] = mapped_column(String(12))
    since_seq: Mapped[int | None]
    #: Snapshot time: rows changed after it go into the next incremental package.
    watermark: Mapped[datetime]
    #: Last movement sequence number sent per depot id (text keys).
    depot_marks: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: Rows per file.
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: SHA-256 of the signed manifest.
    digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(50), default="")


class Sender(Base):
    """Another office's PC whose packages this database accepts, for one unit."""

    __tablename__ = "exchange_senders"

    installation_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(32), index=True)
    #: Raw Ed25519 public key, hex.
    public_key: Mapped[str] = mapped_column(String(64))
    registered_at: Mapped[datetime] = mapped_column(default=utcnow)
    registered_by: Mapped[str] = mapped_column(String(50), default="")
    #: Set when a new PC was registered for the same unit; its packages are refused since.
    retired_at: Mapped[datetime | None]
    #: The sequence number of the last package imported from it.
    last_seq: Mapped[int] = mapped_column(default=0)


class ReceivedPackage(Keyed, Base):
    """A package imported from a registered sender."""

    __tablename__ = "exchange_received"
    __table_args__ = (UniqueConstraint("installation_id", "seq"),)

    installation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("exchange_senders.installation_id")
    )
    seq: Mapped[int]
    unit_code: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(12))
    #: SHA-256 of the signed manifest: the same number with another digest is a clone.
    digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(50), default="")
    #: Per table: [added, updated, deleted].
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Transit(Stamped, Base):
    """A transfer to another office's depot (在途): out of the source, not yet received."""

    __tablename__ = "transits"

    transfer_document_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("documents.id"), unique=True)
    source_depot_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("depots.id"), index=True)
    dest_depot_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("depots.id"), index=True)
    sent_on: Mapped[date]

    # Relationships order the inserts of one flush (a document before its transit).
    transfer_document: Mapped[Document] = relationship(foreign_keys=[transfer_document_id])
    source_depot: Mapped[Depot] = relationship(foreign_keys=[source_depot_id])
    dest_depot: Mapped[Depot] = relationship(foreign_keys=[dest_depot_id])


class TransitReceipt(Stamped, Base):
    """The receiving office's receipt (入库单) of a transit; owned by the receiving depot."""

    __tablename__ = "transit_receipts"

    transit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("transits.id"), unique=True)
    receipt_document_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("documents.id"), unique=True)
    dest_depot_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("depots.id"), index=True)
    received_on: Mapped[date]

    transit: Mapped[Transit] = relationship()
    receipt_document: Mapped[Document] = relationship()
    dest_depot: Mapped[Depot] = relationship()


__all__ = [
    "Installation",
    "ReceivedPackage",
    "Sender",
    "SentPackage",
    "Transit",
    "TransitReceipt",
]
