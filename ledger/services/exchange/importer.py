"""Importing a package (导入数据交换包): trust it, check whose records it holds, apply it whole.

In order: the package is unzipped; its sender must be registered here (one PC per unit), its
signature must verify with the registered key, every file must match the signed checksums,
its schema must be one this program knows, and its number must follow the last one imported
from that PC. Then every record must belong to the sender: its home unit's nearest claimed
unit (see :mod:`ledger.services.exchange.ownership`) must be the sender's unit. Records this
office answers for itself are left as they are (a county's package echoes a town's own
records). Only then is anything written, in the caller's transaction: all or nothing.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import Level
from ledger.core.errors import (
    ForeignRecords,
    OwnPackage,
    PackageConflict,
    PackageDamaged,
    PackageOutOfOrder,
    PackageReplayed,
    PackageSequenceClash,
    PackageSignatureInvalid,
    PackageTooNew,
    SenderRetired,
    TwoInstallations,
    UnknownSender,
)
from ledger.models import utcnow
from ledger.models.exchange import ReceivedPackage, Sender
from ledger.services.accounts import permissions
from ledger.services.accounts.permissions import Action
from ledger.services.closing import checkpoints
from ledger.services.common.atomic import atomic
from ledger.services.exchange import (
    apply,
    codec,
    guard,
    manifest,
    ownership,
    registry,
    signing,
    stream,
)
from ledger.services.exchange.apply import Content
from ledger.services.exchange.ownership import HomeResolver, OrgTree
from ledger.services.exchange.registry import ORG_UNITS
from ledger.services.exchange.schema import unknown_revisions

EXAMPLES = 5


@dataclass(frozen=True)
class Change:
    """What an import did to one kind of record."""

    table: str
    label: str
    added: int
    updated: int
    deleted: int


@dataclass(frozen=True)
class Imported:
    """The outcome of an import: whose package it was and what it changed."""

    unit_code: str
    unit_name: str
    seq: int
    kind: str
    installation_id: uuid.UUID
    changes: tuple[Change, ...]
    skipped: int = 0

    @property
    def added(self) -> int:
        """Records added."""
        return sum(c.added for c in self.changes)

    @property
    def updated(self) -> int:
        """Records updated."""
        return sum(c.updated for c in self.changes)

    @property
    def deleted(self) -> int:
        """Records deleted."""
        return sum(c.deleted for c in self.changes)

    def summary(self) -> list[str]:
        """The report in Chinese, one line per kind of record changed."""
        kind = "完整" if self.kind == "full" else "增量"
        head = (
            f"已导入{self.unit_name}（{self.unit_code}）的第 {self.seq} 号数据包（{kind}）："
            f"新增 {self.added} 条，更新 {self.updated} 条，删除 {self.deleted} 条"
        )
        lines = [head]
        lines += [
            f"  {c.label}：新增 {c.added}，更新 {c.updated}，删除 {c.deleted}"
            for c in self.changes
            if c.added or c.updated or c.deleted
        ]
        if self.skipped:
            lines.append(f"  本办公室自己的记录 {self.skipped} 条保持不变")
        return lines


@atomic
def import_package(
    session: Session,
    actor: Actor,
    data: manifest.Source,
    *,
    name: str = "",
    progress: Callable[[int, int, str], None] | None = None,
) -> Imported:
    """Check a package and apply it whole, or refuse it and change nothing.

    ``data`` is the package's bytes, its file name or an open file; a format 2 package's
    posted records are read from it a batch at a time (memory stays small whatever its
    size). ``progress`` is called with (records written, records in all, what).

    Raises:
        PackageDamaged, PackageUnsigned, PackageSignatureInvalid, PackageTampered,
        PackageTooNew: the file is not a sound package of a registered sender.
        UnknownSender, TwoInstallations, SenderRetired, OwnPackage: wrong sender.
        PackageReplayed, PackageOutOfOrder, PackageSequenceClash: wrong number.
        ForeignRecords: a record does not belong to the sender.
        PackageConflict: the records do not fit this database.
    """
    permissions.require(session, actor, Action.EXCHANGE_IMPORT)
    name = name or "数据包"
    package = manifest.open_package(data, name)
    try:
        return _import(session, actor, package, name, progress or _quiet)
    finally:
        package.close()


def _quiet(done: int, total: int = 0, text: str = "") -> None:
    """Progress nobody watches."""


def _import(
    session: Session,
    actor: Actor,
    package: manifest.Package,
    name: str,
    progress: Callable[[int, int, str], None],
) -> Imported:
    _check_format(package)
    own = signing.installation(session)
    if own is not None and own.installation_id == package.installation_id:
        raise OwnPackage(name=name)
    sender = _sender(session, package)
    if not signing.verify(sender.public_key, package.signature, package.manifest_bytes):
        raise PackageSignatureInvalid(
            name=name, unit=sender.unit_code, installation=str(sender.installation_id)
        )
    progress(0, 0, "核对签名清单和校验和")
    package.check_files(keep=not package.streams)
    _check_versions(package)
    _check_sequence(session, package, sender)
    unit = str(package.sender.get("unit_name") or sender.unit_code)
    checkpoints.receive(session, sender, package.manifest.get("checkpoints"), name, unit)
    progress(0, 0, "检查记录的归属")
    content = _decode(package)
    root, skipped, owners = _check_owners(session, content, sender.unit_code, package)
    progress(0, 0, "写入记录")
    with guard.importing(session):
        if package.streams:
            stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
            posted = stream.Posted(session, package, content, owners, stats, unit, progress)
            stats = apply.apply(session, content, root, posted.table, stats)
            skipped += posted.skipped
        else:
            stats = apply.apply(session, content, root)
    _record(session, actor, package, sender, stats)
    changes = tuple(
        Change(t, registry.label(t), *stats[t]) for t in _ordered(stats) if any(stats[t])
    )
    return Imported(
        sender.unit_code,
        str(package.sender.get("unit_name") or sender.unit_code),
        package.seq,
        str(package.manifest.get("kind")),
        sender.installation_id,
        changes,
        skipped,
    )


def _check_format(package: manifest.Package) -> None:
    version = package.manifest.get("format_version")
    if not isinstance(version, int) or version > manifest.FORMAT_VERSION:
        raise PackageTooNew(name=package.name, what="格式版本", version=str(version))


def _sender(session: Session, package: manifest.Package) -> Sender:
    unit_code = str(package.sender.get("unit_code", ""))
    unit = f"{package.sender.get('unit_name', '')}（{unit_code}）"
    sender = session.get(Sender, package.installation_id, with_for_update=True)
    if sender is None:
        other = session.scalars(
            select(Sender).where(Sender.unit_code == unit_code, Sender.retired_at.is_(None))
        ).first()
        if other is not None:
            raise TwoInstallations(
                unit=unit,
                registered=str(other.installation_id),
                installation=str(package.installation_id),
            )
        raise UnknownSender(unit=unit, installation=str(package.installation_id))
    if sender.retired_at is not None:
        raise SenderRetired(
            installation=str(sender.installation_id),
            unit=sender.unit_code,
            retired=sender.retired_at.date().isoformat(),
        )
    if sender.unit_code != unit_code:
        raise PackageConflict(
            reason=f"此电脑登记为单位 {sender.unit_code} 的发送方，"
            f"数据包却以单位 {unit_code} 的名义导出"
        )
    return sender


def _check_versions(package: manifest.Package) -> None:
    revisions = package.manifest.get("schema") or []
    unknown = unknown_revisions([str(r) for r in revisions])
    if unknown:
        raise PackageTooNew(name=package.name, what="数据结构版本", version="、".join(unknown))


def _check_sequence(session: Session, package: manifest.Package, sender: Sender) -> None:
    seq, last = package.seq, sender.last_seq
    unit = str(package.sender.get("unit_name") or sender.unit_code)
    if seq <= last:
        prior = session.scalars(
            select(ReceivedPackage).where(
                ReceivedPackage.installation_id == sender.installation_id,
                ReceivedPackage.seq == seq,
            )
        ).first()
        if prior is not None and prior.digest != package.digest:
            raise PackageSequenceClash(unit=unit, seq=seq, installation=str(sender.installation_id))
        when = (
            f"已于 {prior.imported_at.astimezone():%Y-%m-%d %H:%M} 导入过"
            if prior is not None
            else "早于本库已导入的数据包"
        )
        raise PackageReplayed(unit=unit, seq=seq, when=when, last=last)
    if package.manifest.get("kind") != "full":
        since = package.manifest.get("since_sequence")
        if not isinstance(since, int) or since > last:
            raise PackageOutOfOrder(unit=unit, seq=seq, missing=since, last=last)


def _files(package: manifest.Package) -> Iterator[tuple[str, bytes]]:
    """The files to decode whole: all of a format 1 package; of a format 2 one, all but
    the posted records (read a batch at a time by :mod:`stream`)."""
    if not package.streams:
        yield from sorted(package.files.items())
        return
    streamed = {manifest.data_file(t) for t in registry.STREAMED}
    for file_name in package.listed():
        if file_name not in streamed:
            yield file_name, package.read(file_name)


def _decode(package: manifest.Package) -> Content:
    content = Content()
    try:
        for file_name, data in _files(package):
            if file_name == manifest.DELETED:
                content.deleted = [_tombstone(v) for v in codec.loads_lines(data)]
                continue
            prefix, _, rest = file_name.partition("/")
            table_name = rest.removesuffix(".jsonl")
            if prefix not in ("data", "ref") or table_name not in registry.TRAVEL:
                raise PackageConflict(reason=f"数据包含有不能交换的数据 {file_name}")
            tbl = registry.table(table_name)
            target = content.data if prefix == "data" else content.refs
            rows = target.setdefault(table_name, {})
            for value in codec.loads_lines(data):
                row = codec.decode_row(tbl, value)
                if table_name == ORG_UNITS:
                    _street_level(row)
                rows[row["id"]] = row
    except codec.BadRecord as error:
        raise PackageDamaged(name=package.name, reason=str(error)) from error
    return content


def _street_level(row: dict[str, Any]) -> None:
    """Programs from before 街道 was a level of its own filed 街道 under 乡镇: read them as 街道."""
    if row.get("level") is Level.TOWN and isinstance(row.get("name"), str):
        row["level"] = Level.for_town_named(row["name"])


def _tombstone(value: Any) -> tuple[str, uuid.UUID]:
    try:
        table_name, row_id = str(value["table"]), uuid.UUID(str(value["id"]))
    except (KeyError, TypeError, ValueError) as error:
        raise codec.BadRecord("删除记录格式不对") from error
    if not registry.is_home_table(table_name):
        raise codec.BadRecord(f"不能删除 {table_name} 的记录")
    return table_name, row_id


def _check_owners(
    session: Session, content: Content, code: str, package: manifest.Package
) -> tuple[apply.Root, int, _Owners]:
    """Refuse records that are not the sender's; drop those this office owns itself."""
    local = OrgTree.load(session)
    incoming = content.data.get(ORG_UNITS, {})
    root_id = local.by_code(code) or next(
        (i for i, r in incoming.items() if r.get("code") == code), None
    )
    if root_id is None:
        raise PackageConflict(reason=f"本库没有单位 {code}，数据包也没有带来它")
    result = _result_tree(local, content, root_id)
    own = ownership.own_units(session)
    claims_local = own | set(ownership.sender_units(session, local)) | {root_id}
    claims_result = own | set(ownership.sender_units(session, result)) | {root_id}
    content.existing = {
        t: ownership.existing_ids(session, registry.table(t), rows)
        for t, rows in content.data.items()
    }
    content.existing_refs = {
        t: ownership.existing_ids(session, registry.table(t), rows)
        for t, rows in content.refs.items()
    }
    checker = _Owners(session, content, local, result, root_id, own, claims_local, claims_result)
    foreign, skipped = checker.check()
    authority = result.level.get(root_id, Level.VILLAGE).rank <= Level.COUNTY.rank
    foreign += _check_shared(content, authority)
    if foreign:
        unit = str(package.sender.get("unit_name") or code)
        raise ForeignRecords(count=len(foreign), unit=unit, examples="、".join(foreign[:EXAMPLES]))
    return apply.Root(root_id, root_id in local.parent), skipped, checker


def _result_tree(local: OrgTree, content: Content, root_id: uuid.UUID) -> OrgTree:
    """The tree as it will be: the package's units placed, the sender's own unit kept put."""
    result = local.copy()
    for rows, only_missing in (
        (content.refs.get(ORG_UNITS, {}), True),
        (content.data.get(ORG_UNITS, {}), False),
    ):
        for unit_id, row in rows.items():
            if unit_id in local.parent and (only_missing or unit_id == root_id):
                continue
            result.parent[unit_id] = row.get("parent_id")
            result.code[unit_id] = str(row.get("code"))
            result.level[unit_id] = row.get("level") or Level.VILLAGE
    return result


class _Owners:
    """Checks each record's owner before and after the package would apply."""

    def __init__(
        self,
        session: Session,
        content: Content,
        local: OrgTree,
        result: OrgTree,
        root_id: uuid.UUID,
        own: set[uuid.UUID],
        claims_local: set[uuid.UUID],
        claims_result: set[uuid.UUID],
    ) -> None:
        self.content = content
        self.local, self.result = local, result
        self.root_id, self.own = root_id, own
        self.claims_local, self.claims_result = claims_local, claims_result
        self.before = HomeResolver(session, {})
        overlay = {t: dict(content.refs.get(t, {})) for t in content.refs}
        for t, rows in content.data.items():
            overlay.setdefault(t, {}).update(rows)
        self.after = HomeResolver(session, overlay)
        self.above_root = set(result.up(root_id)) - {root_id}
        self._owner_after: dict[uuid.UUID | None, uuid.UUID | None] = {}

    def check(self) -> tuple[list[str], int]:
        foreign: list[str] = []
        skipped = 0
        echoes: list[tuple[str, uuid.UUID]] = []
        for table_name, rows in self.content.data.items():
            if not registry.is_home_table(table_name):
                continue
            for row_id, row in rows.items():
                verdict = self._verdict(table_name, row_id, row)
                if verdict == "own":
                    echoes.append((table_name, row_id))
                elif verdict == "foreign":
                    foreign.append(registry.describe(table_name, row))
        ref_echoes = self._check_refs(foreign)
        for table_name, row_id in echoes:
            del self.content.data[table_name][row_id]
        for table_name, row_id in ref_echoes:
            del self.content.refs[table_name][row_id]
        skipped += len(echoes)
        kept = []
        for table_name, row_id in self.content.deleted:
            home = self.before.home_of(table_name, row_id)
            owner = self.local.owner(home, self.claims_local) if home else self.root_id
            if owner in self.own:
                skipped += 1
            elif owner != self.root_id:
                foreign.append(f"要删除的{registry.label(table_name)}（编号 {str(row_id)[:8]}）")
            else:
                kept.append((table_name, row_id))
        self.content.deleted = kept
        return foreign, skipped

    def _check_refs(self, foreign: list[str]) -> list[tuple[str, uuid.UUID]]:
        """References new here must be the sender's, or units above it; this office's own
        are left alone (they are here already, or were deleted here)."""
        echoes = []
        for table_name, rows in self.content.refs.items():
            if not registry.is_home_table(table_name):
                continue
            present = self.content.existing_refs.get(table_name, set())
            for row_id, row in rows.items():
                if row_id in present or (table_name == ORG_UNITS and row_id in self.above_root):
                    continue
                owner = self.result.owner(self.after.home(table_name, row), self.claims_result)
                if owner in self.own and owner != self.root_id:
                    echoes.append((table_name, row_id))
                elif owner != self.root_id:
                    foreign.append(registry.describe(table_name, row))
        return echoes

    def _verdict(self, table_name: str, row_id: uuid.UUID, row: dict[str, Any]) -> str:
        exists = row_id in self.content.existing.get(table_name, set())
        return self.verdict(table_name, row_id, row, exists)

    def place(self, table_name: str, row: dict[str, Any]) -> None:
        """Remember where a streamed row is (a document: the lines find their home by it)."""
        home = registry.travel(table_name).home
        self.after.overlay.setdefault(table_name, {})[row["id"]] = {
            "id": row["id"],
            **{c: row.get(c) for c in home},
        }

    def verdict(self, table_name: str, row_id: uuid.UUID, row: dict[str, Any], exists: bool) -> str:
        """Whether a record of the package is the sender's (``"ok"``), this office's own
        (``"own"``: left as it is) or another's (``"foreign"``), before and after."""
        home = self.after.home(table_name, row)
        if home not in self._owner_after:
            self._owner_after[home] = self.result.owner(home, self.claims_result)
        owners = [self._owner_after[home]]
        if exists:
            before = self.before.home_of(table_name, row_id)
            owners.append(self.local.owner(before, self.claims_local))
        if any(o in self.own and o != self.root_id for o in owners if o is not None):
            return "own"
        if self.root_id in self.own or any(o != self.root_id for o in owners):
            return "foreign"
        return "ok"


def _check_shared(content: Content, authority: bool) -> list[str]:
    """Catalogue records as the sender's own (not references) only come down from a county."""
    if authority:
        return []
    return [
        f"{registry.describe(table_name, row)}（只能由县级及以上下发）"
        for table_name, rows in content.data.items()
        if not registry.is_home_table(table_name)
        for row in rows.values()
    ]


def _record(
    session: Session,
    actor: Actor,
    package: manifest.Package,
    sender: Sender,
    stats: dict[str, list[int]],
) -> None:
    created = package.manifest.get("created_at")
    session.add(
        ReceivedPackage(
            installation_id=sender.installation_id,
            seq=package.seq,
            unit_code=sender.unit_code,
            kind=str(package.manifest.get("kind")),
            digest=package.digest,
            created_at=_moment(created),
            imported_by=actor.username,
            summary={t: v for t, v in stats.items() if any(v)},
        )
    )
    sender.last_seq = package.seq
    session.flush()


def _moment(value: Any) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return utcnow()
    return moment if moment.tzinfo else utcnow()


def _ordered(stats: dict[str, list[int]]) -> list[str]:
    order = [t.name for t in registry.travelling_tables()]
    return sorted(stats, key=lambda t: order.index(t) if t in order else len(order))
