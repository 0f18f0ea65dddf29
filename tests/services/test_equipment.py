"""Equipment by holder, status and maintenance due; recording a maintenance."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ledger.core.actor import Actor
from ledger.core.enums import Category, EquipmentStatus, Level, Nature, TeamType
from ledger.core.errors import DuplicateRecord, InvalidValue, MissingField
from ledger.models.engine import Database
from ledger.services.catalogue import equipment_register as eq
from ledger.services.catalogue import register as catalogue
from ledger.services.org import rescue_teams as teams
from ledger.services.org import tree as org


@pytest.fixture
def setup(db: Database, actor: Actor) -> dict:
    with db.transaction(actor) as s:
        town = org.add_unit(s, actor, org.UnitInput("410122100", "城关镇", Level.TOWN))
        village = org.add_unit(s, actor, org.UnitInput("410122100201", "东村", Level.VILLAGE, town))
        team = teams.save_team(
            s,
            actor,
            teams.TeamInput("东村救援队", village, TeamType.COMPREHENSIVE, Nature.PART_TIME),
        )
        catalogue.save_item(
            s,
            actor,
            catalogue.ItemInput(
                "TX001",
                "卫星电话",
                "部",
                Category.COMMS,
                maintenance_interval_days=90,
                serial_tracked=True,
            ),
        )
        catalogue.save_item(
            s,
            actor,
            catalogue.ItemInput(
                "ZM001", "应急发电机", "台", Category.LIGHTING_POWER, serial_tracked=True
            ),
        )
        eq.add_equipment(
            s,
            actor,
            eq.EquipmentInput(
                "SAT-1", "TX001", eq.HolderKind.UNIT, village, last_maintained_on=date(2026, 1, 1)
            ),
        )
        eq.add_equipment(
            s,
            actor,
            eq.EquipmentInput("GEN-1", "ZM001", eq.HolderKind.TEAM, team, EquipmentStatus.IN_USE),
        )
    return {"town": town, "village": village, "team": team}


def test_equipment_lists_holder_status_and_next_due(db: Database, setup) -> None:
    with db.read() as s:
        rows = eq.equipment(s, eq.EquipmentFilter(unit_id=setup["town"]))
    assert [(r.serial, r.holder_name, r.status, r.next_due_on) for r in rows] == [
        ("SAT-1", "东村", EquipmentStatus.IN_STOCK, date(2026, 4, 1)),
        ("GEN-1", "东村救援队", EquipmentStatus.IN_USE, None),
    ]
    with db.read() as s:
        team_only = eq.EquipmentFilter(holder_kind=eq.HolderKind.TEAM, holder_id=setup["team"])
        assert [r.serial for r in eq.equipment(s, team_only)] == ["GEN-1"]
        assert eq.count_equipment(s, eq.EquipmentFilter(due_before=date(2026, 5, 1))) == 1
        assert {h.name for h in eq.holders(s)} == {"城关镇", "东村", "东村救援队"}


def test_a_maintenance_moves_last_and_next_dates(db: Database, actor: Actor, setup) -> None:
    with db.read() as s:
        (sat,) = eq.equipment(s, eq.EquipmentFilter(search="SAT"))
    done = date.today() - timedelta(days=1)
    with db.transaction(actor) as s:
        after = eq.record_maintenance(s, actor, sat.id, eq.MaintenanceInput(done, done_by="张三"))
    assert after.last_maintained_on == done and after.next_due_on == done + timedelta(days=90)
    with db.read() as s:
        (log,) = eq.maintenance_log(s, sat.id)
    assert (log.kind, log.done_by) == ("保养", "张三")


def test_a_maintenance_in_the_future_is_refused(db: Database, actor: Actor, setup) -> None:
    with db.read() as s:
        (sat,) = eq.equipment(s, eq.EquipmentFilter(search="SAT"))
    with pytest.raises(InvalidValue), db.transaction(actor) as s:
        eq.record_maintenance(s, actor, sat.id, eq.MaintenanceInput(date.today() + timedelta(1)))
    with db.read() as s:
        assert eq.maintenance_log(s, sat.id) == []


def test_serials_are_unique(db: Database, actor: Actor, setup) -> None:
    with pytest.raises(DuplicateRecord), db.transaction(actor) as s:
        eq.add_equipment(
            s, actor, eq.EquipmentInput("SAT-1", "TX001", eq.HolderKind.UNIT, setup["town"])
        )


def test_one_maintenance_for_many_pieces_at_once(db: Database, actor: Actor, setup) -> None:
    with db.read() as s:
        pieces = eq.equipment(s, eq.EquipmentFilter(unit_id=setup["town"]))
    done = date.today() - timedelta(days=2)
    entry = eq.MaintenanceInput(done, done_by="李四", note="汛前统一保养")
    with db.transaction(actor) as s:
        after = eq.record_maintenance_many(s, actor, [p.id for p in pieces], entry)
    assert [(r.serial, r.last_maintained_on) for r in after] == [("SAT-1", done), ("GEN-1", done)]
    with db.read() as s:
        logs = [eq.maintenance_log(s, p.id) for p in pieces]
    assert [[(m.done_on, m.done_by, m.note) for m in log] for log in logs] == [
        [(done, "李四", "汛前统一保养")]
    ] * 2


def test_many_pieces_are_maintained_all_or_none(db: Database, actor: Actor, setup) -> None:
    with db.transaction(actor) as s:
        (gen,) = eq.equipment(s, eq.EquipmentFilter(search="GEN"))
        eq.record_maintenance(
            s, actor, gen.id, eq.MaintenanceInput(date.today(), status=EquipmentStatus.SCRAPPED)
        )
    with db.read() as s:
        pieces = eq.equipment(s, eq.EquipmentFilter(unit_id=setup["town"]))
    entry = eq.MaintenanceInput(date.today())
    with pytest.raises(InvalidValue, match="装备 GEN-1"), db.transaction(actor) as s:
        eq.record_maintenance_many(s, actor, [p.id for p in pieces], entry)
    with db.read() as s:
        sat = next(p for p in pieces if p.serial == "SAT-1")
        assert eq.maintenance_log(s, sat.id) == []  # the other piece kept nothing either
    with pytest.raises(MissingField), db.transaction(actor) as s:
        eq.record_maintenance_many(s, actor, [], entry)
