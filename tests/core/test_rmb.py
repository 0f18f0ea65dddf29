"""Chinese uppercase amounts (金额大写) as 《会计基础工作规范》 writes them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.core.rmb import DIGITS, rmb_upper


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("1234.50", "壹仟贰佰叁拾肆元伍角整"),
        ("1234.56", "壹仟贰佰叁拾肆元伍角陆分"),
        ("0", "零元整"),
        ("0.05", "伍分"),
        ("0.50", "伍角整"),
        ("1.05", "壹元零伍分"),
        ("10", "壹拾元整"),
        ("10.5", "壹拾元伍角整"),
        ("1005", "壹仟零伍元整"),
        ("1050", "壹仟零伍拾元整"),
        ("100000", "壹拾万元整"),
        ("20500", "贰万零伍佰元整"),
        ("1000500", "壹佰万零伍佰元整"),
        ("100010000", "壹亿零壹万元整"),
        ("100000001", "壹亿零壹元整"),
        ("60036.07", "陆万零叁拾陆元零柒分"),
        ("2500.00", "贰仟伍佰元整"),
        ("0.005", "壹分"),  # rounded half up to the 分
        ("-12", "负壹拾贰元整"),
    ],
)
def test_amounts_in_uppercase(amount: str, words: str) -> None:
    assert rmb_upper(Decimal(amount)) == words


def _read_back(words: str) -> Decimal:
    """Read uppercase words back into a number (a test oracle independent of the writer)."""
    small = {"拾": 10, "佰": 100, "仟": 1000}
    big = {"万": 10**4, "亿": 10**8}
    total, section, digit = Decimal(0), 0, 0
    yuan = 0
    for char in words.removesuffix("整"):
        if char in DIGITS:
            digit = DIGITS.index(char)
        elif char in small:
            section += digit * small[char]
            digit = 0
        elif char in big:
            yuan = (
                (yuan + section + digit) * big[char]
                if char == "亿"
                else yuan + (section + digit) * big[char]
            )
            section = digit = 0
        elif char == "元":
            yuan += section + digit
            section = digit = 0
        elif char == "角":
            total += Decimal(digit) / 10
            digit = 0
        elif char == "分":
            total += Decimal(digit) / 100
            digit = 0
    return total + yuan


@given(st.integers(min_value=0, max_value=99_999_999_99))
def test_every_amount_reads_back_to_itself(cents: int) -> None:
    amount = Decimal(cents) / 100
    words = rmb_upper(amount)
    assert _read_back(words) == amount, words
    assert ("零零" not in words and not words.startswith("零")) or words == "零元整"
    assert words.endswith(("整", "分"))
