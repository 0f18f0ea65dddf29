"""The posted records of a format 2 package (documents, lines, movements), a batch at a time.

Each batch is decoded, its rows' owners checked (:class:`ledger.services.exchange.importer`'s
rules), its codes and references checked against the database (earlier batches are in it
already, in the caller's transaction; what this import wrote is not looked up again), then
inserted in batches (:mod:`ledger.services.exchange.audited`): documents and lines with the
audit rows the ORM would write for them, movements on their depots' chains (each checked to
continue its chain and to be what its line makes: a line of the package by what it makes,
kept in memory by :class:`Made`, any other line as stored), the balances following. A
refusal raises in the caller's transaction, so nothing of the package stays.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Container, Iterator
from types import SimpleNamespace
from typing import Any, NamedTuple, Protocol, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from ledger.core.errors import ForeignRecords, PackageConflict, PackageDamaged
from ledger.models import ChainHead, Depot
from ledger.models.stock import movement_hash
from ledger.services.exchange import apply, audited, codec, manifest, registry
from ledger.services.exchange.ownership import chunks, existing_ids
from ledger.services.stock import journal
from ledger.services.stock.journal import IN_CHUNK, Balances, Chain

#: What :func:`ledger.services.stock.journal.differs` reads of a line and its document.
_LINE = ("id", "document_id", "item_id", "lot", "expiry", "quantity", "counted_quantity",
         "book_quantity")  # fmt: skip
_DOC = ("id", "doc_type", "depot_id", "dest_depot_id", "reverses_id", "doc_date")
#: Rows checked and written at a time.
BATCH = 5000
EXAMPLES = 5
_HEADS = cast(Table, ChainHead.__table__)
_REPEATING = frozenset(
    {"document_id", "depot_id", "item_id", "lot", "expiry", "occurred_on", "posted_at",
     "doc_type", "doc_date", "created_by", "counterparty_id"}
)  # fmt: skip


class Owners(Protocol):
    """What the importer's owner check answers for one row (see ``importer._Owners``)."""

    def verdict(self, table_name: str, row_id: uuid.UUID, row: dict[str, Any], exists: bool) -> str:
        """``"ok"``, ``"own"`` (this office's own: left alone) or ``"foreign"``."""

    def place(self, table_name: str, row: dict[str, Any]) -> None:
        """Remember a row of a table others find their home through (a document)."""


class Posted:
    """Writes the streamed tables of one package; :meth:`table` is called in table order."""

    def __init__(
        self,
        session: Session,
        package: manifest.Package,
        content: apply.Content,
        owners: Owners,
        stats: dict[str, list[int]],
        unit: str,
        progress: Callable[[int, int, str], None],
    ) -> None:
        self.session = session
        self.package = package
        self.content = content
        self.owners = owners
        self.stats = stats
        self.unit = unit
        self.progress = progress
        self.skipped = 0
        self.done = 0
        listed = package.listed()
        self.total = sum(listed.get(manifest.data_file(t), 0) for t in registry.STREAMED)
        self.conn = session.connection()
        self.chains: dict[uuid.UUID, Chain] = {}
        self.depots: dict[uuid.UUID, str] = {}
        self.balances = Balances(session)
        self.insert = audited.Inserts(session, _REPEATING)
        self.made = Made()
        self.empty = False

    # --- reading -------------------------------------------------------------------------

    def _batches(self, tbl: Table) -> Iterator[list[dict[str, Any]]]:
        file_name = manifest.data_file(tbl.name)
        if file_name not in self.package.listed():
            return
        batch: list[dict[str, Any]] = []
        try:
            for number, line in enumerate(self.package.lines(file_name), start=1):
                if not line.strip():
                    continue
                batch.append(codec.decode_row(tbl, codec.loads_line(line, number)))
                if len(batch) == BATCH:
                    yield batch
                    batch = []
        except codec.BadRecord as error:
            raise PackageDamaged(name=self.package.name, reason=f"{file_name}：{error}") from error
        if batch:
            yield batch

    def table(self, tbl: Table) -> None:
        """Check and write the package's rows of ``tbl``."""
        foreign: list[str] = []
        label = registry.label(tbl.name)
        audit = audited.AuditChain(self.session) if tbl.name != "movements" else None
        # a table empty when its rows come holds only this import's: none is looked up (a
        # row the package holds twice is refused by its key when inserted)
        self.empty = self.conn.execute(select(tbl.c.id).limit(1)).first() is None
        for batch in self._batches(tbl):
            kept = self._owned(tbl, batch, foreign)
            if tbl.name == "movements":
                self._movements(tbl, kept)
            else:
                assert audit is not None
                self._records(tbl, kept, audit)
            self.done += len(batch)
            self.progress(self.done, self.total, label)
        if tbl.name == "movements":
            self._store_heads()
            self.made = Made()  # what the lines made is no longer needed
        elif audit is not None:
            audit.close()
        if foreign:
            raise ForeignRecords(
                count=len(foreign), unit=self.unit, examples="、".join(foreign[:EXAMPLES])
            )

    def _owned(
        self, tbl: Table, batch: list[dict[str, Any]], foreign: list[str]
    ) -> list[dict[str, Any]]:
        """The rows of ``batch`` to write: this office's own are left alone, another's are
        refused (named in ``foreign``)."""
        ids = (r["id"] for r in batch)
        existing = set() if self.empty else existing_ids(self.session, tbl, ids)
        kept = []
        for row in batch:
            if tbl.name == "documents":
                self.owners.place(tbl.name, row)
            verdict = self.owners.verdict(tbl.name, row["id"], row, row["id"] in existing)
            if verdict == "own":
                self.skipped += 1
            elif verdict == "foreign":
                foreign.append(registry.describe(tbl.name, row))
            else:
                row["_stored"] = row["id"] in existing
                kept.append(row)
        return kept

    # --- documents and lines -------------------------------------------------------------

    def _records(self, tbl: Table, rows: list[dict[str, Any]], audit: audited.AuditChain) -> None:
        stored, new = [], {}
        for row in rows:
            if row.pop("_stored"):
                stored.append(row)
            else:
                new[row["id"]] = row
        self._same_as_stored(tbl, stored)
        apply.check_natural_keys(self.session, tbl, new)
        written = {"documents": self.made.documents_written}
        apply.check_references(self.session, self.content, tbl, new, written)
        full = [audited.complete(tbl, row) for row in new.values()]
        self.insert(tbl, full)
        audit.add(tbl.name, full)
        self.stats[tbl.name][0] += len(full)
        if tbl.name == "documents":
            self.made.documents(full)
        elif tbl.name == "document_lines":
            self.made.lines(full)

    def _same_as_stored(self, tbl: Table, rows: list[dict[str, Any]]) -> None:
        """Posted records already here must be the same: a package never changes them."""
        by_id = {r["id"]: r for r in rows}
        for batch in chunks(by_id):
            for stored in self.session.execute(select(tbl).where(tbl.c.id.in_(batch))):
                row = by_id[stored.id]
                values = stored._mapping
                if any(values[c] != v for c, v in row.items()):
                    what = registry.describe(tbl.name, row)
                    raise PackageConflict(reason=f"已过账的{what}与本库中的不同")

    # --- movements -----------------------------------------------------------------------

    def _movements(self, tbl: Table, rows: list[dict[str, Any]]) -> None:
        """Movements continuing their depots' chains, each what its document line makes."""
        for row in rows:
            row.pop("_stored")
        by_id = {r["id"]: r for r in rows}
        keys = registry.attribute_keys(tbl.name)
        made = self.made
        unsure = {r["id"] for r in rows if not made.makes(r)}  # lines not in this package
        written = {
            "documents": made.documents_written,
            "document_lines": {r["line_id"] for r in rows if r["id"] not in unsure},
        }
        apply.check_references(self.session, self.content, tbl, by_id, written)
        lines = self._lines_of([by_id[i] for i in unsure]) if unsure else {}
        linked: list[dict[str, Any]] = []
        known: list[SimpleNamespace] = []
        for row in rows:
            movement = SimpleNamespace(**{keys[c]: v for c, v in row.items()})
            chain = self._chain(movement.depot_id)
            where = f"{self.depots[movement.depot_id]}第 {movement.seq} 条流水"
            if movement.seq <= chain.seq:
                known.append(movement)
                continue
            if movement.seq != chain.seq + 1:
                raise PackageConflict(
                    reason=f"{where}不连续：本库只到第 {chain.seq} 条，请先导入对方之前的数据包"
                )
            if (
                movement.prev_hash != chain.hash
                or movement_hash(movement.prev_hash, movement) != movement.hash  # type: ignore[arg-type]
            ):
                raise PackageConflict(reason=f"{where}的哈希链对不上，流水可能被改动过")
            wrong = None
            if movement.id in unsure:
                line, document = lines.get(movement.line_id, (None, None))
                wrong = journal.differs(movement, line, document)
            if wrong is not None:
                raise PackageConflict(
                    reason=f"{where}的{wrong}与它所属的单据行不符：数据包中的流水不是单据过账所得，"
                    "可能被改动过"
                )
            chain.seq, chain.hash = movement.seq, movement.hash
            key = (movement.depot_id, movement.item_id, movement.lot)
            self.balances.add(key, movement.quantity, movement.expiry)
            linked.append(audited.complete(tbl, row))
        self._known(known)
        self.insert(tbl, linked)
        self.balances.write()
        self.stats["movements"][0] += len(linked)

    def _chain(self, depot_id: uuid.UUID) -> Chain:
        """A depot's chain, locked, and its balances read, when the depot first comes."""
        chain = self.chains.get(depot_id)
        if chain is None:
            chain = self.chains[depot_id] = journal.lock_chains(self.session, {depot_id})[depot_id]
            self.balances.load({depot_id})
            name = self.session.scalar(select(Depot.name).where(Depot.id == depot_id))
            self.depots[depot_id] = name or "仓库"
        return chain

    def _known(self, movements: list[SimpleNamespace]) -> None:
        """Movements this database has already must be the very same links."""
        movs = registry.table("movements")
        by_id = {m.id: m for m in movements}
        found: dict[uuid.UUID, tuple[Any, ...]] = {}
        for batch in chunks(by_id):
            query = select(movs.c.id, movs.c.depot_id, movs.c.seq, movs.c.hash).where(
                movs.c.id.in_(batch)
            )
            found.update({r.id: tuple(r[1:]) for r in self.session.execute(query)})
        for movement in movements:
            if found.get(movement.id) != (movement.depot_id, movement.seq, movement.hash):
                where = f"{self.depots[movement.depot_id]}第 {movement.seq} 条流水"
                raise PackageConflict(reason=f"{where}与本库已有的流水不同")

    def _lines_of(self, rows: list[dict[str, Any]]) -> dict[uuid.UUID, tuple[Any, Any]]:
        """The document line and document each movement names, as stored (the lines and
        documents of the package are stored already): the columns a movement is made of."""
        lines, documents = registry.table("document_lines"), registry.table("documents")
        wanted = list({r["line_id"] for r in rows})
        found: dict[uuid.UUID, tuple[Any, Any]] = {}
        columns = [*(lines.c[c] for c in _LINE), *(documents.c[c].label(f"d_{c}") for c in _DOC)]
        for start in range(0, len(wanted), IN_CHUNK):
            query = (
                select(*columns)
                .join_from(lines, documents, documents.c.id == lines.c.document_id)
                .where(lines.c.id.in_(wanted[start : start + IN_CHUNK]))
            )
            for r in self.session.execute(query):
                line = SimpleNamespace(**dict(zip(_LINE, r[: len(_LINE)], strict=True)))
                document = SimpleNamespace(**dict(zip(_DOC, r[len(_LINE) :], strict=True)))
                found[line.id] = (line, document)
        return found

    def _store_heads(self) -> None:
        """Each depot's chain head where its last imported movement left it."""
        for chain in self.chains.values():
            if chain.stored:
                self.conn.execute(
                    update(_HEADS)
                    .where(_HEADS.c.depot_id == chain.depot_id)
                    .values(seq=chain.seq, hash=chain.hash)
                )
            else:
                self.conn.execute(
                    insert(_HEADS).values(depot_id=chain.depot_id, seq=chain.seq, hash=chain.hash)
                )
                chain.stored = True


class _Doc(NamedTuple):
    """What a line's movements take from its document (:func:`journal.line_changes`)."""

    doc_type: Any
    depot_id: uuid.UUID
    dest_depot_id: uuid.UUID | None
    reverses_id: uuid.UUID | None
    doc_date: Any


class _Line(NamedTuple):
    quantity: Any
    counted_quantity: Any
    book_quantity: Any


class Made:
    """The movements the package's lines make, each as a digest of what
    :func:`ledger.services.stock.journal.differs` compares (line, document, depot, item, lot,
    expiry, date, quantity): a movement is checked against its line without reading it back.
    A movement not found here is checked against its line as stored."""

    def __init__(self) -> None:
        self._documents: dict[uuid.UUID, _Doc] = {}
        self._made: set[bytes] = set()

    @property
    def documents_written(self) -> Container[uuid.UUID]:
        """The ids of the documents this import has written."""
        return self._documents.keys()

    def documents(self, rows: list[dict[str, Any]]) -> None:
        """Remember what the lines of these documents need of them."""
        for row in rows:
            self._documents[row["id"]] = _Doc(*(row[c] for c in _DOC[1:]))

    def lines(self, rows: list[dict[str, Any]]) -> None:
        """Note the movements these lines make (their documents came first)."""
        documents, made = self._documents, self._made
        for row in rows:
            document = documents.get(row["document_id"])
            if document is None:
                continue
            line = _Line(row["quantity"], row["counted_quantity"], row["book_quantity"])
            changes = journal.line_changes(cast(Any, document), cast(Any, line))
            for depot_id, quantity in changes.items():
                key = (row["id"], row["document_id"], depot_id, row["item_id"], row["expiry"])
                made.add(_digest(*key, document.doc_date, quantity, row["lot"]))

    def makes(self, movement: dict[str, Any]) -> bool:
        """Whether one of the package's lines makes ``movement`` (a row of movements)."""
        m = movement
        return _digest(m["line_id"], m["document_id"], m["depot_id"], m["item_id"], m["expiry"],
                       m["occurred_on"], m["quantity"], m["lot"]) in self._made  # fmt: skip


def _digest(*values: Any) -> bytes:
    """A short digest of the values (the last, a lot, is the only free text: unambiguous)."""
    return hashlib.blake2b("|".join(map(str, values)).encode(), digest_size=16).digest()
