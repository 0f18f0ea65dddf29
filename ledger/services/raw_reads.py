"""Raw column reads for bulk services: tables as Core views, rows straight from the driver.

A statement is built once with ``select()`` over the tables (no ORM mapper is set up), compiled
once per dialect, and run on the session's own connection; its rows skip SQLAlchemy's
per-value processing, and the few columns that need it are converted here a column at a time
(dates, scaled decimals, enums, flags). Ids stay as the driver returns them (hex text on
SQLite, ``uuid.UUID`` on PostgreSQL).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import fields
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import lru_cache, partial
from itertools import repeat
from typing import Any, TypeVar

from sqlalchemy import Executable, Select, Table, select
from sqlalchemy.engine import Connection, Dialect

from ledger.core.quantity import QTY_PLACES

T = TypeVar("T")
Convert = Callable[[Any], Any]


class Core:
    """A model's table with its columns as attributes: Core statements, no ORM mapper set up.

    Selecting mapped attributes would configure every ORM mapper on the first check of a
    process (a quarter of a second of ``ledger check``); the check needs only the columns.
    """

    def __init__(self, model: Any) -> None:
        self.table: Table = model.__table__

    def __getattr__(self, name: str) -> Any:
        try:
            return self.table.c[name]
        except KeyError:
            raise AttributeError(name) from None


def as_uuid(value: Any) -> uuid.UUID:
    """A raw id (hex text on SQLite) as a UUID."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(hex=str(value))


@lru_cache(maxsize=8192)
def _iso(text: str) -> date:
    return date.fromisoformat(text)


def day(value: Any) -> date | None:
    if value.__class__ is str:
        return _iso(value[:10])
    found: date | None = value  # None, or a date from a driver that reads dates itself
    return found


def qty(value: Any) -> Decimal | None:
    return None if value is None else Decimal(int(value)).scaleb(-QTY_PLACES)


def enum_of(cls: type[Enum]) -> Convert:
    return {m.value: m for m in cls}.get


def flags(value: Any) -> frozenset[str]:
    if isinstance(value, str):
        value = json.loads(value)
    return frozenset(value or ())


#: Marks for columns converted here: ids stay raw; dates, scaled decimals and flags are read.
ID, DAY, QTY, BOOL = "id", "day", "qty", "bool"
_CONVERT: dict[str, Convert] = {DAY: day, QTY: qty, BOOL: bool}


def spec(*columns: Any) -> list[tuple[Any, Convert | str | None]]:
    return [c if isinstance(c, tuple) else (c, None) for c in columns]


class Compiled:
    """A statement compiled for one dialect, with its fixed parameters already processed."""

    def __init__(self, query: Any, dialect: Dialect) -> None:
        compiled = query.compile(dialect=dialect)
        self.sql = str(compiled)
        self.order = compiled.positiontup  # the parameters' names in order, or None (named)
        self.fixed: dict[str, Any] = {}
        self.convert: dict[str, Convert | None] = {}
        for name, value in compiled.construct_params(_check=False).items():
            bind = compiled.binds[name]
            process = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if bind.required:  # a named parameter given on each run
                self.convert[name] = process
            else:
                self.fixed[name] = process(value) if process else value

    def parameters(self, values: dict[str, Any]) -> Any:
        """The DBAPI parameters for ``values`` of the named parameters."""
        params = dict(self.fixed)
        for name, process in self.convert.items():
            params[name] = process(values[name]) if process else values[name]
        return params if self.order is None else tuple(params[n] for n in self.order)


_COMPILED: dict[tuple[int, str], tuple[Executable, Compiled]] = {}


def fetch(conn: Connection, query: Executable, **values: Any) -> list[Any]:
    """The rows of ``query`` straight from the driver, values as stored.

    The statement is built with ``select()`` once, compiled once per dialect (kept by the
    statement's identity), and run on the session's own connection (so in its transaction);
    its rows skip SQLAlchemy's per-value processing: converting the few columns that need it
    here is what makes a county's check fast.
    """
    key = (id(query), conn.dialect.name)
    found = _COMPILED.get(key)
    if found is None or found[0] is not query:
        found = _COMPILED[key] = (query, Compiled(query, conn.dialect))
    compiled = found[1]
    cursor = conn.connection.cursor()
    try:
        cursor.execute(compiled.sql, compiled.parameters(values))
        return list(cursor.fetchall())
    finally:
        cursor.close()


class Reader:
    """One kind of fact: the columns in ``specs`` (filtered by ``where``), each row a ``cls``."""

    def __init__(
        self,
        cls: type[Any],
        specs: list[tuple[Any, Convert | str | None]],
        where: Callable[[Select[Any]], Select[Any]] = lambda q: q,
    ) -> None:
        self.query = where(select(*(column for column, _ in specs)))
        self.steps: list[tuple[int, Callable[[tuple[Any, ...]], Any]]] = []
        for index, (_, how) in enumerate(specs):
            if how == DAY:
                self.steps.append((index, days))
            elif isinstance(how, str) and how in _CONVERT:
                self.steps.append((index, partial(map, _CONVERT[how])))
            elif callable(how):
                self.steps.append((index, partial(map, how)))
        self.make, self.pad = maker(cls, len(specs))

    def read(self, conn: Connection, **values: Any) -> tuple[Any, ...]:
        """The facts, with ``values`` for the statement's parameters."""
        rows = fetch(conn, self.query, **values)
        if not rows:
            return ()
        if self.steps or self.pad:
            columns: list[Any] = list(zip(*rows, strict=True))
            for index, convert in self.steps:
                columns[index] = convert(columns[index])
            columns += [repeat(value, len(rows)) for value in self.pad]
            rows = zip(*columns, strict=True)  # type: ignore[assignment]
        return tuple(map(self.make, rows))


def days(column: tuple[Any, ...]) -> list[date | None]:
    """A column of dates as stored (ISO text on SQLite, dates elsewhere, or NULL) as dates."""
    return [v if v is None or v.__class__ is not str else _iso(v[:10]) for v in column]


def maker(cls: type[T], read: int) -> tuple[Callable[[tuple[Any, ...]], T], tuple[Any, ...]]:
    """A fast constructor of a plain fact from a row of its first ``read`` fields in order.

    Returns the constructor and the values to pad each row with. A named tuple is the row
    itself, padded with the defaults of the fields not read. A frozen dataclass's ``__init__``
    sets each field through ``object.__setattr__``; filling ``__dict__`` at once takes half
    the time, and as the facts have no ``__post_init__`` the result is the same object.
    """
    if issubclass(cls, tuple):
        defaults = cls._field_defaults  # type: ignore[attr-defined]
        pad = tuple(defaults[n] for n in cls._fields[read:])  # type: ignore[attr-defined]
        return partial(tuple.__new__, cls), pad
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]  # a dataclass
    new = object.__new__

    def make(values: tuple[Any, ...]) -> T:
        fact = new(cls)
        fact.__dict__.update(zip(names, values, strict=False))
        return fact

    return make, ()
