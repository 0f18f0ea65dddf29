"""Queries behind the stock reports, returning frozen rows: inventory list (库存清单), stock card
(物资卡片), period summary (收发存汇总表) and incident account (事件物资消耗台账).

Receipts and issues are counted by the sign of each movement, exactly as the stock card shows
them (a reversal of a receipt is an outflow), so a summary row matches its card to the unit.
People and equipment reports are in :mod:`ledger.services.reporting.records`.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ledger.core.enums import Category, DocType, Level
from ledger.models import (
    Balance,
    Depot,
    Document,
    DocumentLine,
    Incident,
    Item,
    Movement,
    OrgUnit,
)
from ledger.services.common import lookup
from ledger.services.org.tree import descendants
from ledger.services.stock.queries import CardKey, CardRow, card_opening, stock_card

ZERO = Decimal(0)


@dataclass(frozen=True)
class Scope:
    """What a report covers: a unit's subtree, or one depot, and optionally one category."""

    unit_id: uuid.UUID | None = None
    depot_id: uuid.UUID | None = None
    category: Category | None = None


def scope_name(session: Session, scope: Scope) -> str:
    """The unit a report is about, for its header: the depot's unit, the unit, or the root."""
    if scope.depot_id is not None:
        depot = session.get_one(Depot, scope.depot_id)
        return f"{session.get_one(OrgUnit, depot.unit_id).name}　{depot.name}"
    if scope.unit_id is not None:
        return session.get_one(OrgUnit, scope.unit_id).name
    return top_name(session)


def top_units(session: Session) -> list[tuple[uuid.UUID, str]]:
    """The units the whole database is about: its roots, or, when the root is a province or
    city with a single unit below it, that unit (a county's database holds its province and
    city only as parents)."""
    children: dict[uuid.UUID | None, list[tuple[str, uuid.UUID, str, Level]]] = defaultdict(list)
    for uid, parent, code, name, level in session.execute(
        select(OrgUnit.id, OrgUnit.parent_id, OrgUnit.code, OrgUnit.name, OrgUnit.level)
    ):
        children[parent].append((code, uid, name, level))
    rows = sorted(children[None])
    while len(rows) == 1 and rows[0][3].rank < Level.COUNTY.rank and children[rows[0][1]]:
        rows = sorted(children[rows[0][1]])
    return [(uid, name) for _, uid, name, _ in rows]


def top_name(session: Session) -> str:
    """The name of :func:`top_units` (several joined by 、)."""
    return "、".join(name for _, name in top_units(session))


def _depot_ids(session: Session, scope: Scope) -> list[uuid.UUID] | None:
    if scope.depot_id is not None:
        return [scope.depot_id]
    if scope.unit_id is not None:
        units = descendants(session, scope.unit_id)
        return list(session.scalars(select(Depot.id).where(Depot.unit_id.in_(units))))
    return None


@dataclass(frozen=True)
class Amount:
    """A total of one measuring unit (quantities of different units are never added)."""

    unit: str
    quantity: Decimal


def totals(pairs: list[tuple[str, Decimal]]) -> tuple[Amount, ...]:
    """Sum quantities per measuring unit, in the order units first appear."""
    sums: dict[str, Decimal] = {}
    for unit, quantity in pairs:
        sums[unit] = sums.get(unit, ZERO) + quantity
    return tuple(Amount(u, q) for u, q in sums.items())


def last_posted(session: Session, username: str) -> uuid.UUID | None:
    """The document ``username`` posted last (a reversal counts), for 'print what I just posted'."""
    return session.scalar(
        select(Document.id)
        .where(Document.posted_by == username)
        .order_by(Document.posted_at.desc())
        .limit(1)
    )


class GroupBy(StrEnum):
    """How an inventory list is grouped."""

    DEPOT = "depot"
    CATEGORY = "category"
    UNIT = "unit"


@dataclass(frozen=True)
class InventoryLine:
    """One lot of one item in one depot."""

    unit_name: str
    depot_code: str
    depot_name: str
    item_code: str
    item_name: str
    spec: str
    unit: str
    category: Category
    lot: str
    expiry: date | None
    quantity: Decimal
    #: The lot's price: the latest receipt of the item and lot that gave one (元).
    unit_price: Decimal | None = None


@dataclass(frozen=True)
class InventoryGroup:
    """The lines of one depot, category or unit with their totals."""

    title: str
    lines: tuple[InventoryLine, ...]
    items: int
    totals: tuple[Amount, ...]


@dataclass(frozen=True)
class Inventory:
    """An inventory list (库存清单) on a date."""

    unit_name: str
    on: date | None
    by: GroupBy
    groups: tuple[InventoryGroup, ...]
    items: int
    lots: int
    totals: tuple[Amount, ...]


def inventory(
    session: Session, scope: Scope = Scope(), by: GroupBy = GroupBy.DEPOT, on: date | None = None
) -> Inventory:
    """Stock of the scope grouped by depot, category or unit; current, or at the end of ``on``."""
    depot_ids = _depot_ids(session, scope)
    # Plain columns, not entities: a 10,000-line list loads in a fraction of the time.
    columns = (Depot.unit_id, Depot.code, Depot.name, Item.code, Item.name, Item.spec, Item.unit)
    if on is None:
        query = (
            select(*columns, Item.category, Balance.lot, Balance.expiry, Balance.quantity)
            .select_from(Balance)
            .join(Item, Item.id == Balance.item_id)
            .join(Depot, Depot.id == Balance.depot_id)
            .where(Balance.quantity != 0)
        )
        depot_col = Balance.depot_id
    else:
        qty = func.sum(Movement.quantity)
        query = (
            select(*columns, Item.category, Movement.lot, func.max(Movement.expiry), qty)
            .select_from(Movement)
            .join(Item, Item.id == Movement.item_id)
            .join(Depot, Depot.id == Movement.depot_id)
            .where(Movement.occurred_on <= on)
            .group_by(*columns, Item.category, Movement.lot)
            .having(qty != 0)
        )
        depot_col = Movement.depot_id
    if depot_ids is not None:
        query = query.where(depot_col.in_(depot_ids))
    if scope.category is not None:
        query = query.where(Item.category == scope.category)
    units = {uid: name for uid, name in session.execute(select(OrgUnit.id, OrgUnit.name))}
    prices = lot_prices(session)
    lines = []
    for (
        unit_id,
        d_code,
        d_name,
        code,
        name,
        spec,
        unit,
        category,
        lot,
        expiry,
        q,
    ) in session.execute(query):
        row = (units.get(unit_id, ""), d_code, d_name, code, name, spec, unit, category)
        price = prices.get((code, lot))
        lines.append(InventoryLine(*row, lot, expiry, Decimal(q), price))
    return _group(scope_name(session, scope), on, by, lines)


def lot_prices(session: Session) -> dict[tuple[str, str], Decimal]:
    """Each (item code, lot)'s unit price: that of its latest receipt line with a price."""
    query = (
        select(Item.code, DocumentLine.lot, DocumentLine.unit_price)
        .select_from(DocumentLine)
        .join(Document, Document.id == DocumentLine.document_id)
        .join(Item, Item.id == DocumentLine.item_id)
        .where(Document.doc_type == DocType.RECEIPT, DocumentLine.unit_price.is_not(None))
        .order_by(Document.doc_date, Document.posted_at)
    )
    rows = session.execute(query)
    return {(code, lot): Decimal(price) for code, lot, price in rows if price is not None}


def _group(name: str, on: date | None, by: GroupBy, lines: list[InventoryLine]) -> Inventory:
    order = list(Category)

    def key(line: InventoryLine) -> tuple[object, ...]:
        head: tuple[object, ...] = {
            GroupBy.DEPOT: (line.depot_code,),
            GroupBy.CATEGORY: (order.index(line.category),),
            GroupBy.UNIT: (line.unit_name, line.depot_code),
        }[by]
        return (*head, line.item_code, line.expiry is None, line.expiry or date.min, line.lot)

    lines.sort(key=key)
    grouped: dict[str, list[InventoryLine]] = defaultdict(list)
    for line in lines:
        title = {
            GroupBy.DEPOT: f"{line.depot_name}（{line.depot_code}）",
            GroupBy.CATEGORY: line.category.label,
            GroupBy.UNIT: line.unit_name,
        }[by]
        grouped[title].append(line)
    groups = tuple(
        InventoryGroup(
            title,
            tuple(rows),
            len({r.item_code for r in rows}),
            totals([(r.unit, r.quantity) for r in rows]),
        )
        for title, rows in grouped.items()
    )
    return Inventory(
        name,
        on,
        by,
        groups,
        len({r.item_code for r in lines}),
        len(lines),
        totals([(r.unit, r.quantity) for r in lines]),
    )


@dataclass(frozen=True)
class StockCard:
    """An item's stock card in a depot over a period: opening, movements, closing."""

    unit_name: str
    depot_code: str
    depot_name: str
    item_code: str
    item_name: str
    spec: str
    unit: str
    lot: str | None
    start: date | None
    end: date | None
    opening: Decimal
    rows: tuple[CardRow, ...]
    inflow: Decimal
    outflow: Decimal
    closing: Decimal


def card(
    session: Session,
    depot: str | uuid.UUID,
    item: str | uuid.UUID,
    start: date | None = None,
    end: date | None = None,
    lot: str | None = None,
) -> StockCard:
    """The stock card of an item in a depot, with running balance, for a period.

    Raises:
        UnknownRecord: no such depot or item.
    """
    found_depot = lookup.by_key(session, Depot, depot)
    found_item = lookup.by_key(session, Item, item)
    key = CardKey(found_depot.id, found_item.id, lot, start, end)
    opening = card_opening(session, key)
    rows = tuple(stock_card(session, key))
    inflow = sum((r.inflow for r in rows), ZERO)
    outflow = sum((r.outflow for r in rows), ZERO)
    return StockCard(
        session.get_one(OrgUnit, found_depot.unit_id).name,
        found_depot.code,
        found_depot.name,
        found_item.code,
        found_item.name,
        found_item.spec,
        found_item.unit,
        lot,
        start,
        end,
        opening,
        rows,
        inflow,
        outflow,
        opening + inflow - outflow,
    )


@dataclass(frozen=True)
class SummaryLine:
    """One item in one depot over a period: opening, receipts, issues, closing (收发存)."""

    depot_code: str
    depot_name: str
    item_code: str
    item_name: str
    spec: str
    unit: str
    category: Category
    opening: Decimal
    receipts: Decimal
    issues: Decimal
    closing: Decimal


@dataclass(frozen=True)
class PeriodSummary:
    """A 收发存汇总表 for a period."""

    unit_name: str
    start: date
    end: date
    lines: tuple[SummaryLine, ...]


def period_summary(
    session: Session, start: date, end: date, scope: Scope = Scope()
) -> PeriodSummary:
    """Opening, receipts, issues and closing per depot and item for ``start``–``end``."""
    q, day = Movement.quantity, Movement.occurred_on
    inside = (day >= start) & (day <= end)
    opening = func.sum(case((day < start, q), else_=0))
    receipts = func.sum(case((inside & (q > 0), q), else_=0))
    issues = func.sum(case((inside & (q < 0), -q), else_=0))
    query = (
        select(Depot, Item, opening, receipts, issues)
        .select_from(Movement)
        .join(Item, Item.id == Movement.item_id)
        .join(Depot, Depot.id == Movement.depot_id)
        .where(day <= end)
        .group_by(Depot.id, Item.id)
        .order_by(Depot.code, Item.code)
    )
    depot_ids = _depot_ids(session, scope)
    if depot_ids is not None:
        query = query.where(Movement.depot_id.in_(depot_ids))
    if scope.category is not None:
        query = query.where(Item.category == scope.category)
    lines = []
    for d, i, o, r, s in session.execute(query):
        o, r, s = Decimal(o or 0), Decimal(r or 0), Decimal(s or 0)
        if o or r or s:
            lines.append(
                SummaryLine(
                    d.code, d.name, i.code, i.name, i.spec, i.unit, i.category, o, r, s, o + r - s
                )
            )
    return PeriodSummary(scope_name(session, scope), start, end, tuple(lines))


@dataclass(frozen=True)
class IncidentLine:
    """What an incident drew from one depot of one item, what came back and what was used."""

    depot_name: str
    item_code: str
    item_name: str
    spec: str
    unit: str
    issued: Decimal
    returned: Decimal
    written_off: Decimal

    @property
    def consumed(self) -> Decimal:
        """Issued and not returned, plus written off during the incident (净消耗)."""
        return self.issued - self.returned + self.written_off


@dataclass(frozen=True)
class IncidentAccount:
    """The account of one incident (事件物资消耗台账)."""

    name: str
    kind: str
    unit_name: str
    started_on: date
    ended_on: date | None
    place: str
    documents: tuple[str, ...]
    lines: tuple[IncidentLine, ...]


_COLUMN = {DocType.ISSUE: 0, DocType.RETURN: 1, DocType.WRITE_OFF: 2}


def incident_accounts(
    session: Session,
    incident_id: uuid.UUID | None = None,
    unit_id: uuid.UUID | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[IncidentAccount]:
    """Incidents (one, those of a unit's subtree, or all, started within the dates) with what
    their documents drew, returned and wrote off, net of reversals, by depot and item."""
    query = select(Incident).order_by(Incident.started_on, Incident.name)
    if incident_id is not None:
        query = query.where(Incident.id == incident_id)
    if unit_id is not None:
        query = query.where(Incident.unit_id.in_(descendants(session, unit_id)))
    if start is not None:
        query = query.where(Incident.started_on >= start)
    if end is not None:
        query = query.where(Incident.started_on <= end)
    return [_account(session, incident) for incident in session.scalars(query)]


def _account(session: Session, incident: Incident) -> IncidentAccount:
    docs = session.scalars(
        select(Document).where(Document.incident_id == incident.id).order_by(Document.doc_date)
    ).all()
    sums: dict[tuple[str, str], list[Decimal]] = {}
    meta: dict[tuple[str, str], tuple[str, Item]] = {}
    query = (
        select(Document.doc_type, Depot, Item, func.sum(Movement.quantity))
        .select_from(Movement)
        .join(Document, Document.id == Movement.document_id)
        .join(Depot, Depot.id == Movement.depot_id)
        .join(Item, Item.id == Movement.item_id)
        .where(Document.incident_id == incident.id, Document.doc_type.in_(list(_COLUMN)))
        .group_by(Document.doc_type, Depot.id, Item.id)
    )
    for doc_type, depot, item, total in session.execute(query):
        key = (depot.code, item.code)
        meta[key] = (depot.name, item)
        # Issues and write-offs take stock out (negative); their reversals put it back.
        net = Decimal(total) if doc_type is DocType.RETURN else -Decimal(total)
        sums.setdefault(key, [ZERO, ZERO, ZERO])[_COLUMN[doc_type]] += net
    lines = tuple(
        IncidentLine(meta[k][0], k[1], meta[k][1].name, meta[k][1].spec, meta[k][1].unit, *v)
        for k, v in sorted(sums.items())
        if any(v)
    )
    return IncidentAccount(
        incident.name,
        incident.kind.label,
        session.get_one(OrgUnit, incident.unit_id).name,
        incident.started_on,
        incident.ended_on,
        incident.place,
        tuple(d.number for d in docs),
        lines,
    )
