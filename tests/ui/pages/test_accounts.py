"""Account management in the GUI: list, add a keeper with its depot, reset, unlock, and one's
own password; only administrators open the list."""

from __future__ import annotations

import pytest

from ledger.core.actor import Actor
from ledger.core.enums import Role
from ledger.core.errors import AccountLocked, PasswordChangeRequired, WrongPassword
from ledger.services.accounts import admin as account_admin
from ledger.services.accounts import users as accounts
from ledger.ui.context import AppContext
from ledger.ui.dialogs.accounts import (
    AccountDialog,
    ChangePasswordDialog,
    ResetPasswordDialog,
    set_checked,
)
from ledger.ui.main_window import MainWindow
from ledger.ui.pages.accounts import AccountsDialog, open_accounts, state_text


@pytest.fixture
def gui_actor(sqlite_db) -> Actor:
    """A logged-in administrator: once accounts exist the services accept no made-up actor."""
    with sqlite_db.transaction() as s:
        return accounts.create_first_admin(s, "Ceshi-pass-1", username="tester")


def test_add_a_keeper_for_a_depot(qtbot, ctx, town, recorder) -> None:
    dialog = AccountDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.username.setText("wang")
    dialog.display_name.setText("王保管")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.VIEWER))
    assert dialog.depots.isHidden() and dialog.units.isHidden()
    dialog.role.setCurrentIndex(dialog.role.findData(Role.KEEPER))
    assert not dialog.depots.isHidden()
    dialog.password.setText("short")
    dialog.accept()
    assert "至少 8 个字符" in dialog.banner.text()
    set_checked(dialog.depots, {town.depot})
    dialog.password.setText("Temporary-1")
    dialog.accept()
    assert dialog.result_value is not None
    with pytest.raises(PasswordChangeRequired):
        accounts.login(ctx.db, "wang", "Temporary-1")
    keeper = accounts.change_password(ctx.db, "wang", "Temporary-1", "Baoguan-2026")
    assert keeper.depot_ids == {town.depot}


def test_the_list_resets_and_unlocks(qtbot, ctx, town, recorder) -> None:
    with ctx.db.transaction(ctx.actor) as s:
        entry = account_admin.AccountInput("li", Role.VIEWER, "李检查")
        account_admin.create_account(s, ctx.actor, entry, "Temporary-1")
    for _ in range(5):
        with pytest.raises((WrongPassword, AccountLocked)):
            accounts.login(ctx.db, "li", "wrong-password")
    dialog = AccountsDialog(ctx)
    qtbot.addWidget(dialog)
    row = next(r for r in dialog.model.rows if r.username == "li")
    assert state_text(row) == "已锁定"
    dialog.view.selectRow(dialog.model.rows.index(row))
    dialog.unlock()
    row = next(r for r in dialog.model.rows if r.username == "li")
    assert state_text(row) == "须修改密码"
    reset = ResetPasswordDialog(ctx, row)
    qtbot.addWidget(reset)
    reset.password.setText("Another-temp-2")
    reset.accept()
    with pytest.raises(PasswordChangeRequired):
        accounts.login(ctx.db, "li", "Another-temp-2")


def test_only_admins_open_the_list(qtbot, sqlite_db, settings, recorder) -> None:
    office = Actor("o", Role.OFFICE, "城关镇应急办")
    window = MainWindow(AppContext(sqlite_db, office, settings))
    qtbot.addWidget(window)
    open_accounts(window)
    assert recorder.texts("refusal") == ["只有管理员可以管理用户账户"]
    menu = [a.text() for a in window.menus["file"].actions()]
    assert "修改密码(&P)…" in menu


def test_change_own_password(qtbot, ctx, recorder) -> None:
    dialog = ChangePasswordDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.old.setText("Ceshi-pass-1")
    dialog.new.setText("Second-pass-2")
    dialog.confirm.setText("Second-pass-3")
    dialog.accept()
    assert "不一致" in dialog.banner.text()
    dialog.confirm.setText("Second-pass-2")
    dialog.accept()
    assert dialog.result_value is not None
    assert accounts.login(ctx.db, "tester", "Second-pass-2").role is Role.ADMIN
