"""报表: choose a report and what it covers, preview the PDF, print it or save it.

Every report is rendered by :func:`ledger.reports.kinds.render`, the same function
``ledger report`` uses, on a worker thread; the preview is Qt's PDF viewer and printing goes
through Qt's print dialog. The 单据 menu prints the voucher of the document just posted.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ledger.core.enums import Category
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.core.scancodes import ScanKind, parse_scan
from ledger.reports.kinds import (
    LABELS,
    Kind,
    ReportRequest,
    render,
    stock_card_pdf,
    voucher_pdf,
)
from ledger.services import catalogue, org, reporting
from ledger.services.reporting import GroupBy
from ledger.services.stock import DocumentFilter, DocumentRow, documents
from ledger.ui import extensions, messages
from ledger.ui.background import Progress, Task, run_in_background
from ledger.ui.context import AppContext, Changes
from ledger.ui.i18n import label
from ledger.ui.keeper import own_depot
from ledger.ui.ops import run_query, worker_read
from ledger.ui.pages._stock_tabs import COUNT_STYLE
from ledger.ui.settings import VOUCHER_COPIES, VOUCHER_PAPER
from ledger.ui.widgets.fields import DateField, EnumCombo, select_data
from ledger.ui.widgets.page import Page

#: The fields each report asks for, in the order the form shows them.
FIELDS: dict[Kind, tuple[str, ...]] = {
    Kind.INVENTORY: ("unit", "depot", "category", "group", "end"),
    Kind.STOCK_CARD: ("depot", "item", "start", "end"),
    Kind.VOUCHER: ("depot", "document", "paper", "copies"),
    Kind.SUMMARY: ("unit", "depot", "category", "start", "end"),
    Kind.ROSTER: ("unit", "end", "masked"),
    Kind.EQUIPMENT: ("unit", "start", "end"),
    Kind.INCIDENT: ("unit", "incident", "start", "end"),
    Kind.SHORTFALLS: ("unit", "end"),
    Kind.LABELS: ("unit", "depot", "labels", "item"),
    Kind.ANNUAL: ("unit", "year"),
    Kind.COUNT_SHEET: ("depot",),
}
HINTS: dict[Kind, str] = {
    Kind.INVENTORY: "各仓库现有物资，按仓库、类别或单位分组合计；填写截止日期可查历史结存。",
    Kind.STOCK_CARD: "一种物资在一个仓库的收发明细和逐笔结存。",
    Kind.VOUCHER: "入库单、出库单、调拨单、归还单、报损单、盘点表，带签字栏。",
    Kind.SUMMARY: "期间内各物资的期初、收入、发出、期末，与物资卡片一致。",
    Kind.ROSTER: "各救援队伍在册队员和岗位人员；无权查看个人信息时自动脱敏。",
    Kind.EQUIPMENT: "装备清单、状态、保养日期，以及期间内的保养记录。",
    Kind.INCIDENT: "每次事件领用、归还、报损和净消耗的物资。",
    Kind.SHORTFALLS: "对照规划检查出的短板，含汇总、各单位明细和规划出处。",
    Kind.LABELS: "装备序列号或物资批次的二维码标签，A4 每页 24 张（70×37 毫米）。",
    Kind.ANNUAL: "年度报表，每年1月10日前报县应急管理局。",
    Kind.COUNT_SHEET: "一个仓库的空白盘点表：各物资批次和账面数，留空栏填写实盘数，带签字栏。",
}
_FIELD_LABELS = {
    "unit": "单位",
    "depot": "仓库",
    "category": "物资类别",
    "group": "分组",
    "start": "起始日期",
    "end": "截止日期",
    "item": "物资",
    "document": "单据",
    "incident": "事件",
    "masked": "个人信息",
    "labels": "标签内容",
    "year": "年度",
    "paper": "纸张",
    "copies": "联次",
}
_PAPERS = (
    ("a4", QT_TRANSLATE_NOOP("ReportsPage", "A4")),
    ("half", QT_TRANSLATE_NOOP("ReportsPage", "A4 二等分（A5 横向）")),
    ("241", QT_TRANSLATE_NOOP("ReportsPage", "241 mm 三等分连续纸（241×93.1 mm）")),
)
_COPIES = (
    ("", QT_TRANSLATE_NOOP("ReportsPage", "一联")),
    ("存根,仓库,领用单位", QT_TRANSLATE_NOOP("ReportsPage", "三联：存根、仓库、领用单位")),
    ("存根,领用单位", QT_TRANSLATE_NOOP("ReportsPage", "二联：存根、领用单位")),
)
KINDS_STYLE = """
QListWidget { font-size: 14px; outline: 0; }
QListWidget::item { padding: 7px 6px; }
QListWidget::item:selected { background: #1f5fae; color: white; }
"""
_GROUPS = ((GroupBy.DEPOT, "按仓库"), (GroupBy.CATEGORY, "按类别"), (GroupBy.UNIT, "按单位"))


class ReportsPage(Page):
    """Report kinds on the left, their options above the preview on the right."""

    interests = frozenset(
        {Changes.ORG, Changes.TEAMS, Changes.CATALOGUE, Changes.DEPOTS, Changes.DOCUMENTS}
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        from ledger.ui.pages import _report_preview as preview  # Qt PDF: not at start-up

        super().__init__(ctx, parent)
        self.task: Task | None = None
        self.kinds = QListWidget()
        self.kinds.setStyleSheet(KINDS_STYLE)
        for kind in Kind:
            item = QListWidgetItem(self.tr(LABELS[kind]))
            item.setData(Qt.ItemDataRole.UserRole, kind.value)
            item.setToolTip(self.tr(HINTS[kind]))
            self.kinds.addItem(item)
        self.kinds.currentRowChanged.connect(lambda _row: self._kind_changed())
        self._build_fields()
        self.preview = preview.PdfPreview(self)
        self.generate_button = QPushButton(self.tr("生成预览 (F9)"))
        self.print_button = QPushButton(self.tr("打印… (Ctrl+P)"))
        self.save_button = QPushButton(self.tr("另存为 PDF…"))
        self.generate_button.clicked.connect(self.generate)
        self.print_button.clicked.connect(self.print_report)
        self.save_button.clicked.connect(self.save_report)
        QShortcut(QKeySequence("F9"), self, self.generate)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_report)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(COUNT_STYLE)
        self.status = QLabel()
        self.status.setStyleSheet(COUNT_STYLE)
        self._layout()
        self.kinds.setCurrentRow(0)

    # Building -------------------------------------------------------------------------------
    def _build_fields(self) -> None:
        today = self.ctx.today()
        self.unit = QComboBox()
        self.depot = QComboBox()
        self.depot.currentIndexChanged.connect(lambda _i: self._load_documents())
        self.category = EnumCombo(Category, blank=self.tr("全部类别"))
        self.group = QComboBox()
        for value, text in _GROUPS:
            self.group.addItem(self.tr(text), value.value)
        self.start = DateField(date(today.year, 1, 1))  # the year so far: cards are not empty
        self.end = DateField(today)
        self.item = QComboBox()
        self.item.setEditable(True)
        self.item.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.item.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.document = QComboBox()
        self.incident = QComboBox()
        self.masked = QCheckBox(self.tr("隐去身份证号和手机号中段"))
        self.labels = QComboBox()
        self.labels.addItem(self.tr("装备序列号"), "equipment")
        self.labels.addItem(self.tr("物资批次"), "lots")
        self.paper = QComboBox()
        for paper, text in _PAPERS:
            self.paper.addItem(self.tr(text), paper)
        self.copies = QComboBox()
        for copies, text in _COPIES:
            self.copies.addItem(self.tr(text), copies)
        # The voucher's paper and copies as last chosen on this machine (printing elsewhere too).
        paper = self.ctx.settings.get(VOUCHER_PAPER)
        self.paper.setCurrentIndex(max(0, self.paper.findData(paper)))
        self.copies.setCurrentIndex(
            max(0, self.copies.findData(self.ctx.settings.get(VOUCHER_COPIES)))
        )
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year - 1 if today.month == 1 else today.year)
        self.fields: dict[str, QWidget] = {
            "unit": self.unit,
            "depot": self.depot,
            "item": self.item,
            "document": self.document,
            "incident": self.incident,
            "category": self.category,
            "group": self.group,
            "labels": self.labels,
            "start": self.start,
            "end": self.end,
            "year": self.year,
            "masked": self.masked,
            "paper": self.paper,
            "copies": self.copies,
        }
        for widget in (self.unit, self.depot, self.item, self.document, self.incident):
            widget.setMinimumWidth(420)

    def _layout(self) -> None:
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for key, widget in self.fields.items():
            self.form.addRow(self.tr(_FIELD_LABELS[key]), widget)
        options = QGroupBox(self.tr("报表条件"))
        box = QVBoxLayout(options)
        box.addWidget(self.hint)
        box.addLayout(self.form)
        buttons = QHBoxLayout()
        for button in (self.generate_button, self.print_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.status)
        box.addLayout(buttons)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(options)
        right_layout.addWidget(self.preview, 1)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.kinds)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([200, 1000])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.remember("splitter", self.splitter)

    # Data -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        units: list[org.UnitRow] = run_query(self, self.ctx, org.units, [])
        depots: list[catalogue.DepotRow] = run_query(self, self.ctx, catalogue.depots, [])
        items: list[catalogue.ItemRow] = run_query(self, self.ctx, catalogue.items, [])
        incidents: list[catalogue.IncidentRow] = run_query(self, self.ctx, catalogue.incidents, [])
        depth = {u.id: 0 for u in units}
        for u in units:  # parents come first
            depth[u.id] = depth.get(u.parent_id, -1) + 1 if u.parent_id else 0
        self._fill(
            self.unit,
            [("　" * depth[u.id] + u.name, u.code) for u in units],
            self.tr("全部（本库所有单位）"),
        )
        first = self.depot.count() == 0
        self._fill(self.depot, [(f"{d.name}（{d.code}）", d.code) for d in depots], self.tr("全部"))
        own = own_depot(self.ctx.actor, depots)
        if first and own is not None:  # a keeper reports on the own depot first
            select_data(self.depot, next(d.code for d in depots if d.id == own))
        self._fill(self.item, [(f"{i.code}　{i.name}　{i.spec}".strip(), i.code) for i in items])
        self._fill(
            self.incident,
            [(f"{i.started_on.isoformat()}　{i.name}", i.name) for i in incidents],
            self.tr("全部事件"),
        )
        self._load_documents()

    def _fill(self, combo: QComboBox, entries: list[tuple[str, str]], blank: str = "") -> None:
        kept = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        if blank:
            combo.addItem(blank, None)
        for text, value in entries:
            combo.addItem(text, value)
        if kept is None or not select_data(combo, kept):
            combo.setCurrentIndex(0)
        combo.blockSignals(False)

    def _load_documents(self) -> None:
        code = self.depot.currentData()
        depot_id = next((d.id for d in self._depots() if d.code == code), None)
        flt = DocumentFilter(depot_id=depot_id)
        none: list[DocumentRow] = []
        rows = run_query(self, self.ctx, lambda s: documents(s, flt, limit=300), none)
        entries = [
            (
                f"{r.number}　{label(r.doc_type)}　{r.doc_date.isoformat()}　{r.depot_name}",
                str(r.id),
            )
            for r in rows
        ]
        self._fill(self.document, entries)

    def _depots(self) -> list[catalogue.DepotRow]:
        return run_query(self, self.ctx, catalogue.depots, [])

    # The request ------------------------------------------------------------------------------
    def kind(self) -> Kind:
        """The report chosen on the left."""
        item = self.kinds.currentItem()
        return Kind(item.data(Qt.ItemDataRole.UserRole)) if item else Kind.INVENTORY

    def _kind_changed(self) -> None:
        kind = self.kind()
        shown = FIELDS[kind]
        for key, widget in self.fields.items():
            self.form.setRowVisible(widget, key in shown)
        self.hint.setText(self.tr(HINTS[kind]))
        self.end.setPlaceholderText(self.tr("现在") if kind is Kind.INVENTORY else self.tr("今天"))
        self.preview.clear()
        self.status.setText("")  # the page count was the other report's
        self._enable()

    def request(self) -> ReportRequest | None:
        """What the form asks for, or ``None`` (after saying why) when it is incomplete."""
        kind, shown = self.kind(), FIELDS[self.kind()]
        for field in (self.start, self.end):
            if not field.is_valid():
                messages.warning(self, self.tr("日期应写成 2026-11-22 这样的格式"))
                return None

        def pick(key: str) -> str | None:
            if key not in shown:
                return None
            combo = self.fields[key]
            assert isinstance(combo, QComboBox)
            return combo.currentData() or None

        item = self._item_code() if "item" in shown else None
        if kind is Kind.STOCK_CARD and (not pick("depot") or not item):
            messages.warning(self, self.tr("物资卡片需要选择仓库和物资"))
            return None
        if kind is Kind.COUNT_SHEET and not pick("depot"):
            messages.warning(self, self.tr("盘点底稿需要选择仓库"))
            return None
        if kind is Kind.VOUCHER and not pick("document"):
            messages.warning(self, self.tr("请选择要打印的单据"))
            return None
        return ReportRequest(
            kind=kind,
            unit=pick("unit"),
            depot=pick("depot"),
            start=self.start.date() if "start" in shown else None,
            end=self.end.date() if "end" in shown else None,
            document=pick("document"),
            item=item,
            incident=pick("incident"),
            category=self.category.value() if "category" in shown else None,
            group_by=GroupBy(self.group.currentData()),
            year=self.year.value() if "year" in shown else None,
            mask=self.masked.isChecked() and "masked" in shown,
            labels=str(self.labels.currentData()),
            paper=str(self.paper.currentData()),
            copies=tuple(c for c in str(self.copies.currentData()).split(",") if c),
        )

    def _item_code(self) -> str | None:
        """The item chosen, or typed as a code, a name, or a scanned label (IT:code:lot)."""
        text = self.item.currentText().strip()
        if self.item.currentIndex() >= 0 and self.item.itemText(self.item.currentIndex()) == text:
            return str(self.item.currentData())
        scanned = parse_scan(text)
        code = scanned.item_code if scanned.kind is ScanKind.ITEM else text
        for number in range(self.item.count()):
            data, shown = self.item.itemData(number), self.item.itemText(number)
            if code and (data == code or code in shown.split("　")):
                return str(data)
        return code or None

    # Actions ---------------------------------------------------------------------------------
    def generate(self) -> None:
        """Render the report on a worker thread and show it."""
        request = self.request()
        if request is None or self.task is not None:
            return
        if request.kind is Kind.VOUCHER:  # 过账并打印 and 打印 print on the same paper
            self.ctx.settings.set(VOUCHER_PAPER, request.paper)
            self.ctx.settings.set(VOUCHER_COPIES, ",".join(request.copies))
        ctx, title = self.ctx, self.tr(LABELS[request.kind])

        def work(progress: Progress) -> bytes:
            progress.report(0, 0, self.tr("正在生成{title}……").format(title=title))
            return worker_read(ctx, lambda s: render(s, ctx.actor, request, today=ctx.today()))

        self.status.setText(self.tr("正在生成……"))
        self.generate_button.setEnabled(False)
        self.task = run_in_background(self, title, work, self._show)
        self.task.ended.connect(self._ended)

    def _show(self, data: bytes) -> None:
        self.preview.show_pdf(data)
        self.status.setText(self.tr("共 {n} 页").format(n=self.preview.pages))
        self._enable()

    def _ended(self) -> None:
        if self.task is not None and self.task.outcome != "done":
            self.status.setText("")
        self.task = None
        self.generate_button.setEnabled(True)
        self._enable()

    def _enable(self) -> None:
        ready = bool(self.preview.data)
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def print_report(self) -> int:
        """Print the report shown (Qt's print dialog); return the pages printed."""
        from ledger.ui.pages import _report_preview as preview  # Qt PDF: not at start-up

        if not self.preview.data:
            return 0
        printed = preview.print_document(self.preview.document, self)
        if printed:
            messages.status(self.tr("已送打印：{n} 页").format(n=printed))
        return printed

    def save_report(self) -> None:
        """Save the report shown as a PDF file."""
        from ledger.ui.pages import _report_preview as preview  # Qt PDF: not at start-up

        if self.preview.data:
            name = f"{LABELS[self.kind()]}-{self.ctx.today().isoformat()}.pdf"
            preview.save_pdf(self.preview.data, self, name)


def preview_voucher(ctx: AppContext, document_id: uuid.UUID, parent: QWidget | None) -> None:
    """Preview (and print) the voucher of a document, e.g. the one just posted."""
    from ledger.ui.pages import _report_preview as preview  # Qt PDF: not at start-up

    paper = ctx.settings.get(VOUCHER_PAPER)
    copies = tuple(c for c in ctx.settings.get(VOUCHER_COPIES).split(",") if c)
    found = run_query(
        parent,
        ctx,
        lambda s: voucher_pdf(s, ctx.actor, document_id, paper=paper, copies=copies),
        None,
    )
    if found is not None:
        preview.show_preview(found[0], found[1], parent)


def preview_stock_card(
    ctx: AppContext,
    depot_id: uuid.UUID,
    item_id: uuid.UUID,
    parent: QWidget | None,
    **period: Any,
) -> None:
    """Preview (and print) a stock card for the lot and dates a card dialog shows."""
    from ledger.ui.pages import _report_preview as preview  # Qt PDF: not at start-up

    found = run_query(
        parent,
        ctx,
        lambda s: stock_card_pdf(s, ctx.actor, depot_id, item_id, today=ctx.today(), **period),
        None,
    )
    if found is not None:
        preview.show_preview(found[0], found[1], parent)


def print_last_posted(window: QWidget) -> None:
    """单据 ▸ 打印刚过账的单据: the voucher of the last document this user posted."""
    ctx: AppContext = window.ctx  # type: ignore[attr-defined]
    last = run_query(window, ctx, lambda s: reporting.last_posted(s, ctx.actor.username), None)
    if last is None:
        messages.info(window, window.tr("您还没有过账任何单据"))
        return
    preview_voucher(ctx, last, window)


extensions.register_page(extensions.PageSpec("reports", ReportsPage))
extensions.register_action(
    extensions.ActionSpec(
        "documents",
        str(QT_TRANSLATE_NOOP("Menu", "打印刚过账的单据…")),
        print_last_posted,
        "Ctrl+Shift+P",
        order=50,
    )
)
