"""应急推演: if these units must shelter N people for D days, what is needed, from where, what
is short, and which teams can be called; printed as a 调拨方案 or exported to Excel."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ledger.services import org, readiness
from ledger.services.readiness import DraftRow
from ledger.ui import extensions, messages
from ledger.ui.context import STOCK_CHANGES, AppContext, Changes
from ledger.ui.dialogs.readiness import DraftPlanDialog
from ledger.ui.ops import run_op, run_query
from ledger.ui.pages._stock_tabs import COUNT_STYLE, toolbar
from ledger.ui.tables.readiness import DraftsModel, LinesModel, NeedsModel, TeamsModel
from ledger.ui.widgets.fields import DateField, select_data
from ledger.ui.widgets.page import Page, table_view

INDENT = "　"


class ReadinessPage(Page):
    """The readiness drill (应急推演) over :func:`ledger.services.readiness.plan`."""

    interests = frozenset(Changes)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.plan: readiness.Plan | None = None
        self.chosen: list[tuple[str, str]] = []  # (code, name) of the units sheltering
        self.presets: list[readiness.Preset] = []
        self.incident_id: uuid.UUID | None = None  # of the preset chosen, for the drafts
        self.preset = QComboBox()
        self.preset.setMinimumWidth(260)
        self.preset.activated.connect(lambda _i: self.apply_preset())
        self.unit = QComboBox()
        self.unit.setMinimumWidth(180)
        self.add_button = QPushButton(self.tr("添加地区"))
        self.add_button.clicked.connect(self.add_unit)
        self.clear_button = QPushButton(self.tr("清除"))
        self.clear_button.clicked.connect(self.clear_units)
        self.units_label = QLabel()
        self.people = QSpinBox()
        self.people.setRange(1, 10_000_000)
        self.people.setGroupSeparatorShown(True)
        self.people.setValue(1000)
        self.people.setSuffix(self.tr(" 人"))
        self.days = QSpinBox()
        self.days.setRange(1, 365)
        self.days.setValue(7)
        self.days.setSuffix(self.tr(" 天"))
        self.on = DateField(ctx.today())
        self.run_button = QPushButton(self.tr("推演"))
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(COUNT_STYLE)
        self.needs = NeedsModel(self)
        self.needs_view = table_view(self.needs, self, sortable=True, stretch=0)
        self.needs_view.selectionModel().currentChanged.connect(lambda *_: self.show_lines())
        self.lines = LinesModel(self)
        self.lines_view = table_view(self.lines, self, stretch=1)
        self.teams = TeamsModel(self)
        self.teams_view = table_view(self.teams, self, sortable=True)
        self.pdf_button = QPushButton(self.tr("调拨方案 PDF…"))
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        self.xlsx_button = QPushButton(self.tr("导出 Excel…"))
        self.xlsx_button.clicked.connect(lambda: self.save_xlsx())
        self.confirm_button = QPushButton(self.tr("确认方案，生成单据草稿…"))
        self.confirm_button.clicked.connect(lambda: self.confirm_plan())
        self.drafts = DraftsModel(self)
        self.drafts_view = table_view(self.drafts, self)
        self.post_button = QPushButton(self.tr("登记所选草稿"))
        self.post_button.clicked.connect(lambda: self.post_draft())
        self.withdraw_button = QPushButton(self.tr("撤回所选草稿"))
        self.withdraw_button.clicked.connect(lambda: self.withdraw_draft())
        self._build_layout()
        self._show_units()
        self._enable()

    def _build_layout(self) -> None:
        top = QSplitter(self)
        top.addWidget(self.needs_view)
        top.addWidget(self.lines_view)
        top.setSizes([520, 620])
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(top)
        drafts = QWidget()
        drafts_layout = QVBoxLayout(drafts)
        drafts_layout.setContentsMargins(0, 0, 0, 0)
        drafts_layout.addWidget(self.drafts_view)
        drafts_layout.addLayout(toolbar(self.post_button, self.withdraw_button))
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.teams_view, self.tr("可调用队伍"))
        self.tabs.addTab(drafts, self.tr("单据草稿"))
        self.splitter.addWidget(self.tabs)
        self.splitter.setSizes([420, 260])
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar(QLabel(self.tr("预设")), self.preset))
        layout.addLayout(
            toolbar(
                QLabel(self.tr("安置地区")),
                self.unit,
                self.add_button,
                self.units_label,
                self.clear_button,
                QLabel(self.tr("人数")),
                self.people,
                QLabel(self.tr("天数")),
                self.days,
                QLabel(self.tr("开始日期")),
                self.on,
                self.run_button,
            )
        )
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(toolbar(self.pdf_button, self.xlsx_button, self.confirm_button))
        self.remember("splitter", self.splitter)

    # Choices -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the units and presets again; work the plan again if one is shown."""
        units = run_query(self, self.ctx, org.units, [])
        current = self.unit.currentData()
        self.unit.clear()
        for depth, u in _tree_order(units):
            self.unit.addItem(INDENT * depth + u.name, (u.code, u.name))
        if current is None:  # the county (the first unit below the top ones) by default
            counties = [(u.code, u.name) for _, u in _tree_order(units) if u.level.rank == 2]
            current = counties[0] if counties else None
        select_data(self.unit, current)
        self.presets = run_query(self, self.ctx, readiness.presets, [])
        self.preset.clear()
        self.preset.addItem(self.tr("（自行填写）"), None)
        for n, preset in enumerate(self.presets):
            self.preset.addItem(self._preset_text(preset), n)
        self.reload_drafts()
        if self.plan is not None:
            self.run()

    def reload_drafts(self) -> None:
        """Read the drafts of confirmed plans again."""
        self.drafts.set_rows(run_query(self, self.ctx, lambda s: readiness.drafts(s), []))

    def _preset_text(self, preset: readiness.Preset) -> str:
        if preset.incident_id is not None:
            start = preset.on.isoformat() if preset.on else ""
            return self.tr("事件：{name}（{date}）").format(name=preset.title, date=start)
        return self.tr("{title}（{people}人{days}天）").format(
            title=preset.title, people=preset.people, days=preset.days
        )

    def apply_preset(self) -> None:
        """Fill people, days, units and date from the chosen preset."""
        number = self.preset.currentData()
        if number is None:
            return
        preset = self.presets[number]
        self.incident_id = preset.incident_id
        if preset.people:
            self.people.setValue(preset.people)
        if preset.days:
            self.days.setValue(preset.days)
        if preset.on:
            self.on.set_date(preset.on)
        if preset.unit_codes:
            names = {
                self.unit.itemData(i)[0]: self.unit.itemData(i)[1] for i in range(self.unit.count())
            }
            self.chosen = [(c, names.get(c, c)) for c in preset.unit_codes]
            self._show_units()

    def add_unit(self) -> None:
        """Add the unit in the list to the units sheltering."""
        data = self.unit.currentData()
        if data is not None and data not in self.chosen:
            self.chosen.append(data)
            self._show_units()

    def clear_units(self) -> None:
        """Start the choice of units again."""
        self.chosen = []
        self._show_units()

    def _show_units(self) -> None:
        self.units_label.setText(
            "、".join(name for _, name in self.chosen) or self.tr("（未添加：按所选地区）")
        )

    # Working -------------------------------------------------------------------------------
    def run(self) -> None:
        """Work out the plan for the units, people, days and date chosen."""
        units = [code for code, _ in self.chosen]
        if not units and self.unit.currentData() is not None:
            units = [self.unit.currentData()[0]]
        if not units:
            messages.warning(self, self.tr("请先选择安置地区"))
            return
        day = self.on.date()
        if day is None:
            messages.warning(self, self.tr("请填写开始日期（如 2026-11-22）"))
            return
        people, days = self.people.value(), self.days.value()
        preset = self.preset.currentData()
        rule = self.presets[preset].rule_id if preset is not None else None
        self.plan = run_query(
            self,
            self.ctx,
            lambda s: readiness.plan(
                s, units, people, days, day, rule_id=rule, actor=self.ctx.actor
            ),
            None,
        )
        self.needs.set_rows(self.plan.needs if self.plan else [])
        self.teams.set_rows(self.plan.teams if self.plan else [])
        if self.plan is not None and self.plan.needs:
            self.needs_view.selectRow(0)
        self.show_lines()
        self.summary.setText(self._summary())
        self._enable()

    def _summary(self) -> str:
        found = self.plan
        if found is None:
            return ""
        head = self.tr("{units}安置 {people} 人 {days} 天（{start} 至 {end}）").format(
            units="、".join(found.unit_names),
            people=found.people,
            days=found.days,
            start=found.on.isoformat(),
            end=found.last_day.isoformat(),
        )
        if not found.needs:
            return head + self.tr("：尚未设定人均储备定额（在短板检查页设定），无法计算需求。")
        short = len(found.short)
        tail = (
            self.tr("：{n} 种物资不足，见红色行").format(n=short)
            if short
            else self.tr("：全部 {n} 种物资可由现有库存保障").format(n=len(found.needs))
        )
        return head + tail + self.tr("；可调用队伍 {n} 支").format(n=len(found.teams))

    def current_need(self) -> readiness.Need | None:
        """The item chosen in the needs table."""
        index = self.needs_view.currentIndex()
        model = self.needs_view.model()
        if not index.isValid():
            return None
        row = model.data(model.index(index.row(), 0), Qt.ItemDataRole.UserRole + 1)
        return row if isinstance(row, readiness.Need) else None

    def show_lines(self) -> None:
        """The chosen item's draws, depot by depot, then what could cover its shortfall."""
        need = self.current_need()
        if need is None:
            self.lines.set_rows([])
            return
        self.lines.set_rows(
            [(need, a) for a in need.allocations] + [(need, c) for c in need.covers]
        )

    def _enable(self) -> None:
        ready = self.plan is not None
        self.pdf_button.setEnabled(ready)
        self.xlsx_button.setEnabled(ready)
        self.confirm_button.setEnabled(ready)

    # Output --------------------------------------------------------------------------------
    def _file_name(self, suffix: str) -> str:
        assert self.plan is not None
        name = self.tr("调拨方案")
        return f"{name}-{self.plan.on.isoformat()}{suffix}"

    def save_pdf(self) -> Path | None:
        """Print the 调拨方案 to a PDF file the user chooses."""
        from ledger.reports.readiness import readiness_report
        from ledger.ui.pages import _report_preview as preview

        if self.plan is None:
            return None
        data = readiness_report(self.plan, self.ctx.actor.name).build()
        return preview.save_pdf(data, self, self._file_name(".pdf"))

    def save_xlsx(self) -> Path | None:
        """Export the plan to a workbook the user chooses."""
        from ledger.io.readiness import write_xlsx
        from ledger.ui.pages import excel

        if self.plan is None:
            return None
        chosen = excel.choose_file(
            self, self.tr("导出调拨方案"), save=True, suggested=self._file_name(".xlsx")
        )
        if not chosen:
            return None
        path = write_xlsx(self.plan, chosen)
        messages.status(self.tr("已导出：{path}").format(path=path))
        return path

    # Drafts --------------------------------------------------------------------------------
    def confirm_plan(self) -> bool:
        """Confirm the plan: draft a document per source depot for an incident (not posted)."""
        if self.plan is None:
            return False
        made = DraftPlanDialog.ask(self.ctx, self.plan, self, self.incident_id)
        if made is None:
            return False
        self.reload_drafts()
        self.tabs.setCurrentIndex(1)
        return True

    def current_draft(self) -> DraftRow | None:
        """The draft chosen in the drafts table."""
        row = self.drafts.row(self.drafts_view.currentIndex())
        return row if isinstance(row, DraftRow) else None

    def post_draft(self) -> bool:
        """Post the chosen draft as a document, with the stock as it now stands."""
        draft = self.current_draft()
        if draft is None or draft.status != "draft":
            messages.warning(self, self.tr("请选择一张待登记的草稿"))
            return False
        draft_id = draft.id
        outcome = run_op(
            self,
            self.ctx,
            lambda s, a: readiness.post_draft(s, a, draft_id),
            changes=STOCK_CHANGES,
        )
        if outcome.ok and outcome.value is not None:
            messages.status(self.tr("已登记：{number}").format(number=outcome.value.number))
            self.reload_drafts()
            self.run()  # the stock it drew has moved
        return outcome.ok

    def withdraw_draft(self) -> bool:
        """Withdraw the chosen draft after asking (it stays listed as withdrawn)."""
        draft = self.current_draft()
        if draft is None or draft.status != "draft":
            messages.warning(self, self.tr("请选择一张待登记的草稿"))
            return False
        question = self.tr("撤回{depot}的这张草稿？撤回后不能再登记。").format(depot=draft.depot)
        if not messages.confirm(self, question, yes=self.tr("撤回"), no=self.tr("不撤回")):
            return False
        draft_id = draft.id
        done = run_op(
            self,
            self.ctx,
            lambda s, a: readiness.withdraw_draft(s, a, draft_id),
            changes={Changes.DOCUMENTS},
        ).ok
        self.reload_drafts()
        return done


def _tree_order(units: list[org.UnitRow]) -> list[tuple[int, org.UnitRow]]:
    """The units parents first, each followed by its children (by code), with their depth."""
    known = {u.id for u in units}
    children: dict[object, list[org.UnitRow]] = {}
    for u in sorted(units, key=lambda x: x.code):
        children.setdefault(u.parent_id if u.parent_id in known else None, []).append(u)
    out: list[tuple[int, org.UnitRow]] = []
    stack = [(0, u) for u in reversed(children.get(None, []))]
    while stack:
        depth, u = stack.pop()
        out.append((depth, u))
        stack += [(depth + 1, c) for c in reversed(children.get(u.id, []))]
    return out


extensions.register_page(extensions.PageSpec("readiness", ReadinessPage))
