"""登录: the dialog shown at start — first start, login, and a forced password change.

On a database without accounts it asks for the administrator's password (twice), creates
the account and shows its recovery code once (to be kept on paper). Otherwise it asks for a
user name and password; an account whose password was set by an administrator must choose its
own before it gets in. Refusals (wrong password, locked
account, weak password) appear in the dialog's banner; the services count the failures.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ledger.core.actor import SYSTEM, Actor
from ledger.core.enums import Role
from ledger.core.errors import LedgerError, PasswordChangeRequired
from ledger.services import accounts
from ledger.services.database import Database
from ledger.ui import messages
from ledger.ui.dialogs.base import BANNER_STYLE
from ledger.ui.ops import Opening, run_op, run_query
from ledger.ui.settings import LAST_USER, Settings

NOTE_STYLE = "QLabel { color: #44505e; }"


class Mode(Enum):
    """What the dialog asks for."""

    FIRST_START = "first_start"
    LOGIN = "login"
    CHANGE = "change"


class LoginDialog(QDialog):
    """Ask who works; :attr:`actor` is set when the dialog is accepted."""

    def __init__(
        self, db: Database, parent: QWidget | None = None, settings: Settings | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.settings = settings
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("登录 — 应急资源台账"))
        self.setMinimumWidth(420)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self.username = QLineEdit(self)
        self.password = self._secret()
        self.new_password = self._secret()
        self.confirm = self._secret()
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.addRow(self.tr("用户名"), self.username)
        self.form.addRow(self.tr("密码"), self.password)
        self.form.addRow(self.tr("新密码"), self.new_password)
        self.form.addRow(self.tr("再次输入新密码"), self.confirm)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.banner)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        first = bool(run_query(self, Opening(db, SYSTEM), accounts.first_start, False))
        if settings is not None and not first:
            self.username.setText(settings.get(LAST_USER))
        self.set_mode(Mode.FIRST_START if first else Mode.LOGIN)

    def _secret(self) -> QLineEdit:
        field = QLineEdit(self)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def set_mode(self, mode: Mode) -> None:
        """Show the fields of ``mode``."""
        self.mode = mode
        first, change = mode is Mode.FIRST_START, mode is Mode.CHANGE
        self.form.setRowVisible(self.password, not first)
        self.form.setRowVisible(self.new_password, first or change)
        self.form.setRowVisible(self.confirm, first or change)
        self.username.setReadOnly(change)
        if first:
            self.username.setText(accounts.FIRST_ADMIN)
            self.note.setText(
                self.tr(
                    "首次使用：请为管理员账户设置密码（至少 {n} 个字符）。"
                    "请牢记此密码，其他账户由管理员在“数据 → 用户账户”中添加。"
                ).format(n=accounts.MIN_PASSWORD_LENGTH)
            )
            self.ok_button.setText(self.tr("创建管理员"))
            self.new_password.setFocus()
        elif change:
            self.note.setText(self.tr("这是管理员设置的临时密码，请设置您自己的新密码后继续。"))
            self.ok_button.setText(self.tr("修改密码并登录"))
            self.new_password.setFocus()
        else:
            self.note.setText(self.tr("请输入用户名和密码。"))
            self.ok_button.setText(self.tr("登录"))
            (self.password if self.username.text() else self.username).setFocus()

    def show_refusal(self, text: str, line: int | None = None) -> None:
        """Show why the last attempt was refused."""
        del line
        self.banner.setText(text)
        self.banner.show()

    def accept(self) -> None:
        """Try what the form holds; close only with an actor."""
        self.banner.hide()
        try:
            actor = self._attempt()
        except PasswordChangeRequired:
            self.set_mode(Mode.CHANGE)
            return
        except LedgerError as error:
            self.show_refusal(error.message)
            self.password.selectAll()
            return
        if actor is not None:
            self.actor = actor
            if self.settings is not None:
                self.settings.set(LAST_USER, actor.username)
                self.settings.sync()
            super().accept()

    def _attempt(self) -> Actor | None:
        """One write through :func:`run_op`; a login refusal is raised after the failure
        counters it wrote were committed."""
        username = self.username.text().strip()
        password, new = self.password.text(), self.new_password.text()
        if self.mode is not Mode.LOGIN and new != self.confirm.text():
            self.show_refusal(self.tr("两次输入的新密码不一致"))
            return None
        if self.mode is Mode.FIRST_START:
            first = Opening(self.db, Actor(username or accounts.FIRST_ADMIN, Role.ADMIN))
            created = run_op(self, first, lambda s, _a: _first_admin(s, new, username), target=self)
            if not created.ok or created.value is None:
                return None
            actor, code = created.value
            self.show_recovery_code(code)
            return actor
        someone = Opening(self.db, Actor(username or "?", Role.VIEWER))
        if self.mode is Mode.LOGIN:
            tried = run_op(
                self, someone, lambda s, _a: accounts.attempt_login(s, username, password),
                target=self,
            )  # fmt: skip
        else:
            tried = run_op(
                self,
                someone,
                lambda s, _a: accounts.attempt_change_password(s, username, password, new),
                target=self,
            )
        if not tried.ok or tried.value is None:
            return None
        if tried.value.error is not None:
            raise tried.value.error
        return tried.value.actor

    def show_recovery_code(self, code: str) -> None:
        """Show the administrator's recovery code, the one time it is shown."""
        messages.info(
            self,
            self.tr(
                "管理员账户已创建。恢复码：{code}\n\n请把恢复码抄在纸上，交由单位负责人妥善"
                "保管；它只显示这一次。忘记管理员密码时，在命令行运行\n"
                "ledger users recover 用户名 --code 恢复码\n即可重设密码。"
            ).format(code=code),
        )

    @classmethod
    def ask(
        cls, db: Database, parent: QWidget | None = None, settings: Settings | None = None
    ) -> Actor | None:
        """Show the dialog; the actor who logged in, or ``None`` when the user quit. With
        ``settings`` the last user name on this machine is offered and remembered."""
        dialog = cls(db, parent, settings)
        return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None


def _first_admin(session: Any, password: str, username: str) -> tuple[Actor, str]:
    """Create the first administrator and issue the recovery code, in one transaction."""
    actor = accounts.create_first_admin(session, password, username=username)
    return actor, accounts.issue_recovery_code(session, actor.username)
