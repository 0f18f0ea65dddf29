"""Accounts: first start, argon2 hashes, lockout after five failures, forced password changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from ledger.core.actor import SYSTEM, Actor
from ledger.core.enums import Level, Role
from ledger.core.errors import (
    AccountLocked,
    NotLoggedIn,
    PasswordChangeRequired,
    PermissionDenied,
    WeakPassword,
    WrongPassword,
)
from ledger.models import AuditRow, Depot, OrgUnit, utcnow
from ledger.models.engine import Database
from ledger.models.users import User
from ledger.services.accounts import admin as account_admin
from ledger.services.accounts import permissions
from ledger.services.accounts import users as accounts
from ledger.services.accounts.admin import AccountInput
from ledger.services.accounts.permissions import Action

GOOD = "Qiang-2026"


def _admin(db: Database) -> Actor:
    with db.transaction(Actor("admin")) as s:
        return accounts.create_first_admin(s, GOOD)


def _keeper(db: Database, admin: Actor, name: str = "keeper1") -> None:
    with db.transaction(admin) as s:
        town = OrgUnit(code="410101001", name="城关镇", level=Level.TOWN)
        s.add(town)
        s.flush()
        s.add(Depot(code="K1", name="一号库", unit_id=town.id))
        s.flush()
        entry = AccountInput(name, Role.KEEPER, "李保管", depots=("K1",))
        account_admin.create_account(s, admin, entry, "Temp-pass-1")


def test_first_start_creates_the_admin_with_the_chosen_password(db: Database) -> None:
    with db.read() as s:
        assert accounts.first_start(s)
    actor = _admin(db)
    assert actor.role is Role.ADMIN and actor.username == "admin"
    with db.read() as s:
        assert not accounts.first_start(s)
        user = s.scalar(select(User).where(User.username == "admin"))
        assert user is not None and user.password_hash.startswith("$argon2id$")
        assert GOOD not in user.password_hash
    assert accounts.login(db, "admin", GOOD).role is Role.ADMIN


def test_first_admin_only_once(db: Database) -> None:
    _admin(db)
    with pytest.raises(PermissionDenied), db.transaction() as s:
        accounts.create_first_admin(s, "Another-pass-9")


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short1", "至少"),
        ("admin", "至少"),
        ("aaaaaaaaaa", "重复"),
        ("AdminAdmin", "用户名"),
        ("adminadmin-2026", "包含用户名"),
        ("12345678", "最常见的密码"),
        ("Password", "最常见的密码"),
        ("qwertyui", "最常见的密码"),
        ("1qaz2wsx", "最常见的密码"),
    ],
)
def test_weak_passwords_are_refused(db: Database, password: str, reason: str) -> None:
    with pytest.raises(WeakPassword, match=reason), db.transaction() as s:
        accounts.create_first_admin(s, password, username="adminadmin")


def test_audit_records_the_account_but_never_the_hash(db: Database) -> None:
    _admin(db)
    with db.read() as s:
        row = s.scalar(select(AuditRow).where(AuditRow.table == "users"))
        assert row is not None and row.after is not None
        assert row.after["password_hash"] == "***"
        assert row.after["username"] == "admin"


def test_wrong_password_counts_down_then_locks_for_five_minutes(db: Database) -> None:
    _admin(db)
    for left in (4, 3, 2, 1):
        with pytest.raises(WrongPassword) as caught:
            accounts.login(db, "admin", "wrong-password")
        assert caught.value.left == left
    with pytest.raises(AccountLocked) as locked:
        accounts.login(db, "admin", "wrong-password")
    assert "锁定" in locked.value.message
    # Even the right password is refused while locked.
    with pytest.raises(AccountLocked):
        accounts.login(db, "admin", GOOD)
    with db.read() as s:
        user = s.scalar(select(User).where(User.username == "admin"))
        assert user is not None and user.locked_until is not None
        remaining = user.locked_until - utcnow()
        assert timedelta(minutes=4) < remaining <= timedelta(minutes=5)


def test_lock_expires_after_five_minutes(db: Database) -> None:
    _admin(db)
    now = utcnow()
    with db.transaction() as s:
        for _ in range(5):
            assert accounts.attempt_login(s, "admin", "nope-nope", now=now).error is not None
    with db.transaction() as s:
        later = now + timedelta(minutes=4, seconds=59)
        assert isinstance(accounts.attempt_login(s, "admin", GOOD, now=later).error, AccountLocked)
        after = now + timedelta(minutes=5, seconds=1)
        result = accounts.attempt_login(s, "admin", GOOD, now=after)
        assert result.error is None and result.actor is not None
        user = s.scalar(select(User).where(User.username == "admin"))
        assert user is not None and user.failed_attempts == 0 and user.locked_until is None


def test_success_resets_the_failure_count(db: Database) -> None:
    _admin(db)
    for _ in range(4):
        with pytest.raises(WrongPassword):
            accounts.login(db, "admin", "wrong-password")
    accounts.login(db, "admin", GOOD)
    with pytest.raises(WrongPassword) as caught:
        accounts.login(db, "admin", "wrong-password")
    assert caught.value.left == 4


def test_unknown_user_reads_like_a_wrong_password(db: Database) -> None:
    _admin(db)
    with pytest.raises(WrongPassword):
        accounts.login(db, "nobody", GOOD)


def test_new_account_must_change_its_temporary_password(db: Database) -> None:
    admin = _admin(db)
    _keeper(db, admin)
    with pytest.raises(PasswordChangeRequired):
        accounts.login(db, "keeper1", "Temp-pass-1")
    with pytest.raises(WeakPassword):
        accounts.change_password(db, "keeper1", "Temp-pass-1", "Temp-pass-1")
    with pytest.raises(WrongPassword):
        accounts.change_password(db, "keeper1", "not-the-temp", "Keeper-own-1")
    actor = accounts.change_password(db, "keeper1", "Temp-pass-1", "Keeper-own-1")
    assert actor.role is Role.KEEPER and actor.name == "李保管"
    with db.read() as s:
        depot = s.scalar(select(Depot).where(Depot.code == "K1"))
        assert depot is not None and actor.depot_ids == {depot.id}
    assert accounts.login(db, "keeper1", "Keeper-own-1").username == "keeper1"


def test_the_common_passwords_are_shipped_as_data() -> None:
    common = accounts.common_passwords()
    assert {"12345678", "password", "11111111", "qwertyui"} <= common
    assert all(p == p.lower() and len(p) >= 8 for p in common)


def test_a_role_change_takes_effect_at_the_next_operation(db: Database) -> None:
    admin = _admin(db)
    with db.transaction(admin) as s:
        account_admin.create_account(s, admin, AccountInput("second", Role.VIEWER), "Temp-pass-1")
    second = accounts.change_password(db, "second", "Temp-pass-1", "Fuguanli-2026")
    with pytest.raises(PermissionDenied), db.transaction(second) as s:
        account_admin.list_accounts(s, second)
    with db.transaction(admin) as s:  # promoted while "second" is logged in: at once
        account_admin.update_account(s, admin, AccountInput("second", Role.ADMIN))
    with db.transaction(second) as s:
        assert len(account_admin.list_accounts(s, second)) == 2
    with db.transaction(admin) as s:  # and demoted: at once too
        account_admin.update_account(s, admin, AccountInput("second", Role.VIEWER))
    with pytest.raises(PermissionDenied), db.transaction(second) as s:
        account_admin.list_accounts(s, second)


def test_a_keeper_loses_a_depot_at_once(db: Database) -> None:
    admin = _admin(db)
    _keeper(db, admin)
    keeper = accounts.change_password(db, "keeper1", "Temp-pass-1", "Baoguan-2026")
    with db.read() as s:
        depot = s.scalar(select(Depot.id).where(Depot.code == "K1"))
        assert permissions.allowed(s, keeper, Action.POST, depot_id=depot)
    with db.transaction(admin) as s:
        town = s.scalar(select(OrgUnit.id))
        s.add(Depot(code="K2", name="二号库", unit_id=town))
        s.flush()
        entry = AccountInput("keeper1", Role.KEEPER, "李保管", depots=("K2",))
        account_admin.update_account(s, admin, entry)
    with db.read() as s:
        assert not permissions.allowed(s, keeper, Action.POST, depot_id=depot)


@pytest.mark.parametrize("made_up", ["forged", "system", "logged_out"])
def test_an_actor_no_login_issued_is_refused(db: Database, made_up: str) -> None:
    admin = _admin(db)
    actor = {
        "forged": Actor("admin", Role.ADMIN, "管理员"),  # the right name, no login
        "system": SYSTEM,
        "logged_out": admin,
    }[made_up]
    if made_up == "logged_out":
        accounts.log_out(admin)
    with pytest.raises(NotLoggedIn), db.transaction(actor) as s:
        account_admin.list_accounts(s, actor)


def test_a_disabled_account_loses_its_login_at_once(db: Database) -> None:
    admin = _admin(db)
    _keeper(db, admin)
    keeper = accounts.change_password(db, "keeper1", "Temp-pass-1", "Baoguan-2026")
    with db.transaction(admin) as s:
        entry = AccountInput("keeper1", Role.KEEPER, "李保管", depots=("K1",))
        account_admin.update_account(s, admin, entry, active=False)
    with pytest.raises(NotLoggedIn), db.read() as s:
        permissions.effective(s, keeper)


def test_without_accounts_the_actor_is_taken_as_given(db: Database) -> None:
    with db.read() as s:
        assert permissions.effective(s, SYSTEM) is SYSTEM
