"""短板检查: the findings of a profile on a date, by unit, with their citations.

The unit tree shows each unit's counts of missing (red), short and expiring/overdue (amber) and
待确认 (grey) findings, for itself and the units below; choosing a unit lists its findings and
those below it, with counts per severity per town. A double-click opens the records behind a
finding on their own page; a 待确认 finding is confirmed in one action. The check runs on the
background worker (:func:`~ledger.ui.ops.run_query_later`): the window stays responsive and
only the latest request's findings are shown.
"""

from __future__ import annotations

import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ledger.core.enums import Level
from ledger.norms.kinds import KINDS
from ledger.norms.kinds.composite import CONFIRM_REF
from ledger.norms.model import Finding, Id, Severity
from ledger.services import norms
from ledger.ui import extensions, messages
from ledger.ui.context import AppContext, Changes
from ledger.ui.dialogs.equipment_mapping import MappingDialog
from ledger.ui.dialogs.norm_settings import (
    AgreementsDialog,
    ConfirmDialog,
    MinimumDialog,
    PerCapitaDialog,
)
from ledger.ui.dialogs.plan_wizard import PlanWizard
from ledger.ui.i18n import translate
from ledger.ui.navigation import Record, RecordLink, open_record
from ledger.ui.ops import run_op, run_query_later
from ledger.ui.pages._remedy_actions import RemedyActions
from ledger.ui.pages._stock_tabs import COUNT_STYLE, toolbar
from ledger.ui.tables.shortfalls import FindingsModel, ShortfallTreeModel
from ledger.ui.widgets.fields import DateField, select_data
from ledger.ui.widgets.page import Page, row_of, table_view

DETAIL_STYLE = "QLabel { background: #f7f8fa; border: 1px solid #d9dde3; padding: 6px; }"
# Where each kind of record behind a finding is opened.
RECORD_KINDS = {r.value for r in Record} - {Record.FINDINGS.value}


def finding_link(finding: Finding) -> RecordLink:
    """The record a finding is about: its first record the GUI keeps, in the depot it names
    (a piece of equipment by its name when it is the only one), else its unit."""
    records = [r for r in finding.records if r.kind in RECORD_KINDS]
    if not records:
        return RecordLink(Record.UNIT, unit_id=finding.unit_id)
    first, kind = records[0], Record(records[0].kind)
    depot = next((r.id for r in finding.records if r.kind == Record.DEPOT), None)
    pieces = [r for r in finding.records if r.kind == Record.EQUIPMENT]
    named = kind is not Record.EQUIPMENT or len(pieces) == 1
    return RecordLink(kind, finding.unit_id, first.id, first.label if named else "", depot)


class ShortfallsPage(RemedyActions, Page):
    """The shortfall dashboard (短板检查)."""

    interests = frozenset(Changes)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.result: norms.CheckResult | None = None
        self.remedies: dict[norms.Key, norms.RemedyRow] = {}
        self._checks = 0  # checks asked for
        self._wanted: RecordLink | None = None  # a unit to show once the running check ends
        self.profile = QComboBox()
        self.profile.setMinimumWidth(320)
        self.on = DateField(ctx.today())
        self.check_button = QPushButton(self.tr("检查"))
        self.check_button.clicked.connect(self.refresh)
        self.add_button = QPushButton(self.tr("添加规划文件…"))
        self.add_button.clicked.connect(lambda: self.add_profile())
        self.draft_button = QPushButton(self.tr("从规划文本起草…"))
        self.draft_button.setToolTip(
            self.tr("规划导入向导：读取规划文本（.txt、.docx、.pdf），逐条核对后安装")
        )
        self.draft_button.clicked.connect(lambda: self.draft_profile())
        self.profile.currentIndexChanged.connect(lambda _i: self.refresh())
        self.on.returnPressed.connect(self.refresh)
        self.tree_model = ShortfallTreeModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setMinimumWidth(300)  # the unit names beside four count columns
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.tree_model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self.show_findings())
        self.model = FindingsModel(self)
        self.view = table_view(self.model, self, sortable=True)
        self.view.doubleClicked.connect(lambda _i: self.open_records())
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._show_detail())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable_confirm())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(COUNT_STYLE)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setStyleSheet(DETAIL_STYLE)
        self._build_layout()

    def _build_layout(self) -> None:
        self.confirm_waiting_button = QPushButton(self.tr("确认待确认项"))
        self.confirm_waiting_button.setToolTip(
            self.tr(
                "以今天的日期确认所选短板（可按Ctrl/Shift多选）等待办公室确认的各项"
                "（如班子、机制、劝导站），一次完成"
            )
        )
        self.confirm_waiting_button.clicked.connect(lambda: self.confirm_waiting())
        self.confirm_waiting_button.setEnabled(False)
        buttons = [self.confirm_waiting_button]
        # the office's own settings in one menu, so the row fits a 1366-pixel laptop screen
        settings = QMenu(self)
        for title, handler in (
            (self.tr("人均储备定额…"), self.per_capita),
            (self.tr("最低库存…"), self.minimums),
            (self.tr("储备协议…"), self.agreements),
            (self.tr("装备对应…"), self.mapping),
        ):
            settings.addAction(title).triggered.connect(lambda _c=False, h=handler: h())
        settings_button = QPushButton(self.tr("本单位设定"))
        settings_button.setMenu(settings)
        buttons.append(settings_button)
        for title, handler in (
            (self.tr("打开相关记录"), self.open_records),
            (self.tr("确认属性…"), self.confirm),
            (self.tr("整改…"), self.remedy),
            (self.tr("标记已整改"), self.mark_done),
            (self.tr("导出Excel…"), lambda: self.export_excel()),
        ):
            button = QPushButton(title)
            button.clicked.connect(handler)
            buttons.append(button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.view, 1)
        right_layout.addWidget(self.detail)
        right_layout.addLayout(toolbar(*buttons))
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([440, 800])
        layout = QVBoxLayout(self)
        layout.addLayout(
            toolbar(
                QLabel(self.tr("规划")),
                self.profile,
                QLabel(self.tr("检查日期")),
                self.on,
                self.check_button,
                self.add_button,
                self.draft_button,
            )
        )
        layout.addWidget(self.splitter)
        self.remember("splitter", self.splitter)

    # Reading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Run the check again with the chosen profile and date on the background worker.

        Meanwhile the page says it is checking and its 检查 button takes no second click; the
        findings shown stay until the new ones arrive. A check asked for while one runs (another
        profile or date) supersedes it: only the latest request's result is shown.
        """
        self._fill_profiles()
        day = self.on.date()
        if day is None:
            messages.warning(self, self.tr("请填写检查日期（如 2026-11-22）"))
            return
        profile_id = self.profile.currentData()
        actor = self.ctx.actor
        self._checks += 1
        number = self._checks  # only the latest request is shown, whichever ends first
        self._show_checking(True)

        def read(session: Any) -> tuple[norms.CheckResult, dict[norms.Key, norms.RemedyRow]]:
            result = norms.check(session, actor, on=day, profile_id=profile_id)
            return result, norms.review(session, result)

        def arrived(
            value: tuple[norms.CheckResult, dict[norms.Key, norms.RemedyRow]] | None,
        ) -> None:
            if number != self._checks:
                return  # a later request is running: this result is stale
            self._show_checking(False)
            if value is None:
                self.summary.setText(self.tr("未能检查"))
                return
            self._show_result(*value)

        run_query_later(self, self.ctx, read, arrived)

    @property
    def checking(self) -> bool:
        """Whether a check runs on the background worker and its result is not shown yet."""
        return not self.check_button.isEnabled()

    def _show_checking(self, running: bool) -> None:
        self.check_button.setEnabled(not running)
        self.check_button.setText(self.tr("正在检查……") if running else self.tr("检查"))
        if running:
            self.summary.setText(self.tr("正在检查，请稍候……"))

    def _show_result(
        self, result: norms.CheckResult, remedies: dict[norms.Key, norms.RemedyRow]
    ) -> None:
        """Show a check's findings that came back from the background worker."""
        current = self.current_unit()
        self.result = result
        self.remedies = self._settle(result, remedies)
        self.model.remedies = self.remedies
        self.tree_model.set_result(result.units, result.findings)
        self.tree.expandToDepth(1)
        target = self.tree_model.find(current) if current is not None else None
        if target is None or not target.isValid():
            target = self.tree_model.index(0, 0)
        self.tree.setCurrentIndex(target)
        self.show_findings()
        if self._wanted is not None:
            link, self._wanted = self._wanted, None
            self.show_record(link)

    def _fill_profiles(self) -> None:
        chosen = self.profile.currentData()
        infos, _problems = norms.list_profiles()
        self.profile.blockSignals(True)
        self.profile.clear()
        self.profile.addItem(self.tr("按各单位绑定的规划"), None)
        for info in infos:
            number = f"（{info.number}）" if info.number else ""
            self.profile.addItem(f"{info.name}{number}", info.id)
        select_data(self.profile, chosen)
        self.profile.blockSignals(False)

    def current_unit(self) -> uuid.UUID | None:
        """The unit chosen in the tree (its id, as the findings carry it)."""
        index = self.tree.currentIndex()
        return _uuid(self.tree_model.node(index).id) if index.isValid() else None

    def shown_units(self) -> set[Id]:
        """The chosen unit and every unit below it."""
        index = self.tree.currentIndex()
        if not index.isValid():
            return set()
        stack = [self.tree_model.node(index)]
        found: set[Id] = set()
        while stack:
            node = stack.pop()
            found.add(node.id)
            stack.extend(node.children)
        return found

    def show_findings(self) -> None:
        """List the findings of the chosen unit and the units below it, with their counts."""
        if self.result is None:
            return
        units = self.shown_units()
        rows = [f for f in self.result.findings if f.unit_id in units]
        self.model.set_rows(rows)
        self.summary.setText(self._summary(rows))
        self.summary.setToolTip(self._town_counts(rows))
        self._show_detail()

    def _summary(self, rows: list[Finding]) -> str:
        assert self.result is not None
        by_severity = Counter(f.severity for f in rows)
        by_kind = Counter(f.kind for f in rows)
        severities = "　".join(
            f"{translate('Norms', s.label)} {by_severity[s]}" for s in Severity if by_severity[s]
        )
        kinds = "、".join(
            f"{translate('Norms', KINDS[k].label)} {n}" for k, n in by_kind.most_common()
        )
        text = self.tr("{date}：共 {n} 项短板").format(date=self.result.on, n=len(rows))
        if severities:
            text += f"（{severities}）"
        if kinds:
            text += self.tr("；按类型：") + kinds
        if self.result.unbound:
            text += self.tr("。未绑定规划的单位 {n} 个").format(n=len(self.result.unbound))
        return text

    def _town_counts(self, rows: list[Finding]) -> str:
        """Counts per severity per town, one town a line (the summary's tooltip)."""
        towns = self._by_town(rows)
        if len(towns) < 2:
            return ""
        return (
            self.tr("按乡镇：")
            + "\n"
            + "\n".join(
                f"{name}　"
                + "　".join(f"{translate('Norms', s.label)} {n}" for s, n in counts.items())
                for name, counts in towns
            )
        )

    def _by_town(self, rows: list[Finding]) -> list[tuple[str, dict[Severity, int]]]:
        """Counts per severity for each town (a village counts with its town), in tree order."""
        assert self.result is not None
        nodes = {u.id: u for u in self.result.units}
        town_rank = Level.TOWN.rank

        def town_of(unit_id: Id) -> Id:
            node = nodes[unit_id]
            while Level.from_label(node.level_label).rank > town_rank and node.parent_id in nodes:
                node = nodes[node.parent_id]
            return node.id

        per: dict[Id, Counter[Severity]] = {}
        for finding in rows:
            per.setdefault(town_of(finding.unit_id), Counter())[finding.severity] += 1
        return [
            (u.name, {s: per[u.id][s] for s in Severity if per[u.id][s]})
            for u in self.result.units
            if u.id in per
        ]

    def current(self) -> Finding | None:
        """The finding selected in the table."""
        row = row_of(self.view)
        return row if isinstance(row, Finding) else None

    def chosen(self) -> list[Finding]:
        """The findings selected (many with Ctrl/Shift+click), else the current one."""
        proxy = self.view.model()
        selected = self.view.selectionModel().selectedRows()
        if isinstance(proxy, QSortFilterProxyModel):
            selected = [proxy.mapToSource(i) for i in selected]
        rows = sorted({i.row() for i in selected})
        found = [f for f in map(self.model.row, rows) if isinstance(f, Finding)]
        current = self.current()
        return found or ([current] if current is not None else [])

    def _enable_confirm(self) -> None:
        self.confirm_waiting_button.setEnabled(any(map(waiting_attributes, self.chosen())))

    def _show_detail(self) -> None:
        finding = self.current()
        self._enable_confirm()
        if finding is None:
            self.detail.setText(self.tr("选择一项短板查看详情和出处；双击打开相关记录。"))
            return
        assert self.result is not None
        plan = self.result.profiles.get(finding.profile, finding.profile)
        lines = [f"{finding.unit_name} · {finding.title}"]
        if finding.detail:
            lines.append(finding.detail)
        if finding.range_text:
            lines.append(self.tr("规划原文为{text}，按下限检查").format(text=finding.range_text))
        if finding.severity is Severity.UPCOMING and finding.effective:
            lines.append(self.tr("自 {date} 起生效").format(date=finding.effective))
        lines.append(
            self.tr("出处：{plan} {section}「{quote}」（规则 {rule}）").format(
                plan=plan,
                section=finding.citation.section,
                quote=finding.citation.quote,
                rule=finding.rule_id,
            )
        )
        lines += self._remedy_lines(finding)
        self.detail.setText("\n".join(lines))

    # Acting --------------------------------------------------------------------------------
    def open_records(self) -> None:
        """Open the records behind the selected finding on their page."""
        finding = self.current()
        if finding is not None:
            open_record(self, finding_link(finding))

    def show_record(self, link: RecordLink) -> None:
        """Show the findings of ``link``'s unit (all of them without one)."""
        if link.unit_id is None:
            return
        if self.checking:  # shown when the running check's findings arrive
            self._wanted = link
            return
        found = self.tree_model.find(link.unit_id)
        if found.isValid():
            self.tree.setCurrentIndex(found)
            self.tree.scrollTo(found)

    def add_profile(self, path: Path | None = None) -> None:
        """Validate a plan of the office's own (a TOML file) and install it."""
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, self.tr("选择规划文件"), "", self.tr("规划文件 (*.toml)")
            )
            if not chosen:
                return
            path = Path(chosen)
        outcome = run_op(
            self,
            self.ctx,
            lambda _s, a: norms.install_profile(a, path),
            changes={Changes.SETTINGS},
        )
        if outcome.ok and outcome.value is not None:
            messages.status(self.tr("已安装规划：{name}").format(name=outcome.value.name))
            self.refresh()
            select_data(self.profile, outcome.value.id)

    def draft_profile(self) -> None:
        """The 规划导入向导: draft a profile from a plan's text, review it and install it."""
        installed = PlanWizard.ask(self.ctx, self)
        if installed is not None:
            self.refresh()
            select_data(self.profile, installed.id)

    def _unit_and_profile(self) -> tuple[Id, str] | None:
        unit = self.current_unit()
        finding = self.current()
        profile = finding.profile if finding else self.profile.currentData()
        if profile is None and self.result is not None and unit is not None:
            profile = next((u.effective_profile for u in self.result.units if u.id == unit), None)
        if unit is None or profile is None:
            messages.warning(self, self.tr("请先在左侧选择一个已绑定规划的单位"))
            return None
        return unit, profile

    def confirm(self) -> None:
        """Confirm, with a date, an attribute the ledger holds no data for (六有's 有班子 …)."""
        chosen = self._unit_and_profile()
        if chosen is not None and ConfirmDialog.ask(self.ctx, chosen[0], chosen[1], self):
            self.refresh()

    def confirm_waiting(self) -> None:
        """Confirm, dated today, in one transaction, what the selected 待确认 findings wait on."""
        waiting = [
            (_uuid(f.unit_id), keys) for f in self.chosen() if (keys := waiting_attributes(f))
        ]
        if not waiting:
            return
        day = self.ctx.today()
        keys = list(dict.fromkeys(k for _, ks in waiting for k in ks))
        units = len({u for u, _ in waiting})
        done = (
            self.tr("已确认：{attributes}").format(attributes="、".join(keys))
            if units == 1
            else self.tr("已确认 {units} 个单位的待确认项：{attributes}").format(
                units=units, attributes="、".join(keys)
            )
        )
        outcome = run_op(
            self,
            self.ctx,
            lambda s, a: norms.confirm_waiting_many(s, a, waiting, day),
            changes={Changes.ORG},
            done=done,
        )
        if outcome.ok:
            self.refresh()

    def per_capita(self) -> None:
        """Set per-person amounts of a scaled reserve rule for the chosen unit."""
        chosen = self._unit_and_profile()
        if chosen is not None and PerCapitaDialog.ask(self.ctx, chosen[0], chosen[1], self):
            self.refresh()

    def minimums(self) -> None:
        """Set the office's minimum of an item in one of the chosen unit's depots."""
        unit = self.current_unit()
        if unit is not None and MinimumDialog.ask(self.ctx, unit, self):
            self.refresh()

    def agreements(self) -> None:
        """The chosen unit's reserve agreements with suppliers and reserve enterprises."""
        unit = self.current_unit()
        if unit is not None:
            AgreementsDialog(self.ctx, unit, self).exec()
            self.refresh()

    def mapping(self) -> None:
        """Say which catalogue item counts for an equipment entry of the unit's plan."""
        chosen = self._unit_and_profile()
        if chosen is not None and MappingDialog.ask(self.ctx, chosen[0], chosen[1], self):
            self.refresh()


def waiting_attributes(finding: Finding) -> list[str]:
    """The attributes a finding waits on the office to confirm (none unless 待确认)."""
    if finding.severity is not Severity.UNCONFIRMED:
        return []
    return [r.label for r in finding.records if r.kind == CONFIRM_REF]


extensions.register_page(extensions.PageSpec("shortfalls", ShortfallsPage))


def _uuid(value: Id) -> uuid.UUID:
    """A finding's id, which the check reads from the database as a ``uuid.UUID``."""
    if not isinstance(value, uuid.UUID):
        raise TypeError(f"not a record id: {value!r}")
    return value
