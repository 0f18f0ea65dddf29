"""装备: equipment by holder with maintenance due; recording a maintenance."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from ledger.core.enums import Category, EquipmentStatus
from ledger.services.catalogue import equipment_register as eq
from ledger.services.catalogue import register as catalogue
from ledger.ui.dialogs import equipment as equipment_dialogs
from ledger.ui.pages.equipment import EquipmentPage
from ledger.ui.tables.base import RED_BG
from tests.ui.pages.test_org import drive


def equip(ctx, town) -> None:
    a = ctx.actor
    with ctx.db.transaction(a) as s:
        catalogue.save_item(
            s,
            a,
            catalogue.ItemInput(
                "TX001",
                "卫星电话",
                "部",
                Category.COMMS,
                maintenance_interval_days=90,
                serial_tracked=True,
            ),
        )
        eq.add_equipment(
            s,
            a,
            eq.EquipmentInput(
                "SAT-1",
                "TX001",
                eq.HolderKind.UNIT,
                town.village,
                EquipmentStatus.IN_USE,
                last_maintained_on=date(2026, 1, 10),
            ),
        )
        eq.add_equipment(
            s,
            a,
            eq.EquipmentInput(
                "SAT-2",
                "TX001",
                eq.HolderKind.TEAM,
                town.team,
                last_maintained_on=date(2026, 11, 1),
            ),
        )


def shown_page(qtbot, ctx, town) -> EquipmentPage:
    page = EquipmentPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.tree.select(town.town)
    return page


def test_equipment_by_holder_with_overdue_maintenance_red(qtbot, ctx, town) -> None:
    equip(ctx, town)
    page = shown_page(qtbot, ctx, town)
    assert [(r.serial, r.holder_name) for r in page.model.rows] == [
        ("SAT-1", "东村"),
        ("SAT-2", "城关镇综合应急救援队"),
    ]
    brush = page.model.data(page.model.index(0, 0), Qt.ItemDataRole.BackgroundRole)
    assert brush.color() == RED_BG  # due 2026-04-10
    assert page.model.data(page.model.index(0, 4)) == "2026-04-10"
    page.tree.select(town.team)
    assert [r.serial for r in page.model.rows] == ["SAT-2"]


def test_recording_a_maintenance_moves_the_next_due_date(qtbot, ctx, town, monkeypatch) -> None:
    equip(ctx, town)

    def fill(dialog):
        dialog.done_on.setText("2026-11-20")
        dialog.note.setText("更换电池")

    drive(qtbot, monkeypatch, equipment_dialogs.MaintenanceDialog, fill)
    page = shown_page(qtbot, ctx, town)
    page.view.setCurrentIndex(page.view.model().index(0, 0))
    page.maintain_button.click()
    sat = next(r for r in page.model.rows if r.serial == "SAT-1")
    assert (sat.last_maintained_on, sat.next_due_on) == (date(2026, 11, 20), date(2027, 2, 18))
    page.view.setCurrentIndex(
        page.view.model().index([r.serial for r in page.model.rows].index("SAT-1"), 0)
    )
    assert [(m.done_on, m.note) for m in page.log.rows] == [(date(2026, 11, 20), "更换电池")]


def test_one_maintenance_for_many_selected_pieces(qtbot, ctx, town, monkeypatch) -> None:
    equip(ctx, town)
    titles = []

    def fill(dialog):
        titles.append(dialog.windowTitle())
        dialog.done_on.setText("2026-11-20")
        dialog.done_by.setText("李四")
        dialog.note.setText("汛前统一保养")

    drive(qtbot, monkeypatch, equipment_dialogs.MaintenanceDialog, fill)
    page = shown_page(qtbot, ctx, town)
    page.view.selectAll()
    assert [p.serial for p in page.chosen()] == ["SAT-1", "SAT-2"]
    page.maintain_button.click()
    assert titles == ["批量登记保养 — 2 件装备"]
    assert {r.serial: r.last_maintained_on for r in page.model.rows} == {
        "SAT-1": date(2026, 11, 20),
        "SAT-2": date(2026, 11, 20),
    }
    with ctx.db.read() as s:
        logs = [eq.maintenance_log(s, r.id)[0] for r in page.model.rows]
    assert {(m.done_by, m.note) for m in logs} == {("李四", "汛前统一保养")}
