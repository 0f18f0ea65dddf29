"""规划导入向导: from a plan's text (.txt, .docx, .pdf) to an installed profile of the office's own.

Three steps: choose the file (its head is shown: title, number, issuer, date); review each
proposed rule (accept or reject it, edit its number or levels; the numeric clauses not proposed
are listed with the reason); then a dry run on the current data, which flags rules that fire at
nearly every unit, and the install, as ``ledger profiles --add`` does.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ledger.core.quantity import format_quantity
from ledger.norms.drafting.model import Proposal
from ledger.norms.drafting.output import Draft, draft_toml, profile_id
from ledger.norms.kinds import KINDS
from ledger.services import norms
from ledger.services.norms import ProfileInfo
from ledger.ui import messages
from ledger.ui.context import AppContext, Changes
from ledger.ui.i18n import translate
from ledger.ui.ops import run_op, run_query
from ledger.ui.tables.shortfalls import FindingsModel
from ledger.ui.widgets.page import table_view

FLAG_COLOUR = QColor("#fde2e1")
ACCEPT, LINE, KIND, LEVEL, NUMBER, UNIT, CONDITION, TITLE, UNMATCHED = range(9)


class PlanWizard(QWizard):
    """The wizard; :attr:`installed` is the profile installed at the end, if any."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.draft: Draft | None = None
        self.installed: ProfileInfo | None = None
        self.setWindowTitle(self.tr("规划导入向导"))
        self.setMinimumSize(1000, 620)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.file_page = FilePage(self)
        self.review_page = ReviewPage(self)
        self.install_page = InstallPage(self)
        for page in (self.file_page, self.review_page, self.install_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("安装规划"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))

    def load(self, path: Path) -> bool:
        """Read and draft the plan at ``path``; False (with the refusal shown) if it cannot."""
        draft = run_query(self, self.ctx, lambda s: norms.draft_plan(s, self.ctx.actor, path), None)
        if draft is None:
            return False
        self.draft = draft
        return True

    def accept(self) -> None:
        """Install the accepted proposals; the wizard stays open on a refusal."""
        if self.draft is None:
            return
        draft, pid = self.draft, self.install_page.profile_id.text().strip()
        outcome = run_op(
            self, self.ctx, lambda _s, a: norms.install_draft(a, draft, pid),
            changes={Changes.SETTINGS},
        )  # fmt: skip
        if outcome.ok and outcome.value is not None:
            self.installed = outcome.value
            messages.status(self.tr("已安装规划：{name}").format(name=outcome.value.name))
            super().accept()

    @classmethod
    def ask(cls, ctx: AppContext, parent: QWidget | None = None) -> ProfileInfo | None:
        """Run the wizard; the profile installed, or None."""
        wizard = cls(ctx, parent)
        wizard.exec()
        return wizard.installed


class FilePage(QWizardPage):
    """Step 1: the plan file and what its head says."""

    def __init__(self, wizard: PlanWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(self.tr("选择规划文本"))
        self.setSubTitle(
            self.tr("支持文本（.txt）、Word（.docx）和带文字层的 PDF；扫描件请先做文字识别。")
        )
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("规划文件的位置"))
        self.path.textChanged.connect(lambda _t: self.completeChanged.emit())
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self.browse)
        self.head = QLabel()
        self.head.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.head)
        layout.addStretch(1)

    def browse(self) -> None:
        """Choose the plan file."""
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("选择规划文本"), "", self.tr("规划文本 (*.txt *.docx *.pdf)")
        )
        if chosen:
            self.path.setText(chosen)

    def isComplete(self) -> bool:
        """A file is named."""
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        """Draft the plan; stay on this page if it cannot be read."""
        if not self.owner.load(Path(self.path.text().strip())):
            return False
        draft = self.owner.draft
        assert draft is not None
        head = draft.head
        self.head.setText(
            self.tr("{title}\n文号：{number}　发文机关：{issuer}　日期：{date}").format(
                title=head.title,
                number=head.number or self.tr("无文号"),
                issuer=head.issuer or self.tr("未署"),
                date=head.date.isoformat() if head.date else self.tr("未署日期"),
            )
        )
        return True


class ReviewPage(QWizardPage):
    """Step 2: each proposal, to accept, edit or reject; and the clauses not proposed."""

    def __init__(self, wizard: PlanWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(self.tr("逐条核对建议的规则"))
        self.table = QTableWidget(0, 9)
        self.table.setHorizontalHeaderLabels(
            [self.tr("采用"), self.tr("行"), self.tr("类型"), self.tr("层级"), self.tr("数值"),
             self.tr("单位"), self.tr("条件"), self.tr("要求"), self.tr("目录中无此物资")]
        )  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.itemChanged.connect(self._edited)
        self.table.currentCellChanged.connect(lambda *_: self._show_quote())
        self.skipped = QTableWidget(0, 3)
        self.skipped.setHorizontalHeaderLabels([self.tr("行"), self.tr("原因"), self.tr("原文")])
        self.skipped.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.skipped.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.skipped.verticalHeader().hide()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, self.tr("建议的规则"))
        self.tabs.addTab(self.skipped, self.tr("未采用的数字条款"))
        self.quote = QLabel()
        self.quote.setWordWrap(True)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = QLabel()
        self.hint.setStyleSheet("QLabel { color: #a61b1b; }")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.quote)
        layout.addWidget(self.hint)
        self._filling = False

    def initializePage(self) -> None:
        """Fill the tables from the draft."""
        draft = self.owner.draft
        assert draft is not None
        head = draft.head
        self.setSubTitle(
            self.tr("{title}（{number}，{issuer}，{date}）").format(
                title=head.title,
                number=head.number or self.tr("无文号"),
                issuer=head.issuer or self.tr("未署发文机关"),
                date=head.date.isoformat() if head.date else self.tr("未署日期"),
            )
        )
        self._filling = True
        self.table.setRowCount(len(draft.proposals))
        for row, proposal in enumerate(draft.proposals):
            self._fill_row(row, proposal)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        self._filling = False
        self.skipped.setRowCount(len(draft.skipped))
        for row, item in enumerate(draft.skipped):
            for column, text in enumerate(
                (str(item.line), translate("Drafting", item.reason), item.quote)
            ):
                self.skipped.setItem(row, column, QTableWidgetItem(text))
        self.tabs.setTabText(0, self.tr("建议的规则（{n}）").format(n=len(draft.proposals)))
        self.tabs.setTabText(1, self.tr("未采用的数字条款（{n}）").format(n=len(draft.skipped)))
        self.table.setCurrentCell(0, TITLE)

    def _fill_row(self, row: int, proposal: Proposal) -> None:
        accept = QTableWidgetItem()
        accept.setFlags(
            Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
        )
        accept.setCheckState(
            Qt.CheckState.Checked if proposal.accepted else Qt.CheckState.Unchecked
        )
        self.table.setItem(row, ACCEPT, accept)
        number = proposal.shown_number
        texts = {
            LINE: str(proposal.line),
            KIND: translate("Norms", KINDS[proposal.kind].label),
            LEVEL: proposal.level or self.tr("各级"),
            NUMBER: "" if number is None else format_quantity(number),
            UNIT: proposal.unit,
            CONDITION: proposal.condition or "",
            TITLE: proposal.title,
            UNMATCHED: "、".join(proposal.unmatched),
        }
        for column, text in texts.items():
            item = QTableWidgetItem(text)
            editable = column == LEVEL or (column == NUMBER and number is not None)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            item.setFlags(flags | Qt.ItemFlag.ItemIsEditable if editable else flags)
            if column == UNMATCHED and text:
                item.setBackground(FLAG_COLOUR)
            self.table.setItem(row, column, item)

    def _edited(self, item: QTableWidgetItem) -> None:
        draft = self.owner.draft
        if self._filling or draft is None:
            return
        proposal = draft.proposals[item.row()]
        self.hint.clear()
        try:
            if item.column() == ACCEPT:
                proposal.accepted = item.checkState() == Qt.CheckState.Checked
            elif item.column() == NUMBER:
                proposal.set_number(Decimal(item.text().strip()))
            elif item.column() == LEVEL:
                text = item.text().strip()
                proposal.set_levels("" if text == self.tr("各级") else text)
        except (ValueError, InvalidOperation):
            self.hint.setText(
                self.tr(
                    "第{line}行“{text}”无效：数值应为非负数（人数、台数取整），"
                    "层级为省、市、县、乡镇、街道、乡镇（街道）、功能区、村"
                ).format(line=proposal.line, text=item.text())
            )
        else:
            if item.column() == ACCEPT:
                return
        # the row as the proposal now reads: 乡镇、街道 as 乡镇（街道）, the title's new number
        self._filling = True
        self._fill_row(item.row(), proposal)
        self._filling = False

    def _show_quote(self) -> None:
        draft = self.owner.draft
        row = self.table.currentRow()
        if draft is None or not 0 <= row < len(draft.proposals):
            return
        proposal = draft.proposals[row]
        note = f"\n{proposal.note}" if proposal.note else ""
        self.quote.setText(
            self.tr("第{line}行 {section}：「{quote}」").format(
                line=proposal.line, section=proposal.section, quote=proposal.quote
            )
            + note
        )

    def validatePage(self) -> bool:
        """At least one proposal is accepted."""
        draft = self.owner.draft
        if draft is None or not any(p.accepted for p in draft.proposals):
            self.hint.setText(self.tr("请至少采用一条规则"))
            return False
        return True


class InstallPage(QWizardPage):
    """Step 3: the profile's id, the dry run on the current data, then install."""

    def __init__(self, wizard: PlanWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(self.tr("试运行并安装"))
        self.setSubTitle(
            self.tr("按当前台账数据试算各条规则；几乎每个单位都不达标的规则请再核对。")
        )
        self.profile_id = QLineEdit()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("规则"), self.tr("要求"), self.tr("适用单位"), self.tr("不达标单位")]
        )
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.currentCellChanged.connect(lambda *_: self._show_findings())
        self.findings = FindingsModel(self)
        self.findings_view = table_view(self.findings, self)
        self.run: norms.DryRun | None = None
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("规划编号")))
        row.addWidget(self.profile_id, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.findings_view)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

    def initializePage(self) -> None:
        """Run the dry run of the accepted proposals."""
        draft = self.owner.draft
        assert draft is not None
        if not self.profile_id.text():
            self.profile_id.setText(profile_id(draft))
        text = draft_toml(draft, self.profile_id.text().strip())
        ctx = self.owner.ctx
        run = run_query(self, ctx, lambda s: norms.dry_run(s, ctx.actor, text, ctx.today()), None)
        if run is None:
            self.summary.setText(self.tr("试运行未完成：规则有误，请返回修改"))
            self.table.setRowCount(0)
            return
        self.run = run
        flagged = [r for r in run.rules if r.nearly_every]
        self.summary.setText(
            self.tr(
                "{date} 试算：{rules} 条规则，{findings} 条短板；{flagged} 条几乎处处不达标（红色）"
            ).format(
                date=run.on.isoformat(),
                rules=len(run.rules),
                findings=len(run.findings),
                flagged=len(flagged),
            )
        )
        self.table.setRowCount(len(run.rules))
        for index, rule in enumerate(run.rules):
            for column, value in enumerate(
                (rule.rule_id, rule.title, str(rule.units), str(rule.firing))
            ):
                item = QTableWidgetItem(value)
                if rule.nearly_every:
                    item.setBackground(FLAG_COLOUR)
                self.table.setItem(index, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setCurrentCell(0, 0)

    def _show_findings(self) -> None:
        """The findings of the chosen rule, as the shortfall page would list them."""
        row = self.table.currentRow()
        if self.run is None or not 0 <= row < len(self.run.rules):
            self.findings.set_rows([])
            return
        rule_id = self.run.rules[row].rule_id
        self.findings.set_rows([f for f in self.run.findings if f.rule_id == rule_id])
