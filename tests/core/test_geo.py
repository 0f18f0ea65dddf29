"""Coordinates: degrees as offices type them, both or neither, great-circle distances."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ledger.core import geo
from ledger.core.errors import InvalidValue

D = Decimal


@pytest.mark.parametrize(
    ("typed", "field", "read"),
    [
        ("34.7512345", geo.LATITUDE, D("34.751234")),  # kept to six decimals
        ("１１３．９８°", geo.LONGITUDE, D("113.98")),  # full-width, a trailing °
        (113.5, geo.LONGITUDE, D("113.5")),
        ("-90", geo.LATITUDE, D(-90)),
        ("  ", geo.LATITUDE, None),
        (None, geo.LONGITUDE, None),
    ],
)
def test_degrees_as_typed(typed: object, field: str, read: Decimal | None) -> None:
    assert geo.parse_degrees(typed, field) == read


REFUSED = [
    ("90.000001", geo.LATITUDE),
    ("-181", geo.LONGITUDE),
    ("北纬34", geo.LATITUDE),
    (True, geo.LATITUDE),
    ("nan", geo.LONGITUDE),
]


@pytest.mark.parametrize(("typed", "field"), REFUSED)
def test_degrees_out_of_range_or_not_a_number_are_refused(typed: object, field: str) -> None:
    with pytest.raises(ValueError, match="之间的十进制度数（WGS-84）"):
        geo.parse_degrees(typed, field)


def test_both_or_neither_and_the_message_names_the_record() -> None:
    assert geo.pair("34.7", "113.9", "仓库“甲”") == (D("34.7"), D("113.9"))
    assert geo.pair("", None, "仓库“甲”") == (None, None)
    with pytest.raises(InvalidValue) as refused:
        geo.pair("34.7", "", "仓库“甲”")
    assert str(refused.value) == "仓库“甲”的经度“”无效：已填纬度，经度和纬度须同时填写"


def test_distance_and_middle() -> None:
    # 1° of latitude on the mean sphere: 6371.0088 km × π / 180 = 111.195 km
    assert geo.distance_km((D(30), D(120)), (D(31), D(120))) == pytest.approx(111.195, abs=0.001)
    assert geo.rounded_km(11.15) == D("11.2") and geo.rounded_km(0.04) == D("0.0")
    middle = geo.centroid([(D(30), D(120)), (D(30), D(121))])
    assert middle is not None and middle[1] == D("120.5")
    assert D(30) < middle[0] < D("30.01")  # the great circle bends north of the parallel
    assert geo.centroid([]) is None
    assert geo.centroid([(D(1), D(2))]) == (D(1), D(2))
