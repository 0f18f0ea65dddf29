"""Reading one cell as offices really fill it: spaces, full-width text, numbers, dates, labels.

Each ``parse_*`` returns the clean value or raises :class:`CellProblem` with a Chinese reason;
the reader turns that into a row error naming sheet, row, column and value.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from ledger.core import geo
from ledger.core.enums import KNOWN_FLAGS, LabelledEnum
from ledger.services import org

#: Units of measure (计量单位) accepted besides those the catalogue already uses.
KNOWN_MEASURES: tuple[str, ...] = (
    "个", "件", "台", "套", "把", "只", "顶", "张", "条", "根", "卷", "米", "千米", "平方米",
    "立方米", "千克", "公斤", "克", "吨", "升", "毫升", "箱", "袋", "包", "瓶", "桶", "盒", "双",
    "副", "块", "部", "辆", "艘", "架", "组", "支", "片", "盏", "床", "身", "具", "册", "份",
    "捆", "卷", "罐", "筒", "盘", "对", "付", "枚", "粒", "头", "面", "座", "处", "间", "株",
    "节", "轴", "匹", "扇", "口", "台套", "人份",
    "kg", "t", "m", "L", "km", "m²", "m³",
)  # fmt: skip

EXCEL_ERRORS = frozenset({"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"})
_SPACES = "\u3000\xa0\u200b\ufeff\t\r\n "
_INVISIBLE = str.maketrans("", "", "\u200b\ufeff")
_FLAG_SPLIT = re.compile(r"[；;，,、/\s]+")
_DATE_TEXT = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$")
_EXCEL_EPOCH = date(1899, 12, 30)
#: Excel keeps 15 significant digits; longer numbers have lost their last digits.
MAX_EXACT_DIGITS = 15
#: Dates a cell may hold (those an Excel serial number may: 1900 to 2099); later ones (9999-12-31)
#: overflow every date computed from them.
FIRST_DATE, LAST_DATE = date(1900, 1, 1), date(2099, 12, 31)
#: The largest number a quantity, price or whole-number cell may hold unless its column says.
MAX_NUMBER = Decimal(10) ** 12


class CellProblem(Exception):
    """Why a cell cannot be read; ``reason`` is shown to the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def display(value: Any) -> str:
    """A cell value as the user saw it, for error lists."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return format(value, ".15g")
    return str(value)


def clean_text(value: Any) -> str:
    """Text with surrounding (also full-width) spaces removed; numbers shown as typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float | datetime | date):
        return display(value)
    return str(value).strip(_SPACES)


def check_not_error(value: Any) -> None:
    """Refuse a formula's error value (#N/A, #DIV/0! …) as the cell's content."""
    if isinstance(value, str) and value.strip(_SPACES) in EXCEL_ERRORS:
        raise CellProblem(f"公式计算出错（{value.strip(_SPACES)}），请检查公式")


def fold(value: Any) -> str:
    """Text folded for matching: full-width letters, digits and punctuation made half-width,
    every space removed."""
    text = clean_text(value)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    return "".join(text.split())


def is_blank(value: Any) -> bool:
    """Whether a cell holds nothing but spaces."""
    return value is None or (isinstance(value, str) and not value.strip(_SPACES))


def _integral(value: float | int, what: str) -> int:
    if isinstance(value, float):
        if not value.is_integer():
            raise CellProblem(f"{what}不能是小数")
        value = int(value)
    if len(str(abs(value))) > MAX_EXACT_DIGITS:
        raise CellProblem(
            f"{what}被存成了数字，超过15位的部分已被 Excel 改成 0；请把该列设为文本后重新输入"
        )
    return value


def parse_code(value: Any, what: str = "编码") -> tuple[str, bool]:
    """A code as text, and whether the cell held a number (its leading zeros may be lost)."""
    if isinstance(value, bool):
        raise CellProblem(f"{what}不能是逻辑值")
    if isinstance(value, int | float):
        return str(_integral(value, what)), True
    if isinstance(value, datetime | date):
        raise CellProblem(f"{what}被 Excel 识别成了日期；请把该列设为文本后重新输入")
    text = fold(value).lstrip("'")
    return text, False


def parse_int(value: Any, limit: int = int(MAX_NUMBER)) -> int:
    """A whole number from 0 to ``limit``; text may use full-width digits, separators or 万."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = Decimal(format(value, ".15g"))
    else:
        text = fold(value).replace(",", "")
        scale = 1
        if text.endswith("万"):
            text, scale = text[:-1], 10000
        try:
            number = Decimal(text) * scale
        except InvalidOperation:
            raise CellProblem("应为整数") from None
    if not number.is_finite() or number < 0:
        raise CellProblem("应为不小于0的整数")
    _within(number, Decimal(limit))
    if number != number.to_integral_value():
        raise CellProblem("应为不小于0的整数")
    return int(number)


def _within(number: Decimal, limit: Decimal) -> None:
    """Refuse a number above ``limit`` (1e308, 2**63: beyond what the ledger stores)."""
    if number > limit:
        raise CellProblem(f"数值过大，最大为 {limit:,f}")


def parse_decimal(
    value: Any, places: int = 3, what: str = "数值", limit: Decimal = MAX_NUMBER
) -> Decimal:
    """An exact decimal from 0 to ``limit`` with at most ``places`` decimals (no float noise)."""
    if isinstance(value, bool):
        raise CellProblem(f"{what}应为数字")
    if isinstance(value, int | float):
        number = Decimal(format(value, ".15g"))
    else:
        text = fold(value).replace(",", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            extra = "；计量单位在物资目录中填写" if re.match(r"^[\d.]+\D+$", text) else ""
            raise CellProblem(f"{what}应为数字{extra}") from None
    if not number.is_finite():
        raise CellProblem(f"{what}应为数字")
    if number < 0:
        raise CellProblem(f"{what}不能为负数")
    if number > limit:
        raise CellProblem(f"{what}过大，最大为 {limit:,f}")
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        raise CellProblem(f"{what}最多{places}位小数")
    return number.normalize() if number == number.to_integral_value() else number


def parse_date(value: Any) -> date:
    """A date from 1900 to 2099: an Excel date, an Excel serial number, or text (2024-03-01)."""
    found = _date(value)
    if not FIRST_DATE <= found <= LAST_DATE:
        raise CellProblem(f"日期应在 {FIRST_DATE.isoformat()} 至 {LAST_DATE.isoformat()} 之间")
    return found


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_number(value)
    text = unicodedata.normalize("NFKC", clean_text(value)).strip()
    match = _DATE_TEXT.match(text)
    try:
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
        if text.isdigit() and len(text) in (5, 8):
            return _from_number(int(text))
    except ValueError:
        raise CellProblem("这个日期不存在") from None
    raise CellProblem("应为日期，如 2024-03-01")


def _from_number(number: float) -> date:
    if 19000101 <= number <= 21001231 and float(number).is_integer():
        text = str(int(number))
        try:
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        except ValueError:
            raise CellProblem("这个日期不存在") from None
    if not 1 <= number < 73051:  # 1900-01-01 … 2099-12-31
        raise CellProblem("应为日期，如 2024-03-01")
    return _EXCEL_EPOCH + timedelta(days=int(number))


def parse_enum(value: Any, enum: type[LabelledEnum]) -> LabelledEnum:
    """The member whose Chinese label or synonym the cell holds."""
    text = clean_text(value)
    for candidate in (text, fold(text)):
        try:
            return enum.from_label(candidate)
        except ValueError:
            continue
    raise CellProblem("应为以下之一：" + "、".join(enum.labels()))


def parse_flags(value: Any) -> tuple[str, ...]:
    """Known unit flags separated by ；, ，, 、 or spaces, in order and without repeats."""
    flags: list[str] = []
    for part in _FLAG_SPLIT.split(unicodedata.normalize("NFKC", clean_text(value))):
        if not part:
            continue
        if part not in KNOWN_FLAGS:
            raise CellProblem(f"未知标志“{part}”，可用的标志：" + "、".join(KNOWN_FLAGS))
        if part not in flags:
            flags.append(part)
    return tuple(flags)


def parse_bool(value: Any) -> bool:
    """是/否 and their usual spellings (Y/N, √/×, 1/0, TRUE/FALSE)."""
    if isinstance(value, bool):
        return value
    text = fold(value).upper()
    if text in {"是", "Y", "YES", "√", "1", "TRUE", "对"}:
        return True
    if text in {"否", "N", "NO", "×", "X", "0", "FALSE", "", "不"}:
        return False
    raise CellProblem("应为“是”或“否”")


def parse_id_number(value: Any) -> str:
    """A resident ID number (GB 11643) with a valid check character."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        _integral(value, "身份证号")
    number = org.normalize_id_number(fold(value))
    problem = org.id_number_problem(number)
    if problem:
        raise CellProblem(problem)
    return number


def parse_phone(value: Any) -> str:
    """A mobile or landline number; a number cell is read as its digits."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = str(_integral(value, "电话"))
        if not text.startswith("1") and len(text) in (9, 10, 11):
            text = "0" + text  # a landline's leading zero lost in a number cell
    else:
        text = fold(value)
    text = org.normalize_phone(text)
    problem = org.phone_problem(text)
    if problem:
        raise CellProblem(problem)
    return text


def parse_measure(value: Any, known: set[str]) -> str:
    """A unit of measure from the known list or the catalogue."""
    text = fold(value)
    if text in KNOWN_MEASURES or text in known:
        return text
    lower = {m.lower(): m for m in KNOWN_MEASURES}
    if text.lower() in lower:
        return lower[text.lower()]
    shown = "、".join(dict.fromkeys(KNOWN_MEASURES))
    raise CellProblem(f"未知的计量单位“{text}”，可用：{shown}")


def parse_profile(value: Any, known: set[str] | None) -> str:
    """A norm profile id (规划) among those installed."""
    text = fold(value)
    if known is not None and text not in known:
        shown = "、".join(sorted(known)) or "（无）"
        raise CellProblem(f"没有编号为“{text}”的规划，已安装的规划：{shown}")
    return text


def parse_degrees(value: Any, field: str) -> Decimal | None:
    """A latitude (``field`` ``latitude``) or longitude in WGS-84 decimal degrees."""
    what = geo.LATITUDE if field == "latitude" else geo.LONGITUDE
    try:
        return geo.parse_degrees(value, what)
    except ValueError as error:
        raise CellProblem(str(error)) from None
