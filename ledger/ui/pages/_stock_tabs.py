"""The tabs of 仓库与库存 besides stock on hand: documents, the catalogue, depots."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ledger.core.enums import Category, DocType
from ledger.services import catalogue, org
from ledger.services.accounts import Action
from ledger.services.org import RecordKind
from ledger.services.stock import DocumentFilter, DocumentRow, count_documents, documents
from ledger.ui import standard_catalogue
from ledger.ui.context import AppContext, Changes
from ledger.ui.dialogs.catalogue import DepotDialog, ItemDialog
from ledger.ui.dialogs.document_view import DocumentViewDialog, ReverseDialog
from ledger.ui.ops import run_query
from ledger.ui.record_actions import RecordActions
from ledger.ui.tables.base import PagedModel, RowsModel
from ledger.ui.tables.catalogue import DEPOT_COLUMNS, ITEM_COLUMNS
from ledger.ui.tables.stock import DocumentsModel
from ledger.ui.widgets.fields import DateField, EnumCombo, SearchBox, select_data
from ledger.ui.widgets.page import permit, row_of, table_view

COUNT_STYLE = "QLabel { color: #5f6670; }"


def toolbar(*widgets: QWidget, stretch_at: int = -1) -> QHBoxLayout:
    """A row of widgets; a stretch after ``stretch_at`` (at the end by default)."""
    row = QHBoxLayout()
    for number, widget in enumerate(widgets):
        row.addWidget(widget)
        if number == stretch_at:
            row.addStretch(1)
    if stretch_at < 0:
        row.addStretch(1)
    return row


class DocumentsTab(QWidget):
    """Posted documents of the chosen depot, newest first; view and reverse them."""

    def __init__(self, ctx: AppContext, depot: Callable[[], uuid.UUID | None]) -> None:
        super().__init__()
        self.ctx, self.depot = ctx, depot
        self.kind = EnumCombo(DocType, blank=self.tr("全部类型"))
        self.search = SearchBox(self.tr("单据号、往来单位或备注"))
        self.start, self.end = DateField(), DateField()
        self.incident = QComboBox()
        self.incident.setMinimumWidth(160)
        self.incident.addItem(self.tr("全部事件"), None)
        self.model = DocumentsModel(lambda: 0, lambda o, n: [], self)
        self.view = table_view(self.model, self)
        self.view.doubleClicked.connect(lambda _i: self.open_document())
        self.count = QLabel()
        self.count.setStyleSheet(COUNT_STYLE)
        open_button = QPushButton(self.tr("查看单据"))
        self.reverse_button = QPushButton(self.tr("红冲…"))
        open_button.clicked.connect(self.open_document)
        self.reverse_button.clicked.connect(self.reverse)
        permit(ctx.actor, Action.REVERSE, self.reverse_button)
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.search.search.connect(lambda _t: self.refresh())
        for field in (self.start, self.end):
            field.date_changed.connect(lambda _d: self.refresh())
            field.textChanged.connect(lambda text: self.refresh() if not text else None)
        self.incident.currentIndexChanged.connect(lambda _i: self.refresh())
        layout = QVBoxLayout(self)
        layout.addLayout(
            toolbar(
                QLabel(self.tr("类型")),
                self.kind,
                QLabel(self.tr("日期")),
                self.start,
                QLabel(self.tr("至")),
                self.end,
                QLabel(self.tr("事件")),
                self.incident,
                self.search,
                open_button,
                self.reverse_button,
            )
        )
        layout.addWidget(self.view)
        layout.addWidget(self.count)

    def refresh_incidents(self) -> None:
        """List the incidents again in the 事件 filter, keeping the one chosen."""
        chosen = self.incident.currentData()
        found = run_query(self, self.ctx, org.incidents, [])
        with QSignalBlocker(self.incident):
            self.incident.clear()
            self.incident.addItem(self.tr("全部事件"), None)
            for row in found:
                self.incident.addItem(f"{row.code} {row.name}".strip(), row.id)
            select_data(self.incident, chosen)

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh_incidents()
        super().showEvent(event)

    def document_filter(self) -> DocumentFilter:
        """What the list shows: depot, type, date range, incident and search text."""
        return DocumentFilter(
            depot_id=self.depot(),
            doc_type=self.kind.value(),
            start=self.start.date(),
            end=self.end.date(),
            search=self.search.text(),
            incident_id=self.incident.currentData(),
        )

    def refresh(self) -> None:
        """Query again with the filters."""
        flt = self.document_filter()
        self.model.set_source(
            lambda: run_query(self, self.ctx, lambda s: count_documents(s, flt), 0),
            lambda o, n: run_query(
                self, self.ctx, lambda s: documents(s, flt, offset=o, limit=n), []
            ),
        )
        self.count.setText(self.tr("共 {n} 张单据").format(n=f"{self.model.total:,}"))

    def current(self) -> DocumentRow | None:
        """The document selected."""
        row = self.model.row(self.view.currentIndex())
        return row if isinstance(row, DocumentRow) else None

    def open_document(self) -> None:
        """Show the selected document with its lines."""
        row = self.current()
        if row is not None:
            DocumentViewDialog.ask(self.ctx, row.id, self)

    def reverse(self) -> None:
        """Reverse (红冲) the selected document."""
        row = self.current()
        if row is not None:
            ReverseDialog.ask(self.ctx, row.id, row.number, row.doc_date, self)


class ItemsTab(QWidget):
    """The catalogue, searched and paged; add and edit items."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.search = SearchBox(self.tr("编码、名称或规格"))
        self.category = EnumCombo(Category, blank=self.tr("全部类别"))
        self.model: PagedModel[catalogue.ItemRow] = PagedModel(
            ITEM_COLUMNS, lambda: 0, lambda o, n: [], parent=self
        )
        self.view = table_view(self.model, self)
        self.view.doubleClicked.connect(lambda _i: self.edit_item())
        self.record_actions = RecordActions(
            self, ctx, RecordKind.ITEM, self._picked, {Changes.CATALOGUE}, self.view
        )
        self.count = QLabel()
        self.count.setStyleSheet(COUNT_STYLE)
        add, edit = QPushButton(self.tr("新增物资")), QPushButton(self.tr("修改物资"))
        add.clicked.connect(lambda: ItemDialog.ask(self.ctx, None, self))
        edit.clicked.connect(self.edit_item)
        self.standard = QPushButton(self.tr("载入标准物资目录…"))
        self.standard.clicked.connect(lambda: standard_catalogue.offer(self, self.ctx))
        permit(ctx.actor, Action.EDIT_CATALOGUE, add, edit, self.standard)
        self.search.search.connect(lambda _t: self.refresh())
        self.category.currentIndexChanged.connect(lambda _i: self.refresh())
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar(self.search, self.category, add, edit, self.standard))
        layout.addWidget(self.view)
        layout.addWidget(self.count)

    def refresh(self) -> None:
        """Query again with the filters."""
        text, category = self.search.text(), self.category.value()
        self.model.set_source(
            lambda: run_query(
                self, self.ctx, lambda s: catalogue.count_items(s, text, category), 0
            ),
            lambda o, n: run_query(
                self, self.ctx, lambda s: catalogue.items(s, text, category, offset=o, limit=n), []
            ),
        )
        self.count.setText(self.tr("共 {n} 种物资").format(n=f"{self.model.total:,}"))
        self.standard.setVisible(not text and category is None and self.model.total == 0)

    def _picked(self) -> tuple[uuid.UUID, str] | None:
        row = self.model.row(self.view.currentIndex())
        return (row.id, f"{row.code} {row.name}") if row is not None else None

    def edit_item(self) -> None:
        """Edit the selected item."""
        row = self.model.row(self.view.currentIndex())
        if row is not None:
            ItemDialog.ask(self.ctx, row, self)


class DepotsTab(QWidget):
    """Every depot with its unit, area and lots held; add and edit depots."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.model: RowsModel[catalogue.DepotRow] = RowsModel(DEPOT_COLUMNS, self)
        self.view = table_view(self.model, self, sortable=True)
        self.view.doubleClicked.connect(lambda _i: self.edit_depot())
        self.record_actions = RecordActions(
            self, ctx, RecordKind.DEPOT, self._picked, {Changes.DEPOTS}, self.view
        )
        add, edit = QPushButton(self.tr("新增仓库")), QPushButton(self.tr("修改仓库"))
        add.clicked.connect(self.add_depot)
        edit.clicked.connect(self.edit_depot)
        permit(ctx.actor, Action.EDIT_RECORDS, add, edit)
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar(add, edit))
        layout.addWidget(self.view)

    def refresh(self) -> None:
        """Read the depots again."""
        self.model.set_rows(run_query(self, self.ctx, catalogue.depots, []))

    def add_depot(self) -> None:
        """Add a depot."""
        DepotDialog.ask(self.ctx, run_query(self, self.ctx, org.units, []), None, None, self)

    def _picked(self) -> tuple[uuid.UUID, str] | None:
        row = row_of(self.view)
        return (row.id, row.name) if isinstance(row, catalogue.DepotRow) else None

    def edit_depot(self) -> None:
        """Edit the selected depot."""
        row = row_of(self.view)
        if isinstance(row, catalogue.DepotRow):
            DepotDialog.ask(self.ctx, run_query(self, self.ctx, org.units, []), row, None, self)
