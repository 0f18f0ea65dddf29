"""An amount of money in Chinese uppercase (金额大写), as vouchers and receipts write it.

Written the way 《会计基础工作规范》 (第五十二条) asks: 壹贰叁… with 拾佰仟万亿, a 零 for zeros
inside the number (one for a run of zeros), 元, 角 and 分, and 整 after 元 or 角 when there
are no 分: ``1234.50`` → 壹仟贰佰叁拾肆元伍角整, ``1005`` → 壹仟零伍元整, ``0.05`` → 伍分.
Amounts are rounded half up to the 分.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
_PLACES = ((1000, "仟"), (100, "佰"), (10, "拾"), (1, ""))
_GROUPS = ("", "万", "亿", "万亿")


def _four(number: int) -> str:
    """A group of up to four digits (1–9999), with 零 for zeros between digits."""
    out, zero = "", False
    for place, unit in _PLACES:
        digit = number // place % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += DIGITS[digit] + unit
    return out


def _integer(number: int) -> str:
    groups = []
    while number:
        groups.append(number % 10000)
        number //= 10000
    if len(groups) > len(_GROUPS):
        raise ValueError("金额过大，无法写成大写")
    out, skipped = "", False
    for position in reversed(range(len(groups))):
        group = groups[position]
        if group == 0:
            skipped = bool(out)
            continue
        if out and (skipped or group < 1000):
            out += "零"
        out += _four(group) + _GROUPS[position]
        skipped = False
    return out


def rmb_upper(amount: Decimal | int | str) -> str:
    """``amount`` yuan in Chinese uppercase: ``Decimal("1234.5")`` → 壹仟贰佰叁拾肆元伍角整."""
    value = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "负" if value < 0 else ""
    cents = int(abs(value) * 100)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    out = _integer(yuan) + "元" if yuan else ""
    if not jiao and not fen:
        return sign + (out or "零元") + "整"
    if jiao:
        out += DIGITS[jiao] + "角"
    elif out:
        out += "零"  # 壹元零伍分
    out += DIGITS[fen] + "分" if fen else "整"
    return sign + out
