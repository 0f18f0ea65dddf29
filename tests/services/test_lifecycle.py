"""Deleting records made by mistake and 停用/启用 records in use: refused, audited, filtered."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from ledger.core.actor import Actor
from ledger.core.enums import Level, Nature, TeamType
from ledger.core.errors import InvalidValue, PermissionDenied, PostedDocumentImmutable, RecordInUse
from ledger.models import AuditRow, Depot, Document, Item, Member, OrgUnit, Team
from ledger.models.engine import Database
from ledger.services.norms.facts import gather_facts
from ledger.services.org import member_certificates as certificates
from ledger.services.org import rescue_teams as teams
from ledger.services.org import tree as org
from ledger.services.org.lifecycle import RecordKind, delete, set_disabled, uses
from tests.scenario import depot, given, item, unit


def test_an_unused_item_is_deleted_and_the_delete_audited(db: Database, actor: Actor) -> None:
    with db.transaction(actor) as s:
        iid = item(s, "FX999", "条").id
    with db.transaction(actor) as s:
        assert delete(s, actor, RecordKind.ITEM, iid) == "物资“FX999 FX999”"
    with db.read() as s:
        assert s.get(Item, iid) is None
        audit = s.scalars(select(AuditRow).where(AuditRow.row_id == iid)).all()
    assert [a.action for a in audit] == ["insert", "delete"]
    assert audit[1].before is not None and audit[1].before["code"] == "FX999"


def test_a_record_in_use_is_refused_naming_what_refers_to_it(db: Database, actor: Actor) -> None:
    with db.transaction(actor) as s:
        given(s, actor, "RK 2026-03-01 一号库 编织袋 100条")
        given(s, actor, "CK 2026-03-02 一号库 编织袋 10条")
        iid = item(s, "编织袋").id
        did = depot(s, "一号库").id
        uid = unit(s).id
    with pytest.raises(RecordInUse) as refused, db.transaction(actor) as s:
        delete(s, actor, RecordKind.ITEM, iid)
    assert "物资“编织袋 编织袋”仍被引用，不能删除" in refused.value.message
    assert "2 行单据明细" in refused.value.message and "停用" in refused.value.message
    in_use = r"仓库“一号库 一号库”.*2 张单据"
    with pytest.raises(RecordInUse, match=in_use), db.transaction(actor) as s:
        delete(s, actor, RecordKind.DEPOT, did)
    with db.read() as s:
        found = {u.label: u.count for u in uses(s, RecordKind.UNIT, uid)}
    assert found == {"仓库": 1}


def test_a_member_goes_with_its_certificates_a_new_depot_with_its_chain_head(
    db: Database, actor: Actor
) -> None:
    with db.transaction(actor) as s:
        town = org.add_unit(s, actor, org.UnitInput("410122100000", "城关镇", Level.TOWN))
        team = teams.save_team(
            s, actor, teams.TeamInput("救援队", town, TeamType.COMPREHENSIVE, Nature.PART_TIME)
        )
        mid = teams.save_member(s, actor, team, teams.MemberInput("张三"))
        certificates.save_certificate(s, actor, mid, certificates.CertificateInput("救护员证"))
        did = depot(s, "错建库").id
    with db.transaction(actor) as s:
        delete(s, actor, RecordKind.MEMBER, mid)
        delete(s, actor, RecordKind.DEPOT, did)
    with pytest.raises(RecordInUse, match="1 支队伍"), db.transaction(actor) as s:
        delete(s, actor, RecordKind.UNIT, town)
    with db.transaction(actor) as s:
        delete(s, actor, RecordKind.TEAM, team)
        delete(s, actor, RecordKind.UNIT, town)
    with db.read() as s:
        assert s.scalars(select(Member)).all() == []
        assert s.get(OrgUnit, town) is None and s.get(Depot, did) is None


def test_disabled_records_leave_the_check_and_come_back(db: Database, actor: Actor) -> None:
    with db.transaction(actor) as s:
        town = org.add_unit(s, actor, org.UnitInput("410122100000", "城关镇", Level.TOWN))
        team = teams.save_team(
            s, actor, teams.TeamInput("救援队", town, TeamType.COMPREHENSIVE, Nature.PART_TIME)
        )
        teams.save_member(s, actor, team, teams.MemberInput("张三"))
        iid = item(s, "冲锋舟").id
    with db.transaction(actor) as s:
        set_disabled(s, actor, RecordKind.TEAM, team, True)
        set_disabled(s, actor, RecordKind.ITEM, iid, True)
    with db.read() as s:
        facts = gather_facts(s, date(2026, 3, 1))
        assert facts.teams == () and facts.items == ()
        assert [t.name for t in teams.teams(s, actor)] == ["救援队"]  # history keeps it
    with db.transaction(actor) as s:
        set_disabled(s, actor, RecordKind.TEAM, team, False)
    with db.read() as s:
        assert [t.name for t in gather_facts(s, date(2026, 3, 1)).teams] == ["救援队"]
        updates = select(AuditRow).where(AuditRow.row_id == team, AuditRow.action == "update")
        audit = s.scalars(updates)
        assert [a.after for a in audit] == [{"disabled": True}, {"disabled": False}]


def test_what_holds_stock_or_active_records_cannot_be_disabled(db: Database, actor: Actor) -> None:
    with db.transaction(actor) as s:
        given(s, actor, "RK 2026-03-01 一号库 编织袋 100条")
        did, iid, uid = depot(s, "一号库").id, item(s, "编织袋").id, unit(s).id
    with pytest.raises(InvalidValue, match="仍有库存"), db.transaction(actor) as s:
        set_disabled(s, actor, RecordKind.DEPOT, did, True)
    with pytest.raises(InvalidValue, match="仍有库存"), db.transaction(actor) as s:
        set_disabled(s, actor, RecordKind.ITEM, iid, True)
    with pytest.raises(InvalidValue, match="请先停用仓库“一号库”"), db.transaction(actor) as s:
        set_disabled(s, actor, RecordKind.UNIT, uid, True)


def test_posted_documents_stay_immutable(db: Database, actor: Actor) -> None:
    with db.transaction(actor) as s:
        given(s, actor, "RK 2026-03-01 一号库 编织袋 100条")
    with pytest.raises(PostedDocumentImmutable), db.transaction(actor) as s:
        s.delete(s.scalars(select(Document)).one())
        s.flush()


def test_a_keeper_may_not_delete_a_team(db: Database, actor: Actor) -> None:
    from ledger.core.enums import Role

    with db.transaction(actor) as s:
        tid = Team(code="T1", name="队", unit_id=unit(s).id, team_type=TeamType.OTHER)
        tid.nature = Nature.VOLUNTEER
        s.add(tid)
        s.flush()
        team_id = tid.id
    keeper = Actor("小李", Role.KEEPER)
    with pytest.raises(PermissionDenied) as refused, db.transaction(keeper) as s:
        delete(s, keeper, RecordKind.TEAM, team_id)
    assert "修改" in refused.value.message
