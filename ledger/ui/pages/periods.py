"""期末结账: close a month or a year of a depot's books (月结/年结), list the closes, reopen.

Opened from 单据 → 期末结账. A close stores every balance at the period's last day and the head
of the depot's movement chain; from then on documents dated in the closed period are refused.
Only the latest close of a depot can be reopened (反结账). Administrators and offices may close
and reopen (the services check it); a keeper or viewer sees the list only.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services import catalogue, closing
from ledger.services.accounts import Action, role_may
from ledger.ui import extensions, messages
from ledger.ui.context import AppContext, Changes
from ledger.ui.ops import run_op, run_query
from ledger.ui.tables.base import Column, RowsModel
from ledger.ui.widgets.page import row_of, table_view

if TYPE_CHECKING:
    from ledger.ui.main_window import MainWindow

MONTH_KIND, YEAR_KIND = (
    QT_TRANSLATE_NOOP("PeriodsDialog", "月结"),
    QT_TRANSLATE_NOOP("PeriodsDialog", "年结"),
)
CLOSE_COLUMNS: list[Column[closing.CloseRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "期间"), lambda r: r.period.label, width=110),
    Column(
        QT_TRANSLATE_NOOP("Columns", "截止日"), lambda r: r.period.last_day.isoformat(), width=100
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "仓库"),
        lambda r: f"{r.depot_name}（{r.depot_code}）",
        width=300,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "结存行数"),
        lambda r: str(r.lines),
        sort=lambda r: r.lines,
        numeric=True,
        width=80,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "流水链"),
        lambda r: f"第 {r.chain_seq} 条",
        numeric=True,
        width=90,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "结账人"), lambda r: r.closed_by),
]


def last_ended_month(today: date) -> QDate:
    """The first day of the month before ``today``'s: the month an office usually closes."""
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return QDate(year, month, 1)


class PeriodsDialog(QDialog):
    """Pick a period and a depot (or all), close or reopen, and see every close so far."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = ctx.today()
        self.setWindowTitle(self.tr("期末结账"))
        self.resize(860, 520)
        self.kind = QComboBox()
        self.kind.addItem(self.tr(MONTH_KIND), closing.MONTH)
        self.kind.addItem(self.tr(YEAR_KIND), closing.YEAR)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.when = QDateEdit(last_ended_month(self.today))
        self.when.setCalendarPopup(False)
        self.when.setDisplayFormat("yyyy-MM")
        self.depot = QComboBox()
        self.depot.addItem(self.tr("全部仓库"), None)
        depots = run_query(self, ctx, catalogue.depots, [])
        for depot in depots:
            self.depot.addItem(f"{depot.name}（{depot.code}）", depot.code)
        self.close_button = QPushButton(self.tr("结账"))
        self.close_button.clicked.connect(self.close_selected)
        self.reopen_button = QPushButton(self.tr("反结账所选…"))
        self.reopen_button.clicked.connect(self.reopen_selected)
        for button in (self.close_button, self.reopen_button):
            button.setAutoDefault(False)  # Enter never closes or reopens a month
        may = role_may(ctx.actor, Action.CLOSE_PERIOD)
        self.close_button.setEnabled(may)
        self.reopen_button.setEnabled(may)
        box = QGroupBox(self.tr("结账"))
        form = QFormLayout(box)
        form.addRow(self.tr("方式"), self.kind)
        form.addRow(self.tr("期间"), self.when)
        form.addRow(self.tr("仓库"), self.depot)
        hint = QLabel(self.tr("结账保存截止日的结存和流水链头，此后该期间不能再登记单据。"))
        hint.setWordWrap(True)
        form.addRow("", hint)
        row = QHBoxLayout()
        row.addWidget(self.close_button)
        row.addStretch(1)
        form.addRow("", row)
        self.model: RowsModel[closing.CloseRow] = RowsModel(CLOSE_COLUMNS, self)
        self.view = table_view(self.model, self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reopen_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(QLabel(self.tr("已结账的期间（最近的在前）")))
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.refresh()

    def _kind_changed(self) -> None:
        yearly = self.kind.currentData() == closing.YEAR
        self.when.setDisplayFormat("yyyy" if yearly else "yyyy-MM")

    def period(self) -> closing.Period:
        """The month or year picked."""
        picked = self.when.date()
        if self.kind.currentData() == closing.YEAR:
            return closing.year(picked.year())
        return closing.month(picked.year(), picked.month())

    def refresh(self) -> None:
        """List every stored close, latest first."""
        self.model.set_rows(run_query(self, self.ctx, closing.closes, []))

    def close_selected(self) -> None:
        """Close the picked period in the picked depot, or in every depot not closed yet."""
        period, code, today = self.period(), self.depot.currentData(), self.today
        where = self.depot.currentText()
        question = self.tr("对“{where}”做{period}结账？此后不能再登记{period}及以前日期的单据。")
        if not messages.confirm(self, question.format(where=where, period=period.label)):
            return

        def work(session: object, actor: object) -> tuple[list[closing.CloseRow], list[str]]:
            if code is None:
                return closing.close_all(session, actor, period, today=today)  # type: ignore[arg-type]
            made = closing.close_period(session, actor, code, period, today=today)  # type: ignore[arg-type]
            return [made], []

        outcome = run_op(self, self.ctx, work, changes=(Changes.DOCUMENTS, Changes.STOCK))
        if not outcome.ok or outcome.value is None:
            return
        made, skipped = outcome.value
        text = self.tr("已结账 {count} 个仓库：{period}").format(
            count=len(made), period=period.label
        )
        if skipped:
            text += "\n" + self.tr("此前已结账：{names}").format(names="、".join(skipped))
        if not made and not skipped:
            text = self.tr("没有可结账的仓库")
        messages.info(self, text)
        self.refresh()

    def reopen_selected(self) -> None:
        """Reopen (反结账) the close selected in the list."""
        selected = row_of(self.view)
        if not isinstance(selected, closing.CloseRow):
            messages.info(self, self.tr("请先在列表中选择要反结账的期间"))
            return
        question = self.tr("对“{depot}”的{period}反结账？反结账后可以再登记该期间的单据。").format(
            depot=selected.depot_name, period=selected.period.label
        )
        if not messages.confirm(self, question, yes=self.tr("反结账")):
            return
        outcome = run_op(
            self,
            self.ctx,
            lambda s, a: closing.reopen(s, a, selected.depot_id, selected.period),
            changes=(Changes.DOCUMENTS, Changes.STOCK),
            done=self.tr("已反结账"),
        )
        if outcome.ok:
            self.refresh()


def open_periods(window: MainWindow) -> None:
    """Menu handler: the period-close dialog."""
    PeriodsDialog(window.ctx, window).exec()


extensions.register_action(
    extensions.ActionSpec(
        "documents",
        QT_TRANSLATE_NOOP("PeriodsDialog", "期末结账（月结/年结）(&C)…"),
        open_periods,
        order=700,
        context="PeriodsDialog",
    )
)
