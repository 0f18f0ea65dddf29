"""The view of a unit's offices (全县汇总, 全市汇总): every child's teams, stock and shortfalls.

One row per unit below the root (a county's towns and zones with their villages; a city's
counties with everything below them) and one for the root's own records, plus when its last
package arrived, so the office sees at a glance whose data is how fresh. Counts come from a few
grouped queries; the shortfalls from one check of the whole root.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import Level
from ledger.core.errors import LedgerError
from ledger.models import Balance, Depot, Equipment, Member, OrgUnit, Team
from ledger.models.exchange import Installation, ReceivedPackage, Sender
from ledger.services.common import lookup
from ledger.services.exchange.ownership import OrgTree
from ledger.services.norms import shortfalls


@dataclass(frozen=True)
class OfficeSummary:
    """One office's figures in the county's view."""

    unit_id: uuid.UUID
    code: str
    name: str
    level_label: str
    teams: int
    members: int
    depots: int
    stock_lines: int
    equipment: int
    findings_red: int | None
    findings_amber: int | None
    last_package: int | None = None
    last_import: datetime | None = None

    @property
    def reports(self) -> bool:
        """Whether the office sends packages here (a registered sender)."""
        return self.last_package is not None


def overview(
    session: Session, actor: Actor, unit: str | uuid.UUID, on: date | None = None
) -> list[OfficeSummary]:
    """Figures per unit directly below ``unit`` (a county's towns, a city's counties), the
    root's own row first.

    Raises:
        UnknownRecord: no such unit.
    """
    root = lookup.by_key(session, OrgUnit, unit)
    on = on or date.today()
    tree = OrgTree.load(session)
    offices = [root.id, *sorted(_children(tree, root.id), key=lambda u: tree.code[u])]
    office_of = _office_map(tree, root.id, set(offices))
    counts = _counts(session, office_of, on)
    red, amber = _findings(session, actor, root, office_of, on)
    senders = _senders(session)
    units = {u.id: u for u in session.scalars(select(OrgUnit).where(OrgUnit.id.in_(offices)))}
    rows = []
    for office in offices:
        node = units[office]
        seq, when = _package_of(tree, office, senders)
        rows.append(
            OfficeSummary(
                office,
                node.code,
                node.name,
                node.level.label,
                teams=counts["teams"][office],
                members=counts["members"][office],
                depots=counts["depots"][office],
                stock_lines=counts["stock_lines"][office],
                equipment=counts["equipment"][office],
                findings_red=red[office] if red is not None else None,
                findings_amber=amber[office] if amber is not None else None,
                last_package=seq,
                last_import=when,
            )
        )
    return rows


#: The county's view is the overview of a county.
county_overview = overview


def county_root(session: Session) -> uuid.UUID | None:
    """The unit the view starts from: this office's unit when it is a county or above, else
    the highest unit of county level or above in the tree (a city before its counties)."""
    code = session.scalar(select(Installation.unit_code))
    office = session.scalar(select(OrgUnit).where(OrgUnit.code == code)) if code else None
    if office is not None and office.level.rank <= Level.COUNTY.rank:
        return office.id
    above = [lvl for lvl in Level if lvl.rank <= Level.COUNTY.rank]
    candidates = session.execute(
        select(OrgUnit.id, OrgUnit.level, OrgUnit.code).where(OrgUnit.level.in_(above))
    ).all()
    best = min(candidates, key=lambda c: (c.level.rank, c.code), default=None)
    return best.id if best is not None else None


def root_level(session: Session, unit: uuid.UUID) -> Level:
    """The level of the view's root (a city's view is 全市汇总, a county's 全县汇总)."""
    return lookup.by_key(session, OrgUnit, unit).level


def _package_of(
    tree: OrgTree, unit: uuid.UUID, senders: dict[str, tuple[int, datetime | None]]
) -> tuple[int | None, datetime | None]:
    """The last package that carried ``unit``'s records: its own office's, or that of the
    nearest office above it that sends here (a town's records come in its county's package)."""
    for above in tree.up(unit):
        if tree.code[above] in senders:
            return senders[tree.code[above]]
    return None, None


def _children(tree: OrgTree, root: uuid.UUID) -> list[uuid.UUID]:
    return [u for u, parent in tree.parent.items() if parent == root]


def _office_map(
    tree: OrgTree, root: uuid.UUID, offices: set[uuid.UUID]
) -> dict[uuid.UUID, uuid.UUID]:
    """Unit → the office row it counts in (the root's own units count in the root's row)."""
    found = {}
    for unit_id in tree.subtree(root):
        found[unit_id] = next((u for u in tree.up(unit_id) if u in offices), root)
    return found


def _counts(
    session: Session, office_of: dict[uuid.UUID, uuid.UUID], on: date
) -> dict[str, Counter[uuid.UUID]]:
    active = (
        select(Team.unit_id, func.count(Member.id))
        .join(Member, Member.team_id == Team.id)
        .where(or_(Member.joined_on.is_(None), Member.joined_on <= on))
        .where(or_(Member.left_on.is_(None), Member.left_on > on))
        .group_by(Team.unit_id)
    )
    stock = (
        select(Depot.unit_id, func.count(Balance.id))
        .join(Balance, Balance.depot_id == Depot.id)
        .where(Balance.quantity != 0)
        .group_by(Depot.unit_id)
    )
    held = func.coalesce(Equipment.holder_unit_id, Team.unit_id, Depot.unit_id)
    equipment = (
        select(held, func.count(Equipment.id))
        .outerjoin(Team, Team.id == Equipment.holder_team_id)
        .outerjoin(Depot, Depot.id == Equipment.holder_depot_id)
        .group_by(held)
    )
    queries = {
        "teams": select(Team.unit_id, func.count(Team.id)).group_by(Team.unit_id),
        "members": active,
        "depots": select(Depot.unit_id, func.count(Depot.id)).group_by(Depot.unit_id),
        "stock_lines": stock,
        "equipment": equipment,
    }
    counts: dict[str, Counter[uuid.UUID]] = {}
    for kind, query in queries.items():
        counter: Counter[uuid.UUID] = Counter()
        for unit_id, number in session.execute(query):
            if unit_id in office_of:
                counter[office_of[unit_id]] += number
        counts[kind] = counter
    return counts


def _findings(
    session: Session,
    actor: Actor,
    root: OrgUnit,
    office_of: dict[uuid.UUID, uuid.UUID],
    on: date,
) -> tuple[Counter[uuid.UUID] | None, Counter[uuid.UUID] | None]:
    """Red and amber findings per office, or ``None`` when the norms cannot be checked."""
    try:
        result = shortfalls.check(session, actor, on=on, unit=root.id)
    except LedgerError:
        return None, None
    red: Counter[uuid.UUID] = Counter()
    amber: Counter[uuid.UUID] = Counter()
    for finding in result.findings:
        unit = finding.unit_id
        office = office_of.get(unit) if isinstance(unit, uuid.UUID) else None
        if office is not None and finding.red:
            red[office] += 1
        elif office is not None and finding.amber:
            amber[office] += 1
    return red, amber


def _senders(session: Session) -> dict[str, tuple[int, datetime | None]]:
    last_import = (
        select(
            ReceivedPackage.installation_id,
            func.max(ReceivedPackage.imported_at).label("last_at"),
        )
        .group_by(ReceivedPackage.installation_id)
        .subquery()
    )
    query = (
        select(Sender.unit_code, Sender.last_seq, last_import.c.last_at)
        .outerjoin(last_import, last_import.c.installation_id == Sender.installation_id)
        .where(Sender.retired_at.is_(None))
    )
    return {code: (seq, when) for code, seq, when in session.execute(query)}


@dataclass(frozen=True)
class CountyTotals:
    """The county view's 合计: every office's figures summed (shortfalls where checked)."""

    teams: int
    members: int
    depots: int
    stock_lines: int
    equipment: int
    findings_red: int | None
    findings_amber: int | None


def county_totals(rows: list[OfficeSummary]) -> CountyTotals:
    """The figures of ``rows`` summed (the shortfalls ``None`` when they could not be checked)."""
    checked = bool(rows) and all(r.findings_red is not None for r in rows)
    return CountyTotals(
        teams=sum(r.teams for r in rows),
        members=sum(r.members for r in rows),
        depots=sum(r.depots for r in rows),
        stock_lines=sum(r.stock_lines for r in rows),
        equipment=sum(r.equipment for r in rows),
        findings_red=sum(r.findings_red or 0 for r in rows) if checked else None,
        findings_amber=sum(r.findings_amber or 0 for r in rows) if checked else None,
    )
