"""The 事件 and 证书 sheets: template, import (with every error), export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from ledger.core.actor import SYSTEM
from ledger.core.enums import IncidentKind
from ledger.io.export import export_database
from ledger.io.importer import import_workbook
from ledger.io.template import write_template
from ledger.models import Certificate, Incident, Member
from ledger.models.engine import Database
from tests.io.books import snapshot, valid_book


def test_the_template_has_both_sheets_with_the_interface_headers(tmp_path: Path) -> None:
    write_template(tmp_path / "t.xlsx")
    book = load_workbook(tmp_path / "t.xlsx")
    incidents, certificates = book["事件"], book["证书"]
    assert [c.value for c in incidents[1]] == [
        "事件编号", "事件名称", "类型", "开始日期", "结束日期", "地点", "所属区划代码",
    ]  # fmt: skip
    assert [c.value for c in certificates[1]] == [
        "队伍编号", "姓名", "证书名称", "证书编号", "发证机关", "有效期至",
    ]  # fmt: skip
    (kinds,) = [str(v.formula1) for v in incidents.data_validations.dataValidation]
    column = kinds.split("$")[1]  # ='_选项'!$J$2:$J$11
    offered = {str(c.value) for c in book["_选项"][column][1:] if c.value}
    assert {"洪涝", "森林火灾", "地质灾害", "地震", "危化", "雪灾冰冻", "演练", "其他"} <= offered


def test_incidents_and_certificates_are_imported_once(db: Database, tmp_path: Path) -> None:
    path = valid_book(tmp_path / "a.xlsx")
    result = import_workbook(db, SYSTEM, path)
    assert result.ok, result.errors
    assert result.summary is not None
    assert (result.summary.of("incidents").created, result.summary.of("certificates").created) == (
        2,
        2,
    )
    with db.read() as s:
        flood = s.scalars(select(Incident).where(Incident.code == "SJ-2024-001")).one()
        cert = s.scalars(select(Certificate).join(Member).where(Member.name == "李丽")).one()
    assert (flood.kind, flood.ended_on, flood.place) == (
        IncidentKind.FLOOD,
        date(2024, 7, 28),
        "前进村",
    )
    assert (cert.name, cert.number, cert.issuer, cert.expires_on) == (
        "应急救援员",
        "JY-0001",
        "郑州市应急管理局",
        date(2026, 12, 31),
    )
    before = snapshot(db)
    again = import_workbook(db, SYSTEM, path)
    assert again.ok and again.summary is not None and not again.summary.changed
    assert snapshot(db) == before


def test_wrong_rows_are_listed_by_sheet_row_and_column(db: Database, tmp_path: Path) -> None:
    incidents = [
        ["SJ-1", "山洪", "洪涝", "2024-07-20", "2024-07-01", "", "410102001000"],
        ["SJ-2", "山洪二", "龙卷", "2024-07-20", None, "", "410102001000"],
        ["SJ-3", "山洪三", "洪涝", "2024-07-20", None, "", "999999999999"],
        ["SJ-3", "山洪三", "洪涝", "2024-07-20", None, "", "410102001000"],
    ]
    certificates = [
        ["T001", "查无此人", "救护员", "", "", None],
        ["T404", "李丽", "救护员", "", "", None],
    ]
    path = valid_book(tmp_path / "bad.xlsx", 事件=incidents, 证书=certificates)
    before = snapshot(db)
    result = import_workbook(db, SYSTEM, path)
    assert snapshot(db) == before
    found = {(e.sheet, e.row, e.column) for e in result.errors}
    assert {
        ("事件", 2, "结束日期"),
        ("事件", 3, "类型"),
        ("事件", 4, "所属区划代码"),
        ("事件", 5, "事件编号"),
        ("证书", 2, "姓名"),
        ("证书", 3, "队伍编号"),
    } <= found
    nobody = next(e for e in result.errors if e.sheet == "证书" and e.row == 2)
    assert "没有这名队员" in nobody.reason


def test_the_export_writes_both_sheets(db: Database, tmp_path: Path) -> None:
    assert import_workbook(db, SYSTEM, valid_book(tmp_path / "a.xlsx")).ok
    with db.read() as session:
        counts = export_database(session, SYSTEM, tmp_path / "out.xlsx")
    assert counts.rows["事件"] == 2 and counts.rows["证书"] == 2
    book = load_workbook(tmp_path / "out.xlsx")
    rows = [[c.value for c in row] for row in book["证书"].iter_rows(min_row=2)]
    assert ["T001", "李丽", "应急救援员", "JY-0001", "郑州市应急管理局"] in [r[:5] for r in rows]
