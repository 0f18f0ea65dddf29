"""Personal data checks: GB 11643 ID numbers, phone numbers, masking."""

from __future__ import annotations

from datetime import date

import pytest

from ledger.core.enums import Gender
from ledger.services.org import people

#: A valid ID number (GB 11643 example computed by hand: check character 5).
VALID = "11010519491231002X"


def test_a_valid_id_number_has_no_problem() -> None:
    assert people.id_number_problem(VALID) is None
    assert people.id_number_problem(VALID.lower()) is None


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("110105194912310021", "校验位"),
        ("11010519491231002", "18位"),
        ("1101051949123100AX", "18位"),
        ("110105194913310028", "出生日期"),
    ],
)
def test_a_bad_id_number_is_named(number: str, reason: str) -> None:
    assert reason in (people.id_number_problem(number) or "")


def test_an_id_number_from_the_future_is_refused() -> None:
    assert "出生日期" in (people.id_number_problem(VALID, today=date(1940, 1, 1)) or "")


def test_birth_date_and_gender_come_from_the_id_number() -> None:
    assert people.id_birth_date(VALID) == date(1949, 12, 31)
    assert people.id_gender(VALID) is Gender.FEMALE


@pytest.mark.parametrize("phone", ["13812345678", "138 1234 5678", "199-1234-5678"])
def test_mobile_numbers_are_accepted(phone: str) -> None:
    assert people.mobile_problem(phone) is None
    assert people.normalize_phone(phone) == phone.replace(" ", "").replace("-", "")


@pytest.mark.parametrize("phone", ["12812345678", "1381234567", "0371-6612345"])
def test_other_numbers_are_not_mobiles(phone: str) -> None:
    assert people.mobile_problem(phone) is not None


def test_landlines_are_phones() -> None:
    assert people.phone_problem("0371-66123456") is None
    assert people.phone_problem("12345") is not None
