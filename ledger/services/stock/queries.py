"""Read-only stock queries returning frozen rows: stock on hand, stock cards, documents.

The GUI's table models and the reports both read through these; nothing here changes data.
Large results are paged in SQL (``offset``/``limit``) so a view never loads everything.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Join, Select, and_, case, exists, func, or_, select, true
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import QueryableAttribute, Session, aliased

from ledger.core.actor import SYSTEM
from ledger.core.enums import Category, DocType
from ledger.models import Balance, Depot, Document, DocumentLine, Item, Movement, OrgUnit
from ledger.models.users import User
from ledger.models.view_indexes import HELD

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class StockRow:
    """Stock of one lot of one item in one depot."""

    depot_id: uuid.UUID
    depot_code: str
    depot_name: str
    item_id: uuid.UUID
    item_code: str
    item_name: str
    spec: str
    unit: str
    category: Category
    lot: str
    expiry: date | None
    quantity: Decimal


@dataclass(frozen=True)
class StockFilter:
    """What a stock view shows: one depot or unit, a search text, a category, expiry horizon."""

    depot_id: uuid.UUID | None = None
    unit_id: uuid.UUID | None = None
    search: str = ""
    category: Category | None = None
    expiring_before: date | None = None
    include_zero: bool = False
    item_id: uuid.UUID | None = None


class _ItemsFirst(Join):
    """An inner join SQLite keeps in the written order (``CROSS JOIN``); others plan it freely.

    The stock view is ordered by depot and item code: walking depots and items by their code
    indexes and probing each item's lots stops after one page, where SQLite's own choice
    (every lot of the depot, then a sort) reads the whole depot for the first hundred rows.
    """

    inherit_cache = True


@compiles(_ItemsFirst, "sqlite")
def _cross_join(join: _ItemsFirst, compiler: Any, **kw: Any) -> str:
    kw["asfrom"] = True
    left = join.left._compiler_dispatch(compiler, **kw)
    right = join.right._compiler_dispatch(compiler, **kw)
    kw.pop("asfrom")
    if join.onclause is None:
        return f"{left} CROSS JOIN {right}"
    return f"{left} CROSS JOIN {right} ON {join.onclause._compiler_dispatch(compiler, **kw)}"


def _stock_where(flt: StockFilter) -> list[Any]:
    where: list[Any] = [] if flt.include_zero else [HELD]
    if flt.depot_id is not None:
        where.append(Balance.depot_id == flt.depot_id)
    if flt.unit_id is not None:
        where.append(Depot.unit_id == flt.unit_id)
    if flt.item_id is not None:
        where.append(Balance.item_id == flt.item_id)
    if flt.expiring_before is not None:
        where += [Balance.expiry.is_not(None), Balance.expiry < flt.expiring_before]
    if flt.category is not None:
        where.append(Item.category == flt.category)
    text = flt.search.strip()
    if text:
        like = f"%{text}%"
        where.append(
            or_(
                Item.code.like(like),
                Item.name.like(like),
                Item.spec.like(like),
                Balance.lot.like(like),
            )
        )
    return where


def _stock_rows() -> Any:
    """Depots, then items, then the lots of each (see :class:`_ItemsFirst`)."""
    depots_items = _ItemsFirst(Depot.__table__, Item.__table__, true())
    on = and_(Balance.depot_id == Depot.id, Balance.item_id == Item.id)
    return _ItemsFirst(depots_items, Balance.__table__, on)


def stock_on_hand(
    session: Session, flt: StockFilter = StockFilter(), *, offset: int = 0, limit: int | None = None
) -> list[StockRow]:
    """Stock rows matching ``flt``, by depot, item code, then earliest expiry first."""
    query = (
        select(
            Depot.id,
            Depot.code,
            Depot.name,
            Item.id,
            Item.code,
            Item.name,
            Item.spec,
            Item.unit,
            Item.category,
            Balance.lot,
            Balance.expiry,
            Balance.quantity,
        )
        .select_from(_stock_rows())
        .where(*_stock_where(flt))
        .order_by(Depot.code, Item.code, Balance.expiry.is_(None), Balance.expiry, Balance.lot)
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    depots: dict[uuid.UUID, tuple[Any, ...]] = {}
    items: dict[uuid.UUID, tuple[Any, ...]] = {}
    rows = []
    for row in session.execute(query):  # a depot's and an item's texts held once per page
        depot = depots.get(row[0]) or depots.setdefault(row[0], tuple(row[0:3]))
        item = items.get(row[3]) or items.setdefault(row[3], tuple(row[3:9]))
        rows.append(StockRow(*(depot + item + tuple(row[9:]))))
    return rows


def count_stock(session: Session, flt: StockFilter = StockFilter()) -> int:
    """How many rows :func:`stock_on_hand` returns for ``flt`` (lots held: from an index)."""
    query = select(func.count()).select_from(Balance)
    if flt.category is not None or flt.search.strip():
        query = query.join(Item, Item.id == Balance.item_id)
    if flt.unit_id is not None:
        query = query.join(Depot, Depot.id == Balance.depot_id)
    return session.scalar(query.where(*_stock_where(flt))) or 0


@dataclass(frozen=True, slots=True)
class CardRow:
    """One line of a stock card (物资卡片): a movement and the running balance after it."""

    movement_id: uuid.UUID
    occurred_on: date
    document_id: uuid.UUID
    number: str
    doc_type: DocType
    is_reversal: bool
    counterparty: str
    lot: str
    expiry: date | None
    inflow: Decimal
    outflow: Decimal
    balance: Decimal
    note: str


@dataclass(frozen=True)
class CardKey:
    """Which stock card: an item in a depot, optionally one lot and a date range."""

    depot_id: uuid.UUID
    item_id: uuid.UUID
    lot: str | None = None
    start: date | None = None
    end: date | None = None


def _card_where(key: CardKey) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [
        Movement.depot_id == key.depot_id,
        Movement.item_id == key.item_id,
    ]
    if key.lot is not None:
        where.append(Movement.lot == key.lot)
    return where


def card_opening(session: Session, key: CardKey) -> Decimal:
    """Balance before the card's start date (zero without a start)."""
    if key.start is None:
        return ZERO
    total = session.scalar(
        select(func.coalesce(func.sum(Movement.quantity), 0)).where(
            *_card_where(key), Movement.occurred_on < key.start
        )
    )
    return Decimal(total or 0)


#: Movements in the order balances are computed: by date, receipts before issues, then posting.
def _card_order() -> tuple[ColumnElement[Any] | QueryableAttribute[Any], ...]:
    return (Movement.occurred_on, case((Movement.quantity > 0, 0), else_=1), Movement.seq)


def _card_range(key: CardKey) -> list[ColumnElement[bool]]:
    where = _card_where(key)
    if key.start is not None:
        where.append(Movement.occurred_on >= key.start)
    if key.end is not None:
        where.append(Movement.occurred_on <= key.end)
    return where


def count_card(session: Session, key: CardKey) -> int:
    """How many movements the card shows."""
    return session.scalar(select(func.count(Movement.id)).where(*_card_range(key))) or 0


def stock_card(
    session: Session, key: CardKey, *, offset: int = 0, limit: int | None = None
) -> list[CardRow]:
    """The card's movements with running balance, paged; balances include the opening."""
    opening = card_opening(session, key)
    running = func.sum(Movement.quantity).over(order_by=_card_order())
    inner = (
        select(
            Movement.id.label("mid"),
            Movement.occurred_on,
            Movement.document_id,
            Movement.lot,
            Movement.expiry,
            Movement.quantity,
            running.label("running"),
            *[c.label(f"o{i}") for i, c in enumerate(_card_order())],
        )
        .where(*_card_range(key))
        .subquery()
    )
    doc = aliased(Document)
    query = (
        select(inner, doc.number, doc.doc_type, doc.reverses_id, doc.counterparty_name, doc.note)
        .join(doc, doc.id == inner.c.document_id)
        .order_by(inner.c.o0, inner.c.o1, inner.c.o2)
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    rows = []
    for r in session.execute(query):
        qty = Decimal(r.quantity)
        rows.append(
            CardRow(
                r.mid,
                r.occurred_on,
                r.document_id,
                r.number,
                r.doc_type,
                r.reverses_id is not None,
                r.counterparty_name,
                r.lot,
                r.expiry,
                qty if qty > 0 else ZERO,
                -qty if qty < 0 else ZERO,
                opening + Decimal(r.running),
                r.note,
            )
        )
    return rows


@dataclass(frozen=True)
class DocumentRow:
    """A posted document as a document list shows it."""

    id: uuid.UUID
    number: str
    doc_type: DocType
    doc_date: date
    depot_name: str
    dest_depot_name: str
    counterparty: str
    handler: str
    approver: str
    line_count: int
    is_reversal: bool
    reversed_by: str
    note: str


@dataclass(frozen=True)
class DocumentFilter:
    """Which documents a list shows."""

    depot_id: uuid.UUID | None = None
    doc_type: DocType | None = None
    start: date | None = None
    end: date | None = None
    search: str = ""
    incident_id: uuid.UUID | None = None


def _coded_number_like(like: str) -> ColumnElement[bool]:
    """The number with its depot's code matches (an old ``CK-2026-00012`` found as
    ``K01-CK-2026-00012``)."""
    return exists().where(
        Depot.id == Document.depot_id, Depot.code.concat("-").concat(Document.number).like(like)
    )


def _documents_query(flt: DocumentFilter) -> Select[Document]:
    query = select(Document)
    if flt.depot_id is not None:
        query = query.where(
            or_(Document.depot_id == flt.depot_id, Document.dest_depot_id == flt.depot_id)
        )
    if flt.doc_type is not None:
        query = query.where(Document.doc_type == flt.doc_type)
    if flt.start is not None:
        query = query.where(Document.doc_date >= flt.start)
    if flt.end is not None:
        query = query.where(Document.doc_date <= flt.end)
    if flt.incident_id is not None:
        query = query.where(Document.incident_id == flt.incident_id)
    text = flt.search.strip()
    if text:
        like = f"%{text}%"
        query = query.where(
            or_(
                Document.number.like(like),
                _coded_number_like(like),
                Document.counterparty_name.like(like),
                Document.note.like(like),
            )
        )
    return query


def documents(
    session: Session,
    flt: DocumentFilter = DocumentFilter(),
    *,
    offset: int = 0,
    limit: int | None = None,
) -> list[DocumentRow]:
    """Documents matching ``flt``, newest first."""
    doc = aliased(Document, _documents_query(flt).subquery())
    src, dst, rev = aliased(Depot), aliased(Depot), aliased(Document)
    line_count = (
        select(func.count(DocumentLine.id))
        .where(DocumentLine.document_id == doc.id)
        .scalar_subquery()
    )
    query = (
        select(doc, src.name, dst.name, rev.number, line_count)
        .join(src, src.id == doc.depot_id)
        .outerjoin(dst, dst.id == doc.dest_depot_id)
        .outerjoin(rev, rev.reverses_id == doc.id)
        .order_by(doc.doc_date.desc(), doc.posted_at.desc())
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    return [
        DocumentRow(
            d.id,
            d.number,
            d.doc_type,
            d.doc_date,
            src_name,
            dst_name or "",
            d.counterparty_name,
            d.handler,
            d.approver,
            int(n),
            d.is_reversal,
            rev_number or "",
            d.note,
        )
        for d, src_name, dst_name, rev_number, n in session.execute(query)
    ]


def count_documents(session: Session, flt: DocumentFilter = DocumentFilter()) -> int:
    """How many documents :func:`documents` returns for ``flt``."""
    return session.scalar(select(func.count()).select_from(_documents_query(flt).subquery())) or 0


@dataclass(frozen=True)
class LineView:
    """One line of a document as a voucher prints it."""

    line_no: int
    item_id: uuid.UUID
    item_code: str
    item_name: str
    spec: str
    unit: str
    lot: str
    expiry: date | None
    quantity: Decimal
    unit_price: Decimal | None
    serials: str
    reason: str
    override_reason: str
    book_quantity: Decimal | None
    counted_quantity: Decimal | None


@dataclass(frozen=True)
class DocumentView:
    """A whole document with its lines, for a detail view or a voucher."""

    row: DocumentRow
    unit_name: str
    depot_code: str
    keeper: str
    incident: str
    source_number: str
    reverses_number: str
    posted_by: str
    scope: str
    lines: tuple[LineView, ...]
    #: The name of who posted it (the account's display name; its login when it has none).
    posted_by_name: str = ""


def document_view(session: Session, document_id: uuid.UUID) -> DocumentView:
    """The document with its lines.

    Raises:
        UnknownRecord: no such document.
    """
    from ledger.core.errors import UnknownRecord

    doc = session.get(Document, document_id)
    if doc is None:
        raise UnknownRecord(kind="单据", key=str(document_id))
    row = documents(session, DocumentFilter(depot_id=doc.depot_id, search=doc.number), limit=50)
    summary = next(r for r in row if r.id == doc.id)
    source = session.get(Document, doc.source_document_id) if doc.source_document_id else None
    unit = session.get_one(OrgUnit, doc.depot.unit_id)
    lines = tuple(
        LineView(
            line.line_no,
            line.item_id,
            line.item.code,
            line.item.name,
            line.item.spec,
            line.item.unit,
            line.lot,
            line.expiry,
            line.quantity,
            line.unit_price,
            line.serials,
            line.reason.label if line.reason else "",
            line.override_reason,
            line.book_quantity,
            line.counted_quantity,
        )
        for line in doc.lines
    )
    return DocumentView(
        summary,
        unit.name,
        doc.depot.code,
        doc.keeper,
        doc.incident.name if doc.incident else "",
        source.number if source else "",
        doc.reverses.number if doc.reverses else "",
        doc.posted_by,
        doc.scope,
        lines,
        _display_name(session, doc.posted_by),
    )


def _display_name(session: Session, username: str) -> str:
    """An account's display name, or the login itself when it has none (or is gone)."""
    if username == SYSTEM.username:
        return SYSTEM.name
    name = session.scalar(select(User.display_name).where(User.username == username))
    return name or username
