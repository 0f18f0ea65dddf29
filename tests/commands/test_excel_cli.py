"""``ledger template``, ``ledger import`` and ``ledger export`` from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from ledger.cli import main
from tests.io.books import VALID, valid_book


def test_template_import_and_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "l.db")
    assert main(["template", str(tmp_path / "t.xlsx")]) == 0
    assert "组织机构" in load_workbook(tmp_path / "t.xlsx").sheetnames
    book = valid_book(tmp_path / "a.xlsx")
    assert main(["--db", db, "import", "--new", str(book)]) == 0
    out = capsys.readouterr().out
    assert "组织机构：新增 3" in out and "期初库存入库单：K01-RK-" in out
    assert main(["--db", db, "import", "--new", str(book)]) == 0
    assert "没有变化" in capsys.readouterr().out
    assert main(["export", "--db", db, str(tmp_path / "out.xlsx")]) == 0
    assert "期初库存 3 行" in capsys.readouterr().out
    assert load_workbook(tmp_path / "out.xlsx")["物资目录"]["A2"].value == "001"


def test_import_prints_every_error_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items = [["001", "编织袋", "", "条", "太空", None, None, "否"], *VALID["物资目录"][1:]]
    book = valid_book(tmp_path / "a.xlsx", 物资目录=items)
    db = str(tmp_path / "l.db")
    errors = tmp_path / "errors.xlsx"
    assert main(["--db", db, "import", "--new", str(book), "--errors", str(errors)]) == 1
    captured = capsys.readouterr()
    assert "物资目录 第2行 “类别”列：值“太空”：应为以下之一" in captured.out
    assert "未导入任何数据" in captured.err
    assert load_workbook(errors).active["A2"].value == "物资目录"  # type: ignore[index]
    assert main(["--db", db, "import", "--new", "--check", str(book)]) == 1


def test_check_only_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "l.db")
    assert (
        main(["--db", db, "import", "--new", "--check", str(valid_book(tmp_path / "a.xlsx"))]) == 0
    )
    assert "检查通过" in capsys.readouterr().out
    assert main(["--db", db, "export", "--no-movements", str(tmp_path / "o.xlsx")]) == 0
    assert load_workbook(tmp_path / "o.xlsx")["组织机构"].max_row == 1


def test_a_wrong_file_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "a.csv"
    bad.write_text("a,b\n", encoding="utf-8")
    assert main(["--db", str(tmp_path / "l.db"), "import", "--new", str(bad)]) == 1
    assert "不是 Excel 工作簿" in capsys.readouterr().out
