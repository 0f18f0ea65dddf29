"""工作台: the first page, for the user's own units: alerts, charts, recent documents, backup.

Each alert's count opens the list behind it; the shortfall figures (by severity, by town, the
teams' headcount against the plans' minimum) come from a check run right after the page shows,
so the page itself opens on a few grouped reads. A click on a town's bar opens its findings.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.core.quantity import format_quantity
from ledger.norms.model import Severity
from ledger.services import norms, reporting
from ledger.services.backup import backups, default_folder
from ledger.services.reporting import Alert, AlertRow, Overview, RecentDocument
from ledger.ui import extensions
from ledger.ui.context import AppContext, Changes
from ledger.ui.i18n import label, translate
from ledger.ui.navigation import Record, RecordLink, open_record
from ledger.ui.ops import run_query, run_query_later
from ledger.ui.startup import backup_folder
from ledger.ui.tables.base import Column, RowsModel
from ledger.ui.widgets.charts import BarChart, Series
from ledger.ui.widgets.page import Page, table_view

TITLE_STYLE = "QLabel { font-size: 20px; font-weight: 600; }"
NOTE_STYLE = "QLabel { color: #5f6b7a; }"
CARD_STYLE = """
QPushButton {{ text-align: left; padding: 8px 12px; border: 1px solid #d9dde3;
    border-left: 5px solid {color}; border-radius: 4px; background: #ffffff; font-size: 13px; }}
QPushButton:hover {{ background: #f3f7fc; }}
"""
# The colour of each alert's card and of each severity's bars.
ALERT_COLORS = {
    Alert.EXPIRED: "#d64545",
    Alert.EXPIRING: "#e8a33d",
    Alert.MAINTENANCE: "#d64545",
    Alert.CERTIFICATES: "#e8a33d",
    Alert.REMEDIES: "#d64545",
}
SEVERITY_COLORS = {
    Severity.MISSING: "#d64545",
    Severity.SHORT: "#e8a33d",
    Severity.EXPIRING: "#f0c75e",
    Severity.OVERDUE: "#b86b1f",
    Severity.UNCONFIRMED: "#9aa3ad",
    Severity.UNCONFIGURED: "#c7ccd3",
    Severity.UPCOMING: "#7aa6d8",
}
QUIET = "#5aa469"
# The shortfall check starts this long after the page's figures are set, so that the page
# paints (and answers) first.
CHECK_DELAY_MS = 40

ALERT_COLUMNS: list[Column[AlertRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "名称"), lambda r: r.what, width=260),
    Column(QT_TRANSLATE_NOOP("Columns", "所在"), lambda r: r.where, width=200),
    Column(
        QT_TRANSLATE_NOOP("Columns", "日期"),
        lambda r: r.day.isoformat() if r.day else "",
        sort=lambda r: r.day or date.min,
        width=100,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "说明"), lambda r: r.detail),
]
RECENT_COLUMNS: list[Column[RecentDocument]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "单据号"), lambda r: r.number, width=140),
    Column(QT_TRANSLATE_NOOP("Columns", "类型"), lambda r: label(r.doc_type), width=80),
    Column(QT_TRANSLATE_NOOP("Columns", "日期"), lambda r: r.doc_date.isoformat(), width=100),
    Column(QT_TRANSLATE_NOOP("Columns", "仓库"), lambda r: r.depot_name, width=180),
    Column(QT_TRANSLATE_NOOP("Columns", "登记人"), lambda r: r.posted_by),
]


def alert_title(alert: Alert, days: int) -> str:
    """An alert's title in the user's language."""
    return translate("Home", alert.label).format(days=days)


def month_label(first: date) -> str:
    """A month on a chart's axis: 11月 (the year in the chart's title)."""
    return QCoreApplication.translate("Home", "{month}月").format(month=first.month)


def months_span(months: tuple[reporting.Month, ...]) -> str:
    """The months a timeline covers: 2026-11 至 2027-10."""
    if not months:
        return ""
    first, last = months[0].month, months[-1].month
    return QCoreApplication.translate("Home", "{first} 至 {last}").format(
        first=f"{first.year}-{first.month:02d}", last=f"{last.year}-{last.month:02d}"
    )


class AlertListDialog(QDialog):
    """The records behind one alert of the home page."""

    def __init__(self, title: str, rows: list[AlertRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(820, 460)
        self.model: RowsModel[AlertRow] = RowsModel(ALERT_COLUMNS, self)
        self.model.set_rows(rows)
        self.view = table_view(self.model, self, sortable=True)
        caption = QLabel(QCoreApplication.translate("Home", "共 {n} 项").format(n=len(rows)))
        close = QPushButton(QCoreApplication.translate("Home", "关闭"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)


class HomePage(Page):
    """工作台: what needs attention in the user's units, at a glance."""

    interests = frozenset(Changes)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.overview: Overview | None = None
        self.result: norms.CheckResult | None = None
        self._checks = 0  # shortfall checks started
        self.towns: list[reporting.TownCount] = []
        self.dialog: AlertListDialog | None = None
        self.title = QLabel(self.tr("工作台"))
        self.title.setStyleSheet(TITLE_STYLE)
        self.note = QLabel()
        self.note.setStyleSheet(NOTE_STYLE)
        self.cards: dict[Alert, QPushButton] = {}
        alerts = QHBoxLayout()
        for alert in Alert:
            card = QPushButton()
            card.clicked.connect(lambda _=False, a=alert: self.open_alert(a))
            self.cards[alert] = card
            alerts.addWidget(card)
        self.severity_cards: dict[Severity, QPushButton] = {}
        severities = QHBoxLayout()
        self.check_note = QLabel(self.tr("短板："))
        severities.addWidget(self.check_note)
        for severity in Severity:
            card = QPushButton()
            card.setStyleSheet(CARD_STYLE.format(color=SEVERITY_COLORS[severity]))
            card.clicked.connect(lambda _=False: self.open_shortfalls())
            card.setVisible(False)
            self.severity_cards[severity] = card
            severities.addWidget(card)
        severities.addStretch(1)
        self.towns_chart = BarChart(
            self.tr("各乡镇短板（按严重程度，点击柱条查看该乡镇的短板）"), stacked=True, angle=-45
        )
        self.towns_chart.clicked.connect(self.open_town)
        self.towns_chart.setMinimumHeight(300)
        self.stock_chart = BarChart(self.tr("库存（按物资类别，品种数）"), angle=-90)
        self.expiry_chart = BarChart(self.tr("今后12个月到期批次"))
        self.maintenance_chart = BarChart(self.tr("今后12个月到期保养（台/套）"))
        self.headcount_chart = BarChart(self.tr("队伍人数与规划最低人数（按级别）"))
        charts = QGridLayout()
        charts.addWidget(self.towns_chart, 0, 0, 1, 2)
        charts.addWidget(self.stock_chart, 1, 0)
        charts.addWidget(self.headcount_chart, 1, 1)
        charts.addWidget(self.expiry_chart, 2, 0)
        charts.addWidget(self.maintenance_chart, 2, 1)
        self.recent: RowsModel[RecentDocument] = RowsModel(RECENT_COLUMNS, self)
        self.recent_view = table_view(self.recent, self)
        self.recent_view.setMinimumHeight(200)
        self.backup = QLabel()
        self.backup.setStyleSheet(NOTE_STYLE)
        body = QWidget()
        layout = QVBoxLayout(body)
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.note, 1)
        layout.addLayout(heading)
        layout.addLayout(alerts)
        layout.addLayout(severities)
        layout.addLayout(charts)
        layout.addWidget(QLabel(self.tr("最近登记的单据")))
        layout.addWidget(self.recent_view)
        layout.addWidget(self.backup)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.timeout.connect(self.refresh_shortfalls)

    # Reading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the figures again; the shortfall check follows once the page has painted."""
        today, days = self.ctx.today(), self.ctx.settings.expiry_warning_days
        actor = self.ctx.actor
        self.overview = run_query(
            self, self.ctx, lambda s: reporting.overview(s, actor, today, days), None
        )
        if self.overview is None:
            return
        view = self.overview
        scope = self.tr("全部单位") if view.scope.everything else self.tr("本人负责的单位和仓库")
        self.note.setText(self.tr("{scope}　{day}").format(scope=scope, day=today.isoformat()))
        for alert, card in self.cards.items():
            count = view.counts[alert]
            card.setText(f"{alert_title(alert, days)}\n{count:,}")
            card.setStyleSheet(CARD_STYLE.format(color=ALERT_COLORS[alert] if count else QUIET))
        self.stock_chart.set_data(
            [label(c.category) for c in view.stock],
            [Series(self.tr("品种"), tuple(float(c.items) for c in view.stock))],
            self.tr("暂无库存"),
        )
        span = months_span(view.expiries)
        self.expiry_chart.title = self.tr("到期批次（{span}）").format(span=span)
        self.maintenance_chart.title = self.tr("到期保养，台（套）（{span}）").format(span=span)
        self.expiry_chart.set_data(
            [month_label(m.month) for m in view.expiries],
            [Series(self.tr("批次"), tuple(float(m.count) for m in view.expiries), "#e8a33d")],
        )
        self.expiry_chart.setToolTip(
            "\n".join(
                self.tr("{month}：{n} 个批次，共 {q}").format(
                    month=f"{m.month.year}-{m.month.month:02d}",
                    n=m.count,
                    q=format_quantity(m.quantity),
                )
                for m in view.expiries
                if m.count
            )
        )
        self.maintenance_chart.set_data(
            [month_label(m.month) for m in view.maintenance],
            [Series(self.tr("装备"), tuple(float(m.count) for m in view.maintenance), "#5aa469")],
        )
        self.recent.set_rows(list(view.recent))
        self._show_backup()
        self.check_note.setText(self.tr("短板：正在检查……"))
        self._check_timer.start(CHECK_DELAY_MS)

    def refresh_shortfalls(self) -> None:
        """Run the shortfall check on the background worker and show its figures (by
        severity, by town, headcounts); left for the next showing when the user went
        elsewhere meanwhile."""
        if not self.isVisible():
            self._stale = True
            return
        actor, today = self.ctx.actor, self.ctx.today()
        self._checks += 1
        number = self._checks  # only the latest check is shown, whichever ends first

        def arrived(result: norms.CheckResult | None) -> None:
            if number == self._checks:
                self._show_shortfalls(result)

        run_query_later(self, self.ctx, lambda s: norms.check(s, actor, on=today), arrived)

    def _show_shortfalls(self, result: norms.CheckResult | None) -> None:
        """Show the figures of the check that came back from the background worker."""
        self.result = result
        actor = self.ctx.actor
        scope = self.overview.scope if self.overview is not None else None
        if self.result is None:
            self.check_note.setText(self.tr("短板：未能检查"))
            return
        result = self.result
        counts = reporting.severity_counts(result, scope)
        total = sum(counts.values())
        self.check_note.setText(
            self.tr("短板 {n} 项：").format(n=f"{total:,}") if total else self.tr("没有短板")
        )
        for severity, card in self.severity_cards.items():
            card.setText(f"{translate('Norms', severity.label)} {counts[severity]:,}")
            card.setVisible(bool(counts[severity]))
        self.towns = reporting.town_counts(result, scope)
        shown = [s for s in Severity if any(t.counts.get(s) for t in self.towns)]
        self.towns_chart.set_data(
            [t.name for t in self.towns],
            [
                Series(
                    translate("Norms", s.label),
                    tuple(float(t.counts.get(s, 0)) for t in self.towns),
                    SEVERITY_COLORS[s],
                )
                for s in shown
            ],
            self.tr("没有短板"),
        )
        levels = run_query(
            self, self.ctx, lambda s: reporting.headcount_by_level(s, actor, result), []
        )
        self.headcount_chart.set_data(
            [label(h.level) for h in levels],
            [
                Series(self.tr("在队人数"), tuple(float(h.members) for h in levels), "#3b78c2"),
                Series(self.tr("规划最低人数"), tuple(float(h.minimum) for h in levels), "#d64545"),
            ],
            self.tr("暂无队伍"),
        )

    def _show_backup(self) -> None:
        database = Path(self.ctx.db.path)
        folder = backup_folder(self.ctx.settings) or default_folder()
        found = backups(folder, database) if database.suffix else []
        if found:
            text = self.tr("最近一次自动备份：{when}").format(
                when=found[0].taken_at.strftime("%Y-%m-%d %H:%M")
            )
        else:
            text = self.tr("还没有自动备份（文件 → 备份与恢复）")
        self.backup.setText(text)

    # Acting --------------------------------------------------------------------------------
    def open_alert(self, alert: Alert) -> AlertListDialog:
        """Show the records behind ``alert``."""
        today, days, actor = self.ctx.today(), self.ctx.settings.expiry_warning_days, self.ctx.actor
        rows = run_query(
            self, self.ctx, lambda s: reporting.alert_rows(s, actor, alert, today, days), []
        )
        self.dialog = AlertListDialog(alert_title(alert, days), rows, self)
        self.dialog.show()
        return self.dialog

    def open_shortfalls(self) -> QWidget | None:
        """Open the 短板检查 page."""
        return open_record(self, RecordLink(Record.FINDINGS))

    def open_town(self, index: int) -> QWidget | None:
        """Open the 短板检查 page on the town of the bar clicked."""
        if not 0 <= index < len(self.towns):
            return None
        return open_record(self, RecordLink(Record.FINDINGS, unit_id=self.towns[index].unit_id))


extensions.register_page(extensions.PageSpec("home", HomePage))
