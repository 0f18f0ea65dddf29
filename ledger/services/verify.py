"""Verifying the ledger (台账校验): balances against movements, hash chains, immutable records.

Everything here reads; nothing is repaired. Each check returns :class:`Discrepancy` records
that name the table, the row and what is wrong in Chinese, so ``ledger verify`` and the GUI
can list them all instead of stopping at the first.

What is checked:

1. The balance cache both ways: every depot, item and lot whose movements sum to something
   has a balance row equal to that sum, and every balance row has the movements it claims.
   No balance is negative.
2. Each depot's movement chain: numbered from 1 without gaps, each link pointing at the hash
   of the one before, each hash matching the movement's content, the chain head at the end.
3. Each movement agrees with its document line (item, lot, quantity, date).
4. Posted documents and their lines still read as the audit row written when they were
   posted (they are immutable, so any difference was made behind the application's back).
5. The audit chain: each row chained to the one before, its hash matching its content, and
   the audit head at the last row.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, inspect, or_, select
from sqlalchemy.orm import Session

from ledger.core.quantity import format_quantity
from ledger.models import (
    AuditHead,
    AuditRow,
    Balance,
    ChainHead,
    Depot,
    Document,
    DocumentLine,
    Item,
    Movement,
)
from ledger.models.audit import GENESIS, plain, row_hash
from ledger.models.stock import movement_hash

ZERO = Decimal(0)
BATCH = 2000
Key = tuple[uuid.UUID, uuid.UUID, str]


@dataclass(frozen=True)
class Discrepancy:
    """One thing found wrong: its kind (a stable code), the table and row, and a Chinese detail."""

    kind: str
    table: str
    row: str
    detail: str


@dataclass(frozen=True)
class LedgerCounts:
    """What a verification looked at."""

    depots: int
    documents: int
    movements: int
    balances: int
    audit_rows: int


def verify(session: Session) -> list[Discrepancy]:
    """Run every check of the module docstring and return what disagrees (empty when sound)."""
    names = _Names(session)
    found: list[Discrepancy] = []
    found += check_balances(session, names)
    found += check_movement_chains(session, names)
    found += check_movement_lines(session)
    found += check_posted_records(session)
    found += check_audit_chain(session)
    return found


def counts(session: Session) -> LedgerCounts:
    """How many depots, documents, movements, balance rows and audit rows there are."""

    def count(model: Any) -> int:
        return session.scalar(select(func.count()).select_from(model)) or 0

    return LedgerCounts(
        count(Depot), count(Document), count(Movement), count(Balance), count(AuditRow)
    )


class _Names:
    """Depot and item names for messages, loaded once."""

    def __init__(self, session: Session) -> None:
        self.depots: dict[uuid.UUID, str] = {
            row.id: row.name for row in session.execute(select(Depot.id, Depot.name))
        }
        self.items: dict[uuid.UUID, tuple[str, str]] = {
            row.id: (row.name, row.unit)
            for row in session.execute(select(Item.id, Item.name, Item.unit))
        }

    def depot(self, depot_id: uuid.UUID) -> str:
        return self.depots.get(depot_id, str(depot_id))

    def key(self, key: Key) -> str:
        depot_id, item_id, lot = key
        item = self.items.get(item_id, (str(item_id), ""))[0]
        return f"{self.depot(depot_id)} {item}（批次 {lot or '无'}）"

    def qty(self, item_id: uuid.UUID, value: Decimal) -> str:
        return format_quantity(value, self.items.get(item_id, ("", ""))[1])


# --- 1. balances ------------------------------------------------------------------------


def check_balances(session: Session, names: _Names | None = None) -> list[Discrepancy]:
    """Compare the balance cache with the sums of movements, both ways (check 1)."""
    names = names or _Names(session)
    sums: dict[Key, Decimal] = {
        (d, i, lot): total
        for d, i, lot, total in session.execute(
            select(
                Movement.depot_id, Movement.item_id, Movement.lot, func.sum(Movement.quantity)
            ).group_by(Movement.depot_id, Movement.item_id, Movement.lot)
        )
    }
    found: list[Discrepancy] = []
    seen: set[Key] = set()
    for row in session.execute(
        select(Balance.id, Balance.depot_id, Balance.item_id, Balance.lot, Balance.quantity)
    ):
        key = (row.depot_id, row.item_id, row.lot)
        seen.add(key)
        expected = sums.get(key)
        where = names.key(key)
        if expected is None and row.quantity != ZERO:
            found.append(
                Discrepancy(
                    "balance_orphan",
                    "balances",
                    str(row.id),
                    f"{where}：库存表有 {names.qty(row.item_id, row.quantity)}，但没有任何流水",
                )
            )
        elif expected is not None and expected != row.quantity:
            found.append(
                Discrepancy(
                    "balance_differs",
                    "balances",
                    str(row.id),
                    f"{where}：库存表为 {names.qty(row.item_id, row.quantity)}，"
                    f"流水合计为 {names.qty(row.item_id, expected)}",
                )
            )
        if row.quantity < ZERO:
            found.append(
                Discrepancy(
                    "balance_negative",
                    "balances",
                    str(row.id),
                    f"{where}：库存为负数（{names.qty(row.item_id, row.quantity)}）",
                )
            )
    for key, total in sums.items():
        if key not in seen and total != ZERO:
            found.append(
                Discrepancy(
                    "balance_missing",
                    "balances",
                    names.key(key),
                    f"{names.key(key)}：流水合计为 {names.qty(key[1], total)}，库存表中没有这一行",
                )
            )
    return found


# --- 2. movement chains -----------------------------------------------------------------


def check_movement_chains(session: Session, names: _Names | None = None) -> list[Discrepancy]:
    """Walk each depot's movement chain from its first link to its head (check 2)."""
    names = names or _Names(session)
    heads = {h.depot_id: h for h in session.scalars(select(ChainHead))}
    found: list[Discrepancy] = []
    ends: dict[uuid.UUID, tuple[int, str]] = {}
    depot_id: uuid.UUID | None = None
    expected_seq, prev = 1, GENESIS
    for m in _stream(session, select(Movement).order_by(Movement.depot_id, Movement.seq)):
        if m.depot_id != depot_id:
            if depot_id is not None:
                ends[depot_id] = (expected_seq - 1, prev)
            depot_id, expected_seq, prev = m.depot_id, 1, GENESIS
        found += _check_link(m, expected_seq, prev, names.depot(m.depot_id))
        expected_seq, prev = m.seq + 1, m.hash
    if depot_id is not None:
        ends[depot_id] = (expected_seq - 1, prev)
    for depot in sorted(set(heads) | set(ends), key=str):
        found += _check_head(depot, heads.get(depot), ends.get(depot, (0, GENESIS)), names)
    return found


def _check_link(m: Movement, expected_seq: int, prev: str, depot: str) -> list[Discrepancy]:
    found = []
    if m.seq != expected_seq:
        missing = f"第 {expected_seq} 条"
        if m.seq > expected_seq + 1:
            missing = f"第 {expected_seq}–{m.seq - 1} 条"
        found.append(
            Discrepancy("chain_gap", "movements", str(m.id), f"{depot}的流水链缺少{missing}")
        )
    elif m.prev_hash != prev:
        found.append(
            Discrepancy(
                "chain_link",
                "movements",
                str(m.id),
                f"{depot}第 {m.seq} 条流水与前一条衔接不上（前一条被改动或删除）",
            )
        )
    if movement_hash(m.prev_hash, m) != m.hash:
        found.append(
            Discrepancy(
                "chain_hash",
                "movements",
                str(m.id),
                f"{depot}第 {m.seq} 条流水的内容与校验值不符（被直接改动过）",
            )
        )
    return found


def _check_head(
    depot_id: uuid.UUID, head: ChainHead | None, end: tuple[int, str], names: _Names
) -> list[Discrepancy]:
    seq, last_hash = end
    if head is None:
        if seq == 0:
            return []
        detail = f"{names.depot(depot_id)}有 {seq} 条流水，但没有链头"
        return [Discrepancy("chain_head", "chain_heads", str(depot_id), detail)]
    if head.seq != seq or head.hash != last_hash:
        detail = (
            f"{names.depot(depot_id)}的流水链头记录到第 {head.seq} 条，实际最后一条是第 {seq} 条"
            if head.seq != seq
            else f"{names.depot(depot_id)}的流水链头与最后一条流水不符"
        )
        return [Discrepancy("chain_head", "chain_heads", str(depot_id), detail)]
    return []


# --- 3. movements against their lines ---------------------------------------------------


def check_movement_lines(session: Session) -> list[Discrepancy]:
    """Each movement matches its line's item, lot and quantity and its document's date."""
    query = (
        select(Movement.id, Movement.seq, Document.number)
        .join(DocumentLine, DocumentLine.id == Movement.line_id)
        .join(Document, Document.id == Movement.document_id)
        .where(
            or_(
                DocumentLine.document_id != Movement.document_id,
                DocumentLine.item_id != Movement.item_id,
                DocumentLine.lot != Movement.lot,
                func.abs(Movement.quantity) != DocumentLine.quantity,
                Document.doc_date != Movement.occurred_on,
            )
        )
    )
    return [
        Discrepancy(
            "movement_line",
            "movements",
            str(row.id),
            f"单据 {row.number} 的流水与单据明细不一致（物资、批次、数量或日期）",
        )
        for row in session.execute(query)
    ]


# --- 4. posted records against their audit rows -----------------------------------------


def check_posted_records(session: Session) -> list[Discrepancy]:
    """Documents and lines still read as when they were posted (check 4)."""
    found: list[Discrepancy] = []
    for model, table in ((Document, "documents"), (DocumentLine, "document_lines")):
        posted = {
            row.row_id: row.after
            for row in _stream(
                session,
                select(AuditRow).where(AuditRow.table == table, AuditRow.action == "insert"),
            )
        }
        for record in _stream(session, select(model)):
            found += _compare_posted(table, record, posted.get(record.id))
    return found


def _compare_posted(table: str, record: Any, after: dict[str, Any] | None) -> list[Discrepancy]:
    what = f"单据 {record.number}" if table == "documents" else f"单据明细第 {record.line_no} 行"
    if after is None:
        detail = f"{what}没有过账时的审计记录"
        return [Discrepancy("record_unaudited", table, str(record.id), detail)]
    mapper = inspect(record).mapper
    changed = [
        attr.key
        for attr in mapper.column_attrs
        if attr.key in after and plain(getattr(record, attr.key)) != after[attr.key]
    ]
    if not changed:
        return []
    detail = f"{what}与过账时的记录不同（字段：{'、'.join(changed)}）"
    return [Discrepancy("record_changed", table, str(record.id), detail)]


# --- 5. audit chain ---------------------------------------------------------------------


def check_audit_chain(session: Session) -> list[Discrepancy]:
    """Walk the audit chain from its first row to its head (check 5)."""
    found: list[Discrepancy] = []
    prev = GENESIS
    for row in _stream(session, select(AuditRow).order_by(AuditRow.id)):
        if row.prev_hash != prev:
            found.append(
                Discrepancy(
                    "audit_link",
                    "audit",
                    str(row.id),
                    f"审计记录 {row.id} 与前一条衔接不上（前一条被改动或删除）",
                )
            )
        if row_hash(row.prev_hash, row) != row.hash:
            found.append(
                Discrepancy(
                    "audit_hash",
                    "audit",
                    str(row.id),
                    f"审计记录 {row.id}（{row.table}）的内容与校验值不符（被直接改动过）",
                )
            )
        prev = row.hash
    head = session.get(AuditHead, 1)
    head_hash = head.hash if head else GENESIS
    if head_hash != prev:
        found.append(
            Discrepancy(
                "audit_head", "audit_head", "1", "审计链头与最后一条审计记录不符（末尾记录被删除）"
            )
        )
    return found


def _stream(session: Session, query: Any) -> Iterator[Any]:
    """ORM rows in batches, expunged once read so memory stays flat on large ledgers."""
    result = session.scalars(query.execution_options(yield_per=BATCH))
    for batch in result.partitions():
        yield from batch
        _forget(session, batch)


def _forget(session: Session, rows: Iterable[Any]) -> None:
    for row in rows:
        if row in session:
            session.expunge(row)
