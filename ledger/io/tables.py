"""Writing any table to a workbook (导出表格): Chinese headers, fitting widths, frozen header.

Dates are written as Excel dates and quantities as numbers (the unit has a column of its own),
in openpyxl's write-only mode so a million rows stream straight to the file. The GUI exports
every table view through :func:`export_table`; the full export and the error list use it too.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ledger.io import cells

#: Column kinds a table view declares.
TEXT, DATE, QUANTITY, NUMBER = "text", "date", "quantity", "number"
KINDS = frozenset({TEXT, DATE, QUANTITY, NUMBER})
#: Rows looked at to size the columns.
SAMPLE = 200
MIN_WIDTH, MAX_WIDTH = 6, 60
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center")


@dataclass(frozen=True)
class TableColumn:
    """A column of an exported table: its Chinese header and kind (text, date, quantity, number)."""

    header: str
    kind: str = TEXT


def text_width(text: str) -> int:
    """Display width of ``text`` in Excel character units (CJK characters count two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def to_cell(value: Any, kind: str) -> Any:
    """A value as the cell should hold it: dates as dates, quantities as numbers, else text."""
    if value is None or value == "":
        return None
    if kind == DATE:
        if isinstance(value, datetime):
            return value.date() if value.time() == datetime.min.time() else value
        if isinstance(value, date):
            return value
        try:
            return cells.parse_date(value)
        except cells.CellProblem:
            return str(value)
    if kind in (QUANTITY, NUMBER):
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int | Decimal | float):
            return value
        try:
            return cells.parse_decimal(value, places=10)
        except cells.CellProblem:
            return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value if isinstance(value, str) else str(value)


def _widths(columns: Sequence[TableColumn], sample: list[Sequence[Any]]) -> list[int]:
    widths = []
    for index, column in enumerate(columns):
        width = text_width(column.header) + 2
        for row in sample:
            if index < len(row) and row[index] is not None:
                shown = 10 if column.kind == DATE else text_width(cells.display(row[index]))
                width = max(width, shown + 2)
        widths.append(min(max(width, MIN_WIDTH), MAX_WIDTH))
    return widths


def write_table(
    book: Workbook,
    title: str,
    columns: Sequence[TableColumn],
    rows: Iterable[Sequence[Any]],
    *,
    convert: bool = True,
) -> int:
    """Add a sheet to a write-only workbook and stream ``rows`` into it; return the row count.

    With ``convert`` false the rows must already hold cell values (dates, numbers, text).
    """
    sheet = book.create_sheet(title)
    kinds = [c.kind for c in columns]
    converted: Iterable[Sequence[Any]] = (
        ([to_cell(v, k) for v, k in zip(row, kinds, strict=False)] for row in rows)
        if convert
        else iter(rows)
    )
    sample = list(itertools.islice(converted, SAMPLE))
    for index, width in enumerate(_widths(columns, sample), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGN
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in itertools.chain(sample, converted):
        sheet.append([_as_text(sheet, v) if _formula_like(v) else v for v in row])
        count += 1
    return count


#: A text starting so is a formula to a spreadsheet program (=HYPERLINK, =cmd|… DDE, +, -, @).
FORMULA_STARTS = ("=", "+", "-", "@")


def _formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _as_text(sheet: Any, value: str) -> WriteOnlyCell:
    """A cell holding ``value`` as text, never as a formula (openpyxl makes ``=…`` one)."""
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def export_table(
    path: Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    kinds: Sequence[str] | None = None,
    title: str = "导出",
) -> int:
    """Write one table to a new workbook at ``path``; return the number of data rows.

    Args:
        path: the .xlsx file to write.
        headers: Chinese column headers.
        rows: the values, one sequence per row, in header order.
        kinds: per column ``text``, ``date``, ``quantity`` or ``number`` (default all text);
            a quantity's unit belongs in a text column of its own.
        title: the sheet name.
    """
    kinds = list(kinds or [TEXT] * len(headers))
    if len(kinds) != len(headers) or not set(kinds) <= KINDS:
        raise ValueError(f"kinds must name {len(headers)} of {sorted(KINDS)}")
    book = Workbook(write_only=True)
    columns = [TableColumn(h, k) for h, k in zip(headers, kinds, strict=True)]
    count = write_table(book, safe_title(title), columns, rows)
    book.save(path)
    return count


def safe_title(title: str) -> str:
    """A sheet name Excel accepts: no []:*?/\\ and at most 31 characters."""
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in title).strip("'") or "导出"
    return cleaned[:31]
