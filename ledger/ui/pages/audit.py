"""审计日志: every recorded change, filtered by table, user, dates and record, with before/after.

Opened from the menu 数据 → 审计日志 (admin and office); the log is paged in SQL, so a ledger
with years of changes opens at once. Selecting a row shows each field it touched, before and
after.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services import reporting
from ledger.services.accounts import Action, role_may
from ledger.services.reporting import AuditEntry, AuditFilter
from ledger.ui import extensions, messages
from ledger.ui.context import AppContext
from ledger.ui.ops import run_query
from ledger.ui.tables.base import Column, PagedModel, RowsModel
from ledger.ui.widgets.fields import DateField
from ledger.ui.widgets.page import table_view

if TYPE_CHECKING:
    from ledger.ui.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("Audit", text)


ENTRY_COLUMNS: list[Column[AuditEntry]] = [
    Column(
        QT_TRANSLATE_NOOP("Columns", "时间"),
        lambda e: e.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
        width=150,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "用户"),
        lambda e: _tr(e.actor_name or e.actor),
        tooltip=lambda e: e.actor,
        width=90,
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "操作"), lambda e: _tr(e.action_label), width=50),
    Column(QT_TRANSLATE_NOOP("Columns", "数据"), lambda e: _tr(e.table_label), width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "记录"), lambda e: e.subject, width=160),
    Column(
        QT_TRANSLATE_NOOP("Columns", "改动的字段"),
        lambda e: _summary(e),
        tooltip=lambda e: e.subject,
    ),
]


def _summary(entry: AuditEntry) -> str:
    if entry.action == "insert":
        return QCoreApplication.translate("Audit", "新建记录")
    if entry.action == "delete":
        return QCoreApplication.translate("Audit", "删除记录")
    return "、".join(_tr(name) for name, _, _ in entry.differences())


DIFF_COLUMNS: list[Column[tuple[str, str, str]]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "字段"), lambda d: _tr(d[0]), width=120),
    Column(QT_TRANSLATE_NOOP("Columns", "修改前"), lambda d: d[1], width=220),
    Column(QT_TRANSLATE_NOOP("Columns", "修改后"), lambda d: d[2], width=220),
]


class AuditView(QWidget):
    """Filters over a paged table of audit entries and the selected entry's differences."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table_filter = QComboBox(self)
        self.actor_filter = QComboBox(self)
        self.since = DateField(parent=self)
        self.until = DateField(parent=self)
        self.record = QLineEdit(self)
        self.record.setPlaceholderText(QCoreApplication.translate("Audit", "记录标识（可选）"))
        self.search = QPushButton(QCoreApplication.translate("Audit", "查询"), self)
        self.search.clicked.connect(self.reload)
        self.count_label = QLabel(self)
        self.model: PagedModel[AuditEntry] = PagedModel(ENTRY_COLUMNS, lambda: 0, lambda o, n: [])
        self.view = table_view(self.model, self)
        self.diff_model: RowsModel[tuple[str, str, str]] = RowsModel(DIFF_COLUMNS)
        self.diff_view = table_view(self.diff_model, self)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        filters = QHBoxLayout()
        for title, widget in (
            (QCoreApplication.translate("Audit", "数据"), self.table_filter),
            (QCoreApplication.translate("Audit", "用户"), self.actor_filter),
            (QCoreApplication.translate("Audit", "从"), self.since),
            (QCoreApplication.translate("Audit", "至"), self.until),
        ):
            filters.addWidget(QLabel(title, self))
            filters.addWidget(widget)
        filters.addWidget(self.record, 1)
        filters.addWidget(self.search)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.diff_view)
        splitter.setSizes([420, 180])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(splitter, 1)
        self._fill_choices()
        self.reload()

    def _fill_choices(self) -> None:
        none: list[Any] = []
        tables: list[tuple[str, str]] = run_query(self, self.ctx, reporting.audit_tables, none)
        actors: list[tuple[str, str]] = run_query(
            self, self.ctx, reporting.audit_actor_choices, none
        )
        self.table_filter.addItem(QCoreApplication.translate("Audit", "全部"), None)
        for code, title in tables:
            self.table_filter.addItem(_tr(title), code)
        self.actor_filter.addItem(QCoreApplication.translate("Audit", "全部"), None)
        for login, name in actors:
            self.actor_filter.addItem(_tr(name), login)

    def current_filter(self) -> AuditFilter:
        """The filter the widgets describe (an unreadable record id filters nothing)."""
        try:
            row_id = uuid.UUID(self.record.text().strip()) if self.record.text().strip() else None
        except ValueError:
            row_id = None
        return AuditFilter(
            table=self.table_filter.currentData(),
            actor=self.actor_filter.currentData(),
            since=self.since.date(),
            until=self.until.date(),
            row_id=row_id,
        )

    def reload(self) -> None:
        """Query again with the current filter."""
        flt, actor = self.current_filter(), self.ctx.actor

        def count() -> int:
            return run_query(self, self.ctx, lambda s: reporting.count_entries(s, actor, flt), 0)

        def fetch(offset: int, limit: int) -> list[AuditEntry]:
            return run_query(
                self,
                self.ctx,
                lambda s: reporting.audit_entries(s, actor, flt, limit=limit, offset=offset),
                [],
            )

        self.model.set_source(count, fetch)
        self.count_label.setText(
            QCoreApplication.translate("Audit", "共 {n} 条记录").format(n=self.model.total)
        )
        self.diff_model.set_rows([])
        if self.model.rowCount():
            self.view.selectRow(0)

    def _show_selected(self) -> None:
        entry = self.model.row(self.view.currentIndex().row())
        self.diff_model.set_rows(entry.differences() if entry is not None else [])


class AuditDialog(QDialog):
    """The audit view in a window of its own."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Audit", "审计日志"))
        self.resize(1000, 640)
        self.view = AuditView(ctx, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)


def open_audit(window: MainWindow) -> None:
    """Menu handler: open the audit log (administrators and offices)."""
    ctx = window.ctx
    if not role_may(ctx.actor, Action.VIEW_AUDIT):
        messages.refusal(
            window, QCoreApplication.translate("Audit", "只有管理员和应急办账户可以查看审计日志")
        )
        return
    dialog = AuditDialog(ctx, window)
    dialog.exec()


extensions.register_action(
    extensions.ActionSpec(
        "data",
        QT_TRANSLATE_NOOP("Audit", "审计日志(&A)…"),
        open_audit,
        order=900,
        context="Audit",
    )
)
