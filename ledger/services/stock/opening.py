"""Opening stock (期初库存): posted as one receipt per depot, noted 期初库存, at most once.

The ledger stays verifiable because opening stock is an ordinary receipt, posted in bulk by
:func:`ledger.services.stock.bulk_receipts.post_receipts`, which writes what
:func:`ledger.services.stock.post_document` would, refusals included. A row is skipped, not
posted again, when its depot, item and lot already hold that quantity: either an opening
receipt brought exactly that quantity in (the same workbook imported twice), or the current
balance is that quantity (an exported workbook imported back). Any other row for a depot,
item and lot with stock history is refused: opening stock is entered once; later corrections
are stocktakes. Rows the posting would refuse (a depot's books closed on the import date, an
item counted by a later stocktake) are reported by :func:`check` with their sheet and row,
before anything is written.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import DocType
from ledger.core.errors import BeforeStocktake
from ledger.core.quantity import format_quantity
from ledger.models import Balance, Document, DocumentLine
from ledger.services.imports.index import Index
from ledger.services.imports.records import Batch, Problem, StockRecord, Summary
from ledger.services.stock import DocumentInput, LineInput, bulk_receipts

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
        b = cast(Table, Balance.__table__)
        balances = {
            (d, i, lot): q
            for d, i, lot, q in session.execute(
                select(b.c.depot_id, b.c.item_id, b.c.lot, b.c.quantity)
            )
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


def check(session: Session, batch: Batch, idx: Index, on: date | None = None) -> list[Problem]:
    """Opening-stock rows that contradict the stock already recorded, or that posting them
    dated ``on`` (today) would refuse: a closed period, a later stocktake of the item."""
    to_post, problems, _zero = _plan(session, batch, idx)
    return problems + _refused(session, to_post, idx, on or date.today())


def _refused(session: Session, to_post: list[StockRecord], idx: Index, on: date) -> list[Problem]:
    """Rows of stored depots and items that the posting rules would refuse on ``on``."""
    stored = [
        (r, idx.depots[r.depot_code], idx.items[r.item_code])
        for r in to_post
        if getattr(idx.depots.get(r.depot_code), "id", None)
        and getattr(idx.items.get(r.item_code), "id", None)
    ]
    depot_ids = {depot.id for _, depot, _ in stored}
    closes = bulk_receipts.closed_until(session, depot_ids)
    counted = bulk_receipts.stocktakes_after(session, depot_ids, on)
    problems = []
    for record, depot, item in stored:
        if closes.get(depot.id, date.min) >= on:
            reason = (
                f"仓库“{depot.name}”已结账至 {closes[depot.id].isoformat()}，"
                f"不能登记日期为 {on.isoformat()} 的期初库存"
            )
            problems.append(Problem(record.ref, "depot_code", record.depot_code, reason))
        elif (depot.id, item.id) in counted:
            reason = BeforeStocktake(
                depot=depot.name,
                item=item.name,
                stocktake_date=counted[(depot.id, item.id)].isoformat(),
                doc_date=on.isoformat(),
            ).message
            problems.append(Problem(record.ref, "item_code", record.item_code, reason))
    return problems


def post(
    session: Session,
    actor: Actor,
    batch: Batch,
    idx: Index,
    on: date,
    summary: Summary,
    report: Callable[[int, int], None] | None = None,
) -> None:
    """Post the rows not yet recorded as one receipt per depot dated ``on``.

    Args:
        report: called with (lines written, lines in all) as the posting goes.

    Raises:
        LedgerError: the posting refused a receipt (nothing of it is written then).
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
    entries = [
        DocumentInput(
            doc_type=DocType.RECEIPT,
            depot=idx.depots[depot_code].id,
            doc_date=on,
            lines=lines,
            handler=actor.name,
            note=OPENING_NOTE,
        )
        for depot_code, lines in by_depot.items()
    ]
    for posted in bulk_receipts.post_receipts(session, actor, entries, report):
        summary.documents.append(posted.number)
        counts.created += posted.movements
