"""Receipts posted in bulk (批量入库): what posting each receipt would write, in a few statements.

:func:`post_receipts` gives the same documents, lines, movements, balances, chain links, audit
rows and refusals as calling :func:`ledger.services.stock.post_document` once per receipt, but
reads what the rules need in one query each (depots, items, balances, closes, stocktakes) and
writes lines, movements and balances with executemany batches. Documents (a handful: one per
depot for opening stock) still go through the unit of work, so the flush guards and the audit
listener see them; lines are audited here exactly as the listener would audit them, chained
from the audit head. Each depot's movement chain is extended with
:func:`ledger.models.stock.movement_hash` from its locked chain head.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ledger.core.actor import Actor
from ledger.core.enums import DocType
from ledger.core.errors import EmptyDocument, UnknownRecord
from ledger.models import Counterparty, Depot, Document, DocumentLine, Incident, Item, utcnow
from ledger.models.periods import PeriodClose
from ledger.services.accounts import permissions
from ledger.services.common.atomic import atomic
from ledger.services.stock import DocumentInput, Posted, check_line
from ledger.services.stock import bulk as bulk_insert
from ledger.services.stock import constraints as rules
from ledger.services.stock.journal import IN_CHUNK, Balances, next_number

#: Rows per executemany batch (and per progress report).
CHUNK = 5000
Report = Callable[[int, int], None]
_REVERSAL = aliased(Document)


@dataclass
class _Entry:
    """A checked receipt: its depot, items and quantities resolved, its document built."""

    entry: DocumentInput
    depot_id: uuid.UUID
    items: list[uuid.UUID]
    quantities: list[Decimal]
    document: Document | None = None
    line_ids: list[uuid.UUID] = field(default_factory=list)


def closed_until(session: Session, depot_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, date]:
    """The cut-off of each depot's latest close (depots never closed are absent)."""
    found: dict[uuid.UUID, date] = {}
    for part in _parts(sorted(set(depot_ids))):
        query = (
            select(PeriodClose.depot_id, func.max(PeriodClose.last_day))
            .where(PeriodClose.depot_id.in_(part))
            .group_by(PeriodClose.depot_id)
        )
        found.update({d: last for d, last in session.execute(query)})
    return found


def stocktakes_after(
    session: Session, depot_ids: Iterable[uuid.UUID], after: date
) -> dict[tuple[uuid.UUID, uuid.UUID], date]:
    """The last stocktake dated after ``after`` of each depot and item it counted (rule 3).

    Reversed stocktakes and reversals do not count, as in
    :meth:`ledger.services.stock.constraints.Reads.last_stocktake`.
    """
    found: dict[tuple[uuid.UUID, uuid.UUID], date] = {}
    for part in _parts(sorted(set(depot_ids))):
        query = (
            select(Document.depot_id, DocumentLine.item_id, func.max(Document.doc_date))
            .join(DocumentLine, DocumentLine.document_id == Document.id)
            .where(
                Document.depot_id.in_(part),
                Document.doc_type == DocType.STOCKTAKE,
                Document.reverses_id.is_(None),
                Document.doc_date > after,
                ~select(_REVERSAL.id).where(_REVERSAL.reverses_id == Document.id).exists(),
            )
            .group_by(Document.depot_id, DocumentLine.item_id)
        )
        found.update({(d, i): last for d, i, last in session.execute(query)})
    return found


@atomic
def post_receipts(
    session: Session,
    actor: Actor,
    entries: Sequence[DocumentInput],
    report: Report | None = None,
) -> list[Posted]:
    """Post receipts as :func:`post_document` would post each of them, in order.

    Every check runs before anything is written; the first refusal is the one posting the
    receipts one by one would raise, and nothing of the batch is written then.

    Args:
        report: called with (lines written, lines in all) after each batch of lines; it may
            raise to stop, and the caller's rollback then leaves nothing behind.

    Raises:
        LedgerError: a refusal naming what is wrong and where (see ledger.core.errors).
    """
    if any(e.doc_type is not DocType.RECEIPT for e in entries):
        raise ValueError("post_receipts posts receipts only")
    if not entries:
        return []
    session.flush()  # pending records first: their audit rows precede the receipts'
    depots = _load(session, Depot, [e.depot for e in entries], (Depot.name,))
    items = _load(session, Item, [line.item for e in entries for line in e.lines], (Item.name,))
    depot_ids = {row.id for row in depots.values()}
    # Locked before the checks (posting locks after its lookups): a refusal rolls back either way.
    heads = bulk_insert.lock_heads(session, depot_ids)
    dates = _Dates(session, depot_ids, min(e.doc_date for e in entries))
    checked = []
    for entry in entries:  # entry by entry, so the first refusal is the one posting would raise
        one = _check_entry(session, actor, entry, depots, items)
        dates.check(session, one)
        checked.append(one)
    heads = {d: heads[d] for d in {c.depot_id for c in checked}}
    balances = Balances(session)
    balances.load(set(heads))
    _build_documents(session, actor, checked)
    session.add_all([c.document for c in checked if c.document is not None])
    session.flush()  # documents: audited by the listener, checked by the flush guards
    _write_lines(bulk_insert.LedgerWriter(session, heads), checked, balances, report)
    return [
        Posted(
            c.document.id, c.document.number, DocType.RECEIPT, len(c.line_ids), tuple(c.line_ids)
        )
        for c in checked
        if c.document is not None
    ]


def _parts(values: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(values), IN_CHUNK):
        yield values[start : start + IN_CHUNK]


def _load(
    session: Session, model: type[Depot] | type[Item], keys: list[Any], extra: tuple[Any, ...]
) -> dict[Any, Any]:
    """Rows of ``model`` (id, code and ``extra`` columns) by id and by code, in few queries."""
    ids = sorted({k for k in keys if isinstance(k, uuid.UUID)})
    codes = sorted({k.strip() for k in keys if isinstance(k, str)})
    found: dict[Any, Any] = {}
    columns = (model.id, model.code, *extra)
    for part in _parts(ids):
        found.update(
            {row.id: row for row in session.execute(select(*columns).where(model.id.in_(part)))}
        )
    for part in _parts(codes):
        rows = session.execute(select(*columns).where(model.code.in_(part)))
        found.update({row.code: row for row in rows})
    return found


def _get(found: dict[Any, Any], key: Any, kind: str) -> Any:
    row = found.get(key.strip() if isinstance(key, str) else key)
    if row is None:
        raise UnknownRecord(kind=kind, key=str(key))
    return row


def _check_entry(
    session: Session,
    actor: Actor,
    entry: DocumentInput,
    depots: dict[Any, Any],
    items: dict[Any, Any],
) -> _Entry:
    """The checks post_document makes before it locks anything, in its order."""
    depot = _get(depots, entry.depot, "仓库")
    permissions.require(session, actor, permissions.Action.POST, depot_id=depot.id)
    if not entry.lines:
        raise EmptyDocument()
    checked = _Entry(entry, depot.id, [], [])
    for number, line in enumerate(entry.lines, start=1):
        item = _get(items, line.item, "物资")
        quantity = check_line(number, line, item.name)
        checked.items.append(item.id)
        checked.quantities.append(quantity)
    return checked


class _Dates:
    """What rules on dates need, read once: latest closes and later stocktakes per depot."""

    def __init__(self, session: Session, depot_ids: set[uuid.UUID], first: date) -> None:
        self.closes = closed_until(session, depot_ids)
        self.counted = stocktakes_after(session, depot_ids, first)

    def check(self, session: Session, c: _Entry) -> None:
        """Closed period, incident, then stocktakes: post_document's order after its lookups."""
        on = c.entry.doc_date
        if c.depot_id in self.closes and self.closes[c.depot_id] >= on:
            rules.check_open(rules.Reads(session), c.depot_id, on)  # raises PeriodClosed
        if c.entry.incident_id is not None and session.get(Incident, c.entry.incident_id) is None:
            raise UnknownRecord(kind="事件", key=str(c.entry.incident_id))
        if not self.counted:
            return  # no later stocktake of these depots: nothing to sort through
        for pair in sorted({(c.depot_id, item) for item in c.items}):
            if self.counted.get(pair, date.min) > on:
                rules.check_after_stocktake(rules.Reads(session), {pair}, on)  # refuses


def _build_documents(session: Session, actor: Actor, checked: list[_Entry]) -> None:
    """Number each receipt (after every check, as posting does) and make its document."""
    counterparties: dict[str, uuid.UUID | None] = {}
    for c in checked:
        entry = c.entry
        name = entry.counterparty.strip()
        if name and name not in counterparties:
            counterparties[name] = session.scalar(
                select(Counterparty.id).where(Counterparty.name == name)
            )
        number = next_number(session, c.depot_id, DocType.RECEIPT.prefix, entry.doc_date.year)
        c.document = Document(
            id=uuid.uuid4(),
            doc_type=DocType.RECEIPT,
            number=number,
            depot_id=c.depot_id,
            dest_depot_id=None,
            doc_date=entry.doc_date,
            posted_at=utcnow(),
            posted_by=actor.username,
            handler=entry.handler.strip() or actor.name,
            keeper=entry.keeper.strip(),
            approver=entry.approver.strip(),
            counterparty_id=counterparties.get(name) if name else None,
            counterparty_name=name,
            incident_id=entry.incident_id,
            source_document_id=None,
            reason=entry.reason,
            note=entry.note.strip(),
        )


def _write_lines(
    writer: bulk_insert.LedgerWriter,
    checked: list[_Entry],
    balances: Balances,
    report: Report | None,
) -> None:
    """Insert every line, its audit row and its movement; move the balances and heads on."""
    total, done = sum(len(c.items) for c in checked), 0
    for c in checked:
        document = cast(Document, c.document)
        deltas: list[tuple[tuple[uuid.UUID, uuid.UUID, str], Decimal, date | None]] = []
        for number, line_in in enumerate(c.entry.lines, start=1):
            lot = line_in.lot.strip()
            key = (c.depot_id, c.items[number - 1], lot)
            known = balances.get(key)
            # as posting: the expiry of a lot already in stock when the line gives none
            expiry = line_in.expiry or (known.expiry if known else None)
            line: dict[str, Any] = {
                    "id": uuid.uuid4(), "document_id": document.id, "line_no": number,
                    "item_id": key[1], "lot": lot, "expiry": expiry,
                    "quantity": c.quantities[number - 1], "unit_price": line_in.unit_price,
                    "serials": ",".join(s.strip() for s in line_in.serials),
                    "reason": line_in.reason, "override_reason": line_in.override_reason.strip(),
                    "book_quantity": None, "counted_quantity": None}  # fmt: skip
            writer.add(line, document)
            c.line_ids.append(line["id"])
            deltas.append((key, line["quantity"], expiry))
            done += 1
            if done % CHUNK == 0:
                writer.flush()
                if report is not None:
                    report(done, total)
        for key, quantity, expiry in deltas:  # after the document's lines, as posting does
            balances.add(key, quantity, expiry)
    writer.close(balances)
    if report is not None:
        report(total, total)
