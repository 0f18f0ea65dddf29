"""Stored rows read fast for ``ledger verify``: raw values, each distinct one converted once.

Also the :class:`Discrepancy` every check returns.

A million movements read through the column types cost a UUID, a decimal and a date parsed
per value; most values repeat (a depot, an item, a day, a document's ten lines). Here the
query selects the raw stored values and a :class:`Reader` per column converts each distinct
value once, with the column type's own result processing, into the text a hash is made of.

The hash texts must be those of :func:`ledger.models.stock.movement_hash` and
:func:`ledger.models.audit.row_hash`. :data:`FAST_LINKS` and :data:`FAST_AUDIT` check that on
a sample when the module loads; the caller uses the exact functions where they disagree, and
always before reporting a link as broken.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Uuid, type_coerce
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import NullType

from ledger.core.quantity import normalize
from ledger.models.audit import row_hash
from ledger.models.stock import movement_hash


@dataclass(frozen=True)
class Discrepancy:
    """One thing found wrong: its kind (a stable code), the table and row, and a Chinese detail."""

    kind: str
    table: str
    row: str
    detail: str


#: Rows fetched at a time.
BATCH = 10_000
#: Distinct values remembered per column before the memory is cleared.
REMEMBERED = 50_000
JSON_OPTS: dict[str, Any] = {"ensure_ascii": False, "sort_keys": True, "separators": (",", ":")}


def stream(session: Session, query: Any) -> Iterator[Any]:
    """Plain rows, fetched in batches so memory stays flat on large ledgers.

    Run on the session's connection as a Core statement: no ORM loading step per row.
    """
    result = session.connection().execute(query.execution_options(yield_per=BATCH))
    for batch in result.partitions():
        yield from batch


def raw(column: Any) -> ColumnElement[Any]:
    """``column`` selected as stored (no result processing), under its attribute's name."""
    return type_coerce(column, NullType()).label(column.key)


class Reader:
    """One column's stored values converted as SQLAlchemy reads them, then by ``form``."""

    def __init__(
        self,
        dialect: Dialect,
        column: Any,
        form: Callable[[Any], Any] | None = None,
        remember: bool = True,
    ) -> None:
        self.process = column.type.dialect_impl(dialect).result_processor(dialect, None)
        self.form = form
        self.memory: dict[Any, Any] | None = {} if remember else None
        # a UUID stored as 32 hex digits (SQLite) read as text by slicing; only for hash
        # texts, where a mismatch is judged again by the exact function
        self.hex_text = form is text and isinstance(column.type, Uuid)

    def __call__(self, stored: Any) -> Any:
        """The value of ``stored`` (processed, then formed)."""
        memory = self.memory
        if memory is not None:
            try:
                return memory[stored]
            except KeyError:
                pass
            except TypeError:  # not hashable (JSON a driver parsed already)
                return self._convert(stored)
        value = self._convert(stored)
        if memory is not None:
            if len(memory) >= REMEMBERED:
                memory.clear()
            memory[stored] = value
        return value

    def _convert(self, stored: Any) -> Any:
        if self.hex_text and type(stored) is str and len(stored) == 32:
            return f"{stored[:8]}-{stored[8:12]}-{stored[12:16]}-{stored[16:20]}-{stored[20:]}"
        value = self.process(stored) if self.process else stored
        return self.form(value) if self.form is not None else value


def text(value: Any) -> str:
    """A UUID or anything else as ``str`` (``""`` for None)."""
    return "" if value is None else str(value)


def day_text(value: date | None) -> str:
    """A date in ISO form (``""`` for None)."""
    return value.isoformat() if value else ""


def quantity_text(value: Decimal) -> str:
    """A quantity as the movement hash writes it."""
    return format(normalize(Decimal(value)), "f")


def time_text(value: datetime | None) -> str:
    """A timestamp to the microsecond, as both hashes write it."""
    return value.isoformat(timespec="microseconds") if value else ""


def link_hash(prev: str, fields: tuple[str, ...]) -> str:
    """A movement's hash from its texts: seq, depot, item, lot, expiry, quantity, date,
    posted at, document and line (the order of :func:`movement_hash`)."""
    return hashlib.sha256("|".join((prev, *fields)).encode()).hexdigest()


def audit_hash(
    prev: str, at: str, actor: str, action: str, table: str, row_id: str, before: Any, after: Any
) -> str:
    """An audit row's hash from its ``at`` and ``row_id`` texts and parsed JSON."""
    payload = json.dumps([prev, at, actor, action, table, row_id, before, after], **JSON_OPTS)
    return hashlib.sha256(payload.encode()).hexdigest()


def _sample() -> SimpleNamespace:
    return SimpleNamespace(
        seq=7, depot_id=uuid.uuid4(), item_id=uuid.uuid4(), lot="L1", expiry=date(2027, 3, 1),
        quantity=Decimal("-10.50"), occurred_on=date(2026, 3, 2),
        posted_at=datetime(2026, 3, 2, 8, 1, 2, 345, tzinfo=UTC), document_id=uuid.uuid4(),
        line_id=uuid.uuid4(), at=datetime(2026, 3, 2, 8, tzinfo=UTC), actor="张三",
        action="insert", table="documents", row_id=uuid.uuid4(), before=None,
        after={"note": "备注", "n": 1, "q": "10.5"},
    )  # fmt: skip


def movement_texts(m: Any) -> tuple[str, ...]:
    """The texts of :func:`link_hash` from a movement's processed values."""
    return (str(m.seq), text(m.depot_id), text(m.item_id), m.lot, day_text(m.expiry),
            quantity_text(m.quantity), day_text(m.occurred_on), time_text(m.posted_at),
            text(m.document_id), text(m.line_id))  # fmt: skip


def _links_agree() -> bool:
    m, prev = _sample(), "a" * 64
    return link_hash(prev, movement_texts(m)) == movement_hash(prev, m)  # type: ignore[arg-type]


def _audit_agrees() -> bool:
    r, prev = _sample(), "b" * 64
    fast = audit_hash(
        prev, time_text(r.at), r.actor, r.action, r.table, text(r.row_id), r.before, r.after
    )
    return fast == row_hash(prev, r)  # type: ignore[arg-type]


#: Whether the fast hashes are the models' hashes (checked once, on a sample).
FAST_LINKS = _links_agree()
FAST_AUDIT = _audit_agrees()
