"""The ledger's rules, each stated here and tested in tests/services/test_rules.py.

1. Stock never goes below zero, on any day. Within one day receipts count before issues, so a
   day's lowest balance is its closing balance; a document is allowed only if every closing
   balance from its date on stays at or above zero.
2. A backdated document that would drive a later balance negative is refused, naming the first
   date it would go negative.
3. A document dated before the last stocktake of its depot and item is refused: the count
   fixed the quantity on that date.
4. Issuing (or transferring) an expired lot is refused unless an override reason is given.
5. Quantities of the same depot, item and lot in one document are summed before the checks.
6. A document dated in a closed period of its depot is refused, naming the period.

The rules are functions of what they read, :class:`StockReads`; every path that writes stock
(posting, reversal, stocktake, bulk receipts) hands them
:class:`ledger.services.stock.reads.Reads`, which reads the session's database.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import NamedTuple, Protocol

from ledger.core.errors import (
    BeforeStocktake,
    ExpiredLot,
    InsufficientStock,
    PeriodClosed,
    WouldGoNegative,
)
from ledger.services.stock.journal import BalanceRow, Delta

ZERO = Decimal(0)
#: A balance key: depot, item, lot.
Key = tuple[uuid.UUID, uuid.UUID, str]
#: The kinds of closed period (:mod:`ledger.services.closing.periods`).
MONTH, YEAR = "month", "year"


class Names(NamedTuple):
    """What a refusal names: the depot, the item and the item's unit."""

    depot: str
    item: str
    unit: str


class StockReads(Protocol):
    """What the rules read of the ledger, and nothing more."""

    def balance(self, key: Key) -> BalanceRow | None:
        """The current balance of a depot, item and lot (with what this posting changed)."""
        ...

    def days_after(self, key: Key, on: date) -> list[tuple[date, Decimal]]:
        """The net movement of every day after ``on`` that has movements, in date order."""
        ...

    def total_through(self, key: Key, on: date) -> Decimal:
        """The balance at the close of ``on``: every movement dated on or before it."""
        ...

    def last_stocktake(
        self, depot_id: uuid.UUID, item_id: uuid.UUID, after: date | None = None
    ) -> date | None:
        """The date of the last stocktake of the depot that counted the item (reversed counts
        excluded), only later than ``after`` when given."""
        ...

    def covering_close(self, depot_id: uuid.UUID, on: date) -> tuple[str, date, date] | None:
        """The earliest close of the depot that covers ``on``: kind, first and last day."""
        ...

    def names(self, depot_id: uuid.UUID, item_id: uuid.UUID) -> Names:
        """The depot's and item's names and the item's unit, for a refusal."""
        ...


def period_label(kind: str, first_day: date) -> str:
    """``2026年10月`` for a month, ``2026年度`` for a year."""
    if kind == YEAR:
        return f"{first_day.year}年度"
    return f"{first_day.year}年{first_day.month}月"


def check_open(reads: StockReads, depot_id: uuid.UUID, on: date) -> None:
    """Refuse posting to ``depot_id`` on ``on`` when that date lies in a closed period (rule 6).

    Raises:
        PeriodClosed: the date is on or before the depot's last close; names the period.
    """
    covering = reads.covering_close(depot_id, on)
    if covering is not None:
        kind, first_day, _ = covering
        label = period_label(kind, first_day)
        if first_day > on:  # a year's close covers the months before it too
            label = f"{label}及以前"
        raise PeriodClosed(period=label, doc_date=on.isoformat())


def net_by_key(deltas: list[Delta]) -> dict[Key, Decimal]:
    """Sum the signed quantities of a document per depot, item and lot (rule 5)."""
    totals: dict[Key, Decimal] = defaultdict(Decimal)
    for delta in deltas:
        totals[delta.key] += delta.quantity
    return dict(totals)


def check_availability(reads: StockReads, deltas: list[Delta], on: date) -> None:
    """Refuse when any depot, item and lot would go below zero on ``on`` or later (rules 1, 2, 5).

    Raises:
        InsufficientStock: not enough on hand on ``on`` itself.
        WouldGoNegative: enough on ``on`` but a later day would close below zero.
    """
    for key, change in net_by_key(deltas).items():
        if change < ZERO:
            _check_key(reads, key, -change, on)


def _check_key(reads: StockReads, key: Key, needed: Decimal, on: date) -> None:
    closing = closing_balances(reads, key, on)
    first_balance = closing[0][1]
    if first_balance < needed:
        names = reads.names(key[0], key[1])
        raise InsufficientStock(
            depot=names.depot,
            item=names.item,
            lot=key[2] or "无",
            on_hand=first_balance,
            requested=needed,
            unit=names.unit,
        )
    for day, balance in closing[1:]:
        if balance < needed:
            names = reads.names(key[0], key[1])
            raise WouldGoNegative(
                depot=names.depot,
                item=names.item,
                lot=key[2] or "无",
                first_date=day.isoformat(),
                balance=balance - needed,
                unit=names.unit,
            )


def closing_balances(reads: StockReads, key: Key, on: date) -> list[tuple[date, Decimal]]:
    """Closing balance on ``on`` and on every later day that has movements, in date order.

    Receipts and issues of one day are netted, so receipts count before issues (rule 1).
    When nothing is dated after ``on``, the current balance is the answer.
    """
    later = reads.days_after(key, on)
    if not later:
        row = reads.balance(key)
        return [(on, row.quantity if row else ZERO)]
    running = reads.total_through(key, on)
    result = [(on, running)]
    for day, total in later:
        running += total
        result.append((day, running))
    return result


def available(reads: StockReads, key: Key, on: date) -> Decimal:
    """What may still be taken out on ``on`` without any later day closing below zero."""
    return max(min(balance for _, balance in closing_balances(reads, key, on)), ZERO)


def check_after_stocktake(
    reads: StockReads, pairs: set[tuple[uuid.UUID, uuid.UUID]], on: date
) -> None:
    """Refuse a document dated before the last stocktake of a depot and item it touches (rule 3).

    Raises:
        BeforeStocktake: names the depot, the item and the stocktake date.
    """
    for pair in sorted(pairs):
        counted_on = reads.last_stocktake(*pair, after=on)
        if counted_on is not None:
            names = reads.names(*pair)
            raise BeforeStocktake(
                depot=names.depot,
                item=names.item,
                stocktake_date=counted_on.isoformat(),
                doc_date=on.isoformat(),
            )


def check_not_expired(reads: StockReads, deltas: list[Delta], on: date) -> None:
    """Refuse taking an expired lot out unless its line gives an override reason (rule 4).

    Raises:
        ExpiredLot: names the item, lot and expiry date.
    """
    for delta in deltas:
        if delta.quantity >= ZERO or delta.line.override_reason.strip():
            continue
        row = reads.balance(delta.key)
        expiry = row.expiry if row else None
        if expiry is not None and expiry < on:
            names = reads.names(delta.depot_id, delta.item_id)
            raise ExpiredLot(item=names.item, lot=delta.lot or "无", expiry=expiry.isoformat())
