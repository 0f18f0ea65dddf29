"""A small county with stock, teams, equipment and an incident, and helpers that read PDFs back.

Numbers are chosen so each report's figures can be checked by hand:

一号库 (城关镇): 编织袋 1000 (L1, 2027-03-01) + 500 (L2) received; 300 of L1 issued to the
flood, 40 returned, 10 written off during it; 200 of L2 transferred to 二号库 (东村).
铁锹 60 received, 20 issued to the flood, a stocktake finds 39 (one lost).
救生衣 100 received then the receipt reversed.
"""

from __future__ import annotations

from datetime import date

import pytest

from ledger.core.actor import Actor
from ledger.core.enums import Category, EquipmentStatus, Gender, Level, Nature, PostKind, TeamType
from ledger.models.engine import Database
from ledger.services.catalogue import equipment_register as eq
from ledger.services.catalogue import register as catalogue
from ledger.services.org import rescue_teams as teams
from ledger.services.org import tree as org
from ledger.services.stock import reverse_document
from tests.reports.pdfcheck import ID_NUMBER
from tests.scenario import given, incident


@pytest.fixture
def county(db: Database, actor: Actor) -> Database:
    """The demo-sized county above, posted through the services."""
    with db.transaction(actor) as s:
        root = org.add_unit(s, actor, org.UnitInput("410122", "青山县", Level.COUNTY))
        town = org.add_unit(s, actor, org.UnitInput("410122100", "城关镇", Level.TOWN, root))
        village = org.add_unit(s, actor, org.UnitInput("410122100201", "东村", Level.VILLAGE, town))
        catalogue.save_depot(s, actor, catalogue.DepotInput("一号库", "城关镇一号库", town))
        catalogue.save_depot(s, actor, catalogue.DepotInput("二号库", "东村储备点", village))
        for code, name, spec, measure, category in [
            ("编织袋", "编织袋", "90cm×50cm", "条", Category.FLOOD),
            ("铁锹", "铁锹", "尖头", "把", Category.FLOOD),
            ("救生衣", "救生衣", "成人", "件", Category.PROTECTION),
        ]:
            catalogue.save_item(
                s, actor, catalogue.ItemInput(code, name, measure, category, spec=spec)
            )
        catalogue.save_item(
            s,
            actor,
            catalogue.ItemInput(
                "TX001", "卫星电话", "部", Category.COMMS, maintenance_interval_days=90,
                serial_tracked=True,
            ),
        )  # fmt: skip
        flood = incident(s, "2026年7月青山河洪涝", started_on=date(2026, 7, 10))
        given(s, actor, "RK 2026-10-02 一号库 编织袋 1000条 批次L1 有效期2027-03-01 单价2.5")
        given(s, actor, "RK 2026-10-03 一号库 编织袋 500条 批次L2；铁锹 60把 对方县应急管理局")
        given(
            s, actor, "CK 2026-10-08 一号库 编织袋 300条 批次L1；铁锹 20把 事件2026年7月青山河洪涝"
        )
        given(
            s, actor, "GH 2026-10-12 一号库 编织袋 40条 批次L1 原单CK-2026-00001",
            incident_id=flood.id,
        )  # fmt: skip
        given(
            s, actor, "BS 2026-10-13 一号库 编织袋 10条 批次L1 原因损坏 审批人李主任",
            incident_id=flood.id,
        )  # fmt: skip
        given(s, actor, "DB 2026-10-15 一号库→二号库 编织袋 200条 批次L2")
        given(s, actor, "PD 2026-10-31 一号库 部分 铁锹 39把 审批人李主任")
        vests = given(s, actor, "RK 2026-11-02 一号库 救生衣 100件")
        reverse_document(s, actor, vests.id, on=date(2026, 11, 3), note="数量录错")
        team = teams.save_team(
            s,
            actor,
            teams.TeamInput(
                "城关镇综合应急救援队", town, TeamType.COMPREHENSIVE, Nature.PART_TIME,
                leader="王大山", phone="13812345678", founded_on=date(2020, 5, 1),
            ),
        )  # fmt: skip
        teams.save_member(
            s,
            actor,
            team,
            teams.MemberInput(
                "张三丰", ID_NUMBER, "13912345678", Gender.FEMALE, date(1949, 12, 31),
                "队员", Nature.PART_TIME, date(2021, 3, 1),
            ),
        )  # fmt: skip
        teams.save_member(
            s,
            actor,
            team,
            teams.MemberInput("李四", phone="13700001111", joined_on=date(2022, 1, 1)),
        )
        teams.save_member(
            s,
            actor,
            team,
            teams.MemberInput("离队者", joined_on=date(2020, 1, 1), left_on=date(2025, 1, 1)),
        )
        org.save_post(
            s, actor, village, org.PostInput(PostKind.DISASTER_INFORMANT, "赵信息", "13600002222")
        )
        eq.add_equipment(
            s,
            actor,
            eq.EquipmentInput(
                "SAT-0001", "TX001", eq.HolderKind.UNIT, village,
                last_maintained_on=date(2026, 1, 5), purchased_on=date(2025, 6, 1),
            ),
        )  # fmt: skip
        eq.add_equipment(
            s,
            actor,
            eq.EquipmentInput(
                "SAT-0002", "TX001", eq.HolderKind.TEAM, team, EquipmentStatus.IN_USE,
                last_maintained_on=date(2026, 10, 1),
            ),
        )  # fmt: skip
        sat = eq.equipment(s, eq.EquipmentFilter(search="SAT-0002"))[0]
        eq.record_maintenance(
            s, actor, sat.id, eq.MaintenanceInput(date(2026, 11, 20), "保养", "钱师傅", "更换电池")
        )
    return db
