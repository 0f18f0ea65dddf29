"""装备: equipment by holder (unit, team, depot) with status and next maintenance due."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ledger.core.enums import EquipmentStatus
from ledger.services import catalogue, org
from ledger.services.org import RecordKind
from ledger.ui import extensions
from ledger.ui.context import AppContext, Changes
from ledger.ui.dialogs.equipment import EquipmentDialog, MaintenanceDialog
from ledger.ui.navigation import Record, RecordLink
from ledger.ui.ops import run_query
from ledger.ui.pages._stock_tabs import COUNT_STYLE, toolbar
from ledger.ui.pages.org import working_unit
from ledger.ui.record_actions import RecordActions
from ledger.ui.tables.base import RowsModel
from ledger.ui.tables.equipment import LOG_COLUMNS, EquipmentModel
from ledger.ui.widgets.empty_hint import empty_hint
from ledger.ui.widgets.fields import EnumCombo, SearchBox
from ledger.ui.widgets.page import Page, table_view
from ledger.ui.widgets.tree import Extra, UnitTree

KINDS = {
    "unit": catalogue.HolderKind.UNIT,
    "team": catalogue.HolderKind.TEAM,
    "depot": catalogue.HolderKind.DEPOT,
}


class EquipmentPage(Page):
    """Equipment of the chosen holder (a unit covers everything below it)."""

    maintain_button: QPushButton

    interests = frozenset(
        {Changes.ORG, Changes.TEAMS, Changes.DEPOTS, Changes.EQUIPMENT, Changes.SETTINGS}
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.holders: list[catalogue.Holder] = []
        self.tree = UnitTree(self)
        self.tree.selected.connect(lambda _node: self.refresh_list())
        self.search = SearchBox(self.tr("序列号或装备名称"))
        self.status = EnumCombo(EquipmentStatus, blank=self.tr("全部状态"))
        self.due_only = QCheckBox(self.tr("只看保养到期"))
        self.model = EquipmentModel(lambda: 0, lambda o, n: [], self._clock, self)
        self.view = table_view(self.model, self)
        # Ctrl/Shift+click picks many pieces: one maintenance for all (批量登记保养)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.empty = empty_hint(
            self.view,
            self.tr("左侧所选单位还没有装备（或没有符合筛选条件的）。点“新增装备…”登记。"),
        )
        self.view.selectionModel().currentChanged.connect(lambda *_: self._show_log())
        self.view.selectionModel().selectionChanged.connect(
            lambda *_: self.maintain_button.setEnabled(bool(self.chosen()))
        )
        self.view.doubleClicked.connect(lambda _i: self.record_maintenance())
        self.log: RowsModel[catalogue.MaintenanceRow] = RowsModel(LOG_COLUMNS, self)
        self.log_view = table_view(self.log, self)
        self.log_caption = QLabel(self.tr("保养记录"))
        self.count = QLabel()
        self.count.setStyleSheet(COUNT_STYLE)
        self.maintain_button = QPushButton(self.tr("登记保养…"))
        self.maintain_button.setToolTip(
            self.tr("按住 Ctrl 或 Shift 选中多件装备，可一次登记同一次保养")
        )
        self.add_button = QPushButton(self.tr("新增装备…"))
        self.maintain_button.clicked.connect(self.record_maintenance)
        self.add_button.clicked.connect(self.add_equipment)
        for signal in (self.search.search, self.status.currentIndexChanged, self.due_only.toggled):
            signal.connect(lambda *_: self.refresh_list())
        upper, lower = QWidget(), QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.addLayout(
            toolbar(self.search, self.status, self.due_only, self.maintain_button, self.add_button)
        )
        upper_layout.addWidget(self.view)
        upper_layout.addWidget(self.count)
        lower_layout = QVBoxLayout(lower)
        lower_layout.addWidget(self.log_caption)
        lower_layout.addWidget(self.log_view)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(upper)
        right.addWidget(lower)
        right.setSizes([560, 200])
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 940])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.remember("splitter", self.splitter)
        self.remember("right", right)
        self.record_actions = RecordActions(
            self, ctx, RecordKind.EQUIPMENT, self._picked, {Changes.EQUIPMENT}, self.view
        )

    def _clock(self) -> tuple[date, int]:
        return self.ctx.today(), self.ctx.settings.maintenance_warning_days

    def show_record(self, link: RecordLink) -> None:
        """Select the unit of ``link``; a piece of equipment is searched by its name."""
        if link.unit_id is not None:
            self.tree.select(link.unit_id, expand=True)
        if link.kind is Record.EQUIPMENT and link.label:
            self.search.setText(link.label)
            self.search.flush()

    def refresh(self) -> None:
        units = run_query(self, self.ctx, org.units, [])
        self.holders = run_query(self, self.ctx, catalogue.holders, [])
        extras = [
            Extra(h.kind.value, h.id, h.unit_id, h.name)
            for h in self.holders
            if h.kind is not catalogue.HolderKind.UNIT
        ]
        self.tree.set_units(units, extras)
        if self.tree.current() is None and units:
            self.tree.select(working_unit(units).id, expand=True)
        self.refresh_list()

    def holder(self) -> catalogue.Holder | None:
        """The holder chosen in the tree."""
        node = self.tree.current()
        if node is None or node.id is None:
            return None
        kind = KINDS.get(node.kind)
        return next((h for h in self.holders if h.id == node.id and h.kind is kind), None)

    def equipment_filter(self) -> catalogue.EquipmentFilter:
        """What the list shows."""
        holder = self.holder()
        today, days = self._clock()
        due = today + timedelta(days=days + 1) if self.due_only.isChecked() else None
        common = {"status": self.status.value(), "search": self.search.text(), "due_before": due}
        if holder is None:
            return catalogue.EquipmentFilter(**common)
        if holder.kind is catalogue.HolderKind.UNIT:
            return catalogue.EquipmentFilter(unit_id=holder.id, **common)
        return catalogue.EquipmentFilter(holder_kind=holder.kind, holder_id=holder.id, **common)

    def refresh_list(self) -> None:
        """Query the equipment again."""
        flt = self.equipment_filter()
        self.model.set_source(
            lambda: run_query(self, self.ctx, lambda s: catalogue.count_equipment(s, flt), 0),
            lambda o, n: run_query(
                self, self.ctx, lambda s: catalogue.equipment(s, flt, offset=o, limit=n), []
            ),
        )
        holder = self.holder()
        self.count.setText(
            self.tr(
                "{holder}：共 {n} 台（套）装备。红色：保养已逾期　黄色：{days} 天内到期"
            ).format(
                holder=holder.name if holder else self.tr("全部"),
                n=f"{self.model.total:,}",
                days=self.ctx.settings.maintenance_warning_days,
            )
        )
        self.add_button.setEnabled(holder is not None)
        self._show_log()

    def _picked(self) -> tuple[uuid.UUID, str] | None:
        piece = self.current()
        return (piece.id, f"{piece.item_name} {piece.serial}") if piece is not None else None

    def current(self) -> catalogue.EquipmentRow | None:
        """The piece selected."""
        return self.model.row(self.view.currentIndex())

    def _show_log(self) -> None:
        piece = self.current()
        self.maintain_button.setEnabled(bool(self.chosen()))
        if piece is None:
            self.log.set_rows([])
            self.log_caption.setText(self.tr("保养记录"))
            return
        self.log.set_rows(
            run_query(self, self.ctx, lambda s: catalogue.maintenance_log(s, piece.id), [])
        )
        self.log_caption.setText(
            self.tr("保养记录：{item} {serial}").format(item=piece.item_name, serial=piece.serial)
        )

    def chosen(self) -> list[catalogue.EquipmentRow]:
        """The pieces selected (many with Ctrl/Shift+click), in the list's order."""
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        found = [self.model.row(r) for r in rows]
        chosen = [p for p in found if p is not None]
        current = self.current()
        return chosen or ([current] if current is not None else [])

    def record_maintenance(self) -> None:
        """Record a maintenance of the selected pieces (one dialog, one transaction)."""
        pieces = self.chosen()
        if pieces:
            MaintenanceDialog.ask(self.ctx, pieces if len(pieces) > 1 else pieces[0], self)

    def add_equipment(self) -> None:
        """Register a piece of equipment with the chosen holder."""
        holder = self.holder()
        if holder is not None:
            EquipmentDialog.ask(self.ctx, holder, self)


extensions.register_page(extensions.PageSpec("equipment", EquipmentPage))
