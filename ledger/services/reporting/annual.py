"""What the year's report (年度应急资源报表) gathers for a unit's subtree: units and depots,
teams with the year's joiners and leavers, the year's 收发存, equipment and maintenance,
drills and training, incidents, and the year's closes (年结)."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.core.enums import EquipmentStatus, Level
from ledger.models import Depot, Drill, Member, OrgUnit, Team, Training
from ledger.services.closing import periods
from ledger.services.org.tree import descendants
from ledger.services.reporting import stock as reporting
from ledger.services.reporting.records import equipment_report
from ledger.services.reporting.stock import IncidentAccount, PeriodSummary, Scope

ZERO = Decimal(0)


@dataclass(frozen=True)
class TeamYear:
    """A team at the year's end, with who joined and who left during the year."""

    name: str
    unit_name: str
    team_type: str
    nature: str
    members: int
    joined: int
    left: int


@dataclass(frozen=True)
class DrillYear:
    """A drill held during the year."""

    held_on: date
    unit_name: str
    title: str
    plan: str
    participants: int


@dataclass(frozen=True)
class DepotYear:
    """A depot with its area and how many items and lots it held at the year's end."""

    code: str
    name: str
    unit_name: str
    area_m2: Decimal | None
    items: int
    lots: int


@dataclass(frozen=True)
class AnnualData:
    """Everything the year's report shows, as of the year's end (or today, in the year)."""

    unit_id: uuid.UUID | None
    unit_name: str
    year: int
    start: date
    end: date
    units: tuple[tuple[str, int], ...]
    population: int
    depots: tuple[DepotYear, ...]
    teams: tuple[TeamYear, ...]
    summary: PeriodSummary
    equipment: tuple[tuple[str, int], ...]
    maintained: int
    overdue: int
    drills: tuple[DrillYear, ...]
    trained_people: int
    training_days: Decimal
    incidents: tuple[IncidentAccount, ...]
    closed_depots: tuple[str, ...]


def annual_data(
    session: Session, unit_id: uuid.UUID | None, year: int, today: date | None = None
) -> AnnualData:
    """Gather the year's figures for a unit and the units below it (all without one)."""
    today = today or date.today()
    if unit_id is None:
        tops = reporting.top_units(session)
        unit_id = tops[0][0] if len(tops) == 1 else None
    start, end = date(year, 1, 1), min(date(year, 12, 31), today)
    units = _units(session, unit_id)
    ids = list(units)
    scope = Scope(unit_id=unit_id)
    gear = equipment_report(session, unit_id, end, start)
    return AnnualData(
        unit_id,
        reporting.scope_name(session, scope),
        year,
        start,
        end,
        _unit_counts(units, unit_id),
        sum(u.population or 0 for u in units.values() if u.level is Level.VILLAGE)
        or sum(u.population or 0 for u in units.values() if u.id == unit_id),
        _depots(session, units, end),
        _teams(session, units, start, end),
        reporting.period_summary(session, start, end, scope),
        tuple((s.label, gear.count(s)) for s in EquipmentStatus),
        len(gear.maintenance),
        gear.overdue,
        _drills(session, units, start, end),
        *_training(session, ids, start, end),
        tuple(reporting.incident_accounts(session, None, unit_id, start, end)),
        _closed(session, units, year),
    )


def _units(session: Session, unit_id: uuid.UUID | None) -> dict[uuid.UUID, OrgUnit]:
    query = select(OrgUnit)
    if unit_id is not None:
        query = query.where(OrgUnit.id.in_(descendants(session, unit_id)))
    return {u.id: u for u in session.scalars(query)}


def _unit_counts(
    units: dict[uuid.UUID, OrgUnit], unit_id: uuid.UUID | None
) -> tuple[tuple[str, int], ...]:
    counts = Counter(u.level for u in units.values() if u.id != unit_id)
    return tuple((level.label, counts[level]) for level in Level if counts[level])


def _depots(session: Session, units: dict[uuid.UUID, OrgUnit], end: date) -> tuple[DepotYear, ...]:
    found = session.scalars(
        select(Depot).where(Depot.unit_id.in_(list(units))).order_by(Depot.code)
    ).all()
    rows = []
    for depot in found:
        held = periods.balances_at(session, depot.id, end)
        rows.append(
            DepotYear(
                depot.code,
                depot.name,
                units[depot.unit_id].name,
                depot.area_m2,
                len({item_id for item_id, *_ in held}),
                len(held),
            )
        )
    return tuple(rows)


def _teams(
    session: Session, units: dict[uuid.UUID, OrgUnit], start: date, end: date
) -> tuple[TeamYear, ...]:
    teams = session.scalars(select(Team).where(Team.unit_id.in_(list(units)))).all()
    members = session.scalars(select(Member).where(Member.team_id.in_([t.id for t in teams])))
    by_team: dict[uuid.UUID, list[Member]] = {}
    for member in members:
        by_team.setdefault(member.team_id, []).append(member)
    rows = []
    for team in sorted(teams, key=lambda t: (units[t.unit_id].code, t.code)):
        people = by_team.get(team.id, [])
        rows.append(
            TeamYear(
                team.name,
                units[team.unit_id].name,
                team.team_type.label,
                team.nature.label,
                sum(1 for m in people if m.active_on(end)),
                sum(1 for m in people if m.joined_on and start <= m.joined_on <= end),
                sum(1 for m in people if m.left_on and start <= m.left_on <= end),
            )
        )
    return tuple(rows)


def _drills(
    session: Session, units: dict[uuid.UUID, OrgUnit], start: date, end: date
) -> tuple[DrillYear, ...]:
    query = (
        select(Drill)
        .where(Drill.unit_id.in_(list(units)), Drill.held_on >= start, Drill.held_on <= end)
        .order_by(Drill.held_on, Drill.title)
    )
    return tuple(
        DrillYear(d.held_on, units[d.unit_id].name, d.title, d.plan, d.participants)
        for d in session.scalars(query)
    )


def _training(
    session: Session, unit_ids: list[uuid.UUID], start: date, end: date
) -> tuple[int, Decimal]:
    where = (
        Training.unit_id.in_(unit_ids),
        Training.started_on >= start,
        Training.started_on <= end,
    )
    people = session.scalar(
        select(func.count(func.distinct(Training.person + "|" + Training.id_number))).where(*where)
    )
    days = sum(session.scalars(select(Training.days).where(*where)), ZERO)
    return int(people or 0), days


def _closed(session: Session, units: dict[uuid.UUID, OrgUnit], year: int) -> tuple[str, ...]:
    depots = {d.id for d in session.scalars(select(Depot).where(Depot.unit_id.in_(list(units))))}
    return tuple(
        row.depot_name
        for row in periods.closes(session)
        if row.depot_id in depots and row.period == periods.year(year)
    )
