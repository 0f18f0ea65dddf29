"""Numbers and dates beyond what the ledger stores, a damaged byte, a full disk: a Chinese error
naming sheet, row and column (or the file), never a traceback, and nothing written."""

from __future__ import annotations

import copy
import struct
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from ledger.core.actor import SYSTEM
from ledger.io.importer import import_workbook
from ledger.models.engine import Database
from tests.io.books import VALID, snapshot, write_book

HUGE = [1e16, 1e20, 1e308, 2**63, 2**64, "1e308", "9" * 400, "1E+400", "1e999999"]
#: (sheet, column index, header) of the number cells of the valid county.
NUMBER_CELLS = [
    ("期初库存", 2, "数量"),
    ("期初库存", 5, "单价"),
    ("组织机构", 4, "常住人口"),
    ("物资目录", 5, "保质期(月)"),
    ("物资目录", 6, "保养周期(天)"),
    ("仓库", 4, "面积(平方米)"),
    ("人均储备定额", 1, "每人数量"),
]


def _import(db: Database, tmp_path: Path, sheet: str, column: int, value: Any) -> list[Any]:
    book = copy.deepcopy(VALID)
    book[sheet][0][column] = value
    before = snapshot(db)
    result = import_workbook(db, SYSTEM, write_book(tmp_path / "b.xlsx", book))
    assert snapshot(db) == before
    return list(result.errors)


@pytest.mark.parametrize("value", HUGE, ids=[str(v)[:12] for v in HUGE])
@pytest.mark.parametrize(("sheet", "column", "header"), NUMBER_CELLS)
def test_a_huge_number_is_refused_naming_its_cell(
    sqlite_db: Database, tmp_path: Path, sheet: str, column: int, header: str, value: Any
) -> None:
    errors = _import(sqlite_db, tmp_path, sheet, column, value)
    mine = [e for e in errors if (e.sheet, e.row, e.column) == (sheet, 2, header)]
    assert mine, errors
    assert "过大" in mine[0].reason or "应为" in mine[0].reason


@pytest.mark.parametrize("value", [date(9999, 12, 31), "9999-12-31", date(1, 1, 1), "1800-01-01"])
@pytest.mark.parametrize(
    ("sheet", "column", "header"),
    [("期初库存", 4, "有效期至"), ("证书", 5, "有效期至"), ("队伍", 7, "成立日期")],
)
def test_a_date_beyond_the_years_the_ledger_keeps_is_refused(
    sqlite_db: Database, tmp_path: Path, sheet: str, column: int, header: str, value: Any
) -> None:
    errors = _import(sqlite_db, tmp_path, sheet, column, value)
    assert [(e.sheet, e.row, e.column) for e in errors] == [(sheet, 2, header)], errors
    assert "1900-01-01 至 2099-12-31" in errors[0].reason


def test_a_maintenance_cycle_of_three_million_days_is_refused(
    sqlite_db: Database, tmp_path: Path
) -> None:
    errors = _import(sqlite_db, tmp_path, "物资目录", 6, 3_000_000)
    assert [(e.sheet, e.row, e.column) for e in errors] == [("物资目录", 2, "保养周期(天)")]
    assert "36,500" in errors[0].reason


def _damage(path: Path, part: str) -> Path:
    """Flip one byte in the middle of ``part``'s compressed data."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(part)
    data = bytearray(path.read_bytes())
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26 :][:4])
    start = info.header_offset + 30 + name_length + extra_length
    data[start + info.compress_size // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def _part_of(path: Path, title: str) -> str:
    from ledger.io.sheet_scan import sheet_parts

    with zipfile.ZipFile(path) as archive:
        return sheet_parts(archive)[title]


@pytest.mark.parametrize("fast", [True, False])
def test_one_damaged_byte_in_a_sheet_is_an_error_naming_the_sheet(
    sqlite_db: Database, tmp_path: Path, fast: bool
) -> None:
    from ledger.io.reader import Known, read_workbook

    path = write_book(tmp_path / "d.xlsx", VALID)
    _damage(path, _part_of(path, "物资目录"))
    parsed = read_workbook(path, Known(), fast=fast)
    damaged = [e for e in parsed.errors if "物资目录" in e.sheet + e.reason]
    assert damaged and "损坏" in damaged[0].reason
    before = snapshot(sqlite_db)
    assert import_workbook(sqlite_db, SYSTEM, path).errors
    assert snapshot(sqlite_db) == before


def test_damaged_shared_strings_are_an_error_not_a_traceback(
    sqlite_db: Database, tmp_path: Path
) -> None:
    path = write_book(tmp_path / "s.xlsx", VALID)
    strings = "".join(f"<si><t>文字{i}</t></si>" for i in range(3000))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", f"<sst>{strings}</sst>")
    _damage(path, "xl/sharedStrings.xml")
    before = snapshot(sqlite_db)
    (error,) = import_workbook(sqlite_db, SYSTEM, path).errors
    assert "文字部分已损坏" in error.reason
    assert snapshot(sqlite_db) == before


def test_a_full_disk_during_the_import_writes_nothing_and_says_so(
    sqlite_db: Database, tmp_path: Path
) -> None:
    """SQLite's own refusal to grow the file (max_page_count), as on a full disk."""
    with sqlite_db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    sqlite_db.dispose()

    @event.listens_for(sqlite_db.engine, "connect")
    def _full(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={int(pages or 0)}")

    before = snapshot(sqlite_db)
    result = import_workbook(sqlite_db, SYSTEM, write_book(tmp_path / "v.xlsx", VALID))
    (error,) = result.errors
    assert "磁盘空间已满" in error.reason and "未写入任何数据" in error.reason
    assert snapshot(sqlite_db) == before
