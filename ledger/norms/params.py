"""Rule parameters declared as data: each field says how to read it from TOML and what it means.

A kind's parameters are a frozen dataclass whose fields are made with :func:`param`; the schema
(:mod:`ledger.norms.schema`) reads a rule's table through these converters. A converter raises
``ValueError`` with a Chinese reason; the schema adds the file, rule and field.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from ledger.core.enums import (
    KNOWN_FLAGS,
    Category,
    LabelledEnum,
    Level,
    Nature,
    PostKind,
    ReserveMode,
    TeamType,
)

E = TypeVar("E", bound=LabelledEnum)
REQUIRED: Any = object()
Converter = Callable[[Any], Any]


def param(convert: Converter, default: Any = REQUIRED, doc: str = "") -> Any:
    """A parameter field: ``convert`` reads the TOML value; no default means required."""
    meta = {"convert": convert, "doc": doc}
    if default is REQUIRED:
        return dataclasses.field(metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


def text(value: Any) -> str:
    """A non-empty string."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("应为非空文字")
    return value.strip()


def texts(value: Any) -> tuple[str, ...]:
    """A list of non-empty strings (a single string is a list of one)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ValueError("应为文字列表")
    return tuple(text(v) for v in value)


def integer(value: Any) -> int:
    """A whole number of at least zero."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("应为不小于0的整数")
    return value


def positive(value: Any) -> int:
    """A whole number of at least one."""
    if integer(value) < 1:
        raise ValueError("应为不小于1的整数")
    return int(value)


def decimal(value: Any) -> Decimal:
    """An exact number of at least zero (TOML floats are read through their text)."""
    if isinstance(value, bool):
        raise ValueError("应为数值")
    try:
        number = Decimal(str(value)) if isinstance(value, int | float | str) else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number < 0:
        raise ValueError("应为不小于0的数值")
    return number


def share(value: Any) -> Decimal:
    """A share between 0 and 1 (0.8 is 80%)."""
    number = decimal(value)
    if number > 1:
        raise ValueError("应为0到1之间的比例（如0.8表示80%）")
    return number


def boolean(value: Any) -> bool:
    """true or false."""
    if not isinstance(value, bool):
        raise ValueError("应为 true 或 false")
    return value


def a_date(value: Any) -> date:
    """A TOML date (2025-12-31)."""
    if not isinstance(value, date):
        raise ValueError("应为日期，如 2025-12-31")
    return value


def choice(*options: str) -> Converter:
    """One of the given words."""

    def convert(value: Any) -> str:
        if value not in options:
            raise ValueError("应为以下之一：" + "、".join(options))
        return str(value)

    return convert


def enum_set(cls: type[E]) -> Converter:
    """A list of enum members, written as Chinese labels or codes."""

    def convert(value: Any) -> frozenset[E]:
        members = set()
        for word in texts(value):
            try:
                members.add(cls.from_label(word))
            except ValueError as error:
                raise ValueError(f"“{word}”无效，可用：{error}") from None
        return frozenset(members)

    return convert


def enum_one(cls: type[E]) -> Converter:
    """One enum member, written as a Chinese label or code."""

    def convert(value: Any) -> E:
        members = enum_set(cls)([text(value)])
        return next(iter(members))  # type: ignore[no-any-return]

    return convert


#: How a profile writes "towns and sub-districts both" (the plans' own 乡镇（街道）).
TOWNS_AND_STREETS = frozenset({"乡镇（街道）", "乡镇(街道)"})


def levels(value: Any) -> frozenset[Level]:
    """Levels by label; 乡镇（街道） stands for both 乡镇 and 街道 (乡镇 alone: towns only)."""
    words = texts(value)
    both = [w for w in words if w.replace(" ", "") in TOWNS_AND_STREETS]
    found: frozenset[Level] = enum_set(Level)([w for w in words if w not in both])
    return found | ({Level.TOWN, Level.STREET} if both else frozenset())


team_types = enum_set(TeamType)
natures = enum_set(Nature)
post_kinds = enum_set(PostKind)
category = enum_one(Category)
reserve_mode = enum_one(ReserveMode)


def flags(value: Any) -> frozenset[str]:
    """Unit flags (标志); an unknown flag is refused with the list of known ones."""
    words = texts(value)
    for word in words:
        if word not in KNOWN_FLAGS:
            raise ValueError(f"未知标志“{word}”，可用：" + "、".join(KNOWN_FLAGS))
    return frozenset(words)


def table_list(cls: type[Any]) -> Converter:
    """A list of TOML tables, each read into the frozen dataclass ``cls`` by its fields."""

    def convert(value: Any) -> tuple[Any, ...]:
        if not isinstance(value, list) or not value:
            raise ValueError("应为非空的表格列表")
        out = []
        for index, entry in enumerate(value, start=1):
            if not isinstance(entry, dict):
                raise ValueError(f"第{index}项应为表格")
            try:
                out.append(read_fields(cls, entry))
            except ValueError as error:
                raise ValueError(f"第{index}项：{error}") from None
        return tuple(out)

    return convert


def read_fields(cls: type[Any], table: dict[str, Any]) -> Any:
    """Build ``cls`` from ``table`` through its fields' converters.

    Raises:
        ValueError: a field is unknown, missing or invalid; the message names it.
    """
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(table) - set(fields))
    if unknown:
        raise FieldError(unknown[0], "未知字段，可用：" + "、".join(fields))
    values = {}
    for name, spec in fields.items():
        if name not in table:
            if spec.default is dataclasses.MISSING:
                raise FieldError(name, "缺少此项")
            continue
        try:
            values[name] = spec.metadata["convert"](table[name])
        except ValueError as error:
            raise FieldError(name, str(error)) from None
    try:
        return cls(**values)
    except ValueError as error:
        raise ValueError(str(error)) from None


class FieldError(ValueError):
    """A field's value is invalid; carries the field's name apart from the reason."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}：{reason}")
        self.field = field
        self.reason = reason
