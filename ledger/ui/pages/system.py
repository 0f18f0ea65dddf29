"""系统: this computer's preferences, the database in use, and checking the ledger.

The check runs the verification steps one by one off the GUI thread, behind a progress
dialog that can cancel between steps.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services import database, verify
from ledger.ui import extensions
from ledger.ui.background import Progress, Task, run_in_background
from ledger.ui.context import AppContext, Changes
from ledger.ui.i18n import LANGUAGES, label
from ledger.ui.ops import run_query, worker_read
from ledger.ui.tables.base import Column, RowsModel
from ledger.ui.widgets.page import Page, table_view

#: The verification steps, in order, with what the progress dialog says.
STEPS = (
    (QT_TRANSLATE_NOOP("SystemPage", "正在检查数据库文件的数据页……"), database.check_file),
    (QT_TRANSLATE_NOOP("SystemPage", "正在核对库存余额与出入库流水……"), verify.check_balances),
    (QT_TRANSLATE_NOOP("SystemPage", "正在核对各仓库的流水哈希链……"), verify.check_movement_chains),
    (QT_TRANSLATE_NOOP("SystemPage", "正在核对流水与单据明细……"), verify.check_movement_lines),
    (QT_TRANSLATE_NOOP("SystemPage", "正在核对已过账单据……"), verify.check_posted_records),
    (QT_TRANSLATE_NOOP("SystemPage", "正在核对审计日志链……"), verify.check_audit_chain),
    (QT_TRANSLATE_NOOP("SystemPage", "正在核对期末结账的结存……"), verify.check_period_closes),
)
FINDING_COLUMNS: list[Column[verify.Discrepancy]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "数据表"), lambda d: d.table, width=120),
    Column(QT_TRANSLATE_NOOP("Columns", "记录"), lambda d: d.row, width=200),
    Column(QT_TRANSLATE_NOOP("Columns", "问题"), lambda d: d.detail),
]
GOOD_STYLE = "QLabel { color: #1d7a3a; font-weight: 600; }"
BAD_STYLE = "QLabel { color: #a61b1b; font-weight: 600; }"


class SystemPage(Page):
    """Preferences, database, verification."""

    interests = frozenset({Changes.STOCK, Changes.SETTINGS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.task: Task | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self._preferences())
        layout.addWidget(self._database(), 1)

    def _preferences(self) -> QGroupBox:
        """Where the settings are: all of them in one dialog (文件 → 设置…, Ctrl+,)."""
        box = QGroupBox(self.tr("本机设置"))
        self.settings_summary = QLabel()
        self.settings_summary.setWordWrap(True)
        self.settings_button = QPushButton(self.tr("打开设置…（Ctrl+,）"))
        self.settings_button.clicked.connect(self.open_settings)
        row = QHBoxLayout(box)
        row.addWidget(self.settings_summary, 1)
        row.addWidget(self.settings_button)
        self._load_settings()
        return box

    def _database(self) -> QGroupBox:
        box = QGroupBox(self.tr("数据库与台账校验"))
        actor = self.ctx.actor
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        who = self.tr("当前用户：{name}（{role}）").format(name=actor.name, role=label(actor.role))
        path = QLabel(self.tr("数据库：{path}").format(path=self.ctx.db.path))
        self.check_button = QPushButton(self.tr("校验台账…"))
        self.check_button.clicked.connect(self.check_ledger)
        self.result = QLabel(self.tr("校验会重新计算全部库存并核对流水、单据和审计日志的哈希链。"))
        self.findings: RowsModel[verify.Discrepancy] = RowsModel(FINDING_COLUMNS, self)
        row = QHBoxLayout()
        row.addWidget(self.check_button)
        row.addWidget(self.result, 1)
        layout = QVBoxLayout(box)
        for widget in (path, QLabel(who), self.facts):
            layout.addWidget(widget)
        layout.addLayout(row)
        self.findings_view = table_view(self.findings, self, sortable=True)
        self.findings_view.hide()
        layout.addWidget(self.findings_view, 10)
        layout.addStretch(1)
        return box

    def _load_settings(self) -> None:
        settings = self.ctx.settings
        self.settings_summary.setText(
            self.tr(
                "界面语言：{language}；临期提醒 {expiry} 天；保养提醒 {maintenance} 天。"
                "数据与备份文件夹、默认规划、报表字体也都在“设置”中。"
            ).format(
                language=LANGUAGES.get(settings.language, settings.language),
                expiry=settings.expiry_warning_days,
                maintenance=settings.maintenance_warning_days,
            )
        )

    def refresh(self) -> None:
        self._load_settings()
        counts = run_query(self, self.ctx, verify.counts)
        stock = self.tr("仓库 {depots} 个，单据 {documents} 张，出入库流水 {movements} 条")
        rest = self.tr("库存批次 {balances} 个，审计记录 {audit} 条")
        self.facts.setText(
            stock.format(
                depots=counts.depots,
                documents=f"{counts.documents:,}",
                movements=f"{counts.movements:,}",
            )
            + "，"
            + rest.format(balances=f"{counts.balances:,}", audit=f"{counts.audit_rows:,}")
        )

    def open_settings(self) -> None:
        """The settings dialog, the one place where every setting is changed."""
        from ledger.ui.dialogs.preferences import PreferencesDialog  # report fonts: when used

        dialog = PreferencesDialog(self.ctx, self)
        dialog.exec()
        self._load_settings()

    def check_ledger(self) -> None:
        """Verify the ledger off the GUI thread, step by step, cancellable between steps."""
        ctx = self.ctx

        def work(progress: Progress) -> list[verify.Discrepancy]:
            found: list[verify.Discrepancy] = []
            for number, (text, step) in enumerate(STEPS):
                progress.report(number, len(STEPS), self.tr(text))
                found += worker_read(ctx, step)
            progress.report(len(STEPS), len(STEPS))
            return found

        self.check_button.setEnabled(False)
        self.result.setText(self.tr("正在校验……"))
        self.task = run_in_background(self, self.tr("校验台账"), work, self._checked)
        self.task.ended.connect(self._check_ended)

    def _checked(self, found: list[verify.Discrepancy]) -> None:
        self.findings.set_rows(found)
        self.findings_view.setVisible(bool(found))
        if found:
            self.result.setStyleSheet(BAD_STYLE)
            self.result.setText(self.tr("发现 {n} 处不一致，请联系技术支持。").format(n=len(found)))
        else:
            self.result.setStyleSheet(GOOD_STYLE)
            self.result.setText(self.tr("台账一致：库存与流水相符，哈希链完整。"))

    def _check_ended(self) -> None:
        self.check_button.setEnabled(True)
        if self.task is not None and self.task.outcome == "cancelled":
            self.result.setStyleSheet("")
            self.result.setText(self.tr("校验已取消。"))


extensions.register_page(extensions.PageSpec("system", SystemPage))
