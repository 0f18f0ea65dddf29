"""Queries behind the people and equipment reports, returning frozen rows: team rosters (队伍花名册)
with personal data masked unless the user may see it, post holders (岗位人员), and the equipment
and maintenance list (装备及保养清单)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ledger.core.actor import Actor
from ledger.core.enums import EquipmentStatus, PostKind
from ledger.models import Equipment, Maintenance, Member, OrgUnit, Team
from ledger.services.accounts.permissions import (
    effective,
    mask_id_number,
    mask_phone,
    may_see_personal_data,
)
from ledger.services.catalogue.equipment_register import (
    EquipmentFilter,
    EquipmentRow,
    HolderKind,
    equipment,
)
from ledger.services.org.tree import descendants
from ledger.services.reporting.stock import top_name

_HOLDER = {HolderKind.UNIT: "单位", HolderKind.TEAM: "队伍", HolderKind.DEPOT: "仓库"}


@dataclass(frozen=True)
class RosterMember:
    """A member as a printed roster shows them."""

    name: str
    gender: str
    #: The birth date, or only its year when personal data is masked (the ID number holds it).
    born: str
    id_number: str
    phone: str
    role: str
    nature: str
    joined_on: date | None
    certificates: str
    training_hours: Decimal


@dataclass(frozen=True)
class RosterTeam:
    """A team with its members active on the roster's date."""

    code: str
    name: str
    unit_name: str
    team_type: str
    nature: str
    leader: str
    phone: str
    founded_on: date | None
    members: tuple[RosterMember, ...]


@dataclass(frozen=True)
class PostHolder:
    """A person in a post of a unit (应急管理员, 灾害信息员 …)."""

    unit_name: str
    post: str
    name: str
    phone: str
    since: date | None


@dataclass(frozen=True)
class Roster:
    """Team rosters and post holders of a unit's subtree on a date."""

    unit_name: str
    on: date
    masked: bool
    teams: tuple[RosterTeam, ...]
    posts: tuple[PostHolder, ...]

    @property
    def headcount(self) -> int:
        """Members on every roster."""
        return sum(len(t.members) for t in self.teams)


def _units(session: Session, unit_id: uuid.UUID | None) -> dict[uuid.UUID, OrgUnit]:
    query = select(OrgUnit)
    if unit_id is not None:
        query = query.where(OrgUnit.id.in_(descendants(session, unit_id)))
    return {u.id: u for u in session.scalars(query)}


def roster(
    session: Session,
    actor: Actor,
    unit_id: uuid.UUID | None = None,
    on: date | None = None,
    *,
    team_id: uuid.UUID | None = None,
    mask: bool | None = None,
) -> Roster:
    """Rosters of the teams of a unit's subtree (or one team) with members active on ``on``.

    ID numbers and phones are whole only for a user who may see personal data, and then
    only unless ``mask`` asks for a masked copy (a roster for a notice board).
    """
    on = on or date.today()
    masked = True if mask else not may_see_personal_data(effective(session, actor))
    units = _units(session, unit_id)
    query = (
        select(Team)
        .where(Team.unit_id.in_(list(units)))
        .options(selectinload(Team.members).selectinload(Member.certificates))
    )
    if team_id is not None:
        query = query.where(Team.id == team_id)
    teams = sorted(session.scalars(query), key=lambda t: (units[t.unit_id].code, t.code))
    rows = tuple(_team(t, units[t.unit_id].name, on, masked) for t in teams)
    return Roster(_name(session, unit_id, team_id), on, masked, rows, _posts(units, on, masked))


def _name(session: Session, unit_id: uuid.UUID | None, team_id: uuid.UUID | None) -> str:
    if team_id is not None:
        team = session.get_one(Team, team_id)
        return f"{session.get_one(OrgUnit, team.unit_id).name}　{team.name}"
    if unit_id is not None:
        return session.get_one(OrgUnit, unit_id).name
    return top_name(session)


def _team(team: Team, unit_name: str, on: date, masked: bool) -> RosterTeam:
    active = sorted(
        (m for m in team.members if m.active_on(on)),
        key=lambda m: (m.joined_on or date.min, m.name),
    )
    return RosterTeam(
        team.code,
        team.name,
        unit_name,
        team.team_type.label,
        team.nature.label,
        team.leader,
        mask_phone(team.phone) if masked else team.phone,
        team.founded_on,
        tuple(_member(m, on, masked) for m in active),
    )


def _member(m: Member, on: date, masked: bool) -> RosterMember:
    certificates = "；".join(
        c.name + (f"（至{c.expires_on.isoformat()}）" if c.expires_on else "")
        for c in sorted(m.certificates, key=lambda c: c.name)
        if c.expires_on is None or c.expires_on >= on
    )
    return RosterMember(
        m.name,
        m.gender.label if m.gender else "",
        _born(m.birth_date, masked),
        mask_id_number(m.id_number) if masked else m.id_number,
        mask_phone(m.phone) if masked else m.phone,
        m.role,
        m.nature.label,
        m.joined_on,
        certificates,
        m.training_hours,
    )


def _born(value: date | None, masked: bool) -> str:
    if value is None:
        return ""
    return f"{value.year}年" if masked else value.isoformat()


def _posts(units: dict[uuid.UUID, OrgUnit], on: date, masked: bool) -> tuple[PostHolder, ...]:
    order = {k: i for i, k in enumerate(PostKind)}
    held = [
        p
        for unit in units.values()
        for p in unit.posts
        if (p.since is None or p.since <= on) and (p.until is None or p.until > on)
    ]
    held.sort(key=lambda p: (units[p.unit_id].code, order[p.kind], p.name))
    return tuple(
        PostHolder(
            units[p.unit_id].name,
            p.kind.label,
            p.name,
            mask_phone(p.phone) if masked else p.phone,
            p.since,
        )
        for p in held
    )


@dataclass(frozen=True)
class EquipmentLine:
    """A piece of equipment with its holder and maintenance dates."""

    serial: str
    item_code: str
    item_name: str
    spec: str
    holder: str
    status: EquipmentStatus
    purchased_on: date | None
    last_maintained_on: date | None
    next_due_on: date | None
    overdue: bool


@dataclass(frozen=True)
class MaintenanceLine:
    """One maintenance done within the report's period."""

    serial: str
    item_name: str
    done_on: date
    kind: str
    done_by: str
    note: str


@dataclass(frozen=True)
class EquipmentReport:
    """The equipment of a unit's subtree on a date, and the maintenance done in a period."""

    unit_name: str
    on: date
    start: date | None
    lines: tuple[EquipmentLine, ...]
    maintenance: tuple[MaintenanceLine, ...]

    def count(self, status: EquipmentStatus) -> int:
        """How many pieces have ``status``."""
        return sum(1 for line in self.lines if line.status is status)

    @property
    def overdue(self) -> int:
        """How many pieces in service are past their maintenance due date."""
        return sum(1 for line in self.lines if line.overdue)


def equipment_report(
    session: Session,
    unit_id: uuid.UUID | None = None,
    on: date | None = None,
    start: date | None = None,
) -> EquipmentReport:
    """Equipment of a unit's subtree (all without one), overdue maintenance flagged on ``on``,
    and the maintenance log from ``start`` (the year's start by default) to ``on``."""
    on = on or date.today()
    start = start or date(on.year, 1, 1)
    rows = equipment(session, EquipmentFilter(unit_id=unit_id))
    rows.sort(key=lambda r: (r.item_code, r.serial))
    lines = tuple(_equipment_line(r, on) for r in rows)
    ids = [r.id for r in rows]
    query = (
        select(Maintenance, Equipment.serial)
        .join(Equipment, Equipment.id == Maintenance.equipment_id)
        .where(Maintenance.done_on >= start, Maintenance.done_on <= on)
        .order_by(Maintenance.done_on, Equipment.serial)
    )
    if unit_id is not None:
        query = query.where(Maintenance.equipment_id.in_(ids))
    names = {r.serial: r.item_name for r in rows}
    log = tuple(
        MaintenanceLine(serial, names.get(serial, ""), m.done_on, m.kind, m.done_by, m.note)
        for m, serial in session.execute(query)
    )
    return EquipmentReport(_name(session, unit_id, None), on, start, lines, log)


def _equipment_line(r: EquipmentRow, on: date) -> EquipmentLine:
    in_service = r.status is not EquipmentStatus.SCRAPPED
    return EquipmentLine(
        r.serial,
        r.item_code,
        r.item_name,
        r.spec,
        f"{_HOLDER[r.holder_kind]}：{r.holder_name}",
        r.status,
        r.purchased_on,
        r.last_maintained_on,
        r.next_due_on,
        in_service and r.next_due_on is not None and r.next_due_on < on,
    )
