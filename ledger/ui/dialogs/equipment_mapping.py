"""装备对应: the office says which of its catalogue items counts for a rule's equipment entry."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from ledger.services import catalogue, norms
from ledger.ui.context import AppContext, Changes
from ledger.ui.dialogs.base import FormDialog
from ledger.ui.ops import Outcome, run_op, run_query
from ledger.ui.widgets.item_picker import ItemIndex


class MappingDialog(FormDialog):
    """Map a catalogue item to an equipment entry of the unit's plan (for it and units below)."""

    def __init__(
        self, ctx: AppContext, unit_id: uuid.UUID, profile_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, self.tr("装备对应"), parent)
        self.unit_id = unit_id
        self.entries = norms.entries(profile_id)
        self.entry = QComboBox()
        self.entry.addItems([e.shown for e in self.entries])
        items = run_query(self, ctx, catalogue.items, [])
        self.index = ItemIndex([i for i in items if i.serial_tracked])
        self.item = QLineEdit()
        self.item.setPlaceholderText(self.tr("输入编码或名称选取（按编号管理的装备）"))
        self.item.setCompleter(self.index.completer(self.item))
        done: list[norms.MappingRow] = run_query(
            self, ctx, lambda s: norms.mappings(s, profile_id), []
        )
        shown = "；".join(f"{m.entry} ← {m.item_name}（{m.unit_name}）" for m in done[:10])
        self.add_row(self.tr("规划中的装备"), self.entry)
        self.add_row(self.tr("物资目录中的装备"), self.item)
        self.form.addRow(self.tr("已对应"), QLabel(shown or self.tr("无")))
        if not self.entries:
            self.show_refusal(self.tr("此规划没有装备配备规则"))
            self.ok_button.setEnabled(False)

    def save(self) -> Outcome[Any]:
        item = self.index.resolve(self.item.text())
        if item is None or not self.entries:
            self.show_refusal(self.tr("请从列表中选择装备"))
            return Outcome(False)
        entry = self.entries[self.entry.currentIndex()]
        unit_id = self.unit_id
        return run_op(
            self,
            self.ctx,
            lambda s, a: norms.map_item(s, a, unit_id, entry, item.id),
            changes={Changes.CATALOGUE},
            target=self,
            done=self.tr("已对应：{item} 计为 {entry}").format(item=item.name, entry=entry.entry),
        )
