"""Exporting a package (导出数据交换包): an office's records, full or changed since the last one.

A full package holds every record the office answers for; an incremental one the records
changed since an earlier package (by ``updated_at`` or ``posted_at`` with an hour's overlap,
which the receiver's idempotent import absorbs; movements exactly, by each depot's chain
position). A package also carries the catalogue records its records use and the units above
the office, and the records deleted since (from the audit log). A county-level office sends
the whole shared catalogue, which flows down to its towns.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Table, and_, func, or_, select
from sqlalchemy.orm import Session

import ledger
from ledger.core.actor import Actor
from ledger.core.enums import Level
from ledger.core.errors import InvalidValue
from ledger.models import AuditRow, ChainHead, Depot, OrgUnit, utcnow
from ledger.models.exchange import SentPackage
from ledger.services.accounts import permissions
from ledger.services.accounts.permissions import Action
from ledger.services.closing import checkpoints
from ledger.services.common import lookup
from ledger.services.common.snapshot import one_snapshot
from ledger.services.exchange import codec, manifest, ownership, registry, signing
from ledger.services.exchange.ownership import OrgTree, chunks, home_clause
from ledger.services.exchange.schema import schema_heads

#: Incremental packages reach back this far before the last one, for transactions that were
#: still open when it was taken (and for clocks a little apart).
OVERLAP = timedelta(hours=1)
FULL, INCREMENTAL = "full", "incremental"


#: Rows fetched from the database at a time while a posted table streams out.
FETCH = 2000
#: How often (rows) export reports progress.
EVERY = 20000

Report = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Exported:
    """A package made: its bytes (empty when written to ``out``), number and kind, and its
    rows per kind of record."""

    data: bytes
    seq: int
    kind: str
    since_seq: int | None
    unit_code: str
    unit_name: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        """Rows in the package."""
        return sum(self.counts.values())


def export_package(
    session: Session,
    actor: Actor,
    unit: str | uuid.UUID,
    *,
    key_dir: Path,
    since: int | None = None,
    full: bool = False,
    now: datetime | None = None,
    overlap: timedelta = OVERLAP,
    out: IO[bytes] | None = None,
    progress: Report | None = None,
) -> Exported:
    """Make the package of ``unit``'s records and record it as sent.

    The posted records stream from the database into the zip a row at a time, so memory
    stays small whatever the package's size.

    Args:
        unit: the office's unit (code or id).
        key_dir: the folder of private key files.
        since: base the incremental package on this earlier package number (default: the
            last package of the unit); ignored with ``full``.
        full: every record, whatever was sent before.
        now: the snapshot time (default: now).
        overlap: how far before the last package an incremental one reaches back.
        out: write the package into this file (then ``data`` of the result is empty).
        progress: called with (rows written, rows in all, what) as the package grows.

    Raises:
        UnknownRecord: no such unit.
        InvalidValue: ``since`` names no package of this unit.
        SigningKeyMissing: this PC lacks the installation's private key.
    """
    one_snapshot(session)  # the whole package from one snapshot: no half-committed postings
    with session.begin_nested():
        return _export(
            session, actor, unit, key_dir, since, full, now, overlap, out, progress or _quiet
        )


def _quiet(done: int, total: int = 0, text: str = "") -> None:
    """Progress nobody watches."""


def _export(
    session: Session,
    actor: Actor,
    unit: str | uuid.UUID,
    key_dir: Path,
    since: int | None,
    full: bool,
    now: datetime | None,
    overlap: timedelta,
    out: IO[bytes] | None,
    progress: Report,
) -> Exported:
    office = lookup.by_key(session, OrgUnit, unit)
    permissions.require(session, actor, Action.EXCHANGE_EXPORT, unit_id=office.id)
    identity, key = signing.ensure_installation(session, key_dir)
    identity.unit_code = identity.unit_code or office.code
    base = None if full else _base(session, identity.installation_id, office, since)
    snapshot = now or utcnow()
    tree = OrgTree.load(session)
    claimed = ownership.own_units(session) | set(ownership.sender_units(session, tree))
    units = tree.owned_by(office.id, claimed)
    marks = _depot_marks(session, units)
    builder = _Builder(session, units, base, marks, overlap)
    target = out if out is not None else io.BytesIO()
    writer = manifest.Writer(target)
    builder.build(writer, progress, authority=office.level.rank <= Level.COUNTY.rank)
    identity.last_seq += 1
    body = _manifest(identity, office, base, snapshot, builder.counts, session)
    checkpoints.take(session, "export", key_dir, now=snapshot)
    body["checkpoints"] = checkpoints.for_package(session)
    manifest_bytes = writer.finish(body, lambda b: signing.sign(key, b))
    data = target.getvalue() if isinstance(target, io.BytesIO) else b""
    session.add(
        SentPackage(
            installation_id=identity.installation_id,
            seq=identity.last_seq,
            unit_id=office.id,
            kind=body["kind"],
            since_seq=base.seq if base else None,
            watermark=snapshot,
            depot_marks={str(k): v for k, v in marks.items()},
            counts=builder.counts,
            digest=hashlib.sha256(manifest_bytes).hexdigest(),
            created_by=actor.username,
        )
    )
    session.flush()
    counts = {_count_label(t): n for t, n in builder.counts.items() if n}
    return Exported(
        data,
        identity.last_seq,
        body["kind"],
        body["since_sequence"],
        office.code,
        office.name,
        counts,
    )


def _count_label(key: str) -> str:
    if key == "deleted":
        return "删除的记录"
    if key.startswith("ref:"):
        return f"{registry.label(key[4:])}（引用）"
    return registry.label(key)


def _base(
    session: Session, installation_id: uuid.UUID, office: OrgUnit, since: int | None
) -> SentPackage | None:
    query = select(SentPackage).where(
        SentPackage.installation_id == installation_id, SentPackage.unit_id == office.id
    )
    if since is None:
        return session.scalars(query.order_by(SentPackage.seq.desc())).first()
    found = session.scalars(query.where(SentPackage.seq == since)).first()
    if found is None:
        raise InvalidValue(
            where="导出数据包",
            field="基于的数据包号",
            value=str(since),
            reason="本机没有导出过该单位的这个数据包",
        )
    return found


def _depot_marks(session: Session, units: set[uuid.UUID]) -> dict[uuid.UUID, int]:
    marks: dict[uuid.UUID, int] = {}
    for batch in chunks(units):
        query = (
            select(ChainHead.depot_id, ChainHead.seq)
            .join(Depot, Depot.id == ChainHead.depot_id)
            .where(Depot.unit_id.in_(batch))
        )
        marks.update({depot_id: seq for depot_id, seq in session.execute(query)})
    return marks


def _manifest(
    identity: Any,
    office: OrgUnit,
    base: SentPackage | None,
    snapshot: datetime,
    counts: dict[str, int],
    session: Session,
) -> dict[str, Any]:
    return {
        "format": manifest.FORMAT,
        "format_version": manifest.FORMAT_VERSION,
        "app_version": ledger.__version__,
        "schema": schema_heads(session),
        "sender": {
            "installation_id": str(identity.installation_id),
            "public_key": identity.public_key,
            "unit_code": office.code,
            "unit_id": str(office.id),
            "unit_name": office.name,
            "unit_level": office.level.value,
        },
        "sequence": identity.last_seq,
        "kind": INCREMENTAL if base else FULL,
        "since_sequence": base.seq if base else None,
        "created_at": snapshot.isoformat(timespec="microseconds"),
        "counts": {name: n for name, n in counts.items() if n},
    }


class _Builder:
    """Selects the rows of one package and writes its files: the posted records streamed
    from the database, the other (thousands, not millions) gathered first."""

    def __init__(
        self,
        session: Session,
        units: set[uuid.UUID],
        base: SentPackage | None,
        marks: dict[uuid.UUID, int],
        overlap: timedelta,
    ) -> None:
        self.session = session
        self.units = units
        self.base = base
        self.marks = marks
        self.since = base.watermark - overlap if base else None
        self.rows: dict[str, dict[uuid.UUID, dict[str, Any]]] = {}
        self.refs: dict[str, dict[uuid.UUID, dict[str, Any]]] = {}
        self.counts: dict[str, int] = {}
        #: Ids of the streamed documents (other records may refer to them).
        self.streamed: dict[str, set[uuid.UUID]] = {}
        #: Records the streamed rows refer to, per table, whether held or not.
        self.wanted: dict[str, set[uuid.UUID]] = {}

    def build(self, writer: manifest.Writer, progress: Report, *, authority: bool) -> None:
        tables = registry.travelling_tables()
        for tbl in tables:
            if registry.is_home_table(tbl.name) and tbl.name not in registry.STREAMED:
                self.rows[tbl.name] = self._own_rows(tbl)
        for tbl in tables:
            if not registry.is_home_table(tbl.name):
                self._shared(tbl, authority)
        self._stream(writer, progress)
        self._closure()
        for tbl in tables:
            for prefix, source in (("data", self.rows), ("ref", self.refs)):
                rows = source.get(tbl.name)
                if rows:
                    name = f"{prefix}/{tbl.name}.jsonl"
                    for key in sorted(rows, key=str):
                        writer.write(name, codec.dumps_line(rows[key]))
                    member = tbl.name if prefix == "data" else f"ref:{tbl.name}"
                    self.counts[member] = len(rows)
        deleted = _tombstones(self.session, self.units, self.since)
        for row in deleted:
            writer.write(manifest.DELETED, codec.dumps_line(row))
        if deleted:
            self.counts["deleted"] = len(deleted)

    # --- the posted records, streamed ----------------------------------------------------

    def _stream(self, writer: manifest.Writer, progress: Report) -> None:
        queries = self._streamed_queries()
        total = sum(
            self.session.scalar(select(func.count()).select_from(q.order_by(None).subquery())) or 0
            for q in queries.values()
        )
        done = 0
        for name, query in queries.items():
            tbl = registry.table(name)
            file_name = manifest.data_file(name)
            label = registry.label(name)
            keep = self.streamed.setdefault(name, set()) if name == "documents" else None
            links = [
                (column.name, target.name)
                for column, target in registry.foreign_keys(tbl)
                if target.name in registry.TRAVEL and target.name != "document_lines"
            ]
            result = self.session.execute(query.execution_options(yield_per=FETCH))
            for row in result:
                values = row._mapping
                if keep is not None:
                    keep.add(values["id"])
                for column, target in links:
                    value = values[column]
                    if value is not None:
                        self.wanted.setdefault(target, set()).add(value)
                writer.write(file_name, codec.dumps_line(codec.encode_row(tbl, values)))
                done += 1
                if done % EVERY == 0:
                    progress(done, total, label)
            if writer.rows(file_name):
                self.counts[name] = writer.rows(file_name)
        progress(done, total, "")

    def _streamed_queries(self) -> dict[str, Any]:
        """The posted records of the package: the office's documents (those posted since the
        last package, for an incremental one) and the documents of its movements, their
        lines, and the movements past each depot's last sent one. Lines of a movement's
        document always travel with it, so a movement's line needs no reference."""
        documents = registry.table("documents")
        lines = registry.table("document_lines")
        movements = registry.table("movements")
        moved = home_clause(movements, self.units) & self._movement_window(movements)
        own = home_clause(documents, self.units)
        if self.since is not None:
            own = own & (documents.c.posted_at > self.since)
        chosen = own | documents.c.id.in_(select(movements.c.document_id).where(moved))
        order = registry.STREAMED
        return {
            "documents": select(documents)
            .where(chosen)
            .order_by(*(documents.c[c] for c in order["documents"])),
            "document_lines": select(lines).where(
                lines.c.document_id.in_(select(documents.c.id).where(chosen))
            ),
            "movements": select(movements)
            .where(moved)
            .order_by(*(movements.c[c] for c in order["movements"])),
        }

    def _own_rows(self, tbl: Table) -> dict[uuid.UUID, dict[str, Any]]:
        query = select(tbl).where(home_clause(tbl, self.units))
        since = registry.travel(tbl.name).since
        if since == "" and self.since is not None:
            parent_col = registry.travel(tbl.name).home[0]
            parents = list(self.rows.get(registry.target_of(tbl, parent_col).name, {}))
            return self._select_in(tbl, tbl.c[parent_col], parents)
        if since not in ("", "seq") and self.since is not None:
            query = query.where(tbl.c[since] > self.since)
        return {r.id: codec.encode_row(tbl, r._mapping) for r in self.session.execute(query)}

    def _movement_window(self, tbl: Table) -> Any:
        sent = self.base.depot_marks if self.base else {}
        windows = [
            and_(
                tbl.c.depot_id == depot_id,
                tbl.c.seq > int(sent.get(str(depot_id), 0)),
                tbl.c.seq <= mark,
            )
            for depot_id, mark in self.marks.items()
        ]
        return or_(*windows) if windows else tbl.c.id.is_(None)

    def _select_in(self, tbl: Table, column: Any, values: Any) -> dict[uuid.UUID, dict[str, Any]]:
        found: dict[uuid.UUID, dict[str, Any]] = {}
        for batch in chunks(values):
            for r in self.session.execute(select(tbl).where(column.in_(batch))):
                found[r.id] = codec.encode_row(tbl, r._mapping)
        return found

    def _shared(self, tbl: Table, authority: bool) -> None:
        """Catalogue rows: a county sends every changed one (the rest go as references)."""
        if not authority:
            return
        query = select(tbl)
        if self.since is not None:
            query = query.where(tbl.c.updated_at > self.since)
        self.rows[tbl.name] = {
            r.id: codec.encode_row(tbl, r._mapping) for r in self.session.execute(query)
        }

    def _closure(self) -> None:
        """Add, as references, the rows the package's rows refer to but does not hold: the
        catalogue entries used, the units above the office, another office's depot a
        transfer went to; so a receiver that lacks them can still place every row."""
        tables = registry.travelling_tables()
        asked: dict[str, set[uuid.UUID]] = {}
        while True:
            wanted = self._wanted(tables)
            found = False
            for tbl in tables:
                held = (
                    set(self.rows.get(tbl.name, {}))
                    | set(self.refs.get(tbl.name, {}))
                    | self.streamed.get(tbl.name, set())
                )
                missing = wanted.get(tbl.name, set()) - held - asked.get(tbl.name, set())
                if missing:
                    asked.setdefault(tbl.name, set()).update(missing)
                    refs = self.refs.setdefault(tbl.name, {})
                    refs.update(self._select_in(tbl, tbl.c.id, missing))
                    found = True
            if not found:
                return

    def _wanted(self, tables: list[Table]) -> dict[str, set[uuid.UUID]]:
        wanted: dict[str, set[uuid.UUID]] = {k: set(v) for k, v in self.wanted.items()}
        for tbl in tables:
            for source in (self.rows.get(tbl.name, {}), self.refs.get(tbl.name, {})):
                for column, target in registry.foreign_keys(tbl):
                    if target.name not in registry.TRAVEL:
                        continue
                    ids = wanted.setdefault(target.name, set())
                    ids.update(uuid.UUID(r[column.name]) for r in source.values() if r[column.name])
        return wanted


def _tombstones(
    session: Session, units: set[uuid.UUID], since: datetime | None
) -> list[dict[str, Any]]:
    """Records of the office deleted since ``since`` (all deletions for a full package)."""
    home_tables = [t.name for t in registry.travelling_tables() if registry.is_home_table(t.name)]
    query = select(AuditRow).where(AuditRow.action == "delete", AuditRow.table.in_(home_tables))
    if since is not None:
        query = query.where(AuditRow.at > since)
    deleted = [
        (row.table, row.row_id, row.before or {})
        for row in session.scalars(query.order_by(AuditRow.id))
        if row.row_id is not None
    ]
    overlay: dict[str, dict[uuid.UUID, dict[str, Any]]] = {}
    for table_name, row_id, before in deleted:
        overlay.setdefault(table_name, {})[row_id] = _before_row(registry.table(table_name), before)
    resolver = ownership.HomeResolver(session, overlay)
    return [
        {"table": table_name, "id": str(row_id)}
        for table_name, row_id, _ in deleted
        if resolver.home(table_name, overlay[table_name][row_id]) in units
    ]


def _before_row(tbl: Table, before: dict[str, Any]) -> dict[str, Any]:
    """An audit ``before`` image with its key columns as UUIDs again."""
    row: dict[str, Any] = {}
    for column in tbl.columns:
        value = before.get(column.name)
        if value is not None and (column.foreign_keys or column.primary_key):
            try:
                value = uuid.UUID(str(value))
            except ValueError:
                value = None
        row[column.name] = value
    return row
