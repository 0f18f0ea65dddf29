"""Stocktakes (盘点): a count sheet of book quantities, and posting the counted differences.

A full stocktake covers every lot of the depot (or of one category) that has stock on the
count's date; any such lot not counted must be confirmed as zero or as left alone before the
sheet posts. A partial one covers only what was counted. Differences are taken against the
book balance at the end of the count's date, and each carries a reason and an approver.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import Category, DocType, Reason
from ledger.core.errors import EmptyDocument, InvalidValue, MissingField, UncountedLots
from ledger.core.quantity import to_decimal
from ledger.models import Depot, Document, DocumentLine, Item, Movement
from ledger.services.accounts import permissions
from ledger.services.common import lookup
from ledger.services.common.atomic import atomic
from ledger.services.stock import Posted
from ledger.services.stock import constraints as rules
from ledger.services.stock.journal import Delta, lock_chains, next_number, write_movements

ZERO = Decimal(0)


class Uncounted(StrEnum):
    """What to do with a lot a full stocktake did not count."""

    ZERO = "zero"
    KEEP = "keep"


@dataclass(frozen=True)
class SheetRow:
    """One row of a count sheet: the book quantity of a lot on the count's date."""

    item_id: uuid.UUID
    item_code: str
    item_name: str
    spec: str
    unit: str
    category: Category
    lot: str
    expiry: date | None
    book: Decimal


@dataclass(frozen=True)
class Count:
    """A counted quantity of an item and lot (a lot not on the books is a gain)."""

    item: str | uuid.UUID
    counted: Decimal | int | str
    lot: str = ""
    expiry: date | None = None
    reason: Reason | None = None


@dataclass(frozen=True)
class StocktakeInput:
    """A filled count sheet, ready to post."""

    depot: str | uuid.UUID
    doc_date: date
    counts: Sequence[Count]
    full: bool = True
    category: Category | None = None
    uncounted: Mapping[tuple[str, str], Uncounted] | None = None
    approver: str = ""
    handler: str = ""
    keeper: str = ""
    note: str = ""


def count_sheet(
    session: Session, depot: str | uuid.UUID, on: date, category: Category | None = None
) -> list[SheetRow]:
    """Book quantities at the end of ``on`` of every lot with stock, by item code and lot."""
    depot_row = lookup.by_key(session, Depot, depot)
    total = func.sum(Movement.quantity)
    query = (
        select(Item, Movement.lot, func.max(Movement.expiry), total)
        .join(Item, Item.id == Movement.item_id)
        .where(Movement.depot_id == depot_row.id, Movement.occurred_on <= on)
        .group_by(Item.id, Movement.lot)
        .having(total != 0)
        .order_by(Item.code, Movement.lot)
    )
    if category is not None:
        query = query.where(Item.category == category)
    return [
        SheetRow(
            item.id, item.code, item.name, item.spec, item.unit, item.category, lot, expiry, qty
        )
        for item, lot, expiry, qty in session.execute(query)
    ]


@atomic
def post_stocktake(session: Session, actor: Actor, entry: StocktakeInput) -> Posted:
    """Post a count: one line per counted lot, a movement for each difference.

    Raises:
        UncountedLots: a full count left lots on the books without a decision.
        MissingField: differences without an approver.
        LedgerError: the usual posting refusals (closed period, earlier stocktake …).
    """
    depot = lookup.by_key(session, Depot, entry.depot)
    permissions.require(session, actor, permissions.Action.STOCKTAKE, depot_id=depot.id)
    heads = lock_chains(session, {depot.id})
    known = rules.Reads(session)
    rules.check_open(known, depot.id, entry.doc_date)
    sheet = {
        (r.item_id, r.lot): r
        for r in count_sheet(session, depot.id, entry.doc_date, entry.category)
    }
    counted = _counted(session, entry)
    decisions = _decisions(session, entry, sheet, counted)
    for key, decision in decisions.items():
        if decision is Uncounted.ZERO:
            counted[key] = (ZERO, sheet[key].expiry, None)
    if not counted:
        raise EmptyDocument()
    rules.check_after_stocktake(
        known, {(depot.id, item_id) for item_id, _ in counted}, entry.doc_date
    )
    document = Document(
        id=uuid.uuid4(),
        doc_type=DocType.STOCKTAKE,
        number=next_number(session, depot.id, DocType.STOCKTAKE.prefix, entry.doc_date.year),
        depot_id=depot.id,
        doc_date=entry.doc_date,
        posted_by=actor.username,
        handler=entry.handler.strip() or actor.name,
        keeper=entry.keeper.strip(),
        approver=entry.approver.strip(),
        scope=_scope(entry),
        note=entry.note.strip(),
    )
    session.add(document)
    deltas = []
    for number, ((item_id, lot), (qty, expiry, reason)) in enumerate(
        sorted(counted.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])), start=1
    ):
        book = (
            sheet[(item_id, lot)].book
            if (item_id, lot) in sheet
            else _book(session, depot.id, item_id, lot, entry.doc_date)
        )
        diff = qty - book
        if expiry is None and (item_id, lot) in sheet:
            expiry = sheet[(item_id, lot)].expiry
        line = DocumentLine(
            id=uuid.uuid4(),
            line_no=number,
            item_id=item_id,
            lot=lot,
            expiry=expiry,
            quantity=abs(diff),
            book_quantity=book,
            counted_quantity=qty,
            reason=(reason or (Reason.GAIN if diff > 0 else Reason.LOSS)) if diff else None,
        )
        document.lines.append(line)
        if diff:
            deltas.append(Delta(depot.id, item_id, lot, expiry, diff, line))
    if deltas and not entry.approver.strip():
        raise MissingField(where="盘点表", field="审批人（有盘盈盘亏时必填）")
    rules.check_availability(known, deltas, entry.doc_date)
    movements = write_movements(session, document, deltas, heads, balances=known.balances)
    session.flush()
    return Posted(document.id, document.number, DocType.STOCKTAKE, len(movements))


def _scope(entry: StocktakeInput) -> str:
    if not entry.full:
        return "partial"
    return f"category:{entry.category.value}" if entry.category else "full"


def _counted(
    session: Session, entry: StocktakeInput
) -> dict[tuple[uuid.UUID, str], tuple[Decimal, date | None, Reason | None]]:
    counted: dict[tuple[uuid.UUID, str], tuple[Decimal, date | None, Reason | None]] = {}
    for number, count in enumerate(entry.counts, start=1):
        item = lookup.by_key(session, Item, count.item)
        qty = to_decimal(count.counted, what=f"第{number}行实盘数量")
        if qty < ZERO:
            raise InvalidValue(
                where=f"第{number}行", field="实盘数量", value=str(qty), reason="不能为负数"
            )
        key = (item.id, count.lot.strip())
        if key in counted:
            raise InvalidValue(
                where=f"第{number}行",
                field="批次",
                value=count.lot or "无",
                reason=f"{item.name}的该批次已清点过",
            )
        if entry.category is not None and item.category is not entry.category:
            raise InvalidValue(
                where=f"第{number}行", field="物资", value=item.name, reason="不属于本次盘点的类别"
            )
        counted[key] = (qty, count.expiry, count.reason)
    return counted


def _decisions(
    session: Session,
    entry: StocktakeInput,
    sheet: dict[tuple[uuid.UUID, str], SheetRow],
    counted: dict[tuple[uuid.UUID, str], tuple[Decimal, date | None, Reason | None]],
) -> dict[tuple[uuid.UUID, str], Uncounted]:
    """Decisions for the lots a full count left out; refuse while any is undecided."""
    if not entry.full:
        return {}
    given = {
        (lookup.by_key(session, Item, code).id, lot): decision
        for (code, lot), decision in (entry.uncounted or {}).items()
    }
    missing = [row for key, row in sheet.items() if key not in counted]
    undecided = [row for row in missing if (row.item_id, row.lot) not in given]
    if undecided:
        names = "、".join(
            f"{r.item_name}（批次 {r.lot or '无'}，账面 {r.book}{r.unit}）" for r in undecided[:10]
        )
        raise UncountedLots(count=len(undecided), lots=names, rows=undecided)
    return {(row.item_id, row.lot): given[(row.item_id, row.lot)] for row in missing}


def _book(session: Session, depot_id: uuid.UUID, item_id: uuid.UUID, lot: str, on: date) -> Decimal:
    total = session.scalar(
        select(func.coalesce(func.sum(Movement.quantity), 0)).where(
            Movement.depot_id == depot_id,
            Movement.item_id == item_id,
            Movement.lot == lot,
            Movement.occurred_on <= on,
        )
    )
    return Decimal(total or 0)
