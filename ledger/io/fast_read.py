"""Reading an .xlsx with calamine (a Rust parser), ten times faster than openpyxl's read-only mode.

:func:`open_fast` opens only an ordinary .xlsx package whose cells calamine gives as openpyxl
(``read_only``, ``data_only``) would, after :func:`_cell` evens out the two harmless
differences (an empty cell is ``""``, not ``None``; a whole number is a float). Anything else
is read by openpyxl, which also words every refusal: a package without ``xl/workbook.xml`` (a
.docx, an .ods, an .xlsb); a workbook with error cells (``#DIV/0!``, which calamine reads as
empty), ISO-date cells (``t="d"``) or a sheet recorded as larger than :data:`MAX_CELLS`; a sheet
with times of day (calamine's reading of a date before 1900) or whole numbers beyond a float's
2**53; anything calamine cannot parse. Formulas are read as their cached values by both. One
difference is left: a number too large for a date (after 9999-12-31) in a date-formatted cell,
which Excel shows as ####, is that number here where openpyxl makes it the error ``#VALUE!``;
a date column refuses it either way.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from datetime import time, timedelta
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import range_boundaries

try:
    from python_calamine import CalamineWorkbook
except ImportError:  # pragma: no cover - a build without it still reads through openpyxl
    CalamineWorkbook = None  # type: ignore[assignment,misc]

#: Cells calamine reads unlike openpyxl: errors (as empty) and ISO dates.
#: (No word boundary before ``t``: it makes the search six times slower; other attributes
#: ending in t hardly ever hold a lone e or d, and a false match only costs speed.)
_UNLIKE_CELLS = re.compile(rb"""t\s*=\s*["'][ed]["']""")
#: calamine reads a date before 1900 (a negative serial) as a time of day, openpyxl as a
#: date: a sheet with times is read by openpyxl (no import column holds a time).
_UNLIKE_TYPES = frozenset({time, timedelta})
_CHUNK = 1 << 20
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')
#: Cells (width × height from A1) above which a sheet is streamed by openpyxl instead: a
#: stray value far to the right or down would make calamine's grid huge.
MAX_CELLS = 10_000_000
#: Whole numbers up to this are exact in a float and shown alike as int or float.
_EXACT = 2**53
Merge = tuple[int, int, int, int]


def _is_failure(error: BaseException) -> bool:
    """Whether ``error`` is calamine failing (a Rust panic is a BaseException), not a stop."""
    return isinstance(error, Exception) or type(error).__name__ == "PanicException"


class FastBook:
    """A workbook opened by calamine; ``sheet`` gives a sheet's merges and rows, or ``None``."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.titles: list[str] = list(book.sheet_names)

    def close(self) -> None:
        """Release calamine's copy of the file."""
        self.book.close()

    def sheet(self, title: str) -> tuple[list[Merge], Iterator[tuple[Any, ...]]] | None:
        """Merged ranges (min_col, min_row, max_col, max_row from 1) and every row from row 1.

        ``None`` when calamine cannot read the sheet (the caller reads it with openpyxl).
        """
        try:
            sheet = self.book.get_sheet_by_name(title)
            merges = [
                (c0 + 1, r0 + 1, c1 + 1, r1 + 1)
                for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or ()
            ]
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
        return merges, iter(rows)


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


def open_fast(path: Path) -> FastBook | None:
    """The workbook at ``path`` opened by calamine, or ``None`` when openpyxl must read it."""
    if CalamineWorkbook is None or not _plain_xlsx(path):
        return None
    try:
        return FastBook(CalamineWorkbook.from_path(str(path)))
    except BaseException as error:
        if _is_failure(error):
            return None
        raise


def _plain_xlsx(path: Path) -> bool:
    """Whether ``path`` is an .xlsx package without cells calamine would read differently."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if "xl/workbook.xml" not in names:
                return False
            parts = [n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")]
            if any(_has_unlike_cells(archive, name) for name in parts):
                return False
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError):
        return False
    return True


def _has_unlike_cells(archive: zipfile.ZipFile, name: str) -> bool:
    """Whether a sheet part has an error or ISO-date cell, or spans more cells than calamine
    should hold at once (it keeps a sheet as one dense grid, openpyxl streams it)."""
    tail = b""
    with archive.open(name) as part:
        while chunk := part.read(_CHUNK):
            if not tail and _too_large(chunk):  # the first chunk holds the dimension
                return True
            if _UNLIKE_CELLS.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def _too_large(head: bytes) -> bool:
    """Whether the sheet's recorded size (``<dimension ref="A1:Z100">``) exceeds the limit."""
    found = _DIMENSION.search(head)
    if found is None:
        return False
    try:
        _, _, max_col, max_row = range_boundaries(found[1].decode())
    except (ValueError, TypeError):
        return False
    return (max_col or 1) * (max_row or 1) > MAX_CELLS
