"""Exact quantities: parsing entered text, scaling for storage, formatting for people."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.core.errors import InvalidQuantity
from ledger.core.quantity import (
    PRICE_SCALE,
    format_quantity,
    from_scaled,
    normalize,
    to_decimal,
    to_scaled,
)


@pytest.mark.parametrize(
    ("entered", "expected"),
    [
        (5, Decimal(5)),
        (Decimal("1.25"), Decimal("1.25")),
        ("12.5", Decimal("12.5")),
        (" 1,200 ", Decimal(1200)),
        ("１２．５", Decimal("12.5")),
        ("－3", Decimal(-3)),
        (3.0, Decimal(3)),
        (0.5, Decimal("0.5")),
        ("1.230", Decimal("1.23")),
    ],
)
def test_to_decimal_reads_what_people_type(entered: object, expected: Decimal) -> None:
    assert to_decimal(entered) == expected


@pytest.mark.parametrize("entered", ["abc", "", "1.2345", "NaN", "Infinity", True, None, [1]])
def test_to_decimal_refuses_what_is_not_an_exact_quantity(entered: object) -> None:
    with pytest.raises(InvalidQuantity):
        to_decimal(entered)


def test_to_decimal_names_the_field_in_its_message() -> None:
    with pytest.raises(InvalidQuantity) as refused:
        to_decimal("几箱", what="第2行数量")
    assert refused.value.message == "第2行数量“几箱”不是有效的数值"


def test_prices_take_four_places() -> None:
    assert to_decimal("2.3456", places=4, what="单价") == Decimal("2.3456")
    with pytest.raises(InvalidQuantity):
        to_decimal("2.34567", places=4)


def test_scaling_is_exact_and_refuses_extra_places() -> None:
    assert to_scaled(Decimal("1.5")) == 1500
    assert to_scaled(Decimal("-0.001")) == -1
    assert to_scaled(Decimal("2.3456"), PRICE_SCALE) == 23456
    with pytest.raises(InvalidQuantity):
        to_scaled(Decimal("0.0001"))


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=3))
def test_scaled_storage_round_trips(value: Decimal) -> None:
    assert from_scaled(to_scaled(value)) == value


def test_from_scaled_drops_trailing_zeros_without_exponents() -> None:
    assert str(from_scaled(1_000_000)) == "1000"
    assert str(from_scaled(1500)) == "1.5"
    assert str(from_scaled(0)) == "0"


def test_normalize_never_switches_to_exponent_notation() -> None:
    assert str(normalize(Decimal("1E+3"))) == "1000"
    assert str(normalize(Decimal("10.500"))) == "10.5"


def test_format_quantity_puts_the_unit_after() -> None:
    assert format_quantity(Decimal("1000.0"), "袋") == "1000袋"
    assert format_quantity(Decimal("0.125")) == "0.125"
    assert format_quantity(Decimal("-5"), "顶") == "-5顶"
