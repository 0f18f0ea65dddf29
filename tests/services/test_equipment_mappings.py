"""An office maps its own catalogue items to a rule's equipment entries; the check counts them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import Category, Level
from ledger.core.errors import DuplicateRecord, InvalidValue, UnknownRecord
from ledger.models import Equipment, OrgUnit
from ledger.models.engine import Database
from ledger.services.norms import equipment_mappings as em
from ledger.services.norms import profiles as norm_profiles
from ledger.services.norms.shortfalls import check
from tests.scenario import item

ON = date(2026, 6, 1)
HANDHELD = em.EquipmentEntry("xingyang-draft", "X-E11", "乡级应急指挥通信终端（专栏6）", "手持终端")


@pytest.fixture
def s(db: Database, actor: Actor) -> Iterator[Session]:
    with db.transaction(actor) as session:
        yield session


def county(s: Session) -> tuple[OrgUnit, OrgUnit]:
    top = OrgUnit(code="410182", name="某市", level=Level.COUNTY, profile_id="xingyang-draft")
    town = OrgUnit(code="410182100", name="广武镇", level=Level.TOWN, parent=top)
    s.add_all([top, town])
    s.flush()
    radio = item(s, "MTP3550", "部", Category.COMMS, serial_tracked=True)
    s.add(Equipment(serial="R-1", item_id=radio.id, holder_unit_id=town.id))
    s.flush()
    return top, town


def handhelds(s: Session, actor: Actor) -> list[str]:
    found = check(s, actor, on=ON).findings
    return [f.unit_name for f in found if f.rule_id == "X-E11" and f.subject == "手持终端"]


def test_an_item_mapped_at_the_county_counts_for_the_entry_in_its_towns(
    s: Session, actor: Actor
) -> None:
    top, _ = county(s)
    assert handhelds(s, actor) == ["广武镇"]
    assert HANDHELD in em.entries("xingyang-draft")
    mapping = em.map_item(s, actor, top.id, HANDHELD, "MTP3550")
    assert handhelds(s, actor) == []
    assert [(r.unit_name, r.entry, r.item_name) for r in em.mappings(s, "xingyang-draft")] == [
        ("某市", "手持终端", "MTP3550")
    ]
    names = norm_profiles.unmatched_names(s, norm_profiles.profile("xingyang-draft"))
    assert not [u for u in names if u.rule_id == "X-E11" and u.entry == "手持终端"]
    em.unmap_item(s, actor, mapping)
    assert handhelds(s, actor) == ["广武镇"]


def test_a_mapping_names_a_real_entry_and_equipment_once(s: Session, actor: Actor) -> None:
    top, _ = county(s)
    item(s, "编织袋", "条")
    with pytest.raises(UnknownRecord):
        em.map_item(
            s, actor, top.id, em.EquipmentEntry("xingyang-draft", "X-E11", "?", "对讲"), "MTP3550"
        )
    with pytest.raises(InvalidValue):
        em.map_item(s, actor, top.id, HANDHELD, "编织袋")
    em.map_item(s, actor, top.id, HANDHELD, "MTP3550")
    with pytest.raises(DuplicateRecord):
        em.map_item(s, actor, top.id, HANDHELD, "MTP3550")
