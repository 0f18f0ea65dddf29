"""Items, depots, counterparties and incidents: queries and edits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ledger.core.actor import Actor
from ledger.core.enums import Category, CounterpartyKind, IncidentKind, Level
from ledger.core.errors import DuplicateRecord, InvalidValue, MissingField
from ledger.models.engine import Database
from ledger.services.catalogue import register as catalogue
from ledger.services.org import tree as org


@pytest.fixture
def town(db: Database, actor: Actor):
    with db.transaction(actor) as s:
        return org.add_unit(s, actor, org.UnitInput("410122100", "城关镇", Level.TOWN))


def _item(db: Database, actor: Actor, code: str, name: str, category=Category.FLOOD, **kw):
    with db.transaction(actor) as s:
        return catalogue.save_item(s, actor, catalogue.ItemInput(code, name, "个", category, **kw))


def test_items_are_searched_by_code_name_or_spec_and_paged(db: Database, actor) -> None:
    _item(db, actor, "FX001", "编织袋", spec="50×80cm")
    _item(db, actor, "FX002", "救生衣")
    _item(db, actor, "SH001", "棉被", Category.LIVING)
    with db.read() as s:
        assert [i.name for i in catalogue.items(s, "80cm")] == ["编织袋"]
        assert [i.code for i in catalogue.items(s, "FX", limit=1, offset=1)] == ["FX002"]
        assert catalogue.count_items(s, category=Category.LIVING) == 1
        assert catalogue.item(s, "SH001").name == "棉被"


def test_item_codes_are_unique_and_fields_checked(db: Database, actor: Actor) -> None:
    iid = _item(db, actor, "FX001", "编织袋")
    with pytest.raises(DuplicateRecord):
        _item(db, actor, "FX001", "另一个")
    with pytest.raises(InvalidValue):
        _item(db, actor, "FX009", "冲锋舟", shelf_life_months=0)
    entry = catalogue.ItemInput("FX001", "编织袋", "条", Category.FLOOD, serial_tracked=False)
    with db.transaction(actor) as s:
        catalogue.save_item(s, actor, entry, iid)
    with db.read() as s:
        assert catalogue.item(s, iid).unit == "条"


def test_depots_with_their_unit_and_area(db: Database, actor: Actor, town) -> None:
    entry = catalogue.DepotInput("CK01", "城关镇储备库", town, "乡镇库", "120.5", "城关镇政府院内")
    with db.transaction(actor) as s:
        catalogue.save_depot(s, actor, entry)
    with db.read() as s:
        (row,) = catalogue.depots(s, town)
    assert (row.unit_name, row.area_m2, row.lots) == ("城关镇", Decimal("120.5"), 0)
    with pytest.raises(DuplicateRecord), db.transaction(actor) as s:
        catalogue.save_depot(s, actor, entry)
    with pytest.raises(InvalidValue), db.transaction(actor) as s:
        catalogue.save_depot(s, actor, catalogue.DepotInput("CK02", "二号库", town, area_m2="-1"))


def test_counterparties_and_incidents(db: Database, actor: Actor, town) -> None:
    with db.transaction(actor) as s:
        catalogue.add_counterparty(s, actor, "郑州防汛物资公司", CounterpartyKind.SUPPLIER)
        catalogue.add_incident(
            s,
            actor,
            catalogue.IncidentInput(town, IncidentKind.FLOOD, "7·20 暴雨", date(2026, 7, 20)),
        )
    with db.read() as s:
        assert [c.name for c in catalogue.counterparties(s)] == ["郑州防汛物资公司"]
        assert [i.name for i in catalogue.incidents(s, town)] == ["7·20 暴雨"]
    with pytest.raises(MissingField), db.transaction(actor) as s:
        catalogue.add_counterparty(s, actor, " ", CounterpartyKind.DONOR)
    bad = catalogue.IncidentInput(
        town, IncidentKind.FIRE, "火灾", date(2026, 7, 2), date(2026, 7, 1)
    )
    with pytest.raises(InvalidValue), db.transaction(actor) as s:
        catalogue.add_incident(s, actor, bad)
