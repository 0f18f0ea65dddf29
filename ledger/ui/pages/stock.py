"""仓库与库存: stock on hand by depot with expiry colours, stock cards, documents, catalogue.

Keepers start every document from here (F2 入库 … F7 盘点, also in the 单据 menu).
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ledger.core.enums import Category, DocType
from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services import catalogue
from ledger.services.accounts import Action
from ledger.services.stock import StockFilter, StockRow, count_stock, stock_on_hand
from ledger.ui import extensions
from ledger.ui.context import AppContext, Changes
from ledger.ui.dialogs.card import StockCardDialog
from ledger.ui.dialogs.document_form import DocumentDialog
from ledger.ui.i18n import label
from ledger.ui.keeper import own_depot
from ledger.ui.navigation import RecordLink
from ledger.ui.ops import run_query
from ledger.ui.pages._incidents_tab import IncidentsTab
from ledger.ui.pages._item_totals_tab import ItemTotalsTab
from ledger.ui.pages._stock_tabs import COUNT_STYLE, DepotsTab, DocumentsTab, ItemsTab, toolbar
from ledger.ui.tables.stock import StockModel
from ledger.ui.widgets.empty_hint import empty_hint
from ledger.ui.widgets.fields import EnumCombo, SearchBox, select_data
from ledger.ui.widgets.page import Page, permit, table_view

if TYPE_CHECKING:
    from ledger.ui.main_window import MainWindow

LEGEND_STYLE = "QLabel { color: #5f6670; }"
#: New-document entries: type and shortcut, in the order keepers use them.
NEW_DOCUMENTS = (
    (DocType.RECEIPT, "F2"),
    (DocType.ISSUE, "F3"),
    (DocType.TRANSFER, "F4"),
    (DocType.RETURN, "F5"),
    (DocType.WRITE_OFF, "F6"),
    (DocType.STOCKTAKE, "F7"),
)


class StockPage(Page):
    """Depots and their stock."""

    interests = frozenset(
        {Changes.STOCK, Changes.DOCUMENTS, Changes.DEPOTS, Changes.CATALOGUE, Changes.SETTINGS}
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.depot = QComboBox()
        self.depot.setMinimumWidth(220)
        self.search = SearchBox(self.tr("物资编码、名称、规格或批次"))
        self.category = EnumCombo(Category, blank=self.tr("全部类别"))
        self.expiring = QCheckBox(self.tr("只看过期和临期"))
        self.model = StockModel(lambda: 0, lambda o, n: [], self._clock, self)
        self.view = table_view(self.model, self, stretch=3)
        self.empty = empty_hint(
            self.view,
            self.tr(
                "这里还没有库存。按 F2 新建入库单，或用“数据 → 导入工作簿…”（Ctrl+I）导入期初库存；"
                "设了筛选条件时，请清除筛选。"
            ),
        )
        self.view.doubleClicked.connect(lambda _i: self.open_card())
        self.legend = QLabel()
        self.legend.setStyleSheet(LEGEND_STYLE)
        self.count = QLabel()
        self.count.setStyleSheet(COUNT_STYLE)
        card = QPushButton(self.tr("物资卡片"))
        card.clicked.connect(self.open_card)
        stock_tab = QWidget()
        stock_layout = QVBoxLayout(stock_tab)
        stock_layout.addLayout(toolbar(self.search, self.category, self.expiring, card))
        stock_layout.addWidget(self.view)
        stock_layout.addLayout(toolbar(self.count, self.legend, stretch_at=0))
        self.documents = DocumentsTab(ctx, self.depot_id)
        self.totals = ItemTotalsTab(ctx, self.depot_id)
        self.items = ItemsTab(ctx)
        self.depots = DepotsTab(ctx)
        self.incidents = IncidentsTab(ctx)
        self.tabs = QTabWidget()
        for widget, title in (
            (stock_tab, self.tr("库存")),
            (self.totals, self.tr("按物资汇总")),
            (self.documents, self.tr("单据", "tab")),
            (self.items, self.tr("物资目录")),
            (self.depots, self.tr("仓库", "tab")),
            (self.incidents, self.tr("事件", "tab")),
        ):
            self.tabs.addTab(widget, title)
        buttons = []
        for kind, key in NEW_DOCUMENTS:
            button = QPushButton(f"{label(kind)} ({key})")
            button.clicked.connect(lambda _=False, k=kind: self.new_document(k))
            buttons.append(button)
        permit(ctx.actor, Action.POST, *buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar(QLabel(self.tr("仓库")), self.depot, *buttons))
        layout.addWidget(self.tabs)
        self.depot.currentIndexChanged.connect(lambda _i: self.refresh_views())
        self.search.search.connect(lambda _t: self.refresh_stock())
        self.category.currentIndexChanged.connect(lambda _i: self.refresh_stock())
        self.expiring.toggled.connect(lambda _on: self.refresh_stock())
        self.tabs.currentChanged.connect(lambda _i: self.refresh_views())

    def _clock(self) -> tuple[date, int]:
        return self.ctx.today(), self.ctx.settings.expiry_warning_days

    def depot_id(self) -> uuid.UUID | None:
        """The depot chosen (``None``: all depots)."""
        return self.depot.currentData()  # type: ignore[no-any-return]

    def show_record(self, link: RecordLink) -> None:
        """Choose the depot of ``link`` (a depot, or the depot an item is kept in)."""
        if link.depot_id is not None:
            select_data(self.depot, link.depot_id)

    def refresh(self) -> None:
        depots = run_query(self, self.ctx, catalogue.depots, [])
        first = self.depot.count() == 0
        current = own_depot(self.ctx.actor, depots) if first else self.depot_id()
        self.depot.blockSignals(True)
        self.depot.clear()
        self.depot.addItem(self.tr("全部仓库"), None)
        for depot in depots:
            self.depot.addItem(f"{depot.name}（{depot.code}）", depot.id)
        select_data(self.depot, current)
        self.depot.blockSignals(False)
        self.refresh_views()

    def refresh_views(self) -> None:
        """Read the tab shown again (the others when they are shown)."""
        tab = self.tabs.currentWidget()
        if tab in (self.documents, self.items, self.depots, self.incidents, self.totals):
            tab.refresh()
        else:
            self.refresh_stock()

    def stock_filter(self) -> StockFilter:
        """What the stock table shows."""
        today, days = self.ctx.today(), self.ctx.settings.expiry_warning_days
        return StockFilter(
            depot_id=self.depot_id(),
            search=self.search.text(),
            category=self.category.value(),
            expiring_before=today + timedelta(days=days + 1) if self.expiring.isChecked() else None,
        )

    def refresh_stock(self) -> None:
        """Query the stock again with the filters."""
        flt = self.stock_filter()
        self.model.set_source(
            lambda: run_query(self, self.ctx, lambda s: count_stock(s, flt), 0),
            lambda o, n: run_query(
                self, self.ctx, lambda s: stock_on_hand(s, flt, offset=o, limit=n), []
            ),
        )
        self.count.setText(self.tr("共 {n} 个批次").format(n=f"{self.model.total:,}"))
        self.legend.setText(
            self.tr("红色：已过期　黄色：{days} 天内到期（可在“系统”中设置）").format(
                days=self.ctx.settings.expiry_warning_days
            )
        )

    def current_stock(self) -> StockRow | None:
        """The stock row selected."""
        return self.model.row(self.view.currentIndex())

    def open_card(self) -> None:
        """Open the selected item's stock card in its depot."""
        row = self.current_stock()
        if row is not None:
            StockCardDialog.ask(self.ctx, row.depot_id, row.item_id, None, self)

    def new_document(self, kind: DocType) -> None:
        """Open the entry form for a new document of ``kind`` in the chosen depot."""
        DocumentDialog.ask(self.ctx, kind, self.depot_id(), self)


def _new_document(kind: DocType) -> extensions.ActionSpec:
    def handler(window: MainWindow) -> None:
        page = window.show_section("stock")
        if isinstance(page, StockPage):
            page.new_document(kind)

    key = dict(NEW_DOCUMENTS)[kind]
    return extensions.ActionSpec(
        "documents", TITLES[kind], handler, key, order=list(DocType).index(kind)
    )


TITLES = {
    DocType.RECEIPT: QT_TRANSLATE_NOOP("Menu", "新建入库单"),
    DocType.ISSUE: QT_TRANSLATE_NOOP("Menu", "新建出库单"),
    DocType.TRANSFER: QT_TRANSLATE_NOOP("Menu", "新建调拨单"),
    DocType.RETURN: QT_TRANSLATE_NOOP("Menu", "新建归还单"),
    DocType.WRITE_OFF: QT_TRANSLATE_NOOP("Menu", "新建报损单"),
    DocType.STOCKTAKE: QT_TRANSLATE_NOOP("Menu", "新建盘点表"),
}

extensions.register_page(extensions.PageSpec("stock", StockPage))
for _kind, _key in NEW_DOCUMENTS:
    extensions.register_action(_new_document(_kind))
