"""Document entry for keepers (录入单据): one form for every document type, keyboard first.

Enter walks the header and then the lines (item by code or name with a completer, lot,
expiry, quantity …); Ctrl+S posts; Esc cancels. On an issue the lot is suggested
first-expiring-first-out and a quantity larger than the first lot is split over the next
ones. A refusal is shown in Chinese at the line it concerns. A stocktake turns the lines
into a count sheet (see :mod:`ledger.ui.dialogs.stocktake`).
"""

from __future__ import annotations

import re
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ledger.core.enums import Category, DocType, Reason, Role
from ledger.core.errors import LedgerError
from ledger.services import catalogue, stock
from ledger.services.catalogue import EquipmentFilter
from ledger.services.stock import DocumentView
from ledger.ui import messages
from ledger.ui.context import STOCK_CHANGES, AppContext
from ledger.ui.dialogs import document_records
from ledger.ui.dialogs.base import BANNER_STYLE, typed_into
from ledger.ui.dialogs.doc_date import confirm_date
from ledger.ui.dialogs.stocktake import StocktakeMode
from ledger.ui.formatting import fmt_date
from ledger.ui.i18n import label
from ledger.ui.keeper import keeper_name
from ledger.ui.ops import line_in_fields, run_op, run_query
from ledger.ui.tables.lines import KEYS, LINE_COLUMNS, LineDraft, LinesModel
from ledger.ui.widgets.entry_grid import ENTER_KEYS, EntryGrid
from ledger.ui.widgets.fields import DateField, EnumCombo, select_data
from ledger.ui.widgets.item_picker import ItemIndex
from ledger.ui.widgets.lots import LotAdvisor

SUCCESS_STYLE = (
    "QLabel { background: #e3f4e8; color: #1d5e33; border: 1px solid #b5dfc2;"
    " border-radius: 4px; padding: 6px 8px; }"
)
HELP_STYLE = "QLabel { color: #5f6670; }"
WRITE_OFF_REASONS = (
    Reason.DAMAGED,
    Reason.EXPIRED,
    Reason.LOST,
    Reason.STOLEN,
    Reason.SCRAPPED,
    Reason.CONSUMED,
    Reason.OTHER,
)
_SERIALS = re.compile(r"[,，;；\s]+")


class DocumentDialog(QDialog):
    """Enter and post a document of any type."""

    def __init__(
        self,
        ctx: AppContext,
        doc_type: DocType = DocType.RECEIPT,
        depot_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.posted: list[stock.Posted] = []
        self.setWindowTitle(self.tr("录入单据"))
        self.setMinimumSize(1100, 640)
        self.items = ItemIndex(run_query(parent, ctx, catalogue.items, []))
        self.depots = run_query(parent, ctx, catalogue.depots, [])
        self._build_header(doc_type, depot_id)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.lines = LinesModel(self.items, self)
        self.lines.serial_item = self._serial_item
        self.grid = EntryGrid(KEYS, self)
        self.grid.setModel(self.lines)
        for number, column in enumerate(LINE_COLUMNS):
            self.grid.setColumnWidth(number, column.width)
        self.advisor = LotAdvisor(self)
        self.grid.leave.connect(self.reject)
        self.grid.copy_above.connect(self.copy_previous_line, Qt.ConnectionType.QueuedConnection)
        self.stocktake = StocktakeMode(self)
        self.grids = QStackedWidget()
        self.grids.addWidget(self.grid)
        self.grids.addWidget(self.stocktake.grid)
        self._build_layout()
        QShortcut(QKeySequence.StandardKey.Save, self, self.post)
        QShortcut(QKeySequence("Ctrl+D"), self, self.copy_previous_line)
        self._started = False
        self.doc_type.currentIndexChanged.connect(lambda _i: self._type_changed())
        self.depot.currentIndexChanged.connect(lambda _i: self._where_changed())
        self.date.editingFinished.connect(self._where_changed)
        self.category.currentIndexChanged.connect(lambda _i: self._where_changed())
        self._type_changed()

    # Layout ---------------------------------------------------------------------------------
    def _build_header(self, doc_type: DocType, depot_id: uuid.UUID | None) -> None:
        # The type is fixed by the action that opened the form: shown as a label, never a
        # combo the arrow keys could turn (an 出库单 into a 调拨单).
        self.doc_type = EnumCombo(DocType, doc_type, parent=self)
        self.doc_type.hide()
        self.type_label = QLabel(label(doc_type))
        self.type_label.setStyleSheet("QLabel { font-weight: bold; }")
        self.depot = self._depot_combo(depot_id, own_only=True)
        self.dest = self._depot_combo(None, blank=True)
        self.date = DateField(self.ctx.today())
        self.counterparty = QComboBox()
        self.counterparty.setEditable(True)
        self.counterparty.addItem("")
        for party in run_query(self, self.ctx, catalogue.counterparties, []):
            self.counterparty.addItem(party.name)
        self.incident = QComboBox()
        self.incident.addItem(self.tr("（无）"), None)
        for incident in run_query(self, self.ctx, catalogue.incidents, []):
            self.incident.addItem(f"{fmt_date(incident.started_on)} {incident.name}", incident.id)
        self.new_incident = document_records.new_incident_button(self)
        self.source = QLineEdit()
        self.source.setPlaceholderText(self.tr("如 K01-CK-2026-00012"))
        self.reason = EnumCombo(WRITE_OFF_REASONS, blank="")
        self.handler = QLineEdit(self.ctx.actor.name)
        self.keeper = QLineEdit(keeper_name(self.ctx.actor))
        self.approver, self.note = QLineEdit(), QLineEdit()
        self.scope = QComboBox()
        self.scope.addItem(self.tr("全面盘点"), True)
        self.scope.addItem(self.tr("部分盘点"), False)
        self.category = EnumCombo(Category, blank=self.tr("全部类别"))
        self.left, self.right = QFormLayout(), QFormLayout()
        for form, rows in (
            (
                self.left,
                [
                    (self.tr("单据类型"), self.type_label),
                    (self.tr("仓库"), self.depot),
                    (self.tr("调入仓库"), self.dest),
                    (self.tr("日期"), self.date),
                    (self.tr("盘点范围"), self.scope),
                    (self.tr("盘点类别"), self.category),
                    (self.tr("往来单位"), self.counterparty),
                    (self.tr("事件"), self.incident),
                    ("", self.new_incident),
                ],
            ),
            (
                self.right,
                [
                    (self.tr("原出库单"), self.source),
                    (self.tr("报损原因"), self.reason),
                    (self.tr("经办人"), self.handler),
                    (self.tr("保管员"), self.keeper),
                    (self.tr("审批人"), self.approver),
                    (self.tr("备注"), self.note),
                ],
            ),
        ):
            for title, widget in rows:
                form.addRow(title, widget)
                widget.installEventFilter(self)

    def _depot_combo(
        self, depot_id: uuid.UUID | None, *, own_only: bool = False, blank: bool = False
    ) -> QComboBox:
        """Depots to choose from; a keeper posts only in its own (``own_only``); ``blank``
        starts with no depot chosen (调入仓库: a transfer's destination is chosen on purpose)."""
        actor = self.ctx.actor
        keeper = own_only and actor.role is Role.KEEPER
        combo = QComboBox()
        if blank:
            combo.addItem("", None)
        for depot in self.depots:
            if (keeper and depot.id not in actor.depot_ids) or depot.disabled:
                continue
            combo.addItem(f"{depot.name}（{depot.code}）", depot.id)
        if depot_id is not None:
            select_data(combo, depot_id)
        return combo

    def _build_layout(self) -> None:
        self.header = QWidget()
        header = QHBoxLayout(self.header)
        header.setContentsMargins(0, 0, 0, 0)
        header.addLayout(self.left, 1)
        header.addSpacing(24)
        header.addLayout(self.right, 1)
        self.post_button = QPushButton(self.tr("过账 (Ctrl+S)"))
        self.post_print_button = QPushButton(self.tr("过账并打印 (Ctrl+P)"))
        self.cancel_button = QPushButton(self.tr("取消 (Esc)"))
        for button in (self.post_button, self.post_print_button, self.cancel_button):
            button.setAutoDefault(False)
        self.post_button.clicked.connect(self.post)
        self.post_print_button.clicked.connect(self.post_and_print)
        QShortcut(QKeySequence.StandardKey.Print, self, self.post_and_print)
        self.cancel_button.clicked.connect(self.reject)
        help_text = QLabel(
            self.tr(
                "Enter 下一格 · 输入物资编码或名称或扫码 · Ctrl+D 复制上一行 · "
                "Ctrl+Delete 删除行 · Ctrl+S 过账 · Esc 取消"
            )
        )
        help_text.setStyleSheet(HELP_STYLE)
        footer = QHBoxLayout()
        footer.addWidget(help_text)
        footer.addStretch(1)
        footer.addWidget(document_records.new_item_button(self))
        footer.addWidget(self.post_button)
        footer.addWidget(self.post_print_button)
        footer.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.stocktake.bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.grids, 1)
        layout.addLayout(footer)

    def _where_changed(self) -> None:
        """Another depot, date or category: lots and the count sheet are read again."""
        self.advisor.forget()
        if self.current_type() is DocType.STOCKTAKE:
            self.stocktake.load(force=False)

    def current_type(self) -> DocType:
        """The document type chosen."""
        return self.doc_type.value()  # type: ignore[no-any-return]

    def _type_changed(self) -> None:
        kind = self.current_type()
        shown = {
            self.dest: kind is DocType.TRANSFER,
            self.counterparty: kind in (DocType.RECEIPT, DocType.ISSUE, DocType.RETURN),
            self.incident: kind in (DocType.ISSUE, DocType.RETURN, DocType.WRITE_OFF),
            self.new_incident: kind in (DocType.ISSUE, DocType.RETURN, DocType.WRITE_OFF),
            self.source: kind is DocType.RETURN,
            self.reason: kind is DocType.WRITE_OFF,
            self.scope: kind is DocType.STOCKTAKE,
            self.category: kind is DocType.STOCKTAKE,
        }
        for widget, visible in shown.items():
            form = self.left if self.left.indexOf(widget) >= 0 else self.right
            form.setRowVisible(widget, visible)
        depot_label = self.left.labelForField(self.depot)
        if isinstance(depot_label, QLabel):
            depot_label.setText(
                self.tr("调出仓库") if kind is DocType.TRANSFER else self.tr("仓库")
            )
        self.type_label.setText(label(kind))
        self.lines.set_doc_type(kind)
        for number, column in enumerate(LINE_COLUMNS):
            self.grid.setColumnHidden(number, not column.shown_for(kind))
        self.grids.setCurrentIndex(1 if kind is DocType.STOCKTAKE else 0)
        self.stocktake.bar.setVisible(kind is DocType.STOCKTAKE)
        if kind is DocType.STOCKTAKE:
            self.stocktake.ensure_loaded()
        self.setWindowTitle(self.tr("录入{type}").format(type=label(kind)))

    # Keyboard ---------------------------------------------------------------------------------
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._started:  # the cursor waits in line 1's 物资 cell
            self._started = True
            QTimer.singleShot(0, self, self._start_typing)

    def _start_typing(self) -> None:
        grid = self.active_grid()
        if grid.state() != QAbstractItemView.State.EditingState:
            grid.start()

    def copy_previous_line(self) -> None:
        """Ctrl+D: the current (empty) line becomes a copy of the one above it."""
        grid = self.active_grid()
        if grid is not self.grid:
            return
        grid.finish_editing()
        row = grid.currentIndex().row()
        if self.lines.copy_previous(row):
            if self.lines.lines[row].lot:
                self.lines.lot_typed.emit(row)
            index = self.lines.index(row, self.lines.next_stop(row, KEYS.index("lot")))
            grid.setCurrentIndex(index)
            grid.edit(index)

    def _serial_item(self, serial: str) -> Any:
        """The catalogue item of the equipment with this serial (a scanned EQ: label)."""
        found = run_query(
            self, self.ctx, lambda s: catalogue.equipment(s, EquipmentFilter(search=serial)), []
        )
        row = next((r for r in found if r.serial == serial), None)
        return self.items.by_id(row.item_id) if row is not None else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS
            and isinstance(watched, QWidget)
        ):
            if isinstance(watched, QComboBox) and watched.view().isVisible():
                return False
            if watched is self.note:
                self.active_grid().start()
            else:
                self.focusNextChild()
            return True
        return super().eventFilter(watched, event)

    def active_grid(self) -> EntryGrid:
        """The grid of the current document type."""
        return self.stocktake.grid if self.current_type() is DocType.STOCKTAKE else self.grid

    def reject(self) -> None:
        """Esc: close, after asking when something was typed and not posted."""
        self.active_grid().finish_editing()
        typed = (
            self.lines.filled()
            or (self.current_type() is DocType.STOCKTAKE and self.stocktake.model.filled())
            or typed_into(self.header)
        )
        if typed and not messages.confirm(
            self,
            self.tr("这张单据还没有过账，放弃录入的内容吗？"),
            yes=self.tr("放弃"),
            no=self.tr("继续录入"),
        ):
            return
        super().reject()

    def depot_id(self) -> uuid.UUID:
        """The depot chosen."""
        return self.depot.currentData()  # type: ignore[no-any-return]

    # Posting -----------------------------------------------------------------------------------
    def post(self) -> None:
        """Ctrl+S: post what the form holds; on success start the next document."""
        self.active_grid().finish_editing()
        self.banner.hide()
        on = self.date.date()
        if on is not None and not confirm_date(self, self.ctx, on, self.tr("单据")):
            self.date.setFocus()
            self.date.selectAll()
            return
        if self.current_type() is DocType.STOCKTAKE:
            self.stocktake.post()
            return
        filled = self.lines.filled()
        if not filled:
            self._refuse(self.tr("请至少录入一行物资"), None)
            return
        entry = self._entry(filled)
        if entry is None:
            return
        outcome = run_op(
            self,
            self.ctx,
            lambda s, a: stock.post_document(s, a, entry),
            changes=STOCK_CHANGES,
            target=self,
            locate=lambda e: self._locate(e, filled),
        )
        if outcome.ok and outcome.value is not None:
            self.done_posting(outcome.value)

    def post_and_print(self) -> None:
        """过账并打印: post, then preview the voucher of what was posted to print it."""
        from ledger.ui.pages.reports import preview_voucher

        before = len(self.posted)
        self.post()
        if len(self.posted) > before:
            preview_voucher(self.ctx, self.posted[-1].id, self)

    def _entry(self, filled: list[tuple[int, LineDraft]]) -> stock.DocumentInput | None:
        kind = self.current_type()
        lines = []
        for number, (row, line) in enumerate(filled, start=1):
            if line.item is None:
                self._refuse(self.lines.item_problem(line) or self.tr("请填写物资"), row + 1)
                return None
            try:
                expiry = line.expiry()
                price = Decimal(line.price_text.replace(",", "")) if line.price_text else None
            except (ValueError, InvalidOperation):
                self._refuse(
                    self.tr("第{n}行的有效期或单价不是有效的日期或数值").format(n=number), row + 1
                )
                return None
            serials = tuple(s for s in _SERIALS.split(line.serials) if s)
            lines.append(
                stock.LineInput(
                    line.item.id,
                    line.quantity_text or "0",
                    line.lot,
                    expiry,
                    price,
                    serials,
                    line.reason,
                    line.override,
                )
            )
        date = self.date.date()
        if date is None:
            self._refuse(self.tr("请填写单据日期（如 2026-11-22）"), None)
            return None
        return stock.DocumentInput(
            kind,
            self.depot_id(),
            date,
            lines,
            dest_depot=self.dest.currentData() if kind is DocType.TRANSFER else None,
            handler=self.handler.text(),
            keeper=self.keeper.text(),
            approver=self.approver.text(),
            counterparty=self.counterparty.currentText() if self.counterparty.isVisible() else "",
            incident_id=self.incident.currentData() if self.incident.isVisible() else None,
            source_document=self.source.text().strip() or None if kind is DocType.RETURN else None,
            reason=self.reason.value() if kind is DocType.WRITE_OFF else None,
            note=self.note.text(),
        )

    def _locate(self, error: LedgerError, filled: list[tuple[int, Any]]) -> int | None:
        """The form row (1-based) a refusal concerns."""
        number = line_in_fields(error)
        if number is not None and 1 <= number <= len(filled):
            return filled[number - 1][0] + 1
        fields = getattr(error, "fields", {})
        item, lot = fields.get("item"), fields.get("lot")
        for row, line in filled:
            name = line.item.name if getattr(line, "item", None) else None
            if name is not None and name == item and (lot is None or (line.lot or "无") == lot):
                return int(row) + 1
        return None

    def _refuse(self, text: str, line: int | None) -> None:
        messages.refusal(self, text, line=line, target=self)

    def show_refusal(self, text: str, line: int | None = None) -> None:
        """Show a refusal above the lines and mark the line it concerns."""
        where = self.tr("第{n}行：").format(n=line) if line and f"第{line}行" not in text else ""
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setText(where + text)
        self.banner.show()
        grid = self.active_grid()
        model: Any = grid.model()
        if line is not None:
            model.set_error(line - 1, text)
            index = model.index(line - 1, 0)
            grid.setCurrentIndex(index)
            grid.scrollTo(index)
            grid.setFocus()

    def done_posting(self, posted: stock.Posted) -> None:
        """Show what was posted and clear the form for the next document."""
        self.posted.append(posted)
        self.banner.setStyleSheet(SUCCESS_STYLE)
        self.banner.setText(
            self.tr("已过账：{type} {number}。可以继续录入下一张。").format(
                type=label(posted.doc_type), number=posted.number
            )
        )
        self.banner.show()
        self.advisor.forget()
        self.lines.clear()
        self.stocktake.model.clear()
        for field in (self.source, self.note):
            field.clear()
        self.counterparty.setCurrentIndex(0)
        for edit in self.header.findChildren(QLineEdit):
            edit.setModified(False)  # what stays for the next document is not new typing
        self.active_grid().start()

    def fill_from(self, view: DocumentView) -> None:
        """「复制单据」: the lines and parties of a posted document, dated today, to post anew."""
        row = view.row
        dest = next((d.id for d in self.depots if d.name == row.dest_depot_name), None)
        if dest is not None:
            select_data(self.dest, dest)
        self.counterparty.setCurrentText(row.counterparty)
        self.approver.setText(row.approver)
        self.lines.set_lines(
            [
                LineDraft(
                    item_text=line.item_code,
                    item=self.items.by_id(line.item_id),
                    lot=line.lot,
                    expiry_text=fmt_date(line.expiry),
                    quantity_text=f"{line.quantity.normalize():f}",
                    price_text=f"{line.unit_price.normalize():f}" if line.unit_price else "",
                    serials=line.serials,
                )
                for line in view.lines
            ]
        )
        for number, line in enumerate(self.lines.lines):
            if line.item is not None:
                self.lines.lot_typed.emit(number)
        self.banner.setStyleSheet(SUCCESS_STYLE)
        self.banner.setText(
            self.tr("已复制 {number} 的明细，日期为今天；核对后按 Ctrl+S 过账。").format(
                number=row.number
            )
        )
        self.banner.show()

    @classmethod
    def ask(cls, *args: Any, **kwargs: Any) -> list[stock.Posted]:
        """Open the form modally; return what was posted while it was open."""
        dialog = cls(*args, **kwargs)
        dialog.exec()
        return dialog.posted
