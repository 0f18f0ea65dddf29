"""Draft documents (单据草稿) a readiness plan proposes: not posted, no movements, no number.

The stock ledger has posted documents only (append-only, guarded). A confirmed 调拨方案 is kept
here as one draft per source depot, against an incident, until a keeper posts it: posting
goes through the ordinary posting service, which checks the stock as it then stands, and the
draft records the document it became. Drafts never count as stock and are never chained.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ledger.core.enums import DocType
from ledger.models.base import Base, Stamped
from ledger.models.catalogue import Depot, Incident, Item
from ledger.models.org import enum_type

#: A draft's status: waiting for a keeper, posted (see ``document_id``) or withdrawn.
DRAFT, POSTED, WITHDRAWN = "draft", "posted", "withdrawn"


class DraftDocument(Stamped, Base):
    """A transfer or issue a readiness plan proposes from one depot, against an incident."""

    __tablename__ = "draft_documents"

    doc_type: Mapped[DocType] = mapped_column(enum_type(DocType))
    depot_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("depots.id"))
    dest_depot_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("depots.id"))
    incident_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("incidents.id"))
    doc_date: Mapped[date]
    status: Mapped[str] = mapped_column(String(16), default=DRAFT)
    drafted_by: Mapped[str] = mapped_column(String(50))
    #: The posted document this draft became.
    document_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documents.id"))
    note: Mapped[str] = mapped_column(Text, default="")

    depot: Mapped[Depot] = relationship(foreign_keys=[depot_id])
    dest_depot: Mapped[Depot | None] = relationship(foreign_keys=[dest_depot_id])
    incident: Mapped[Incident] = relationship()
    lines: Mapped[list[DraftLine]] = relationship(
        back_populates="draft", order_by="DraftLine.line_no", cascade="all, delete-orphan"
    )


class DraftLine(Stamped, Base):
    """One line of a draft: an item, lot and quantity (and the serials of equipment)."""

    __tablename__ = "draft_lines"

    draft_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("draft_documents.id"), index=True)
    line_no: Mapped[int]
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("items.id"))
    lot: Mapped[str] = mapped_column(String(50), default="")
    quantity: Mapped[Decimal]
    serials: Mapped[str] = mapped_column(Text, default="")

    draft: Mapped[DraftDocument] = relationship(back_populates="lines")
    item: Mapped[Item] = relationship()


Index("ix_draft_documents_incident", DraftDocument.incident_id, DraftDocument.status)
