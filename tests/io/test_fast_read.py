"""calamine reads every kind of mess as openpyxl does; what it would misread goes to openpyxl."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import Workbook, load_workbook

from ledger.io.fast_read import open_fast
from ledger.io.reader import Known, Parsed, read_workbook
from ledger.io.template import write_template
from tests.io.books import ID_B, VALID, valid_book, with_cached_values, write_book
from tests.io.test_broken_books import broken_books

KNOWN = Known({"items": {"007", "070"}, "depots": {"K01"}, "units": {"410102000000"}}, {"条"})


def both(path: Path, known: Known = KNOWN) -> tuple[Parsed, Parsed]:
    """The workbook read by calamine (where it can) and by openpyxl alone."""
    return read_workbook(path, known), read_workbook(path, known, fast=False)


def assert_same(path: Path, *, fast: bool = True) -> Parsed:
    """Both readings are equal, and calamine did (or did not) read the file."""
    book = open_fast(path)
    read_fast = book is not None and any(book.sheet(t) is not None for t in book.titles)
    assert read_fast is fast
    if book is not None:
        book.close()
    quick, slow = both(path)
    assert quick == slow
    return quick


def _stock(path: Path, *rows: list[Any]) -> Path:
    return write_book(path, {"期初库存": [list(r) for r in rows]})


def _mess_numbers(path: Path) -> Path:
    units = [
        [410102000000, "中原区", "县", None, 500000.0, "防汛重点", None],
        [41010200100, "林山寨街道", "乡镇", 410102000000, "1，200", None, None],
    ]
    items = [[1, "编织袋", "", "条", "防汛", 36.0, None, True], [7.5, "x", "", "条", "防汛"]]
    members = [["T001", "王强", "男", 110105194912310000, 13900002222, "队员", "兼职"]]
    members.append(["T001", "李丽", None, ID_B, "13900001111", "队员", "兼职", 46447, 1e20])
    stock = [["K01", 7, 0.1 + 0.2, None, None, 1 / 3], ["K01", 7, -1, None, None, True]]
    sheets = {"组织机构": units, "物资目录": items, "队员": members, "期初库存": stock}
    return write_book(path, sheets)


def _mess_text(path: Path) -> Path:
    items = [
        ["\u3000Ａ００１ ", " 编织袋\u3000", "５０×８０", " 条 ", "　防汛抗旱", "３６", None, "是"]
    ]
    stock = [
        ["Ｋ０１", "Ａ００１", "１，０００．５", " Ｌ１ ", "２０２７－０３－０１", "２．５"],
        ["K01", "'001", "N/A", "", "  ", "1万"],
    ]
    return write_book(path, {"物资目录": items, "期初库存": stock})


def _mess_dates(path: Path) -> Path:
    cells: list[Any] = [datetime(2027, 3, 1), date(2027, 3, 1), datetime(2027, 3, 1, 12, 30),
                        "2027/3/1", "2027年3月1日", 46447, "46447", 20270301, "2027-02-30",
                        1e9]  # fmt: skip
    return _stock(path, *[["K01", "001", 1, None, c, None] for c in cells])


def _template(path: Path) -> Path:
    write_template(path)
    book = load_workbook(path)
    sheet = book["物资目录"]
    sheet.append(["001", "编织袋", None, "条", "防汛抗旱"])
    sheet.append([None, "   ", None, "\u3000"])
    sheet.append([])
    sheet.append(["002", "救生衣", None, "件", "防汛抗旱"])
    book.save(path)
    return path


def _merged(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "期初库存表"
    sheet.append(["林山寨街道应急物资期初库存表"])
    sheet.merge_cells("A1:F1")
    sheet.append(["仓库编号", "物资", None, "数量 ", "批次号", "有效期至"])
    sheet.append([None, "物资编码", "物资名称", None, None, None])
    for merge in ("A2:A3", "B2:C2", "D2:D3"):
        sheet.merge_cells(merge)
    sheet.append(["K01", "001", "编织袋", 100, "L1", "2027-03-01"])
    sheet.append([None, "002", "救生衣", 5, None, None])
    sheet.append([None, "003", "救生衣", 5, None, None])
    sheet.merge_cells("A4:A6")
    book.save(path)
    return path


def _shifted(path: Path) -> Path:
    """A table that starts at C3, below a title, with blank rows in the middle."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "期初库存"
    sheet["C1"] = "期初库存"
    for r, row in enumerate([["仓库编号", "物资编码", "数量"], ["K01", "001", 5], [], [],
                             ["K01", "002", 6]], start=3):  # fmt: skip
        for c, value in enumerate(row, start=3):
            sheet.cell(r, c, value)
    book.save(path)
    return path


def _formulas(path: Path) -> Path:
    path = _stock(path, ["K01", "001", "=10*5", None, "=DATE(2027,3,1)", "=1/0"])
    with_cached_values(path, {"C2": "50", "E2": "46447"})
    return path


MESSES: dict[str, Callable[[Path], Path]] = {
    "valid county": lambda p: valid_book(p),
    "numbers for codes, ids and quantities": _mess_numbers,
    "full-width and spaced text": _mess_text,
    "dates as dates, text and serials": _mess_dates,
    "template with hint row and blank rows": _template,
    "title row, merged headers, merged depot": _merged,
    "table not at A1": _shifted,
    "formulas with and without cached values": _formulas,
    "no known sheet": lambda p: write_book(p, {"Sheet1": [[1, 2]]}),
    "missing required column": lambda p: write_book(
        p, {"物资目录": [["1"]]}, {"物资目录": ["物资编码"]}
    ),
}  # fmt: skip


@pytest.mark.parametrize("make", MESSES.values(), ids=list(MESSES))
def test_calamine_reads_the_mess_as_openpyxl_does(tmp_path: Path, make: Callable) -> None:  # type: ignore[type-arg]
    parsed = assert_same(make(tmp_path / "a.xlsx"))
    assert parsed.errors or parsed.batch.units or parsed.batch.stock or parsed.batch.items


def test_the_equal_readings_hold_real_content(tmp_path: Path) -> None:
    parsed = assert_same(_merged(tmp_path / "m.xlsx"))
    assert [(r.depot_code, r.item_code, r.quantity) for r in parsed.batch.stock] == [
        ("K01", "001", 100),
        ("K01", "002", 5),
        ("K01", "003", 5),
    ]
    parsed = assert_same(_shifted(tmp_path / "s.xlsx"))
    assert [(r.item_code, r.ref.row) for r in parsed.batch.stock] == [("001", 4), ("002", 7)]


def _error_cell(path: Path) -> Path:
    """A formula whose cached value is an error, stored as Excel stores it (t="e")."""
    path = _stock(path, ["K01", "001", "=1/0", None, None, None])
    with zipfile.ZipFile(path) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    name = "xl/worksheets/sheet1.xml"
    parts[name] = re.sub(
        rb'<c r="C2"[^>]*><f>1/0</f><v\s*/?>(</v>)?',
        b'<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v>',
        parts[name],
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for part, data in parts.items():
            out.writestr(part, data)
    return path


def test_an_error_cell_is_read_by_openpyxl_and_named(tmp_path: Path) -> None:
    parsed = assert_same(_error_cell(tmp_path / "e.xlsx"), fast=False)
    (error,) = parsed.errors
    assert error.column == "数量" and "#DIV/0!" in error.reason


def _ods(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return path


def _truncated(path: Path) -> Path:
    data = valid_book(path).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _damaged_sheet(path: Path) -> Path:
    valid_book(path)
    with zipfile.ZipFile(path) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"][:300]
    with zipfile.ZipFile(path, "w") as out:
        for part, data in parts.items():
            out.writestr(part, data)
    return path


@pytest.mark.parametrize("make", [_ods, _truncated, _damaged_sheet])
def test_files_calamine_cannot_read_get_openpyxls_refusal(
    tmp_path: Path,
    make: Callable,  # type: ignore[type-arg]
) -> None:
    path = make(tmp_path / "x.xlsx")
    quick, slow = both(path)
    assert quick.errors == slow.errors
    assert quick.errors and all("损坏" in e.reason or "不是" in e.reason for e in quick.errors)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(book=broken_books())
def test_broken_workbooks_read_alike(book: dict[str, list[list[Any]]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_book(Path(folder) / "b.xlsx", book)
        quick, slow = both(path)
    assert quick == slow
    assert quick.errors


def test_the_valid_county_reads_alike_without_known_codes(tmp_path: Path) -> None:
    path = valid_book(tmp_path / "v.xlsx")
    quick, slow = both(path, Known())
    assert quick == slow and quick.errors == []
    assert len(quick.batch.stock) == len(VALID["期初库存"])


def test_a_stray_value_far_away_makes_openpyxl_stream_the_sheet(tmp_path: Path) -> None:
    path = _stock(tmp_path / "far.xlsx", ["K01", "001", 5, None, None, None])
    book = load_workbook(path)
    book["期初库存"]["IV60000"] = "x"  # 256 columns × 60,000 rows: over calamine's limit
    book.save(path)
    parsed = assert_same(path, fast=False)
    assert [(r.item_code, r.quantity) for r in parsed.batch.stock] == [("001", 5)]


def test_a_value_beyond_the_templates_columns_refuses_the_sheet(tmp_path: Path) -> None:
    path = _stock(tmp_path / "far.xlsx", ["K01", "001", 5, None, None, None])
    book = load_workbook(path)
    book["期初库存"]["XFD20000"] = "x"
    book.save(path)
    for parsed in both(path):
        (error,) = parsed.errors
        assert error.sheet == "期初库存" and "XFD20000" in error.reason
        assert "最多 256 列" in error.reason and not parsed.batch.stock


@pytest.mark.parametrize("cell", [date(1850, 5, 5), 9007199254740993, 10**17])
def test_values_calamine_reads_otherwise_send_the_sheet_to_openpyxl(
    tmp_path: Path, cell: object
) -> None:
    path = _stock(tmp_path / "a.xlsx", ["K01", cell, 5, None, None, None])
    book = open_fast(path)
    assert book is not None
    assert book.sheet("期初库存") is None
    book.close()
    (error,) = assert_same(path, fast=False).errors
    assert error.column == "物资编码"


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (libreoffice-calc) missing"
)
def test_workbooks_saved_by_libreoffice_read_alike(tmp_path: Path) -> None:
    """Another writer's XML (shared strings, its own styles and dates), read both ways."""
    (tmp_path / "src").mkdir()
    merged = _merged(tmp_path / "src" / "m.xlsx")
    stock = [["K01", "001", 1000, "L2024", datetime(2027, 3, 1), 2.5], ["K01", "003", 50.5]]
    county = valid_book(tmp_path / "src" / "v.xlsx", 期初库存=stock)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "xlsx:Calc MS Excel 2007 XML", "--outdir", str(tmp_path / "lo"), str(merged),
         str(county)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    parsed = assert_same(tmp_path / "lo" / "m.xlsx")
    assert [(r.depot_code, r.item_code, r.quantity) for r in parsed.batch.stock] == [
        ("K01", "001", 100),
        ("K01", "002", 5),
        ("K01", "003", 5),
    ]
    parsed = assert_same(tmp_path / "lo" / "v.xlsx")
    assert [(r.item_code, r.quantity, r.expiry) for r in parsed.batch.stock] == [
        ("001", 1000, date(2027, 3, 1)),
        ("003", Decimal("50.5"), None),
    ]
