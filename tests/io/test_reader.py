"""Reading the mess offices send: numbers for codes, full-width text, merges, formulas, dates."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from ledger.core.enums import Category, Level
from ledger.io.reader import Known, read_workbook
from ledger.io.template import write_template
from tests.io.books import HEADERS, VALID, with_cached_values, write_book


def read(path: Path, known: Known | None = None):  # type: ignore[no-untyped-def]
    return read_workbook(path, known or Known())


def test_codes_typed_as_numbers_get_their_leading_zeros_back(tmp_path: Path) -> None:
    units = [
        [410102000000, "中原区", "县", None, None, None, None],
        [41010200100, "林山寨街道", "乡镇", 410102000000, None, None, None],  # a zero lost
        ["410102001001", "前进村", "村", 41010200100, None, None, None],
    ]
    items = [
        ["0001", "编织袋", "", "条", "防汛", None, None, None],
        [2, "卫星电话", "", "部", "通信", None, None, "是"],
    ]
    stock = [["K01", 1, 10, None, None, None]]
    depots = [["K01", "仓库", 41010200100, None, None, None, None]]
    parsed = read(
        write_book(
            tmp_path / "a.xlsx",
            {"组织机构": units, "物资目录": items, "仓库": depots, "期初库存": stock},
        )
    )
    assert parsed.errors == []
    codes = [u.code for u in parsed.batch.units]
    assert codes == ["410102000000", "041010200100", "410102001001"]
    assert parsed.batch.units[2].parent_code == "041010200100"
    assert [i.code for i in parsed.batch.items] == ["0001", "0002"]
    assert parsed.batch.stock[0].item_code == "0001"
    assert parsed.batch.depots[0].unit_code == "041010200100"


def test_a_reference_typed_as_a_number_finds_the_code_in_the_database(tmp_path: Path) -> None:
    stock = [["K01", 7, 10, None, None, None]]
    known = Known({"items": {"007", "070"}, "depots": {"K01"}})
    parsed = read(write_book(tmp_path / "a.xlsx", {"期初库存": stock}), known)
    assert parsed.batch.stock[0].item_code == "007"


def test_an_id_number_typed_as_a_number_has_lost_digits(tmp_path: Path) -> None:
    members = [["T001", "李丽", None, 110105194912310000, None, None, None, None, None]]
    parsed = read(write_book(tmp_path / "a.xlsx", {"队员": members}))
    (error,) = parsed.errors
    assert (error.sheet, error.row, error.column) == ("队员", 2, "身份证号")
    assert "15位" in error.reason


def test_spaces_and_full_width_text_are_normalised(tmp_path: Path) -> None:
    items = [
        ["\u3000Ａ００１ ", " 编织袋\u3000", "５０×８０", " 条 ", "　防汛抗旱", "３６", None, "是"],
    ]
    stock = [["Ｋ０１", "Ａ００１", "１，０００．５", " Ｌ１ ", "２０２７－０３－０１", "２．５"]]
    parsed = read(write_book(tmp_path / "a.xlsx", {"物资目录": items, "期初库存": stock}))
    assert parsed.errors == []
    (item,) = parsed.batch.items
    assert (item.code, item.name, item.unit, item.category) == (
        "A001",
        "编织袋",
        "条",
        Category.FLOOD,
    )
    assert item.shelf_life_months == 36 and item.serial_tracked
    (row,) = parsed.batch.stock
    assert (row.depot_code, row.item_code, row.lot) == ("K01", "A001", "L1")
    assert row.quantity == Decimal("1000.5") and row.unit_price == Decimal("2.5")
    assert row.expiry == date(2027, 3, 1)


@pytest.mark.parametrize(
    "cell",
    [datetime(2027, 3, 1), "2027-03-01", "2027/3/1", "2027.3.1", "2027年3月1日", 46447, "46447",
     20270301, " 2027-03-01 00:00:00"],
)  # fmt: skip
def test_dates_come_as_dates_text_or_excel_serials(tmp_path: Path, cell: object) -> None:
    stock = [["K01", "001", 1, None, cell, None]]
    parsed = read(write_book(tmp_path / "a.xlsx", {"期初库存": stock}))
    assert parsed.errors == []
    assert parsed.batch.stock[0].expiry == date(2027, 3, 1)


def test_a_date_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    stock = [["K01", "001", 1, None, "2027-02-30", None]]
    (error,) = read(write_book(tmp_path / "a.xlsx", {"期初库存": stock})).errors
    assert (error.column, error.value) == ("有效期至", "2027-02-30")


def test_blank_rows_in_the_middle_and_the_hint_row_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_template(path)
    book = load_workbook(path)
    sheet = book["物资目录"]
    sheet.append(["001", "编织袋", None, "条", "防汛抗旱"])
    sheet.append([None, "   ", None, "\u3000"])
    sheet.append([])
    sheet.append(["002", "救生衣", None, "件", "防汛抗旱"])
    book.save(path)
    parsed = read(path)
    assert parsed.errors == []
    assert [(i.code, i.ref.row) for i in parsed.batch.items] == [("001", 3), ("002", 6)]


def test_a_title_row_and_merged_header_cells_are_understood(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "期初库存表"
    sheet.append(["林山寨街道应急物资期初库存表"])
    sheet.merge_cells("A1:F1")
    sheet.append(["仓库编号", "物资", None, "数量 ", "批次号", "有效期至"])
    sheet.append([None, "物资编码", "物资名称", None, None, None])
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("B2:C2")
    sheet.merge_cells("D2:D3")
    sheet.append(["K01", "001", "编织袋", 100, "L1", "2027-03-01"])
    sheet.append([None, "002", "救生衣", 5, None, None])
    sheet.merge_cells("A4:A5")  # one depot for both rows
    book.save(tmp_path / "m.xlsx")
    parsed = read(tmp_path / "m.xlsx")
    assert parsed.errors == []
    assert [(r.depot_code, r.item_code, r.quantity) for r in parsed.batch.stock] == [
        ("K01", "001", 100),
        ("K01", "002", 5),
    ]


def test_formulas_are_read_as_their_cached_values(tmp_path: Path) -> None:
    stock = [["K01", "001", "=10*5", None, None, None]]
    path = write_book(tmp_path / "f.xlsx", {"期初库存": stock})
    with_cached_values(path, {"C2": "50"})
    parsed = read(path)
    assert parsed.errors == []
    assert parsed.batch.stock[0].quantity == 50


def test_a_formula_error_is_named(tmp_path: Path) -> None:
    stock = [["K01", "001", "#DIV/0!", None, None, None]]
    (error,) = read(write_book(tmp_path / "f.xlsx", {"期初库存": stock})).errors
    assert "公式" in error.reason and error.column == "数量"


def test_float_noise_from_formulas_is_not_a_fourth_decimal(tmp_path: Path) -> None:
    stock = [["K01", "001", 0.1 + 0.2, None, None, 1 / 3]]
    parsed = read(write_book(tmp_path / "f.xlsx", {"期初库存": stock}))
    (error,) = parsed.errors
    assert error.column == "单价" and "4位小数" in error.reason


def test_a_missing_required_column_names_sheet_and_column(tmp_path: Path) -> None:
    headers = {"物资目录": ["物资编码", "物资名称", "类别"]}
    path = write_book(tmp_path / "a.xlsx", {"物资目录": [["001", "编织袋", "防汛"]]}, headers)
    (error,) = read(path).errors
    assert (error.sheet, error.row, error.column, error.reason) == (
        "物资目录",
        1,
        "计量单位",
        "缺少必填列",
    )


def test_columns_in_any_order_with_unknown_ones_ignored(tmp_path: Path) -> None:
    headers = {"物资目录": ["备注", "类别", "计量单位", "物资名称", "物资编码"]}
    path = write_book(
        tmp_path / "a.xlsx", {"物资目录": [["x", "通信", "部", "卫星电话", "002"]]}, headers
    )
    parsed = read(path)
    assert parsed.errors == []
    assert parsed.batch.items[0].code == "002"
    assert parsed.batch.present["items"] == {"code", "name", "unit", "category"}


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("级别", "大区", "省、市、县、乡镇、街道、功能区、村"),
        ("标志", "有山", "森林防灭火任务"),
        ("常住人口", "-5", "不小于0"),
    ],
)
def test_unknown_labels_list_the_known_ones(
    tmp_path: Path, column: str, value: str, expected: str
) -> None:
    row = dict(zip(HEADERS["组织机构"], VALID["组织机构"][0], strict=True))
    row[column] = value
    path = write_book(tmp_path / "a.xlsx", {"组织机构": [list(row.values())]})
    (error,) = read(path).errors
    assert (error.column, error.value) == (column, value)
    assert expected in error.reason


def test_synonyms_of_levels_are_accepted(tmp_path: Path) -> None:
    units = [
        ["1", "甲", "街道", None, None, None, None],
        ["2", "乙", "社区", "1", None, None, None],
        ["3", "丙镇", "镇", None, None, None, None],
        # a workbook of before 街道 was a level of its own: a 乡镇 named …街道 is a 街道
        ["4", "丁街道", "乡镇", None, None, None, None],
    ]
    parsed = read(write_book(tmp_path / "a.xlsx", {"组织机构": units}))
    assert [u.level for u in parsed.batch.units] == [
        Level.STREET,
        Level.VILLAGE,
        Level.TOWN,
        Level.STREET,
    ]


def test_a_workbook_without_known_sheets_says_which_it_wants(tmp_path: Path) -> None:
    book = Workbook()
    book.save(tmp_path / "a.xlsx")
    (error,) = read(tmp_path / "a.xlsx").errors
    assert "组织机构" in error.reason and "期初库存" in error.reason


def _ole(path: Path, body: bytes) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + body)
    return path


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p.write_text("区划代码,名称\n1,甲\n", encoding="utf-8") and p, "CSV"),
        (lambda p: _ole(p, "Workbook".encode("utf-16-le")), ".xls"),
        (lambda p: _ole(p, "EncryptionInfo".encode("utf-16-le")), "密码"),
        (lambda p: p.write_bytes(b"") or p, "空"),
        (lambda p: p.write_bytes(b"%PDF-1.4 ...") or p, "PDF"),
        (lambda p: p, "不存在"),
    ],
)
def test_files_that_are_not_workbooks_are_refused_clearly(
    tmp_path: Path,
    make,
    expected: str,  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "x.xlsx"
    make(path)
    parsed = read(path)
    (error,) = parsed.errors
    assert expected in error.reason
    assert parsed.batch.units == ()


def test_a_truncated_workbook_is_called_damaged(tmp_path: Path) -> None:
    path = write_book(tmp_path / "a.xlsx", VALID)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    (error,) = read(path).errors
    assert "损坏" in error.reason


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.docx.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    (error,) = read(path).errors
    assert "不是有效的 Excel 工作簿" in error.reason
