"""The shortfall page's rectification actions (整改): record, mark done, export the list."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from ledger.norms.model import Finding
from ledger.services import norms
from ledger.services.norms import Key, RemedyRow
from ledger.ui import messages
from ledger.ui.context import AppContext, Changes
from ledger.ui.dialogs.remedy import RemedyDialog
from ledger.ui.ops import run_op
from ledger.ui.tables.remedies import remedy_status


class RemedyActions:
    """Mixed into the shortfall page, which provides the check result and the selection."""

    ctx: AppContext
    result: norms.CheckResult | None
    remedies: dict[Key, RemedyRow]

    if TYPE_CHECKING:

        def current(self) -> Finding | None: ...
        def refresh(self) -> None: ...

    def _widget(self) -> QWidget:
        return cast(QWidget, self)

    def _settle(
        self, result: norms.CheckResult, found: dict[Key, RemedyRow]
    ) -> dict[Key, RemedyRow]:
        """The remedies of the checked units (read with the check); those the check settles
        (problem gone) are recorded as done on the check's date in one action."""
        if any(r.settled_now for r in found.values()):
            run_op(self._widget(), self.ctx, lambda s, a: norms.settle(s, a, result))
        return found

    def _remedy_lines(self, finding: Finding) -> list[str]:
        row = self.remedies.get(norms.key_of(finding))
        if row is None:
            return [
                QCoreApplication.translate(
                    "ShortfallsPage", "尚未登记整改：点击“整改…”登记责任单位、措施和时限。"
                )
            ]
        return [
            QCoreApplication.translate(
                "ShortfallsPage", "整改：{owner}，时限 {due}，{status}；措施：{measure}"
            ).format(
                owner=row.owner, due=row.due_on, status=remedy_status(row), measure=row.measure
            )
        ]

    def remedy(self) -> None:
        """Record owner, measure and due date of the selected finding's rectification."""
        finding = self.current()
        if finding is None:
            messages.warning(
                self._widget(),
                QCoreApplication.translate("ShortfallsPage", "请先在列表中选择一项短板"),
            )
            return
        current = self.remedies.get(norms.key_of(finding))
        if RemedyDialog.ask(self.ctx, finding, current, self._widget()) is not None:
            self.refresh()

    def mark_done(self) -> None:
        """Mark the selected finding's rectification done today (已整改)."""
        finding = self.current()
        row = self.remedies.get(norms.key_of(finding)) if finding is not None else None
        if finding is None or row is None:
            messages.warning(
                self._widget(),
                QCoreApplication.translate("ShortfallsPage", "请先选择一项已登记整改的短板"),
            )
            return
        question = QCoreApplication.translate(
            "ShortfallsPage", "将“{what}”的整改标记为已整改（{date}）？"
        ).format(what=finding.title, date=self.ctx.today())
        if not messages.confirm(self._widget(), question):
            return
        today = self.ctx.today()
        outcome = run_op(
            self._widget(),
            self.ctx,
            lambda s, a: norms.mark_done(
                s, a, unit=row.unit_code, rule_id=row.rule_id, subject=row.subject, on=today
            ),
            changes={Changes.ORG},
            done=QCoreApplication.translate("ShortfallsPage", "已标记为已整改"),
        )
        if outcome.ok:
            self.refresh()

    def export_excel(self, path: Path | None = None) -> None:
        """Save the whole shortfall list of this check, with the remedies, as a workbook."""
        if self.result is None:
            return
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self._widget(),
                QCoreApplication.translate("ShortfallsPage", "导出短板问题清单"),
                QCoreApplication.translate("ShortfallsPage", "短板问题清单.xlsx"),
                QCoreApplication.translate("ShortfallsPage", "Excel 工作簿 (*.xlsx)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        try:
            from ledger.io.shortfalls import export_shortfalls  # openpyxl: when first used

            rows = export_shortfalls(path, self.result, self.remedies)
        except OSError as error:
            messages.warning(
                self._widget(),
                QCoreApplication.translate("ShortfallsPage", "无法保存文件：{reason}").format(
                    reason=error
                ),
            )
            return
        messages.status(
            QCoreApplication.translate("ShortfallsPage", "已导出 {rows} 行到 {path}").format(
                rows=rows, path=path
            )
        )
