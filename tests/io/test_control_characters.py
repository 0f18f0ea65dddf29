"""Control characters in names are refused where they come in (import and the services), with a
message naming what and where, so that no export breaks on them later."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from ledger.core.actor import SYSTEM, Actor
from ledger.core.enums import Level
from ledger.core.errors import InvalidValue
from ledger.io.export import export_database
from ledger.io.importer import import_workbook
from ledger.models.engine import Database
from ledger.services.org import tree as org
from tests.io.books import VALID, snapshot, write_book


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x0b", "\x7f"])
def test_an_imported_name_with_a_control_character_is_refused(
    sqlite_db: Database, tmp_path: Path, char: str
) -> None:
    """Excel keeps a control character as ``_x0007_``; the reader gives it back as one."""
    book = copy.deepcopy(VALID)
    book["仓库"][0][1] = f"林山寨_x{ord(char):04X}_仓库"
    path = write_book(tmp_path / "c.xlsx", book)
    before = snapshot(sqlite_db)
    errors = import_workbook(sqlite_db, SYSTEM, path).errors
    assert [(e.sheet, e.row, e.column) for e in errors] == [("仓库", 2, "仓库名称")]
    assert f"U+{ord(char):04X}" in errors[0].reason and char not in errors[0].value
    assert snapshot(sqlite_db) == before


def test_the_services_refuse_a_name_with_a_control_character(db: Database, actor: Actor) -> None:
    with pytest.raises(InvalidValue) as refused, db.transaction(actor) as s:
        org.add_unit(s, actor, org.UnitInput("410122100", "城关\x07镇", Level.TOWN))
    assert "名称" in refused.value.message and "U+0007" in refused.value.message
    with db.transaction(actor) as s:
        unit = org.add_unit(s, actor, org.UnitInput("410122100", "城关镇", Level.TOWN))
    with pytest.raises(InvalidValue), db.transaction(actor) as s:
        org.update_unit(s, actor, unit, org.UnitInput("410122100", "城关镇\x1b[31m", Level.TOWN))


def test_an_export_after_clean_input_works(db: Database, actor: Actor, tmp_path: Path) -> None:
    with db.transaction(actor) as s:
        org.add_unit(s, actor, org.UnitInput("410122100", "城关镇\t东区", Level.TOWN))
    with db.read() as session:
        export_database(session, actor, tmp_path / "e.xlsx")
    assert (tmp_path / "e.xlsx").stat().st_size > 0
