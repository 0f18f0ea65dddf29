"""Exporting the whole database (导出全部数据) in the import format, plus the movement journal.

The eight register sheets have exactly the import workbook's headers, so the exported file
imports into an empty database as the same data. A ninth sheet, 出入库流水, lists every
movement (the import ignores it). Written in write-only mode: a million movements stream.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import LabelledEnum
from ledger.io.reader import RowError
from ledger.io.schema import SHEETS, Column, Kind, Sheet
from ledger.io.tables import DATE, NUMBER, QUANTITY, TEXT, TableColumn, write_table
from ledger.services import imports
from ledger.services.imports import Batch

MOVEMENTS_SHEET = "出入库流水"
MOVEMENT_COLUMNS = (
    TableColumn("日期", DATE),
    TableColumn("单据号", TEXT),
    TableColumn("单据类型", TEXT),
    TableColumn("仓库编号", TEXT),
    TableColumn("仓库名称", TEXT),
    TableColumn("物资编码", TEXT),
    TableColumn("物资名称", TEXT),
    TableColumn("规格型号", TEXT),
    TableColumn("批次号", TEXT),
    TableColumn("有效期至", DATE),
    TableColumn("数量", QUANTITY),
    TableColumn("计量单位", TEXT),
    TableColumn("流水号", NUMBER),
)
ERROR_COLUMNS = ("工作表", "行", "列", "值", "原因")
_TABLE_KIND = {
    Kind.DATE: DATE,
    Kind.QUANTITY: QUANTITY,
    Kind.PRICE: QUANTITY,
    Kind.AREA: QUANTITY,
    Kind.DEGREES: QUANTITY,
    Kind.INT: NUMBER,
}


@dataclass(frozen=True)
class ExportCounts:
    """How many rows each sheet of an export got."""

    rows: dict[str, int]


def cell_value(column: Column, value: Any) -> Any:
    """A record field as the import workbook writes it (labels, 是/否, ；-joined flags)."""
    if value is None or value == "" or value == ():
        return None
    if isinstance(value, LabelledEnum):
        return value.label
    if column.kind is Kind.BOOL:
        return "是" if value else "否"
    if column.kind is Kind.FLAGS:
        return "；".join(value)
    return value


def sheet_rows(sheet: Sheet, records: Iterable[Any]) -> Iterable[list[Any]]:
    """The rows of one import sheet from its records."""
    for record in records:
        yield [cell_value(c, getattr(record, c.field)) for c in sheet.columns]


def write_batch(
    book: Workbook, batch: Batch, progress: Callable[[int, int, str], None] | None = None
) -> dict[str, int]:
    """Add the eight import sheets of ``batch`` to a write-only workbook; ``progress`` is told
    (sheets done, sheets in all, the sheet's name) before each."""
    counts = {}
    for number, sheet in enumerate(SHEETS):
        if progress is not None:
            progress(number, len(SHEETS) + 1, sheet.name)
        columns = [TableColumn(c.header, _TABLE_KIND.get(c.kind, TEXT)) for c in sheet.columns]
        records = getattr(batch, sheet.kind)
        counts[sheet.name] = write_table(book, sheet.name, columns, sheet_rows(sheet, records))
    return counts


def export_database(
    session: Session,
    actor: Actor,
    path: Path,
    *,
    movements: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
) -> ExportCounts:
    """Write every register and (unless ``movements`` is false) the movement journal to ``path``,
    read in the caller's session (one snapshot: a read-only one is enough).

    Personal data is whole or masked as ``actor`` may see it (see ledger.services.imports.export).
    """
    book = Workbook(write_only=True)
    counts = write_batch(book, imports.everything(session, actor), progress)
    if progress is not None:
        progress(len(SHEETS), len(SHEETS) + 1, MOVEMENTS_SHEET if movements else "保存")
    if movements:
        counts[MOVEMENTS_SHEET] = write_table(
            book,
            MOVEMENTS_SHEET,
            MOVEMENT_COLUMNS,
            imports.movements(session),
            convert=False,
        )
    book.save(Path(path))
    return ExportCounts(counts)


def write_errors(path: Path, errors: Sequence[RowError]) -> int:
    """Save an import's error list as a workbook (工作表, 行, 列, 值, 原因)."""
    from ledger.io.tables import export_table

    rows = ([e.sheet, e.row, e.column, e.value, e.reason] for e in errors)
    kinds = [TEXT, NUMBER, TEXT, TEXT, TEXT]
    return export_table(Path(path), ERROR_COLUMNS, rows, kinds, title="导入错误")
