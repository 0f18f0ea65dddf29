"""Reading single cells: numbers, dates, labels, ID numbers and phones as offices type them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ledger.core.enums import Nature
from ledger.io import cells


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3711234567, "03711234567"),
        (13812345678, "13812345678"),
        ("０３７１－１２３４５６７８", "0371-12345678"),
        ("138 1234 5678", "13812345678"),
    ],
)
def test_phones_typed_as_numbers_get_their_area_code_zero_back(
    value: object, expected: str
) -> None:
    assert cells.parse_phone(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1.2万", 12000), ("１２，３４５", 12345), (500.0, 500), (" 7 ", 7)],
)
def test_whole_numbers(value: object, expected: int) -> None:
    assert cells.parse_int(value) == expected


@pytest.mark.parametrize("value", ["1.5", -1, "abc", 2.5, "inf", "Infinity", "NaN"])
def test_not_whole_numbers(value: object) -> None:
    with pytest.raises(cells.CellProblem):
        cells.parse_int(value)


def test_quantities_are_exact_and_name_a_unit_typed_with_them() -> None:
    assert cells.parse_decimal(0.1 + 0.2) == Decimal("0.3")
    assert cells.parse_decimal("1,000.125") == Decimal("1000.125")
    with pytest.raises(cells.CellProblem, match="计量单位"):
        cells.parse_decimal("100袋", what="数量")
    with pytest.raises(cells.CellProblem, match="负数"):
        cells.parse_decimal(-3)
    with pytest.raises(cells.CellProblem, match="3位小数"):
        cells.parse_decimal("1.2345")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("是", True), ("√", True), ("Y", True), ("否", False), ("", False), (False, False)],
)
def test_yes_and_no(value: object, expected: bool) -> None:
    assert cells.parse_bool(value) is expected


def test_codes_remember_they_were_numbers_and_refuse_dates() -> None:
    assert cells.parse_code(" 'Ａ０１ ") == ("A01", False)
    assert cells.parse_code(123.0) == ("123", True)
    with pytest.raises(cells.CellProblem, match="小数"):
        cells.parse_code(1.5)
    with pytest.raises(cells.CellProblem, match="15位"):
        cells.parse_code(4101020010011234567)


def test_labels_with_full_width_brackets_and_spaces() -> None:
    assert cells.parse_enum(" 专 职 ", Nature) is Nature.FULL_TIME
    with pytest.raises(cells.CellProblem, match="专职、兼职、志愿"):
        cells.parse_enum("合同工", Nature)


def test_id_numbers_are_checked() -> None:
    assert cells.parse_id_number("11010519491231002x") == "11010519491231002X"
    with pytest.raises(cells.CellProblem, match="校验位"):
        cells.parse_id_number("110105194912310021")


def test_flags_split_on_any_separator_and_drop_repeats() -> None:
    assert cells.parse_flags("防汛重点，全国重点镇、防汛重点; 交通不便") == (
        "防汛重点", "全国重点镇", "交通不便",
    )  # fmt: skip


def test_units_of_measure() -> None:
    assert cells.parse_measure("ＫＧ", set()) == "kg"
    assert cells.parse_measure("箩", {"箩"}) == "箩"
    with pytest.raises(cells.CellProblem, match="未知的计量单位"):
        cells.parse_measure("箩", set())
