"""Checks 7–9 of ``ledger verify``: lines without their movements, gaps in document numbers,
records changed, added or deleted without their audit rows.

These find what the chains alone cannot: a depot's newest movement deleted with its chain
head moved back and its balance fixed, a document deleted with its counter lowered, a user's
role or a member's ID number changed in the sqlite3 shell.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from ledger.core.enums import DocType
from ledger.models import AuditRow, Base, Depot, DocCounter, Document, DocumentLine, Movement
from ledger.models.audit import UNAUDITED, plain
from ledger.models.exchange import Transit
from ledger.models.personal import EncryptedText, seal
from ledger.services.verify.rows import Discrepancy, Reader, raw, stream

#: A document number's series, year and running number at its end (``K01-CK-2026-00012``).
NUMBER = re.compile(r"(?:^|-)([A-Z]{2,4})-(\d{4})-(\d+)$")
#: Records checked by check 4 (documents and lines, compared with their insert row as they
#: stream by) are not folded into memory here.
POSTED = frozenset({"documents", "document_lines"})
#: Columns an update changes without an audit row (see ``ledger.models.audit._changed``).
UNTRACKED = frozenset({"updated_at"})
ZERO = Decimal(0)
#: Shown at most per kind of finding in one table (the count is always given).
SHOWN = 200


# --- 7. every posted line has its movements ---------------------------------------------


def check_line_movements(session: Session) -> list[Discrepancy]:
    """Each line has as many movements as its posting wrote (check 7).

    One per line; two per transfer line (out of one depot, into the other), one when the
    transfer went to another office's depot (在途); a stocktake line one when it found a
    difference (its quantity) and none when the count agreed. A reversal (红冲) has the same
    type, destination and lines as what it reverses, so the same rule holds for it.
    """
    moves = select(Movement.line_id, func.count().label("n")).group_by(Movement.line_id).subquery()
    reversed_doc = aliased(Document)
    in_transit = select(Transit.transfer_document_id)
    transit = or_(Document.id.in_(in_transit), reversed_doc.id.in_(in_transit))
    expected = case(
        (
            Document.doc_type == DocType.STOCKTAKE,
            case((DocumentLine.quantity == ZERO, 0), else_=1),
        ),
        (Document.dest_depot_id.is_not(None), case((transit, 1), else_=2)),
        else_=1,
    )
    n = func.coalesce(moves.c.n, 0)
    query = (
        select(DocumentLine.id, DocumentLine.line_no, Document.number, expected, n)
        .join(Document, Document.id == DocumentLine.document_id)
        .outerjoin(reversed_doc, reversed_doc.id == Document.reverses_id)
        .outerjoin(moves, moves.c.line_id == DocumentLine.id)
        .where(n != expected)
    )
    found = []
    for ident, line_no, number, wanted, actual in session.execute(query):
        detail = (
            f"单据 {number} 第 {line_no} 行应有 {wanted} 条出入库流水，"
            f"实际有 {actual} 条（流水被删除或添加过）"
        )
        found.append(Discrepancy("line_movements", "document_lines", str(ident), detail))
    return found


# --- 8. document numbers without gaps ---------------------------------------------------


def check_numbers(session: Session) -> list[Discrepancy]:
    """Each counter's numbers are all used once, none missing and none beyond it (check 8).

    Counters are kept per depot, series (RK, CK … HC) and year; documents another office
    numbered (received in its packages) have no counter here and are not judged.
    """
    used: dict[tuple[uuid.UUID, str, int], list[int]] = defaultdict(list)
    for depot_id, number in session.execute(select(Document.depot_id, Document.number)):
        match = NUMBER.search(number or "")
        if match:
            used[(depot_id, match[1], int(match[2]))].append(int(match[3]))
    names = {i: n for i, n in session.execute(select(Depot.id, Depot.name))}
    found = []
    for depot_id, series, year, last in session.execute(
        select(DocCounter.depot_id, DocCounter.series, DocCounter.year, DocCounter.last)
    ):
        numbers = used.get((depot_id, series, year), [])
        where = f"{names.get(depot_id, str(depot_id))} {series} {year} 年"
        row = f"{depot_id} {series} {year}"
        missing = sorted(set(range(1, last + 1)) - set(numbers))
        if missing:
            detail = f"{where}的单据编号缺少 {_runs(missing)}（计数器已到 {last}，单据被删除过）"
            found.append(Discrepancy("number_gap", "documents", row, detail))
        beyond = sorted(n for n in set(numbers) if n > last)
        if beyond:
            detail = f"{where}的单据编号 {_runs(beyond)} 超过了计数器（{last}），计数器被改动过"
            found.append(Discrepancy("number_beyond", "doc_counters", row, detail))
        twice = (
            sorted(n for n in set(numbers) if numbers.count(n) > 1)
            if len(numbers) > len(set(numbers))
            else []
        )
        if twice:
            detail = f"{where}的单据编号 {_runs(twice)} 被用了不止一次"
            found.append(Discrepancy("number_twice", "documents", row, detail))
    return found


def _runs(numbers: list[int]) -> str:
    """``[3, 4, 5, 9]`` as ``第 3–5、9 号``."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    parts = [f"{a}" if a == b else f"{a}–{b}" for a, b in runs[:20]]
    more = "等" if len(runs) > 20 else ""
    return f"第 {'、'.join(parts)}{more} 号"


# --- 9. every record as its audit rows leave it -----------------------------------------


def check_records(session: Session) -> list[Discrepancy]:
    """Every audited record exists as its last audit row leaves it (check 9).

    The audit rows of each table (except documents and lines, see check 4) are folded in id
    order into each record's state: an insert's values, then each update's, then gone on a
    delete. Every current record must then have a state (else it was added behind the
    application's back), equal it in every column the audit shows (else it was changed), and
    every state must still have its record (else it was deleted). Secret columns are only
    shown as set or not (``***``): a password hash replaced by another is not seen here.
    """
    tables = _audited_tables()
    states: dict[str, dict[str, dict[str, Any] | None]] = {t: {} for t in tables}
    query = (
        select(AuditRow.table, AuditRow.action, raw(AuditRow.row_id), AuditRow.after)
        .where(AuditRow.table.in_(list(tables)))
        .order_by(AuditRow.id)
    )
    ident = Reader(session.get_bind().dialect, AuditRow.__table__.c.row_id, remember=False)
    for table, action, row_id, after in stream(session, query):
        if row_id is None:
            continue
        key = str(ident(row_id))
        held = states[table]
        if action == "delete":
            held[key] = None
        elif action == "insert" or held.get(key) is None:
            held[key] = dict(after or {})
        else:
            state = held[key]
            assert state is not None
            state.update(after or {})
    found: list[Discrepancy] = []
    for name, tbl in tables.items():
        found += _compare_table(session, name, tbl, states[name])
    found += _posted_deleted(session)
    return found


def _audited_tables() -> dict[str, Table]:
    return {
        t.name: t
        for t in Base.metadata.sorted_tables
        if t.name not in UNAUDITED and t.name not in POSTED and "id" in t.c
    }


def _compare_table(
    session: Session, name: str, tbl: Table, states: dict[str, dict[str, Any] | None]
) -> list[Discrepancy]:
    dialect = session.get_bind().dialect
    columns = list(tbl.columns)
    readers = [Reader(dialect, c, plain, remember=c.name != "id") for c in columns]
    sealed = {c.name for c in columns if isinstance(c.type, EncryptedText)}
    label = _label(name)
    added: list[tuple[str, str]] = []
    changed: list[tuple[str, str, list[str]]] = []
    seen: set[str] = set()
    query = select(*(raw(c) for c in columns))
    for row in stream(session, query):
        record = {
            c.name: read(row[i]) for i, (c, read) in enumerate(zip(columns, readers, strict=True))
        }
        key = str(record["id"])
        seen.add(key)
        state = states.get(key)
        if state is None:
            added.append((key, _named(label, key, record)))
            continue
        differs = [
            column
            for column, value in record.items()
            if column in state
            and column not in UNTRACKED
            and not _same(value, state[column])
            and not (column in sealed and _same(seal(dialect, value or ""), state[column]))
        ]
        if differs:
            changed.append((key, _named(label, key, state), differs))
    found = [
        Discrepancy(
            "record_unaudited",
            name,
            key,
            f"{what}没有新增时的审计记录（被直接写入数据库）",
        )
        for key, what in added[:SHOWN]
    ]
    found += [
        Discrepancy(
            "record_changed",
            name,
            key,
            f"{what}与最后一条审计记录不同（字段：{'、'.join(columns)}）",
        )
        for key, what, columns in changed[:SHOWN]
    ]
    gone = [
        (key, _named(label, key, state))
        for key, state in states.items()
        if state is not None and key not in seen
    ]
    found += [
        Discrepancy(
            "record_deleted",
            name,
            key,
            f"{what}已不在数据库中，但没有删除的审计记录",
        )
        for key, what in gone[:SHOWN]
    ]
    return found


def _named(label: str, key: str, values: dict[str, Any]) -> str:
    """``队员“李四”`` (by name, user name or code), else ``队员（编号 1a2b3c4d）``."""
    for column in ("name", "username", "code", "number"):
        value = values.get(column)
        if isinstance(value, str) and value:
            return f"{label}“{value[:40]}”"
    if values.get("last_day"):
        return f"{label}（截至 {values['last_day']}，编号 {key[:8]}）"
    return f"{label}（编号 {key[:8]}）"


def _same(current: Any, audited: Any) -> bool:
    if audited == "***":  # a secret: only whether it is set is shown
        return bool(current)
    return bool(current == audited)


def _posted_deleted(session: Session) -> list[Discrepancy]:
    """Documents and lines posted (an insert audit row) that are no longer there."""
    found = []
    for model, name in ((Document, "documents"), (DocumentLine, "document_lines")):
        later = aliased(AuditRow)
        query = (
            select(AuditRow.row_id, AuditRow.after)
            .outerjoin(model, model.id == AuditRow.row_id)
            .outerjoin(
                later,
                and_(
                    later.table == name,
                    later.action == "delete",
                    later.row_id == AuditRow.row_id,
                ),
            )
            .where(
                AuditRow.table == name,
                AuditRow.action == "insert",
                model.id.is_(None),
                later.id.is_(None),
            )
        )
        for row_id, after in session.execute(query):
            after = after or {}
            what = (
                f"单据 {after.get('number', '')}"
                if name == "documents"
                else f"单据明细第 {after.get('line_no', '')} 行"
            )
            detail = f"{what}已不在数据库中（过账后的单据不能删除，是被直接删除的）"
            found.append(Discrepancy("record_deleted", name, str(row_id), detail))
    return found


def _label(table: str) -> str:
    """A table's records named in Chinese (the exchange registry's names, then our own)."""
    from ledger.services.exchange import registry

    named = registry.label(table)
    return named if named != table else _OWN_LABELS.get(table, table)


_OWN_LABELS = {
    "users": "用户账号",
    "user_units": "用户的单位权限",
    "user_depots": "用户的仓库权限",
    "period_closes": "结账记录",
    "closing_balances": "期末结存",
}
