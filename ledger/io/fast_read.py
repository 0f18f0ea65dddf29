"""Reading an .xlsx with calamine (a Rust parser), ten times faster than openpyxl's read-only mode.

:func:`open_fast` opens only an ordinary .xlsx package whose cells calamine gives as openpyxl
(``read_only``, ``data_only``) would, after :func:`_cell` evens out the two harmless
differences (an empty cell is ``""``, not ``None``; a whole number is a float). Anything else
is read by openpyxl, which also words every refusal: a package without ``xl/workbook.xml`` (a
.docx, an .ods, an .xlsb); a sheet with error cells (``#DIV/0!``, which calamine reads as
empty), ISO-date cells (``t="d"``) or really larger than :data:`MAX_CELLS` (its extent is
read from its XML first, :mod:`ledger.io.sheet_scan`: calamine trusts the recorded one); a sheet
with times of day (calamine's reading of a date before 1900) or whole numbers beyond a float's
2**53; anything calamine cannot parse. Formulas are read as their cached values by both. One
difference is left: a number too large for a date (after 9999-12-31) in a date-formatted cell,
which Excel shows as ####, is that number here where openpyxl makes it the error ``#VALUE!``;
a date column refuses it either way.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import time, timedelta
from pathlib import Path
from typing import Any

from ledger.io import sheet_scan
from ledger.io.sheet_scan import Extent

try:
    from python_calamine import CalamineWorkbook
except ImportError:  # pragma: no cover - a build without it still reads through openpyxl
    CalamineWorkbook = None  # type: ignore[assignment,misc]

#: calamine reads a date before 1900 (a negative serial) as a time of day, openpyxl as a
#: date: a sheet with times is read by openpyxl (no import column holds a time).
_UNLIKE_TYPES = frozenset({time, timedelta})
#: Cells (width × height from A1, as the sheet really is) above which a sheet is streamed by
#: openpyxl instead: a stray value far to the right or down would make calamine's grid huge.
MAX_CELLS = 10_000_000
#: Whole numbers up to this are exact in a float and shown alike as int or float.
_EXACT = 2**53


def _is_failure(error: BaseException) -> bool:
    """Whether ``error`` is calamine failing (a Rust panic is a BaseException), not a stop."""
    return isinstance(error, Exception) or type(error).__name__ == "PanicException"


class FastBook:
    """A workbook opened by calamine; ``sheet`` gives a sheet's rows, or ``None``."""

    def __init__(self, book: Any, extents: dict[str, Extent | str]) -> None:
        self.book = book
        self.titles: list[str] = list(book.sheet_names)
        self.extents = extents

    def close(self) -> None:
        """Release calamine's copy of the file."""
        self.book.close()

    def sheet(self, title: str) -> Iterator[tuple[Any, ...]] | None:
        """Every row from row 1.

        ``None`` when calamine cannot (or should not) read the sheet: its real extent
        (:mod:`ledger.io.sheet_scan`) is unknown or over :data:`MAX_CELLS`, it has cells
        calamine reads otherwise, or calamine fails (the caller reads it with openpyxl).
        """
        extent = self.extents.get(title)
        if not isinstance(extent, Extent) or extent.unlike:
            return None
        if max(extent.cells, extent.recorded) > MAX_CELLS:
            return None
        try:
            sheet = self.book.get_sheet_by_name(title)
            grid = sheet.to_python(skip_empty_area=False)
            end = sheet.end
        except BaseException as error:
            if _is_failure(error):
                return None
            raise
        if end is None:
            if any(any(v != "" for v in row) for row in grid):
                return None
        elif len(grid) != end[0] + 1 or (grid and len(grid[0]) != end[1] + 1):
            return None  # not the grid from A1 this module expects: read it with openpyxl
        try:
            rows = [tuple(map(_cell, row)) for row in grid]
        except _Unlike:
            return None
        return iter(rows)


class _Unlike(Exception):
    """A value openpyxl would read otherwise: the sheet is read by openpyxl."""


def _cell(value: Any) -> Any:
    """A calamine value as openpyxl gives it: ``None`` for empty, a whole number as an int.

    Raises:
        _Unlike: a time of day (calamine's reading of a date before 1900), or a whole number
            too large for a float to hold its digits (openpyxl keeps them as written).
    """
    if value == "":
        return None
    kind = value.__class__
    if kind is float:
        if not value.is_integer():
            return value
        if -_EXACT < value < _EXACT:
            return int(value)
        raise _Unlike
    if kind in _UNLIKE_TYPES:
        raise _Unlike
    return value


def open_fast(path: Path, extents: dict[str, Extent | str] | None = None) -> FastBook | None:
    """The workbook at ``path`` opened by calamine, or ``None`` when openpyxl must read it.

    ``extents`` are the sheets' real extents (:func:`sheet_scan.survey`, read when not given).

    Raises:
        SheetTooLarge: the shared strings unpack beyond the size cap.
    """
    if CalamineWorkbook is None or not _plain_xlsx(path):
        return None
    if extents is None:
        extents = sheet_scan.survey(path)
    try:
        return FastBook(CalamineWorkbook.from_path(str(path)), extents)
    except BaseException as error:
        if _is_failure(error):
            return None
        raise


def _plain_xlsx(path: Path) -> bool:
    """Whether ``path`` is an .xlsx package (not an .xlsb, .ods or other zip)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError):
        return False
