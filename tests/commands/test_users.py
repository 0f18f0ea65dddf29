"""``ledger users``: accounts from the command line, and the way back in with the recovery code."""

from __future__ import annotations

import re

import pytest

from ledger.cli import main
from ledger.core.enums import Level, Role
from ledger.core.errors import AccountLocked, PasswordChangeRequired, WrongPassword
from ledger.models import Depot, OrgUnit
from ledger.models.engine import Database
from ledger.services.accounts import users as accounts
from tests.commands.login import ADMIN_PASSWORD, run_as

CODE = re.compile(r"恢复码：([0-9A-Z-]+)")


def users(db: Database, *args: str) -> int:
    return main(["users", *args, "--db", db.url])


def first_admin(db: Database, capsys: pytest.CaptureFixture[str]) -> str:
    """Create the first administrator from the command line; its recovery code."""
    assert users(db, "add", "admin", "--role", "admin", "--password", ADMIN_PASSWORD) == 0
    out = capsys.readouterr()
    found = CODE.search(out.out)
    assert found is not None and "只显示这一次" in out.err
    return found.group(1)


def test_the_first_account_is_an_admin_with_a_recovery_code(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert users(db, "add", "k", "--role", "keeper", "--password", "Temporary-1") == 1
    assert "首个账户须是管理员" in capsys.readouterr().err
    code = first_admin(db, capsys)
    assert len(code.replace("-", "")) == 25
    assert accounts.login(db, "admin", ADMIN_PASSWORD).role is Role.ADMIN
    with db.read() as s:
        stored = accounts.user_named(s, "admin")
        assert stored is not None and code not in stored.recovery_hash  # only its hash


def test_recover_a_forgotten_admin_password_with_the_code(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    code = first_admin(db, capsys)
    for _ in range(5):
        with pytest.raises((WrongPassword, AccountLocked)):
            accounts.login(db, "admin", "not-remembered")
    assert users(db, "reset", "admin", "--password", "Temporary-2") == 1  # no login, no reset
    assert "须先登录" in capsys.readouterr().err
    assert users(db, "recover", "admin", "--code", "AAAAA", "--password", "Jiyi-2026") == 1
    assert "恢复码不正确" in capsys.readouterr().err
    assert users(db, "recover", "admin", "--code", code.lower(), "--password", "Jiyi-2026") == 0
    fresh = CODE.search(capsys.readouterr().out)
    assert fresh is not None and fresh.group(1) != code
    assert accounts.login(db, "admin", "Jiyi-2026").role is Role.ADMIN
    # the code is spent
    assert users(db, "recover", "admin", "--code", code, "--password", "Other-2026x") == 1


def test_admin_resets_a_password_after_logging_in(
    db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first_admin(db, capsys)
    args = ["users", "add", "li", "--role", "admin", "--password", "Temporary-2", "--db", db.url]
    assert run_as(monkeypatch, "admin", *args) == 0
    reset = ["users", "reset", "li", "--password", "Temporary-3", "--db", db.url]
    assert run_as(monkeypatch, "admin", *reset) == 0
    assert "须修改密码" in capsys.readouterr().out
    with pytest.raises(PasswordChangeRequired):
        accounts.login(db, "li", "Temporary-3")
    assert accounts.change_password(db, "li", "Temporary-3", "Remembered-3").role is Role.ADMIN


def test_add_list_and_unlock(
    db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.transaction() as s:
        town = OrgUnit(code="410122100", name="城关镇", level=Level.TOWN)
        s.add(town)
        s.flush()
        s.add(Depot(code="CG01", name="城关镇储备库", unit_id=town.id))
    first_admin(db, capsys)
    args = ["add", "wang", "--role", "keeper", "--depot", "CG01", "--display-name", "王保管"]
    assert (
        run_as(monkeypatch, "admin", "users", *args, "--password", "Temporary-1", "--db", db.url)
        == 0
    )
    for _ in range(5):
        with pytest.raises((WrongPassword, AccountLocked)):
            accounts.login(db, "wang", "wrong-password")
    assert run_as(monkeypatch, "admin", "users", "unlock", "wang", "--db", db.url) == 0
    capsys.readouterr()
    assert run_as(monkeypatch, "admin", "users", "list", "--db", db.url) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[1] == "wang\t王保管\t保管员\t须修改密码\t城关镇储备库"


def test_refusals_exit_non_zero_with_a_reason(
    db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first_admin(db, capsys)
    argv = ["users", "add", "k", "--role", "keeper", "--password", "Temporary-1", "--db", db.url]
    assert run_as(monkeypatch, "admin", *argv) == 1
    assert "负责的仓库" in capsys.readouterr().err
    argv = ["users", "reset", "nobody", "--password", "Temporary-1", "--db", db.url]
    assert run_as(monkeypatch, "admin", *argv) == 1
    assert "找不到用户" in capsys.readouterr().err
    argv = ["users", "add", "k", "--role", "viewer", "--password", "12345678", "--db", db.url]
    assert run_as(monkeypatch, "admin", *argv) == 1
    assert "最常见的密码" in capsys.readouterr().err


def test_a_new_recovery_code_replaces_the_old(
    db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    old = first_admin(db, capsys)
    assert run_as(monkeypatch, "admin", "users", "recovery-code", "--db", db.url) == 0
    found = CODE.search(capsys.readouterr().out)
    assert found is not None
    assert users(db, "recover", "admin", "--code", old, "--password", "Jiyi-2026") == 1
    assert users(db, "recover", "admin", "--code", found.group(1), "--password", "Jiyi-2026") == 0
