"""The audit view: filters, before/after values, who may read it, and the chain check."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ledger.core.actor import Actor
from ledger.core.enums import Category, Level, Role
from ledger.core.errors import PermissionDenied
from ledger.models import Item, OrgUnit
from ledger.models.engine import Database
from ledger.services.reporting.audit import (
    AuditFilter,
    audit_actors,
    audit_entries,
    audit_tables,
    count_entries,
    history,
)

ZHANG = Actor("zhang", Role.OFFICE, "张三")
LI = Actor("li", Role.ADMIN, "李四")


def _changes(db: Database) -> tuple[OrgUnit, Item]:
    with db.transaction(ZHANG) as s:
        town = OrgUnit(code="410101001", name="城关镇", level=Level.TOWN, population=30000)
        s.add(town)
    with db.transaction(LI) as s:
        item = Item(code="A001", name="编织袋", unit="条", category=Category.FLOOD)
        s.add(item)
    with db.transaction(LI) as s:
        found = s.get_one(OrgUnit, town.id)
        found.population = 31000
    return town, item


def test_every_change_is_listed_newest_first_with_before_and_after(db: Database) -> None:
    town, _ = _changes(db)
    with db.read() as s:
        rows = audit_entries(s, LI)
    assert [(r.action_label, r.table_label, r.actor) for r in rows] == [
        ("修改", "行政区划", "li"),
        ("新增", "物资目录", "li"),
        ("新增", "行政区划", "zhang"),
    ]
    update = rows[0]
    assert update.row_id == town.id
    assert update.before == {"population": 30000}
    assert update.after == {"population": 31000}
    assert update.changed_fields == ("population",)
    assert rows[2].before is None and rows[2].after is not None
    assert rows[2].after["name"] == "城关镇"


def test_filters_by_table_actor_record_and_dates(db: Database) -> None:
    town, _ = _changes(db)
    with db.read() as s:
        assert count_entries(s, LI, AuditFilter(table="items")) == 1
        assert count_entries(s, LI, AuditFilter(actor="zhang")) == 1
        assert [e.action for e in history(s, LI, town.id)] == ["insert", "update"]
        today = date.today()
        assert count_entries(s, LI, AuditFilter(since=today, until=today)) == 3
        assert count_entries(s, LI, AuditFilter(until=today - timedelta(days=1))) == 0
        assert count_entries(s, LI, AuditFilter(since=today + timedelta(days=1))) == 0
        assert ("items", "物资目录") in audit_tables(s)
        assert audit_actors(s) == ["li", "zhang"]
        page = audit_entries(s, LI, limit=2, offset=2)
        assert [e.actor for e in page] == ["zhang"]


@pytest.mark.parametrize("role", [Role.KEEPER, Role.VIEWER])
def test_keepers_and_viewers_may_not_read_the_audit(db: Database, role: Role) -> None:
    _changes(db)
    with pytest.raises(PermissionDenied), db.read() as s:
        audit_entries(s, Actor("x", role))


def test_an_entry_names_its_record_and_lists_its_differences(db: Database) -> None:
    _changes(db)
    with db.read() as s:
        update, _, insert = audit_entries(s, LI)
    assert update.subject == "城关镇" and insert.subject == "城关镇"
    assert update.differences() == [("常住人口", "30000", "31000")]
    names = [name for name, _, _ in insert.differences()]
    assert "名称" in names and "常住人口" in names and "updated_at" not in names
