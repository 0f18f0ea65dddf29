"""确认调拨方案: the incident the plan serves and, for transfers, the receiving depot."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from ledger.services import catalogue, readiness
from ledger.services.readiness import Plan
from ledger.ui.context import AppContext, Changes
from ledger.ui.dialogs.base import FormDialog
from ledger.ui.ops import Outcome, run_op, run_query
from ledger.ui.widgets.fields import select_data


class DraftPlanDialog(FormDialog):
    """Confirm a plan: one draft per source depot, posted later by the depots' keepers."""

    def __init__(
        self,
        ctx: AppContext,
        plan: Plan,
        parent: QWidget | None = None,
        incident_id: uuid.UUID | None = None,
    ) -> None:
        super().__init__(ctx, self.tr("确认调拨方案"), parent)
        self.plan = plan
        self.incident = QComboBox()
        for row in run_query(self, ctx, catalogue.incidents, []):
            self.incident.addItem(f"{row.name}（{row.started_on.isoformat()}）", row.id)
        if incident_id is not None:
            select_data(self.incident, incident_id)
        self.dest = QComboBox()
        self.dest.addItem(self.tr("不调拨：直接出库到事件"), None)
        for depot in run_query(self, ctx, catalogue.depots, []):
            self.dest.addItem(depot.name, depot.id)
        note = QLabel(
            self.tr("按调出仓库各生成一张单据草稿，不改变库存；由保管员在“单据草稿”中登记。")
        )
        note.setWordWrap(True)
        self.add_row(self.tr("事件"), self.incident)
        self.add_row(self.tr("调入仓库"), self.dest)
        self.form.addRow("", note)
        self.ok_button.setText(self.tr("生成草稿"))
        if self.incident.count() == 0:
            self.show_refusal(self.tr("还没有事件：请先登记事件（可从 Excel 导入“事件”工作表）"))
            self.ok_button.setEnabled(False)

    def save(self) -> Outcome[Any]:
        plan, incident, dest = self.plan, self.incident.currentData(), self.dest.currentData()
        return run_op(
            self,
            self.ctx,
            lambda s, a: readiness.draft_plan(s, a, plan, incident, dest),
            changes={Changes.DOCUMENTS},
            target=self,
            done=self.tr("已生成单据草稿，待保管员登记"),
        )
