"""Dialogs of the exchange between offices: transfers in transit, and the county's view.

Both show frozen rows from :mod:`ledger.services.exchange`; the one change they make (posting
the receipt of a transit) goes through :func:`ledger.ui.ops.run_op`.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ledger.services.exchange import county, transit
from ledger.services.exchange.county import OfficeSummary
from ledger.services.exchange.transit import TransitRow
from ledger.services.permissions import Action, role_may
from ledger.ui import messages
from ledger.ui.context import STOCK_CHANGES, AppContext
from ledger.ui.ops import run_op, run_query
from ledger.ui.tables.base import Column, RowsModel
from ledger.ui.widgets.page import row_of, table_view


def _lines(row: TransitRow) -> str:
    return "；".join(f"{ln.item_name} {ln.quantity}{ln.unit}" for ln in row.lines)


def _state(row: TransitRow) -> str:
    if row.receipt_number:
        return QCoreApplication.translate("Exchange", "已接收（{number}）").format(
            number=row.receipt_number
        )
    return (
        QCoreApplication.translate("Exchange", "已红冲")
        if row.reversed
        else QCoreApplication.translate("Exchange", "在途")
    )


TRANSIT_COLUMNS: list[Column[TransitRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "调拨单号"), lambda r: r.number, width=130),
    Column(QT_TRANSLATE_NOOP("Columns", "调出日期"), lambda r: r.sent_on.isoformat(), width=100),
    Column(QT_TRANSLATE_NOOP("Columns", "调出仓库"), lambda r: r.source_depot, width=150),
    Column(QT_TRANSLATE_NOOP("Columns", "调入仓库"), lambda r: r.dest_depot, width=150),
    Column(QT_TRANSLATE_NOOP("Columns", "物资"), _lines, width=260),
    Column(QT_TRANSLATE_NOOP("Columns", "状态"), _state),
]


class TransitsDialog(QDialog):
    """在途调拨: transfers from other offices; the receiving office posts the receipt here."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(QCoreApplication.translate("Exchange", "在途调拨"))
        self.resize(900, 420)
        hint = QLabel(
            QCoreApplication.translate(
                "Exchange",
                "调往其他办公室仓库的物资，调出方只登记出库，物资处于在途状态；"
                "数据包送达后，由调入方在此接收，登记入库单。",
            )
        )
        hint.setWordWrap(True)
        self.model: RowsModel[TransitRow] = RowsModel(TRANSIT_COLUMNS, self)
        self.view = table_view(self.model, self, stretch=4)
        self.receive_button = QPushButton(QCoreApplication.translate("Exchange", "接收选中的调拨"))
        self.receive_button.clicked.connect(lambda: self.receive())
        self.receive_button.setEnabled(role_may(ctx.actor, Action.POST))
        buttons = QHBoxLayout()
        buttons.addWidget(self.receive_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        """Show the transfers still in transit."""
        self.model.set_rows(run_query(self, self.ctx, transit.transits, []))

    def receive(self, transit_id: uuid.UUID | None = None) -> bool:
        """Post the receipt of the selected transit (or of ``transit_id``) on today's date."""
        if transit_id is None:
            row = row_of(self.view)
            if not isinstance(row, TransitRow):
                messages.status(QCoreApplication.translate("Exchange", "请先选中一张调拨单"))
                return False
            transit_id = row.id
        key = transit_id
        outcome = run_op(
            self,
            self.ctx,
            lambda s, a: transit.receive_transit(s, a, key, self.ctx.today()),
            changes=STOCK_CHANGES,
        )
        if outcome.ok and outcome.value is not None:
            messages.status(
                QCoreApplication.translate("Exchange", "已接收，入库单 {number}").format(
                    number=outcome.value.number
                )
            )
        self.refresh()
        return outcome.ok


def _count(value: int | None) -> str:
    return "—" if value is None else str(value)


COUNTY_COLUMNS: list[Column[OfficeSummary]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "单位"), lambda r: r.name, width=150),
    Column(QT_TRANSLATE_NOOP("Columns", "代码"), lambda r: r.code, width=110),
    Column(
        QT_TRANSLATE_NOOP("Columns", "队伍"),
        lambda r: str(r.teams),
        lambda r: r.teams,
        numeric=True,
        width=60,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "在队人员"),
        lambda r: str(r.members),
        lambda r: r.members,
        numeric=True,
        width=80,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "仓库"),
        lambda r: str(r.depots),
        lambda r: r.depots,
        numeric=True,
        width=60,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "库存批次"),
        lambda r: str(r.stock_lines),
        lambda r: r.stock_lines,
        numeric=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "装备"),
        lambda r: str(r.equipment),
        lambda r: r.equipment,
        numeric=True,
        width=60,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "缺失"),
        lambda r: _count(r.findings_red),
        lambda r: r.findings_red or 0,
        numeric=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "不足/到期"),
        lambda r: _count(r.findings_amber),
        lambda r: r.findings_amber or 0,
        numeric=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "最近数据包"),
        lambda r: (
            QCoreApplication.translate("Exchange", "第 {n} 号").format(n=r.last_package)
            if r.reports
            else QCoreApplication.translate("Exchange", "本库录入")
        ),
        width=90,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "导入时间"),
        lambda r: r.last_import.astimezone().strftime("%Y-%m-%d %H:%M") if r.last_import else "",
    ),
]


class CountyDialog(QDialog):
    """全县汇总: each town's teams, stock and shortfalls, and how fresh its data is."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(QCoreApplication.translate("Exchange", "全县汇总"))
        self.resize(1100, 480)
        self.caption = QLabel()
        self.model: RowsModel[OfficeSummary] = RowsModel(COUNTY_COLUMNS, self)
        self.view = table_view(self.model, self, sortable=True, stretch=10)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)
        self.refresh()

    def refresh(self) -> None:
        """Gather the figures again."""
        today = self.ctx.today()

        def query(session: object) -> list[OfficeSummary]:
            root = county.county_root(session)  # type: ignore[arg-type]
            if root is None:
                return []
            return county.county_overview(session, self.ctx.actor, root, today)  # type: ignore[arg-type]

        rows = run_query(self, self.ctx, query, [])
        self.model.set_rows(rows)
        if rows:
            text = QCoreApplication.translate(
                "Exchange", "{name}及下辖各乡镇，截至 {day}（短板按各单位绑定的规划检查）"
            )
            self.caption.setText(text.format(name=rows[0].name, day=today.isoformat()))
        else:
            self.caption.setText(QCoreApplication.translate("Exchange", "本库中没有县级单位"))
