"""A table as shown on screen (导出Excel) to an .xlsx; text that looks like a formula stays text.

Dates are written as Excel dates and quantities as numbers with the unit in a column of its own
(:mod:`ledger.io.tables` kinds); every text cell is typed as a string, so a value that starts
with = + - @ is never read by Excel or WPS as a formula.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ledger.io.tables import (
    _HEADER_ALIGN,
    _HEADER_FILL,
    _HEADER_FONT,
    KINDS,
    SAMPLE,
    TEXT,
    TableColumn,
    _as_text,
    _widths,
    safe_title,
    to_cell,
)

_TOTAL_FONT = Font(bold=True)


def _cell(sheet: Any, value: Any) -> Any:
    """Text as text (never a formula, whatever it starts with); other values as they are."""
    return _as_text(sheet, value) if isinstance(value, str) and value else value


def export_view(
    path: Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    kinds: Sequence[str] | None = None,
    title: str = "导出",
    footer: Sequence[Sequence[Any]] = (),
) -> int:
    """Write one table to a new workbook at ``path``; return the number of data rows.

    ``footer`` rows (the 合计 lines) follow the data in bold, their numbers as numbers.
    """
    kinds = list(kinds or [TEXT] * len(headers))
    if len(kinds) != len(headers) or not set(kinds) <= KINDS:
        raise ValueError(f"kinds must name {len(headers)} of {sorted(KINDS)}")
    book = Workbook(write_only=True)
    sheet = book.create_sheet(safe_title(title))
    columns = [TableColumn(h, k) for h, k in zip(headers, kinds, strict=True)]
    converted = ([to_cell(v, k) for v, k in zip(row, kinds, strict=False)] for row in rows)
    sample: list[Sequence[Any]] = list(itertools.islice(converted, SAMPLE))
    for index, width in enumerate(_widths(columns, sample), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header = []
    for column in columns:
        cell = _cell(sheet, column.header)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGN
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in itertools.chain(sample, converted):
        sheet.append([_cell(sheet, value) for value in row])
        count += 1
    for row in footer:
        cells = []
        for value in row:
            if isinstance(value, str):
                cell = _as_text(sheet, value) if value else WriteOnlyCell(sheet)
            else:
                cell = WriteOnlyCell(sheet, value=value)
            cell.font = _TOTAL_FONT
            cells.append(cell)
        sheet.append(cells)
    book.save(path)
    return count
