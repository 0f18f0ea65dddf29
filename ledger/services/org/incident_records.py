"""Incidents (事件): the floods, fires and drills that issue documents serve."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import IncidentKind, Role
from ledger.core.errors import DuplicateRecord, InvalidValue, MissingField, UnknownRecord
from ledger.models import Depot, Document, Incident, OrgUnit
from ledger.services.accounts.permissions import Action, allowed, require
from ledger.services.common.atomic import atomic
from ledger.services.org.tree import descendants, get_unit

PREFIX = "SJ"


@dataclass(frozen=True)
class IncidentRow:
    """An incident as the 事件 list shows it, with how many documents serve it."""

    id: uuid.UUID
    code: str
    name: str
    kind: IncidentKind
    started_on: date
    ended_on: date | None
    place: str
    unit_id: uuid.UUID
    unit_name: str
    note: str
    documents: int

    @property
    def closed(self) -> bool:
        """Whether the incident has an end date (已结束)."""
        return self.ended_on is not None


@dataclass(frozen=True)
class IncidentInput:
    """An incident as entered; an empty code gets the next free SJ-<year>-<n>."""

    unit_id: uuid.UUID
    kind: IncidentKind
    name: str
    started_on: date
    ended_on: date | None = None
    place: str = ""
    note: str = ""
    code: str = ""


def incidents(
    session: Session, unit_id: uuid.UUID | None = None, *, open_only: bool = False
) -> list[IncidentRow]:
    """Incidents of a unit and the units below it (all without ``unit_id``), newest first."""
    used = (
        select(func.count(Document.id))
        .where(Document.incident_id == Incident.id)
        .correlate(Incident)
        .scalar_subquery()
    )
    query = select(Incident, OrgUnit.name, used).join(OrgUnit, OrgUnit.id == Incident.unit_id)
    if unit_id is not None:
        query = query.where(Incident.unit_id.in_(descendants(session, unit_id)))
    if open_only:
        query = query.where(Incident.ended_on.is_(None))
    query = query.order_by(Incident.started_on.desc(), Incident.code)
    return [
        IncidentRow(
            i.id,
            i.code or "",
            i.name,
            i.kind,
            i.started_on,
            i.ended_on,
            i.place,
            i.unit_id,
            unit_name,
            i.note,
            int(n),
        )
        for i, unit_name, n in session.execute(query)
    ]


def incident(session: Session, incident_id: uuid.UUID) -> IncidentInput:
    """One incident as the editor shows it.

    Raises:
        UnknownRecord: no such incident.
    """
    found = _get(session, incident_id)
    return IncidentInput(
        found.unit_id,
        found.kind,
        found.name,
        found.started_on,
        found.ended_on,
        found.place,
        found.note,
        found.code or "",
    )


def next_code(session: Session, year: int) -> str:
    """The next free incident number of ``year``: SJ-2026-001, SJ-2026-002 …"""
    prefix = f"{PREFIX}-{year}-"
    taken = set(session.scalars(select(Incident.code).where(Incident.code.like(f"{prefix}%"))))
    n = len(taken) + 1
    while f"{prefix}{n:03d}" in taken:
        n += 1
    return f"{prefix}{n:03d}"


def _require(session: Session, actor: Actor, unit_id: uuid.UUID) -> None:
    """The office of the unit records incidents; so does a keeper whose depot's unit is that
    unit or above it (the keeper is at the depot when the flood starts)."""
    if actor.role is Role.KEEPER and actor.depot_ids:
        own = sorted(actor.depot_ids)
        if allowed(session, actor, Action.POST, depot_id=own[0]):
            homes = set(session.scalars(select(Depot.unit_id).where(Depot.id.in_(own))))
            if any(unit_id in descendants(session, home) for home in homes):
                return
    require(session, actor, Action.EDIT_RECORDS, unit_id=unit_id)


def _get(session: Session, incident_id: uuid.UUID) -> Incident:
    found = session.get(Incident, incident_id)
    if found is None:
        raise UnknownRecord(kind="事件", key=str(incident_id))
    return found


def _check_dates(name: str, started_on: date, ended_on: date | None) -> None:
    if ended_on is not None and ended_on < started_on:
        raise InvalidValue(
            where=f"事件“{name}”",
            field="结束日期",
            value=ended_on.isoformat(),
            reason=f"早于开始日期 {started_on.isoformat()}",
        )


@atomic
def save_incident(
    session: Session, actor: Actor, entry: IncidentInput, incident_id: uuid.UUID | None = None
) -> uuid.UUID:
    """Add an incident, or change one (``incident_id``).

    Raises:
        MissingField, InvalidValue, DuplicateRecord: what is wrong with the entry.
        PermissionDenied: the unit is not the actor's.
    """
    get_unit(session, entry.unit_id)
    _require(session, actor, entry.unit_id)
    name = entry.name.strip()
    if not name:
        raise MissingField(where="事件", field="事件名称")
    _check_dates(name, entry.started_on, entry.ended_on)
    found = _get(session, incident_id) if incident_id else Incident(id=uuid.uuid4())
    if incident_id:
        _require(session, actor, found.unit_id)
    code = entry.code.strip() or found.code or next_code(session, entry.started_on.year)
    other = session.scalar(select(Incident.id).where(Incident.code == code))
    if other is not None and other != found.id:
        raise DuplicateRecord(kind="事件编号", key=code)
    found.code, found.name, found.kind, found.unit_id = code, name, entry.kind, entry.unit_id
    found.started_on, found.ended_on = entry.started_on, entry.ended_on
    found.place, found.note = entry.place.strip(), entry.note.strip()
    session.add(found)
    session.flush()
    return found.id


@atomic
def close_incident(session: Session, actor: Actor, incident_id: uuid.UUID, ended_on: date) -> None:
    """Close an incident (结束) on ``ended_on``; a closed incident leaves the 出库单 picker.

    Raises:
        InvalidValue: ``ended_on`` is before the start.
    """
    found = _get(session, incident_id)
    _require(session, actor, found.unit_id)
    _check_dates(found.name, found.started_on, ended_on)
    found.ended_on = ended_on
    session.flush()


@atomic
def reopen_incident(session: Session, actor: Actor, incident_id: uuid.UUID) -> None:
    """Open a closed incident again (its end date removed)."""
    found = _get(session, incident_id)
    _require(session, actor, found.unit_id)
    found.ended_on = None
    session.flush()
