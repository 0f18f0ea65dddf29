"""Writing a checked package into the database: records by UUID, movements on their chains.

Records are updated through the ORM, so each change writes its audit row as any other change
does; new ones are inserted in batches with the same audit rows (:mod:`audited`). A record
equal to the one stored changes nothing, which makes a second import of the same content a
no-op. Posted records (documents, lines, movements) are only ever added; one that differs from
the stored one is a conflict. Movements join their depot's hash chain only if they continue it
exactly: next number, previous hash, and their own hash.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Table, select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from ledger.core.errors import PackageConflict
from ledger.models import Depot, Movement
from ledger.models.stock import movement_hash
from ledger.services.exchange import audited, registry
from ledger.services.exchange.ownership import chunks, existing_ids
from ledger.services.exchange.registry import ORG_UNITS, describe, label
from ledger.services.stock import journal

Rows = dict[uuid.UUID, dict[str, Any]]


@dataclass
class Content:
    """A package's records, decoded: own records, referenced records, deletions."""

    data: dict[str, Rows] = field(default_factory=dict)
    refs: dict[str, Rows] = field(default_factory=dict)
    deleted: list[tuple[str, uuid.UUID]] = field(default_factory=list)
    #: Ids of ``data`` and ``refs`` rows already in the database, per table.
    existing: dict[str, set[uuid.UUID]] = field(default_factory=dict)
    existing_refs: dict[str, set[uuid.UUID]] = field(default_factory=dict)


@dataclass(frozen=True)
class Root:
    """The sender's own unit, and whether this database had it before."""

    unit_id: uuid.UUID
    known: bool


def apply(
    session: Session,
    content: Content,
    root: Root,
    streamed: Callable[[Table], None] | None = None,
    stats: dict[str, list[int]] | None = None,
) -> dict[str, list[int]]:
    """Write ``content``; return per table [added, updated, deleted].

    With ``streamed``, the posted tables (:data:`registry.STREAMED`) are written by it, in
    their turn among the tables, after their referenced records in ``content``.

    Raises:
        PackageConflict: a record does not fit (a posted record differs, a code is taken by
            another record, a reference is missing, a movement does not continue its chain).
    """
    if stats is None:
        stats = defaultdict(lambda: [0, 0, 0])
    writer = _Writer(session, content, root, stats)
    deferred = writer.delete(content.deleted, tolerate=True)
    for tbl in registry.travelling_tables():
        refs, rows = content.refs.get(tbl.name), content.data.get(tbl.name)
        if refs:
            writer.add_missing(tbl, refs)
        if streamed is not None and tbl.name in registry.STREAMED:
            writer.flush(tbl)
            streamed(tbl)
        elif rows and tbl.name == "movements":
            writer.movements(tbl, rows)
        elif rows:
            writer.upsert(tbl, rows)
        writer.flush(tbl)
    writer.delete(deferred, tolerate=False)
    return stats


class _Writer:
    def __init__(
        self, session: Session, content: Content, root: Root, stats: dict[str, list[int]]
    ) -> None:
        self.session = session
        self.content = content
        self.root = root
        self.stats = stats

    def flush(self, tbl: Table) -> None:
        try:
            self.session.flush()
        except IntegrityError as error:
            raise PackageConflict(reason=f"{label(tbl.name)}无法写入（{error.orig}）") from error

    # --- deletions -----------------------------------------------------------------------

    def delete(
        self, tombstones: list[tuple[str, uuid.UUID]], *, tolerate: bool
    ) -> list[tuple[str, uuid.UUID]]:
        """Delete records, children first; with ``tolerate``, put off those still in use."""
        order = [t.name for t in registry.travelling_tables()]
        deferred = []
        for table_name, row_id in sorted(tombstones, key=lambda t: -order.index(t[0])):
            obj = self.session.get(registry.model_for(table_name), row_id)
            if obj is None:
                continue
            try:
                with self.session.begin_nested():
                    self.session.delete(obj)
                    self.session.flush()
            except IntegrityError as error:
                if not tolerate:
                    reason = f"{label(table_name)}仍被其他记录使用，不能删除（{error.orig}）"
                    raise PackageConflict(reason=reason) from error
                deferred.append((table_name, row_id))
                continue
            self.stats[table_name][2] += 1
        return deferred

    # --- records -------------------------------------------------------------------------

    def add_missing(self, tbl: Table, rows: Rows) -> None:
        """Referenced records: added where missing, never changed."""
        missing = {k: v for k, v in rows.items() if k not in existing_ids(self.session, tbl, rows)}
        if not missing:
            return
        self._check_natural_keys(tbl, missing)
        self._check_references(tbl, missing)
        model, keys = registry.model_for(tbl.name), registry.attribute_keys(tbl.name)
        for row in _parents_first(tbl, missing):
            self.session.add(model(**{keys[c]: v for c, v in row.items()}))
            self.stats[tbl.name][0] += 1

    def upsert(self, tbl: Table, rows: Rows) -> None:
        """The sender's records: added, or updated where they differ."""
        existing = self.content.existing.get(tbl.name, set())
        new = {k: v for k, v in rows.items() if k not in existing}
        self._root_parent(tbl, rows)
        self._check_natural_keys(tbl, new)
        self._check_references(tbl, rows)
        model, keys = registry.model_for(tbl.name), registry.attribute_keys(tbl.name)
        loaded = {}
        for batch in chunks(existing & set(rows)):
            loaded.update(
                {o.id: o for o in self.session.scalars(select(model).where(model.id.in_(batch)))}
            )
        immutable = registry.travel(tbl.name).immutable
        ordered = _parents_first(tbl, rows)
        if tbl.name not in audited.BY_ORM:
            added = [row for row in ordered if row["id"] not in loaded]
            if added:  # after the references the session holds, before the records changed
                self.flush(tbl)
                audited.add_new(self.session, tbl, added)
                self.stats[tbl.name][0] += len(added)
        for row in ordered:
            obj = loaded.get(row["id"])
            if obj is None and tbl.name not in audited.BY_ORM:
                continue
            if obj is None:
                self.session.add(model(**{keys[c]: v for c, v in row.items()}))
                self.stats[tbl.name][0] += 1
            elif _assign(obj, row, keys):
                if immutable:
                    what = describe(tbl.name, row)
                    raise PackageConflict(reason=f"已过账的{what}与本库中的不同")
                self.stats[tbl.name][1] += 1

    def _root_parent(self, tbl: Table, rows: Rows) -> None:
        """The sender does not move its own unit: keep where this database has it."""
        row = rows.get(self.root.unit_id) if tbl.name == ORG_UNITS else None
        if row is None:
            return
        if self.root.known:
            row.pop("parent_id", None)
        elif row.get("parent_id") is not None and not self._exists(tbl, row["parent_id"]):
            row["parent_id"] = None

    def _exists(self, tbl: Table, row_id: uuid.UUID) -> bool:
        in_package = row_id in self.content.data.get(
            tbl.name, {}
        ) or row_id in self.content.refs.get(tbl.name, {})
        return in_package or bool(existing_ids(self.session, tbl, [row_id]))

    def _check_natural_keys(self, tbl: Table, new: Rows) -> None:
        check_natural_keys(self.session, tbl, new)

    def _check_references(self, tbl: Table, rows: Rows) -> None:
        check_references(self.session, self.content, tbl, rows)

    # --- movements -----------------------------------------------------------------------

    def movements(self, tbl: Table, rows: Rows) -> None:
        """Movements that continue their depots' chains and are what their document lines
        make (:func:`ledger.services.stock.journal.disagreement`); the journal stores them,
        and balances and chain heads follow."""
        self._check_references(tbl, rows)
        keys = registry.attribute_keys(tbl.name)
        by_depot: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
        for row in rows.values():
            by_depot[row["depot_id"]].append(row)
        self.session.flush()
        chains = journal.lock_chains(self.session, set(by_depot))
        linked: list[SimpleNamespace] = []
        for depot_id in sorted(by_depot):
            chain = chains[depot_id]
            depot = self.session.scalar(select(Depot.name).where(Depot.id == depot_id))
            for row in sorted(by_depot[depot_id], key=lambda r: r["seq"]):
                movement = SimpleNamespace(**{keys[c]: v for c, v in row.items()})
                if self._link(chain, movement, depot or "仓库"):
                    linked.append(movement)
        journal.append_received(self.session, linked, chains)

    def _link(self, chain: journal.Chain, movement: SimpleNamespace, depot: str) -> bool:
        where = f"{depot}第 {movement.seq} 条流水"
        if movement.seq <= chain.seq:
            stored = self.session.scalars(
                select(Movement).where(
                    Movement.depot_id == movement.depot_id, Movement.seq == movement.seq
                )
            ).first()
            if stored is None or stored.id != movement.id or stored.hash != movement.hash:
                raise PackageConflict(reason=f"{where}与本库已有的流水不同")
            return False
        if movement.seq != chain.seq + 1:
            raise PackageConflict(
                reason=f"{where}不连续：本库只到第 {chain.seq} 条，请先导入对方之前的数据包"
            )
        if (
            movement.prev_hash != chain.hash
            or movement_hash(movement.prev_hash, movement) != movement.hash  # type: ignore[arg-type]
        ):
            raise PackageConflict(reason=f"{where}的哈希链对不上，流水可能被改动过")
        wrong = journal.disagreement(self.session, movement)
        if wrong is not None:
            raise PackageConflict(
                reason=f"{where}的{wrong}与它所属的单据行不符：数据包中的流水不是单据过账所得，"
                "可能被改动过"
            )
        chain.seq, chain.hash = movement.seq, movement.hash
        self.stats["movements"][0] += 1
        return True


def check_natural_keys(session: Session, tbl: Table, new: Rows) -> None:
    """A new record may not take the code, number or serial of another stored record."""
    for key in registry.natural_keys(tbl):
        values = {
            tuple(r.get(c) for c in key): r
            for r in new.values()
            if all(r.get(c) is not None for c in key)
        }
        if not values:
            continue
        columns = [tbl.c[c] for c in key]
        for batch in chunks(list(values)):
            query = select(tbl.c.id, *columns).where(
                tuple_in(columns, batch), tbl.c.id.not_in([values[v]["id"] for v in batch])
            )
            clash = session.execute(query).first()
            if clash is not None:
                row = values[tuple(clash[1:])]
                raise PackageConflict(
                    reason=f"{describe(tbl.name, row)}在本库中已存在，但不是同一条记录"
                    "（编号不同）：同一条记录应只在一处建立，再用数据包传给其他办公室"
                )


def check_references(
    session: Session,
    content: Content,
    tbl: Table,
    rows: Rows,
    written: Mapping[str, Container[uuid.UUID]] | None = None,
) -> None:
    """Every record a row refers to is in the package, among ``rows`` or in this database
    (``written``: per table, ids this import has written already, not looked up again)."""
    for column, target in registry.foreign_keys(tbl):
        wanted = {r[column.name] for r in rows.values() if r.get(column.name) is not None}
        wanted -= content.data.get(target.name, {}).keys()
        wanted -= content.refs.get(target.name, {}).keys()
        if written is not None and target.name in written:
            present = written[target.name]
            wanted = {w for w in wanted if w not in present}
        if target is tbl:
            wanted -= set(rows)
        missing = wanted - existing_ids(session, target, wanted)
        if missing:
            row = next(r for r in rows.values() if r.get(column.name) in missing)
            raise PackageConflict(
                reason=f"{describe(tbl.name, row)}引用的{label(target.name)}"
                f"（编号 {str(row[column.name])[:8]}）在本库和数据包中都没有："
                "请先导入对方之前的数据包，或请对方导出完整数据包"
            )


def tuple_in(columns: list[Any], values: list[tuple[Any, ...]]) -> Any:
    """SQL: ``(a, b) IN ((…), (…))``, or ``a IN (…)`` for one column."""
    if len(columns) == 1:
        return columns[0].in_([v[0] for v in values])
    return tuple_(*columns).in_(values)


def _assign(obj: Any, row: dict[str, Any], keys: dict[str, str]) -> bool:
    """Set the attributes that differ; the sender's ``updated_at`` stays, not the time now."""
    changed = False
    for column, value in row.items():
        if getattr(obj, keys[column]) != value:
            setattr(obj, keys[column], value)
            changed = True
    if changed and "updated_at" in row:
        flag_modified(obj, keys["updated_at"])
    return changed


def _parents_first(tbl: Table, rows: Rows) -> list[dict[str, Any]]:
    """Rows ordered so that a row another row of the same table refers to comes first."""
    self_refs = [c.name for c, target in registry.foreign_keys(tbl) if target is tbl]
    if not self_refs:
        return list(rows.values())
    ordered: list[dict[str, Any]] = []
    placed: set[uuid.UUID] = set()

    def place(row_id: uuid.UUID, path: frozenset[uuid.UUID]) -> None:
        if row_id in placed or row_id in path or row_id not in rows:
            return
        row = rows[row_id]
        for column in self_refs:
            if row.get(column) is not None:
                place(row[column], path | {row_id})
        placed.add(row_id)
        ordered.append(row)

    for row_id in sorted(rows, key=str):
        place(row_id, frozenset())
    return ordered
