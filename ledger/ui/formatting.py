"""How values look on screen: dates as 2026-11-22, quantities with their unit, ids of rows."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from ledger.core.quantity import format_quantity

_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")


def fmt_date(value: date | None) -> str:
    """A date as 2026-11-22 (empty for none)."""
    return value.isoformat() if value else ""


def parse_date(text: str) -> date | None:
    """Read 2026-11-22, 2026/11/22, 2026.11.22, 2026年11月22日 or 20261122.

    Returns ``None`` for empty text.

    Raises:
        ValueError: the text is not a date.
    """
    if not text.strip():
        return None
    match = _DATE.match(text) or _COMPACT.match(text)
    if match is None:
        raise ValueError(text)
    year, month, day = (int(g) for g in match.groups())
    return date(year, month, day)


def fmt_qty(value: Decimal | None, unit: str = "") -> str:
    """A quantity with its unit, trailing zeros dropped (1000袋, 2.5吨)."""
    if value is None:
        return ""
    return format_quantity(value, unit)


def fmt_decimal(value: Decimal | None) -> str:
    """A plain decimal (area, price, days) without trailing zeros."""
    return "" if value is None else format_quantity(value)
