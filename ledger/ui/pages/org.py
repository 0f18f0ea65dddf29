"""组织机构: the unit tree; a unit's details, posts, drills and training records."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ledger.services import norms, org
from ledger.services.accounts import Action
from ledger.services.org import RecordKind
from ledger.ui import extensions, messages
from ledger.ui.context import AppContext, Changes
from ledger.ui.dialogs.org import DrillDialog, MoveDialog, PostDialog, TrainingDialog, UnitDialog
from ledger.ui.i18n import label
from ledger.ui.navigation import RecordLink
from ledger.ui.ops import run_op, run_query
from ledger.ui.record_actions import RecordActions
from ledger.ui.tables.base import RowsModel
from ledger.ui.tables.org import DRILL_COLUMNS, TRAINING_COLUMNS, PostsModel
from ledger.ui.widgets.page import Page, permit, row_of, table_view
from ledger.ui.widgets.tree import UnitTree

TITLE_STYLE = "QLabel { font-size: 18px; font-weight: 600; }"


def buttons(*items: QPushButton) -> QHBoxLayout:
    """A row of buttons, left-aligned."""
    row = QHBoxLayout()
    for item in items:
        row.addWidget(item)
    row.addStretch(1)
    return row


def working_unit(units: list[org.UnitRow]) -> org.UnitRow:
    """The unit an office works on: the highest one with several units below it."""
    children: dict[object, int] = {}
    for unit in units:
        children[unit.parent_id] = children.get(unit.parent_id, 0) + 1
    return next((u for u in units if children.get(u.id, 0) > 1), units[0])


def plan_title(profile_id: str) -> str:
    """A plan by its title and number (not its internal id)."""
    return QCoreApplication.translate("Plans", norms.profile_title(profile_id))


class OrgPage(Page):
    """The org unit tree editor."""

    interests = frozenset({Changes.ORG, Changes.TEAMS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.units: list[org.UnitRow] = []
        self.tab_buttons: list[QPushButton] = []
        self.tree = UnitTree(self)
        self.tree.selected.connect(lambda _node: self._show_unit())
        self.add_button = QPushButton(self.tr("新增下级"))
        self.edit_button = QPushButton(self.tr("修改"))
        self.move_button = QPushButton(self.tr("移动到…"))
        self.add_button.clicked.connect(self.add_unit)
        self.edit_button.clicked.connect(self.edit_unit)
        self.move_button.clicked.connect(self.move_unit)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree)
        left_layout.addLayout(buttons(self.add_button, self.edit_button, self.move_button))
        self.splitter = QSplitter(self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self._build_detail())
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([320, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.remember("splitter", self.splitter)
        self.may_edit = permit(ctx.actor, Action.EDIT_RECORDS, self.add_button, *self.tab_buttons)
        self.record_actions = RecordActions(
            self, ctx, RecordKind.UNIT, self._picked, {Changes.ORG}, self.tree.view
        )

    def _build_detail(self) -> QWidget:
        detail = QWidget()
        self.title = QLabel(self.tr("请在左侧选择单位"))
        self.title.setStyleSheet(TITLE_STYLE)
        self.facts = QFormLayout()
        self.fact_labels: dict[str, QLabel] = {}
        for key, text in (
            ("code", self.tr("区划代码")),
            ("level", self.tr("级别")),
            ("population", self.tr("常住人口")),
            ("flags", self.tr("标志")),
            ("profile", self.tr("适用规划")),
            ("place", self.tr("经纬度")),
        ):
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.fact_labels[key] = value
            self.facts.addRow(text + "：", value)
        self.posts = PostsModel(self)
        self.drills: RowsModel[org.DrillRow] = RowsModel(DRILL_COLUMNS, self)
        self.trainings: RowsModel[org.TrainingRow] = RowsModel(TRAINING_COLUMNS, self)
        self.posts_view = table_view(self.posts, self, sortable=True)
        self.drills_view = table_view(self.drills, self, sortable=True)
        self.trainings_view = table_view(self.trainings, self, sortable=True)
        self.posts_view.doubleClicked.connect(lambda _i: self.edit_post())
        self.tabs = QTabWidget()
        self.tabs.addTab(
            self._tab(
                self.posts_view,
                [
                    (self.tr("新增岗位人员"), self.add_post),
                    (self.tr("修改"), self.edit_post),
                    (self.tr("删除"), self.remove_post),
                ],
            ),
            self.tr("岗位人员"),
        )
        self.tabs.addTab(
            self._tab(self.drills_view, [(self.tr("登记演练"), self.add_drill)]), self.tr("演练")
        )
        self.tabs.addTab(
            self._tab(self.trainings_view, [(self.tr("登记培训"), self.add_training)]),
            self.tr("培训"),
        )
        layout = QVBoxLayout(detail)
        layout.addWidget(self.title)
        layout.addLayout(self.facts)
        layout.addWidget(self.tabs, 1)
        return detail

    def _tab(self, view: QTableView, actions: list[tuple[str, Any]]) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        row = []
        for text, handler in actions:
            button = QPushButton(text)
            button.clicked.connect(handler)
            row.append(button)
        self.tab_buttons += row
        layout.addLayout(buttons(*row))
        layout.addWidget(view)
        return tab

    # Reading --------------------------------------------------------------------------------
    def show_record(self, link: RecordLink) -> None:
        """Select the unit of ``link`` in the tree."""
        if link.unit_id is not None:
            self.tree.select(link.unit_id, expand=True)

    def refresh(self) -> None:
        self.units = run_query(self, self.ctx, org.units, [])
        self.tree.set_units(self.units)
        if self.tree.current() is None and self.units:
            self.tree.select(working_unit(self.units).id, expand=True)
        self._show_unit()

    def _picked(self) -> tuple[uuid.UUID, str] | None:
        unit = self.current_unit()
        return (unit.id, unit.name) if unit is not None else None

    def current_unit(self) -> org.UnitRow | None:
        """The unit selected in the tree."""
        node = self.tree.current()
        return next((u for u in self.units if node and u.id == node.id), None)

    def _show_unit(self) -> None:
        unit = self.current_unit()
        for button in (self.edit_button, self.move_button):
            button.setEnabled(unit is not None and self.may_edit)
        if unit is None:
            self.title.setText(self.tr("请在左侧选择单位"))
            for value in self.fact_labels.values():
                value.clear()
            for model in (self.posts, self.drills, self.trainings):
                model.set_rows([])
            return
        self.title.setText(unit.name)
        own = unit.profile_id is not None
        self.fact_labels["code"].setText(unit.code)
        self.fact_labels["level"].setText(label(unit.level))
        self.fact_labels["population"].setText(
            f"{unit.population:,}" if unit.population else self.tr("未填")
        )
        self.fact_labels["flags"].setText("、".join(unit.flags) or self.tr("无"))
        self.fact_labels["profile"].setText(
            (plan_title(unit.profile) if unit.profile else self.tr("未设置"))
            + ("" if own or not unit.profile else self.tr("（继承上级）"))
        )
        self.fact_labels["place"].setText(
            self.tr("经度 {lon}，纬度 {lat}").format(lon=unit.longitude, lat=unit.latitude)
            if unit.latitude is not None
            else self.tr("未填")
        )
        actor = self.ctx.actor
        self.posts.set_rows(run_query(self, self.ctx, lambda s: org.posts(s, actor, unit.id), []))
        self.drills.set_rows(run_query(self, self.ctx, lambda s: org.drills(s, unit.id), []))
        self.trainings.set_rows(run_query(self, self.ctx, lambda s: org.trainings(s, unit.id), []))

    # Actions ---------------------------------------------------------------------------------
    def add_unit(self) -> None:
        """Add a unit below the selected one (or a top unit when none is selected)."""
        new_id = UnitDialog.ask(self.ctx, None, self.current_unit(), self)
        if new_id is not None:
            self.refresh()
            self.tree.select(new_id)

    def edit_unit(self) -> None:
        """Edit the selected unit."""
        unit = self.current_unit()
        if unit is not None and UnitDialog.ask(self.ctx, unit, None, self) is not None:
            self.refresh()

    def move_unit(self) -> None:
        """Move the selected unit under another."""
        unit = self.current_unit()
        if unit is not None:
            MoveDialog.ask(self.ctx, unit, self.units, self)

    def add_post(self) -> None:
        """Add a post holder to the selected unit."""
        unit = self.current_unit()
        if unit is not None:
            PostDialog.ask(self.ctx, unit.id, None, self)

    def edit_post(self) -> None:
        """Edit the selected post holder."""
        unit, post = self.current_unit(), row_of(self.posts_view)
        if unit is not None and isinstance(post, org.PostRow):
            PostDialog.ask(self.ctx, unit.id, post, self)

    def remove_post(self) -> None:
        """Delete a post record entered by mistake, after confirmation."""
        post = row_of(self.posts_view)
        if not isinstance(post, org.PostRow):
            return
        question = self.tr("删除岗位人员“{name}”（{post}）？人员离任请填写离任日期，不要删除。")
        if messages.confirm(self, question.format(name=post.name, post=label(post.kind))):
            run_op(
                self, self.ctx, lambda s, a: org.remove_post(s, a, post.id), changes={Changes.ORG}
            )

    def add_drill(self) -> None:
        """Record a drill of the selected unit."""
        unit = self.current_unit()
        if unit is not None:
            DrillDialog.ask(self.ctx, unit.id, self)

    def add_training(self) -> None:
        """Record a training of the selected unit."""
        unit = self.current_unit()
        if unit is not None:
            TrainingDialog.ask(self.ctx, unit.id, self)


extensions.register_page(extensions.PageSpec("org", OrgPage))
