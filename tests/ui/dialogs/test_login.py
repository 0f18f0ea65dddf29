"""The login dialog: first start creates the administrator, refusals show in the banner, and a
temporary password must be replaced before the user gets in."""

from __future__ import annotations

from pathlib import Path

from ledger.core.actor import Actor
from ledger.core.enums import Role
from ledger.models.engine import Database
from ledger.services.accounts import admin as account_admin
from ledger.services.accounts import users as accounts
from ledger.ui.dialogs.login import LoginDialog, Mode
from ledger.ui.settings import Settings

ADMIN_PASSWORD = "Chengguan-2026"


def _first_admin(db: Database) -> Actor:
    with db.transaction() as s:
        return accounts.create_first_admin(s, ADMIN_PASSWORD)


def test_first_start_asks_for_the_admin_password_twice(qtbot, sqlite_db, recorder) -> None:
    dialog = LoginDialog(sqlite_db)
    qtbot.addWidget(dialog)
    assert dialog.mode is Mode.FIRST_START
    assert dialog.username.text() == "admin" and "首次使用" in dialog.note.text()
    dialog.new_password.setText(ADMIN_PASSWORD)
    dialog.confirm.setText("Chengguan-2025")
    dialog.accept()
    assert dialog.actor is None and "不一致" in dialog.banner.text()
    dialog.confirm.setText(ADMIN_PASSWORD)
    dialog.accept()
    assert dialog.actor is not None and dialog.actor.role is Role.ADMIN
    assert accounts.login(sqlite_db, "admin", ADMIN_PASSWORD).username == "admin"
    (shown,) = recorder.texts("info")
    code = shown.split("恢复码：")[1].split()[0]
    assert accounts.recover(sqlite_db, "admin", code, "Xinmima-2027")  # the code works


def test_a_weak_first_password_is_refused_in_the_banner(qtbot, sqlite_db, recorder) -> None:
    dialog = LoginDialog(sqlite_db)
    qtbot.addWidget(dialog)
    dialog.new_password.setText("123")
    dialog.confirm.setText("123")
    dialog.accept()
    assert dialog.actor is None and "至少 8 个字符" in dialog.banner.text()


def test_wrong_password_then_lock_then_right_one(qtbot, sqlite_db, recorder) -> None:
    _first_admin(sqlite_db)
    dialog = LoginDialog(sqlite_db)
    qtbot.addWidget(dialog)
    assert dialog.mode is Mode.LOGIN
    dialog.username.setText("admin")
    dialog.password.setText("wrong-one")
    dialog.accept()
    assert "用户名或密码错误" in dialog.banner.text() and "再错 4 次" in dialog.banner.text()
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.accept()
    assert dialog.actor is not None and dialog.actor.username == "admin"


def test_five_failures_lock_the_account(qtbot, sqlite_db, recorder) -> None:
    _first_admin(sqlite_db)
    dialog = LoginDialog(sqlite_db)
    qtbot.addWidget(dialog)
    dialog.username.setText("admin")
    for _ in range(5):
        dialog.password.setText("wrong-one")
        dialog.accept()
    assert "已锁定" in dialog.banner.text()
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.accept()
    assert dialog.actor is None and "已锁定" in dialog.banner.text()


def test_a_temporary_password_must_be_changed(qtbot, sqlite_db, recorder) -> None:
    admin = _first_admin(sqlite_db)
    with sqlite_db.transaction() as s:
        entry = account_admin.AccountInput("viewer1", Role.VIEWER, "检查组")
        account_admin.create_account(s, admin, entry, "Temporary-1")
    dialog = LoginDialog(sqlite_db)
    qtbot.addWidget(dialog)
    dialog.username.setText("viewer1")
    dialog.password.setText("Temporary-1")
    dialog.accept()
    assert dialog.mode is Mode.CHANGE and dialog.actor is None
    assert dialog.username.isReadOnly()
    dialog.new_password.setText("My-own-pass-9")
    dialog.confirm.setText("My-own-pass-9")
    dialog.accept()
    assert dialog.actor is not None and dialog.actor.role is Role.VIEWER
    assert accounts.login(sqlite_db, "viewer1", "My-own-pass-9").name == "检查组"


def test_the_login_remembers_the_last_user_name(qtbot, sqlite_db, settings, recorder) -> None:
    _first_admin(sqlite_db)
    dialog = LoginDialog(sqlite_db, settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.username.text() == ""
    dialog.username.setText("admin")
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.accept()
    assert dialog.actor is not None
    again = LoginDialog(sqlite_db, settings=Settings(Path(settings.path)))  # the next start
    qtbot.addWidget(again)
    assert again.username.text() == "admin"
    assert again.password.hasFocus() or again.focusWidget() is again.password
