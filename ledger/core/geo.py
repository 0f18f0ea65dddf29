"""Coordinates (WGS-84 decimal degrees) of depots and units, and great-circle distances."""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from ledger.core.errors import InvalidValue

#: Decimals kept of a degree (0.000001° is about 0.1 m).
PLACES = 6
SCALE = 10**PLACES
#: The mean radius of the earth (IUGG), in kilometres.
EARTH_KM = 6371.0088
LATITUDE, LONGITUDE = "纬度", "经度"
_LIMIT = {LATITUDE: 90, LONGITUDE: 180}
_EXAMPLE = {LATITUDE: "30.274085", LONGITUDE: "120.155070"}
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")

Point = tuple[Decimal, Decimal]


def parse_degrees(value: object, field: str) -> Decimal | None:
    """A latitude (``field`` 纬度) or longitude (经度) in decimal degrees; None when blank.

    Rounded to six decimals; a trailing ° is allowed.

    Raises:
        ValueError: why the value is refused (in Chinese): not a number, or outside -90…90
            (纬度) or -180…180 (经度).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    limit = _LIMIT[field]
    reason = f"应为 -{limit} 到 {limit} 之间的十进制度数（WGS-84），如 {_EXAMPLE[field]}"
    if isinstance(value, bool):
        raise ValueError(reason)
    text = str(value).strip().translate(_FULL_WIDTH).rstrip("°").strip()
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(text)
    except InvalidOperation:
        raise ValueError(reason) from None
    if not number.is_finite() or abs(number) > limit:
        raise ValueError(reason)
    rounded = number.quantize(Decimal(1).scaleb(-PLACES), rounding=ROUND_HALF_EVEN)
    return rounded.normalize() if rounded == rounded.to_integral_value() else rounded


def degrees(value: object, field: str, where: str) -> Decimal | None:
    """:func:`parse_degrees` for a record named ``where``.

    Raises:
        InvalidValue: not a number, or out of range.
    """
    try:
        return parse_degrees(value, field)
    except ValueError as error:
        shown = str(value).strip()
        raise InvalidValue(where=where, field=field, value=shown, reason=str(error)) from None


def missing_half(latitude: object, longitude: object) -> tuple[str, str] | None:
    """When only one of the two is given: the one missing and why; else None."""
    if (latitude is None) == (longitude is None):
        return None
    given, missing = (LATITUDE, LONGITUDE) if longitude is None else (LONGITUDE, LATITUDE)
    return missing, f"已填{given}，{LONGITUDE}和{LATITUDE}须同时填写"


def pair(latitude: object, longitude: object, where: str) -> tuple[Decimal | None, Decimal | None]:
    """Latitude and longitude as entered: both or neither.

    Raises:
        InvalidValue: a value out of range, or only one of the two given.
    """
    lat = degrees(latitude, LATITUDE, where)
    lon = degrees(longitude, LONGITUDE, where)
    half = missing_half(lat, lon)
    if half is not None:
        raise InvalidValue(where=where, field=half[0], value="", reason=half[1])
    return lat, lon


def point(latitude: Decimal | None, longitude: Decimal | None) -> Point | None:
    """The point of a record's two columns, or None when it has none."""
    if latitude is None or longitude is None:
        return None
    return latitude, longitude


def distance_km(a: Point, b: Point) -> float:
    """The great-circle (haversine) distance between two points, in kilometres."""
    lat1, lon1, lat2, lon2 = (math.radians(float(x)) for x in (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def centroid(points: Iterable[Point]) -> Point | None:
    """The point in the middle of ``points`` (their mean on the sphere); None for none."""
    found = list(points)
    if len(found) <= 1:
        return found[0] if found else None
    x = y = z = 0.0
    for lat, lon in found:
        phi, lam = math.radians(float(lat)), math.radians(float(lon))
        x += math.cos(phi) * math.cos(lam)
        y += math.cos(phi) * math.sin(lam)
        z += math.sin(phi)
    if math.hypot(x, y, z) < 1e-12:  # points all around the globe: no middle
        return None
    mid_lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    mid_lon = math.degrees(math.atan2(y, x))
    step = Decimal(1).scaleb(-PLACES)
    return Decimal(mid_lat).quantize(step), Decimal(mid_lon).quantize(step)


def rounded_km(km: float) -> Decimal:
    """A distance to a tenth of a kilometre, as shown (约 12.4 公里)."""
    return Decimal(km).quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN)
