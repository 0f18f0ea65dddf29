"""Exporting (导出), the database side: every table read back as rows for a workbook.

The register tables come back as the very records an import reads (see
:mod:`ledger.services.imports.records`), so exporting and importing into an empty database gives
the same data. Opening stock is exported as the current balances. Movements stream in chunks,
so a million of them never sit in memory at once.

Personal data: members', team leaders' and post holders' ID numbers and phone numbers go through
:func:`ledger.services.accounts.permissions.id_number_for` / ``phone_for`` — whole for admin and
office (an admin export), masked for everyone else. That is the one masking hook of every export.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ledger.core.actor import Actor
from ledger.core.enums import DocType
from ledger.models import (
    Balance,
    Certificate,
    Depot,
    Document,
    DocumentLine,
    Equipment,
    Incident,
    Item,
    Member,
    Movement,
    OrgUnit,
    Post,
    Team,
)
from ledger.models.norms import PerCapitaNorm
from ledger.services.accounts.permissions import effective, id_number_for, phone_for
from ledger.services.imports.records import (
    Batch,
    CertificateRecord,
    DepotRecord,
    EquipmentRecord,
    IncidentRecord,
    ItemRecord,
    MemberRecord,
    PerCapitaRecord,
    PostRecord,
    StockRecord,
    TeamRecord,
    UnitRecord,
)

CHUNK = 5000


class MovementRow(NamedTuple):
    """One movement as the 出入库流水 sheet shows it."""

    occurred_on: date
    number: str
    doc_type: str
    depot_code: str
    depot_name: str
    item_code: str
    item_name: str
    spec: str
    lot: str
    expiry: date | None
    quantity: Decimal
    unit: str
    seq: int


def _codes(session: Session, model: type[OrgUnit | Team | Depot | Item]) -> dict[uuid.UUID, str]:
    return {row[0]: row[1] for row in session.execute(select(model.id, model.code))}


def units(session: Session) -> list[UnitRecord]:
    """Org units, parents before children."""
    codes = _codes(session, OrgUnit)
    rows = session.scalars(select(OrgUnit)).all()
    records = [
        UnitRecord(
            code=u.code,
            name=u.name,
            level=u.level,
            parent_code=codes.get(u.parent_id, "") if u.parent_id else "",
            population=u.population,
            flags=tuple(u.flags or ()),
            profile_id=u.profile_id or "",
            latitude=u.latitude,
            longitude=u.longitude,
        )
        for u in rows
    ]
    return sorted(records, key=lambda r: (r.level.rank, r.code))


def teams(session: Session, actor: Actor) -> list[TeamRecord]:
    """Rescue teams by code; the leader's phone whole or masked as ``actor`` may see it."""
    codes = _codes(session, OrgUnit)
    return [
        TeamRecord(
            t.code,
            t.name,
            codes[t.unit_id],
            t.team_type,
            t.nature,
            t.leader,
            phone_for(actor, t.phone),
            t.founded_on,
        )
        for t in session.scalars(select(Team).order_by(Team.code))
    ]


def members(session: Session, actor: Actor) -> list[MemberRecord]:
    """Team members; ID numbers and phones whole or masked as ``actor`` may see them."""
    codes = _codes(session, Team)
    query = select(Member).order_by(Member.team_id, Member.joined_on, Member.name)
    return [
        MemberRecord(
            team_code=codes[m.team_id],
            name=m.name,
            gender=m.gender,
            id_number=id_number_for(actor, m.id_number),
            phone=phone_for(actor, m.phone),
            role=m.role,
            nature=m.nature,
            joined_on=m.joined_on,
            left_on=m.left_on,
        )
        for m in session.scalars(query)
    ]


def items(session: Session) -> list[ItemRecord]:
    """The catalogue by code."""
    return [
        ItemRecord(
            code=i.code,
            name=i.name,
            unit=i.unit,
            category=i.category,
            spec=i.spec,
            shelf_life_months=i.shelf_life_months,
            maintenance_interval_days=i.maintenance_interval_days,
            serial_tracked=i.serial_tracked,
        )
        for i in session.scalars(select(Item).order_by(Item.code))
    ]


def posts(session: Session, actor: Actor) -> list[PostRecord]:
    """Post holders; phones whole or masked as ``actor`` may see them."""
    codes = _codes(session, OrgUnit)
    query = select(Post).order_by(Post.unit_id, Post.kind, Post.name)
    return [
        PostRecord(codes[p.unit_id], p.kind, p.name, phone_for(actor, p.phone), p.since, p.until)
        for p in session.scalars(query)
    ]


def depots(session: Session) -> list[DepotRecord]:
    """Depots by code."""
    codes = _codes(session, OrgUnit)
    return [
        DepotRecord(
            d.code,
            d.name,
            codes[d.unit_id],
            d.kind,
            d.area_m2,
            d.address,
            d.keepers,
            latitude=d.latitude,
            longitude=d.longitude,
        )
        for d in session.scalars(select(Depot).order_by(Depot.code))
    ]


def stock(session: Session) -> list[StockRecord]:
    """Current balances other than zero, with the last receipt price of each lot."""
    depot_codes, item_codes = _codes(session, Depot), _codes(session, Item)
    prices = _last_prices(session)
    query = select(Balance).where(Balance.quantity != 0)
    records = [
        StockRecord(
            depot_code=depot_codes[b.depot_id],
            item_code=item_codes[b.item_id],
            quantity=b.quantity,
            lot=b.lot,
            expiry=b.expiry,
            unit_price=prices.get((b.depot_id, b.item_id, b.lot)),
        )
        for b in session.scalars(query)
    ]
    return sorted(records, key=lambda r: r.key)


def _last_prices(session: Session) -> dict[tuple[uuid.UUID, uuid.UUID, str], Decimal]:
    query = (
        select(Document.depot_id, DocumentLine.item_id, DocumentLine.lot, DocumentLine.unit_price)
        .join(DocumentLine, DocumentLine.document_id == Document.id)
        .where(
            Document.doc_type == DocType.RECEIPT,
            Document.reverses_id.is_(None),
            DocumentLine.unit_price.is_not(None),
        )
        .order_by(Document.doc_date, Document.posted_at)
    )
    return {(d, i, lot): price for d, i, lot, price in session.execute(query) if price is not None}


def equipment(session: Session) -> list[EquipmentRecord]:
    """Equipment by serial, with the code of the unit, team or depot that holds it."""
    units_, teams_, depots_ = (
        _codes(session, OrgUnit),
        _codes(session, Team),
        _codes(session, Depot),
    )
    items_ = _codes(session, Item)
    records = []
    for e in session.scalars(select(Equipment).order_by(Equipment.serial)):
        holder = (
            units_.get(e.holder_unit_id)  # type: ignore[arg-type]
            or teams_.get(e.holder_team_id)  # type: ignore[arg-type]
            or depots_.get(e.holder_depot_id, "")  # type: ignore[arg-type]
        )
        records.append(
            EquipmentRecord(
                e.serial, items_[e.item_id], holder, e.status, e.purchased_on, e.last_maintained_on
            )
        )
    return records


def incidents(session: Session) -> list[IncidentRecord]:
    """Incidents by start date and number (those recorded before numbers existed get none)."""
    codes = _codes(session, OrgUnit)
    query = select(Incident).order_by(Incident.started_on, Incident.code)
    return [
        IncidentRecord(
            i.code or "", i.name, i.kind, i.started_on, codes[i.unit_id], i.ended_on, i.place
        )
        for i in session.scalars(query)
    ]


def certificates(session: Session) -> list[CertificateRecord]:
    """Members' certificates, named by team code and member name."""
    teams_ = _codes(session, Team)
    query = (
        select(Certificate, Member.team_id, Member.name)
        .join(Member, Member.id == Certificate.member_id)
        .order_by(Member.team_id, Member.name, Certificate.name, Certificate.number)
    )
    return [
        CertificateRecord(teams_[team_id], name, c.name, c.number, c.issuer, c.expires_on)
        for c, team_id, name in session.execute(query)
    ]


def everything(session: Session, actor: Actor) -> Batch:
    """Every register as one batch of records, as the import workbook holds them."""
    actor = effective(session, actor)  # who the actor is now, not what the caller says
    return Batch(
        units=tuple(units(session)),
        teams=tuple(teams(session, actor)),
        members=tuple(members(session, actor)),
        items=tuple(items(session)),
        posts=tuple(posts(session, actor)),
        depots=tuple(depots(session)),
        stock=tuple(stock(session)),
        equipment=tuple(equipment(session)),
        incidents=tuple(incidents(session)),
        certificates=tuple(certificates(session)),
        per_capita=tuple(per_capita(session)),
    )


def per_capita(session: Session) -> list[PerCapitaRecord]:
    """The office's per-person amounts (人均储备定额), by item code."""
    query = (
        select(PerCapitaNorm, Item.code)
        .join(Item, Item.id == PerCapitaNorm.item_id)
        .order_by(Item.code)
    )
    return [
        PerCapitaRecord(code, n.per_person, n.per_person_day, n.basis)
        for n, code in session.execute(query)
    ]


def movements(session: Session) -> Iterator[MovementRow]:
    """Every movement by depot and sequence, streamed in chunks (for 出入库流水)."""
    depot_rows = session.execute(select(Depot.id, Depot.code, Depot.name)).all()
    depot_by_id = {d.id: (d.code, d.name) for d in depot_rows}
    item_by_id = {
        i.id: (i.code, i.name, i.spec, i.unit)
        for i in session.execute(select(Item.id, Item.code, Item.name, Item.spec, Item.unit))
    }
    doc = aliased(Document)
    query = (
        select(
            Movement.occurred_on,
            doc.number,
            doc.doc_type,
            Movement.depot_id,
            Movement.item_id,
            Movement.lot,
            Movement.expiry,
            Movement.quantity,
            Movement.seq,
        )
        .join(doc, doc.id == Movement.document_id)
        .order_by(Movement.depot_id, Movement.seq)
        .execution_options(yield_per=CHUNK)
    )
    labels = {t: t.label for t in DocType}
    for on, number, doc_type, depot_id, item_id, lot, expiry, qty, seq in session.execute(query):
        depot_code, depot_name = depot_by_id[depot_id]
        code, name, spec, unit = item_by_id[item_id]
        yield MovementRow(
            on, number, labels[doc_type], depot_code, depot_name, code, name, spec, lot,
            expiry, qty, unit, seq,
        )  # fmt: skip
