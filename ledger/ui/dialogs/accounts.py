"""Account editors: an account (role, depots, units), a temporary password, one's own password."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QListWidget, QListWidgetItem, QWidget

from ledger.core.enums import Level, Role
from ledger.services import accounts, catalogue, org
from ledger.services.accounts import AccountInput, AccountRow
from ledger.ui.context import AppContext
from ledger.ui.dialogs.base import FormDialog
from ledger.ui.dialogs.org import enum_combo
from ledger.ui.ops import Outcome, run_op, run_query

#: Levels an office account can be bound to (villages have no office of their own).
OFFICE_LEVELS = frozenset(
    {Level.PROVINCE, Level.CITY, Level.COUNTY, Level.TOWN, Level.STREET, Level.ZONE}
)


def check_list(choices: list[tuple[uuid.UUID, str]], checked: frozenset[uuid.UUID]) -> QListWidget:
    """A list of checkable entries, each carrying its id."""
    widget = QListWidget()
    widget.setMinimumHeight(110)
    for key, text in choices:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)
    return widget


def checked_ids(widget: QListWidget) -> tuple[uuid.UUID, ...]:
    """The ids of the checked entries, in list order."""
    return tuple(
        widget.item(row).data(Qt.ItemDataRole.UserRole)
        for row in range(widget.count())
        if widget.item(row).checkState() == Qt.CheckState.Checked
    )


def set_checked(widget: QListWidget, keys: set[uuid.UUID]) -> None:
    """Check exactly the entries whose id is in ``keys``."""
    for row in range(widget.count()):
        item = widget.item(row)
        state = item.data(Qt.ItemDataRole.UserRole) in keys
        item.setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)


class AccountDialog(FormDialog):
    """Add an account (with a temporary password) or change one's name, role and scope."""

    def __init__(
        self, ctx: AppContext, account: AccountRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, self.tr("修改账户") if account else self.tr("新增账户"), parent)
        self.account = account
        self.username = QLineEdit(account.username if account else "")
        self.username.setReadOnly(account is not None)
        self.display_name = QLineEdit(account.display_name if account else "")
        self.role = enum_combo(Role, account.role if account else Role.KEEPER, self)
        none: list[Any] = []
        depots: list[catalogue.DepotRow] = run_query(self, ctx, catalogue.depots, none)
        every: list[org.UnitRow] = run_query(self, ctx, org.units, none)
        units = [u for u in every if u.level in OFFICE_LEVELS]
        self.depots = check_list(
            [(d.id, f"{d.name}（{d.unit_name}）") for d in depots],
            account.depot_ids if account else frozenset(),
        )
        self.units = check_list(
            [(u.id, u.name) for u in units], account.unit_ids if account else frozenset()
        )
        self.active = QCheckBox(self.tr("账户可以登录"))
        self.active.setChecked(account.active if account else True)
        self.password = QLineEdit()
        self.password.setPlaceholderText(self.tr("至少 8 个字符；用户首次登录时须修改"))
        self.add_row(self.tr("用户名"), self.username)
        self.add_row(self.tr("姓名"), self.display_name)
        self.add_row(self.tr("角色"), self.role)
        self.add_row(self.tr("负责的仓库"), self.depots)
        self.add_row(self.tr("所属单位"), self.units)
        if account is None:
            self.add_row(self.tr("临时密码"), self.password)
        else:
            self.add_row(self.tr("状态"), self.active)
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()

    def _role_changed(self) -> None:
        role = Role(self.role.currentData())
        self.form.setRowVisible(self.depots, role is Role.KEEPER)
        self.form.setRowVisible(self.units, role in (Role.OFFICE, Role.KEEPER))

    def entry(self) -> AccountInput:
        """The account the form describes."""
        role = Role(self.role.currentData())
        return AccountInput(
            username=self.username.text().strip(),
            role=role,
            display_name=self.display_name.text().strip(),
            depots=checked_ids(self.depots) if role is Role.KEEPER else (),
            units=checked_ids(self.units) if role in (Role.OFFICE, Role.KEEPER) else (),
        )

    def save(self) -> Outcome[Any]:
        entry, password, active = self.entry(), self.password.text(), self.active.isChecked()
        if self.account is None:
            return run_op(
                self,
                self.ctx,
                lambda s, a: accounts.create_account(s, a, entry, password),
                target=self,
                done=self.tr("已新增账户：{name}").format(name=entry.username),
            )
        return run_op(
            self,
            self.ctx,
            lambda s, a: accounts.update_account(s, a, entry, active=active),
            target=self,
            done=self.tr("已修改账户：{name}").format(name=entry.username),
        )


class ResetPasswordDialog(FormDialog):
    """Give an account a temporary password (and lift its lock)."""

    def __init__(self, ctx: AppContext, account: AccountRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("重置密码：{name}").format(name=account.username), parent)
        self.account = account
        self.password = QLineEdit()
        self.password.setPlaceholderText(self.tr("至少 8 个字符；用户登录时须修改"))
        self.add_row(self.tr("临时密码"), self.password)

    def save(self) -> Outcome[Any]:
        username, password = self.account.username, self.password.text()
        return run_op(
            self,
            self.ctx,
            lambda s, a: accounts.reset_password(s, a, username, password),
            target=self,
            done=self.tr("已重置密码：{name}").format(name=username),
        )


class ChangePasswordDialog(FormDialog):
    """Change one's own password (the old one is asked again)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("修改密码"), parent)
        self.old = self._secret()
        self.new = self._secret()
        self.confirm = self._secret()
        self.add_row(self.tr("用户"), QLineEdit(ctx.actor.name, readOnly=True))
        self.add_row(self.tr("原密码"), self.old)
        self.add_row(self.tr("新密码"), self.new)
        self.add_row(self.tr("再次输入新密码"), self.confirm)

    @staticmethod
    def _secret() -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def save(self) -> Outcome[Any]:
        if self.new.text() != self.confirm.text():
            self.show_refusal(self.tr("两次输入的新密码不一致"))
            return Outcome(False)
        username, old, new = self.ctx.actor.username, self.old.text(), self.new.text()
        tried = run_op(
            self,
            self.ctx,
            lambda s, _a: accounts.attempt_change_password(s, username, old, new),
            target=self,
        )  # the failure counters are committed even when the change is refused
        if not tried.ok or tried.value is None:
            return Outcome(False, error=tried.error)
        if tried.value.error is not None:
            self.show_refusal(tried.value.error.message)
            return Outcome(False, error=tried.value.error)
        return Outcome(True, tried.value.actor)
