"""How reports write numbers, amounts and dates: exact, with units, never in exponent form."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from ledger.core.quantity import format_quantity


class HasAmount(Protocol):
    """A total of one measuring unit."""

    @property
    def unit(self) -> str: ...

    @property
    def quantity(self) -> Decimal: ...


def qty(value: Decimal | None, unit: str = "") -> str:
    """A quantity with its unit (``1000袋``); empty for ``None``."""
    if value is None:
        return ""
    return format_quantity(value, unit)


def signed(value: Decimal, unit: str = "") -> str:
    """A quantity that may be negative, with an explicit minus (红冲 lines)."""
    return ("-" if value < 0 else "") + qty(abs(value), unit)


def amounts(totals: Iterable[HasAmount], sep: str = "\n") -> str:
    """Totals of several measuring units, one per line (``1200袋`` / ``30把``)."""
    return sep.join(qty(a.quantity, a.unit) for a in totals)


def money(value: Decimal | None) -> str:
    """An amount of money in yuan with two decimals and thousands separators."""
    if value is None:
        return ""
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"


def day(value: date | None) -> str:
    """A date as ``2026-10-05``; empty for ``None``."""
    return value.isoformat() if value else ""


def span(start: date | None, end: date | None) -> str:
    """A date range for a report header (``2026-10-01 至 2026-10-31``, ``截至 2026-11-25``)."""
    if start and end:
        return f"{start.isoformat()} 至 {end.isoformat()}"
    if end:
        return f"截至 {end.isoformat()}"
    if start:
        return f"{start.isoformat()} 起"
    return ""
