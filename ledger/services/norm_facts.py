"""Reading the facts of a norm check (事实) from the database in a few bulk column queries.

A county has tens of thousands of roster lines, so the columns are read raw (ids as the driver
gives them, dates, enums and scaled decimals as stored) and converted here with small caches,
which is several times faster than SQLAlchemy's per-value type processing. Ids stay as the
driver returns them (hex text on SQLite, ``uuid.UUID`` on PostgreSQL); :func:`as_uuid` turns
one into a UUID where a caller needs it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import fields
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Executable, Select, and_, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import InstrumentedAttribute, Session

from ledger.core.enums import (
    Category,
    EquipmentStatus,
    Level,
    Nature,
    PostKind,
    ReserveMode,
    TeamType,
)
from ledger.core.quantity import QTY_PLACES
from ledger.models import (
    Balance,
    Certificate,
    Counterparty,
    Depot,
    Drill,
    Equipment,
    Item,
    Member,
    Movement,
    OrgUnit,
    Post,
    Team,
    Training,
)
from ledger.models.norms import (
    AttributeConfirmation,
    PerCapitaAmount,
    ReserveAgreement,
    ReserveAgreementLine,
    StockMinimum,
)
from ledger.norms import facts as f

T = TypeVar("T")
Convert = Callable[[Any], Any]

#: How far back drills and trainings are read: the longest window a rule may use.
LOOKBACK_DAYS = 730


def as_uuid(value: Any) -> uuid.UUID:
    """A raw id (hex text on SQLite) as a UUID."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(hex=str(value))


@lru_cache(maxsize=8192)
def _iso(text: str) -> date:
    return date.fromisoformat(text)


def _day(value: Any) -> date | None:
    if value.__class__ is str:
        return _iso(value[:10])
    found: date | None = value  # None, or a date from a driver that reads dates itself
    return found


def _qty(value: Any) -> Decimal | None:
    return None if value is None else Decimal(int(value)).scaleb(-QTY_PLACES)


def _enum(cls: type[Enum]) -> Convert:
    return {m.value: m for m in cls}.get


def _flags(value: Any) -> frozenset[str]:
    if isinstance(value, str):
        value = json.loads(value)
    return frozenset(value or ())


#: Marks for columns converted here: ids stay raw; dates, scaled decimals and flags are read.
ID, DAY, QTY, BOOL = "id", "day", "qty", "bool"
_CONVERT: dict[str, Convert] = {DAY: _day, QTY: _qty, BOOL: bool}


def _spec(*columns: Any) -> list[tuple[Any, Convert | str | None]]:
    return [c if isinstance(c, tuple) else (c, None) for c in columns]


def _fetch(conn: Connection, query: Executable) -> list[Any]:
    """The rows of ``query`` straight from the driver, values as stored.

    The statement is built with ``select()`` and run on the session's own connection (so in
    its transaction), but its rows skip SQLAlchemy's per-value processing: converting the
    few columns that need it here is what makes a county's check fast.
    """
    sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))  # type: ignore[attr-defined]
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _read(
    conn: Connection,
    cls: type[T],
    specs: list[tuple[Any, Convert | str | None]],
    query: Callable[[Select[Any]], Select[Any]] = lambda q: q,
) -> tuple[T, ...]:
    """Rows of the columns in ``specs`` (filtered by ``query``), each made into a ``cls``."""
    steps: list[tuple[int, Convert]] = []
    for index, (_, how) in enumerate(specs):
        if isinstance(how, str) and how in _CONVERT:
            steps.append((index, _CONVERT[how]))
        elif callable(how):
            steps.append((index, how))
    rows = _fetch(conn, query(select(*(column for column, _ in specs))))
    if not rows:
        return ()
    columns: list[Any] = list(zip(*rows, strict=True))
    for index, convert in steps:
        columns[index] = map(convert, columns[index])
    return tuple(map(_maker(cls), *columns))


def _maker(cls: type[T]) -> Callable[..., T]:
    """A fast constructor of a plain frozen fact: its fields set in order, defaults from the class.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``; for the
    twenty thousand roster lines of a county, filling ``__dict__`` at once takes half the time.
    The facts have no ``__post_init__``, so the result is the same object.
    """
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]  # a dataclass
    new = object.__new__

    def make(*values: Any) -> T:
        fact = new(cls)
        fact.__dict__.update(zip(names, values, strict=False))
        return fact

    return make


def _active(
    start: InstrumentedAttribute[date | None], end: InstrumentedAttribute[date | None], on: date
) -> ColumnElement[bool]:
    """``start <= on < end``, open ends counting as always."""
    return and_(or_(start.is_(None), start <= on), or_(end.is_(None), end > on))


UNITS = _spec((OrgUnit.id, ID), OrgUnit.code, OrgUnit.name, (OrgUnit.level, _enum(Level)),
              (OrgUnit.parent_id, ID), OrgUnit.population, (OrgUnit.flags, _flags),
              OrgUnit.profile_id)  # fmt: skip
TEAMS = _spec((Team.id, ID), Team.code, Team.name, (Team.unit_id, ID),
              (Team.team_type, _enum(TeamType)), (Team.nature, _enum(Nature)),
              (Team.founded_on, DAY))  # fmt: skip
#: Only members active on the date are read, so their join and leave dates are not needed.
MEMBERS = _spec((Member.id, ID), (Member.team_id, ID), Member.name, (Member.nature, _enum(Nature)),
                Member.id_number, (Member.birth_date, DAY))  # fmt: skip
CERTIFICATES = _spec((Certificate.id, ID), (Certificate.member_id, ID), Certificate.name,
                     (Certificate.expires_on, DAY))  # fmt: skip
POSTS = _spec((Post.id, ID), (Post.unit_id, ID), (Post.kind, _enum(PostKind)), Post.name,
              (Post.since, DAY), (Post.until, DAY))  # fmt: skip
ITEMS = _spec((Item.id, ID), Item.code, Item.name, Item.unit, (Item.category, _enum(Category)),
              (Item.serial_tracked, BOOL), Item.maintenance_interval_days)  # fmt: skip
DEPOTS = _spec((Depot.id, ID), Depot.code, Depot.name, (Depot.unit_id, ID), Depot.kind,
               (Depot.area_m2, QTY))  # fmt: skip
EQUIPMENT = _spec((Equipment.id, ID), Equipment.serial, (Equipment.item_id, ID),
                  (Equipment.holder_unit_id, ID), (Equipment.holder_team_id, ID),
                  (Equipment.holder_depot_id, ID), (Equipment.status, _enum(EquipmentStatus)),
                  (Equipment.purchased_on, DAY), (Equipment.last_maintained_on, DAY),
                  (Equipment.next_due_on, DAY))  # fmt: skip
DRILLS = _spec((Drill.id, ID), (Drill.unit_id, ID), (Drill.held_on, DAY),
               (Drill.comprehensive, BOOL), Drill.title)  # fmt: skip
TRAININGS = _spec((Training.id, ID), (Training.unit_id, ID), Training.person,
                  (Training.started_on, DAY), (Training.days, QTY), (Training.member_id, ID),
                  Training.id_number, Training.subject)  # fmt: skip
AGREEMENTS = _spec((ReserveAgreementLine.id, ID), (ReserveAgreement.unit_id, ID),
                   Counterparty.name, (ReserveAgreementLine.item_id, ID),
                   (ReserveAgreementLine.quantity, QTY), (ReserveAgreement.mode,
                   _enum(ReserveMode)), (ReserveAgreement.starts_on, DAY),
                   (ReserveAgreement.ends_on, DAY), ReserveAgreement.number)  # fmt: skip
PER_CAPITA = _spec((PerCapitaAmount.unit_id, ID), PerCapitaAmount.profile_id,
                   PerCapitaAmount.rule_id, (PerCapitaAmount.item_id, ID),
                   (PerCapitaAmount.amount, QTY), (PerCapitaAmount.per_day, BOOL))  # fmt: skip
MINIMUMS = _spec((StockMinimum.id, ID), (StockMinimum.depot_id, ID), (StockMinimum.item_id, ID),
                 (StockMinimum.quantity, QTY))  # fmt: skip
CONFIRMATIONS = _spec((AttributeConfirmation.id, ID), (AttributeConfirmation.unit_id, ID),
                      AttributeConfirmation.attribute, (AttributeConfirmation.confirmed_on, DAY),
                      AttributeConfirmation.confirmed_by)  # fmt: skip


def gather_facts(session: Session, on: date) -> f.Facts:
    """Everything the rules read, as it stood on ``on``, in a few bulk queries.

    The facts are those of that one date: members and posts not active then are left out
    (members read carry no join or leave date), and stock is the stock on that date.
    """
    conn = session.connection()
    since = on - timedelta(days=LOOKBACK_DAYS)
    member_active = _active(Member.joined_on, Member.left_on, on)
    return f.Facts(
        units=_read(conn, f.UnitFact, UNITS),
        teams=_read(conn, f.TeamFact, TEAMS),
        members=_read(conn, f.MemberFact, MEMBERS, lambda q: q.where(member_active)),
        certificates=_read(
            conn,
            f.CertificateFact,
            CERTIFICATES,
            lambda q: q.join(Member, Member.id == Certificate.member_id).where(
                Certificate.expires_on.is_not(None), member_active
            ),
        ),
        posts=_read(
            conn, f.PostFact, POSTS, lambda q: q.where(_active(Post.since, Post.until, on))
        ),
        items=_read(conn, f.ItemFact, ITEMS),
        depots=_read(conn, f.DepotFact, DEPOTS),
        lots=_lots(conn, on),
        equipment=_read(
            conn,
            f.EquipmentFact,
            EQUIPMENT,
            lambda q: q.where(Equipment.status != EquipmentStatus.SCRAPPED),
        ),
        drills=_read(
            conn, f.DrillFact, DRILLS, lambda q: q.where(Drill.held_on.between(since, on))
        ),
        trainings=_read(
            conn,
            f.TrainingFact,
            TRAININGS,
            lambda q: q.where(Training.started_on.between(since, on)),
        ),
        agreements=_read(
            conn,
            f.AgreementFact,
            AGREEMENTS,
            lambda q: (
                q.select_from(ReserveAgreementLine)
                .join(ReserveAgreement, ReserveAgreement.id == ReserveAgreementLine.agreement_id)
                .join(Counterparty, Counterparty.id == ReserveAgreement.counterparty_id)
            ),
        ),
        per_capita=_read(conn, f.PerCapitaFact, PER_CAPITA),
        minimums=_read(conn, f.MinimumFact, MINIMUMS),
        confirmations=_read(
            conn,
            f.ConfirmationFact,
            CONFIRMATIONS,
            lambda q: q.where(AttributeConfirmation.confirmed_on <= on),
        ),
    )


def _lots(conn: Connection, on: date) -> tuple[f.LotFact, ...]:
    """Stock per depot, item and lot on ``on``: the balance minus the movements after ``on``.

    Only non-zero balances are read, plus the lots that moved after ``on`` (a lot empty today
    may have held stock then). Later movements are found through the (item, date) index, so a
    check on today's date reads none of them.
    """
    key = (Movement.depot_id, Movement.item_id, Movement.lot)
    after = (
        select(*key, func.sum(Movement.quantity), func.max(Movement.expiry))
        .where(Movement.item_id.in_(select(Item.id)), Movement.occurred_on > on)
        .group_by(*key)
    )
    balances = select(
        Balance.depot_id, Balance.item_id, Balance.lot, Balance.expiry, Balance.quantity
    ).where(Balance.quantity != 0)
    rows = _fetch(conn, balances)
    later = _fetch(conn, after)
    if later:
        held = {(d, i, lot): [int(q), expiry] for d, i, lot, expiry, q in rows}
        for d, i, lot, moved, expiry in later:
            held.setdefault((d, i, lot), [0, expiry])[0] -= int(moved)
        rows = [(d, i, lot, expiry, q) for (d, i, lot), (q, expiry) in held.items() if q]
    return tuple(
        f.LotFact(d, i, _qty(q), lot, _day(expiry))  # type: ignore[arg-type]
        for d, i, lot, expiry, q in rows
    )
