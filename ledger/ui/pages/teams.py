"""救援队伍: teams of the chosen unit with their active headcount, and each team's roster."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ledger.services import org
from ledger.services.accounts import Action
from ledger.services.org import RecordKind
from ledger.ui import extensions
from ledger.ui.context import AppContext, Changes
from ledger.ui.dialogs.teams import MemberDialog, TeamDialog
from ledger.ui.navigation import RecordLink
from ledger.ui.ops import run_query
from ledger.ui.pages.org import buttons, working_unit
from ledger.ui.record_actions import RecordActions
from ledger.ui.tables.base import RowsModel
from ledger.ui.tables.teams import TEAM_COLUMNS, MembersModel
from ledger.ui.widgets.empty_hint import empty_hint
from ledger.ui.widgets.page import Page, permit, row_of, table_view
from ledger.ui.widgets.tree import UnitTree

CAPTION_STYLE = "QLabel { font-size: 15px; font-weight: 600; padding: 4px 0; }"


class TeamsPage(Page):
    """Teams and members."""

    interests = frozenset({Changes.ORG, Changes.TEAMS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.units: list[org.UnitRow] = []
        self.tree = UnitTree(self)
        self.tree.selected.connect(lambda _node: self._show_teams())
        self.teams: RowsModel[org.TeamRow] = RowsModel(TEAM_COLUMNS, self)
        self.teams_view = table_view(self.teams, self, sortable=True)
        self.teams_empty = empty_hint(
            self.teams_view,
            self.tr("左侧所选单位还没有救援队伍。点“新增队伍”登记，或用“数据 → 导入工作簿…”导入。"),
        )
        self.teams_view.selectionModel().currentChanged.connect(lambda *_: self._show_members())
        self.teams_view.doubleClicked.connect(lambda _i: self.edit_team())
        self.members = MembersModel(self)
        self.members_view = table_view(self.members, self, sortable=True)
        self.members_empty = empty_hint(
            self.members_view, self.tr("选中一支队伍查看队员；没有队员时点“新增队员”。")
        )
        self.members_view.doubleClicked.connect(lambda _i: self.edit_member())
        self.show_left = QCheckBox(self.tr("显示已离队队员"))
        self.show_left.toggled.connect(lambda _on: self._show_members())
        self.teams_caption = QLabel()
        self.members_caption = QLabel()
        for caption in (self.teams_caption, self.members_caption):
            caption.setStyleSheet(CAPTION_STYLE)
        self.add_team_button = QPushButton(self.tr("新增队伍"))
        self.edit_team_button = QPushButton(self.tr("修改队伍"))
        self.add_member_button = QPushButton(self.tr("新增队员"))
        self.edit_member_button = QPushButton(self.tr("修改队员"))
        self.add_team_button.clicked.connect(self.add_team)
        self.edit_team_button.clicked.connect(self.edit_team)
        self.add_member_button.clicked.connect(self.add_member)
        self.edit_member_button.clicked.connect(self.edit_member)
        upper, lower = QWidget(), QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.addWidget(self.teams_caption)
        upper_layout.addLayout(buttons(self.add_team_button, self.edit_team_button))
        upper_layout.addWidget(self.teams_view)
        lower_layout = QVBoxLayout(lower)
        lower_layout.addWidget(self.members_caption)
        row = buttons(self.add_member_button, self.edit_member_button)
        row.addWidget(self.show_left)
        lower_layout.addLayout(row)
        lower_layout.addWidget(self.members_view)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(upper)
        right.addWidget(lower)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([250, 950])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.remember("splitter", self.splitter)
        self.remember("right", right)
        self.may_edit = permit(
            ctx.actor, Action.EDIT_RECORDS, self.add_team_button, self.edit_member_button
        )
        self.team_actions = RecordActions(
            self, ctx, RecordKind.TEAM, self._picked_team, {Changes.TEAMS}, self.teams_view
        )
        self.member_actions = RecordActions(
            self, ctx, RecordKind.MEMBER, self._picked_member, {Changes.TEAMS}, self.members_view
        )

    def show_record(self, link: RecordLink) -> None:
        """Select the unit of ``link`` in the tree."""
        if link.unit_id is not None:
            self.tree.select(link.unit_id, expand=True)

    def refresh(self) -> None:
        self.units = run_query(self, self.ctx, org.units, [])
        self.tree.set_units(self.units)
        if self.tree.current() is None and self.units:
            self.tree.select(working_unit(self.units).id, expand=True)
        self._show_teams()

    def _show_teams(self) -> None:
        node = self.tree.current()
        current = self.current_team()
        if node is None or node.id is None:
            self.teams.set_rows([])
        else:
            unit_id, actor, today = node.id, self.ctx.actor, self.ctx.today()
            rows = run_query(self, self.ctx, lambda s: org.teams(s, actor, unit_id, today), [])
            self.teams.set_rows(rows)
        total = sum(t.headcount for t in self.teams.rows)
        self.teams_caption.setText(
            self.tr("{unit}：队伍 {teams} 支，在队 {people} 人").format(
                unit=node.text if node else "", teams=len(self.teams.rows), people=total
            )
        )
        self._select_team(current.id if current else None)

    def _select_team(self, team_id: object) -> None:
        model = self.teams_view.model()
        for number in range(model.rowCount()):
            index = model.index(number, 0)
            row = index.data(Qt.ItemDataRole.UserRole + 1)
            if team_id is None or row.id == team_id:
                self.teams_view.setCurrentIndex(index)
                return
        self._show_members()

    def _picked_team(self) -> tuple[uuid.UUID, str] | None:
        team = self.current_team()
        return (team.id, team.name) if team is not None else None

    def _picked_member(self) -> tuple[uuid.UUID, str] | None:
        row = row_of(self.members_view)
        return (row.id, row.name) if isinstance(row, org.MemberRow) else None

    def current_team(self) -> org.TeamRow | None:
        """The team selected in the list."""
        row = row_of(self.teams_view)
        return row if isinstance(row, org.TeamRow) else None

    def _show_members(self) -> None:
        team = self.current_team()
        for button in (self.edit_team_button, self.add_member_button):
            button.setEnabled(team is not None and self.may_edit)
        if team is None:
            self.members.set_rows([])
            self.members_caption.setText(self.tr("队员"))
            return
        include_left, today = self.show_left.isChecked(), self.ctx.today()
        rows = run_query(self, self.ctx, lambda s: org.members(s, team.id, today, include_left), [])
        self.members.set_rows(rows)
        self.members_caption.setText(
            self.tr("{team} 队员（在队 {count} 人）").format(team=team.name, count=team.headcount)
        )

    def add_team(self) -> None:
        """Add a team to the selected unit."""
        node = self.tree.current()
        if TeamDialog.ask(self.ctx, self.units, node.id if node else None, None, self):
            self._show_teams()

    def edit_team(self) -> None:
        """Edit the selected team."""
        team = self.current_team()
        if team is not None:
            TeamDialog.ask(self.ctx, self.units, team.unit_id, team.id, self)

    def add_member(self) -> None:
        """Add a member to the selected team."""
        team = self.current_team()
        if team is not None:
            MemberDialog.ask(self.ctx, team.id, None, self)

    def edit_member(self) -> None:
        """Edit the selected member (leaving the team is a 离队日期)."""
        team, member = self.current_team(), row_of(self.members_view)
        if team is not None and isinstance(member, org.MemberRow):
            MemberDialog.ask(self.ctx, team.id, member.id, self)


extensions.register_page(extensions.PageSpec("teams", TeamsPage))
