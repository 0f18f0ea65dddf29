"""Inserting many rows of one table fast (批量写入): each distinct value converted once.

SQLAlchemy converts every bound value of an executemany through its column type (UUIDs to
text on SQLite, exact decimals to scaled integers, UTC times, JSON), row by row; for 100,000
rows of ids, quantities and dates that repeat, that conversion costs more than the database's
own work. :class:`FastInsert` compiles the INSERT once, takes each column's bind processor from
its type (so values are stored exactly as the ORM would store them), remembers the converted
form of repeating values, and hands the rows to the driver with ``exec_driver_sql``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ledger.models import (
    AuditHead,
    AuditRow,
    Balance,
    ChainHead,
    Document,
    DocumentLine,
    Movement,
    utcnow,
)
from ledger.models.audit import GENESIS, plain
from ledger.services.bulk_hashes import AuditHasher, MovementHasher

#: Rows per executemany call.
BATCH = 5000
#: Values per IN list: below SQLite's and PostgreSQL's limits on bound parameters.
IN_CHUNK = 500

Key = tuple[uuid.UUID, uuid.UUID, str]
_MISSING = object()
_AS_IS = frozenset({str, int, bool, float, type(None)})
_LINES = cast(Table, DocumentLine.__table__)
_MOVES = cast(Table, Movement.__table__)
_BALANCES = cast(Table, Balance.__table__)
_HEADS = cast(Table, ChainHead.__table__)
_AUDIT = cast(Table, AuditRow.__table__)
_AUDIT_HEAD = cast(Table, AuditHead.__table__)
_LINE_KEYS = [c.key for c in _LINES.columns]
_AUDIT_KEYS = [c.key for c in _AUDIT.columns if c.key != "id"]
#: Line columns audited through plain(); the three ids are written as text directly.
_ID_KEYS = ("id", "document_id", "item_id")
_PLAIN_KEYS = [k for k in _LINE_KEYS if k not in _ID_KEYS]
assert len(_PLAIN_KEYS) == len(_LINE_KEYS) - 3
_UPDATE_BALANCE = (
    update(_BALANCES)
    .where(_BALANCES.c.id == bindparam("b_id"))
    .values(quantity=bindparam("b_quantity"), expiry=bindparam("b_expiry"))
)
_UPDATE_HEAD = (
    update(_HEADS)
    .where(_HEADS.c.depot_id == bindparam("h_depot"))
    .values(seq=bindparam("h_seq"), hash=bindparam("h_hash"))
)


class FastInsert:
    """An INSERT of every column of ``table``, run as executemany on the driver."""

    def __init__(
        self,
        conn: Connection,
        table: Table,
        repeating: Iterable[str] = (),
        columns: Sequence[str] | None = None,
    ) -> None:
        """Compile the statement for ``conn``'s dialect.

        Args:
            repeating: columns whose values repeat (foreign keys, dates, quantities): their
                converted values are remembered.
            columns: the columns given (default all; leave out an autoincrement key).
        """
        dialect = conn.dialect
        keys = list(columns) if columns is not None else [c.key for c in table.columns]
        # inline: no RETURNING of a generated key (nobody reads it back)
        compiled = insert(table).inline().compile(dialect=dialect, column_keys=keys)
        self.conn = conn
        self.sql = str(compiled)
        self.positional = bool(compiled.positional)
        names = list(compiled.positiontup or []) if self.positional else list(compiled.params)
        if set(names) != set(keys):
            raise ValueError(f"{table.name}: the compiled INSERT names {names}, not {keys}")
        self.names = names
        remembered = set(repeating)
        convert: dict[str, Callable[[Any], Any]] = {}
        for name in names:
            process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None:
                convert[name] = _remembering(process) if name in remembered else process
        self.params = _row_reader(names, convert, self.positional)

    def execute(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert ``rows`` (dicts with every column) in batches."""
        for start in range(0, len(rows), BATCH):
            params = list(map(self.params, rows[start : start + BATCH]))
            if params:
                self.conn.exec_driver_sql(self.sql, params)


def _row_reader(
    names: list[str], convert: dict[str, Callable[[Any], Any]], positional: bool
) -> Callable[[dict[str, Any]], Any]:
    """A function turning a row dict into the driver's parameters, written out per column.

    Generated once per statement: a loop over columns with a test per value costs several
    times more for 100,000 rows than one expression that names each column.
    """
    scope: dict[str, Any] = {
        f"p{i}": convert[name] for i, name in enumerate(names) if name in convert
    }
    parts = [
        f"p{i}(row[{name!r}])" if name in convert else f"row[{name!r}]"
        for i, name in enumerate(names)
    ]
    if positional:
        body = "(" + ", ".join(parts) + ",)"
    else:
        body = "{" + ", ".join(f"{n!r}: {p}" for n, p in zip(names, parts, strict=True)) + "}"
    source = f"def params(row):\n    return {body}\n"
    # as collections.namedtuple does; the source holds only the table's column keys
    exec(compile(source, "<FastInsert>", "exec"), scope)
    return cast(Callable[[dict[str, Any]], Any], scope["params"])


def _remembering(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    seen: dict[tuple[type, Any], Any] = {}

    def convert(value: Any) -> Any:
        key = (value.__class__, value)  # Decimal("1") and 1 are equal but may bind apart
        try:
            return seen[key]
        except KeyError:
            converted = seen[key] = process(value)
            return converted

    return convert


# --- the ledger's rows of a bulk posting ------------------------------------------------


@dataclass
class BalanceRow:
    """A balance row as a bulk posting keeps it: stored already, or new."""

    id: uuid.UUID
    quantity: Decimal
    expiry: date | None
    new: bool = False
    changed: bool = False


def load_balances(session: Session, depot_ids: set[uuid.UUID]) -> dict[Key, BalanceRow]:
    """Every balance row of the depots, locked as posting locks the rows it changes."""
    found: dict[Key, BalanceRow] = {}
    ids = sorted(depot_ids)
    for start in range(0, len(ids), IN_CHUNK):
        b = _BALANCES.c
        query = (
            select(b.id, b.depot_id, b.item_id, b.lot, b.quantity, b.expiry)
            .where(b.depot_id.in_(ids[start : start + IN_CHUNK]))
            .with_for_update()
        )
        for row in session.execute(query):
            found[(row.depot_id, row.item_id, row.lot)] = BalanceRow(
                row.id, row.quantity, row.expiry
            )
    return found


def lock_heads(session: Session, depot_ids: set[uuid.UUID]) -> dict[uuid.UUID, list[Any]]:
    """Lock the chain heads of ``depot_ids`` in a fixed order; ``[seq, hash]`` per depot.

    A depot without a head (never posted to, its head not stored yet) gets one.
    """
    session.flush()  # a new depot's head is added by the flush that inserts the depot
    h = _HEADS.c
    ids = sorted(depot_ids)
    heads: dict[uuid.UUID, list[Any]] = {}
    for start in range(0, len(ids), IN_CHUNK):
        query = (
            select(h.depot_id, h.seq, h.hash)
            .where(h.depot_id.in_(ids[start : start + IN_CHUNK]))
            .order_by(h.depot_id)
            .with_for_update()
        )
        heads.update({row.depot_id: [row.seq, row.hash] for row in session.execute(query)})
    missing: list[dict[str, Any]] = [
        {"depot_id": d, "seq": 0, "hash": GENESIS} for d in ids if d not in heads
    ]
    if missing:
        session.connection().execute(insert(_HEADS), missing)
        heads.update({row["depot_id"]: [0, GENESIS] for row in missing})
    return heads


class LedgerWriter:
    """Document lines with their audit rows, and their movements, inserted in batches.

    The audit rows are those the ORM listener writes for inserted lines (all columns, in
    plain form), chained from the audit head; each movement extends its depot's chain.
    """

    def __init__(self, session: Session, heads: dict[uuid.UUID, list[Any]]) -> None:
        self.session = session
        self.conn = session.connection()
        self.actor = str(session.info.get("actor", "system"))
        self.at = utcnow()
        self.heads = heads
        head = self.conn.execute(
            select(_AUDIT_HEAD.c.hash).where(_AUDIT_HEAD.c.id == 1).with_for_update()
        ).scalar()
        self.had_head, self.prev = head is not None, head or GENESIS
        self.inserts = {
            # ids are not remembered: a UUID's hash costs more than its conversion
            "lines": FastInsert(self.conn, _LINES, ("expiry", "quantity", "unit_price",
                                                    "reason")),
            "audit": FastInsert(self.conn, _AUDIT, ("at", "before"), _AUDIT_KEYS),
            "moves": FastInsert(self.conn, _MOVES, ("expiry", "quantity", "occurred_on",
                                                    "posted_at")),
        }  # fmt: skip
        self.rows: dict[str, list[dict[str, Any]]] = {key: [] for key in self.inserts}
        self._plain: dict[tuple[type, Any], Any] = {}
        self._document: Document | None = None
        self._doc: tuple[Any, ...] = ()  # id, depot, date and posting time of _document
        self._doc_text = ""
        self._texts: dict[str, str] = {}
        self.audits = AuditHasher(
            self.at, self.actor, "insert", "document_lines", [*_PLAIN_KEYS, *_ID_KEYS]
        )
        self.movements = MovementHasher()

    def plain(self, value: Any) -> Any:
        """:func:`ledger.models.audit.plain` of a repeating value, worked out once."""
        if value.__class__ in _AS_IS:  # as plain() returns them (exactly these types)
            return value
        key = (value.__class__, value)
        found = self._plain.get(key, _MISSING)
        if found is _MISSING:
            found = self._plain[key] = plain(value)
        return found

    def add(self, line: dict[str, Any], document: Document) -> None:
        """Queue one line (a dict of every column), its audit row and its movement."""
        if document is not self._document:  # its attributes read once, not once per line
            self._document = document
            self._doc = (document.id, document.depot_id, document.doc_date, document.posted_at)
            self._doc_text = str(document.id)
            self._texts = {
                "document_id": self._doc_text,
                "depot_id": str(document.depot_id),
                "occurred_on": document.doc_date.isoformat(),
                "posted_at": document.posted_at.isoformat(timespec="microseconds"),
            }
        doc_id, depot_id, doc_date, posted_at = self._doc
        after = {key: self.plain(line[key]) for key in _PLAIN_KEYS}
        texts = self._texts
        texts["line_id"] = after["id"] = str(line["id"])
        texts["item_id"] = after["item_id"] = str(line["item_id"])
        after["document_id"] = self._doc_text
        prev = self.prev
        self.prev = self.audits.inserted(prev, texts["line_id"], after)
        self.rows["audit"].append({"at": self.at, "actor": self.actor, "action": "insert",
                                   "table": "document_lines", "row_id": line["id"],
                                   "before": None, "after": after, "prev_hash": prev,
                                   "hash": self.prev})  # fmt: skip
        self.rows["lines"].append(line)
        head = self.heads[depot_id]
        move = {"id": uuid.uuid4(), "document_id": doc_id, "line_id": line["id"],
                "depot_id": depot_id, "item_id": line["item_id"], "lot": line["lot"],
                "expiry": line["expiry"], "quantity": line["quantity"],
                "occurred_on": doc_date, "posted_at": posted_at,
                "seq": head[0] + 1, "prev_hash": head[1]}  # fmt: skip
        move["hash"] = self.movements.hash(head[1], move, texts)
        head[0], head[1] = move["seq"], move["hash"]
        self.rows["moves"].append(move)

    def flush(self) -> None:
        """Insert what is queued: lines, then their audit rows and movements."""
        for key, fast in self.inserts.items():
            fast.execute(self.rows[key])
            self.rows[key] = []

    def close(self, balances: dict[Key, BalanceRow]) -> None:
        """Insert the rest; store the audit head, the chain heads and the balances."""
        self.flush()
        if self.had_head:
            self.conn.execute(update(_AUDIT_HEAD).where(_AUDIT_HEAD.c.id == 1), {"hash": self.prev})
        else:
            self.conn.execute(insert(_AUDIT_HEAD).values(id=1, hash=self.prev))
        for depot_id, (seq, link) in self.heads.items():
            self.conn.execute(_UPDATE_HEAD, {"h_depot": depot_id, "h_seq": seq, "h_hash": link})
        _write_balances(self.conn, balances)
        _keep_in_step(self.session, self.heads, balances)


def _write_balances(conn: Connection, balances: dict[Key, BalanceRow]) -> None:
    new = [
        {"id": b.id, "depot_id": k[0], "item_id": k[1], "lot": k[2], "expiry": b.expiry,
         "quantity": b.quantity}
        for k, b in balances.items()
        if b.new
    ]  # fmt: skip
    FastInsert(conn, _BALANCES, ("expiry", "quantity")).execute(new)
    changed = [
        {"b_id": b.id, "b_quantity": b.quantity, "b_expiry": b.expiry}
        for b in balances.values()
        if b.changed
    ]
    for start in range(0, len(changed), BATCH):
        conn.execute(_UPDATE_BALANCE, changed[start : start + BATCH])


def _keep_in_step(
    session: Session, heads: dict[uuid.UUID, list[Any]], balances: dict[Key, BalanceRow]
) -> None:
    """Balance rows and chain heads already loaded in the session take their new values."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Balance):
            found = balances.get((obj.depot_id, obj.item_id, obj.lot))
            if found is not None and found.changed:
                set_committed_value(obj, "quantity", found.quantity)
                set_committed_value(obj, "expiry", found.expiry)
        elif isinstance(obj, ChainHead) and obj.depot_id in heads:
            set_committed_value(obj, "seq", heads[obj.depot_id][0])
            set_committed_value(obj, "hash", heads[obj.depot_id][1])
