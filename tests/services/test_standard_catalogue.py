"""The standard catalogue (标准物资目录): real items in every category, loaded into an empty one."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from ledger.cli import main
from ledger.core.actor import Actor
from ledger.core.enums import Category
from ledger.core.errors import CatalogueNotEmpty
from ledger.models import AuditRow, Item
from ledger.models.engine import Database
from ledger.services.catalogue import register as catalogue
from ledger.services.catalogue.standard import (
    catalogue_is_empty,
    load_standard_catalogue,
    standard_items,
)
from tests.scenario import item


def test_the_file_covers_every_category_with_sensible_units() -> None:
    items = standard_items()
    assert 100 <= len(items) <= 250
    assert {i.category for i in items} == set(Category)
    assert len({i.code for i in items}) == len(items)
    assert all(i.code[:2].isdigit() and i.name and i.unit for i in items)
    by_name = {i.name: i for i in items}
    assert (by_name["编织袋"].unit, by_name["编织袋"].shelf_life_months) == ("条", 36)
    assert by_name["冲锋舟"].serial_tracked and by_name["冲锋舟"].maintenance_interval_days
    assert by_name["救生衣"].unit == "件"


def test_an_empty_catalogue_is_filled_once_and_audited(db: Database, actor: Actor) -> None:
    with db.read() as s:
        assert catalogue_is_empty(s)
    with db.transaction(actor) as s:
        added = load_standard_catalogue(s, actor)
    with db.read() as s:
        assert catalogue.count_items(s) == added == len(standard_items())
        assert catalogue.item(s, "010001").name == "编织袋"
        audited = select(func.count()).where(AuditRow.table == "items")
        assert s.scalar(audited) == added
    with pytest.raises(CatalogueNotEmpty, match=f"已有 {added} 种物资"), db.transaction(actor) as s:
        load_standard_catalogue(s, actor)


def test_a_catalogue_with_items_is_left_alone(db: Database, actor: Actor) -> None:
    with db.transaction(actor) as s:
        item(s, "自编001")
    with pytest.raises(CatalogueNotEmpty), db.transaction(actor) as s:
        load_standard_catalogue(s, actor)
    with db.read() as s:
        assert s.scalars(select(Item.code)).all() == ["自编001"]


def test_the_command_loads_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "新办公室.db"
    assert main(["catalogue", "standard", "--new", "--db", str(path)]) == 0
    assert capsys.readouterr().out.startswith("已载入标准物资目录：")
    assert main(["catalogue", "standard", "--db", str(path)]) == 1
    assert "只能载入空目录" in capsys.readouterr().err


def test_the_next_code_follows_the_category_scheme(db: Database, actor: Actor) -> None:
    from ledger.services.catalogue.standard import suggest_code

    with db.read() as s:
        assert suggest_code(s, Category.FLOOD) == "010001"
    with db.transaction(actor) as s:
        load_standard_catalogue(s, actor)
        item(s, "01ABCD")  # not in the scheme: ignored
    last = max(i.code for i in standard_items() if i.category is Category.FLOOD)
    with db.read() as s:
        assert suggest_code(s, Category.FLOOD) == f"01{int(last[2:]) + 1:04d}"
        assert suggest_code(s, Category.OTHER).startswith("13")
