"""``ledger users``: the way back in when the only administrator forgot the password."""

from __future__ import annotations

import pytest

from ledger.cli import main
from ledger.core.enums import Level, Role
from ledger.core.errors import AccountLocked, PasswordChangeRequired, WrongPassword
from ledger.models import Depot, OrgUnit
from ledger.models.engine import Database
from ledger.services import accounts


def users(db: Database, *args: str) -> int:
    return main(["users", *args, "--db", db.url])


def test_reset_a_forgotten_admin_password(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    with db.transaction() as s:
        accounts.create_first_admin(s, "Forgotten-1")
    for _ in range(5):
        with pytest.raises((WrongPassword, AccountLocked)):
            accounts.login(db, "admin", "not-remembered")
    assert users(db, "reset", "admin", "--password", "Temporary-2") == 0
    assert "须修改密码" in capsys.readouterr().out
    with pytest.raises(PasswordChangeRequired):
        accounts.login(db, "admin", "Temporary-2")
    assert accounts.change_password(db, "admin", "Temporary-2", "Remembered-3").role is Role.ADMIN


def test_add_list_and_unlock(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    with db.transaction() as s:
        town = OrgUnit(code="410122100", name="城关镇", level=Level.TOWN)
        s.add(town)
        s.flush()
        s.add(Depot(code="CG01", name="城关镇储备库", unit_id=town.id))
    args = ["add", "wang", "--role", "keeper", "--depot", "CG01", "--display-name", "王保管"]
    assert users(db, *args, "--password", "Temporary-1") == 0
    for _ in range(5):
        with pytest.raises((WrongPassword, AccountLocked)):
            accounts.login(db, "wang", "wrong-password")
    assert users(db, "unlock", "wang") == 0
    capsys.readouterr()
    assert users(db, "list") == 0
    line = capsys.readouterr().out.strip()
    assert line == "wang\t王保管\t保管员\t须修改密码\t城关镇储备库"


def test_refusals_exit_non_zero_with_a_reason(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert users(db, "add", "k", "--role", "keeper", "--password", "Temporary-1") == 1
    assert "负责的仓库" in capsys.readouterr().err
    assert users(db, "reset", "nobody", "--password", "Temporary-1") == 1
    assert "找不到用户" in capsys.readouterr().err
