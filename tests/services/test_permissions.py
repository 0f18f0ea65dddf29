"""Permissions: every changing service called as every role, refused where it is due.

The world: a county with towns 东镇 and 西镇; 东镇 has depot 东库, a village, a team with a member,
a post and equipment; 西镇 the same on its side (西库). The office account is 东镇's, the keeper
keeps 东库. A keeper may transfer out of its depot into any depot, never out of another's.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from ledger.core.actor import SYSTEM, Actor
from ledger.core.enums import (
    Category,
    CounterpartyKind,
    DocType,
    EquipmentStatus,
    IncidentKind,
    Level,
    Nature,
    PostKind,
    Reason,
    Role,
    TeamType,
)
from ledger.core.errors import PermissionDenied
from ledger.models.engine import Database, open_database
from ledger.services import stock
from ledger.services.accounts import admin as account_admin
from ledger.services.accounts import permissions
from ledger.services.catalogue import equipment_register as eq
from ledger.services.catalogue import register as catalogue
from ledger.services.closing import periods
from ledger.services.imports import batch as importing
from ledger.services.imports.records import Batch, Ref, StockRecord, TeamRecord
from ledger.services.org import rescue_teams as teams
from ledger.services.org import training as drills
from ledger.services.org import tree as org
from ledger.services.reporting import audit as audit_queries
from ledger.services.stock import stocktake

D = date(2026, 3, 2)


@dataclass
class World:
    county: uuid.UUID
    east: uuid.UUID
    west: uuid.UUID
    east_village: uuid.UUID
    east_depot: uuid.UUID
    west_depot: uuid.UUID
    east_team: uuid.UUID
    west_team: uuid.UUID
    west_post: uuid.UUID
    east_doc: uuid.UUID
    west_doc: uuid.UUID
    east_kit: uuid.UUID
    west_kit: uuid.UUID
    depot_kit: uuid.UUID


def _build(s: Session) -> World:
    a = SYSTEM
    county = org.add_unit(s, a, org.UnitInput("410122000", "中牟县", Level.COUNTY))
    east = org.add_unit(s, a, org.UnitInput("410122100", "东镇", Level.TOWN, county))
    west = org.add_unit(s, a, org.UnitInput("410122200", "西镇", Level.TOWN, county))
    village = org.add_unit(s, a, org.UnitInput("410122100201", "东村", Level.VILLAGE, east))
    ids = {}
    for code, name, unit in (("E1", "东库", east), ("W1", "西库", west)):
        ids[code] = catalogue.save_depot(s, a, catalogue.DepotInput(code, name, unit))
    catalogue.save_item(s, a, catalogue.ItemInput("BZD", "编织袋", "条", Category.FLOOD))
    catalogue.save_item(
        s, a, catalogue.ItemInput("TX1", "卫星电话", "部", Category.COMMS, serial_tracked=True)
    )
    team_ids = {}
    for name, unit in (("东镇救援队", east), ("西镇救援队", west)):
        team_ids[name] = teams.save_team(
            s, a, teams.TeamInput(name, unit, TeamType.COMPREHENSIVE, Nature.PART_TIME)
        )
    west_post = org.save_post(s, a, west, org.PostInput(PostKind.GRID_WORKER, "王五"))
    docs = {}
    for code in ("E1", "W1"):
        entry = stock.DocumentInput(
            DocType.RECEIPT, code, D, [stock.LineInput("BZD", 100, lot="L1")]
        )
        docs[code] = stock.post_document(s, a, entry).id
    kits = {}
    for serial, kind, holder in (
        ("SAT-E", eq.HolderKind.UNIT, east),
        ("SAT-W", eq.HolderKind.UNIT, west),
        ("SAT-D", eq.HolderKind.DEPOT, ids["E1"]),
    ):
        kits[serial] = eq.add_equipment(s, a, eq.EquipmentInput(serial, "TX1", kind, holder))
    periods.close_period(s, a, "W1", periods.month(2026, 1), today=date(2026, 3, 1))
    return World(
        county,
        east,
        west,
        village,
        ids["E1"],
        ids["W1"],
        team_ids["东镇救援队"],
        team_ids["西镇救援队"],
        west_post,
        docs["E1"],
        docs["W1"],
        kits["SAT-E"],
        kits["SAT-W"],
        kits["SAT-D"],
    )


@pytest.fixture(scope="module")
def world_template(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, World]:
    """The world built once on SQLite; the role matrix runs on copies of it."""
    path = tmp_path_factory.mktemp("world") / "world.db"
    shutil.copy(sqlite_template, path)
    database = open_database(path)
    with database.transaction(SYSTEM) as s:
        built = _build(s)
    database.dispose()
    return path, built


@pytest.fixture
def world_db(world_template: tuple[Path, World], tmp_path: Path) -> Iterator[Database]:
    """A fresh copy of the world."""
    path = tmp_path / "ledger.db"
    shutil.copy(world_template[0], path)
    database = open_database(path)
    yield database
    database.dispose()


@pytest.fixture
def world(world_template: tuple[Path, World]) -> World:
    return world_template[1]


def _world_in(db: Database) -> World:
    """The world built in ``db`` (each backend under test)."""
    with db.transaction(SYSTEM) as s:
        return _build(s)


def actors(w: World) -> dict[str, Actor]:
    return {
        "admin": Actor("admin", Role.ADMIN),
        "office": Actor("east_office", Role.OFFICE, "东镇应急办", unit_ids=frozenset({w.east})),
        "keeper": Actor(
            "east_keeper", Role.KEEPER, "东库保管员", depot_ids=frozenset({w.east_depot})
        ),
        "viewer": Actor("viewer", Role.VIEWER, "检查组"),
    }


ALL = {"admin", "office", "keeper"}
OFFICE = {"admin", "office"}
ADMIN = {"admin"}
Op = Callable[[Session, Actor, World], Any]


def _doc(doc_type: DocType, depot: str, dest: str | None = None, **kw: Any) -> Op:
    line = stock.LineInput("BZD", 5, lot="L1", reason=kw.pop("reason", None))
    entry = stock.DocumentInput(doc_type, depot, D, [line], dest_depot=dest, **kw)
    return lambda s, a, w: stock.post_document(s, a, entry)


def _count(depot: str) -> Op:
    entry = stocktake.StocktakeInput(
        depot, D, [stocktake.Count("BZD", 99, lot="L1")], full=False, approver="张三"
    )
    return lambda s, a, w: stocktake.post_stocktake(s, a, entry)


def _import(batch: Batch) -> Op:
    return lambda s, a, w: importing.apply(s, a, batch, on=D)


TEAM_ROW = Ref("队伍", 2)
CASES: dict[str, tuple[Op, set[str]]] = {
    "receipt into own depot": (_doc(DocType.RECEIPT, "E1"), ALL),
    "receipt into another depot": (_doc(DocType.RECEIPT, "W1"), ADMIN),
    "issue from own depot": (_doc(DocType.ISSUE, "E1"), ALL),
    "issue from another depot": (_doc(DocType.ISSUE, "W1"), ADMIN),
    "transfer out of own depot": (_doc(DocType.TRANSFER, "E1", "W1"), ALL),
    "transfer out of another depot": (_doc(DocType.TRANSFER, "W1", "E1"), ADMIN),
    "write-off in another depot": (
        _doc(DocType.WRITE_OFF, "W1", approver="张三", reason=Reason.DAMAGED),
        ADMIN,
    ),
    "reverse own document": (
        lambda s, a, w: stock.reverse_document(s, a, w.east_doc, D, note="录入有误"),
        ALL,
    ),
    "reverse another depot's document": (
        lambda s, a, w: stock.reverse_document(s, a, w.west_doc, D, note="录入有误"),
        ADMIN,
    ),
    "stocktake own depot": (_count("E1"), ALL),
    "stocktake another depot": (_count("W1"), ADMIN),
    "add a village under own town": (
        lambda s, a, w: org.add_unit(
            s, a, org.UnitInput("410122100202", "新村", Level.VILLAGE, w.east)
        ),
        OFFICE,
    ),
    "add a village under another town": (
        lambda s, a, w: org.add_unit(
            s, a, org.UnitInput("410122200202", "新村", Level.VILLAGE, w.west)
        ),
        ADMIN,
    ),
    "add a county": (
        lambda s, a, w: org.add_unit(s, a, org.UnitInput("410123000", "新县", Level.COUNTY)),
        ADMIN,
    ),
    "edit own town": (
        lambda s, a, w: org.update_unit(
            s, a, w.east, org.UnitInput("410122100", "东镇", Level.TOWN, w.county, 30000)
        ),
        OFFICE,
    ),
    "edit another town": (
        lambda s, a, w: org.update_unit(
            s, a, w.west, org.UnitInput("410122200", "西镇", Level.TOWN, w.county, 30000)
        ),
        ADMIN,
    ),
    "move own village to another town": (
        lambda s, a, w: org.move_unit(s, a, w.east_village, w.west),
        ADMIN,
    ),
    "name a post in own town": (
        lambda s, a, w: org.save_post(s, a, w.east, org.PostInput(PostKind.GRID_WORKER, "赵六")),
        OFFICE,
    ),
    "name a post in another town": (
        lambda s, a, w: org.save_post(s, a, w.west, org.PostInput(PostKind.GRID_WORKER, "赵六")),
        ADMIN,
    ),
    "remove another town's post": (lambda s, a, w: org.remove_post(s, a, w.west_post), ADMIN),
    "add a team to own town": (
        lambda s, a, w: teams.save_team(
            s, a, teams.TeamInput("东镇防汛队", w.east, TeamType.FLOOD, Nature.VOLUNTEER)
        ),
        OFFICE,
    ),
    "edit another town's team": (
        lambda s, a, w: teams.save_team(
            s,
            a,
            teams.TeamInput("西镇救援队", w.west, TeamType.COMPREHENSIVE, Nature.FULL_TIME),
            w.west_team,
        ),
        ADMIN,
    ),
    "add a member to own team": (
        lambda s, a, w: teams.save_member(s, a, w.east_team, teams.MemberInput("孙七")),
        OFFICE,
    ),
    "add a member to another team": (
        lambda s, a, w: teams.save_member(s, a, w.west_team, teams.MemberInput("孙七")),
        ADMIN,
    ),
    "add a catalogue item": (
        lambda s, a, w: catalogue.save_item(
            s, a, catalogue.ItemInput("TQ1", "铁锹", "把", Category.FLOOD)
        ),
        OFFICE,
    ),
    "add a counterparty": (
        lambda s, a, w: catalogue.add_counterparty(s, a, "某供应商", CounterpartyKind.SUPPLIER),
        OFFICE,
    ),
    "add a depot to own town": (
        lambda s, a, w: catalogue.save_depot(s, a, catalogue.DepotInput("E2", "东二库", w.east)),
        OFFICE,
    ),
    "add a depot to another town": (
        lambda s, a, w: catalogue.save_depot(s, a, catalogue.DepotInput("W2", "西二库", w.west)),
        ADMIN,
    ),
    "record an incident in another town": (
        lambda s, a, w: catalogue.add_incident(
            s, a, catalogue.IncidentInput(w.west, IncidentKind.FLOOD, "西镇洪涝", D)
        ),
        ADMIN,
    ),
    "record a drill in own town": (
        lambda s, a, w: drills.add_drill(s, a, w.east, drills.DrillInput(D, "防汛演练")),
        OFFICE,
    ),
    "record a drill in another town": (
        lambda s, a, w: drills.add_drill(s, a, w.west, drills.DrillInput(D, "防汛演练")),
        ADMIN,
    ),
    "record training in another town": (
        lambda s, a, w: drills.add_training(s, a, w.west, drills.TrainingInput("孙七", D, 2)),
        ADMIN,
    ),
    "add equipment to own depot": (
        lambda s, a, w: eq.add_equipment(
            s, a, eq.EquipmentInput("SAT-X", "TX1", eq.HolderKind.DEPOT, w.east_depot)
        ),
        ALL,
    ),
    "add equipment to another depot": (
        lambda s, a, w: eq.add_equipment(
            s, a, eq.EquipmentInput("SAT-X", "TX1", eq.HolderKind.DEPOT, w.west_depot)
        ),
        ADMIN,
    ),
    "maintain own town's equipment": (
        lambda s, a, w: eq.record_maintenance(s, a, w.east_kit, eq.MaintenanceInput(D)),
        OFFICE,
    ),
    "maintain another town's equipment": (
        lambda s, a, w: eq.record_maintenance(
            s, a, w.west_kit, eq.MaintenanceInput(D, status=EquipmentStatus.REPAIR)
        ),
        ADMIN,
    ),
    "maintain own depot's equipment": (
        lambda s, a, w: eq.record_maintenance(s, a, w.depot_kit, eq.MaintenanceInput(D)),
        ALL,
    ),
    "close own depot's month": (
        lambda s, a, w: periods.close_period(s, a, "E1", periods.month(2026, 1), today=D),
        OFFICE,
    ),
    "close another depot's month": (
        lambda s, a, w: periods.close_period(s, a, "W1", periods.month(2026, 2), today=D),
        ADMIN,
    ),
    "reopen another depot's month": (
        lambda s, a, w: periods.reopen(s, a, "W1", periods.month(2026, 1)),
        ADMIN,
    ),
    "import a team of own town": (
        _import(
            Batch(
                teams=(
                    TeamRecord(
                        "T9",
                        "东镇新队",
                        "410122100",
                        TeamType.FLOOD,
                        Nature.VOLUNTEER,
                        ref=TEAM_ROW,
                    ),
                )
            )
        ),
        OFFICE,
    ),
    "import a team of another town": (
        _import(
            Batch(
                teams=(
                    TeamRecord(
                        "T9",
                        "西镇新队",
                        "410122200",
                        TeamType.FLOOD,
                        Nature.VOLUNTEER,
                        ref=TEAM_ROW,
                    ),
                )
            )
        ),
        ADMIN,
    ),
    "import opening stock of own depot": (
        _import(Batch(stock=(StockRecord("E1", "BZD", Decimal(7), "L9", ref=Ref("期初库存", 2)),))),
        OFFICE,
    ),
    "import opening stock of another depot": (
        _import(Batch(stock=(StockRecord("W1", "BZD", Decimal(7), "L9", ref=Ref("期初库存", 2)),))),
        ADMIN,
    ),
    "create an account": (
        lambda s, a, w: account_admin.create_account(
            s, a, account_admin.AccountInput("new", Role.VIEWER), "Viewer-pass1"
        ),
        ADMIN,
    ),
    "read the audit log": (lambda s, a, w: audit_queries.audit_entries(s, a), OFFICE),
}


@pytest.mark.parametrize("role", ["admin", "office", "keeper", "viewer"])
@pytest.mark.parametrize("case", list(CASES))
def test_every_service_as_every_role(
    world_db: Database, world: World, case: str, role: str
) -> None:
    db = world_db
    operation, allowed_roles = CASES[case]
    actor = actors(world)[role]
    if role in allowed_roles:
        with db.transaction(actor) as s:
            operation(s, actor, world)
    else:
        with pytest.raises(PermissionDenied) as refused, db.transaction(actor) as s:
            operation(s, actor, world)
        assert "无权" in refused.value.message and actor.name in refused.value.message


def test_a_refusal_names_the_depot(db: Database) -> None:
    world = _world_in(db)
    keeper = actors(world)["keeper"]
    with pytest.raises(PermissionDenied, match="西库") as refused, db.transaction(keeper) as s:
        _doc(DocType.ISSUE, "W1")(s, keeper, world)
    assert refused.value.message == "用户“东库保管员”无权在仓库“西库”登记单据"


def test_a_refused_import_names_the_row_and_writes_nothing(db: Database) -> None:
    world = _world_in(db)
    office = actors(world)["office"]
    batch = Batch(
        teams=(
            TeamRecord(
                "T8", "东镇新队", "410122100", TeamType.FLOOD, Nature.VOLUNTEER, ref=TEAM_ROW
            ),
            TeamRecord(
                "T9", "西镇新队", "410122200", TeamType.FLOOD, Nature.VOLUNTEER, ref=Ref("队伍", 3)
            ),
        )
    )
    with pytest.raises(PermissionDenied, match="第3行"), db.transaction(office) as s:
        importing.apply(s, office, batch, on=D)
    with db.read() as s:
        assert [t.name for t in teams.teams(s, SYSTEM, world.east)] == ["东镇救援队"]


def test_a_county_office_works_in_every_town_below_it(db: Database) -> None:
    world = _world_in(db)
    county = Actor("county", Role.OFFICE, "县应急局", unit_ids=frozenset({world.county}))
    with db.transaction(county) as s:
        _doc(DocType.RECEIPT, "W1")(s, county, world)
        org.save_post(s, county, world.east_village, org.PostInput(PostKind.GRID_WORKER, "钱八"))


def test_role_may_and_allowed_answer_without_raising(db: Database) -> None:
    world = _world_in(db)
    who = actors(world)
    P = permissions
    assert P.role_may(who["keeper"], P.Action.POST)
    assert not P.role_may(who["keeper"], P.Action.EDIT_RECORDS)
    assert not P.role_may(who["viewer"], P.Action.POST)
    with db.read() as s:
        assert P.allowed(s, who["keeper"], P.Action.POST, depot_id=world.east_depot)
        assert not P.allowed(s, who["keeper"], P.Action.POST, depot_id=world.west_depot)
        assert not P.allowed(s, who["office"], P.Action.POST)  # no depot named: refused
        assert P.allowed(s, who["office"], P.Action.EDIT_RECORDS, unit_id=world.east_village)


@pytest.mark.parametrize(
    ("role", "id_number", "phone"),
    [
        ("admin", "410102199001011234", "13812345678"),
        ("office", "410102199001011234", "13812345678"),
        ("keeper", "4101**********1234", "138****5678"),
        ("viewer", "4101**********1234", "138****5678"),
    ],
)
def test_personal_data_is_masked_for_keepers_and_viewers(
    world: World, role: str, id_number: str, phone: str
) -> None:
    actor = actors(world)[role]
    assert permissions.id_number_for(actor, "410102199001011234") == id_number
    assert permissions.phone_for(actor, "13812345678") == phone
    masked = permissions.mask_record(actor, {"id_number": "410102199001011234", "name": "张三"})
    assert masked == {"id_number": id_number, "name": "张三"}
