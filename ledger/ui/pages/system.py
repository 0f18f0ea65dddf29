"""系统: this computer's preferences, the database in use, and checking the ledger.

The check runs the verification steps one by one off the GUI thread, behind a progress
dialog that can cancel between steps.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services import database, verify
from ledger.ui import extensions, messages
from ledger.ui.background import Progress, Task, run_in_background
from ledger.ui.context import AppContext, Changes
from ledger.ui.i18n import LANGUAGES, label
from ledger.ui.settings import EXPIRY_WARNING_DAYS, LANGUAGE, MAINTENANCE_WARNING_DAYS
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
        box = QGroupBox(self.tr("本机设置"))
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.expiry_days = QSpinBox()
        self.expiry_days.setRange(0, 3650)
        self.expiry_days.setSuffix(self.tr(" 天"))
        self.maintenance_days = QSpinBox()
        self.maintenance_days.setRange(0, 3650)
        self.maintenance_days.setSuffix(self.tr(" 天"))
        save = QPushButton(self.tr("保存设置"))
        save.clicked.connect(self.save_settings)
        for widget in (self.language, self.expiry_days, self.maintenance_days, save):
            widget.setFixedWidth(180)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("界面语言"), self.language)
        form.addRow(self.tr("临期提醒：有效期在此天数内的批次标黄"), self.expiry_days)
        form.addRow(self.tr("保养提醒：下次保养在此天数内的装备标黄"), self.maintenance_days)
        form.addRow("", save)
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
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.expiry_days.setValue(settings.expiry_warning_days)
        self.maintenance_days.setValue(settings.maintenance_warning_days)

    def refresh(self) -> None:
        counts = self.ctx.read(verify.counts)
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

    def save_settings(self) -> None:
        """Store the preferences; pages recolour at once, the language after a restart."""
        settings = self.ctx.settings
        language_changed = self.language.currentData() != settings.language
        settings.set(LANGUAGE, self.language.currentData())
        settings.set(EXPIRY_WARNING_DAYS, self.expiry_days.value())
        settings.set(MAINTENANCE_WARNING_DAYS, self.maintenance_days.value())
        settings.sync()
        self.ctx.announce({Changes.SETTINGS})
        if language_changed:
            messages.info(self, self.tr("界面语言将在重新启动程序后生效。"))
        else:
            messages.status(self.tr("设置已保存"))

    def check_ledger(self) -> None:
        """Verify the ledger off the GUI thread, step by step, cancellable between steps."""
        ctx = self.ctx

        def work(progress: Progress) -> list[verify.Discrepancy]:
            found: list[verify.Discrepancy] = []
            for number, (text, step) in enumerate(STEPS):
                progress.report(number, len(STEPS), self.tr(text))
                found += ctx.read(step)
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
