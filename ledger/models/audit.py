"""Audit rows (审计日志): who changed what, when, before and after, chained by hashes.

One row per inserted, updated or deleted record of every entity except the ledger's derived
tables (movements, balances, chain heads, counters), whose content is fully determined by the
audited documents. The rows are written ``after_flush``: the unit of work has then filled the
records' defaults and foreign keys, and still shows what the flush changed. What a deleted
record held is read ``before_flush``, while it can still be loaded. Personal values (ID
numbers, phones) are recorded sealed, as their columns store them
(:mod:`ledger.models.personal`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, cast

from sqlalchemy import (
    JSON,
    Index,
    Integer,
    String,
    Table,
    bindparam,
    event,
    inspect,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Mapper, Session, mapped_column

from ledger.core.quantity import normalize
from ledger.models.base import Base, utcnow
from ledger.models.personal import EncryptedText, seal

GENESIS = "0" * 64


class AuditRow(Base):
    """One recorded change to one row."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(10))
    table: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[uuid.UUID | None]
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The last audit hash; a single row locked by each writing transaction."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hash: Mapped[str] = mapped_column(String(64), default=GENESIS)


Index("ix_audit_table_row", AuditRow.table, AuditRow.row_id)
Index("ix_audit_at", AuditRow.at)

_ROWS = cast(Table, AuditRow.__table__)
_HEADS = cast(Table, AuditHead.__table__)
_INSERT_ROW = _ROWS.insert().inline()  # no RETURNING id
_HEAD_FOR_UPDATE = (
    select(_HEADS.c.hash).where(_HEADS.c.id == bindparam("head_id")).with_for_update()
)
_SET_HEAD = (
    update(_HEADS).where(_HEADS.c.id == bindparam("head_id")).values(hash=bindparam("new_hash"))
)

#: Tables whose rows are derived from audited documents and are therefore not audited.
UNAUDITED = frozenset(
    {
        "movements",
        "balances",
        "chain_heads",
        "doc_counters",
        "audit",
        "audit_head",
        "checkpoints",  # signed, so proof of themselves (ledger.services.closing.checkpoints)
    }
)


_AS_IS = frozenset({str, int, bool, float, type(None)})


def plain(value: Any) -> Any:
    """Return ``value`` as JSON-ready data (UUIDs, dates, decimals and enums as text)."""
    if type(value) in _AS_IS:  # exactly these types: a str enum is not one of them
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        # fixed-point and normalised, so 10.50 as entered reads like 10.5 as stored
        return format(normalize(value), "f")
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def row_hash(prev_hash: str, row: AuditRow) -> str:
    """The hash of an audit row chained to ``prev_hash``."""
    return fields_hash(
        prev_hash, row.at, row.actor, row.action, row.table, row.row_id, row.before, row.after
    )


def fields_hash(
    prev_hash: str,
    at: datetime | None,
    actor: str,
    action: str,
    table: str,
    row_id: uuid.UUID | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> str:
    """The hash of an audit row given field by field (:func:`row_hash` of a stored row)."""
    return text_hash(
        prev_hash, at, actor, action, table, row_id, canonical(before), canonical(after)
    )


_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical(value: Any) -> str:
    """``value`` as the JSON text an audit hash is taken of (keys sorted, no spaces)."""
    return _JSON.encode(value)


def text_hash(
    prev_hash: str,
    at: datetime | None,
    actor: str,
    action: str,
    table: str,
    row_id: uuid.UUID | None,
    before: str,
    after: str,
) -> str:
    """:func:`fields_hash` of ``before`` and ``after`` given as their :func:`canonical` text:
    the hash of the JSON list of the fields, written once (a bulk writer stores the text)."""
    head = _JSON.encode(
        [
            prev_hash,
            at.isoformat(timespec="microseconds") if at else "",
            actor,
            action,
            table,
            str(row_id) if row_id else "",
        ]
    )
    return hashlib.sha256(f"{head[:-1]},{before},{after}]".encode()).hexdigest()


@dataclass(frozen=True)
class _Shape:
    """An entity's column keys, secret columns and personal (sealed) columns."""

    keys: list[str]
    secret: frozenset[str]
    personal: frozenset[str]


@functools.cache
def _shape(mapper: Mapper[Any]) -> _Shape:
    """What the audit needs to know of an entity, worked out once per mapper."""
    keys = [a.key for a in mapper.column_attrs]
    secret = frozenset(a.key for a in mapper.column_attrs if a.columns[0].info.get("secret"))
    personal = frozenset(
        a.key for a in mapper.column_attrs if isinstance(a.columns[0].type, EncryptedText)
    )
    return _Shape(keys, secret, personal)


def _columns(obj: Any) -> dict[str, Any]:
    return {key: plain(getattr(obj, key)) for key in _shape(inspect(obj).mapper).keys}


def _before(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    out: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        hist = state.attrs[attr.key].history
        if hist.deleted:
            out[attr.key] = plain(hist.deleted[0])
        elif hist.unchanged:
            out[attr.key] = plain(hist.unchanged[0])
    return out


def _changed(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    return {
        a.key: plain(getattr(obj, a.key))
        for a in state.mapper.column_attrs
        if state.attrs[a.key].history.has_changes() and a.key != "updated_at"
    }


#: One change to audit: action, the object, its values before and after.
Entry = tuple[str, Any, dict[str, Any] | None, dict[str, Any] | None]


_DELETED = "audit_deleted"


@event.listens_for(Session, "before_flush")
def _read_deleted(session: Session, flush_context: Any, instances: Any) -> None:
    """What each record to delete holds, read while it can still be loaded."""
    deleted = [("delete", obj, _columns(obj), None) for obj in session.deleted if _audited(obj)]
    session.info[_DELETED] = deleted


@event.listens_for(Session, "after_flush")
def _audit(session: Session, flush_context: Any) -> None:
    entries: list[Entry] = [
        ("insert", obj, None, _columns(obj)) for obj in session.new if _audited(obj)
    ]
    for obj in session.dirty:
        if _audited(obj) and session.is_modified(obj, include_collections=False):
            changed = _changed(obj)
            if changed:
                old = {k: v for k, v in _before(obj).items() if k in changed}
                entries.append(("update", obj, old, changed))
    entries.extend(session.info.pop(_DELETED, ()))
    record(session, entries)


def record(session: Session, entries: Sequence[Entry]) -> None:
    """Write one audit row per entry, chained from the audit head, and move the head on."""
    if not entries:
        return
    actor = str(session.info.get("actor", "system"))
    # Written with Core statements on the session's connection, not as ORM objects:
    # audit rows need no unit of work, and they were most of the cost of a small posting.
    conn = session.connection()
    head = conn.execute(_HEAD_FOR_UPDATE, {"head_id": 1}).scalar()
    prev = head or GENESIS
    now = utcnow()
    rows: list[dict[str, Any]] = []
    for action, obj, before, after in entries:
        before, after = _redact(obj, before), _redact(obj, after)
        before, after = _seal(obj, before, conn), _seal(obj, after, conn)
        row_id = getattr(obj, "id", None)
        row_id = row_id if isinstance(row_id, uuid.UUID) else None
        table = obj.__tablename__
        link = fields_hash(prev, now, actor, action, table, row_id, before, after)
        rows.append(
            {
                "at": now,
                "actor": actor,
                "action": action,
                "table": table,
                "row_id": row_id,
                "before": before,
                "after": after,
                "prev_hash": prev,
                "hash": link,
            }
        )
        prev = link
    conn.execute(_INSERT_ROW, rows)
    if head is None:
        conn.execute(_HEADS.insert().values(id=1, hash=prev))
    else:
        conn.execute(_SET_HEAD, {"head_id": 1, "new_hash": prev})


def _redact(obj: Any, values: dict[str, Any] | None) -> dict[str, Any] | None:
    """Hide the value of secret columns (a password hash): the row shows only that it changed."""
    if values is None:
        return None
    secret = _shape(inspect(obj).mapper).secret
    if not secret:
        return values
    return {k: ("***" if k in secret and v else v) for k, v in values.items()}


def _seal(obj: Any, values: dict[str, Any] | None, conn: Any) -> dict[str, Any] | None:
    """Personal values as the column stores them (sealed), so the audit keeps no plaintext."""
    if values is None:
        return None
    personal = _shape(inspect(obj).mapper).personal
    if not personal or not personal & values.keys():
        return values
    dialect = conn.dialect
    return {
        k: (seal(dialect, v) if k in personal and isinstance(v, str) else v)
        for k, v in values.items()
    }


def _audited(obj: Any) -> bool:
    return isinstance(obj, Base) and obj.__tablename__ not in UNAUDITED


def last_audit_hash(session: Session) -> str:
    """The hash at the head of the audit chain (genesis when empty)."""
    head = session.scalar(select(AuditHead.hash).where(AuditHead.id == 1))
    return head or GENESIS
