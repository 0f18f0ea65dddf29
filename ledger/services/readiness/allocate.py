"""Drawing a need from depots in order: nearest tier first, first-expiring lots first (先到期先出).

Pure functions over plain values, so the rules can be worked by hand and tested by hypothesis:
a depot offers its usable lots less its own minimum (最低库存), which stays in the lots that
expire last; a plan never takes more than a depot offers and takes min(need, available).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

ZERO = Decimal(0)


@dataclass(frozen=True)
class Lot:
    """A usable lot of an item in a depot (serial equipment: one lot of its in-stock pieces)."""

    lot: str
    expiry: date | None
    quantity: Decimal
    serials: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    """What one depot holds of an item, in the order the plan draws depots."""

    depot_id: object
    tier: int
    order: tuple[object, ...]
    lots: tuple[Lot, ...]
    minimum: Decimal = ZERO

    @property
    def offered(self) -> Decimal:
        """The usable stock above the depot's minimum."""
        return max(ZERO, sum((x.quantity for x in self.lots), ZERO) - self.minimum)


@dataclass(frozen=True)
class Draw:
    """One line of a plan: so much of a lot from a depot."""

    depot_id: object
    tier: int
    lot: str
    expiry: date | None
    quantity: Decimal
    serials: tuple[str, ...] = ()


def fefo(lots: tuple[Lot, ...]) -> list[Lot]:
    """Lots first-expiring first; lots without an expiry last, then by lot number."""
    return sorted(lots, key=lambda x: (x.expiry is None, x.expiry or date.max, x.lot))


def allocate(need: Decimal, sources: list[Source]) -> tuple[Decimal, list[Draw]]:
    """The available total and the draws covering ``need`` (as far as it goes), in order."""
    ordered = sorted(sources, key=lambda s: (s.tier, s.order))
    available = sum((s.offered for s in ordered), ZERO)
    still = min(need, available)
    draws: list[Draw] = []
    for source in ordered:
        if still <= ZERO:
            break
        budget = min(source.offered, still)
        still -= budget
        for lot in fefo(source.lots):
            if budget <= ZERO:
                break
            take = min(lot.quantity, budget)
            if take <= ZERO:
                continue
            budget -= take
            serials = lot.serials[: int(take)] if lot.serials else ()
            draws.append(Draw(source.depot_id, source.tier, lot.lot, lot.expiry, take, serials))
    return available, draws
