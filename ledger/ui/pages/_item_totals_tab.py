"""按物资汇总: stock per item over the depots chosen, and below it the lots of the item picked."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from ledger.core.enums import Category
from ledger.services.stock import ItemTotalRow, StockFilter, StockRow, stock_by_item, stock_on_hand
from ledger.ui.context import AppContext
from ledger.ui.ops import run_query
from ledger.ui.pages._stock_tabs import COUNT_STYLE, toolbar
from ledger.ui.tables.base import RowsModel
from ledger.ui.tables.stock import ITEM_TOTAL_COLUMNS, STOCK_COLUMNS
from ledger.ui.widgets.fields import EnumCombo, SearchBox
from ledger.ui.widgets.page import row_of, table_view


class ItemTotalsTab(QWidget):
    """Each item's quantity across depots (by the stock page's filters); its lots below."""

    def __init__(self, ctx: AppContext, depot: Callable[[], uuid.UUID | None]) -> None:
        super().__init__()
        self.ctx, self.depot = ctx, depot
        self.search = SearchBox(self.tr("物资编码、名称或规格"))
        self.category = EnumCombo(Category, blank=self.tr("全部类别"))
        self.search.search.connect(lambda _t: self.refresh())
        self.category.currentIndexChanged.connect(lambda _i: self.refresh())
        self.model: RowsModel[ItemTotalRow] = RowsModel(ITEM_TOTAL_COLUMNS, self)
        self.view = table_view(self.model, self, stretch=1)
        self.view.export_title = self.tr("按物资汇总")
        self.lots: RowsModel[StockRow] = RowsModel(STOCK_COLUMNS, self)
        self.lots_view = table_view(self.lots, self, stretch=0)
        self.lots_view.export_title = self.tr("物资批次")
        self.caption = QLabel()
        self.caption.setStyleSheet(COUNT_STYLE)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_lots())
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.caption)
        lower_layout.addWidget(self.lots_view)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(lower)
        self.splitter.setSizes([400, 220])
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar(self.search, self.category))
        layout.addWidget(self.splitter)

    def stock_filter(self) -> StockFilter:
        """The depot chosen on the page (or all), the search text and category."""
        return StockFilter(
            depot_id=self.depot(), search=self.search.text(), category=self.category.value()
        )

    def refresh(self) -> None:
        """Add up the stock again with the page's filters."""
        flt = self.stock_filter()
        current = self.current()
        self.model.set_rows(run_query(self, self.ctx, lambda s: stock_by_item(s, flt), []))
        model = self.view.model()
        for number in range(model.rowCount()):
            row = self.model.row(model.index(number, 0))
            if current is not None and row is not None and row.item_id == current.item_id:
                self.view.setCurrentIndex(model.index(number, 0))
                break
        self.show_lots()

    def current(self) -> ItemTotalRow | None:
        """The item picked."""
        row = row_of(self.view)
        return row if isinstance(row, ItemTotalRow) else None

    def show_lots(self) -> None:
        """The lots behind the picked item's total, depot by depot."""
        row = self.current()
        if row is None:
            self.lots.set_rows([])
            self.caption.setText(self.tr("选中一种物资，下方列出它在各仓库的批次"))
            return
        flt = replace(self.stock_filter(), item_id=row.item_id)
        self.lots.set_rows(run_query(self, self.ctx, lambda s: stock_on_hand(s, flt), []))
        self.caption.setText(
            self.tr("{name}：{n} 个批次，分布在 {depots} 个仓库").format(
                name=row.item_name, n=row.lots, depots=row.depots
            )
        )
