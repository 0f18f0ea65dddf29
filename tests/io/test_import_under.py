"""A town's workbook of villages, without the county and town rows, imported below the town the
office created; region codes as the template has them (12 digits)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from ledger.core.actor import SYSTEM
from ledger.core.enums import Level
from ledger.core.errors import InvalidValue
from ledger.io.importer import import_workbook
from ledger.models import OrgUnit
from ledger.models.engine import Database
from ledger.services.org import tree as org
from ledger.services.org.region_codes import statistical_code
from tests.io.books import write_book

VILLAGES = {
    "组织机构": [
        ["410102001001", "前进村", "村", None, 1800, None, None],
        ["410102001002", "红旗村", "村", "410102001000", 2100, None, None],
    ]
}


def town_created(db: Database) -> None:
    with db.transaction(SYSTEM) as s:
        county = org.add_unit(s, SYSTEM, org.UnitInput("410102000000", "中原区", Level.COUNTY))
        org.add_unit(s, SYSTEM, org.UnitInput("410102001000", "林山寨街道", Level.TOWN, county))


def parents(db: Database) -> dict[str, str | None]:
    with db.read() as s:
        units = s.scalars(select(OrgUnit)).all()
        return {u.name: u.parent.code if u.parent else None for u in units}


def test_villages_without_a_parent_go_below_the_town(db: Database, tmp_path: Path) -> None:
    town_created(db)
    book = write_book(tmp_path / "villages.xlsx", VILLAGES)
    result = import_workbook(db, SYSTEM, book, under=("410102001000", Level.TOWN))
    assert result.ok, result.errors
    assert parents(db) == {
        "中原区": None,
        "林山寨街道": "410102000000",
        "前进村": "410102001000",
        "红旗村": "410102001000",
    }


def test_without_under_a_village_without_parent_is_a_top_unit(db: Database, tmp_path: Path) -> None:
    town_created(db)
    book = write_book(tmp_path / "villages.xlsx", VILLAGES)
    assert import_workbook(db, SYSTEM, book).ok
    assert parents(db)["前进村"] is None


def test_codes_are_filled_out_to_the_templates_twelve_digits() -> None:
    assert statistical_code("410182", "县") == "410182000000"
    assert statistical_code("410182101", "乡镇", within="410182000000") == "410182101000"
    assert statistical_code("410182101000", "乡镇") == "410182101000"
    with pytest.raises(InvalidValue, match="应为12位统计用区划代码"):
        statistical_code("4101", "县")
    with pytest.raises(InvalidValue, match="应以上级的代码 410182 开头"):
        statistical_code("410183101", "乡镇", within="410182000000")
