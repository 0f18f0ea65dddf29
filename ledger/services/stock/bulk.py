"""A bulk posting's rows (批量写入): lines with their audit rows, movements, balances, heads.

Rows are inserted with ``insert(table)`` executemany in batches through
``Connection.execute`` (echo and events see each statement); audit rows and movements are
hashed with the models' own :func:`ledger.models.audit.fields_hash` and
:func:`ledger.models.stock.movement_hash`.

The journal's one fast path is :class:`Converted`: for 100,000 lines, converting every value
through its column type (UUIDs to text, decimals to scaled integers, dates, JSON) row by row
cost more than the database's own work. The INSERT's parameters are typed as given, and each
column's values are converted here with the column type's own bind processor, each distinct
value of a repeating column once. :class:`Driver` is the same path for an exchange import's
hundreds of thousands of rows: the converted values go to SQLite's ``executemany`` as they
are, and to PostgreSQL as one ``INSERT … SELECT`` of JSON arrays per batch; both are statements
run by the ``Connection`` (echo and events see them), and there is no other runner.
"""

from __future__ import annotations

import json
import uuid
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import (
    JSON,
    Connection,
    Integer,
    Table,
    TypeDecorator,
    bindparam,
    func,
    insert,
    select,
    update,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.types import UserDefinedType

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
from ledger.models.audit import GENESIS, fields_hash, plain
from ledger.models.stock import movement_hash
from ledger.services.stock.journal import IN_CHUNK, Balances, Chain

#: Rows per executemany call.
BATCH = 5000

_MISSING = object()
#: Columns whose values repeat from line to line: converted once per distinct value.
_REPEATING = frozenset(
    {"document_id", "depot_id", "item_id", "lot", "expiry", "quantity", "unit_price", "reason",
     "occurred_on", "posted_at"}
)  # fmt: skip
_AS_IS = frozenset({str, int, bool, float, type(None)})
_LINES = cast(Table, DocumentLine.__table__)
_MOVES = cast(Table, Movement.__table__)
_BALANCES = cast(Table, Balance.__table__)
_HEADS = cast(Table, ChainHead.__table__)
_AUDIT = cast(Table, AuditRow.__table__)
_AUDIT_HEAD = cast(Table, AuditHead.__table__)
_LINE_KEYS = [c.key for c in _LINES.columns]
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


# --- the ledger's rows of a bulk posting ------------------------------------------------


def lock_heads(session: Session, depot_ids: set[uuid.UUID]) -> dict[uuid.UUID, Chain]:
    """Lock the chain heads of ``depot_ids`` in a fixed order, a few statements for many.

    A depot without a head (never posted to, its head not stored yet) gets one.
    """
    session.flush()  # a new depot's head is added by the flush that inserts the depot
    h = _HEADS.c
    ids = sorted(depot_ids)
    heads: dict[uuid.UUID, Chain] = {}
    for start in range(0, len(ids), IN_CHUNK):
        query = (
            select(h.depot_id, h.seq, h.hash)
            .where(h.depot_id.in_(ids[start : start + IN_CHUNK]))
            .order_by(h.depot_id)
            .with_for_update()
        )
        heads.update({r.depot_id: Chain(r.depot_id, r.seq, r.hash) for r in session.execute(query)})
    missing: list[dict[str, Any]] = [
        {"depot_id": d, "seq": 0, "hash": GENESIS} for d in ids if d not in heads
    ]
    if missing:
        session.connection().execute(insert(_HEADS), missing)
        heads.update({row["depot_id"]: Chain(row["depot_id"], 0, GENESIS) for row in missing})
    return heads


class _AsStored(UserDefinedType[Any]):
    """A parameter already in the form the driver stores (no bind processing)."""

    cache_ok = True

    def get_col_spec(self, **kw: Any) -> str:
        return "BLOB"


class Converted:
    """An INSERT of every column of ``table`` whose values are converted here, column by
    column, with the columns' own bind processors (see the module's note)."""

    def __init__(
        self,
        conn: Connection,
        table: Table,
        repeating: frozenset[str],
        ready: frozenset[str] = frozenset(),
    ) -> None:
        """``ready``: columns whose values come in stored form already (JSON as its text)."""
        self.table = table
        # every column but an integer key the database numbers (the audit's)
        self.keys = [
            c.key for c in table.columns if not (c.primary_key and isinstance(c.type, Integer))
        ]
        self.statement = insert(table).values(
            {key: bindparam(key, type_=_AsStored()) for key in self.keys}
        )
        dialect = conn.dialect
        self.steps: list[tuple[str, Any, bool]] = []
        for key in self.keys:
            process = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None and key not in ready:
                self.steps.append((key, process, key in repeating))

    def execute(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        """Insert ``rows`` (dicts of every column's value as the model holds it)."""
        if rows:
            conn.execute(self.statement, self.converted(rows))

    def converted(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """``rows`` with their values in stored form."""
        params = [dict(row) for row in rows]
        for key, process, repeats in self.steps:
            if repeats:
                seen: dict[tuple[type, Any], Any] = {}
                for row in params:
                    value = row[key]
                    mark = (value.__class__, value)
                    found = seen.get(mark, _MISSING)
                    if found is _MISSING:
                        found = seen[mark] = process(value)
                    row[key] = found
            else:
                for row in params:
                    row[key] = process(row[key])
        return params


class Driver(Converted):
    """:class:`Converted` for an import's many rows, their values converted column by column
    straight into the driver's parameters, without SQLAlchemy building each row's again.

    Where the driver takes positional parameters (SQLite) the rows go to its ``executemany``
    as the INSERT's compiled text (``Connection.exec_driver_sql``). On PostgreSQL a batch is
    one ``INSERT … SELECT json_array_elements…(…)`` built with Core and run by
    ``Connection.execute``, each column's values one JSON array parameter (:func:`_unnested`):
    psycopg's ``executemany`` runs a statement per row, which cost the server more than the
    rows themselves. Echo and events see both.
    """

    def __init__(
        self,
        conn: Connection,
        table: Table,
        repeating: frozenset[str],
        ready: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(conn, table, repeating, ready)
        compiled = insert(table).compile(dialect=conn.dialect, column_keys=self.keys)
        self.sql = str(compiled)
        self.order = list(compiled.positiontup or []) or self.keys
        self.positional = bool(compiled.positiontup)
        steps = {key: (process, repeats) for key, process, repeats in self.steps}
        self.columns = [(key, *steps.get(key, (None, False))) for key in self.order]
        self.json = {key for key in self.order if _is_json(table.c[key])}
        if not self.positional:  # JSON columns as their text, whatever the driver makes of it
            serialize = getattr(conn.dialect, "_json_serializer", None) or json.dumps
            self.columns = [
                (key, serialize if key in self.json else process, repeats)
                if process is not None and key not in ready
                else (key, process, repeats)
                for key, process, repeats in self.columns
            ]
        sources = [_unnested(table.c[key]) for key in self.order]
        self.from_arrays = insert(table).from_select(self.order, select(*sources))

    def execute(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        columns = self.converted_columns(rows)
        if self.positional:
            conn.exec_driver_sql(self.sql, list(zip(*columns, strict=True)))
        else:
            params = {
                key: _json_array(values, raw=key in self.json)
                for key, values in zip(self.order, columns, strict=True)
            }
            conn.execute(self.from_arrays, params)

    def converted_columns(self, rows: list[dict[str, Any]]) -> list[list[Any]]:
        """Each column's values of ``rows`` (in :attr:`order`), in stored form."""
        columns = []
        for key, process, repeats in self.columns:
            values = [row[key] for row in rows]
            if process is None:
                columns.append(values)
            elif repeats:
                seen: dict[tuple[type, Any], Any] = {}
                for value in values:
                    mark = (value.__class__, value)
                    if mark not in seen:
                        seen[mark] = process(value)
                columns.append([seen[(value.__class__, value)] for value in values])
            else:
                columns.append(list(map(process, values)))
        return columns


def _is_json(column: Any) -> bool:
    kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
    return isinstance(kind, JSON)


def _unnested(column: Any) -> Any:
    """The SELECT expression giving a column's values one per row, from one JSON array
    parameter: psycopg dumps an array parameter value by value, escaping each, which cost
    more than the rows themselves; ``json.dumps`` of the values is one call in C."""
    values = sql_cast(bindparam(column.key, type_=_AsStored()), JSON)
    if _is_json(column):
        return func.json_array_elements(values)
    return sql_cast(func.json_array_elements_text(values), column.type)


def _json_array(values: list[Any], *, raw: bool) -> str:
    """``values`` as one JSON array: JSON texts (``raw``) joined, or values encoded (UUIDs,
    dates and times as their text)."""
    if raw:
        return "[" + ",".join("null" if v is None else v for v in values) + "]"
    return json.dumps(values, ensure_ascii=False, default=str)


class LedgerWriter:
    """Document lines with their audit rows, and their movements, inserted in batches.

    The audit rows are those the ORM listener writes for inserted lines (all columns, in
    plain form), chained from the audit head; each movement extends its depot's chain.
    """

    def __init__(self, session: Session, heads: dict[uuid.UUID, Chain]) -> None:
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
            "lines": Converted(self.conn, _LINES, _REPEATING),
            "audit": Converted(self.conn, _AUDIT, frozenset({"at", "actor", "action", "table"})),
            "moves": Converted(self.conn, _MOVES, _REPEATING),
        }
        self.rows: dict[str, list[dict[str, Any]]] = {key: [] for key in self.inserts}
        self._plain: dict[tuple[type, Any], Any] = {}
        self._document: Document | None = None
        self._doc: tuple[Any, ...] = ()  # id, depot, date and posting time of _document
        self._doc_text = ""

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
        doc_id, depot_id, doc_date, posted_at = self._doc
        after = {key: self.plain(line[key]) for key in _PLAIN_KEYS}
        after["id"] = str(line["id"])
        after["item_id"] = str(line["item_id"])
        after["document_id"] = self._doc_text
        prev = self.prev
        self.prev = fields_hash(
            prev, self.at, self.actor, "insert", "document_lines", line["id"], None, after
        )
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
                "seq": head.seq + 1, "prev_hash": head.hash}  # fmt: skip
        move["hash"] = movement_hash(head.hash, SimpleNamespace(**move))  # type: ignore[arg-type]
        head.seq, head.hash = move["seq"], move["hash"]
        self.rows["moves"].append(move)

    def flush(self) -> None:
        """Insert what is queued: lines, then their audit rows and movements."""
        for key, statement in self.inserts.items():
            statement.execute(self.conn, self.rows[key])
            self.rows[key] = []

    def close(self, balances: Balances) -> None:
        """Insert the rest; store the audit head, the chain heads and the balances."""
        self.flush()
        if self.had_head:
            self.conn.execute(update(_AUDIT_HEAD).where(_AUDIT_HEAD.c.id == 1), {"hash": self.prev})
        else:
            self.conn.execute(insert(_AUDIT_HEAD).values(id=1, hash=self.prev))
        for depot_id, head in self.heads.items():
            params = {"h_depot": depot_id, "h_seq": head.seq, "h_hash": head.hash}
            self.conn.execute(_UPDATE_HEAD, params)
        balances.write()
        _keep_in_step(self.session, self.heads)


def _keep_in_step(session: Session, heads: dict[uuid.UUID, Chain]) -> None:
    """Chain heads already loaded in the session take their new values."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, ChainHead) and obj.depot_id in heads:
            set_committed_value(obj, "seq", heads[obj.depot_id].seq)
            set_committed_value(obj, "hash", heads[obj.depot_id].hash)
