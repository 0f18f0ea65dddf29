"""Dialogs of the exchange between offices: transfers in transit, and the county's view.

Both show frozen rows from :mod:`ledger.services.exchange`; the one change they make (posting
the receipt of a transit) goes through :func:`ledger.ui.ops.run_op`.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ledger.core.enums import Level
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services import exchange
from ledger.services.accounts import Action, role_may
from ledger.services.exchange import OfficeSummary, TransitRow
from ledger.ui import messages
from ledger.ui.context import STOCK_CHANGES, AppContext
from ledger.ui.ops import run_op, run_query
from ledger.ui.tables.base import Column, RowsModel
from ledger.ui.widgets.charts import BarChart, Series
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
        self.model.set_rows(run_query(self, self.ctx, exchange.transits, []))

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
            lambda s, a: exchange.receive_transit(s, a, key, self.ctx.today()),
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
    """全县汇总 (全市汇总 at a city): each town's (county's) teams, stock and shortfalls, how
    fresh its data is, with 合计, charts per row, an Excel export and a printed copy; a
    double-click on a row below the root opens that unit's own view (a county's 全县汇总)."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, root: uuid.UUID | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[OfficeSummary] = []
        self.opened: list[CountyDialog] = []
        self.root, self.city = run_query(self, ctx, lambda s: _root(s, root), (None, False))
        self.title = _title(self.city)
        self.setWindowTitle(self.title)
        room = self.screen().availableGeometry()  # the whole view on a 1366×768 screen
        self.resize(min(1200, room.width()), min(820, room.height() - 40))
        self.caption = QLabel()
        self.model: RowsModel[OfficeSummary] = RowsModel(COUNTY_COLUMNS, self)
        self.view = table_view(self.model, self, sortable=True, stretch=10)
        self.view.doubleClicked.connect(lambda _index: self.open_row())
        if self.city:
            self.view.setToolTip(
                QCoreApplication.translate("Exchange", "双击一个区县，查看它的全县汇总")
            )
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        titles = _chart_titles(self.city)
        self.findings_chart = BarChart(titles[0], stacked=True, angle=-90)
        self.members_chart = BarChart(titles[1], angle=-90)
        self.stock_chart = BarChart(titles[2], angle=-90)
        self.equipment_chart = BarChart(titles[3], angle=-90)
        self.charts = QTabWidget()
        for chart, title in (
            (self.findings_chart, QCoreApplication.translate("Exchange", "短板")),
            (self.members_chart, QCoreApplication.translate("Exchange", "在队人员")),
            (self.stock_chart, QCoreApplication.translate("Exchange", "库存批次")),
            (self.equipment_chart, QCoreApplication.translate("Exchange", "装备")),
        ):
            chart.setMinimumHeight(240)
            self.charts.addTab(chart, title)
        export = QPushButton(QCoreApplication.translate("Exchange", "导出Excel…"))
        export.clicked.connect(lambda: self.export_excel())
        printed = QPushButton(QCoreApplication.translate("Exchange", "打印…"))
        printed.clicked.connect(self.print_view)
        close = QPushButton(QCoreApplication.translate("Exchange", "关闭"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.totals, 1)
        for button in (export, printed, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.charts, 1)  # the charts and the rows share the height
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        """Gather the figures again."""
        today = self.ctx.today()
        root = self.root

        def query(session: object) -> list[OfficeSummary]:
            if root is None:
                return []
            return exchange.overview(session, self.ctx.actor, root, today)  # type: ignore[arg-type]

        rows = run_query(self, self.ctx, query, [])
        self.rows = rows
        self.model.set_rows(rows)
        if rows and self.city:
            text = QCoreApplication.translate(
                "Exchange",
                "{name}及下辖各区县，截至 {day}"
                "（短板按各单位绑定的规划检查；双击区县查看全县汇总）",
            )
            self.caption.setText(text.format(name=rows[0].name, day=today.isoformat()))
        elif rows:
            text = QCoreApplication.translate(
                "Exchange", "{name}及下辖各乡镇，截至 {day}（短板按各单位绑定的规划检查）"
            )
            self.caption.setText(text.format(name=rows[0].name, day=today.isoformat()))
        else:
            self.caption.setText(QCoreApplication.translate("Exchange", "本库中没有县级单位"))
        self._show_totals()
        self._show_charts()

    def open_row(self, row: OfficeSummary | None = None) -> CountyDialog | None:
        """Open the view of the selected row's unit (not the root's own row), shown modeless."""
        row = row if row is not None else row_of(self.view)  # type: ignore[assignment]
        if not isinstance(row, OfficeSummary) or row.unit_id == self.root:
            return None
        child = CountyDialog(self.ctx, self, root=row.unit_id)
        self.opened.append(child)
        child.show()
        return child

    def _show_totals(self) -> None:
        t = exchange.county_totals(self.rows)
        text = QCoreApplication.translate(
            "Exchange", "合计：队伍 {teams} 支，在队人员 {members} 人，仓库 {depots} 个，"
            "库存批次 {lots} 个，装备 {equipment} 台（套）"
        ).format(teams=t.teams, members=t.members, depots=t.depots, lots=t.stock_lines,
                 equipment=t.equipment)  # fmt: skip
        if t.findings_red is not None:
            text += QCoreApplication.translate(
                "Exchange", "；短板：缺失 {red} 项，不足/到期 {amber} 项"
            ).format(red=t.findings_red, amber=t.findings_amber)
        self.totals.setText(text)

    def _show_charts(self) -> None:
        names = [r.name for r in self.rows]
        red = QCoreApplication.translate("Columns", "缺失")
        amber = QCoreApplication.translate("Columns", "不足/到期")
        self.findings_chart.set_data(
            names,
            [Series(red, tuple(float(r.findings_red or 0) for r in self.rows), "#d64545"),
             Series(amber, tuple(float(r.findings_amber or 0) for r in self.rows), "#e8a33d")],
        )  # fmt: skip
        self.members_chart.set_data(
            names,
            [Series(QCoreApplication.translate("Columns", "在队人员"),
                    tuple(float(r.members) for r in self.rows), "#3b78c2")],
        )  # fmt: skip
        self.stock_chart.set_data(
            names,
            [Series(QCoreApplication.translate("Columns", "库存批次"),
                    tuple(float(r.stock_lines) for r in self.rows), "#5aa469")],
        )  # fmt: skip
        self.equipment_chart.set_data(
            names,
            [Series(QCoreApplication.translate("Columns", "装备"),
                    tuple(float(r.equipment) for r in self.rows), "#3b78c2")],
        )  # fmt: skip

    def export_excel(self, path: Path | None = None) -> Path | None:
        """Write the view (with 合计) to a workbook; ask where unless ``path`` is given."""
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                QCoreApplication.translate("Exchange", "导出{title}").format(title=self.title),
                QCoreApplication.translate("Exchange", "{title}.xlsx").format(title=self.title),
                QCoreApplication.translate("Exchange", "Excel 工作簿 (*.xlsx)"),
            )
            if not chosen:
                return None
            path = Path(chosen)
        from ledger.io.county import export_county  # openpyxl: when first used

        try:
            export_county(path, self.rows, self.title)
        except OSError as error:
            messages.warning(
                self,
                QCoreApplication.translate("Exchange", "无法写入文件：{error}").format(error=error),
            )
            return None
        messages.status(QCoreApplication.translate("Exchange", "已导出：{path}").format(path=path))
        return path

    def print_view(self) -> None:
        """Preview the view on paper (charts on page 1, the table with 合计), to print or save."""
        from datetime import datetime

        from ledger.reports.county import county_pdf
        from ledger.ui.pages import _report_preview

        now = datetime.now().astimezone()
        data = county_pdf(self.rows, self.ctx.today(), self.ctx.actor.name, now, city=self.city)
        _report_preview.show_preview(self.title, data, self)


def _root(session: object, root: uuid.UUID | None) -> tuple[uuid.UUID | None, bool]:
    """The view's root (given, or this office's) and whether it is above a county."""
    found = root if root is not None else exchange.county_root(session)  # type: ignore[arg-type]
    if found is None:
        return None, False
    level = exchange.root_level(session, found)  # type: ignore[arg-type]
    return found, level.rank < Level.COUNTY.rank


def _title(city: bool) -> str:
    if city:
        return QCoreApplication.translate("Exchange", "全市汇总")
    return QCoreApplication.translate("Exchange", "全县汇总")


def _chart_titles(city: bool) -> tuple[str, str, str, str]:
    if city:
        return (
            QCoreApplication.translate("Exchange", "各区县短板"),
            QCoreApplication.translate("Exchange", "各区县在队人员"),
            QCoreApplication.translate("Exchange", "各区县库存批次"),
            QCoreApplication.translate("Exchange", "各区县装备，台（套）"),
        )
    return (
        QCoreApplication.translate("Exchange", "各乡镇短板"),
        QCoreApplication.translate("Exchange", "各乡镇在队人员"),
        QCoreApplication.translate("Exchange", "各乡镇库存批次"),
        QCoreApplication.translate("Exchange", "各乡镇装备，台（套）"),
    )
