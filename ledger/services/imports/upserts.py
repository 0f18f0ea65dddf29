"""Upserts of imported records: org units, teams, members, items, posts, depots and equipment.

A record whose code exists is updated in the fields its sheet had columns for, and only where
the value differs, so a second import of the same workbook writes nothing (and audits nothing).
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.models import (
    Balance,
    Certificate,
    Depot,
    Equipment,
    Incident,
    Item,
    Member,
    OrgUnit,
    Post,
    Team,
)
from ledger.models.norms import PerCapitaNorm
from ledger.services.imports.index import Index
from ledger.services.imports.records import Batch, Problem, Summary
from ledger.services.org import people

#: Model attribute → record field, where the names differ.
_FIELD = {
    "parent_id": "parent_code",
    "unit_id": "unit_code",
    "team_id": "team_code",
    "item_id": "item_code",
    "holder_unit_id": "holder_code",
    "holder_team_id": "holder_code",
    "holder_depot_id": "holder_code",
    "next_due_on": "last_maintained_on",
    "birth_date": "id_number",
    "member_id": "member_name",
}


def conflicts(session: Session, batch: Batch, idx: Index) -> list[Problem]:
    """Rows that contradict what cannot change: an item's unit once stocked, a serial's item."""
    problems = []
    stocked = set(session.scalars(select(Balance.item_id).distinct()))
    in_file = {i.code: i for i in batch.items}
    for record in batch.items:
        item = idx.items.get(record.code)
        unit_changes = item is not None and item.unit != record.unit
        if unit_changes and item.id in stocked and batch.has("items", "unit"):  # type: ignore[union-attr]
            reason = f"该物资已有库存记录，计量单位“{item.unit}”不能再改"  # type: ignore[union-attr]
            problems.append(Problem(record.ref, "unit", record.unit, reason))
    for eq in batch.equipment:
        known = idx.equipment.get(eq.serial)
        if known is not None and known.item.code != eq.item_code:
            reason = f"这个序列号已登记为物资“{known.item.code} {known.item.name}”"
            problems.append(Problem(eq.ref, "serial", eq.serial, reason))
        item_record = in_file.get(eq.item_code)
        item = idx.items.get(eq.item_code)
        tracked = item_record.serial_tracked if item_record else (item and item.serial_tracked)
        name = item_record.name if item_record else (item.name if item else "")
        if (item_record or item) and not tracked:
            reason = f"物资“{name}”不是按序列号管理的装备（物资目录中“按序列号管理”应为“是”）"
            problems.append(Problem(eq.ref, "item_code", eq.item_code, reason))
    for member in batch.members:
        known_member = idx.members.get(member.key)
        if member.id_number and known_member is not None and known_member.name != member.name:
            reason = f"该队伍中这个身份证号已登记为“{known_member.name}”"
            problems.append(Problem(member.ref, "id_number", member.id_number, reason))
    return problems


def write_all(session: Session, batch: Batch, idx: Index, summary: Summary) -> None:
    """Upsert every record of ``batch`` in dependency order; flush so ids exist."""
    _units(session, batch, idx, summary)
    _teams(session, batch, idx, summary)
    _items(session, batch, idx, summary)
    session.flush()  # a new depot's chain head is inserted in the flush that inserts the depot
    _depots(session, batch, idx, summary)
    session.flush()
    _posts(session, batch, idx, summary)
    _members(session, batch, idx, summary)
    _equipment(session, batch, idx, summary)
    _incidents(session, batch, idx, summary)
    session.flush()
    _certificates(session, batch, idx, summary)
    _per_capita(session, batch, idx, summary)
    session.flush()


def _sync(obj: Any, values: dict[str, Any], batch: Batch, kind: str) -> bool:
    """Set the attributes whose column was present and whose value differs."""
    changed = False
    for attr, value in values.items():
        if not batch.has(kind, _FIELD.get(attr, attr)):
            continue
        if getattr(obj, attr) != value:
            setattr(obj, attr, value)
            changed = True
    return changed


def _upsert(
    session: Session,
    kind: str,
    existing: Any,
    model: type[Any],
    values: dict[str, Any],
    batch: Batch,
    summary: Summary,
) -> Any:
    counts = summary.of(kind)
    if existing is None:
        obj = model(id=uuid.uuid4(), **values)
        session.add(obj)
        counts.created += 1
        return obj
    if _sync(existing, values, batch, kind):
        counts.updated += 1
    else:
        counts.unchanged += 1
    return existing


def _units(session: Session, batch: Batch, idx: Index, summary: Summary) -> None:
    for record in sorted(batch.units, key=lambda u: u.level.rank):
        parent = idx.units.get(record.parent_code) if record.parent_code else None
        values = {
            "code": record.code,
            "name": record.name,
            "level": record.level,
            "parent_id": parent.id if parent else None,
            "population": record.population,
            "flags": list(record.flags),
            "profile_id": record.profile_id or None,
            "latitude": record.latitude,
            "longitude": record.longitude,
        }
        existing = idx.units.get(record.code)
        idx.units[record.code] = _upsert(
            session, "units", existing, OrgUnit, values, batch, summary
        )


def _teams(session: Session, batch: Batch, idx: Index, summary: Summary) -> None:
    for record in batch.teams:
        values = {
            "code": record.code,
            "name": record.name,
            "unit_id": idx.units[record.unit_code].id,
            "team_type": record.team_type,
            "nature": record.nature,
            "leader": record.leader,
            "phone": record.phone,
            "founded_on": record.founded_on,
        }
        existing = idx.teams.get(record.code)
        idx.teams[record.code] = _upsert(session, "teams", existing, Team, values, batch, summary)


def _items(session: Session, batch: Batch, idx: Index, summary: Summary) -> None:
    for record in batch.items:
        values = {
            "code": record.code,
            "name": record.name,
            "spec": record.spec,
            "unit": record.unit,
            "category": record.category,
            "shelf_life_months": record.shelf_life_months,
            "maintenance_interval_days": record.maintenance_interval_days,
            "serial_tracked": record.serial_tracked,
        }
        existing = idx.items.get(record.code)
        idx.items[record.code] = _upsert(session, "items", existing, Item, values, batch, summary)


def _depots(session: Session, batch: Batch, idx: Index, summary: Summary) -> None:
    for record in batch.depots:
        values = {
            "code": record.code,
            "name": record.name,
            "unit_id": idx.units[record.unit_code].id,
            "kind": record.kind,
            "area_m2": record.area_m2,
            "address": record.address,
            "keepers": record.keepers,
            "latitude": record.latitude,
            "longitude": record.longitude,
        }
        existing = idx.depots.get(record.code)
        idx.depots[record.code] = _upsert(
            session, "depots", existing, Depot, values, batch, summary
        )


def _posts(session: Session, batch: Batch, idx: Index, summary: Summary) -> None:
    for record in batch.posts:
        values = {
            "unit_id": idx.units[record.unit_code].id,
            "kind": record.kind,
            "name": record.name,
            "phone": record.phone,
            "since": record.since,
            "until": record.until,
        }
        existing = idx.posts.get(record.key)
        idx.posts[record.key] = _upsert(session, "posts", existing, Post, values, batch, summary)


def _members(session: Session, batch: Batch, idx: Index, summary: Summary) -> None:
    for record in batch.members:
        gender = record.gender
        if gender is None and record.id_number:
            gender = people.id_gender(record.id_number)
        values = {
            "team_id": idx.teams[record.team_code].id,
            "name": record.name,
            "gender": gender,
            "id_number": record.id_number,
            "birth_date": people.id_birth_date(record.id_number) if record.id_number else None,
            "phone": record.phone,
            "role": record.role,
            "nature": record.nature,
            "joined_on": record.joined_on,
            "left_on": record.left_on,
        }
        existing = idx.members.get(record.key)
        idx.members[record.key] = _upsert(
            session, "members", existing, Member, values, batch, summary
        )


def _equipment(session: Session, batch: Batch, idx: Index, summary: Summary) -> None:
    for record in batch.equipment:
        item = idx.items[record.item_code]
        holder: dict[str, Any] = {"holder_unit_id": None, "holder_team_id": None}
        holder["holder_depot_id"] = None
        if record.holder_code in idx.units:
            holder["holder_unit_id"] = idx.units[record.holder_code].id
        elif record.holder_code in idx.teams:
            holder["holder_team_id"] = idx.teams[record.holder_code].id
        else:
            holder["holder_depot_id"] = idx.depots[record.holder_code].id
        next_due = None
        if record.last_maintained_on and item.maintenance_interval_days:
            next_due = record.last_maintained_on + timedelta(days=item.maintenance_interval_days)
        values = {
            "serial": record.serial,
            "item_id": item.id,
            **holder,
            "status": record.status,
            "purchased_on": record.purchased_on,
            "last_maintained_on": record.last_maintained_on,
            "next_due_on": next_due,
        }
        existing = idx.equipment.get(record.serial)
        idx.equipment[record.serial] = _upsert(
            session, "equipment", existing, Equipment, values, batch, summary
        )


def _incidents(session: Session, batch: Batch, idx: Index, summary: Summary) -> None:
    for record in batch.incidents:
        values = {
            "code": record.code,
            "name": record.name,
            "kind": record.kind,
            "started_on": record.started_on,
            "ended_on": record.ended_on,
            "place": record.place,
            "unit_id": idx.units[record.unit_code].id,
        }
        existing = idx.incidents.get(record.code)
        idx.incidents[record.code] = _upsert(
            session, "incidents", existing, Incident, values, batch, summary
        )


def _certificates(session: Session, batch: Batch, idx: Index, summary: Summary) -> None:
    for record in batch.certificates:
        (member,) = idx.members_named(record.team_code, record.member_name)
        values = {
            "member_id": member.id,
            "name": record.name,
            "number": record.number,
            "issuer": record.issuer,
            "expires_on": record.expires_on,
        }
        existing = idx.certificates.get(record.key)
        idx.certificates[record.key] = _upsert(
            session, "certificates", existing, Certificate, values, batch, summary
        )


def _per_capita(session: Session, batch: Batch, idx: Index, summary: Summary) -> None:
    """The office's per-person amounts, one per item (an item's row replaces its amounts)."""
    if not batch.per_capita:
        return
    held = {n.item_id: n for n in session.scalars(select(PerCapitaNorm))}
    for record in batch.per_capita:
        item_id = idx.items[record.item_code].id
        values = {
            "item_id": item_id,
            "per_person": record.per_person,
            "per_person_day": record.per_person_day,
            "basis": record.basis,
        }
        held[item_id] = _upsert(
            session, "per_capita", held.get(item_id), PerCapitaNorm, values, batch, summary
        )
