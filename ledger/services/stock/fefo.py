"""First-expiring-first-out (先到期先出): which lots an issue should take, and how much of each.

Also available as :func:`ledger.services.stock.suggest_lots`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core.quantity import to_decimal
from ledger.models import Balance, Depot, Item
from ledger.services.common import lookup
from ledger.services.stock import constraints as rules

ZERO = Decimal(0)


@dataclass(frozen=True)
class LotPick:
    """A lot suggested for an issue: its expiry, what is available and what to take."""

    lot: str
    expiry: date | None
    available: Decimal
    take: Decimal


def suggest_lots(
    session: Session,
    depot: str | uuid.UUID,
    item: str | uuid.UUID,
    quantity: Decimal,
    on: date,
    *,
    include_expired: bool = False,
) -> list[LotPick]:
    """Suggest lots for issuing ``quantity`` on ``on``, first-expiring-first-out (先到期先出).

    Lots without an expiry come last; expired lots are left out unless ``include_expired``.
    A lot offers only what stays available on every later day, so a backdated issue that
    follows the suggestion passes the availability rule. Fewer picks than asked mean the
    depot holds less than ``quantity``.

    Raises:
        UnknownRecord: the depot or item does not exist.
    """
    depot_row = lookup.by_key(session, Depot, depot)
    item_row = lookup.by_key(session, Item, item)
    lots = session.execute(
        select(Balance.lot, Balance.expiry).where(
            Balance.depot_id == depot_row.id, Balance.item_id == item_row.id
        )
    ).all()
    ordered = sorted(lots, key=lambda r: (r.expiry is None, r.expiry or date.max, r.lot))
    picks: list[LotPick] = []
    known = rules.Reads(session)
    still = to_decimal(quantity)
    for lot, expiry in ordered:
        if still <= ZERO:
            break
        if expiry is not None and expiry < on and not include_expired:
            continue
        free = rules.available(known, (depot_row.id, item_row.id, lot), on)
        if free > ZERO:
            take = min(free, still)
            picks.append(LotPick(lot, expiry, free, take))
            still -= take
    return picks
