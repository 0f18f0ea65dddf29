"""用户账户: the account list for administrators, and changing one's own password.

Menu entries: 数据 → 用户账户 (administrators; others are told they may not) and
文件 → 修改密码 (everyone who logged in).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ledger.core.i18n import QT_TRANSLATE_NOOP
from ledger.services import accounts
from ledger.services.accounts import AccountRow, Action, role_may
from ledger.ui import extensions, messages
from ledger.ui.context import AppContext
from ledger.ui.dialogs.accounts import AccountDialog, ChangePasswordDialog, ResetPasswordDialog
from ledger.ui.i18n import label
from ledger.ui.ops import run_op, run_query
from ledger.ui.tables.base import GREY_FG, RED_FG, Column, RowsModel
from ledger.ui.widgets.page import row_of, table_view

if TYPE_CHECKING:
    from ledger.ui.main_window import MainWindow


def state_text(row: AccountRow) -> str:
    """正常, 已停用, 已锁定 or 须修改密码."""
    if not row.active:
        return QCoreApplication.translate("Accounts", "已停用")
    if row.locked:
        return QCoreApplication.translate("Accounts", "已锁定")
    if row.must_change_password:
        return QCoreApplication.translate("Accounts", "须修改密码")
    return QCoreApplication.translate("Accounts", "正常")


def _when(row: AccountRow) -> str:
    return row.last_login_at.astimezone().strftime("%Y-%m-%d %H:%M") if row.last_login_at else ""


ACCOUNT_COLUMNS: list[Column[AccountRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "用户名"), lambda r: r.username, width=110),
    Column(QT_TRANSLATE_NOOP("Columns", "姓名"), lambda r: r.display_name, width=100),
    Column(QT_TRANSLATE_NOOP("Columns", "角色"), lambda r: label(r.role), width=70),
    Column(QT_TRANSLATE_NOOP("Columns", "状态"), state_text, width=90),
    Column(QT_TRANSLATE_NOOP("Columns", "负责的仓库"), lambda r: "、".join(r.depots), width=180),
    Column(QT_TRANSLATE_NOOP("Columns", "所属单位"), lambda r: "、".join(r.units), width=160),
    Column(QT_TRANSLATE_NOOP("Columns", "最近登录"), _when),
]


class AccountsModel(RowsModel[AccountRow]):
    """Accounts; disabled ones grey, locked ones red."""

    def foreground(self, row: AccountRow, column: int) -> QColor | None:
        if not row.active:
            return GREY_FG
        return RED_FG if row.locked and column == 3 else None


class AccountsDialog(QDialog):
    """The accounts of this database, with add, edit, reset and unlock."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(QCoreApplication.translate("Accounts", "用户账户"))
        self.resize(900, 460)
        self.model = AccountsModel(ACCOUNT_COLUMNS)
        self.view = table_view(self.model, self)
        self.view.doubleClicked.connect(lambda *_: self.edit())
        buttons = QHBoxLayout()
        for title, handler in (
            (QCoreApplication.translate("Accounts", "新增…"), self.add),
            (QCoreApplication.translate("Accounts", "修改…"), self.edit),
            (QCoreApplication.translate("Accounts", "重置密码…"), self.reset),
            (QCoreApplication.translate("Accounts", "解锁"), self.unlock),
        ):
            button = QPushButton(title, self)
            button.clicked.connect(handler)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        self.refresh()

    def refresh(self) -> None:
        """Read the accounts again."""
        actor = self.ctx.actor
        self.model.set_rows(
            run_query(self, self.ctx, lambda s: accounts.list_accounts(s, actor), [])
        )

    def selected(self) -> AccountRow | None:
        """The account under the cursor."""
        row = row_of(self.view)
        return row if isinstance(row, AccountRow) else None

    def add(self) -> None:
        """Add an account."""
        if AccountDialog.ask(self.ctx, None, self) is not None:
            self.refresh()

    def edit(self) -> None:
        """Edit the selected account."""
        account = self.selected()
        if account is not None and AccountDialog.ask(self.ctx, account, self) is not None:
            self.refresh()

    def reset(self) -> None:
        """Give the selected account a temporary password."""
        account = self.selected()
        if account is not None and ResetPasswordDialog.ask(self.ctx, account, self) is not None:
            self.refresh()

    def unlock(self) -> None:
        """Lift the selected account's lock."""
        account = self.selected()
        if account is None:
            return
        name = account.username
        outcome = run_op(
            self,
            self.ctx,
            lambda s, a: accounts.unlock_account(s, a, name),
            done=QCoreApplication.translate("Accounts", "已解锁：{name}").format(name=name),
        )
        if outcome.ok:
            self.refresh()


def open_accounts(window: MainWindow) -> None:
    """Menu handler: the account list (administrators only)."""
    if not role_may(window.ctx.actor, Action.MANAGE_ACCOUNTS):
        messages.refusal(
            window, QCoreApplication.translate("Accounts", "只有管理员可以管理用户账户")
        )
        return
    AccountsDialog(window.ctx, window).exec()


def change_own_password(window: MainWindow) -> None:
    """Menu handler: change the password of the account that is logged in."""
    if ChangePasswordDialog.ask(window.ctx, window) is not None:
        messages.info(
            window, QCoreApplication.translate("Accounts", "密码已修改，下次登录请使用新密码。")
        )


extensions.register_action(
    extensions.ActionSpec(
        "data",
        QT_TRANSLATE_NOOP("Accounts", "用户账户(&U)…"),
        open_accounts,
        order=910,
        context="Accounts",
    )
)
extensions.register_action(
    extensions.ActionSpec(
        "file",
        QT_TRANSLATE_NOOP("Accounts", "修改密码(&P)…"),
        change_own_password,
        order=900,
        context="Accounts",
    )
)
