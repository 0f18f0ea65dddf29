"""Three offices for exchange tests: a county and two towns, each with its own database.

The county builds the tree and the catalogue and sends its first package down; each town
registers the county's key, imports that package, names its own unit with its key, and the
county registers the towns' keys. From there each office changes its own records and packages
travel between them, as USB sticks would carry them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.core.actor import SYSTEM
from ledger.core.enums import Category, DocType, Level, Nature, PostKind, TeamType
from ledger.models import (
    AuditHead,
    Balance,
    Base,
    ChainHead,
    Depot,
    Item,
    Member,
    OrgUnit,
    Post,
    Team,
)
from ledger.models.engine import Database
from ledger.services.exchange import codec, export, importer, manifest, registry, signing
from ledger.services.exchange.ownership import OrgTree, home_clause
from ledger.services.stock import DocumentInput, LineInput, Posted, post_document

COUNTY, TOWN_A, TOWN_B = "410122", "410122100", "410122101"
D = date.fromisoformat


@dataclass
class Office:
    """One office: its database and the unit it keeps."""

    name: str
    db: Database
    unit: str
    keys: Path
    sent: list[bytes] = field(default_factory=list)

    @contextmanager
    def tx(self) -> Iterator[Session]:
        """One transaction on the office's database."""
        with self.db.transaction(SYSTEM) as session:
            yield session

    def export(self, **kw: Any) -> export.Exported:
        """Export a package of the office's unit (kept in :attr:`sent`)."""
        with self.tx() as s:
            made = export.export_package(s, SYSTEM, self.unit, key_dir=self.keys, **kw)
        self.sent.append(made.data)
        return made

    def receive(self, data: bytes, name: str = "包.zip") -> importer.Imported:
        """Import a package."""
        with self.tx() as s:
            return importer.import_package(s, SYSTEM, data, name=name)

    def send_to(self, other: Office, **kw: Any) -> importer.Imported:
        """Export a package and import it at ``other``."""
        return other.receive(self.export(**kw).data)

    def key_file(self) -> signing.KeyFile:
        """The office's public key file, naming its unit."""
        with self.tx() as s:
            data = signing.public_key_file(s, SYSTEM, self.keys, self.unit)
        return signing.read_key_file(data, f"{self.name}.pub")

    def register(self, other: Office, **kw: Any) -> signing.Registration:
        """Register ``other``'s key here."""
        key_file = other.key_file()
        with self.tx() as s:
            return signing.register_sender(s, SYSTEM, key_file, **kw)

    def post(self, entry: DocumentInput) -> Posted:
        """Post a document."""
        with self.tx() as s:
            return post_document(s, SYSTEM, entry)


def build_county(session: Session) -> None:
    """The county's tree (two towns with a village each), catalogue and own depot."""
    county = OrgUnit(code=COUNTY, name="示范县", level=Level.COUNTY, population=300000)
    session.add(county)
    session.flush()
    for code, name in ((TOWN_A, "城关镇"), (TOWN_B, "河口乡")):
        town = OrgUnit(code=code, name=name, level=Level.TOWN, parent_id=county.id)
        session.add(town)
        session.flush()
        village = OrgUnit(code=f"{code}201", name=f"{name}一村", level=Level.VILLAGE)
        village.parent_id = town.id
        session.add(village)
    for code, name, measure in (("WZ-001", "编织袋", "条"), ("WZ-002", "救生衣", "件")):
        session.add(Item(code=code, name=name, unit=measure, category=Category.FLOOD))
    session.flush()
    session.add(Depot(code="XK-01", name="县应急物资储备库", unit_id=county.id))
    session.flush()


def make_world(make_db: Callable[[str], Database], keys: Path) -> tuple[Office, Office, Office]:
    """A county and two towns, set up and registered both ways."""
    county = Office("县", make_db("county"), COUNTY, keys)
    town_a = Office("城关镇", make_db("town_a"), TOWN_A, keys)
    town_b = Office("河口乡", make_db("town_b"), TOWN_B, keys)
    with county.tx() as s:
        build_county(s)
    setup = county.export().data
    for town in (town_a, town_b):
        town.register(county)
        town.receive(setup, "县下发.zip")
        county.register(town)
    return county, town_a, town_b


def unit_id(session: Session, code: str) -> uuid.UUID:
    """The id of the unit with ``code``."""
    return session.scalars(select(OrgUnit.id).where(OrgUnit.code == code)).one()


def set_up_town(office: Office, tag: str) -> None:
    """A town's first records: a team with members, posts, a depot and a first receipt."""
    with office.tx() as s:
        town = unit_id(s, office.unit)
        team = Team(
            code=f"{tag}-T1",
            name=f"{office.name}综合应急救援队",
            unit_id=town,
            team_type=TeamType.COMPREHENSIVE,
            nature=Nature.PART_TIME,
        )
        s.add(team)
        s.flush()
        for name in ("张三", "李四"):
            s.add(
                Member(team_id=team.id, name=name, phone="13800000000", joined_on=D("2025-01-01"))
            )
        s.add(Post(unit_id=town, kind=PostKind.EMERGENCY_OFFICER, name="王五", phone="13900000000"))
        s.add(Post(unit_id=town, kind=PostKind.GRID_WORKER, name="赵六"))
        s.add(Depot(code=f"{tag}-K1", name=f"{office.name}物资库", unit_id=town))
        s.flush()
    office.post(receipt(f"{tag}-K1", "2026-03-01", ("WZ-001", 500, "L1"), ("WZ-002", 20, "")))


def receipt(depot: str, day: str, *lines: tuple[str, int, str]) -> DocumentInput:
    """A receipt of (item, quantity, lot) lines."""
    return DocumentInput(
        DocType.RECEIPT, depot, D(day), [LineInput(i, q, lot=lot) for i, q, lot in lines]
    )


def issue(depot: str, day: str, *lines: tuple[str, int, str]) -> DocumentInput:
    """An issue of (item, quantity, lot) lines."""
    return DocumentInput(
        DocType.ISSUE, depot, D(day), [LineInput(i, q, lot=lot) for i, q, lot in lines]
    )


def state(office: Office, unit_code: str) -> dict[str, dict[str, Any]]:
    """Every travelling record of ``unit_code``'s units, plus their depots' balances and chain
    heads, as plain data: two offices agree about a unit when these are equal."""
    found: dict[str, dict[str, Any]] = {}
    with office.db.read() as s:
        units = OrgTree.load(s).subtree(unit_id(s, unit_code))
        for tbl in registry.travelling_tables():
            if registry.is_home_table(tbl.name):
                rows = s.execute(select(tbl).where(home_clause(tbl, units)))
                found[tbl.name] = {str(r.id): codec.encode_row(tbl, r._mapping) for r in rows}
        depots = select(Depot.id).where(Depot.unit_id.in_(units))
        for model in (Balance, ChainHead):
            tbl = model.__table__
            rows = s.execute(select(tbl).where(tbl.c.depot_id.in_(depots)))
            found[tbl.name] = {
                str(r.depot_id) + str(getattr(r, "item_id", "")) + getattr(r, "lot", ""): {
                    k: v for k, v in codec.encode_row(tbl, r._mapping).items() if k != "id"
                }
                for r in rows
            }
    return found


def fingerprint(office: Office) -> dict[str, Any]:
    """Row counts of every table and the audit head: equal before and after means unchanged."""
    with office.db.read() as s:
        rows = {
            t.name: s.scalar(select(func.count()).select_from(t))
            for t in Base.metadata.sorted_tables
        }
        head = s.get(AuditHead, 1)
        return {"rows": rows, "audit": head.hash if head else None}


def resign(
    office: Office, data: bytes, change: Callable[[dict[str, Any], dict[str, bytes]], None]
) -> bytes:
    """A package changed by ``change(manifest, files)`` and signed again with ``office``'s key,
    as a sender that means harm could do with its own key."""
    package = manifest.open_package(data, "x")
    body = {k: v for k, v in package.manifest.items() if k != "files"}
    files = dict(package.files)
    change(body, files)
    if "counts" in body:  # a sender that means harm lists its rows rightly
        body["counts"] = {
            manifest.count_key(name): content.count(b"\n")
            for name, content in files.items()
            if content.count(b"\n")
        }
    with office.tx() as s:
        identity = signing.installation(s)
        assert identity is not None
        key = signing.private_key(identity, office.keys)
    made, _ = manifest.write_package(body, files, lambda b: signing.sign(key, b))
    return made


def rows_of(files: dict[str, bytes], name: str) -> list[dict[str, Any]]:
    """The JSON rows of a package file."""
    return codec.loads_lines(files.get(name, b""))


def put_rows(files: dict[str, bytes], name: str, rows: list[dict[str, Any]]) -> None:
    """Replace a package file's rows."""
    files[name] = codec.dumps_lines(rows)


def later(days: int) -> str:
    """A date ``days`` after 2026-03-01, as text."""
    return (D("2026-03-01") + timedelta(days=days)).isoformat()


def quantity(office: Office, depot: str, item: str) -> Decimal:
    """The balance of an item in a depot, all lots."""
    with office.db.read() as s:
        rows = s.scalars(
            select(Balance.quantity)
            .join(Depot, Depot.id == Balance.depot_id)
            .join(Item, Item.id == Balance.item_id)
            .where(Depot.code == depot, Item.code == item)
        ).all()
    return sum(rows, Decimal(0))
