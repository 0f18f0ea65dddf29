"""The 事件 tab of 仓库与库存: every incident with its dates and documents; add, edit, close."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services import org
from ledger.services.accounts import Action
from ledger.ui.context import AppContext, Changes
from ledger.ui.dialogs.incidents import CloseIncidentDialog, IncidentDialog
from ledger.ui.formatting import fmt_date
from ledger.ui.i18n import label
from ledger.ui.ops import run_op, run_query
from ledger.ui.pages._stock_tabs import COUNT_STYLE, toolbar
from ledger.ui.pages.org import working_unit
from ledger.ui.tables.base import GREY_FG, Column, RowsModel
from ledger.ui.widgets.empty_hint import empty_hint
from ledger.ui.widgets.page import permit, row_of, table_view

QT_TRANSLATE_NOOP("Columns", "进行中")
QT_TRANSLATE_NOOP("Columns", "已结束")


def _state(row: org.IncidentRow) -> str:
    return QCoreApplication.translate("Columns", "已结束" if row.closed else "进行中")


INCIDENT_COLUMNS: list[Column[org.IncidentRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "事件编号"), lambda r: r.code, width=110),
    Column(QT_TRANSLATE_NOOP("Columns", "事件名称"), lambda r: r.name, width=220),
    Column(QT_TRANSLATE_NOOP("Columns", "类型"), lambda r: label(r.kind), width=90),
    Column(
        QT_TRANSLATE_NOOP("Columns", "开始日期"),
        lambda r: fmt_date(r.started_on),
        sort=lambda r: r.started_on,
        width=95,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "结束日期"), lambda r: fmt_date(r.ended_on), width=95),
    Column(QT_TRANSLATE_NOOP("Columns", "状态"), _state, width=70),
    Column(QT_TRANSLATE_NOOP("Columns", "地点"), lambda r: r.place, width=140),
    Column(QT_TRANSLATE_NOOP("Columns", "所属单位"), lambda r: r.unit_name, width=110),
    Column(
        QT_TRANSLATE_NOOP("Columns", "单据数"),
        lambda r: str(r.documents),
        sort=lambda r: r.documents,
        numeric=True,
        width=60,
    ),
]


class IncidentsModel(RowsModel[org.IncidentRow]):
    """Incidents; closed ones greyed."""

    def foreground(self, row: org.IncidentRow, column: int) -> QColor | None:
        del column
        return GREY_FG if row.closed else None


class IncidentsTab(QWidget):
    """Incidents (事件) the office records, so issues can serve its own flood."""

    interests = frozenset({Changes.DOCUMENTS, Changes.ORG})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.model = IncidentsModel(INCIDENT_COLUMNS, self)
        self.view = table_view(self.model, self, sortable=True, stretch=1)
        self.empty = empty_hint(
            self.view,
            self.tr("还没有登记事件。汛情、火情或演练开始时点“新建事件…”，出库单即可选择它。"),
        )
        self.view.doubleClicked.connect(lambda _i: self.edit_incident())
        self.open_only = QCheckBox(self.tr("只看进行中"))
        self.open_only.toggled.connect(lambda _on: self.refresh())
        self.add_button = QPushButton(self.tr("新建事件…"))
        self.edit_button = QPushButton(self.tr("修改…"))
        self.close_button = QPushButton(self.tr("结束事件…"))
        self.reopen_button = QPushButton(self.tr("重新开启"))
        self.add_button.clicked.connect(self.add_incident)
        self.edit_button.clicked.connect(self.edit_incident)
        self.close_button.clicked.connect(self.close_incident)
        self.reopen_button.clicked.connect(self.reopen_incident)
        self.count = QLabel()
        self.count.setStyleSheet(COUNT_STYLE)
        buttons = (self.add_button, self.edit_button, self.close_button, self.reopen_button)
        permit(ctx.actor, Action.EDIT_RECORDS, *buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar(self.open_only, *buttons))
        layout.addWidget(self.view)
        layout.addWidget(self.count)

    def refresh(self) -> None:
        """Read the incidents again."""
        open_only = self.open_only.isChecked()
        rows = run_query(self, self.ctx, lambda s: org.incidents(s, open_only=open_only), [])
        self.model.set_rows(rows)
        running = sum(1 for r in rows if not r.closed)
        self.count.setText(
            self.tr("共 {n} 个事件，其中进行中 {open} 个").format(n=len(rows), open=running)
        )

    def current(self) -> org.IncidentRow | None:
        """The incident selected."""
        row = row_of(self.view)
        return row if isinstance(row, org.IncidentRow) else None

    def _units(self) -> list[org.UnitRow]:
        return run_query(self, self.ctx, org.units, [])

    def add_incident(self) -> object:
        """新建事件…: returns the new incident's id (None when cancelled)."""
        units = self._units()
        unit_id = working_unit(units).id if units else None
        found = IncidentDialog.ask(self.ctx, units, unit_id, None, self)
        self.refresh()
        return found

    def edit_incident(self) -> None:
        """Change the selected incident."""
        row = self.current()
        if row is not None:
            IncidentDialog.ask(self.ctx, self._units(), row.unit_id, row.id, self)
            self.refresh()

    def close_incident(self) -> None:
        """End the selected incident on a date."""
        row = self.current()
        if row is not None and not row.closed:
            CloseIncidentDialog.ask(self.ctx, row, self)
            self.refresh()

    def reopen_incident(self) -> None:
        """Open the selected (closed) incident again."""
        row = self.current()
        if row is None or not row.closed:
            return
        incident_id = row.id
        run_op(
            self,
            self.ctx,
            lambda s, a: org.reopen_incident(s, a, incident_id),
            changes={Changes.DOCUMENTS},
            done=self.tr("事件已重新开启：{name}").format(name=row.name),
        )
        self.refresh()
