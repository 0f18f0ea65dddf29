"""The ledger's hygiene: expired stock, overdue maintenance, expired certificates."""

from __future__ import annotations

from datetime import timedelta

from ledger.core.enums import EquipmentStatus, Level, TeamType
from tests.norms.builders import ON, World, rows, rule, run


def in_days(n: int) -> object:
    """The date ``n`` days after the check (negative: before)."""
    return ON + timedelta(days=n)


def test_expired_and_expiring_lots() -> None:
    w = World()
    town = w.unit("T1")
    w.depot(town, "镇库")
    w.item("方便面", unit="箱")
    w.lot("镇库", "方便面", 5, lot="A", expiry=in_days(-1))
    w.lot("镇库", "方便面", 6, lot="B", expiry=in_days(1))  # expires tomorrow
    w.lot("镇库", "方便面", 7, lot="C", expiry=in_days(0))  # still good today
    w.lot("镇库", "方便面", 8, lot="D", expiry=in_days(31))
    w.lot("镇库", "方便面", 0, lot="E", expiry=in_days(-10))  # nothing left of it
    w.lot("镇库", "方便面", 9, lot="F")
    found = run(w, rule("expired_stock", warn_days=30))
    assert rows(found) == [
        ("T1", "镇库·方便面（批次 A）", None, 5, 5, "overdue"),
        ("T1", "镇库·方便面（批次 B）", None, 6, 6, "expiring"),
        ("T1", "镇库·方便面（批次 C）", None, 7, 7, "expiring"),
    ]
    assert [x.detail for x in found] == [
        "已于 2026-05-31 过期",
        "将于 2026-06-02 过期",
        "将于 2026-06-01 过期",
    ]
    assert rows(run(w, rule("expired_stock", warn_days=0)))[1:] == [
        ("T1", "镇库·方便面（批次 C）", None, 7, 7, "expiring")
    ]


def test_maintenance_overdue_by_due_date_or_interval() -> None:
    w = World()
    town = w.unit("T1")
    w.item("发电机", maintenance_interval_days=90)
    w.item("水泵")
    w.equip("发电机", holder_unit_id=town, serial="G1", next_due_on=in_days(-3))
    w.equip("发电机", holder_unit_id=town, serial="G2", last_maintained_on=in_days(-100))
    w.equip("发电机", holder_unit_id=town, serial="G3", last_maintained_on=in_days(-10))
    w.equip("水泵", holder_unit_id=town, serial="P1", last_maintained_on=in_days(-1000))
    w.equip("发电机", holder_unit_id=town, serial="G4", next_due_on=in_days(-3),
            status=EquipmentStatus.SCRAPPED)  # fmt: skip
    w.equip("发电机", holder_unit_id=town, serial="G5", next_due_on=in_days(5))
    w.equip("发电机", holder_unit_id=town, serial="G6", next_due_on=in_days(-3),
            status=EquipmentStatus.REPAIR)  # fmt: skip  # in repair: being seen to
    assert rows(run(w, rule("maintenance"))) == [
        ("T1", "发电机（G1）", None, None, 3, "overdue"),
        ("T1", "发电机（G2）", None, None, 10, "overdue"),
    ]
    assert rows(run(w, rule("maintenance", warn_days=7)))[2:] == [
        ("T1", "发电机（G5）", None, None, 5, "expiring")
    ]


def test_certificates_of_active_members_only_each_person_once() -> None:
    w = World()
    town = w.unit("T1")
    first, second = w.team(town, TeamType.FIRE), w.team(town)
    zhang = w.member(first, "张三", id_number="X1")
    w.certificate(zhang, "消防员证", in_days(-1))
    w.certificate(w.member(second, "张三", id_number="X1"), "消防员证", in_days(-1))
    w.certificate(w.member(first, "李四", id_number="X2"), "救护员证", in_days(10))
    w.certificate(w.member(first, "王五", id_number="X3"), "救护员证", in_days(40))
    w.certificate(w.member(first, "赵六", id_number="X4", left=ON), "消防员证", in_days(-5))
    w.certificate(w.member(first, "钱七", id_number="X5"), "驾驶证", None)
    assert rows(run(w, rule("certificates"))) == [
        ("T1", "张三·消防员证", None, None, 1, "overdue"),
        ("T1", "李四·救护员证", None, None, 10, "expiring"),
    ]
    only_comprehensive = rule("certificates", team_types=["综合"])
    assert rows(run(w, only_comprehensive)) == [("T1", "张三·消防员证", None, None, 1, "overdue")]


def test_hygiene_looks_at_each_unit_own_depots_and_teams() -> None:
    w = World()
    w.unit("C1", Level.COUNTY)
    w.unit("T1", parent="C1")
    w.depot("T1", "镇库")
    w.item("方便面")
    w.lot("镇库", "方便面", 5, expiry=in_days(-1))
    assert [x.unit_code for x in run(w, rule("expired_stock"))] == ["T1"]
