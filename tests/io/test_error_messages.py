"""An enormous cell is not echoed whole into the error list; a sheet not imported is told."""

from __future__ import annotations

import copy
from pathlib import Path

from ledger.cli import main
from ledger.core.actor import SYSTEM
from ledger.io.importer import import_workbook, validate_workbook
from ledger.models.engine import Database
from tests.io.books import VALID, write_book


def test_an_enormous_cell_is_cut_in_the_error(sqlite_db: Database, tmp_path: Path) -> None:
    book = copy.deepcopy(VALID)
    book["物资目录"][0][3] = "箱" * 30_000  # no such unit of measure, 30,000 characters long
    errors = import_workbook(sqlite_db, SYSTEM, write_book(tmp_path / "b.xlsx", book)).errors
    (error,) = [e for e in errors if e.column == "计量单位"]
    assert len(error.value) < 200 and "30,000" in error.value
    assert len(error.reason) < 1000
    assert sum(len(e.value) + len(e.reason) for e in errors) < 5000


def test_a_sheet_with_an_unknown_name_is_reported(
    sqlite_db: Database, tmp_path: Path, capsys: object
) -> None:
    book = {**copy.deepcopy(VALID), "物资目录2": VALID["物资目录"], "填写说明": []}
    path = write_book(tmp_path / "u.xlsx", book)
    with sqlite_db.read() as session:
        result = validate_workbook(session, path)
    assert result.ok, result.errors
    (notice,) = result.notices
    assert "“物资目录2”" in notice and "未导入" in notice and "填写说明" not in notice
    imported = import_workbook(sqlite_db, SYSTEM, path)
    assert imported.ok and imported.notices == result.notices


def test_the_command_line_prints_the_notice(
    sqlite_db: Database, tmp_path: Path, capsys: object
) -> None:
    import pytest

    assert isinstance(capsys, pytest.CaptureFixture)
    book = {**copy.deepcopy(VALID), "Sheet9": [["x"]]}
    path = write_book(tmp_path / "n.xlsx", book)
    assert main(["import", "--check", "--db", sqlite_db.path, str(path)]) == 0
    assert "“Sheet9”不是模板中的工作表，未导入" in capsys.readouterr().err
