"""删除 and 停用/启用 of the record selected in a list: a context menu, never a default button.

Deleting asks first, naming the record, with 取消 as the default; the service refuses a
record something refers to and says what (then 停用 is the way). Both are audited.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QObject, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QMenu, QMessageBox, QWidget

from ledger.services import org
from ledger.services.accounts import Action, role_may
from ledger.services.org import RecordKind
from ledger.ui import messages
from ledger.ui.context import AppContext, Changes
from ledger.ui.ops import run_op, run_query
from ledger.ui.widgets.sheet_view import SheetView

#: What is picked in the list: the record's id and how people name it, or None.
Picked = Callable[[], "tuple[uuid.UUID, str] | None"]


def confirm_delete(parent: QWidget | None, question: str) -> bool:
    """Ask before deleting; 取消 is the default button, 删除 must be clicked on purpose."""
    if messages._recorder is not None:  # tests answer from the recorder
        return messages.confirm(
            parent,
            question,
            yes=QCoreApplication.translate("RecordActions", "删除"),
            no=QCoreApplication.translate("RecordActions", "取消"),
        )
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("RecordActions", "删除记录"),
        question,
        parent=parent,
    )
    delete = box.addButton(
        QCoreApplication.translate("RecordActions", "删除"), QMessageBox.ButtonRole.DestructiveRole
    )
    cancel = box.addButton(
        QCoreApplication.translate("RecordActions", "取消"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is delete


class RecordActions(QObject):
    """删除… and 停用/启用 for one kind of record, on a list's context menu."""

    def __init__(
        self,
        parent: QWidget,
        ctx: AppContext,
        kind: RecordKind,
        picked: Picked,
        changes: Iterable[Changes],
        view: QAbstractItemView | None = None,
    ) -> None:
        super().__init__(parent)
        self.parent_widget, self.ctx, self.kind, self.picked = parent, ctx, kind, picked
        self.changes = frozenset(changes)
        action = Action.EDIT_CATALOGUE if kind is RecordKind.ITEM else Action.EDIT_RECORDS
        self.allowed = role_may(ctx.actor, action) or (
            kind is RecordKind.EQUIPMENT and role_may(ctx.actor, Action.POST)
        )
        if view is not None:
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(lambda pos: self.show_menu(view, pos))

    def menu(self) -> QMenu | None:
        """The menu for the picked record (None when nothing is picked or may be changed)."""
        found = self.picked()
        if found is None or not self.allowed:
            return None
        record_id, _name = found
        kind = self.kind
        disabled = run_query(
            self.parent_widget, self.ctx, lambda s: org.is_disabled(s, kind, record_id), False
        )
        menu = QMenu(self.parent_widget)
        toggle = menu.addAction(
            QCoreApplication.translate("RecordActions", "启用")
            if disabled
            else QCoreApplication.translate("RecordActions", "停用")
        )
        toggle.triggered.connect(lambda _=False: self.set_disabled(not disabled))
        menu.addSeparator()
        remove = menu.addAction(QCoreApplication.translate("RecordActions", "删除…"))
        remove.triggered.connect(lambda _=False: self.delete())
        return menu

    def show_menu(self, view: QAbstractItemView, pos: QPoint) -> None:
        """Open the menu at the clicked row."""
        index = view.indexAt(pos)
        if index.isValid():
            view.setCurrentIndex(index)
        menu = self.menu()
        table_actions = view.table_actions() if isinstance(view, SheetView) else []
        if table_actions:  # 复制 and 导出Excel… stay in a record's menu
            if menu is None:
                menu = QMenu(self.parent_widget)
            else:
                menu.addSeparator()
            menu.addActions(table_actions)
        if menu is not None:
            menu.exec(view.viewport().mapToGlobal(pos))

    def set_disabled(self, disabled: bool) -> bool:
        """停用 (or 启用) the picked record; whether it went through."""
        found = self.picked()
        if found is None:
            return False
        record_id, name = found
        kind = self.kind
        done = (
            QCoreApplication.translate("RecordActions", "已停用：{name}")
            if disabled
            else QCoreApplication.translate("RecordActions", "已启用：{name}")
        )
        outcome = run_op(
            self.parent_widget,
            self.ctx,
            lambda s, a: org.set_disabled(s, a, kind, record_id, disabled),
            changes=self.changes,
            done=done.format(name=name),
        )
        return outcome.ok

    def delete(self) -> bool:
        """Delete the picked record after a confirmation naming it; whether it went."""
        found = self.picked()
        if found is None:
            return False
        record_id, name = found
        question = QCoreApplication.translate(
            "RecordActions",
            "确定删除“{name}”吗？删除后不能恢复。\n仍被单据、库存或其他记录引用的不能删除，请改为停用。",
        ).format(name=name)
        if not confirm_delete(self.parent_widget, question):
            return False
        kind = self.kind
        outcome = run_op(
            self.parent_widget,
            self.ctx,
            lambda s, a: org.delete(s, a, kind, record_id),
            changes=self.changes,
            done=QCoreApplication.translate("RecordActions", "已删除：{name}").format(name=name),
        )
        return outcome.ok
