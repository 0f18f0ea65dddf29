"""Rows as JSON Lines: column values to JSON and back, checked against each column's type."""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, Integer, String, Table, Text, Uuid
from sqlalchemy import Enum as SAEnum

from ledger.core.quantity import normalize
from ledger.models.base import ScaledDecimal, UTCDateTime
from ledger.models.personal import EncryptedText

Row = dict[str, Any]
#: Quantities and amounts at least this large are refused (no column holds them).
LARGEST = Decimal(10) ** 14


class BadRecord(ValueError):
    """A value in a package does not fit its column."""


def encode_value(value: Any) -> Any:
    """A column value as JSON data (UUIDs, decimals, dates and enums as text)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):
        return format(normalize(value), "f")
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return value
    raise TypeError(f"cannot encode {type(value).__name__}")


def encode_row(tbl: Table, values: Mapping[Any, Any]) -> Row:
    """A row of ``tbl`` as JSON data, keyed by column name."""
    return {c.name: encode_value(values[c.name]) for c in tbl.columns}


def decode_row(tbl: Table, data: Any) -> Row:
    """A row of ``tbl`` read from a package, every value checked and converted.

    Columns the package leaves out (a sender of an older version) are left out here too.

    Raises:
        BadRecord: the row is not an object, lacks its id, or a value does not fit.
    """
    if not isinstance(data, dict):
        raise BadRecord(f"{tbl.name}：记录不是对象")
    decoders = _decoders(tbl)
    try:  # the common case: every column there, every value sound
        return {
            name: None if (value := data[name]) is None and nullable else fast(value)
            for name, _, fast, nullable in decoders
        }
    except Exception:  # the careful way below names what is wrong
        pass
    row: Row = {}
    for name, column, fast, _ in decoders:
        if name in data:
            value = data[name]
            try:
                row[name] = fast(value)
            except Exception:  # the slow path names what is wrong
                row[name] = _decode(column, value)
    for column in tbl.primary_key.columns:
        if row.get(column.name) is None:
            raise BadRecord(f"{tbl.name}：记录缺少主键 {column.name}")
    return row


Decoder = Callable[[Any], Any]


@functools.cache
def _decoders(tbl: Table) -> list[tuple[str, Column[Any], Decoder, bool]]:
    """Each column's fast decoder: the common case of a sound value, converted at once; any
    doubt (a wrong type, None, out of range) raises and :func:`_decode` decides. The last
    field: whether None is a sound value of the column."""
    return [(c.name, c, _fast(c), bool(c.nullable)) for c in tbl.columns]


def _fast(column: Column[Any]) -> Decoder:
    kind = column.type
    if isinstance(kind, Uuid):
        if column.primary_key:
            return lambda value: uuid.UUID(value) if value.__class__ is str else _refuse()
        return _repeating_uuid()
    if isinstance(kind, ScaledDecimal):

        def number(value: Any) -> Decimal:
            found = Decimal(value) if value.__class__ is str else _refuse()
            return found if found.is_finite() and abs(found) < LARGEST else _refuse()

        return number
    if isinstance(kind, UTCDateTime):

        def moment(value: Any) -> datetime:
            found = datetime.fromisoformat(value) if value.__class__ is str else _refuse()
            return found if found.tzinfo is not None else _refuse()

        return moment
    if isinstance(kind, Date):
        return lambda value: date.fromisoformat(value) if value.__class__ is str else _refuse()
    if isinstance(kind, SAEnum) and kind.enum_class is not None:
        enum_class = kind.enum_class
        return lambda value: enum_class(value) if value.__class__ is str else _refuse()
    if isinstance(kind, String | Text) and not isinstance(kind, SAEnum):
        length = getattr(kind, "length", None) or 2**62
        return lambda value: value if value.__class__ is str and len(value) <= length else _refuse()
    if isinstance(kind, Integer) and not isinstance(kind, Boolean):
        return lambda value: value if value.__class__ is int and abs(value) < 2**62 else _refuse()
    if isinstance(kind, Boolean):
        return lambda value: value if value.__class__ is bool else _refuse()
    return _refuse


def _repeating_uuid() -> Decoder:
    """UUIDs of a reference column: the same few repeat (a document's lines), made once."""
    made: dict[str, uuid.UUID] = {}

    def convert(value: Any) -> uuid.UUID:
        found = made.get(value) if value.__class__ is str else _refuse()
        if found is None:
            if len(made) > 4096:  # a reference column of unique values (a line) stays small
                made.clear()
            found = made[value] = uuid.UUID(value)
        return found

    return convert


def _refuse(*args: Any) -> Any:
    raise ValueError("slow path")


def _decode(column: Column[Any], value: Any) -> Any:
    if value is None:
        if not column.nullable:
            raise BadRecord(f"{column.table.name}.{column.name} 不能为空")
        return None
    kind = column.type
    try:
        if isinstance(kind, Uuid):
            return uuid.UUID(_text(value))
        if isinstance(kind, ScaledDecimal):
            number = Decimal(_text(value))
            if not number.is_finite() or abs(number) >= LARGEST:
                raise ValueError("out of range")
            return number
        if isinstance(kind, UTCDateTime):
            moment = datetime.fromisoformat(_text(value))
            if moment.tzinfo is None:
                raise ValueError("naive datetime")
            return moment
        if isinstance(kind, Date):
            return date.fromisoformat(_text(value))
        if isinstance(kind, SAEnum) and kind.enum_class is not None:
            return kind.enum_class(_text(value))
        if isinstance(kind, Boolean):
            return _typed(value, bool)
        if isinstance(kind, Integer):
            if isinstance(value, bool):
                raise ValueError("boolean")
            if not -(2**63) <= _typed(value, int) < 2**63:
                raise ValueError("out of range")
            return value
        if isinstance(kind, String | Text | SAEnum | EncryptedText):
            found = _typed(value, str)  # personal values travel plain in the signed package
            length = (
                kind.plain_width
                if isinstance(kind, EncryptedText)
                else getattr(kind, "length", None)
            )
            if length is not None and len(found) > length:
                raise BadRecord(f"{column.table.name}.{column.name} 超过 {length} 个字")
            return found
        if isinstance(kind, JSON):
            return value
    except BadRecord:
        raise
    except (ValueError, TypeError, InvalidOperation, OverflowError) as error:
        shown = str(value)
        shown = shown if len(shown) <= 40 else f"{shown[:40]}…"
        raise BadRecord(f"{column.table.name}.{column.name} 的值“{shown}”无效") from error
    raise BadRecord(f"{column.table.name}.{column.name}：不支持的类型 {kind}")


def _text(value: Any) -> str:
    return str(_typed(value, str))


def _typed(value: Any, kind: type) -> Any:
    if not isinstance(value, kind):
        raise TypeError(kind.__name__)
    return value


def dumps_line(row: Row) -> bytes:
    """One row as a line of JSON Lines (UTF-8, keys sorted)."""
    return (
        json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode() + b"\n"
    )


def dumps_lines(rows: Iterable[Row]) -> bytes:
    """Rows as JSON Lines (UTF-8, keys sorted, one object a line)."""
    return b"".join(dumps_line(row) for row in rows)


def loads_line(line: bytes, number: int) -> Any:
    """The JSON value of one line (``number`` counts from 1, for the refusal).

    Raises:
        BadRecord: the line is not UTF-8 or not valid JSON.
    """
    try:
        return json.loads(line)
    except UnicodeDecodeError as error:
        raise BadRecord(f"第 {number} 行不是 UTF-8 文字") from error
    except (json.JSONDecodeError, RecursionError) as error:
        raise BadRecord(f"第 {number} 行不是有效的 JSON") from error


def loads_lines(data: bytes) -> list[Any]:
    """The JSON values of a JSON Lines file.

    Raises:
        BadRecord: a line is not valid JSON.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadRecord(f"不是 UTF-8 文字（第 {error.start} 字节）") from error
    values = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            values.append(json.loads(line))
        except (json.JSONDecodeError, RecursionError) as error:
            raise BadRecord(f"第 {number} 行不是有效的 JSON") from error
    return values
