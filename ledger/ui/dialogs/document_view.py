"""A posted document with its lines, and its reversal (红冲)."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ledger.core.enums import DocType
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services import catalogue, stock
from ledger.services.stock import DocumentView, LineView, document_view
from ledger.ui import messages
from ledger.ui.context import STOCK_CHANGES, AppContext
from ledger.ui.dialogs.base import FormDialog
from ledger.ui.dialogs.doc_date import confirm_date
from ledger.ui.dialogs.document_form import DocumentDialog
from ledger.ui.formatting import fmt_date, fmt_decimal, fmt_qty
from ledger.ui.i18n import label
from ledger.ui.ops import Outcome, Unreadable, read_or_stop, run_op, run_query
from ledger.ui.tables.base import Column, RowsModel
from ledger.ui.widgets.fields import DateField
from ledger.ui.widgets.page import table_view

#: Lines named one by one in the confirmation of a reversal.
MAX_LINES_ASKED = 8

LINE_COLUMNS: list[Column[LineView]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "行"), lambda r: str(r.line_no), numeric=True, width=36),
    Column(QT_TRANSLATE_NOOP("Columns", "物资编码"), lambda r: r.item_code, width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "物资名称"), lambda r: r.item_name, width=120),
    Column(QT_TRANSLATE_NOOP("Columns", "规格型号"), lambda r: r.spec, width=110),
    Column(QT_TRANSLATE_NOOP("Columns", "批次"), lambda r: r.lot or "—", width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "有效期至"), lambda r: fmt_date(r.expiry), width=95),
    Column(
        QT_TRANSLATE_NOOP("Columns", "数量"),
        lambda r: fmt_qty(r.quantity, r.unit),
        numeric=True,
        width=90,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "单价"),
        lambda r: fmt_decimal(r.unit_price),
        numeric=True,
        width=70,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "原因"), lambda r: r.reason, width=70),
    Column(QT_TRANSLATE_NOOP("Columns", "序列号"), lambda r: r.serials),
]

COUNT_COLUMNS: list[Column[LineView]] = [
    *LINE_COLUMNS[:6],
    Column(
        QT_TRANSLATE_NOOP("Columns", "账面数"),
        lambda r: fmt_qty(r.book_quantity, r.unit),
        numeric=True,
        width=90,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "实盘数"),
        lambda r: fmt_qty(r.counted_quantity, r.unit),
        numeric=True,
        width=90,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "盈亏"), lambda r: _difference(r), numeric=True, width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "原因"), lambda r: r.reason),
]


def _difference(row: LineView) -> str:
    if row.book_quantity is None or row.counted_quantity is None:
        return ""
    diff = row.counted_quantity - row.book_quantity
    return ("+" if diff > 0 else "") + fmt_qty(diff, row.unit) if diff else "0"


class DocumentViewDialog(QDialog):
    """Shows a posted document; offers its reversal."""

    def __init__(
        self, ctx: AppContext, document_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view: DocumentView = read_or_stop(parent, ctx, lambda s: document_view(s, document_id))
        row = self.view.row
        kind = label(row.doc_type)
        self.setWindowTitle(self.tr("{type} {number}").format(type=kind, number=row.number))
        self.setMinimumSize(900, 520)
        facts = QFormLayout()
        for title, value in self._facts():
            if value:
                facts.addRow(title + "：", QLabel(value))
        columns = COUNT_COLUMNS if row.doc_type is DocType.STOCKTAKE else LINE_COLUMNS
        self.lines: RowsModel[LineView] = RowsModel(columns, self)
        self.lines.set_rows(self.view.lines)
        self.reverse_button = QPushButton(self.tr("红冲此单…"))
        self.reverse_button.setAutoDefault(False)  # Enter never reverses (destructive)
        self.reverse_button.setEnabled(not row.is_reversal and not row.reversed_by)
        self.reverse_button.clicked.connect(self.reverse)
        self.copy_button = QPushButton(self.tr("复制单据…"))
        self.copy_button.setAutoDefault(False)
        self.copy_button.setToolTip(self.tr("按这张单据的明细新录一张（如每月的定期领用）"))
        self.copy_button.setVisible(row.doc_type is not DocType.STOCKTAKE and not row.is_reversal)
        self.copy_button.clicked.connect(self.copy_document)
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_voucher)
        self.close_button = close = QPushButton(self.tr("关闭"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reverse_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(facts)
        layout.addWidget(table_view(self.lines, self), 1)
        layout.addLayout(buttons)

    def _facts(self) -> list[tuple[str, str]]:
        v, r = self.view, self.view.row
        kind = label(r.doc_type)
        if r.is_reversal:
            kind = self.tr("红冲单（冲销 {number}）").format(number=v.reverses_number)
        return [
            (self.tr("单据"), f"{r.number}　{kind}"),
            (self.tr("日期"), fmt_date(r.doc_date)),
            (self.tr("仓库"), r.depot_name),
            (self.tr("调入仓库"), r.dest_depot_name),
            (self.tr("往来单位"), r.counterparty),
            (self.tr("事件"), v.incident),
            (self.tr("原出库单"), v.source_number),
            (self.tr("经办人"), r.handler),
            (self.tr("保管员"), v.keeper),
            (self.tr("审批人"), r.approver),
            (self.tr("已被红冲"), r.reversed_by),
            (self.tr("录入人"), v.posted_by),
            (self.tr("备注"), r.note),
        ]

    def depot_id(self) -> uuid.UUID | None:
        """The depot of this document."""
        depots = run_query(self, self.ctx, catalogue.depots, [])
        return next((d.id for d in depots if d.code == self.view.depot_code), None)

    def print_voucher(self) -> None:
        """打印: this document's voucher, previewed to print or save."""
        from ledger.ui.pages.reports import preview_voucher

        preview_voucher(self.ctx, self.view.row.id, self)

    def copy_document(self) -> None:
        """「复制单据」: a new form of the same type with these lines, dated today."""
        self.copy_form = DocumentDialog(self.ctx, self.view.row.doc_type, self.depot_id(), self)
        self.copy_form.fill_from(self.view)
        self.copy_form.open()

    def reverse(self) -> None:
        """Reverse this document after asking for the date and reason."""
        if (
            ReverseDialog.ask(
                self.ctx, self.view.row.id, self.view.row.number, self.view.row.doc_date, self
            )
            is not None
        ):
            self.accept()

    @classmethod
    def ask(cls, *args: Any, **kwargs: Any) -> None:
        """Show the document modally (nothing when it could not be read: the user was told
        why)."""
        try:
            dialog = cls(*args, **kwargs)
        except Unreadable:
            return
        dialog.exec()


def reversal_question(view: DocumentView, reason: str) -> str:
    """The confirmation of a reversal: the number, depot and quantities it cancels."""
    row = view.row
    shown = [
        QCoreApplication.translate("ReverseDialog", "{item} {quantity}").format(
            item=f"{line.item_name}{'（' + line.lot + '）' if line.lot else ''}",
            quantity=fmt_qty(line.quantity, line.unit),
        )
        for line in view.lines[:MAX_LINES_ASKED]
    ]
    if len(view.lines) > MAX_LINES_ASKED:
        shown.append(
            QCoreApplication.translate("ReverseDialog", "…共 {n} 行").format(n=len(view.lines))
        )
    depot = row.depot_name
    if row.dest_depot_name:
        depot = f"{row.depot_name} → {row.dest_depot_name}"
    return QCoreApplication.translate(
        "ReverseDialog",
        "确定红冲{type} {number} 吗？\n仓库：{depot}\n冲销：{lines}\n原因：{reason}\n"
        "红冲后库存按上述数量反向变动，且不能撤销。",
    ).format(
        type=label(row.doc_type),
        number=row.number,
        depot=depot,
        lines="；".join(shown),
        reason=reason,
    )


class ReverseDialog(FormDialog):
    """Confirm a reversal (红冲): its date and why; 红冲 is never the default button."""

    def __init__(
        self,
        ctx: AppContext,
        document_id: uuid.UUID,
        number: str,
        doc_date: Any,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, self.tr("红冲单据 {number}").format(number=number), parent)
        self.document_id, self.number = document_id, number
        explain = QLabel(
            self.tr(
                "红冲会登记一张冲销单，抵消 {number} 的全部出入库；原单据保留不改。\n"
                "如原单据有误，红冲后请重新登记正确的单据。"
            ).format(number=number)
        )
        explain.setWordWrap(True)
        self.form.addRow(explain)
        self.on = DateField(max(ctx.today(), doc_date))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("如：数量录错，重新登记"))
        self.add_row(self.tr("红冲日期"), self.on)
        self.add_row(self.tr("红冲原因"), self.note)
        self.ok_button.setText(self.tr("红冲…"))
        self.ok_button.setAutoDefault(False)
        self.ok_button.setDefault(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)  # Enter cancels; 红冲 needs a click (or Tab and Space)
        self.note.setFocus()

    def save(self) -> Outcome[Any]:
        on = self.on.date()
        if on is None:
            self.show_refusal(self.tr("请填写红冲日期（如 2026-11-22）"))
            return Outcome(False)
        if not confirm_date(self, self.ctx, on, self.tr("红冲")):
            return Outcome(False)
        document_id, note = self.document_id, self.note.text().strip()
        if not note:
            self.show_refusal(self.tr("请填写红冲原因"))
            self.note.setFocus()
            return Outcome(False)
        view = run_query(self, self.ctx, lambda s: document_view(s, document_id))
        if view is None:
            return Outcome(False)
        if not messages.confirm(
            self, reversal_question(view, note), yes=self.tr("红冲"), no=self.tr("取消")
        ):
            return Outcome(False)
        return run_op(
            self,
            self.ctx,
            lambda s, a: stock.reverse_document(s, a, document_id, on, note),
            changes=STOCK_CHANGES,
            target=self,
            done=self.tr("已红冲 {number}").format(number=self.number),
        )
