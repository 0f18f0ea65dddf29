"""Editors of incidents (事件): add or change one, and close it (结束) on a date."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget

from ledger.core.enums import IncidentKind
from ledger.services import org
from ledger.ui.context import AppContext, Changes
from ledger.ui.dialogs.base import FormDialog
from ledger.ui.dialogs.teams import unit_combo
from ledger.ui.ops import Outcome, read_or_stop, run_op
from ledger.ui.widgets.fields import DateField, EnumCombo


class IncidentDialog(FormDialog):
    """An incident: number, name, kind, start and end, place, unit; saved returns its id."""

    def __init__(
        self,
        ctx: AppContext,
        units: list[org.UnitRow],
        unit_id: uuid.UUID | None = None,
        incident_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("修改事件") if incident_id else self.tr("新建事件")
        super().__init__(ctx, title, parent)
        self.incident_id = incident_id
        current = (
            read_or_stop(parent, ctx, lambda s: org.incident(s, incident_id))
            if incident_id
            else None
        )
        self.code = QLineEdit(current.code if current else "")
        self.code.setPlaceholderText(self.tr("留空自动编号，如 SJ-2026-001"))
        self.name = QLineEdit(current.name if current else "")
        self.name.setPlaceholderText(self.tr("如：2026年“7·20”暴雨洪涝灾害"))
        self.kind = EnumCombo(IncidentKind, current.kind if current else IncidentKind.FLOOD)
        self.started_on = DateField(current.started_on if current else ctx.today())
        self.ended_on = DateField(current.ended_on if current else None)
        self.ended_on.setPlaceholderText(self.tr("未结束留空"))
        self.place = QLineEdit(current.place if current else "")
        self.place.setPlaceholderText(self.tr("如：河口镇沿河村"))
        self.unit = unit_combo(units, current.unit_id if current else unit_id)
        self.note = QLineEdit(current.note if current else "")
        for title_text, field in (
            (self.tr("事件名称"), self.name),
            (self.tr("类型"), self.kind),
            (self.tr("开始日期"), self.started_on),
            (self.tr("结束日期"), self.ended_on),
            (self.tr("地点"), self.place),
            (self.tr("所属单位"), self.unit),
            (self.tr("事件编号"), self.code),
            (self.tr("备注"), self.note),
        ):
            self.add_row(title_text, field)

    def save(self) -> Outcome[Any]:
        started = self.started_on.date()
        if started is None:
            self.show_refusal(self.tr("请填写开始日期（如 2026-11-22）"))
            return Outcome(False)
        if not self.ended_on.is_valid():
            self.show_refusal(self.tr("结束日期不是有效日期，请按 2026-11-22 的格式填写"))
            return Outcome(False)
        entry = org.IncidentInput(
            self.unit.currentData(),
            self.kind.value(),
            self.name.text(),
            started,
            self.ended_on.date(),
            self.place.text(),
            self.note.text(),
            self.code.text(),
        )
        incident_id = self.incident_id
        return run_op(
            self,
            self.ctx,
            lambda s, a: org.save_incident(s, a, entry, incident_id),
            changes={Changes.DOCUMENTS},
            target=self,
            done=self.tr("已保存事件：{name}").format(name=entry.name.strip()),
        )


class CloseIncidentDialog(FormDialog):
    """结束事件: the date the incident ended (it shows as 已结束, greyed)."""

    def __init__(
        self, ctx: AppContext, row: org.IncidentRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, self.tr("结束事件"), parent)
        self.row = row
        self.ok_button.setText(self.tr("结束事件"))
        self.add_row(self.tr("事件"), QLineEdit(f"{row.code} {row.name}", readOnly=True))
        self.ended_on = DateField(ctx.today())
        self.add_row(self.tr("结束日期"), self.ended_on)

    def save(self) -> Outcome[Any]:
        ended = self.ended_on.date()
        if ended is None:
            self.show_refusal(self.tr("请填写结束日期（如 2026-11-22）"))
            return Outcome(False)
        incident_id = self.row.id
        return run_op(
            self,
            self.ctx,
            lambda s, a: org.close_incident(s, a, incident_id, ended),
            changes={Changes.DOCUMENTS},
            target=self,
            done=self.tr("事件已结束：{name}").format(name=self.row.name),
        )
