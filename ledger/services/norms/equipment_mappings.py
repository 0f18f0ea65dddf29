"""An office's mapping of catalogue items to a rule's equipment entries (装备对应).

A plan names 手持终端; the office's catalogue calls it 370M窄带手持终端 (matched by the naming
rule of :mod:`ledger.norms.names`) or something no rule could guess (e.g. 摩托罗拉MTP3550).
The office then says, once, that this item counts for that entry; it holds for the unit it is
set for and every unit below it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.errors import DuplicateRecord, InvalidValue, UnknownRecord
from ledger.models import Item, OrgUnit
from ledger.models.mappings import EquipmentMapping
from ledger.services.accounts.permissions import Action, require
from ledger.services.common import lookup
from ledger.services.common.atomic import atomic
from ledger.services.norms import profiles as norm_profiles


@dataclass(frozen=True)
class EquipmentEntry:
    """An entry of an equipment rule an item can be mapped to."""

    profile_id: str
    rule_id: str
    rule_title: str
    entry: str

    @property
    def shown(self) -> str:
        """The entry as users read it: the rule's title and the plan's name of the equipment."""
        return f"{self.rule_title}·{self.entry}"


def entries(profile_id: str) -> list[EquipmentEntry]:
    """The equipment entries of a profile's rules, in the profile's order.

    Raises:
        UnknownRecord: no such profile.
    """
    found = norm_profiles.profile(profile_id)
    return [
        EquipmentEntry(found.id, rule.id, rule.title, e.name)
        for rule in found.rules
        if rule.kind == "equipment_set"
        for e in rule.params.items
    ]


@dataclass(frozen=True)
class MappingRow:
    """A mapping as the list shows it."""

    id: uuid.UUID
    unit_name: str
    profile_id: str
    rule_id: str
    entry: str
    item_code: str
    item_name: str


def mappings(session: Session, profile_id: str | None = None) -> list[MappingRow]:
    """The office's mappings (of one profile), by unit, rule and entry."""
    query = (
        select(EquipmentMapping, OrgUnit.name, Item.code, Item.name)
        .join(OrgUnit, OrgUnit.id == EquipmentMapping.unit_id)
        .join(Item, Item.id == EquipmentMapping.item_id)
        .order_by(OrgUnit.code, EquipmentMapping.rule_id, EquipmentMapping.entry, Item.code)
    )
    if profile_id:
        query = query.where(EquipmentMapping.profile_id == profile_id)
    return [
        MappingRow(m.id, unit, m.profile_id, m.rule_id, m.entry, code, name)
        for m, unit, code, name in session.execute(query)
    ]


@atomic
def map_item(
    session: Session,
    actor: Actor,
    unit: str | uuid.UUID,
    entry: EquipmentEntry,
    item: str | uuid.UUID,
) -> uuid.UUID:
    """Record that ``item`` counts for ``entry`` at ``unit`` and the units below it.

    Raises:
        UnknownRecord: no such unit, item, profile, rule or entry.
        PermissionDenied: the unit is not the actor's.
        InvalidValue: the item is not serial-numbered equipment (装备).
        DuplicateRecord: the mapping exists already.
    """
    found_unit = lookup.by_key(session, OrgUnit, unit)
    found_item = lookup.by_key(session, Item, item)
    require(session, actor, Action.EDIT_RECORDS, unit_id=found_unit.id)
    if entry not in entries(entry.profile_id):
        raise UnknownRecord(kind="装备条目", key=entry.shown)
    if not found_item.serial_tracked:
        raise InvalidValue(
            where=entry.shown, field="物资", value=found_item.name, reason="不是按编号管理的装备"
        )
    key = (
        EquipmentMapping.unit_id == found_unit.id,
        EquipmentMapping.profile_id == entry.profile_id,
        EquipmentMapping.rule_id == entry.rule_id,
        EquipmentMapping.entry == entry.entry,
        EquipmentMapping.item_id == found_item.id,
    )
    if session.scalar(select(EquipmentMapping.id).where(*key)) is not None:
        raise DuplicateRecord(kind="装备对应", key=f"{entry.shown}—{found_item.name}")
    row = EquipmentMapping(
        id=uuid.uuid4(),
        unit_id=found_unit.id,
        profile_id=entry.profile_id,
        rule_id=entry.rule_id,
        entry=entry.entry,
        item_id=found_item.id,
    )
    session.add(row)
    session.flush()
    return row.id


@atomic
def unmap_item(session: Session, actor: Actor, mapping_id: uuid.UUID) -> None:
    """Remove a mapping.

    Raises:
        UnknownRecord, PermissionDenied: no such mapping, or its unit is not the actor's.
    """
    row = session.get(EquipmentMapping, mapping_id)
    if row is None:
        raise UnknownRecord(kind="装备对应", key=str(mapping_id))
    require(session, actor, Action.EDIT_RECORDS, unit_id=row.unit_id)
    session.delete(row)
    session.flush()
