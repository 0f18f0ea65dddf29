"""Exact quantities: decimals with a fixed number of places, never floats."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from ledger.core.errors import InvalidQuantity

#: Quantities carry three decimal places (kilograms in a ton, litres in a cubic metre).
QTY_PLACES = 3
QTY_SCALE = 10**QTY_PLACES
#: Unit prices carry four decimal places (fractions of a fen after averaging).
PRICE_PLACES = 4
PRICE_SCALE = 10**PRICE_PLACES

ZERO = Decimal(0)
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋，", "0123456789.-+,")


def to_decimal(value: object, *, places: int = QTY_PLACES, what: str = "数量") -> Decimal:
    """Return ``value`` as an exact :class:`Decimal` with at most ``places`` decimals.

    Accepts ints, Decimals and text (full-width digits and thousands separators allowed).
    Floats are refused unless they are integral, since they are not exact.

    Raises:
        InvalidQuantity: the value is not a number or has too many decimals.
    """
    if isinstance(value, bool):
        raise InvalidQuantity(what=what, value=str(value))
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip().translate(_FULL_WIDTH).replace(",", "")
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise InvalidQuantity(what=what, value=value) from None
    else:
        raise InvalidQuantity(what=what, value=str(value))
    if not result.is_finite():
        raise InvalidQuantity(what=what, value=str(value))
    exponent = result.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        raise InvalidQuantity(what=what, value=str(value), places=places)
    return result


def to_scaled(value: Decimal, scale: int = QTY_SCALE) -> int:
    """Return the integer that stores ``value`` at ``scale`` (exact, or an error)."""
    scaled = value * scale
    if scaled != scaled.to_integral_value():
        raise InvalidQuantity(what="数量", value=str(value))
    return int(scaled)


def from_scaled(stored: int, scale: int = QTY_SCALE) -> Decimal:
    """Return the decimal stored as ``stored`` at ``scale``, without trailing zeros."""
    places = len(str(scale)) - 1
    return normalize(Decimal(stored).scaleb(-places))


def normalize(value: Decimal) -> Decimal:
    """Drop trailing zeros but never switch to exponent notation (``1E+3`` stays ``1000``)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def format_quantity(value: Decimal, unit: str = "") -> str:
    """Format ``value`` for people: thousands kept plain, trailing zeros dropped, unit after."""
    text = format(normalize(value), "f")
    return f"{text}{unit}" if unit else text
