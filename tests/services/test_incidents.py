"""Incidents (事件): numbered, edited, closed, refused when wrong, and served by documents."""

from __future__ import annotations

from datetime import date

import pytest

from ledger.core.actor import Actor
from ledger.core.enums import IncidentKind, Level
from ledger.core.errors import DuplicateRecord, InvalidValue, MissingField
from ledger.models.engine import Database
from ledger.services.catalogue import register as catalogue
from ledger.services.org import incident_records as incidents
from ledger.services.org import tree as org
from tests.scenario import given


@pytest.fixture
def town(db: Database, actor: Actor):
    with db.transaction(actor) as s:
        return org.add_unit(s, actor, org.UnitInput("410122100000", "城关镇", Level.TOWN))


def _add(db: Database, actor: Actor, town, name: str, started: date, **kw) -> object:
    entry = incidents.IncidentInput(town, IncidentKind.FLOOD, name, started, **kw)
    with db.transaction(actor) as s:
        return incidents.save_incident(s, actor, entry)


def test_incidents_get_the_next_number_of_their_year(db: Database, actor: Actor, town) -> None:
    _add(db, actor, town, "7·20 暴雨", date(2026, 7, 20), place="河口村")
    _add(db, actor, town, "8·03 山洪", date(2026, 8, 3))
    _add(db, actor, town, "春季演练", date(2027, 3, 1), code="YL-01")
    with db.read() as s:
        rows = incidents.incidents(s, town)
    assert [(r.code, r.name) for r in rows] == [
        ("YL-01", "春季演练"),
        ("SJ-2026-002", "8·03 山洪"),
        ("SJ-2026-001", "7·20 暴雨"),
    ]
    assert rows[2].place == "河口村" and rows[2].unit_name == "城关镇"


def test_the_old_add_incident_numbers_too(db: Database, actor: Actor, town) -> None:
    entry = catalogue.IncidentInput(town, IncidentKind.FIRE, "仓库火情", date(2026, 5, 1))
    with db.transaction(actor) as s:
        catalogue.add_incident(s, actor, entry)
    with db.read() as s:
        assert [r.code for r in incidents.incidents(s)] == ["SJ-2026-001"]


def test_an_incident_is_edited_and_closed(db: Database, actor: Actor, town) -> None:
    iid = _add(db, actor, town, "7·20 暴雨", date(2026, 7, 20))
    with db.transaction(actor) as s:
        entry = incidents.incident(s, iid)
        changed = incidents.IncidentInput(
            town, IncidentKind.FLOOD, "7·20 特大暴雨", entry.started_on, code=entry.code
        )
        incidents.save_incident(s, actor, changed, iid)
        incidents.close_incident(s, actor, iid, date(2026, 7, 29))
    with db.read() as s:
        (row,) = incidents.incidents(s)
        assert incidents.incidents(s, open_only=True) == []
    assert (row.name, row.code, row.ended_on, row.closed) == (
        "7·20 特大暴雨",
        "SJ-2026-001",
        date(2026, 7, 29),
        True,
    )
    with db.transaction(actor) as s:
        incidents.reopen_incident(s, actor, iid)
    with db.read() as s:
        assert [r.name for r in incidents.incidents(s, open_only=True)] == ["7·20 特大暴雨"]


def test_wrong_incidents_are_refused_in_chinese(db: Database, actor: Actor, town) -> None:
    iid = _add(db, actor, town, "7·20 暴雨", date(2026, 7, 20))
    with pytest.raises(MissingField, match="事件名称"):
        _add(db, actor, town, " ", date(2026, 7, 20))
    with pytest.raises(InvalidValue, match=r"结束日期.*早于开始日期 2026-07-20"):
        _add(db, actor, town, "山洪", date(2026, 7, 20), ended_on=date(2026, 7, 1))
    with pytest.raises(DuplicateRecord, match="SJ-2026-001"):
        _add(db, actor, town, "山洪", date(2026, 8, 1), code="SJ-2026-001")
    with pytest.raises(InvalidValue), db.transaction(actor) as s:
        incidents.close_incident(s, actor, iid, date(2026, 7, 19))


def test_documents_that_serve_an_incident_are_counted(db: Database, actor: Actor) -> None:
    with db.transaction(actor) as s:
        given(s, actor, "RK 2026-07-01 一号库 编织袋 100条")
        given(s, actor, "CK 2026-07-21 一号库 编织袋 10条 事件城关镇洪涝")
    with db.read() as s:
        (row,) = incidents.incidents(s)
    assert (row.name, row.documents) == ("城关镇洪涝", 1)


def test_a_keeper_records_the_flood_of_its_depots_unit_only(db: Database, actor: Actor) -> None:
    from ledger.core.enums import Role
    from ledger.core.errors import PermissionDenied
    from tests.scenario import depot, unit

    with db.transaction(actor) as s:
        town = unit(s, "城关镇").id
        other = unit(s, "河口镇").id
        own = depot(s, "城关库").id
    keeper = Actor("keeper", Role.KEEPER, "保管员", depot_ids=frozenset({own}))
    _add(db, keeper, town, "城关镇洪涝", date(2026, 7, 20))
    with pytest.raises(PermissionDenied):
        _add(db, keeper, other, "河口镇洪涝", date(2026, 7, 20))
