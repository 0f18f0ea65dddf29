"""Checks 4 and 5 of ``ledger verify`` (posted records, audit chain) in one audit pass."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, inspect, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from ledger.models import AuditHead, AuditRow, Document, DocumentLine
from ledger.models.audit import GENESIS, plain, row_hash
from ledger.services.verify.rows import (
    FAST_AUDIT,
    Discrepancy,
    Reader,
    audit_hash,
    raw,
    stream,
    text,
    time_text,
)


def _unaudited(session: Session, model: Any, table: str) -> list[Discrepancy]:
    """Records of ``table`` without an ``insert`` audit row (one anti-join)."""
    dialect = session.get_bind().dialect
    readers = _readers(dialect, model)
    audited = select(AuditRow.id).where(
        AuditRow.table == table, AuditRow.action == "insert", AuditRow.row_id == model.id
    )
    query = select(*(raw(c) for _, c in _attrs(model))).where(~audited.exists())
    return [
        d
        for row in session.execute(query)
        for d in _compare_posted(table, _record(readers, row), None)
    ]


def _attrs(model: Any) -> list[tuple[str, Any]]:
    return [(a.key, a.columns[0]) for a in inspect(model).column_attrs]


def _readers(dialect: Any, model: Any) -> list[tuple[str, Reader]]:
    return [(k, Reader(dialect, c, plain, remember=k != "id")) for k, c in _attrs(model)]


def _record(readers: list[tuple[str, Reader]], row: Any, start: int = 0) -> dict[str, Any]:
    return {key: read(row[start + i]) for i, (key, read) in enumerate(readers)}


def _compare_posted(
    table: str, record: dict[str, Any], after: dict[str, Any] | None
) -> list[Discrepancy]:
    """``record`` holds plain values (as the audit row stores them)."""
    number, line_no = record.get("number"), record.get("line_no")
    what = f"单据 {number}" if table == "documents" else f"单据明细第 {line_no} 行"
    if after is None:
        detail = f"{what}没有过账时的审计记录"
        return [Discrepancy("record_unaudited", table, str(record["id"]), detail)]
    changed = [key for key, value in record.items() if key in after and value != after[key]]
    if not changed:
        return []
    detail = f"{what}与过账时的记录不同（字段：{'、'.join(changed)}）"
    return [Discrepancy("record_changed", table, str(record["id"]), detail)]


_POSTED = ((Document, "documents"), (DocumentLine, "document_lines"))


class AuditPass:
    """One pass over the audit rows in id order, each joined with the record it inserted.

    The chain (check 5): each row linked to the one before and its hash matching its content;
    a row whose hash looks wrong is read again whole and judged by ``row_hash`` itself. The
    posted records (check 4): each document or line compared with its ``insert`` row's
    ``after`` as it goes by, so each row's JSON is read once; records without one are found
    by an anti-join. Values are read raw and each distinct one converted once.
    """

    def __init__(self, session: Session, posted: bool, chain: bool) -> None:
        self.session, self.posted, self.chain = session, posted, chain
        dialect = session.get_bind().dialect
        self.table = AuditRow.__table__
        self.at = Reader(dialect, self.table.c.at, time_text)
        self.row_id = Reader(dialect, self.table.c.row_id, text, remember=False)
        self.before = Reader(dialect, self.table.c.before)
        columns = [raw(c) if c.key in ("at", "row_id", "before") else c for c in self.table.columns]
        self.records: dict[str, tuple[int, int, list[tuple[str, Reader]]]] = {}
        query = select(*columns)
        for model, name in _POSTED if posted else ():
            readers = _readers(dialect, model)
            ident = next(i for i, (k, _) in enumerate(readers) if k == "id")
            self.records[name] = (len(columns), ident, readers)
            extra = [type_coerce(c, NullType()).label(f"{name}__{k}") for k, c in _attrs(model)]
            columns += extra
            query = query.add_columns(*extra).outerjoin(
                model,
                and_(
                    AuditRow.table == name,
                    AuditRow.action == "insert",
                    AuditRow.row_id == model.id,
                ),
            )
        if not chain:
            query = query.where(AuditRow.table.in_(list(self.records)))
        self.query = query.order_by(AuditRow.id)

    def run(self) -> tuple[list[Discrepancy], list[Discrepancy]]:
        """(check 4's findings, check 5's findings)."""
        posted: list[Discrepancy] = []
        found: list[Discrepancy] = []
        prev = GENESIS
        for row in stream(self.session, self.query):
            ident, at, actor, action, table, row_id, before, after, prev_hash, hashed = row[:10]
            if self.chain:
                if prev_hash != prev:
                    detail = f"审计记录 {ident} 与前一条衔接不上（前一条被改动或删除）"
                    found.append(Discrepancy("audit_link", "audit", str(ident), detail))
                fast = audit_hash(prev_hash, self.at(at), actor, action, table,
                                  self.row_id(row_id), self.before(before), after)  # fmt: skip
                if not FAST_AUDIT or fast != hashed:
                    found += self._link(ident, table)
                prev = hashed
            if action == "insert" and table in self.records:
                posted += self._posted(row, table, after)
        if self.chain:
            head = self.session.get(AuditHead, 1)
            if (head.hash if head else GENESIS) != prev:
                detail = "审计链头与最后一条审计记录不符（末尾记录被删除）"
                found.append(Discrepancy("audit_head", "audit_head", "1", detail))
        if self.posted:
            posted = [d for m, t in _POSTED for d in _unaudited(self.session, m, t)] + posted
        return posted, found

    def _link(self, ident: int, table: str) -> list[Discrepancy]:
        """The row read again whole and judged by ``row_hash`` itself."""
        row = self.session.get_one(AuditRow, ident)
        if row_hash(row.prev_hash, row) == row.hash:
            return []
        detail = f"审计记录 {ident}（{table}）的内容与校验值不符（被直接改动过）"
        return [Discrepancy("audit_hash", "audit", str(ident), detail)]

    def _posted(self, row: Any, table: str, after: Any) -> list[Discrepancy]:
        start, ident, readers = self.records[table]
        if row[start + ident] is None:  # the record is gone (or never was): nothing to compare
            return []
        if after is not None:
            for i, (key, read) in enumerate(readers):
                if key in after and read(row[start + i]) != after[key]:
                    break
            else:
                return []
        return _compare_posted(table, _record(readers, row, start), after)
