"""A bulk posting's rows (批量写入): lines with their audit rows, movements, balances, heads.

Rows are inserted with SQLAlchemy's ``insert(table)`` executemany in batches (so echo and
events see each statement); audit rows and movements are hashed with the models' own
:func:`ledger.models.audit.fields_hash` and :func:`ledger.models.stock.movement_hash`.
"""

from __future__ import annotations

import uuid
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
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
from ledger.models.audit import GENESIS, fields_hash, plain
from ledger.models.stock import movement_hash
from ledger.services.stock.journal import IN_CHUNK, Balances, Chain

#: Rows per executemany call.
BATCH = 5000

_MISSING = object()
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
        self.inserts = {"lines": insert(_LINES), "audit": insert(_AUDIT), "moves": insert(_MOVES)}
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
            if self.rows[key]:
                self.conn.execute(statement, self.rows[key])
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
