"""Editors of the equipment page: record a maintenance, register a piece of equipment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from ledger.core.enums import EquipmentStatus
from ledger.services import catalogue
from ledger.ui.context import AppContext, Changes
from ledger.ui.dialogs.base import FormDialog
from ledger.ui.formatting import fmt_date
from ledger.ui.ops import Outcome, run_op, run_query
from ledger.ui.widgets.fields import DateField, EnumCombo
from ledger.ui.widgets.item_picker import ItemIndex


class MaintenanceDialog(FormDialog):
    """Record a maintenance (or repair, inspection) of one piece or of many at once (same
    date, person and note, one transaction); optionally change the status."""

    def __init__(
        self,
        ctx: AppContext,
        piece: catalogue.EquipmentRow | Sequence[catalogue.EquipmentRow],
        parent: QWidget | None = None,
    ) -> None:
        pieces = [piece] if isinstance(piece, catalogue.EquipmentRow) else list(piece)
        if len(pieces) == 1:
            title = self.tr("登记保养 — {serial}").format(serial=pieces[0].serial)
        else:
            title = self.tr("批量登记保养 — {n} 件装备").format(n=len(pieces))
        super().__init__(ctx, title, parent)
        self.pieces = pieces
        self.piece = pieces[0]
        self.done_on = DateField(ctx.today())
        self.kind = QComboBox()
        self.kind.setEditable(True)
        self.kind.addItems([self.tr("保养"), self.tr("维修"), self.tr("检查"), self.tr("试机")])
        self.done_by = QLineEdit(ctx.actor.name)
        self.note = QLineEdit()
        self.status = EnumCombo(EquipmentStatus, blank=self.tr("（不变）"))
        if len(pieces) == 1:
            due = fmt_date(self.piece.next_due_on) or self.tr("未设定")
            self.form.addRow(
                self.tr("装备"),
                QLineEdit(
                    f"{self.piece.item_name}  {self.piece.serial}  {self.piece.holder_name}",
                    readOnly=True,
                ),
            )
            self.form.addRow(self.tr("原定下次保养"), QLineEdit(due, readOnly=True))
        else:
            listed = QPlainTextEdit(
                "\n".join(f"{p.item_name}  {p.serial}  {p.holder_name}" for p in pieces)
            )
            listed.setReadOnly(True)
            listed.setMaximumHeight(110)
            self.form.addRow(self.tr("装备（{n} 件）").format(n=len(pieces)), listed)
        for title_, field in (
            (self.tr("日期"), self.done_on),
            (self.tr("类型"), self.kind),
            (self.tr("保养人"), self.done_by),
            (self.tr("情况说明"), self.note),
            (self.tr("状态改为"), self.status),
        ):
            self.add_row(title_, field)

    def save(self) -> Outcome[Any]:
        done_on = self.done_on.date()
        if done_on is None:
            self.show_refusal(self.tr("请填写保养日期（如 2026-11-22）"))
            return Outcome(False)
        entry = catalogue.MaintenanceInput(
            done_on,
            self.kind.currentText(),
            self.done_by.text(),
            self.note.text(),
            self.status.value(),
        )
        ids = [p.id for p in self.pieces]
        done = (
            self.tr("已登记保养：{serial}").format(serial=self.piece.serial)
            if len(ids) == 1
            else self.tr("已为 {n} 件装备登记保养").format(n=len(ids))
        )
        return run_op(
            self,
            self.ctx,
            lambda s, a: catalogue.record_maintenance_many(s, a, ids, entry),
            changes={Changes.EQUIPMENT},
            target=self,
            done=done,
        )


class EquipmentDialog(FormDialog):
    """Register a piece of equipment with its holder."""

    def __init__(
        self, ctx: AppContext, holder: catalogue.Holder, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, self.tr("新增装备"), parent)
        self.holder = holder
        tracked = [i for i in run_query(parent, ctx, catalogue.items, []) if i.serial_tracked]
        self.index = ItemIndex(tracked)
        self.item = QLineEdit()
        self.item.setPlaceholderText(self.tr("输入编码或名称选取（按序列号管理的物资）"))
        self.item.setCompleter(self.index.completer(self.item))
        self.serial = QLineEdit()
        self.status = EnumCombo(EquipmentStatus, EquipmentStatus.IN_USE)
        self.purchased_on = DateField()
        self.last_maintained_on = DateField()
        self.note = QLineEdit()
        self.form.addRow(self.tr("配备给"), QLineEdit(holder.name, readOnly=True))
        for title, field in (
            (self.tr("物资"), self.item),
            (self.tr("序列号"), self.serial),
            (self.tr("状态"), self.status),
            (self.tr("购置日期"), self.purchased_on),
            (self.tr("上次保养"), self.last_maintained_on),
            (self.tr("备注"), self.note),
        ):
            self.add_row(title, field)

    def save(self) -> Outcome[Any]:
        item = self.index.resolve(self.item.text())
        if item is None:
            self.show_refusal(self.tr("请从列表中选择按序列号管理的物资"))
            return Outcome(False)
        entry = catalogue.EquipmentInput(
            self.serial.text(),
            item.id,
            self.holder.kind,
            self.holder.id,
            self.status.value(),
            self.purchased_on.date(),
            self.last_maintained_on.date(),
            self.note.text(),
        )
        return run_op(
            self,
            self.ctx,
            lambda s, a: catalogue.add_equipment(s, a, entry),
            changes={Changes.EQUIPMENT},
            target=self,
            done=self.tr("已登记装备：{serial}").format(serial=entry.serial),
        )
