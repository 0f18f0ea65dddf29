"""The stock card (物资卡片): every movement of an item in a depot with its running balance."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ledger.services.stock import CardCursor, CardKey, CardRow, CardSummary, card_header, card_page
from ledger.ui.context import AppContext, Changes
from ledger.ui.formatting import fmt_date, fmt_qty
from ledger.ui.i18n import label
from ledger.ui.ops import Unreadable, read_or_stop, run_query
from ledger.ui.tables.stock import CardModel
from ledger.ui.widgets.fields import DateField, select_data
from ledger.ui.widgets.page import table_view

TITLE_STYLE = "QLabel { font-size: 17px; font-weight: 600; }"
ON_HAND_STYLE = "QLabel { font-size: 15px; color: #1f5fae; font-weight: 600; }"


class StockCardDialog(QDialog):
    """An item's card in one depot; lot and date range filters; pages load as it scrolls."""

    def __init__(
        self,
        ctx: AppContext,
        depot_id: uuid.UUID,
        item_id: uuid.UUID,
        lot: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.depot_id, self.item_id = ctx, depot_id, item_id
        self.setMinimumSize(980, 620)
        self.item = read_or_stop(parent, ctx, lambda s: card_header(s, CardKey(depot_id, item_id)))
        item = self.item
        self.setWindowTitle(
            self.tr("物资卡片 — {item} · {depot}").format(
                item=item.item_name, depot=item.depot_name
            )
        )
        title = QLabel(f"{item.item_name}（{item.item_code}）  {item.spec}".strip())
        title.setStyleSheet(TITLE_STYLE)
        facts = QLabel(
            self.tr("仓库：{depot}　类别：{category}　计量单位：{unit}").format(
                depot=item.depot_name, category=label(item.category), unit=item.unit
            )
        )
        self.on_hand = QLabel()
        self.on_hand.setStyleSheet(ON_HAND_STYLE)
        self.lots_label = QLabel()
        self.lots_label.setWordWrap(True)
        self.lot = QComboBox()
        self.start, self.end = DateField(), DateField()
        self.start.setPlaceholderText(self.tr("开始日期"))
        self.end.setPlaceholderText(self.tr("结束日期"))
        self.opening = QLabel()
        self.model = CardModel(self._fetch, self.item.unit, self)
        self.view = table_view(self.model, self)
        self.view.doubleClicked.connect(self._open_document)
        filters = QHBoxLayout()
        for widget in (
            QLabel(self.tr("批次")),
            self.lot,
            QLabel(self.tr("日期")),
            self.start,
            QLabel("—"),
            self.end,
            self.opening,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_card)
        bottom = QHBoxLayout()
        self.shown = QLabel()
        bottom.addWidget(self.shown)
        bottom.addStretch(1)
        bottom.addWidget(self.print_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        for widget in (title, facts, self.on_hand, self.lots_label):
            layout.addWidget(widget)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self._fill_lots(lot)
        self.lot.currentIndexChanged.connect(lambda _i: self.reload())
        self.start.date_changed.connect(lambda _d: self.reload())
        self.end.date_changed.connect(lambda _d: self.reload())
        self.model.rowsInserted.connect(lambda *_: self._count_shown())
        self.model.modelReset.connect(self._count_shown)
        ctx.changed.connect(self._changed)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.reload)
        self.reload()

    def print_card(self) -> None:
        """打印: the card for the lot and dates chosen, previewed to print or save."""
        from ledger.ui.pages.reports import preview_stock_card

        key = self.key()
        preview_stock_card(
            self.ctx, self.depot_id, self.item_id, self, lot=key.lot, start=key.start, end=key.end
        )

    def key(self) -> CardKey:
        """Which card the filters ask for."""
        return CardKey(
            self.depot_id, self.item_id, self.lot.currentData(), self.start.date(), self.end.date()
        )

    def _fetch(self, cursor: CardCursor | None, limit: int) -> tuple[list[CardRow], Any]:
        key = self.key()
        return run_query(self, self.ctx, lambda s: card_page(s, key, cursor, limit), ([], None))

    def _fill_lots(self, lot: str | None) -> None:
        summary: CardSummary = self.item.summary
        self.lot.clear()
        self.lot.addItem(self.tr("全部批次"), None)
        for name, expiry, _qty in summary.lots:
            text = name or self.tr("无批次")
            self.lot.addItem(f"{text}  {fmt_date(expiry)}".strip(), name)
        if lot is not None:
            select_data(self.lot, lot)
        unit = self.item.unit
        self.on_hand.setText(self.tr("现有库存：{qty}").format(qty=fmt_qty(summary.on_hand, unit)))
        parts = [
            self.tr("批次 {lot}（有效期至 {expiry}）{qty}").format(
                lot=name or self.tr("无"),
                expiry=fmt_date(expiry) or self.tr("未填"),
                qty=fmt_qty(qty, unit),
            )
            for name, expiry, qty in summary.lots
            if qty
        ]
        self.lots_label.setText("；".join(parts))

    def reload(self) -> None:
        """Read the card again with the current filters."""
        if not (self.start.is_valid() and self.end.is_valid()):
            return
        self.model.reload()
        if self.start.date() is not None and self.model.rows:
            first = self.model.rows[0]
            opening = first.balance - first.inflow + first.outflow
            self.opening.setText(
                self.tr("期初结存：{qty}").format(qty=fmt_qty(opening, self.item.unit))
            )
        else:
            self.opening.clear()

    def _count_shown(self) -> None:
        more = self.model.canFetchMore()
        text = self.tr("已显示 {n} 条流水，向下滚动继续加载") if more else self.tr("共 {n} 条流水")
        self.shown.setText(text.format(n=f"{len(self.model.rows):,}"))

    def _changed(self, kinds: frozenset[Changes]) -> None:
        if Changes.STOCK in kinds:
            key = CardKey(self.depot_id, self.item_id)
            self.item = run_query(self, self.ctx, lambda s: card_header(s, key), self.item)
            self._fill_lots(self.lot.currentData())
            self.reload()

    def _open_document(self) -> None:
        row = self.model.row(self.view.currentIndex())
        if row is not None:
            from ledger.ui.dialogs.document_view import DocumentViewDialog

            DocumentViewDialog.ask(self.ctx, row.document_id, self)

    @classmethod
    def ask(cls, *args: Any, **kwargs: Any) -> None:
        """Show the card modally (nothing when it could not be read: the user was told why)."""
        try:
            dialog = cls(*args, **kwargs)
        except Unreadable:
            return
        dialog.exec()
