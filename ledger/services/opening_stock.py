"""Opening stock (期初库存): posted as one receipt per depot, noted 期初库存, at most once.

The ledger stays verifiable because opening stock is an ordinary receipt posted through
:func:`ledger.services.stock.post_document`. A row is skipped, not posted again, when its depot,
item and lot already hold that quantity: either an opening receipt brought exactly that
quantity in (the same workbook imported twice), or the current balance is that quantity (an
exported workbook imported back). Any other row for a depot, item and lot with stock history is
refused: opening stock is entered once; later corrections are stocktakes.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import DocType
from ledger.core.quantity import format_quantity
from ledger.models import Balance, Document, DocumentLine
from ledger.services.import_index import Index
from ledger.services.import_records import Batch, Problem, StockRecord, Summary
from ledger.services.stock import DocumentInput, LineInput, post_document

#: The note of opening-stock receipts, by which a second import recognises them.
OPENING_NOTE = "期初库存"
ZERO = Decimal(0)

Key = tuple[uuid.UUID, uuid.UUID, str]


@dataclass
class _History:
    """Balances and opening-receipt lines already in the database, per depot, item and lot."""

    balances: dict[Key, Decimal]
    opening: Counter[tuple[Key, Decimal]]

    @classmethod
    def load(cls, session: Session) -> _History:
        balances = {
            (b.depot_id, b.item_id, b.lot): b.quantity for b in session.scalars(select(Balance))
        }
        reversed_ids = select(Document.reverses_id).where(Document.reverses_id.is_not(None))
        rows = session.execute(
            select(Document.depot_id, DocumentLine.item_id, DocumentLine.lot, DocumentLine.quantity)
            .join(DocumentLine, DocumentLine.document_id == Document.id)
            .where(
                Document.doc_type == DocType.RECEIPT,
                Document.note == OPENING_NOTE,
                Document.reverses_id.is_(None),
                Document.id.not_in(reversed_ids),
            )
        )
        opening = Counter(((d, i, lot), q) for d, i, lot, q in rows)
        return cls(balances, opening)


def _plan(
    session: Session, batch: Batch, idx: Index
) -> tuple[list[StockRecord], list[Problem], int]:
    """Rows to post, rows refused, and how many rows had a zero quantity."""
    history = _History.load(session)
    to_post, problems, zero = [], [], 0
    for record in batch.stock:
        if record.quantity == ZERO:
            zero += 1
            continue
        depot, item = idx.depots.get(record.depot_code), idx.items.get(record.item_code)
        if depot is None or item is None or depot.id is None or item.id is None:
            to_post.append(record)
            continue
        key = (depot.id, item.id, record.lot)
        if history.opening[(key, record.quantity)] > 0:
            history.opening[(key, record.quantity)] -= 1
            continue
        on_hand = history.balances.get(key)
        if on_hand is None:
            to_post.append(record)
        elif on_hand != record.quantity:
            reason = (
                f"该仓库的此物资（批次 {record.lot or '无'}）已有库存记录，现有 "
                f"{format_quantity(on_hand, item.unit)}；期初库存只能登记一次，更正请用盘点"
            )
            problems.append(Problem(record.ref, "quantity", str(record.quantity), reason))
    return to_post, problems, zero


def check(session: Session, batch: Batch, idx: Index) -> list[Problem]:
    """Opening-stock rows that contradict the stock already recorded."""
    return _plan(session, batch, idx)[1]


def post(
    session: Session, actor: Actor, batch: Batch, idx: Index, on: date, summary: Summary
) -> None:
    """Post the rows not yet recorded as one receipt per depot dated ``on``.

    Raises:
        LedgerError: the posting service refused a receipt.
    """
    to_post, _problems, summary.zero_skipped = _plan(session, batch, idx)
    counts = summary.of("stock")
    counts.unchanged = len(batch.stock) - len(to_post) - summary.zero_skipped
    by_depot: dict[str, list[LineInput]] = {}
    for record in to_post:
        line = LineInput(
            item=idx.items[record.item_code].id,
            quantity=record.quantity,
            lot=record.lot,
            expiry=record.expiry,
            unit_price=record.unit_price,
        )
        by_depot.setdefault(record.depot_code, []).append(line)
    for depot_code, lines in by_depot.items():
        entry = DocumentInput(
            doc_type=DocType.RECEIPT,
            depot=idx.depots[depot_code].id,
            doc_date=on,
            lines=lines,
            handler=actor.name,
            note=OPENING_NOTE,
        )
        # Lines are unique per depot, item and lot (checked), so the posting's lookups need not
        # flush the lines pending before them: one flush at the end instead of one per line.
        with session.no_autoflush:
            posted = post_document(session, actor, entry)
        summary.documents.append(posted.number)
        counts.created += len(lines)
