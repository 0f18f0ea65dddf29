"""Reading the facts of a norm check (事实) from the database in a few bulk column queries.

A county has tens of thousands of roster lines, so the columns are read raw (ids as the driver
gives them, dates, enums and scaled decimals as stored) and converted here with small caches,
which is several times faster than SQLAlchemy's per-value type processing. The statements
are Core selects over the tables, built once and compiled once per dialect. Stock comes summed
per depot and item in SQL, except the lots that expire within the rules' warning period, read
one by one. Ids stay as the driver returns them (hex text on SQLite, ``uuid.UUID`` on
PostgreSQL); :func:`as_uuid` turns one into a UUID where a caller needs it.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    and_,
    bindparam,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ledger import models as orm
from ledger.core.enums import (
    Category,
    EquipmentStatus,
    Level,
    Nature,
    PostKind,
    ReserveMode,
    TeamType,
    Trainee,
)
from ledger.models import mappings as orm_mappings
from ledger.models import norms as orm_norms
from ledger.models.check_indexes import check_movements
from ledger.norms import facts as f
from ledger.norms import per_capita
from ledger.paths import resource
from ledger.services.raw_reads import BOOL, DAY, ID, QTY, Core, Reader, as_uuid, spec
from ledger.services.raw_reads import day as _day
from ledger.services.raw_reads import enum_of as _enum
from ledger.services.raw_reads import fetch as _fetch
from ledger.services.raw_reads import flags as _flags
from ledger.services.raw_reads import qty as _qty

(Balance, Certificate, Counterparty, Depot, Drill, Equipment, Item, Member, Movement, OrgUnit,
 Post, Team, Training) = map(Core, (orm.Balance, orm.Certificate, orm.Counterparty, orm.Depot,
 orm.Drill, orm.Equipment, orm.Item, orm.Member, orm.Movement, orm.OrgUnit, orm.Post, orm.Team,
 orm.Training))  # fmt: skip
(AttributeConfirmation, PerCapitaAmount, PerCapitaNorm, ReserveAgreement, ReserveAgreementLine,
 StockMinimum) = map(Core, (orm_norms.AttributeConfirmation, orm_norms.PerCapitaAmount,
 orm_norms.PerCapitaNorm, orm_norms.ReserveAgreement, orm_norms.ReserveAgreementLine,
 orm_norms.StockMinimum))  # fmt: skip
EquipmentMapping = Core(orm_mappings.EquipmentMapping)

#: How far back drills and trainings are read: the longest window a rule may use.
LOOKBACK_DAYS = 730


#: The parameters a statement may take: the date of the check, the first day read back, and
#: the last expiry date whose lots are read one by one.
ON, SINCE, HORIZON = (bindparam(name, type_=Date()) for name in ("on", "since", "horizon"))


def _active(start: Any, end: Any) -> ColumnElement[bool]:
    """``start <= on < end`` for the date of the check, open ends counting as always."""
    return and_(or_(start.is_(None), start <= ON), or_(end.is_(None), end > ON))


UNITS = spec((OrgUnit.id, ID), OrgUnit.code, OrgUnit.name, (OrgUnit.level, _enum(Level)),
             (OrgUnit.parent_id, ID), OrgUnit.population, (OrgUnit.flags, _flags),
             OrgUnit.profile_id)  # fmt: skip
TEAMS = spec((Team.id, ID), Team.code, Team.name, (Team.unit_id, ID),
             (Team.team_type, _enum(TeamType)), (Team.nature, _enum(Nature)),
             (Team.founded_on, DAY))  # fmt: skip
#: Only members active on the date are read, so their join and leave dates are not needed.
MEMBERS = spec((Member.id, ID), (Member.team_id, ID), Member.name, (Member.nature, _enum(Nature)),
               Member.id_number, (Member.birth_date, DAY))  # fmt: skip
CERTIFICATES = spec((Certificate.id, ID), (Certificate.member_id, ID), Certificate.name,
                    (Certificate.expires_on, DAY))  # fmt: skip
POSTS = spec((Post.id, ID), (Post.unit_id, ID), (Post.kind, _enum(PostKind)), Post.name,
             (Post.since, DAY), (Post.until, DAY))  # fmt: skip
ITEMS = spec((Item.id, ID), Item.code, Item.name, Item.unit, (Item.category, _enum(Category)),
             (Item.serial_tracked, BOOL), Item.maintenance_interval_days, Item.spec)  # fmt: skip
DEPOTS = spec((Depot.id, ID), Depot.code, Depot.name, (Depot.unit_id, ID), Depot.kind,
              (Depot.area_m2, QTY))  # fmt: skip
EQUIPMENT = spec((Equipment.id, ID), Equipment.serial, (Equipment.item_id, ID),
                 (Equipment.holder_unit_id, ID), (Equipment.holder_team_id, ID),
                 (Equipment.holder_depot_id, ID), (Equipment.status, _enum(EquipmentStatus)),
                 (Equipment.purchased_on, DAY), (Equipment.last_maintained_on, DAY),
                 (Equipment.next_due_on, DAY))  # fmt: skip
DRILLS = spec((Drill.id, ID), (Drill.unit_id, ID), (Drill.held_on, DAY),
              (Drill.comprehensive, BOOL), Drill.title)  # fmt: skip
TRAININGS = spec((Training.id, ID), (Training.unit_id, ID), Training.person,
                 (Training.started_on, DAY), (Training.days, QTY), (Training.member_id, ID),
                 Training.id_number, Training.subject,
                 (Training.trainee, _enum(Trainee)))  # fmt: skip
AGREEMENTS = spec((ReserveAgreementLine.id, ID), (ReserveAgreement.unit_id, ID),
                  Counterparty.name, (ReserveAgreementLine.item_id, ID),
                  (ReserveAgreementLine.quantity, QTY), (ReserveAgreement.mode,
                  _enum(ReserveMode)), (ReserveAgreement.starts_on, DAY),
                  (ReserveAgreement.ends_on, DAY), ReserveAgreement.number)  # fmt: skip
PER_CAPITA = spec((PerCapitaAmount.unit_id, ID), PerCapitaAmount.profile_id,
                  PerCapitaAmount.rule_id, (PerCapitaAmount.item_id, ID),
                  (PerCapitaAmount.amount, QTY), (PerCapitaAmount.per_day, BOOL))  # fmt: skip
OFFICE_NORMS = spec((PerCapitaNorm.item_id, ID), (PerCapitaNorm.per_person, QTY),
                    (PerCapitaNorm.per_person_day, QTY), PerCapitaNorm.basis)  # fmt: skip
MINIMUMS = spec((StockMinimum.id, ID), (StockMinimum.depot_id, ID), (StockMinimum.item_id, ID),
                (StockMinimum.quantity, QTY))  # fmt: skip
MAPPINGS = spec((EquipmentMapping.unit_id, ID), EquipmentMapping.profile_id,
                EquipmentMapping.rule_id, EquipmentMapping.entry,
                (EquipmentMapping.item_id, ID))  # fmt: skip
CONFIRMATIONS = spec((AttributeConfirmation.id, ID), (AttributeConfirmation.unit_id, ID),
                     AttributeConfirmation.attribute, (AttributeConfirmation.confirmed_on, DAY),
                     AttributeConfirmation.confirmed_by)  # fmt: skip


_member_active = _active(Member.joined_on, Member.left_on)
#: Records 停用 are left out of the facts (see ledger.services.lifecycle).
_UNITS = Reader(f.UnitFact, UNITS, lambda q: q.where(OrgUnit.disabled.is_(False)))
_TEAMS = Reader(f.TeamFact, TEAMS, lambda q: q.where(Team.disabled.is_(False)))
_member_kept = and_(_member_active, Member.disabled.is_(False))
_MEMBERS = Reader(f.MemberFact, MEMBERS, lambda q: q.where(_member_kept))
_CERTIFICATES = Reader(
    f.CertificateFact,
    CERTIFICATES,
    lambda q: q.join(Member.table, Member.id == Certificate.member_id).where(
        Certificate.expires_on.is_not(None), _member_kept
    ),
)
_POSTS = Reader(f.PostFact, POSTS, lambda q: q.where(_active(Post.since, Post.until)))
_ITEMS = Reader(f.ItemFact, ITEMS, lambda q: q.where(Item.disabled.is_(False)))
_DEPOTS = Reader(f.DepotFact, DEPOTS, lambda q: q.where(Depot.disabled.is_(False)))
_EQUIPMENT = Reader(
    f.EquipmentFact,
    EQUIPMENT,
    lambda q: q.where(Equipment.disabled.is_(False)),  # scrapped too: 「原有1台已报废」
)
_DRILLS = Reader(f.DrillFact, DRILLS, lambda q: q.where(Drill.held_on.between(SINCE, ON)))
_TRAININGS = Reader(
    f.TrainingFact, TRAININGS, lambda q: q.where(Training.started_on.between(SINCE, ON))
)
_AGREEMENTS = Reader(
    f.AgreementFact,
    AGREEMENTS,
    lambda q: (
        q.select_from(ReserveAgreementLine.table)
        .join(ReserveAgreement.table, ReserveAgreement.id == ReserveAgreementLine.agreement_id)
        .join(Counterparty.table, Counterparty.id == ReserveAgreement.counterparty_id)
    ),
)
_PER_CAPITA = Reader(f.PerCapitaFact, PER_CAPITA)
_MINIMUMS = Reader(f.MinimumFact, MINIMUMS)
_OFFICE_NORMS = Reader(f.OfficeNormFact, OFFICE_NORMS)
_CONFIRMATIONS = Reader(
    f.ConfirmationFact,
    CONFIRMATIONS,
    lambda q: q.where(AttributeConfirmation.confirmed_on <= ON),
)
_MAPPINGS = Reader(f.MappingFact, MAPPINGS)


def reference() -> tuple[per_capita.ReferenceAmount, ...]:
    """The shipped reference of per-person amounts (read once)."""
    return _reference(resource("norms", "reference", "per_capita.toml"))


@functools.cache
def _reference(path: Path) -> tuple[per_capita.ReferenceAmount, ...]:
    return per_capita.load_reference(path)


def gather_facts(session: Session, on: date, *, lookahead: int | None = None) -> f.Facts:
    """Everything the rules read, as it stood on ``on``, in a few bulk queries.

    The facts are those of that one date: members and posts not active then are left out
    (members read carry no join or leave date), and stock is the stock on that date.

    Args:
        session: an open session.
        on: the date of the check.
        lookahead: how many days past ``on`` the rules look at lot expiries: lots expiring
            later are read summed per depot and item (see ``Facts.exact_until``). By default
            every lot is read one by one.
    """
    conn = session.connection()
    when = {"on": on, "since": on - timedelta(days=LOOKBACK_DAYS)}
    horizon = None if lookahead is None else on + timedelta(days=lookahead)
    items = _ITEMS.read(conn)
    return f.Facts(
        units=_UNITS.read(conn),
        teams=_TEAMS.read(conn),
        members=_MEMBERS.read(conn, **when),
        certificates=_CERTIFICATES.read(conn, **when),
        posts=_POSTS.read(conn, **when),
        items=items,
        depots=_DEPOTS.read(conn),
        lots=_lots(conn, on, horizon),
        equipment=_EQUIPMENT.read(conn),
        drills=_DRILLS.read(conn, **when),
        trainings=_TRAININGS.read(conn, **when),
        agreements=_AGREEMENTS.read(conn),
        per_capita=_PER_CAPITA.read(conn),
        per_capita_defaults=per_capita.defaults(reference(), items, _OFFICE_NORMS.read(conn)),
        minimums=_MINIMUMS.read(conn),
        confirmations=_CONFIRMATIONS.read(conn, **when),
        mappings=_MAPPINGS.read(conn),
        exact_until=horizon,
    )


_LOT = (Balance.depot_id, Balance.item_id, Balance.lot, Balance.expiry, Balance.quantity)
#: Lots holding something (or less), written as a literal so that SQLite matches the partial
#: index of such lots (``ix_balances_held``) and scans it instead of every lot ever held.
_NONZERO = Balance.quantity != literal_column("0")
#: Every non-zero lot.
_HELD = select(*_LOT).where(_NONZERO)
#: Stock that expires after the horizon (or never), summed per depot and item.
_SUMS = (
    select(Balance.depot_id, Balance.item_id, func.sum(Balance.quantity))
    .where(_NONZERO, Balance.quantity > 0)
    .where(or_(Balance.expiry.is_(None), Balance.expiry > HORIZON))
    .group_by(Balance.depot_id, Balance.item_id)
)
#: Lots expired or expiring by the horizon, one by one (found through ``ix_balances_expiry``).
_NEAR = select(*_LOT).where(_NONZERO, Balance.quantity > 0, Balance.expiry <= HORIZON)
_MOVED = (Movement.depot_id, Movement.item_id, Movement.lot)
#: What each lot moved after the date.
_LATER = (
    select(*_MOVED, func.sum(Movement.quantity), func.max(Movement.expiry))
    .where(Movement.occurred_on > ON)
    .group_by(*_MOVED)
)
#: The same on SQLite, read from the check's covering index alone: without statistics SQLite
#: would rather walk a whole index in lot order and look up each movement's row.
_LATER_SQLITE = text(
    "SELECT depot_id, item_id, lot, sum(quantity), max(expiry) "
    f"FROM movements INDEXED BY {check_movements.name} "
    "WHERE occurred_on > :on GROUP BY depot_id, item_id, lot"
).bindparams(ON)


def _lots(conn: Connection, on: date, horizon: date | None) -> tuple[f.LotFact, ...]:
    """Stock per depot, item and lot on ``on``: the balance minus the movements after ``on``.

    With a ``horizon``, only lots expiring by then come one by one; the rest of a depot's
    stock of an item is one fact, and lots holding nothing (or less) on ``on`` are left out,
    as no rule counts them. On today's date that is two grouped queries; on an earlier one,
    the lots that moved since are rebuilt first (a lot empty today may have held stock then).
    """
    later = _fetch(conn, _LATER_SQLITE if conn.dialect.name == "sqlite" else _LATER, on=on)
    if not later and horizon is not None:
        return _facts(_fetch(conn, _NEAR, horizon=horizon), _fetch(conn, _SUMS, horizon=horizon))
    held = {(d, i, lot): [int(q), expiry] for d, i, lot, expiry, q in _fetch(conn, _HELD)}
    for d, i, lot, moved, expiry in later:
        held.setdefault((d, i, lot), [0, expiry])[0] -= int(moved)
    rows = [(d, i, lot, expiry, q) for (d, i, lot), (q, expiry) in held.items() if q]
    if horizon is None:
        return _facts(rows, ())
    near: list[Any] = []
    summed: dict[tuple[Any, Any], int] = defaultdict(int)
    for row in rows:
        if row[4] <= 0:
            continue
        expiry = _day(row[3])
        if expiry is None or expiry > horizon:
            summed[row[0], row[1]] += row[4]
        else:
            near.append(row)
    return _facts(near, [(d, i, q) for (d, i), q in summed.items()])


def _facts(lots: list[Any], sums: Any) -> tuple[f.LotFact, ...]:
    """Lot facts of ``(depot, item, lot, expiry, quantity)`` rows and ``(depot, item, sum)``."""
    new, cls = tuple.__new__, f.LotFact
    one_by_one = [new(cls, (d, i, _qty(q), lot, _day(e))) for d, i, lot, e, q in lots]
    summed = [new(cls, (d, i, _qty(q), "", None)) for d, i, q in sums]
    return (*one_by_one, *summed)


__all__ = ["LOOKBACK_DAYS", "as_uuid", "gather_facts"]
