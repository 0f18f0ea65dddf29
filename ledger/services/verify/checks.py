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
6. Each month or year close (月结/年结) still holds the balances and chain link that the
   movements give at its cut-off (:func:`ledger.services.closing.periods.check_closes`).
7. Every posted line has its movements; 8. document numbers have no gaps against their
   counters; 9. every audited record exists as its last audit row leaves it
   (:mod:`ledger.services.verify.records`).
10. Each signed checkpoint of this office (:mod:`ledger.services.closing.checkpoints`) is signed by
    its key, and the heads it signed are still on their chains.

It scales to millions of movements: every check is one query (one ``GROUP BY`` for the
balances, one ordered pass per chain, one outer join of records with their audit rows),
read as plain rows in batches, never as ORM objects.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ledger.core.quantity import format_quantity
from ledger.models import (
    AuditRow,
    Balance,
    ChainHead,
    Depot,
    Document,
    DocumentLine,
    Item,
    Movement,
)
from ledger.models.audit import GENESIS
from ledger.models.stock import movement_hash
from ledger.services.closing import checkpoints, periods
from ledger.services.common.snapshot import one_snapshot
from ledger.services.verify.audit import AuditPass
from ledger.services.verify.records import check_line_movements, check_numbers, check_records
from ledger.services.verify.rows import (
    FAST_LINKS,
    Discrepancy,
    Reader,
    day_text,
    link_hash,
    quantity_text,
    raw,
    stream,
    text,
    time_text,
)

ZERO = Decimal(0)
Key = tuple[uuid.UUID, uuid.UUID, str]


@dataclass(frozen=True)
class LedgerCounts:
    """What a verification looked at."""

    depots: int
    documents: int
    movements: int
    balances: int
    audit_rows: int


#: The checks as a progress report names them, in the order :func:`verify` runs them.
STEPS = (
    "库存余额",
    "流水哈希链",
    "单据与流水",
    "审计记录",
    "月结",
    "行与流水、编号与记录",
    "签名检查点",
)


def verify(
    session: Session, progress: Callable[[int, int, str], None] | None = None
) -> list[Discrepancy]:
    """Run every check of the module docstring and return what disagrees (empty when sound);
    ``progress`` is told (checks done, checks in all, the next check's name) as it goes."""

    def step(number: int) -> None:
        if progress is not None:
            progress(number, len(STEPS), STEPS[number] if number < len(STEPS) else "")

    one_snapshot(session)  # on a server that others write to, every check sees the same state
    names = _Names(session)
    found: list[Discrepancy] = []
    step(0)
    found += check_balances(session, names)
    step(1)
    found += check_movement_chains(session, names)
    step(2)
    found += check_movement_lines(session)
    step(3)
    posted, chain = AuditPass(session, posted=True, chain=True).run()
    found += posted
    found += chain
    step(4)
    found += check_period_closes(session)
    step(5)
    found += check_line_movements(session)
    found += check_numbers(session)
    found += check_records(session)
    step(6)
    found += checkpoints.check(session)
    step(7)
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
    """Walk each depot's movement chain from its first link to its head (check 2).

    One pass over the movements in chain order, as raw rows (no ORM objects), streamed; a
    link that looks wrong is read again whole and judged by ``movement_hash`` itself.
    """
    names = names or _Names(session)
    dialect = session.get_bind().dialect
    heads = {h.depot_id: h for h in session.execute(select(*_HEAD_COLUMNS))}
    found: list[Discrepancy] = []
    ends: dict[uuid.UUID, tuple[int, str]] = {}
    depot_id: uuid.UUID | None = None
    expected_seq, prev, depot, depot_text = 1, GENESIS, "", ""
    read = {key: Reader(dialect, Movement.__table__.c[key], form, remember=key != "line_id")
            for key, form in _LINK_FORMS}  # fmt: skip
    whole_id = Reader(dialect, Movement.__table__.c.id, remember=False)
    item, expiry, quantity = read["item_id"], read["expiry"], read["quantity"]
    day, posted, document, line = (read[k] for k in ("occurred_on", "posted_at", "document_id",
                                                     "line_id"))  # fmt: skip
    query = select(*(raw(c) for c in _MOVE_COLUMNS)).order_by(Movement.depot_id, Movement.seq)
    for m in stream(session, query):
        ident, depot_raw, seq, item_id, lot, exp, qty, on, at, doc, line_id, prev_hash, hashed = m
        this = read["depot_id"](depot_raw)
        if this != depot_id:
            if depot_id is not None:
                ends[depot_id] = (expected_seq - 1, prev)
            depot_id, expected_seq, prev = this, 1, GENESIS
            depot, depot_text = names.depot(this), str(this)
        texts = (str(seq), depot_text, item(item_id), lot, expiry(exp), quantity(qty), day(on),
                 posted(at), document(doc), line(line_id))  # fmt: skip
        sound = FAST_LINKS and link_hash(prev_hash, texts) == hashed
        if seq != expected_seq or prev_hash != prev or not sound:
            whole = select(*_MOVE_COLUMNS).where(Movement.id == whole_id(ident))
            found += _check_link(session.execute(whole).one(), expected_seq, prev, depot)
        expected_seq, prev = seq + 1, hashed
    if depot_id is not None:
        ends[depot_id] = (expected_seq - 1, prev)
    for key in sorted(set(heads) | set(ends), key=str):
        found += _check_head(key, heads.get(key), ends.get(key, (0, GENESIS)), names)
    return found


_MOVE_COLUMNS = (
    Movement.id,
    Movement.depot_id,
    Movement.seq,
    Movement.item_id,
    Movement.lot,
    Movement.expiry,
    Movement.quantity,
    Movement.occurred_on,
    Movement.posted_at,
    Movement.document_id,
    Movement.line_id,
    Movement.prev_hash,
    Movement.hash,
)
_LINK_FORMS = (
    ("depot_id", None),
    ("item_id", text),
    ("expiry", day_text),
    ("quantity", quantity_text),
    ("occurred_on", day_text),
    ("posted_at", time_text),
    ("document_id", text),
    ("line_id", text),
)
_HEAD_COLUMNS = (ChainHead.depot_id, ChainHead.seq, ChainHead.hash)


def _check_link(m: Any, expected_seq: int, prev: str, depot: str) -> list[Discrepancy]:
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
    depot_id: uuid.UUID, head: Any, end: tuple[int, str], names: _Names
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
    return AuditPass(session, posted=True, chain=False).run()[0]


# --- 5. audit chain (with check 4 in the same pass) -------------------------------------


def check_audit_chain(session: Session) -> list[Discrepancy]:
    """Walk the audit chain from its first row to its head (check 5)."""
    return AuditPass(session, posted=False, chain=True).run()[1]


# --- 6. period closes -------------------------------------------------------------------


def check_period_closes(session: Session) -> list[Discrepancy]:
    """Each close's stored balances and chain link against the movements (check 6)."""
    return [
        Discrepancy(
            "period_close",
            "period_closes",
            f"{problem.depot_name} {problem.period}",
            f"{problem.depot_name}{problem.period}的结账记录：{problem.detail}",
        )
        for problem in periods.check_closes(session)
    ]
