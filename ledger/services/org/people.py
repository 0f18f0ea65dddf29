"""Personal data (个人信息): ID numbers per GB 11643 and phone numbers, checked as typed.

Pure functions with no session: editors call them while the user types, services call them
again before anything is stored. Masking is in :mod:`ledger.services.accounts.permissions`.
"""

from __future__ import annotations

import re
from datetime import date

from ledger.core.enums import Gender
from ledger.core.i18n import QT_TRANSLATE_NOOP

CONTEXT = "People"

#: GB 11643-1999 weights of the first 17 digits and the check characters by remainder.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")


def normalize_id_number(text: str) -> str:
    """An ID number as stored: spaces removed, a lower-case x made upper-case."""
    return text.strip().replace(" ", "").upper()


def id_number_problem(text: str, today: date | None = None) -> str | None:
    """Why ``text`` is not a valid resident ID number (GB 11643), or ``None`` when it is.

    Checks length and characters, the birth date inside it and the check character.
    """
    number = normalize_id_number(text)
    if not _ID_SHAPE.match(number):
        return QT_TRANSLATE_NOOP("People", "应为18位：17位数字加1位数字或X")
    born = id_birth_date(number)
    if born is None or born.year < 1900 or born > (today or date.today()):
        return QT_TRANSLATE_NOOP("People", "其中的出生日期不存在")
    total = sum(int(digit) * weight for digit, weight in zip(number, _WEIGHTS, strict=False))
    if _CHECK[total % 11] != number[17]:
        return QT_TRANSLATE_NOOP("People", "校验位不正确，请核对是否输错")
    return None


def id_birth_date(number: str) -> date | None:
    """The birth date an 18-digit ID number holds (digits 7–14), or ``None``."""
    digits = normalize_id_number(number)[6:14]
    if len(digits) != 8 or not digits.isdigit():
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def id_gender(number: str) -> Gender | None:
    """The gender an 18-digit ID number holds (digit 17: odd male, even female)."""
    number = normalize_id_number(number)
    if len(number) != 18 or not number[16].isdigit():
        return None
    return Gender.MALE if int(number[16]) % 2 else Gender.FEMALE


def mobile_problem(text: str) -> str | None:
    """Why ``text`` is not a mainland mobile number (11 digits from 13–19), or ``None``."""
    if _MOBILE.match(text.strip().replace(" ", "").replace("-", "")):
        return None
    return QT_TRANSLATE_NOOP("People", "手机号应为以1开头的11位数字")


def phone_problem(text: str) -> str | None:
    """Why ``text`` is neither a mobile nor a landline number (0371-12345678), or ``None``."""
    value = text.strip().replace(" ", "")
    if _MOBILE.match(value.replace("-", "")) or _LANDLINE.match(value):
        return None
    return QT_TRANSLATE_NOOP("People", "电话应为11位手机号或带区号的固定电话")


def normalize_phone(text: str) -> str:
    """A phone number as stored: spaces removed (a mobile also loses its dashes)."""
    value = text.strip().replace(" ", "")
    return value.replace("-", "") if _MOBILE.match(value.replace("-", "")) else value
