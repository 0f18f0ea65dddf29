"""整改: record who rectifies a shortfall finding (责任单位/责任人), how, and by when."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from ledger.norms.model import Finding
from ledger.services import norms
from ledger.services.norms import RemedyRow
from ledger.ui.context import AppContext, Changes
from ledger.ui.dialogs.base import FormDialog
from ledger.ui.formatting import fmt_date
from ledger.ui.i18n import label
from ledger.ui.ops import Outcome, run_op
from ledger.ui.widgets.fields import DateField

# The due date proposed for a new remedy, counted from the working date.
DEFAULT_DAYS = 30


class RemedyDialog(FormDialog):
    """Record (or change) the rectification of one finding."""

    minimum_width = 560

    def __init__(
        self,
        ctx: AppContext,
        finding: Finding,
        current: RemedyRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, self.tr("整改"), parent)
        self.finding = finding
        what = finding.title
        if finding.subject and finding.subject != finding.title:
            what += f"：{finding.subject}"
        about = QLabel(f"{finding.unit_name} · {what}")
        about.setWordWrap(True)
        self.owner = QLineEdit(current.owner if current else "")
        self.owner.setPlaceholderText(self.tr("如：城关镇应急办 张三"))
        self.measure = QPlainTextEdit(current.measure if current else "")
        self.measure.setFixedHeight(80)
        due = current.due_on if current else ctx.today() + timedelta(days=DEFAULT_DAYS)
        self.due = DateField(due)
        self.form.addRow(about)  # the whole width: a long title wraps without being cut
        self.add_row(self.tr("责任单位/责任人"), self.owner)
        self.add_row(self.tr("整改措施"), self.measure)
        self.add_row(self.tr("整改时限"), self.due)
        if current is not None:
            state = label(current.status)
            if current.done_on is not None:
                state += f" {fmt_date(current.done_on)}"
            self.form.addRow(self.tr("当前状态"), QLabel(state))

    def save(self) -> Outcome[Any]:
        day = self.due.date()
        if day is None:
            self.show_refusal(self.tr("请填写整改时限（如 2026-11-22）"))
            return Outcome(False)
        f, today = self.finding, self.ctx.today()
        owner, measure = self.owner.text(), self.measure.toPlainText()
        return run_op(
            self,
            self.ctx,
            lambda s, a: norms.set_remedy(
                s,
                a,
                unit=f.unit_code,
                rule_id=f.rule_id,
                subject=f.subject,
                owner=owner,
                measure=measure,
                due_on=day,
                on=today,
            ),
            changes={Changes.ORG},
            target=self,
            done=self.tr("已登记整改：{unit} {rule}").format(unit=f.unit_name, rule=f.rule_id),
        )
