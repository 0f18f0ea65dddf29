"""Transfers between offices (跨办公室调拨): sent now, in transit, received by the other office.

A transfer whose destination depot another office keeps (an office whose PC is registered here
as the sender of its unit, see :mod:`ledger.services.exchange.guard`) posts only its OUT
movement and opens a :class:`~ledger.models.exchange.Transit`.
The stock is then in transit (在途): in neither depot. The receiving office, once the
package carrying the transfer has arrived (or at once, on a shared database), posts the
receipt (入库单) that references it; each office writes only its own depot's chain, so the
chains of both stay theirs alone. Within one database (a shared server, or offices that do
not exchange packages) a transfer posts both movements at once, as any other.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import DocType
from ledger.core.errors import InvalidValue, NotInTransit, UnknownRecord
from ledger.models import Depot, Document, Item
from ledger.models.exchange import Transit, TransitReceipt
from ledger.services.common import lookup
from ledger.services.common.atomic import atomic
from ledger.services.exchange import guard
from ledger.services.stock import DocumentInput, LineInput, Posted, offices, post_document


def crosses_offices(session: Session, source: Depot, dest: Depot) -> bool:
    """Whether ``dest`` is kept by another office than ``source``: one whose PC is registered
    here as a sender, so that only its own packages may write the depot's movement chain."""
    found = guard.owners(session)
    if found is None:
        return False
    receiver = found.elsewhere(dest.unit_id)
    return receiver is not None and receiver != found.elsewhere(source.unit_id)


def open_transit(session: Session, document: Document) -> Transit:
    """Record a posted transfer as in transit to its destination depot."""
    assert document.dest_depot_id is not None
    transit = Transit(
        id=uuid.uuid4(),
        transfer_document_id=document.id,
        source_depot_id=document.depot_id,
        dest_depot_id=document.dest_depot_id,
        sent_on=document.doc_date,
    )
    session.add(transit)
    return transit


@dataclass(frozen=True)
class TransitLine:
    """One line of a transfer in transit."""

    item_code: str
    item_name: str
    lot: str
    quantity: Decimal
    unit: str


@dataclass(frozen=True)
class TransitRow:
    """A transfer between offices, as the receiving office's list shows it."""

    id: uuid.UUID
    number: str
    sent_on: date
    source_depot: str
    dest_depot_id: uuid.UUID
    dest_depot: str
    lines: tuple[TransitLine, ...]
    receipt_number: str | None = None
    received_on: date | None = None
    reversed: bool = False

    @property
    def pending(self) -> bool:
        """Still in transit: neither received nor reversed."""
        return self.receipt_number is None and not self.reversed


def transits(
    session: Session, dest_depot_id: uuid.UUID | None = None, *, pending_only: bool = True
) -> list[TransitRow]:
    """Transfers between offices, oldest first (only those still in transit by default)."""
    query = select(Transit).order_by(Transit.sent_on, Transit.created_at)
    if dest_depot_id is not None:
        query = query.where(Transit.dest_depot_id == dest_depot_id)
    rows = [_row(session, t) for t in session.scalars(query)]
    return [r for r in rows if r.pending] if pending_only else rows


def _row(session: Session, transit: Transit) -> TransitRow:
    document = session.get_one(Document, transit.transfer_document_id)
    source = session.get_one(Depot, transit.source_depot_id)
    dest = session.get_one(Depot, transit.dest_depot_id)
    receipt = session.scalars(
        select(TransitReceipt).where(TransitReceipt.transit_id == transit.id)
    ).first()
    receipt_doc = session.get(Document, receipt.receipt_document_id) if receipt else None
    reversed_ = session.scalar(select(Document.id).where(Document.reverses_id == document.id))
    lines = []
    for line in document.lines:
        item = session.get_one(Item, line.item_id)
        lines.append(TransitLine(item.code, item.name, line.lot, line.quantity, item.unit))
    return TransitRow(
        transit.id,
        document.number,
        transit.sent_on,
        source.name,
        dest.id,
        dest.name,
        tuple(lines),
        receipt_doc.number if receipt_doc else None,
        receipt.received_on if receipt else None,
        reversed_ is not None,
    )


def find_transit(session: Session, key: str | uuid.UUID) -> Transit:
    """A transit by its id or its transfer's number.

    Raises:
        UnknownRecord: no transfer between offices has that id or number.
    """
    if isinstance(key, uuid.UUID):
        found = session.get(Transit, key)
    else:
        found = session.scalars(
            select(Transit)
            .join(Document, Document.id == Transit.transfer_document_id)
            .where(lookup.number_is(key))
        ).first()
    if found is None:
        raise UnknownRecord(kind="在途调拨单", key=str(key))
    return found


@atomic
def receive_transit(
    session: Session,
    actor: Actor,
    key: str | uuid.UUID,
    on: date | None = None,
    *,
    keeper: str = "",
    note: str = "",
) -> Posted:
    """Post the receipt (入库单) of a transfer in transit, into its destination depot.

    Raises:
        UnknownRecord: no such transit.
        NotInTransit: already received, or the transfer was reversed.
        InvalidValue: the receipt would be dated before the transfer.
    """
    transit = find_transit(session, key)
    row = _row(session, transit)
    if row.receipt_number is not None:
        raise NotInTransit(number=row.number, reason=f"已由入库单 {row.receipt_number} 接收")
    if row.reversed:
        raise NotInTransit(number=row.number, reason="调出方已红冲")
    on = on or date.today()
    if on < transit.sent_on:
        raise InvalidValue(
            where="调拨接收",
            field="日期",
            value=on.isoformat(),
            reason=f"不能早于调出日期 {transit.sent_on.isoformat()}",
        )
    document = session.get_one(Document, transit.transfer_document_id)
    lines = [
        LineInput(
            item=line.item_id,
            quantity=line.quantity,
            lot=line.lot,
            expiry=line.expiry,
            unit_price=line.unit_price,
            serials=tuple(s for s in line.serials.split(",") if s),
        )
        for line in document.lines
    ]
    entry = DocumentInput(
        doc_type=DocType.RECEIPT,
        depot=transit.dest_depot_id,
        doc_date=on,
        lines=lines,
        keeper=keeper,
        counterparty=row.source_depot,
        note=note.strip() or f"接收调拨 {row.number}（{row.source_depot}）",
    )
    posted = post_document(session, actor, entry)
    session.add(
        TransitReceipt(
            id=uuid.uuid4(),
            transit_id=transit.id,
            receipt_document_id=posted.id,
            dest_depot_id=transit.dest_depot_id,
            received_on=on,
        )
    )
    session.flush()
    return posted


class ExchangeOffices:
    """Stock's questions about other offices (:class:`ledger.services.stock.offices.Offices`),
    answered from the senders registered here (:mod:`ledger.services.exchange.guard`)."""

    def crosses(self, session: Session, source: Depot, dest: Depot) -> bool:
        """See :func:`crosses_offices`."""
        return crosses_offices(session, source, dest)

    def open_transit(self, session: Session, document: Document) -> None:
        """See :func:`open_transit`."""
        open_transit(session, document)


offices.register(ExchangeOffices())
