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
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.attributes import set_committed_value

from ledger.core.actor import Actor
from ledger.core.enums import DocType
from ledger.core.errors import EmptyDocument, InvalidValue, NonPositiveQuantity, UnknownRecord
from ledger.core.quantity import to_decimal
from ledger.models import (
    AuditHead,
    AuditRow,
    Balance,
    ChainHead,
    Counterparty,
    Depot,
    Document,
    DocumentLine,
    Incident,
    Item,
    Movement,
    utcnow,
)
from ledger.models.audit import GENESIS, plain, row_hash
from ledger.models.periods import PeriodClose
from ledger.models.stock import movement_hash
from ledger.services import periods, permissions, rules
from ledger.services.posting import atomic, lock_depots, next_number
from ledger.services.stock import DocumentInput, Posted

ZERO = Decimal(0)
#: Rows per executemany batch (and per progress report).
CHUNK = 5000
#: Values per IN list: below SQLite's and PostgreSQL's limits on bound parameters.
IN_CHUNK = 500

Key = tuple[uuid.UUID, uuid.UUID, str]
Report = Callable[[int, int], None]

_LINES = cast(Table, DocumentLine.__table__)
_MOVES = cast(Table, Movement.__table__)
_BALANCES = cast(Table, Balance.__table__)
_HEADS = cast(Table, ChainHead.__table__)
_AUDIT = cast(Table, AuditRow.__table__)
_AUDIT_HEAD = cast(Table, AuditHead.__table__)
_LINE_KEYS = [c.key for c in _LINES.columns]
_AUDIT_KEYS = [c.key for c in _AUDIT.columns if c.key != "id"]
_UPDATE_BALANCE = (
    update(_BALANCES)
    .where(_BALANCES.c.id == bindparam("b_id"))
    .values(quantity=bindparam("b_quantity"), expiry=bindparam("b_expiry"))
)
_REVERSAL = aliased(Document)


@dataclass
class _Bal:
    """A balance row as the bulk posting keeps it: stored already or new."""

    id: uuid.UUID
    quantity: Decimal
    expiry: date | None
    new: bool = False
    changed: bool = False


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

    Reversed stocktakes and reversals do not count, as in :func:`rules.last_stocktake`.
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
    heads = lock_depots(session, depot_ids)
    dates = _Dates(session, depot_ids, min(e.doc_date for e in entries))
    checked = []
    for entry in entries:  # entry by entry, so the first refusal is the one posting would raise
        one = _check_entry(session, actor, entry, depots, items)
        dates.check(session, one)
        checked.append(one)
    heads = {d: heads[d] for d in {c.depot_id for c in checked}}
    balances = _balances(session, set(heads))
    _build_documents(session, actor, checked)
    session.add_all([c.document for c in checked if c.document is not None])
    session.flush()  # documents (audited, guarded) and new chain heads
    _write_lines(session, checked, balances, heads, report)
    _write_balances(session, balances)
    for head in heads.values():
        session.connection().execute(
            update(_HEADS).where(_HEADS.c.depot_id == head.depot_id),
            {"seq": head.seq, "hash": head.hash},
        )
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
        quantity = to_decimal(line.quantity, what=f"第{number}行数量")
        if quantity <= ZERO:
            raise NonPositiveQuantity(line=number, item=item.name, quantity=quantity)
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
            periods.ensure_open(session, c.depot_id, on)  # raises PeriodClosed, worded as ever
        if c.entry.incident_id is not None and session.get(Incident, c.entry.incident_id) is None:
            raise UnknownRecord(kind="事件", key=str(c.entry.incident_id))
        for pair in sorted({(c.depot_id, item) for item in c.items}):
            if self.counted.get(pair, date.min) > on:
                rules.check_after_stocktake(session, {pair}, on)  # raises BeforeStocktake


def _balances(session: Session, depot_ids: set[uuid.UUID]) -> dict[Key, _Bal]:
    """Every balance row of the depots, locked as posting locks the rows it changes."""
    found: dict[Key, _Bal] = {}
    for part in _parts(sorted(depot_ids)):
        query = (
            select(_BALANCES.c.id, _BALANCES.c.depot_id, _BALANCES.c.item_id, _BALANCES.c.lot,
                   _BALANCES.c.quantity, _BALANCES.c.expiry)
            .where(_BALANCES.c.depot_id.in_(part))
            .with_for_update()
        )  # fmt: skip
        for row in session.execute(query):
            found[(row.depot_id, row.item_id, row.lot)] = _Bal(row.id, row.quantity, row.expiry)
    return found


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


class _Writer:
    """Lines with their audit rows, and movements, gathered and inserted in batches."""

    def __init__(self, session: Session, heads: dict[uuid.UUID, ChainHead]) -> None:
        self.conn = session.connection()
        self.actor = str(session.info.get("actor", "system"))
        self.at = utcnow()
        self.heads = {d: [h.seq, h.hash] for d, h in heads.items()}
        self.prev = self.conn.execute(
            select(_AUDIT_HEAD.c.hash).where(_AUDIT_HEAD.c.id == 1).with_for_update()
        ).scalar()
        self.had_head = self.prev is not None
        self.prev = self.prev or GENESIS
        self.lines: list[dict[str, Any]] = []
        self.audit: list[dict[str, Any]] = []
        self.moves: list[dict[str, Any]] = []

    def add(self, line: dict[str, Any], document: Document) -> None:
        after = {key: plain(line[key]) for key in _LINE_KEYS}
        entry = SimpleNamespace(at=self.at, actor=self.actor, action="insert",
                                table="document_lines", row_id=line["id"], before=None,
                                after=after, prev_hash=self.prev)  # fmt: skip
        entry.hash = self.prev = row_hash(self.prev, cast(AuditRow, entry))
        self.audit.append({key: getattr(entry, key) for key in _AUDIT_KEYS})
        self.lines.append(line)
        head = self.heads[document.depot_id]
        move = {"id": uuid.uuid4(), "document_id": document.id, "line_id": line["id"],
                "depot_id": document.depot_id, "item_id": line["item_id"], "lot": line["lot"],
                "expiry": line["expiry"], "quantity": line["quantity"],
                "occurred_on": document.doc_date, "posted_at": document.posted_at,
                "seq": head[0] + 1, "prev_hash": head[1]}  # fmt: skip
        move["hash"] = movement_hash(head[1], cast(Movement, SimpleNamespace(**move)))
        head[0], head[1] = move["seq"], move["hash"]
        self.moves.append(move)

    def flush(self) -> None:
        if self.lines:
            self.conn.execute(insert(_LINES), self.lines)
            self.conn.execute(insert(_AUDIT), self.audit)
            self.conn.execute(insert(_MOVES), self.moves)
        self.lines, self.audit, self.moves = [], [], []

    def close(self) -> None:
        self.flush()
        if self.had_head:
            self.conn.execute(update(_AUDIT_HEAD).where(_AUDIT_HEAD.c.id == 1), {"hash": self.prev})
        else:
            self.conn.execute(insert(_AUDIT_HEAD).values(id=1, hash=self.prev))


def _write_lines(
    session: Session,
    checked: list[_Entry],
    balances: dict[Key, _Bal],
    heads: dict[uuid.UUID, ChainHead],
    report: Report | None,
) -> None:
    """Insert every line, its audit row and its movement; move the balances and heads on."""
    writer = _Writer(session, heads)
    total, done = sum(len(c.items) for c in checked), 0
    for c in checked:
        document = cast(Document, c.document)
        deltas: list[tuple[Key, Decimal, date | None]] = []
        for number, line_in in enumerate(c.entry.lines, start=1):
            lot = line_in.lot.strip()
            key = (c.depot_id, c.items[number - 1], lot)
            known = balances.get(key)
            # as posting: the expiry of a lot already in stock when the line gives none
            expiry = line_in.expiry or (known.expiry if known else None)
            line = {"id": uuid.uuid4(), "document_id": document.id, "line_no": number,
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
            _apply(balances, key, quantity, expiry)
    writer.close()
    for depot_id, (seq, link) in writer.heads.items():
        set_committed_value(heads[depot_id], "seq", seq)
        set_committed_value(heads[depot_id], "hash", link)
    if report is not None:
        report(total, total)


def _apply(balances: dict[Key, _Bal], key: Key, quantity: Decimal, expiry: date | None) -> None:
    row = balances.get(key)
    if row is None:
        balances[key] = _Bal(uuid.uuid4(), quantity, expiry, new=True)
        return
    row.quantity += quantity
    row.expiry = row.expiry if row.expiry is not None else expiry
    row.changed = not row.new


def _write_balances(session: Session, balances: dict[Key, _Bal]) -> None:
    """Insert the new balance rows, update the changed ones, and keep loaded ones in step."""
    conn = session.connection()
    for obj in list(session.identity_map.values()):
        if not isinstance(obj, Balance):
            continue
        found = balances.get((obj.depot_id, obj.item_id, obj.lot))
        if found is not None and found.changed:
            set_committed_value(obj, "quantity", found.quantity)
            set_committed_value(obj, "expiry", found.expiry)
    new = [
        {"id": b.id, "depot_id": k[0], "item_id": k[1], "lot": k[2], "expiry": b.expiry,
         "quantity": b.quantity}
        for k, b in balances.items()
        if b.new
    ]  # fmt: skip
    changed = [
        {"b_id": b.id, "b_quantity": b.quantity, "b_expiry": b.expiry}
        for b in balances.values()
        if b.changed
    ]
    for start in range(0, len(new), CHUNK):
        conn.execute(insert(_BALANCES), new[start : start + CHUNK])
    for start in range(0, len(changed), CHUNK):
        conn.execute(_UPDATE_BALANCE, changed[start : start + CHUNK])
