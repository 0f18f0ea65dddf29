"""Posting stock documents (单据): receipt, issue, transfer, return, write-off, and reversal (红冲).

A document is validated whole, then posted in the caller's transaction: one movement per line
and depot (two for a transfer), the balance updated beside it, the depot's hash chain extended.
Stocktakes (盘点) are in :mod:`ledger.services.stock.stocktake`.

The walk of one posting, read top to bottom in :func:`post_document`: the depot (found with
whether accounts exist) and the right to post there; the items; each depot's chain head locked
with what a posting reads once per depot (the finding and reading in :mod:`.constraints`); the
rules (:func:`.constraints.check_document`); then the number, the document and its lines
(audited), and the movements, balances and chain heads (:mod:`.journal`). Only a transfer
asks :mod:`.offices` whether it crosses to another office.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import REVERSAL_PREFIX, DocType, Reason
from ledger.core.errors import (
    AlreadyReversed,
    CannotReverseReversal,
    EmptyDocument,
    InvalidValue,
    MissingField,
    NonPositiveQuantity,
    ReturnExceedsIssue,
    SameDepotTransfer,
    UnknownRecord,
)
from ledger.core.quantity import to_decimal
from ledger.models import (
    Depot,
    Document,
    DocumentLine,
    Incident,
    Item,
    Movement,
)
from ledger.services.accounts import permissions
from ledger.services.common import lookup
from ledger.services.common.atomic import atomic
from ledger.services.stock import constraints as rules
from ledger.services.stock import offices
from ledger.services.stock.fefo import LotPick as LotPick  # re-exported: part of this module's API
from ledger.services.stock.fefo import suggest_lots as suggest_lots
from ledger.services.stock.journal import (
    Balances,
    Delta,
    line_changes,
    lock_chains,
    next_number,
    write_movements,
)

ZERO = Decimal(0)


@dataclass(frozen=True)
class LineInput:
    """One line as entered: item (code or id), quantity and, where it applies, lot and expiry."""

    item: str | uuid.UUID
    quantity: Decimal | int | str
    lot: str = ""
    expiry: date | None = None
    unit_price: Decimal | None = None
    serials: tuple[str, ...] = ()
    reason: Reason | None = None
    override_reason: str = ""


@dataclass(frozen=True)
class DocumentInput:
    """A document as entered by a keeper, before it is posted."""

    doc_type: DocType
    depot: str | uuid.UUID
    doc_date: date
    lines: Sequence[LineInput]
    dest_depot: str | uuid.UUID | None = None
    handler: str = ""
    keeper: str = ""
    approver: str = ""
    counterparty: str = ""
    incident_id: uuid.UUID | None = None
    source_document: str | uuid.UUID | None = None
    reason: Reason | None = None
    note: str = ""


@dataclass(frozen=True)
class Posted:
    """What a posting created: the document's id and number, and its movements' count."""

    id: uuid.UUID
    number: str
    doc_type: DocType
    movements: int = 0
    lines: tuple[uuid.UUID, ...] = field(default=())


@atomic
def post_document(session: Session, actor: Actor, entry: DocumentInput) -> Posted:
    """Validate and post a receipt, issue, transfer, return or write-off.

    Raises:
        LedgerError: a subclass naming what is wrong and where (see ledger.core.errors).
    """
    if entry.doc_type is DocType.STOCKTAKE:
        raise InvalidValue(where="单据", field="类型", value="盘点表", reason="请使用盘点功能登记")
    depot = rules.find(session, Depot, entry.depot)  # with whether accounts exist
    # A transfer needs the right on the sending depot only (see
    # ledger.services.accounts.permissions).
    permissions.require(
        session, actor, permissions.Action.POST, depot_id=depot.id, accounts=depot.accounts
    )
    dest = _dest_depot(session, entry, depot)
    # To another office's depot: only the OUT movement now, in transit until it is received.
    in_transit = dest is not None and offices.current().crosses(
        session, lookup.by_key(session, Depot, depot.id), dest
    )
    source = _source_document(session, entry, depot)
    items = _resolve_lines(session, entry)
    _check_header(entry)
    depots = {depot.id} | ({dest.id} if dest and not in_transit else set())
    known = rules.Reads(session)
    heads, counterparty_id = rules.open_chains(
        session, depots, entry.doc_date, entry.counterparty, known
    )
    # The document joins the session only after every check: queries then find nothing
    # pending to flush, so a posting flushes once (each flush runs the audit and guards).
    document = Document(
        id=uuid.uuid4(),
        doc_type=entry.doc_type,
        number="",
        depot_id=depot.id,
        dest_depot_id=dest.id if dest else None,
        doc_date=entry.doc_date,
        posted_by=actor.username,
        handler=entry.handler.strip() or actor.name,
        keeper=entry.keeper.strip(),
        approver=entry.approver.strip(),
        counterparty_id=counterparty_id,
        counterparty_name=entry.counterparty.strip(),
        incident_id=_incident_id(session, entry.incident_id),
        source_document_id=source.id if source else None,
        reason=entry.reason,
        note=entry.note.strip(),
    )
    deltas = _lines_and_deltas(known.balances, document, entry, items, None if in_transit else dest)
    if source is not None:
        _check_return(session, source, document)
    taking_out = entry.doc_type in (DocType.ISSUE, DocType.TRANSFER)
    rules.check_document(known, deltas, entry.doc_date, taking_out=taking_out)
    document.number = next_number(
        session, depot.id, entry.doc_type.prefix, entry.doc_date.year, depot.code
    )
    session.add(document)
    session.flush()  # audited and guarded as any new record
    movements = write_movements(session, document, deltas, heads, balances=known.balances)
    if in_transit:
        offices.current().open_transit(session, document)
    session.flush()
    return Posted(
        document.id,
        document.number,
        document.doc_type,
        len(movements),
        tuple(line.id for line in document.lines),
    )


def _dest_depot(session: Session, entry: DocumentInput, depot: rules.Found) -> Depot | None:
    if entry.doc_type is not DocType.TRANSFER:
        return None
    if entry.dest_depot is None:
        raise MissingField(where="调拨单", field="调入仓库")
    dest = lookup.by_key(session, Depot, entry.dest_depot)
    if dest.id == depot.id:
        raise SameDepotTransfer(depot=depot.name)
    return dest


def _source_document(session: Session, entry: DocumentInput, depot: rules.Found) -> Document | None:
    if entry.source_document is None or entry.doc_type is not DocType.RETURN:
        return None
    source = lookup.document(session, entry.source_document, session.get_one(Depot, depot.id))
    if source.doc_type is not DocType.ISSUE or source.is_reversal:
        raise InvalidValue(
            where="归还单", field="原出库单", value=source.number, reason="只能归还出库单领出的物资"
        )
    if session.scalar(select(Document.id).where(Document.reverses_id == source.id)):
        raise InvalidValue(
            where="归还单", field="原出库单", value=source.number, reason="该出库单已红冲"
        )
    return source


def _check_header(entry: DocumentInput) -> None:
    if entry.doc_type is DocType.WRITE_OFF:
        if not entry.approver.strip():
            raise MissingField(where="报损单", field="审批人")
        for number, line in enumerate(entry.lines, start=1):
            if (line.reason or entry.reason) is None:
                raise MissingField(where=f"报损单第{number}行", field="报损原因")


def _resolve_lines(session: Session, entry: DocumentInput) -> list[tuple[rules.Found, Decimal]]:
    """Each line's item and quantity, the line checked."""
    if not entry.lines:
        raise EmptyDocument()
    items = []
    for number, line in enumerate(entry.lines, start=1):
        item = rules.find(session, Item, line.item)
        items.append((item, check_line(number, line, item.name)))
    return items


def check_line(number: int, line: LineInput, item_name: str) -> Decimal:
    """The checks of one document line that need nothing but the line; returns its quantity.

    Raises:
        NonPositiveQuantity: the quantity is zero or negative.
        InvalidValue: serial numbers not one per piece, or a negative unit price.
    """
    quantity = to_decimal(line.quantity, what=f"第{number}行数量")
    if quantity <= ZERO:
        raise NonPositiveQuantity(line=number, item=item_name, quantity=quantity)
    if line.serials and len(line.serials) != quantity:
        raise InvalidValue(
            where=f"第{number}行",
            field="序列号",
            value=f"{len(line.serials)}个",
            reason=f"序列号个数应等于数量 {quantity}",
        )
    if line.unit_price is not None and to_decimal(line.unit_price, places=4) < ZERO:
        raise InvalidValue(
            where=f"第{number}行", field="单价", value=str(line.unit_price), reason="不能为负数"
        )
    return quantity


def _lines_and_deltas(
    balances: Balances,
    document: Document,
    entry: DocumentInput,
    items: list[tuple[rules.Found, Decimal]],
    dest: Depot | None,
) -> list[Delta]:
    deltas: list[Delta] = []
    for number, (line_in, (item, quantity)) in enumerate(
        zip(entry.lines, items, strict=True), start=1
    ):
        lot = line_in.lot.strip()
        known = balances.get((document.depot_id, item.id, lot))
        expiry = line_in.expiry or (known.expiry if known else None)
        line = DocumentLine(
            id=uuid.uuid4(),
            line_no=number,
            item_id=item.id,
            lot=lot,
            expiry=expiry,
            quantity=quantity,
            unit_price=line_in.unit_price,
            serials=",".join(s.strip() for s in line_in.serials),
            reason=line_in.reason
            or (entry.reason if entry.doc_type is DocType.WRITE_OFF else None),
            override_reason=line_in.override_reason.strip(),
        )
        document.lines.append(line)
        for depot_id, change in line_changes(document, line).items():
            if depot_id == document.depot_id or dest is not None:  # in transit: OUT only
                deltas.append(Delta(depot_id, item.id, lot, expiry, change, line))
    return deltas


def _incident_id(session: Session, incident_id: uuid.UUID | None) -> uuid.UUID | None:
    if incident_id is None:
        return None
    if session.get(Incident, incident_id) is None:
        raise UnknownRecord(kind="事件", key=str(incident_id))
    return incident_id


def _check_return(session: Session, source: Document, document: Document) -> None:
    """A return may not bring back more of an item and lot than its issue took and kept."""
    reversed_ids = select(Document.reverses_id).where(Document.reverses_id.is_not(None))
    returned: dict[tuple[uuid.UUID, str], Decimal] = {
        (item_id, lot): Decimal(total)
        for item_id, lot, total in session.execute(
            select(DocumentLine.item_id, DocumentLine.lot, func.sum(DocumentLine.quantity))
            .join(Document, Document.id == DocumentLine.document_id)
            .where(
                Document.source_document_id == source.id,
                Document.id != document.id,
                Document.id.not_in(reversed_ids),
            )
            .group_by(DocumentLine.item_id, DocumentLine.lot)
        )
    }
    issued: dict[tuple[uuid.UUID, str], Decimal] = {}
    for line in source.lines:
        issued[(line.item_id, line.lot)] = (
            issued.get((line.item_id, line.lot), ZERO) + line.quantity
        )
    asked: dict[tuple[uuid.UUID, str], Decimal] = {}
    for line in document.lines:
        asked[(line.item_id, line.lot)] = asked.get((line.item_id, line.lot), ZERO) + line.quantity
    for (item_id, lot), quantity in asked.items():
        open_qty = issued.get((item_id, lot), ZERO) - returned.get((item_id, lot), ZERO)
        if quantity > open_qty:
            item = session.get_one(Item, item_id)
            raise ReturnExceedsIssue(
                item=item.name,
                lot=lot or "无",
                requested=quantity,
                open=open_qty,
                unit=item.unit,
                number=source.number,
            )


@atomic
def reverse_document(
    session: Session,
    actor: Actor,
    document_id: uuid.UUID,
    on: date | None = None,
    note: str = "",
) -> Posted:
    """Post a reversal (红冲) that cancels every movement of a posted document; ``note`` is
    the reason, and a reversal without one is refused.

    Raises:
        MissingField: no reason given.
        AlreadyReversed, CannotReverseReversal: the document cannot be reversed again.
        InsufficientStock, WouldGoNegative: the stock it brought in has been used since.
    """
    original = session.get(Document, document_id)
    if original is None:
        raise UnknownRecord(kind="单据", key=str(document_id))
    permissions.require(session, actor, permissions.Action.REVERSE, depot_id=original.depot_id)
    if not note.strip():
        raise MissingField(where=f"红冲单据 {original.number}", field="红冲原因")
    if original.is_reversal:
        raise CannotReverseReversal(number=original.number)
    if session.scalar(select(Document.number).where(Document.reverses_id == original.id)):
        raise AlreadyReversed(number=original.number)
    on = on or date.today()
    if on < original.doc_date:
        raise InvalidValue(
            where="红冲单",
            field="日期",
            value=on.isoformat(),
            reason=f"不能早于原单据日期 {original.doc_date.isoformat()}",
        )
    moves = session.scalars(
        select(Movement).where(Movement.document_id == original.id).order_by(Movement.seq)
    ).all()
    heads = lock_chains(session, {m.depot_id for m in moves} | {original.depot_id})
    known = rules.Reads(session)
    for depot_id in heads:
        rules.check_open(known, depot_id, on)
    reversal = Document(
        id=uuid.uuid4(),
        doc_type=original.doc_type,
        number=next_number(session, original.depot_id, REVERSAL_PREFIX, on.year),
        depot_id=original.depot_id,
        dest_depot_id=original.dest_depot_id,
        doc_date=on,
        posted_by=actor.username,
        handler=actor.name,
        approver=original.approver,
        counterparty_id=original.counterparty_id,
        counterparty_name=original.counterparty_name,
        incident_id=original.incident_id,
        reverses_id=original.id,
        reason=original.reason,
        scope=original.scope,
        note=note.strip(),
    )
    session.add(reversal)
    lines = {}
    for line in original.lines:
        copy = DocumentLine(
            id=uuid.uuid4(),
            line_no=line.line_no,
            item_id=line.item_id,
            lot=line.lot,
            expiry=line.expiry,
            quantity=line.quantity,
            unit_price=line.unit_price,
            serials=line.serials,
            reason=line.reason,
            override_reason="红冲",
            book_quantity=line.book_quantity,
            counted_quantity=line.counted_quantity,
        )
        reversal.lines.append(copy)
        lines[line.id] = copy
    deltas = [
        Delta(m.depot_id, m.item_id, m.lot, m.expiry, -m.quantity, lines[m.line_id]) for m in moves
    ]
    rules.check_document(known, deltas, on, taking_out=False)
    movements = write_movements(session, reversal, deltas, heads, balances=known.balances)
    session.flush()
    return Posted(reversal.id, reversal.number, reversal.doc_type, len(movements))
