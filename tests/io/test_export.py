"""Exporting the database in the import format: a round trip gives the same data."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ledger.core.actor import SYSTEM, Actor
from ledger.core.enums import Role
from ledger.io.export import MOVEMENTS_SHEET, export_database
from ledger.io.importer import import_workbook
from ledger.models.engine import Database, open_database
from ledger.services.accounts.permissions import mask_phone
from ledger.services.imports import export as exporting
from tests.io.books import ID_A, snapshot, valid_book


def _everything(db: Database):  # type: ignore[no-untyped-def]
    with db.read() as session:
        return exporting.everything(session, SYSTEM)


def test_export_then_import_into_an_empty_database_gives_the_same_data(
    db: Database, tmp_path: Path
) -> None:
    assert import_workbook(db, SYSTEM, valid_book(tmp_path / "a.xlsx")).ok
    with db.read() as session:
        counts = export_database(session, SYSTEM, tmp_path / "out.xlsx")
    assert counts.rows["期初库存"] == 3 and counts.rows[MOVEMENTS_SHEET] == 3
    other = open_database(tmp_path / "other.db")
    try:
        result = import_workbook(other, SYSTEM, tmp_path / "out.xlsx")
        assert result.ok, result.errors
        assert _everything(other) == _everything(db)
    finally:
        other.dispose()


def test_an_export_imported_back_into_its_own_database_changes_nothing(
    db: Database, tmp_path: Path
) -> None:
    assert import_workbook(db, SYSTEM, valid_book(tmp_path / "a.xlsx")).ok
    with db.read() as session:
        export_database(session, SYSTEM, tmp_path / "out.xlsx")
    before = snapshot(db)
    result = import_workbook(db, SYSTEM, tmp_path / "out.xlsx")
    assert result.ok and result.summary is not None and not result.summary.changed
    assert snapshot(db) == before


def test_the_export_writes_dates_as_dates_and_quantities_as_numbers(
    db: Database, tmp_path: Path
) -> None:
    assert import_workbook(db, SYSTEM, valid_book(tmp_path / "a.xlsx")).ok
    with db.read() as session:
        export_database(session, SYSTEM, tmp_path / "out.xlsx")
    book = load_workbook(tmp_path / "out.xlsx")
    stock = book["期初库存"]
    assert stock.freeze_panes == "A2"
    assert [c.value for c in stock[1]] == [
        "仓库编号",
        "物资编码",
        "数量",
        "批次号",
        "有效期至",
        "单价",
    ]
    row = next(r for r in stock.iter_rows(min_row=2) if r[1].value == "001")
    assert row[2].value == 1000 and row[2].data_type == "n"
    assert row[4].is_date
    assert row[1].data_type == "s"  # a code stays text: its leading zeros survive
    journal = book[MOVEMENTS_SHEET]
    assert journal.cell(2, 1).is_date and journal.cell(2, 11).data_type == "n"


def test_personal_data_is_whole_in_an_admin_export_and_masked_for_a_viewer(
    db: Database, tmp_path: Path
) -> None:
    assert import_workbook(db, SYSTEM, valid_book(tmp_path / "a.xlsx")).ok
    with db.read() as session:
        export_database(session, SYSTEM, tmp_path / "admin.xlsx")
    with db.read() as session:
        export_database(session, Actor("guest", Role.VIEWER), tmp_path / "viewer.xlsx")
    admin = [c.value for c in load_workbook(tmp_path / "admin.xlsx")["队员"]["D"]]
    viewer = [c.value for c in load_workbook(tmp_path / "viewer.xlsx")["队员"]["D"]]
    assert ID_A in admin
    assert ID_A not in viewer and any("*" in str(v) for v in viewer)


def test_team_leaders_phones_are_masked_for_a_viewer_as_on_the_roster(
    db: Database, tmp_path: Path
) -> None:
    assert import_workbook(db, SYSTEM, valid_book(tmp_path / "a.xlsx")).ok
    with db.read() as session:
        export_database(session, SYSTEM, tmp_path / "admin.xlsx")
    with db.read() as session:
        export_database(session, Actor("guest", Role.VIEWER), tmp_path / "viewer.xlsx")
    admin = load_workbook(tmp_path / "admin.xlsx")["队伍"]
    viewer = load_workbook(tmp_path / "viewer.xlsx")["队伍"]
    column = [c.value for c in admin[1]].index("联系电话") + 1
    assert admin.cell(2, column).value == "13812345678"
    assert viewer.cell(2, column).value == mask_phone("13812345678") == "138****5678"


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (libreoffice-calc) missing"
)
def test_libreoffice_reads_the_same_values(db: Database, tmp_path: Path) -> None:
    assert import_workbook(db, SYSTEM, valid_book(tmp_path / "a.xlsx")).ok
    with db.read() as session:
        export_database(session, SYSTEM, tmp_path / "out.xlsx")
    profile = tmp_path / "lo-profile"
    # The 11th CSV filter token is the sheet number: -1 writes every sheet to its own file.
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
         "--outdir", str(tmp_path / "csv"), str(tmp_path / "out.xlsx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    book = load_workbook(tmp_path / "out.xlsx")
    for name in ("组织机构", "队员", "期初库存", "装备", MOVEMENTS_SHEET):
        found = list((tmp_path / "csv").glob(f"*{name}*.csv"))
        assert found, sorted(p.name for p in (tmp_path / "csv").iterdir())
        with found[0].open(encoding="utf-8") as handle:
            seen = [row for row in csv.reader(handle) if any(row)]
        expected = [
            ["" if v is None else _shown(v) for v in row]
            for row in book[name].iter_rows(values_only=True)
        ]
        assert [r[: len(expected[0])] for r in seen] == expected, name


def _shown(value: object) -> str:
    from datetime import date, datetime

    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def test_the_demo_county_exported_imports_into_an_empty_database(
    sqlite_db: Database, tmp_path: Path
) -> None:
    from datetime import date

    from ledger.services.demo import build_demo

    with sqlite_db.transaction() as session:
        build_demo(session, SYSTEM, today=date(2026, 6, 30))
    with sqlite_db.read() as session:
        export_database(session, SYSTEM, tmp_path / "demo.xlsx", movements=False)
    other = open_database(tmp_path / "other.db")
    try:
        result = import_workbook(other, SYSTEM, tmp_path / "demo.xlsx")
        assert result.ok, result.errors[:5]  # every unit, flag and code the demo uses is known
    finally:
        other.dispose()


def test_the_export_reads_in_the_caller_s_session(db: Database, tmp_path: Path) -> None:
    """What the caller's transaction holds, not yet committed, is what the export writes."""
    from ledger.core.enums import Level
    from ledger.models import OrgUnit

    with db.transaction() as session:
        session.add(OrgUnit(code="T9", name="未提交的镇", level=Level.TOWN))
        session.flush()
        export_database(session, SYSTEM, tmp_path / "out.xlsx", movements=False)
        session.rollback()
    names = [
        row[1]
        for row in load_workbook(tmp_path / "out.xlsx")["组织机构"].iter_rows(values_only=True)
    ]
    assert "未提交的镇" in names
    assert not _everything(db).units  # rolled back: nothing was committed
