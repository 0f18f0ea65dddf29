"""Exporting any table view: Chinese headers, widths, frozen header, dates and numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ledger.io.export import write_errors
from ledger.io.reader import RowError
from ledger.io.tables import export_table, safe_title, text_width


def test_a_table_is_written_with_its_kinds(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    rows = [
        ["编织袋（加厚型防汛专用）", date(2027, 3, 1), Decimal("1000.5"), "条"],
        ["救生衣", "2026-01-02", "12", "件"],
        ["帐篷", None, None, "顶"],
    ]
    count = export_table(
        path, ["物资名称", "有效期至", "数量", "计量单位"], rows,
        ["text", "date", "quantity", "text"], title="库存/明细",
    )  # fmt: skip
    assert count == 3
    book = load_workbook(path)
    sheet = book["库存_明细"]
    assert [c.value for c in sheet[1]] == ["物资名称", "有效期至", "数量", "计量单位"]
    assert sheet.freeze_panes == "A2"
    assert sheet["B2"].is_date and sheet["B3"].is_date
    assert sheet["C2"].value == 1000.5 and sheet["C3"].value == 12
    assert sheet["C4"].value is None
    assert sheet.column_dimensions["A"].width >= text_width("编织袋（加厚型防汛专用）")
    assert sheet.column_dimensions["D"].width < sheet.column_dimensions["A"].width


def test_kinds_must_match_the_headers(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        export_table(tmp_path / "t.xlsx", ["a", "b"], [], ["text"])


def test_sheet_titles_are_made_acceptable() -> None:
    assert safe_title("a[b]:c*?/\\" + "x" * 40) == ("a_b__c____" + "x" * 40)[:31]


def test_an_error_list_is_saved_as_a_workbook(tmp_path: Path) -> None:
    errors = [RowError("物资目录", 3, "类别", "太空", "应为以下之一：防汛抗旱")]
    write_errors(tmp_path / "e.xlsx", errors)
    sheet = load_workbook(tmp_path / "e.xlsx").active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == ["工作表", "行", "列", "值", "原因"]
    assert [c.value for c in sheet[2]] == ["物资目录", 3, "类别", "太空", "应为以下之一：防汛抗旱"]
