"""The stock journal: lock depots' chains, number documents, write movements and balances.

Everything here runs inside the caller's transaction; the rules that decide whether a posting
is allowed live in :mod:`ledger.services.stock.constraints`.

Movements, balances, chain heads and counters are derived rows (not audited, see
:mod:`ledger.models.audit`), so they are written with Core statements on the session's
connection rather than through the unit of work, which is most of a small posting's cost.
ORM objects of those rows already in the session are kept in step (``set_committed_value``).
Documents and their lines are audited records: they go through the unit of work (the
flush's guards and the audit listener see them). The statements a posting runs every time
are built once, so SQLAlchemy's compiled cache serves them, and run through
``Connection.execute`` (echo and events see them).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any, TypeVar, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from ledger.core.enums import DocType
from ledger.models import (
    Balance,
    ChainHead,
    Depot,
    DocCounter,
    Document,
    DocumentLine,
    Movement,
    utcnow,
)
from ledger.models.stock import movement_hash

#: Built once: building a SELECT costs more than running it (see ledger.services.stock.constraints).
_BALANCE_ROW = (
    select(Balance)
    .where(
        Balance.depot_id == bindparam("depot_id"),
        Balance.item_id == bindparam("item_id"),
        Balance.lot == bindparam("lot"),
    )
    .with_for_update()
)

_MOVEMENTS = cast(Table, Movement.__table__)
_BALANCES = cast(Table, Balance.__table__)
_HEADS = cast(Table, ChainHead.__table__)
_COUNTERS = cast(Table, DocCounter.__table__)
_DEPOTS = cast(Table, Depot.__table__)
_INSERT_MOVEMENT = insert(_MOVEMENTS)
_INSERT_BALANCE = insert(_BALANCES)
_BALANCE_CORE = (
    select(_BALANCES.c.id, _BALANCES.c.expiry, _BALANCES.c.quantity)
    .where(
        _BALANCES.c.depot_id == bindparam("depot_id"),
        _BALANCES.c.item_id == bindparam("item_id"),
        _BALANCES.c.lot == bindparam("lot"),
    )
    .with_for_update()
)
_UPDATE_BALANCE = (
    update(_BALANCES)
    .where(_BALANCES.c.id == bindparam("b_id"))
    .values(quantity=bindparam("b_quantity"), expiry=bindparam("b_expiry"))
)
_HEAD_ROW = (
    select(_HEADS.c.seq, _HEADS.c.hash)
    .where(_HEADS.c.depot_id == bindparam("h_depot"))
    .with_for_update()
)
_UPDATE_HEAD = (
    update(_HEADS)
    .where(_HEADS.c.depot_id == bindparam("h_depot"))
    .values(seq=bindparam("h_seq"), hash=bindparam("h_hash"))
)
_BUMP_COUNTER = (
    update(_COUNTERS)
    .where(
        _COUNTERS.c.depot_id == bindparam("c_depot"),
        _COUNTERS.c.series == bindparam("c_series"),
        _COUNTERS.c.year == bindparam("c_year"),
    )
    .values(last=_COUNTERS.c.last + 1)
    .returning(_COUNTERS.c.last)
)
_DEPOT_CODE = select(_DEPOTS.c.code).where(_DEPOTS.c.id == bindparam("c_depot"))


#: Values per IN list: below SQLite's and PostgreSQL's limits on bound parameters.
IN_CHUNK = 500
#: Document types that take stock out of their depot.
OUTGOING = frozenset({DocType.ISSUE, DocType.TRANSFER, DocType.WRITE_OFF})


@dataclass(frozen=True)
class Delta:
    """A signed change of one depot, item and lot, from one document line."""

    depot_id: uuid.UUID
    item_id: uuid.UUID
    lot: str
    expiry: date | None
    quantity: Decimal
    line: DocumentLine

    @property
    def key(self) -> tuple[uuid.UUID, uuid.UUID, str]:
        """The balance key: depot, item, lot."""
        return (self.depot_id, self.item_id, self.lot)


@dataclass
class Chain:
    """A depot's chain head as a posting holds it: the last link's position and hash."""

    depot_id: uuid.UUID
    seq: int
    hash: str
    stored: bool = True


def lock_chains(session: Session, depot_ids: set[uuid.UUID]) -> dict[uuid.UUID, Chain]:
    """Lock the chain heads of ``depot_ids`` in a fixed order (no deadlock between two
    postings); a depot without a stored head starts at genesis, and :func:`write_movements`
    stores its head."""
    conn = session.connection()
    chains: dict[uuid.UUID, Chain] = {}
    for depot_id in sorted(depot_ids):
        row = conn.execute(_HEAD_ROW, {"h_depot": depot_id}).first()
        if row is None:
            chains[depot_id] = Chain(depot_id, 0, "0" * 64, stored=False)
        else:
            chains[depot_id] = Chain(depot_id, *row)
    return chains


def next_number(
    session: Session, depot_id: uuid.UUID, series: str, year: int, code: str | None = None
) -> str:
    """The next document number of a depot's series and year with the depot's code in it,
    e.g. ``K01-RK-2026-00017``: unique in the whole database, as auditors require.

    Callers hold the depot's chain head (:func:`lock_chains`), so two postings to one depot
    never number at the same time. Numbers issued before the code was part of them
    (``RK-2026-00017``) stay as they were; :func:`ledger.services.common.lookup.number_is` finds
    a document by either form.
    """
    conn = session.connection()
    params = {"c_depot": depot_id, "c_series": series, "c_year": year}
    if code is None:  # the caller did not read the depot's code with the depot
        code = conn.execute(_DEPOT_CODE, {"c_depot": depot_id}).scalar()
    last = conn.execute(_BUMP_COUNTER, params).scalar()
    if last is None:
        last = 1
        conn.execute(insert(_COUNTERS).values(depot_id=depot_id, series=series, year=year, last=1))
    return f"{code}-{series}-{year}-{last:05d}"


def write_movements(
    session: Session,
    document: Document,
    deltas: list[Delta],
    heads: Mapping[uuid.UUID, Chain],
    posted_at: datetime | None = None,
    balances: Balances | None = None,
) -> list[SimpleNamespace]:
    """Write one movement per delta, extend each depot's chain and update the balances.

    Flushes the session first: the document and its lines must exist before their movements.
    The movements returned are their column values (attributes named as :class:`Movement`'s),
    not records of the session: load them with a query when needed.
    """
    posted_at = posted_at or utcnow()
    balances = balances or Balances(session)
    movements = []
    for delta in deltas:
        head = heads[delta.depot_id]
        movement = SimpleNamespace(
            id=uuid.uuid4(),
            document_id=document.id,
            line_id=delta.line.id,
            depot_id=delta.depot_id,
            item_id=delta.item_id,
            lot=delta.lot,
            expiry=delta.expiry,
            quantity=delta.quantity,
            occurred_on=document.doc_date,
            posted_at=posted_at,
            seq=head.seq + 1,
            prev_hash=head.hash,
        )
        movement.hash = movement_hash(head.hash, movement)  # type: ignore[arg-type]
        _advance(session, head, movement.seq, movement.hash)
        movements.append(movement)
        balances.apply(delta)
    store_movements(session, movements, heads, balances)
    return movements


def store_movements(
    session: Session,
    movements: list[SimpleNamespace],
    heads: Mapping[uuid.UUID, Chain],
    balances: Balances,
) -> None:
    """Insert linked movements and store the balances and chain heads they moved on (the
    session is flushed first: documents and lines before their movements)."""
    session.flush()
    conn = session.connection()
    if movements:
        conn.execute(_INSERT_MOVEMENT, [vars(m) for m in movements])
    balances.write()
    for head in heads.values():
        params = {"h_depot": head.depot_id, "h_seq": head.seq, "h_hash": head.hash}
        if not head.stored:
            conn.execute(
                insert(_HEADS).values(depot_id=head.depot_id, seq=head.seq, hash=head.hash)
            )
            head.stored = True
        else:
            conn.execute(_UPDATE_HEAD, params)


def append_received(
    session: Session, movements: list[SimpleNamespace], heads: Mapping[uuid.UUID, Chain]
) -> None:
    """Store movements another office posted, each already found to continue its chain
    (:func:`disagreement` finds none): the chain heads move on, the balances follow."""
    balances = Balances(session)
    for movement in movements:
        _advance(session, heads[movement.depot_id], movement.seq, movement.hash)
        key = (movement.depot_id, movement.item_id, movement.lot)
        balances.add(key, movement.quantity, movement.expiry)
    store_movements(session, movements, heads, balances)


def line_changes(document: Document, line: DocumentLine) -> dict[uuid.UUID, Decimal]:
    """The signed change a posted line makes in each depot it moves (the one definition of a
    document's movements): out of the depot for issues, transfers and write-offs, into the
    transfer's destination, the counted difference for a stocktake, reversed for a reversal.
    A transfer to another office's depot moves only its OUT movement when posted."""
    quantity = line.quantity
    if document.doc_type is DocType.STOCKTAKE:
        counted, book = line.counted_quantity, line.book_quantity
        sign = 1 if counted is not None and book is not None and counted > book else -1
        changes = {document.depot_id: sign * quantity}
    elif document.doc_type in OUTGOING:
        changes = {document.depot_id: -quantity}
        if document.doc_type is DocType.TRANSFER and document.dest_depot_id is not None:
            changes[document.dest_depot_id] = quantity
    else:
        changes = {document.depot_id: quantity}
    if document.reverses_id is not None:
        return {depot: -change for depot, change in changes.items()}
    return changes


def disagreement(session: Session, movement: SimpleNamespace) -> str | None:
    """What a received movement does not share with the document line it names (``None``
    when it is the movement that line makes): depot, item, lot, expiry, date or quantity."""
    line = session.get(DocumentLine, movement.line_id)
    document = session.get(Document, movement.document_id)
    return differs(movement, line, document)


def differs(movement: SimpleNamespace, line: Any, document: Any) -> str | None:
    """:func:`disagreement` with the line and its document in hand (columns named as the
    models' attributes; ``None`` when not found)."""
    if line is None or document is None or line.document_id != document.id:
        return "所属单据行"
    expected = line_changes(document, line)
    if movement.depot_id not in expected:
        return "仓库"
    if movement.item_id != line.item_id:
        return "物资"
    if movement.lot != line.lot or movement.expiry != line.expiry:
        return "批次"
    if movement.occurred_on != document.doc_date:
        return "日期"
    if Decimal(movement.quantity) != expected[movement.depot_id]:
        return "数量"
    return None


def _advance(session: Session, head: Chain, seq: int, link: str) -> None:
    """Move a chain head on; a copy of the head loaded in the session follows it."""
    head.seq, head.hash = seq, link
    loaded = _loaded(session, ChainHead, head.depot_id)
    if loaded is not None:
        set_committed_value(loaded, "seq", seq)
        set_committed_value(loaded, "hash", link)


E = TypeVar("E", ChainHead, Balance)


def _loaded(session: Session, entity: type[E], key: uuid.UUID) -> E | None:
    """The copy of a row already loaded in the session, if any (no query)."""
    found = session.identity_map.get(identity_key(entity, key))
    return found if isinstance(found, entity) else None


def balance_row(
    session: Session, depot_id: uuid.UUID, item_id: uuid.UUID, lot: str
) -> Balance | None:
    """The balance row of a depot, item and lot, locked for update."""
    params = {"depot_id": depot_id, "item_id": item_id, "lot": lot}
    return session.scalars(_BALANCE_ROW, params).first()


@dataclass
class BalanceRow:
    """A balance row as a posting reads and changes it."""

    id: uuid.UUID
    depot_id: uuid.UUID
    item_id: uuid.UUID
    lot: str
    expiry: date | None
    quantity: Decimal


class Balances:
    """The balance rows one posting reads and writes, each looked up once.

    The checks and the writing of movements share it, so a line costs one balance lookup.
    Rows are read and written with Core statements on the session's connection (no flush, no
    ORM object to build); a copy of a row loaded in the session is kept in step. Rows a
    posting creates are remembered here until :meth:`write` stores them.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self._rows: dict[tuple[uuid.UUID, uuid.UUID, str], BalanceRow | None] = {}
        self._new: dict[tuple[uuid.UUID, uuid.UUID, str], BalanceRow] = {}
        self._changed: dict[tuple[uuid.UUID, uuid.UUID, str], BalanceRow] = {}
        self._whole: set[uuid.UUID] = set()  # depots whose rows are all read (:meth:`load`)

    def get(self, key: tuple[uuid.UUID, uuid.UUID, str]) -> BalanceRow | None:
        """The row of a depot, item and lot (locked for update), or ``None`` when it has never
        had stock."""
        if key not in self._rows:
            if key[0] in self._whole:
                return None
            params = {"depot_id": key[0], "item_id": key[1], "lot": key[2]}
            found = self.session.connection().execute(_BALANCE_CORE, params).first()
            self._rows[key] = None if found is None else BalanceRow(found[0], *key, *found[1:])
        return self._rows[key]

    def apply(self, delta: Delta) -> None:
        """Add ``delta`` to its row, creating the row on the key's first movement."""
        self.add(delta.key, delta.quantity, delta.expiry)

    def add(
        self, key: tuple[uuid.UUID, uuid.UUID, str], quantity: Decimal, expiry: date | None
    ) -> None:
        """Add ``quantity`` to the row of ``key``, creating it on the key's first movement."""
        row = self.get(key)
        if row is None:
            row = BalanceRow(uuid.uuid4(), *key, expiry, Decimal(0))
            self._rows[key] = self._new[key] = row
        row.quantity += quantity
        if row.expiry is None:
            row.expiry = expiry
        if key not in self._new:
            self._changed[key] = row
            loaded = _loaded(self.session, Balance, row.id)
            if loaded is not None:
                set_committed_value(loaded, "quantity", row.quantity)
                set_committed_value(loaded, "expiry", row.expiry)

    def write(self) -> None:
        """Store the rows :meth:`apply` created or changed."""
        conn = self.session.connection()
        if self._new:
            rows = [vars(row).copy() for row in self._new.values()]
            conn.execute(_INSERT_BALANCE, rows)
        if self._changed:
            changed = [
                {"b_id": row.id, "b_quantity": row.quantity, "b_expiry": row.expiry}
                for row in self._changed.values()
            ]
            conn.execute(_UPDATE_BALANCE, changed)
        self._new.clear()
        self._changed.clear()

    def load(self, depot_ids: set[uuid.UUID]) -> None:
        """Read (and lock) every balance row of the depots at once, for a posting of many
        lines: a key of these depots not found then has never had stock."""
        ids = sorted(depot_ids - self._whole)
        b = _BALANCES.c
        for start in range(0, len(ids), IN_CHUNK):
            query = (
                select(b.id, b.depot_id, b.item_id, b.lot, b.expiry, b.quantity)
                .where(b.depot_id.in_(ids[start : start + IN_CHUNK]))
                .with_for_update()
            )
            for row in self.session.connection().execute(query):
                key = (row.depot_id, row.item_id, row.lot)
                self._rows.setdefault(key, BalanceRow(*row))
        self._whole.update(ids)
