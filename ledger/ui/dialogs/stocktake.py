"""The stocktake side of document entry (盘点): load the count sheet, count, decide, post.

Loading the book quantities of a large depot runs off the GUI thread behind a progress
dialog that can be cancelled. A full count that leaves lots uncounted asks, lot by lot,
whether each counts as zero (盘亏) or stays as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ledger.services import stock
from ledger.ui import messages
from ledger.ui.background import Progress, Task, run_in_background
from ledger.ui.context import STOCK_CHANGES
from ledger.ui.formatting import fmt_date, fmt_qty
from ledger.ui.ops import line_in_fields, run_op, worker_read
from ledger.ui.tables.sheet import COLUMNS, KEYS, CountDraft, SheetModel
from ledger.ui.widgets.entry_grid import EntryGrid

if TYPE_CHECKING:
    from ledger.ui.dialogs.document_form import DocumentDialog


class StocktakeMode:
    """The count sheet of the document form, and how it loads and posts."""

    def __init__(self, form: DocumentDialog) -> None:
        self.form = form
        self.task: Task | None = None
        self.loaded_for: tuple[object, ...] | None = None
        self.model = SheetModel(form.items, form)
        self.grid = EntryGrid(KEYS, form)
        self.grid.setModel(self.model)
        self.grid.leave.connect(form.reject)
        for number, (_key, _title, width) in enumerate(COLUMNS):
            self.grid.setColumnWidth(number, width)
        self.grid.delegate.completers = {"item": lambda _i, editor: form.items.completer(editor)}
        self.bar = QWidget()
        self.load_button = QPushButton(QCoreApplication.translate("Stocktake", "载入账面数"))
        self.load_button.setAutoDefault(False)
        self.load_button.clicked.connect(lambda: self.load())
        self.summary = QLabel(
            QCoreApplication.translate(
                "Stocktake", "选择仓库、日期和范围后载入账面数，再逐行填写实盘数。"
            )
        )
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.load_button)
        row.addWidget(self.summary, 1)
        self.model.dataChanged.connect(lambda *_: self._summarise())
        self.model.modelReset.connect(self._summarise)

    def load(self, *, force: bool = True) -> None:
        """Read the book quantities off the GUI thread; show them when done.

        Without ``force`` nothing happens when the sheet already is of this depot, date and
        category.
        """
        depot, on = self.form.depot_id(), self.form.date.date()
        category = self.form.category.value()
        if not force and self.loaded_for == (depot, on, category):
            return
        if on is None:
            self.form.show_refusal(
                QCoreApplication.translate("Stocktake", "请填写盘点日期（如 2026-11-22）")
            )
            return
        if self.model.filled() and not messages.confirm(
            self.form,
            QCoreApplication.translate("Stocktake", "重新载入会清除已填写的实盘数，继续吗？"),
        ):
            return
        ctx = self.form.ctx

        def work(progress: Progress) -> list[stock.SheetRow]:
            progress.report(0, 0, QCoreApplication.translate("Stocktake", "正在计算账面数……"))
            rows = worker_read(ctx, lambda s: stock.count_sheet(s, depot, on, category))
            progress.report(1, 1)
            return rows

        self.load_button.setEnabled(False)
        self.loaded_for = (depot, on, category)
        self.task = run_in_background(
            self.form, QCoreApplication.translate("Stocktake", "载入账面数"), work, self._loaded
        )
        self.task.ended.connect(self._ended)

    def _ended(self) -> None:
        self.load_button.setEnabled(True)
        if self.task is not None and self.task.outcome != "done":
            self.loaded_for = None

    def _loaded(self, rows: list[stock.SheetRow]) -> None:
        self.model.set_sheet(rows)
        self.grid.start()

    def ensure_loaded(self) -> None:
        """Load the sheet when none is shown yet (switching the form to 盘点)."""
        if not any(line.sheet for line in self.model.lines) and self.task is None:
            self.load()

    def _summarise(self) -> None:
        on_books = [line for line in self.model.lines if line.sheet is not None]
        if not on_books:
            return
        left = len(self.model.uncounted())
        self.summary.setText(
            QCoreApplication.translate(
                "Stocktake", "账面 {total} 个批次，已盘 {done} 个，未盘 {left} 个"
            ).format(total=len(on_books), done=len(on_books) - left, left=left)
        )

    def post(self) -> None:
        """Post the count: decide on uncounted lots first when the count is full."""
        form = self.form
        on, full = form.date.date(), bool(form.scope.currentData())
        filled = self.model.filled()
        if on is None:
            form.show_refusal(
                QCoreApplication.translate("Stocktake", "请填写盘点日期（如 2026-11-22）")
            )
            return
        counts = self._counts(filled)
        if counts is None:
            return
        decisions = None
        left = self.model.uncounted()
        if full and left:
            decisions = UncountedDialog.ask(left, form)
            if decisions is None:
                return
        entry = stock.StocktakeInput(
            form.depot_id(),
            on,
            counts,
            full=full,
            category=form.category.value(),
            uncounted=decisions,
            approver=form.approver.text(),
            handler=form.handler.text(),
            keeper=form.keeper.text(),
            note=form.note.text(),
        )
        outcome = run_op(
            form,
            form.ctx,
            lambda s, a: stock.post_stocktake(s, a, entry),
            changes=STOCK_CHANGES,
            target=form,
            locate=lambda e: _row(line_in_fields(e), filled),
        )
        if outcome.ok and outcome.value is not None:
            form.done_posting(outcome.value)

    def _counts(self, filled: list[tuple[int, CountDraft]]) -> list[stock.Count] | None:
        counts = []
        for row, line in filled:
            if line.sheet is not None:
                counts.append(
                    stock.Count(
                        line.sheet.item_id, line.counted_text, line.sheet.lot, reason=line.reason
                    )
                )
                continue
            if line.item is None:
                self.form.show_refusal(
                    QCoreApplication.translate("Stocktake", "物资目录中没有“{text}”").format(
                        text=line.item_text
                    ),
                    row + 1,
                )
                return None
            try:
                expiry = line.expiry()
            except ValueError:
                self.form.show_refusal(
                    QCoreApplication.translate("Stocktake", "有效期“{text}”不是日期").format(
                        text=line.expiry_text
                    ),
                    row + 1,
                )
                return None
            counts.append(
                stock.Count(line.item.id, line.counted_text or "0", line.lot, expiry, line.reason)
            )
        return counts


def _row(number: int | None, filled: list[tuple[int, CountDraft]]) -> int | None:
    if number is None or not 1 <= number <= len(filled):
        return None
    return filled[number - 1][0] + 1


class UncountedDialog(QDialog):
    """For each lot a full count left out: count it as zero, or leave it as it is."""

    def __init__(self, lines: list[CountDraft], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("未盘批次"))
        self.setMinimumSize(720, 420)
        self.lines = lines
        text = QLabel(
            self.tr(
                "全面盘点还有 {n} 个批次没有填写实盘数。请逐一确认：按零处理会登记盘亏，"
                "保持不变则账面数不动。"
            ).format(n=len(lines))
        )
        text.setWordWrap(True)
        self.table = QTableWidget(len(lines), 5, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("物资"),
                self.tr("批次"),
                self.tr("有效期至"),
                self.tr("账面数"),
                self.tr("处理"),
            ]
        )
        self.choices: list[QComboBox] = []
        for row, line in enumerate(lines):
            sheet = line.sheet
            assert sheet is not None
            values = [
                f"{sheet.item_code} {sheet.item_name}",
                sheet.lot or "—",
                fmt_date(sheet.expiry),
                fmt_qty(sheet.book, sheet.unit),
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, column, item)
            choice = QComboBox()
            choice.addItem(self.tr("请选择"), None)
            choice.addItem(self.tr("按零处理（盘亏）"), stock.Uncounted.ZERO.value)
            choice.addItem(self.tr("保持不变"), stock.Uncounted.KEEP.value)
            self.table.setCellWidget(row, 4, choice)
            self.choices.append(choice)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        all_zero = QPushButton(self.tr("全部按零处理"))
        all_keep = QPushButton(self.tr("全部保持不变"))
        all_zero.clicked.connect(lambda: self.choose_all(stock.Uncounted.ZERO))
        all_keep.clicked.connect(lambda: self.choose_all(stock.Uncounted.KEEP))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确认并过账"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("返回盘点"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.hint = QLabel()
        self.hint.setStyleSheet("QLabel { color: #a61b1b; }")
        row_layout = QHBoxLayout()
        row_layout.addWidget(all_zero)
        row_layout.addWidget(all_keep)
        row_layout.addStretch(1)
        layout = QVBoxLayout(self)
        for widget in (text, self.table):
            layout.addWidget(widget)
        layout.addLayout(row_layout)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)

    def choose_all(self, decision: stock.Uncounted) -> None:
        """Give every lot the same decision."""
        for choice in self.choices:
            choice.setCurrentIndex(choice.findData(decision.value))

    def decisions(self) -> dict[tuple[str, str], stock.Uncounted] | None:
        """The decision per (item code, lot), or ``None`` while one is missing."""
        found = {}
        for line, choice in zip(self.lines, self.choices, strict=True):
            if choice.currentData() is None or line.sheet is None:
                return None
            found[(line.sheet.item_code, line.sheet.lot)] = stock.Uncounted(choice.currentData())
        return found

    def accept(self) -> None:
        """Close only when every lot has a decision."""
        if self.decisions() is None:
            self.hint.setText(self.tr("还有批次没有选择处理方式"))
            return
        super().accept()

    @classmethod
    def ask(cls, lines: list[CountDraft], parent: QWidget | None = None) -> Any:
        """The decisions, or ``None`` when the keeper went back to counting."""
        dialog = cls(lines, parent)
        return dialog.decisions() if dialog.exec() == QDialog.DialogCode.Accepted else None
