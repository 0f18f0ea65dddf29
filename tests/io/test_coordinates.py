"""经度/纬度 in the 组织机构 and 仓库 sheets: optional columns, read, checked, exported back."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from ledger.core.actor import SYSTEM
from ledger.io.export import export_database
from ledger.io.importer import import_workbook
from ledger.models import Depot, OrgUnit
from ledger.models.engine import Database, open_database
from tests.io.books import HEADERS, VALID, write_book

#: The two sheets as workbooks made before the columns existed: without 经度 and 纬度.
OLD = {
    name: [h for h in HEADERS[name] if h not in ("经度", "纬度")] for name in ("组织机构", "仓库")
}


def places(db: Database) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    with db.read() as s:
        rows = s.execute(select(OrgUnit.code, OrgUnit.latitude, OrgUnit.longitude)).all()
        rows += s.execute(select(Depot.code, Depot.latitude, Depot.longitude)).all()
    return {code: (lat, lon) for code, lat, lon in rows}


def with_places(tmp_path: Path) -> Path:
    """The valid county with the town and its depot placed (经度 before 纬度, as the sheets)."""
    units = [list(r) for r in VALID["组织机构"]]
    units[1][-2:] = ["113.612345", "34.7512345"]  # seven decimals: kept to six
    depots = [[*r[:-2], "113.6", "34.75"] for r in VALID["仓库"]]
    return write_book(tmp_path / "places.xlsx", {**VALID, "组织机构": units, "仓库": depots})


def test_the_sheets_have_the_optional_columns() -> None:
    assert HEADERS["组织机构"][-2:] == ["经度", "纬度"]
    assert HEADERS["仓库"][-2:] == ["经度", "纬度"]


def test_coordinates_import_and_round_trip_through_an_export(db: Database, tmp_path: Path) -> None:
    result = import_workbook(db, SYSTEM, with_places(tmp_path))
    assert result.ok, result.errors
    found = places(db)
    assert found["410102001000"] == (Decimal("34.751234"), Decimal("113.612345"))
    assert found["K01"] == (Decimal("34.75"), Decimal("113.6"))
    assert found["410102001001"] == (None, None)
    with db.read() as session:
        export_database(session, SYSTEM, tmp_path / "out.xlsx")
    sheet = load_workbook(tmp_path / "out.xlsx")["仓库"]
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    assert (row[header.index("经度")], row[header.index("纬度")]) == (113.6, 34.75)
    other = open_database(tmp_path / "other.db")
    try:
        again = import_workbook(other, SYSTEM, tmp_path / "out.xlsx")
        assert again.ok, again.errors
        assert places(other) == found
    finally:
        other.dispose()


def test_a_workbook_without_the_columns_imports_and_leaves_recorded_places_alone(
    db: Database, tmp_path: Path
) -> None:
    assert import_workbook(db, SYSTEM, with_places(tmp_path)).ok
    before = places(db)
    old = write_book(tmp_path / "old.xlsx", VALID, headers={**HEADERS, **OLD})
    result = import_workbook(db, SYSTEM, old)
    assert result.ok, result.errors
    assert places(db) == before
    fresh = open_database(tmp_path / "fresh.db")
    try:
        assert import_workbook(fresh, SYSTEM, old).ok
        assert set(places(fresh).values()) == {(None, None)}
    finally:
        fresh.dispose()


def test_a_place_out_of_range_or_half_given_is_an_error_naming_the_cell(
    db: Database, tmp_path: Path
) -> None:
    units = [list(r) for r in VALID["组织机构"]]
    units[0][-2:] = ["213.6", "34.7"]
    units[2][-2:] = ["113.6", None]
    depots = [[*r[:-2], "东经113度", "34.7"] for r in VALID["仓库"]]
    book = write_book(tmp_path / "bad.xlsx", {**VALID, "组织机构": units, "仓库": depots})
    result = import_workbook(db, SYSTEM, book)
    assert not result.ok
    found = {(e.sheet, e.row, e.column, e.value): e.reason for e in result.errors}
    assert found[("组织机构", 2, "经度", "213.6")].startswith("应为 -180 到 180 之间的十进制度数")
    assert found[("组织机构", 4, "纬度", "")] == "已填经度，经度和纬度须同时填写"
    assert ("仓库", 2, "经度", "东经113度") in found
    assert places(db) == {}
