"""The 装备对应 dialog maps a catalogue item to a plan's equipment entry through the service."""

from __future__ import annotations

from ledger.core.enums import Category
from ledger.services.norms import equipment_mappings
from ledger.ui.dialogs.equipment_mapping import MappingDialog
from tests.scenario import item


def test_an_item_is_mapped_to_the_chosen_entry(qtbot, ctx, town) -> None:
    with ctx.db.transaction(ctx.actor) as s:
        item(s, "MTP3550", "部", Category.COMMS, serial_tracked=True)
    dialog = MappingDialog(ctx, town.county, "xingyang-draft")
    qtbot.addWidget(dialog)
    shown = [dialog.entry.itemText(i) for i in range(dialog.entry.count())]
    dialog.entry.setCurrentIndex(shown.index("乡级应急指挥通信终端（专栏6）·手持终端"))
    dialog.item.setText("MTP3550")
    dialog.accept()
    rows = ctx.read(lambda s: equipment_mappings.mappings(s, "xingyang-draft"))
    assert [(r.rule_id, r.entry, r.item_code) for r in rows] == [("X-E11", "手持终端", "MTP3550")]
