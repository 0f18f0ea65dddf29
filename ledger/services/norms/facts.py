"""Reading the facts of a norm check (事实) from the database in a few bulk column queries.

The statements are Core selects over the tables (no ORM mapper is set up), built once so
SQLAlchemy's compiled cache serves them, and run with ``Connection.execute``: its type
processing gives ids as ``uuid.UUID``, dates, decimals and enums on both backends; ids, enums
and personal values (sealed ID numbers) are read through the reading types :class:`FactId`,
:class:`FactEnum` and :class:`FactText`, which give the same values at less cost per value (a
city: 117,600 roster lines a check). Each row becomes a fact with :func:`maker` (the one fast
path of the reader: a fact built from a row without a per-field ``__init__``). Stock comes
summed per depot and item in SQL, except the lots that expire within the rules' warning period,
read one by one.
"""

from __future__ import annotations

import enum
import functools
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import fields
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from itertools import repeat
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Date,
    Enum,
    Select,
    Table,
    Uuid,
    and_,
    bindparam,
    func,
    literal_column,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.orm import Session
from sqlalchemy.types import UserDefinedType

from ledger import models as orm
from ledger.models import mappings as orm_mappings
from ledger.models import norms as orm_norms
from ledger.models.check_indexes import check_movements
from ledger.models.indexed import indexed_by
from ledger.models.personal import EncryptedText, opener
from ledger.norms import facts as f
from ledger.norms import per_capita
from ledger.paths import resource

T = TypeVar("T")


class Core:
    """A model's table with its columns as attributes: Core statements, no ORM mapper set up.

    Selecting mapped attributes would configure every ORM mapper on the first check of a
    process (a quarter of a second of ``ledger check``); the check needs only the columns.
    """

    def __init__(self, model: Any) -> None:
        self.table: Table = model.__table__

    def __getattr__(self, name: str) -> Any:
        try:
            return self.table.c[name]
        except KeyError:
            raise AttributeError(name) from None


def _flags(value: Any) -> frozenset[str]:
    return frozenset(value or ())


def spec(*columns: Any) -> list[tuple[Any, Callable[[Any], Any] | None]]:
    """Columns to read, each alone or with a conversion of its values."""
    return [c if isinstance(c, tuple) else (c, None) for c in columns]


_NEW, _SET, _UNKNOWN = object.__new__, object.__setattr__, uuid.SafeUUID.unknown
#: The ids one gathering of facts has read, by their stored text: a unit's or an item's id in
#: every fact that names it is one object, so the rules' dict lookups match it by identity.
_SEEN: dict[str, uuid.UUID] = {}


def fact_id(value: Any) -> uuid.UUID | None:
    """An id as read (``uuid.UUID``, or 32 hex digits on SQLite) as a ``uuid.UUID``, made
    without ``uuid.UUID.__init__``'s parsing, once per gathering for each id."""
    if value is None or value.__class__ is uuid.UUID:
        return value
    found = _SEEN.get(value)
    if found is not None:
        return found
    if len(value) != 32:
        return uuid.UUID(value)
    made = _SEEN[value] = _NEW(uuid.UUID)
    _SET(made, "int", int(value, 16))
    _SET(made, "is_safe", _UNKNOWN)
    return made


class FactId(UserDefinedType[uuid.UUID]):
    """The id columns of facts, the reader's one fast path: a county's check reads some 70,000
    ids, and :class:`sqlalchemy.Uuid` parses each with ``uuid.UUID(hex=...)``, the most of the
    read's time. Statements still run through ``Connection.execute`` (echo and events see
    them); only the ids' result processing is :func:`fact_id`. For reading only."""

    cache_ok = True

    def get_col_spec(self, **kw: Any) -> str:
        return "UUID"

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any] | None:
        # psycopg (3) reads a server's uuid column as uuid.UUID already: nothing to do per id.
        native = dialect.name == "postgresql" and dialect.driver == "psycopg"
        return None if native else fact_id


class FactEnum(UserDefinedType[Any]):
    """The enum columns of facts (a level, a team's type, a member's nature …), each stored
    code looked up in one dict (``None`` for none, ``KeyError`` for a code the enum does not
    know, as :class:`sqlalchemy.Enum` raises ``LookupError``). For reading only."""

    cache_ok = True

    def __init__(self, enum_class: type[enum.Enum], codes: tuple[str, ...]) -> None:
        self.enum_class = enum_class
        #: The stored code of each member of ``enum_class``, in its order.
        self.codes = codes

    def get_col_spec(self, **kw: Any) -> str:
        return "VARCHAR"

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any]:
        members: dict[Any, Any] = {None: None}
        members.update(zip(self.codes, self.enum_class, strict=True))
        return members.__getitem__


class FactText(UserDefinedType[str]):
    """The personal columns of facts (members' and trainees' ID numbers), opened with
    :func:`ledger.models.personal.opener`: the same plain values as the column's own type
    gives, at a third of its cost per value (a city's roster: 120,000 of them), and each
    value opened once per process (remembered: a check run again reads the same roster).
    For reading only."""

    cache_ok = True

    def get_col_spec(self, **kw: Any) -> str:
        return "VARCHAR"

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any]:
        return opener(dialect, remember=True)


def ids(*columns: Any) -> list[Any]:
    """``columns`` with those holding ids read as :class:`FactId`, personal ones as
    :class:`FactText`, enums (stored as their values) as :class:`FactEnum`."""
    return [_read_as(c) for c in columns]


def _read_as(column: Any) -> Any:
    kind = column.type
    if isinstance(kind, Uuid):
        return type_coerce(column, FactId()).label(column.key)
    if isinstance(kind, EncryptedText):
        return type_coerce(column, FactText()).label(column.key)
    if isinstance(kind, Enum) and kind.enum_class is not None and kind.values_callable:
        codes = tuple(kind.values_callable(kind.enum_class))
        return type_coerce(column, FactEnum(kind.enum_class, codes)).label(column.key)
    return column


class Reader:
    """One kind of fact: the columns in ``specs`` (filtered by ``where``), each row a ``cls``."""

    def __init__(
        self,
        cls: type[Any],
        specs: list[tuple[Any, Callable[[Any], Any] | None]],
        where: Callable[[Select[Any]], Select[Any]] = lambda q: q,
    ) -> None:
        self.query = where(select(*ids(*(column for column, _ in specs))))
        self.steps = [(index, how) for index, (_, how) in enumerate(specs) if how is not None]
        self.make, self.pad = maker(cls, len(specs))

    def read(self, conn: Connection, **values: Any) -> tuple[Any, ...]:
        """The facts, with ``values`` for the statement's parameters."""
        rows: Any = conn.execute(self.query, values).all()
        if not rows:
            return ()
        if self.steps or self.pad:
            columns: list[Any] = list(zip(*rows, strict=True))
            for index, convert in self.steps:
                columns[index] = map(convert, columns[index])
            columns += [repeat(value, len(rows)) for value in self.pad]
            rows = zip(*columns, strict=True)
        return tuple(map(self.make, rows))


def maker(cls: type[T], read: int) -> tuple[Callable[[tuple[Any, ...]], T], tuple[Any, ...]]:
    """A fast constructor of a plain fact from a row of its first ``read`` fields in order.

    Returns the constructor and the values to pad each row with. A named tuple is the row
    itself, padded with the defaults of the fields not read. A frozen dataclass's ``__init__``
    sets each field through ``object.__setattr__``; filling ``__dict__`` at once takes half
    the time, and as the facts have no ``__post_init__`` the result is the same object.
    """
    if issubclass(cls, tuple):
        defaults = cls._field_defaults  # type: ignore[attr-defined]
        pad = tuple(defaults[n] for n in cls._fields[read:])  # type: ignore[attr-defined]
        return partial(tuple.__new__, cls), pad
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]  # a dataclass
    new = object.__new__

    def make(values: tuple[Any, ...]) -> T:
        fact = new(cls)
        fact.__dict__.update(zip(names, values, strict=False))
        return fact

    return make, ()


(Balance, Certificate, Counterparty, Depot, Drill, Equipment, Item, Member, Movement, OrgUnit,
 Post, Team, Training) = map(Core, (orm.Balance, orm.Certificate, orm.Counterparty, orm.Depot,
 orm.Drill, orm.Equipment, orm.Item, orm.Member, orm.Movement, orm.OrgUnit, orm.Post, orm.Team,
 orm.Training))  # fmt: skip
(AttributeConfirmation, PerCapitaAmount, PerCapitaNorm, ReserveAgreement, ReserveAgreementLine,
 StockMinimum) = map(Core, (orm_norms.AttributeConfirmation, orm_norms.PerCapitaAmount,
 orm_norms.PerCapitaNorm, orm_norms.ReserveAgreement, orm_norms.ReserveAgreementLine,
 orm_norms.StockMinimum))  # fmt: skip
EquipmentMapping = Core(orm_mappings.EquipmentMapping)

ZERO = Decimal(0)
#: How far back drills and trainings are read: the longest window a rule may use.
LOOKBACK_DAYS = 730


#: The parameters a statement may take: the date of the check, the first day read back, and
#: the last expiry date whose lots are read one by one.
ON, SINCE, HORIZON = (bindparam(name, type_=Date()) for name in ("on", "since", "horizon"))


def _active(start: Any, end: Any) -> ColumnElement[bool]:
    """``start <= on < end`` for the date of the check, open ends counting as always."""
    return and_(or_(start.is_(None), start <= ON), or_(end.is_(None), end > ON))


UNITS = spec(OrgUnit.id, OrgUnit.code, OrgUnit.name, OrgUnit.level,
             OrgUnit.parent_id, OrgUnit.population, (OrgUnit.flags, _flags),
             OrgUnit.profile_id)  # fmt: skip
TEAMS = spec(Team.id, Team.code, Team.name, Team.unit_id,
             Team.team_type, Team.nature,
             Team.founded_on)  # fmt: skip
#: Only members active on the date are read, so their join and leave dates are not needed.
MEMBERS = spec(Member.id, Member.team_id, Member.name, Member.nature,
               Member.id_number, Member.birth_date)  # fmt: skip
CERTIFICATES = spec(Certificate.id, Certificate.member_id, Certificate.name,
                    Certificate.expires_on)  # fmt: skip
POSTS = spec(Post.id, Post.unit_id, Post.kind, Post.name,
             Post.since, Post.until)  # fmt: skip
ITEMS = spec(Item.id, Item.code, Item.name, Item.unit, Item.category,
             Item.serial_tracked, Item.maintenance_interval_days, Item.spec)  # fmt: skip
DEPOTS = spec(Depot.id, Depot.code, Depot.name, Depot.unit_id, Depot.kind,
              Depot.area_m2)  # fmt: skip
EQUIPMENT = spec(Equipment.id, Equipment.serial, Equipment.item_id,
                 Equipment.holder_unit_id, Equipment.holder_team_id,
                 Equipment.holder_depot_id, Equipment.status,
                 Equipment.purchased_on, Equipment.last_maintained_on,
                 Equipment.next_due_on)  # fmt: skip
DRILLS = spec(Drill.id, Drill.unit_id, Drill.held_on,
              Drill.comprehensive, Drill.title)  # fmt: skip
TRAININGS = spec(Training.id, Training.unit_id, Training.person,
                 Training.started_on, Training.days, Training.member_id,
                 Training.id_number, Training.subject,
                 Training.trainee)  # fmt: skip
AGREEMENTS = spec(ReserveAgreementLine.id, ReserveAgreement.unit_id,
                  Counterparty.name, ReserveAgreementLine.item_id,
                  ReserveAgreementLine.quantity, ReserveAgreement.mode, ReserveAgreement.starts_on,
                  ReserveAgreement.ends_on, ReserveAgreement.number)  # fmt: skip
PER_CAPITA = spec(PerCapitaAmount.unit_id, PerCapitaAmount.profile_id,
                  PerCapitaAmount.rule_id, PerCapitaAmount.item_id,
                  PerCapitaAmount.amount, PerCapitaAmount.per_day)  # fmt: skip
OFFICE_NORMS = spec(PerCapitaNorm.item_id, PerCapitaNorm.per_person,
                    PerCapitaNorm.per_person_day, PerCapitaNorm.basis)  # fmt: skip
MINIMUMS = spec(StockMinimum.id, StockMinimum.depot_id, StockMinimum.item_id,
                StockMinimum.quantity)  # fmt: skip
MAPPINGS = spec(EquipmentMapping.unit_id, EquipmentMapping.profile_id,
                EquipmentMapping.rule_id, EquipmentMapping.entry,
                EquipmentMapping.item_id)  # fmt: skip
CONFIRMATIONS = spec(AttributeConfirmation.id, AttributeConfirmation.unit_id,
                     AttributeConfirmation.attribute, AttributeConfirmation.confirmed_on,
                     AttributeConfirmation.confirmed_by)  # fmt: skip


_member_active = _active(Member.joined_on, Member.left_on)
#: Records 停用 are left out of the facts (see ledger.services.org.lifecycle).
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


def per_capita_defaults(session: Session) -> tuple[f.PerCapitaDefault, ...]:
    """The office's per-item amounts, then the shipped reference matched to the catalogue."""
    conn = session.connection()
    _SEEN.clear()
    try:
        return per_capita.defaults(reference(), _ITEMS.read(conn), _OFFICE_NORMS.read(conn))
    finally:
        _SEEN.clear()


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
    _SEEN.clear()
    try:
        return _gather(conn, on, lookahead)
    finally:
        _SEEN.clear()


def _gather(conn: Connection, on: date, lookahead: int | None) -> f.Facts:
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
_HELD = select(*ids(*_LOT)).where(_NONZERO)
#: Stock that expires after the horizon (or never), summed per depot and item.
_SUMS = (
    select(*ids(Balance.depot_id, Balance.item_id), func.sum(Balance.quantity))
    .where(_NONZERO, Balance.quantity > 0)
    .where(or_(Balance.expiry.is_(None), Balance.expiry > HORIZON))
    .group_by(Balance.depot_id, Balance.item_id)
)
#: Lots expired or expiring by the horizon, one by one (found through ``ix_balances_expiry``).
_NEAR = select(*ids(*_LOT)).where(_NONZERO, Balance.quantity > 0, Balance.expiry <= HORIZON)
#: The movements, read from the check's covering index alone on SQLite (``INDEXED BY``):
#: without statistics SQLite would rather walk a whole index in lot order and look up each
#: movement's row.
_CHECKED = indexed_by(check_movements)
_MOVED = (_CHECKED.c.depot_id, _CHECKED.c.item_id, _CHECKED.c.lot)
#: What each lot moved after the date.
_LATER = (
    select(*ids(*_MOVED), func.sum(_CHECKED.c.quantity), func.max(_CHECKED.c.expiry))
    .where(_CHECKED.c.occurred_on > ON)
    .group_by(*_MOVED)
)


def _lots(conn: Connection, on: date, horizon: date | None) -> tuple[f.LotFact, ...]:
    """Stock per depot, item and lot on ``on``: the balance minus the movements after ``on``.

    With a ``horizon``, only lots expiring by then come one by one; the rest of a depot's
    stock of an item is one fact, and lots holding nothing (or less) on ``on`` are left out,
    as no rule counts them. On today's date that is two grouped queries; on an earlier one,
    the lots that moved since are rebuilt first (a lot empty today may have held stock then).
    """
    later: list[tuple[Any, ...]] = [tuple(row) for row in conn.execute(_LATER, {"on": on})]
    if not later and horizon is not None:
        near_rows = conn.execute(_NEAR, {"horizon": horizon}).all()
        return _facts(near_rows, conn.execute(_SUMS, {"horizon": horizon}).all())
    held = {(d, i, lot): [q, expiry] for d, i, lot, expiry, q in conn.execute(_HELD)}
    for d, i, lot, moved, expiry in later:
        held.setdefault((d, i, lot), [ZERO, expiry])[0] -= moved
    rows = [(d, i, lot, expiry, q) for (d, i, lot), (q, expiry) in held.items() if q]
    if horizon is None:
        return _facts(rows, ())
    near: list[Any] = []
    summed: dict[tuple[Any, Any], Decimal] = defaultdict(Decimal)
    for row in rows:
        if row[4] <= 0:
            continue
        expiry = row[3]
        if expiry is None or expiry > horizon:
            summed[row[0], row[1]] += row[4]
        else:
            near.append(row)
    return _facts(near, [(d, i, q) for (d, i), q in summed.items()])


def _facts(lots: Sequence[Any], sums: Any) -> tuple[f.LotFact, ...]:
    """Lot facts of ``(depot, item, lot, expiry, quantity)`` rows and ``(depot, item, sum)``."""
    new, cls = tuple.__new__, f.LotFact
    one_by_one = [new(cls, (d, i, q, lot, e)) for d, i, lot, e, q in lots]
    summed = [new(cls, (d, i, q, "", None)) for d, i, q in sums]
    return (*one_by_one, *summed)


__all__ = ["LOOKBACK_DAYS", "gather_facts"]
