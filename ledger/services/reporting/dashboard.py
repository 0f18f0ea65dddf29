"""工作台: the figures of the home page for the user's own units, and the rows behind each alert.

The scope is the actor's: a keeper's depots (and the units they belong to), an office's home
units and everything below them, the whole ledger for the rest. Every figure here is one or two
grouped reads, so the page opens fast on a large county; the shortfall figures come from a
check result the page computes after it shows (:func:`town_counts`, :func:`headcount_by_level`).
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, func, literal_column, or_, select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import Category, DocType, EquipmentStatus, Level, RemedyStatus, Role
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.models import Balance, Depot, Document, Equipment, Item, Member, OrgUnit, Team
from ledger.models.indexed import indexed_by
from ledger.models.remedies import Remedy
from ledger.models.teams import Certificate
from ledger.models.view_indexes import HELD, held_balances
from ledger.norms.kinds.teams import TeamHeadcount
from ledger.norms.model import Id, Severity
from ledger.services.exchange.ownership import OrgTree
from ledger.services.norms.profiles import load_all
from ledger.services.norms.shortfalls import CheckResult

ZERO = Decimal(0)
MONTHS = 12


class Alert(StrEnum):
    """An alert of the home page, each with the list behind it."""

    EXPIRED = "expired"
    EXPIRING = "expiring"
    MAINTENANCE = "maintenance"
    CERTIFICATES = "certificates"
    REMEDIES = "remedies"

    @property
    def label(self) -> str:
        """The Chinese title (translate with context ``Home``)."""
        return ALERT_LABELS[self]


ALERT_LABELS = {
    Alert.EXPIRED: QT_TRANSLATE_NOOP("Home", "已过期批次"),
    Alert.EXPIRING: QT_TRANSLATE_NOOP("Home", "{days}天内到期批次"),
    Alert.MAINTENANCE: QT_TRANSLATE_NOOP("Home", "保养逾期装备"),
    Alert.CERTIFICATES: QT_TRANSLATE_NOOP("Home", "证书过期"),
    Alert.REMEDIES: QT_TRANSLATE_NOOP("Home", "整改逾期"),
}


@dataclass(frozen=True)
class Scope:
    """What the user looks after: depots and units (``None``: all of them)."""

    depot_ids: frozenset[uuid.UUID] | None = None
    unit_ids: frozenset[uuid.UUID] | None = None

    @property
    def everything(self) -> bool:
        """Whether the scope is the whole ledger."""
        return self.depot_ids is None and self.unit_ids is None


def own_scope(session: Session, actor: Actor) -> Scope:
    """A keeper's depots and their units; an office's units and those below; else everything."""
    if actor.role is Role.KEEPER:
        depots = frozenset(actor.depot_ids)
        units = frozenset(
            session.scalars(select(Depot.unit_id).where(Depot.id.in_(depots))) if depots else ()
        )
        return Scope(depots, units)
    if actor.role is Role.OFFICE and actor.unit_ids:
        tree = OrgTree.load(session)
        units = frozenset(u for root in actor.unit_ids for u in tree.subtree(root))
        depots = frozenset(session.scalars(select(Depot.id).where(Depot.unit_id.in_(units))))
        return Scope(depots, units)
    return Scope()


def unit_scope(session: Session, unit_id: uuid.UUID | None) -> Scope:
    """A unit, the units below it and their depots (``None``: everything) — a report's scope."""
    if unit_id is None:
        return Scope()
    units = frozenset(OrgTree.load(session).subtree(unit_id))
    depots = frozenset(session.scalars(select(Depot.id).where(Depot.unit_id.in_(units))))
    return Scope(depots, units)


@dataclass(frozen=True)
class Month:
    """One month of a timeline: its first day, how many records fall due, and how much."""

    month: date
    count: int
    quantity: Decimal = ZERO


@dataclass(frozen=True)
class CategoryStock:
    """Stock held in one category: items (品种) and lots."""

    category: Category
    items: int
    lots: int


@dataclass(frozen=True)
class RecentDocument:
    """A document of the latest dates (the last posted first among a day's)."""

    id: uuid.UUID
    doc_type: DocType
    number: str
    doc_date: date
    depot_name: str
    posted_by: str
    posted_at: datetime


@dataclass(frozen=True)
class Overview:
    """The home page's figures on a date (without the shortfalls)."""

    on: date
    expiry_days: int
    scope: Scope
    counts: dict[Alert, int]
    stock: tuple[CategoryStock, ...]
    expiries: tuple[Month, ...]
    maintenance: tuple[Month, ...]
    recent: tuple[RecentDocument, ...]


def months_from(on: date, count: int = MONTHS) -> list[date]:
    """The first days of ``count`` months starting with ``on``'s month."""
    first, found = on.replace(day=1), []
    for _ in range(count):
        found.append(first)
        first = (first + timedelta(days=32)).replace(day=1)
    return found


def overview(
    session: Session,
    actor: Actor,
    on: date,
    expiry_days: int = 30,
    recent: int = 8,
    scope: Scope | None = None,
) -> Overview:
    """Alerts' counts, stock by category, the expiry and maintenance timelines, recent documents
    for the actor's own units (or ``scope``)."""
    scope = scope if scope is not None else own_scope(session, actor)
    counts = {
        Alert.EXPIRED: _count(session, _lots(scope).where(Balance.expiry < on)),
        Alert.EXPIRING: _count(
            session,
            _lots(scope).where(
                Balance.expiry >= on, Balance.expiry <= on + timedelta(days=expiry_days)
            ),
        ),
        Alert.MAINTENANCE: _count(session, _pieces(scope).where(Equipment.next_due_on < on)),
        Alert.CERTIFICATES: _count(session, _certificates(scope, on)),
        Alert.REMEDIES: _count(session, _remedies(scope, on)),
    }
    return Overview(
        on,
        expiry_days,
        scope,
        counts,
        _stock(session, scope),
        _expiries(session, scope, on),
        _maintenance(session, scope, on),
        _recent(session, scope, recent),
    )


def _count(session: Session, query: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)


def _lots(scope: Scope, *columns: Any) -> Any:
    query = select(*(columns or (Balance.id,))).where(HELD, Balance.expiry.is_not(None))
    if scope.depot_ids is not None:
        query = query.where(Balance.depot_id.in_(scope.depot_ids))
    return query


def _holder_unit() -> Any:
    return func.coalesce(Equipment.holder_unit_id, Team.unit_id, Depot.unit_id)


def _pieces(scope: Scope, *columns: Any, holders: bool = False) -> Any:
    query = select(*(columns or (Equipment.id,))).where(
        Equipment.next_due_on.is_not(None),
        Equipment.status != EquipmentStatus.SCRAPPED,
        Equipment.disabled.is_(False),
    )
    if scope.everything and not holders:
        return query
    query = query.outerjoin(Team, Team.id == Equipment.holder_team_id).outerjoin(
        Depot, Depot.id == Equipment.holder_depot_id
    )
    if scope.everything:
        return query
    depots = scope.depot_ids or frozenset()
    units = scope.unit_ids or frozenset()
    return query.where(or_(Equipment.holder_depot_id.in_(depots), _holder_unit().in_(units)))


def _active_member(on: date) -> Any:
    return and_(
        or_(Member.joined_on.is_(None), Member.joined_on <= on),
        or_(Member.left_on.is_(None), Member.left_on > on),
    )


def _certificates(scope: Scope, on: date, *columns: Any) -> Any:
    query = (
        select(*(columns or (Certificate.id,)))
        .join(Member, Member.id == Certificate.member_id)
        .join(Team, Team.id == Member.team_id)
        .where(Certificate.expires_on < on, _active_member(on))
    )
    if scope.unit_ids is not None:
        query = query.where(Team.unit_id.in_(scope.unit_ids))
    return query


def _remedies(scope: Scope, on: date, *columns: Any) -> Any:
    query = select(*(columns or (Remedy.id,))).where(
        Remedy.status != RemedyStatus.DONE, Remedy.due_on < on
    )
    if scope.unit_ids is not None:
        query = query.where(Remedy.unit_id.in_(scope.unit_ids))
    return query


def _stock(session: Session, scope: Scope) -> tuple[CategoryStock, ...]:
    """Items and lots held per category, read through the partial index of lots holding
    anything (``ix_balances_held``): left to itself SQLite walks the expiry index's lots."""
    lots = indexed_by(held_balances)
    query = (
        select(Item.category, func.count(func.distinct(lots.c.item_id)), func.count())
        .select_from(lots)
        .join(Item, Item.id == lots.c.item_id)
        .where(lots.c.quantity != literal_column("0"))
        .group_by(Item.category)
    )
    if scope.depot_ids is not None:
        query = query.where(lots.c.depot_id.in_(sorted(scope.depot_ids)))
    found = {category: (items, held) for category, items, held in session.execute(query)}
    return tuple(CategoryStock(c, *found[c]) for c in Category if c in found)


def _timeline(on: date, rows: list[tuple[date, int, Decimal]]) -> tuple[Month, ...]:
    firsts = months_from(on)
    counts: Counter[date] = Counter()
    amounts: dict[date, Decimal] = {}
    for day, number, quantity in rows:
        first = day.replace(day=1)
        counts[first] += number
        amounts[first] = amounts.get(first, ZERO) + (quantity or ZERO)
    return tuple(Month(f, counts[f], amounts.get(f, ZERO)) for f in firsts)


def _window(on: date) -> tuple[date, date]:
    return on, months_from(on, MONTHS + 1)[-1]


def _expiries(session: Session, scope: Scope, on: date) -> tuple[Month, ...]:
    start, end = _window(on)
    query = (
        _lots(scope, Balance.expiry, func.count(Balance.id), func.sum(Balance.quantity))
        .where(Balance.expiry >= start, Balance.expiry < end)
        .group_by(Balance.expiry)
    )
    return _timeline(on, [(d, n, q) for d, n, q in session.execute(query)])


def _maintenance(session: Session, scope: Scope, on: date) -> tuple[Month, ...]:
    start, end = _window(on)
    query = (
        _pieces(scope, Equipment.next_due_on, func.count(Equipment.id))
        .where(Equipment.next_due_on >= start, Equipment.next_due_on < end)
        .group_by(Equipment.next_due_on)
    )
    return _timeline(on, [(d, n, Decimal(n)) for d, n in session.execute(query)])


def _recent(session: Session, scope: Scope, limit: int) -> tuple[RecentDocument, ...]:
    query = (
        select(Document, Depot.name)
        .join(Depot, Depot.id == Document.depot_id)
        .order_by(Document.doc_date.desc(), Document.posted_at.desc())
        .limit(limit)
    )
    if scope.depot_ids is not None:
        query = query.where(Document.depot_id.in_(scope.depot_ids))
    return tuple(
        RecentDocument(d.id, d.doc_type, d.number, d.doc_date, name, d.posted_by, d.posted_at)
        for d, name in session.execute(query)
    )


# The rows behind each alert ------------------------------------------------------------------
@dataclass(frozen=True)
class AlertRow:
    """One record behind an alert: what, where, its date, and how much or which."""

    what: str
    where: str
    day: date | None
    detail: str


def alert_rows(
    session: Session, actor: Actor, alert: Alert, on: date, expiry_days: int = 30
) -> list[AlertRow]:
    """The records an alert counts, in date order (the same conditions as :func:`overview`)."""
    scope = own_scope(session, actor)
    if alert in (Alert.EXPIRED, Alert.EXPIRING):
        when = (
            Balance.expiry < on
            if alert is Alert.EXPIRED
            else and_(Balance.expiry >= on, Balance.expiry <= on + timedelta(days=expiry_days))
        )
        query = (
            _lots(
                scope,
                Item.name,
                Item.spec,
                Item.unit,
                Depot.name,
                Balance.lot,
                Balance.expiry,
                Balance.quantity,
            )
            .join(Item, Item.id == Balance.item_id)
            .join(Depot, Depot.id == Balance.depot_id)
            .where(when)
            .order_by(Balance.expiry, Item.code)
        )
        return [
            AlertRow(f"{name} {spec}".strip(), depot, expiry,
                     f"批次 {lot} · {_quantity(qty)}{unit}" if lot else f"{_quantity(qty)}{unit}")
            for name, spec, unit, depot, lot, expiry, qty in session.execute(query)
        ]  # fmt: skip
    if alert is Alert.MAINTENANCE:
        holder = func.coalesce(OrgUnit.name, Team.name, Depot.name)
        query = (
            _pieces(scope, Item.name, Equipment.serial, holder, Equipment.next_due_on, holders=True)
            .join(Item, Item.id == Equipment.item_id)
            .outerjoin(OrgUnit, OrgUnit.id == Equipment.holder_unit_id)
            .where(Equipment.next_due_on < on)
            .order_by(Equipment.next_due_on, Equipment.serial)
        )
        return [
            AlertRow(f"{name} {serial}", where or "", due, "")
            for name, serial, where, due in session.execute(query)
        ]
    if alert is Alert.CERTIFICATES:
        query = _certificates(
            scope, on, Member.name, Team.name, Certificate.name, Certificate.expires_on
        ).order_by(Certificate.expires_on, Member.name)
        return [
            AlertRow(f"{member} · {certificate}", team, expires, "")
            for member, team, certificate, expires in session.execute(query)
        ]
    query = (
        _remedies(scope, on, OrgUnit.name, Remedy.measure, Remedy.owner, Remedy.due_on)
        .join(OrgUnit, OrgUnit.id == Remedy.unit_id)
        .order_by(Remedy.due_on, OrgUnit.code)
    )
    return [
        AlertRow(measure, unit, due, owner) for unit, measure, owner, due in session.execute(query)
    ]


def _quantity(value: Decimal) -> str:
    from ledger.core.quantity import format_quantity

    return format_quantity(value)


# From a shortfall check ----------------------------------------------------------------------
@dataclass(frozen=True)
class TownCount:
    """The findings of one town (its villages with it) by severity."""

    unit_id: Id
    name: str
    counts: dict[Severity, int]

    @property
    def total(self) -> int:
        """All findings of the town."""
        return sum(self.counts.values())


def severity_counts(result: CheckResult, scope: Scope | None = None) -> dict[Severity, int]:
    """The findings of the check by severity (every severity, zero included)."""
    found = Counter(f.severity for f in _findings(result, scope))
    return {s: found[s] for s in Severity}


def _findings(result: CheckResult, scope: Scope | None) -> list[Any]:
    if scope is None or scope.unit_ids is None:
        return list(result.findings)
    return [f for f in result.findings if f.unit_id in scope.unit_ids]


def town_counts(result: CheckResult, scope: Scope | None = None) -> list[TownCount]:
    """Findings per severity for each town (a village counts with its town), in tree order.

    A unit above the towns (the county) counts on its own row.
    """
    nodes = {u.id: u for u in result.units}
    town_rank = Level.TOWN.rank
    ranks = {text: Level.from_label(text).rank for text in {u.level_label for u in result.units}}
    towns: dict[Id, Id] = {}

    def town_of(unit_id: Id) -> Id:
        if unit_id not in towns:
            node = nodes[unit_id]
            while ranks[node.level_label] > town_rank and node.parent_id in nodes:
                node = nodes[node.parent_id]
            towns[unit_id] = node.id
        return towns[unit_id]

    per: dict[Id, Counter[Severity]] = {}
    for finding in _findings(result, scope):
        if finding.unit_id in nodes:
            per.setdefault(town_of(finding.unit_id), Counter())[finding.severity] += 1
    return [
        TownCount(u.id, u.name, {s: per[u.id][s] for s in Severity if per[u.id][s]})
        for u in result.units
        if u.id in per
    ]


@dataclass(frozen=True)
class LevelHeadcount:
    """Active team members at one level of units against the plans' minimum headcounts."""

    level: Level
    members: int
    minimum: int


def headcount_by_level(
    session: Session, actor: Actor, result: CheckResult, scope: Scope | None = None
) -> list[LevelHeadcount]:
    """Per level of the checked units: active members, and the sum over those units of the
    largest 最少在队人数 their plan asks of them (rules in force on the check's date)."""
    scope = scope if scope is not None else own_scope(session, actor)
    on = result.on
    levels = {u.id: Level.from_label(u.level_label) for u in result.units}
    if scope.unit_ids is not None:
        levels = {u: level for u, level in levels.items() if u in scope.unit_ids}
    members: Counter[Level] = Counter()
    query = (
        select(Team.unit_id, func.count(Member.id))
        .join(Member, Member.team_id == Team.id)
        .where(_active_member(on))
        .group_by(Team.unit_id)
    )
    for team_unit, number in session.execute(query):
        if team_unit in levels:
            members[levels[team_unit]] += number
    flags: dict[Id, list[str]] = dict(session.execute(select(OrgUnit.id, OrgUnit.flags)).all())
    profiles, _bad, _problems = load_all()
    minimum: Counter[Level] = Counter()
    for unit in result.units:
        unit_id = unit.id
        if unit_id not in levels or unit.effective_profile not in profiles:
            continue
        level = levels[unit_id]
        unit_flags = frozenset(flags.get(unit_id) or ())
        asked = [
            rule.params.min_members
            for rule in profiles[unit.effective_profile].rules
            if isinstance(rule.params, TeamHeadcount)
            and rule.effective <= on
            and rule.applies_to(level, unit_flags)
        ]
        if asked:
            minimum[level] += max(asked)
    return [
        LevelHeadcount(level, members[level], minimum[level])
        for level in Level
        if members[level] or minimum[level]
    ]
