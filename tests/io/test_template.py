"""The import template: every sheet, the interface's headers, a hint row and drop-downs."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from ledger.io.reader import Known, read_workbook
from ledger.io.schema import SHEETS
from ledger.io.template import write_template


def test_the_template_has_every_sheet_with_headers_hints_and_drop_downs(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_template(path)
    book = load_workbook(path)
    for spec in SHEETS:
        sheet = book[spec.name]
        assert [c.value for c in sheet[1]] == [c.header for c in spec.columns]
        assert sheet["A2"].value and "必填" in sheet["A2"].value
        assert sheet.freeze_panes == "A3"
    units = book["组织机构"]
    lists = {str(v.sqref): v.formula1 for v in units.data_validations.dataValidation}
    assert "C3:C2002" in lists  # 级别
    options = book["_选项"]
    assert options.sheet_state == "hidden"
    levels = [c.value for c in options["A"] if c.value]
    assert any("乡镇" in str(v) for v in levels) or "乡镇" in str(
        [c.value for row in options.iter_rows() for c in row]
    )
    assert book["物资目录"].column_dimensions["A"].number_format == "@"


def test_the_empty_template_reads_without_error_or_records(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_template(path)
    parsed = read_workbook(path, Known())
    assert parsed.errors == []
    assert parsed.batch.units == () and parsed.batch.stock == ()
