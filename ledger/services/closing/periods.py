"""Closed periods (月结/年结): a depot's books closed at a month's or year's end.

A close stores every balance of the depot at the cut-off and the head of its movement hash
chain at that moment. From then on a document (or reversal, or stocktake) dated on or before
the cut-off is refused with :class:`~ledger.core.errors.PeriodClosed`; closing a month closes
everything before it too. Only the latest close of a depot can be reopened (反结账).
:func:`check_closes` recomputes the stored figures, so a change to the closed past shows.
"""

from __future__ import annotations

import calendar
import re
import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.errors import (
    InvalidValue,
    NotLastClose,
    PeriodAlreadyClosed,
    PeriodNotEnded,
)
from ledger.core.quantity import format_quantity
from ledger.models import Depot, Item, Movement
from ledger.models.periods import ClosingBalance, PeriodClose
from ledger.services.accounts.permissions import Action, allowed, require
from ledger.services.closing import checkpoints
from ledger.services.common import lookup
from ledger.services.common.atomic import atomic
from ledger.services.stock.constraints import MONTH as MONTH  # re-exported: the kinds of period
from ledger.services.stock.constraints import YEAR as YEAR
from ledger.services.stock.constraints import period_label
from ledger.services.stock.journal import lock_chains


@dataclass(frozen=True)
class Period:
    """A month or a year of the books."""

    kind: str
    first_day: date
    last_day: date

    @property
    def label(self) -> str:
        """``2026年10月`` or ``2026年度``."""
        return period_label(self.kind, self.first_day)


def month(year: int, number: int) -> Period:
    """The calendar month ``number`` of ``year``."""
    last = calendar.monthrange(year, number)[1]
    return Period(MONTH, date(year, number, 1), date(year, number, last))


def year(number: int) -> Period:
    """The calendar year ``number``."""
    return Period(YEAR, date(number, 1, 1), date(number, 12, 31))


def parse_period(text: str) -> Period:
    """Read ``2026-10`` (a month) or ``2026`` (a year).

    Raises:
        InvalidValue: neither form.
    """
    found = re.fullmatch(r"\s*(\d{4})(?:[-/.年](\d{1,2})月?)?\s*", text)
    if found is None or (found[2] and not 1 <= int(found[2]) <= 12):
        raise InvalidValue(where="结账", field="期间", value=text, reason="应为 2026-10 或 2026")
    return month(int(found[1]), int(found[2])) if found[2] else year(int(found[1]))


@dataclass(frozen=True)
class CloseRow:
    """A stored close as lists show it."""

    id: uuid.UUID
    depot_id: uuid.UUID
    depot_code: str
    depot_name: str
    period: Period
    closed_by: str
    chain_seq: int
    chain_hash: str
    lines: int


def last_close(session: Session, depot_id: uuid.UUID) -> date | None:
    """The cut-off of the depot's latest close, or ``None``."""
    return session.scalar(
        select(func.max(PeriodClose.last_day)).where(PeriodClose.depot_id == depot_id)
    )


@atomic
def close_period(
    session: Session,
    actor: Actor,
    depot: str | uuid.UUID,
    period: Period,
    *,
    today: date | None = None,
    note: str = "",
    key_dir: Path | None = None,
) -> CloseRow:
    """Close a depot's books for ``period``: store its balances and chain head at the cut-off.

    Raises:
        PermissionDenied: the actor may not close this depot's books.
        PeriodNotEnded: the period has not ended yet.
        PeriodAlreadyClosed: this depot's period is closed already.

    A signed checkpoint of the chain heads is taken once it is closed (when the office has
    its key, see :mod:`ledger.services.closing.checkpoints`; ``key_dir`` defaults to the data
    folder's).
    """
    found = lookup.by_key(session, Depot, depot)
    require(session, actor, Action.CLOSE_PERIOD, depot_id=found.id)
    today = today or date.today()
    if period.last_day >= today:
        raise PeriodNotEnded(period=period.label, end=period.last_day.isoformat())
    head = lock_chains(session, {found.id})[found.id]
    if _find(session, found.id, period) is not None:
        raise PeriodAlreadyClosed(depot=found.name, period=period.label)
    close = PeriodClose(
        id=uuid.uuid4(),
        depot_id=found.id,
        kind=period.kind,
        first_day=period.first_day,
        last_day=period.last_day,
        closed_by=actor.username,
        chain_seq=head.seq,
        chain_hash=head.hash,
        note=note.strip(),
    )
    session.add(close)
    for item_id, lot, expiry, quantity in balances_at(session, found.id, period.last_day):
        close.balances.append(
            ClosingBalance(
                id=uuid.uuid4(), item_id=item_id, lot=lot, expiry=expiry, quantity=quantity
            )
        )
    session.flush()
    checkpoints.take(session, "close", key_dir)
    return _row(close, found, len(close.balances))


def close_all(
    session: Session,
    actor: Actor,
    period: Period,
    *,
    today: date | None = None,
    key_dir: Path | None = None,
) -> tuple[list[CloseRow], list[str]]:
    """Close ``period`` in every depot the actor may close and that is not closed yet.

    Returns:
        The closes made, and the names of the depots already closed for the period.
    """
    made, skipped = [], []
    for found in session.scalars(select(Depot).order_by(Depot.code)):
        if not allowed(session, actor, Action.CLOSE_PERIOD, depot_id=found.id):
            continue
        if _find(session, found.id, period) is not None:
            skipped.append(found.name)
            continue
        made.append(close_period(session, actor, found.id, period, today=today, key_dir=key_dir))
    return made, skipped


@atomic
def reopen(session: Session, actor: Actor, depot: str | uuid.UUID, period: Period) -> None:
    """Reopen (反结账) a depot's latest close so documents of that period can be posted again.

    Raises:
        PermissionDenied: the actor may not reopen this depot's books.
        UnknownRecord: the period is not closed.
        NotLastClose: a later period is closed; reopen that first.
    """
    found = lookup.by_key(session, Depot, depot)
    require(session, actor, Action.CLOSE_PERIOD, depot_id=found.id)
    lock_chains(session, {found.id})
    close = _find(session, found.id, period)
    if close is None:
        from ledger.core.errors import UnknownRecord

        raise UnknownRecord(kind="结账记录", key=f"{found.name} {period.label}")
    latest = session.scalars(
        select(PeriodClose)
        .where(PeriodClose.depot_id == found.id)
        .order_by(PeriodClose.last_day.desc(), PeriodClose.kind.desc())
    ).first()
    if latest is not None and latest.id != close.id and latest.last_day >= close.last_day:
        raise NotLastClose(depot=found.name, last=_period(latest).label, period=period.label)
    session.delete(close)
    session.flush()


def closes(session: Session, depot_id: uuid.UUID | None = None) -> list[CloseRow]:
    """Stored closes, latest first (of one depot, or of all)."""
    count = (
        select(func.count(ClosingBalance.id))
        .where(ClosingBalance.close_id == PeriodClose.id)
        .correlate(PeriodClose)
        .scalar_subquery()
    )
    query = select(PeriodClose, Depot, count).join(Depot, Depot.id == PeriodClose.depot_id)
    if depot_id is not None:
        query = query.where(PeriodClose.depot_id == depot_id)
    query = query.order_by(PeriodClose.last_day.desc(), Depot.code, PeriodClose.kind)
    return [_row(close, depot, int(n)) for close, depot, n in session.execute(query)]


def balances_at(
    session: Session, depot_id: uuid.UUID, on: date
) -> list[tuple[uuid.UUID, str, date | None, Decimal]]:
    """Every non-zero balance of a depot at the end of ``on``: item, lot, expiry, quantity."""
    total = func.sum(Movement.quantity)
    query = (
        select(Movement.item_id, Movement.lot, func.max(Movement.expiry), total)
        .where(Movement.depot_id == depot_id, Movement.occurred_on <= on)
        .group_by(Movement.item_id, Movement.lot)
        .having(total != 0)
    )
    return [(i, lot, exp, Decimal(q)) for i, lot, exp, q in session.execute(query)]


@dataclass(frozen=True)
class CloseProblem:
    """A close whose stored figures no longer match the ledger."""

    depot_name: str
    period: str
    detail: str


def check_closes(session: Session) -> list[CloseProblem]:
    """Recompute each close's balances and chain link from the movements; return disagreements."""
    problems = []
    for close in session.scalars(select(PeriodClose).order_by(PeriodClose.last_day)):
        depot, label = close.depot.name, _period(close).label
        stored = {(b.item_id, b.lot): b.quantity for b in close.balances}
        now = {(i, lot): q for i, lot, _, q in balances_at(session, close.depot_id, close.last_day)}
        for key in sorted(set(stored) | set(now), key=str):
            before, after = stored.get(key, Decimal(0)), now.get(key, Decimal(0))
            if before != after:
                item = session.get_one(Item, key[0])
                detail = (
                    f"{item.name}（批次 {key[1] or '无'}）结账时结存 {format_quantity(before)}"
                    f"{item.unit}，按现有流水为 {format_quantity(after)}{item.unit}"
                )
                problems.append(CloseProblem(depot, label, detail))
        if close.chain_seq:
            link = session.scalar(
                select(Movement.hash).where(
                    Movement.depot_id == close.depot_id, Movement.seq == close.chain_seq
                )
            )
            if link != close.chain_hash:
                detail = f"结账时的流水链第 {close.chain_seq} 条已被改动或删除"
                problems.append(CloseProblem(depot, label, detail))
    return problems


def _find(session: Session, depot_id: uuid.UUID, period: Period) -> PeriodClose | None:
    return session.scalars(
        select(PeriodClose).where(
            PeriodClose.depot_id == depot_id,
            PeriodClose.kind == period.kind,
            PeriodClose.last_day == period.last_day,
        )
    ).first()


def _period(close: PeriodClose) -> Period:
    return Period(close.kind, close.first_day, close.last_day)


def _row(close: PeriodClose, depot: Depot, lines: int) -> CloseRow:
    return CloseRow(
        close.id,
        depot.id,
        depot.code,
        depot.name,
        _period(close),
        close.closed_by,
        close.chain_seq,
        close.chain_hash,
        lines,
    )
