"""Managing accounts: only an admin may, the last admin stays, disabled accounts stay out."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from ledger.core.actor import Actor
from ledger.core.enums import Category, DocType, Level, Role
from ledger.core.errors import (
    AccountDisabled,
    AccountLocked,
    DuplicateRecord,
    LastAdmin,
    MissingField,
    PasswordChangeRequired,
    PermissionDenied,
    WrongPassword,
)
from ledger.models import Depot, Item, OrgUnit
from ledger.models.engine import Database
from ledger.services import stock
from ledger.services.accounts import admin as account_admin
from ledger.services.accounts import users as accounts
from ledger.services.accounts.admin import AccountInput

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


def test_only_an_admin_manages_accounts(db: Database) -> None:
    admin = _admin(db)
    _keeper(db, admin)
    keeper = accounts.change_password(db, "keeper1", "Temp-pass-1", "Keeper-own-1")
    office = Actor("office", Role.OFFICE)
    for who in (keeper, office, Actor("v", Role.VIEWER)):
        with pytest.raises(PermissionDenied), db.transaction(who) as s:
            account_admin.create_account(s, who, AccountInput("x", Role.ADMIN), "Whatever-1")
        with pytest.raises(PermissionDenied), db.transaction(who) as s:
            account_admin.reset_password(s, who, "admin", "Whatever-1")
        with pytest.raises(PermissionDenied), db.read() as s:
            account_admin.list_accounts(s, who)
    with db.read() as s:
        assert [r.username for r in account_admin.list_accounts(s, admin)] == ["admin", "keeper1"]


def test_duplicate_and_scopeless_accounts_are_refused(db: Database) -> None:
    admin = _admin(db)
    with pytest.raises(DuplicateRecord), db.transaction(admin) as s:
        account_admin.create_account(s, admin, AccountInput("admin", Role.VIEWER), "Whatever-1")
    with pytest.raises(MissingField, match="仓库"), db.transaction(admin) as s:
        account_admin.create_account(s, admin, AccountInput("k", Role.KEEPER), "Whatever-1")
    with pytest.raises(MissingField, match="单位"), db.transaction(admin) as s:
        account_admin.create_account(s, admin, AccountInput("o", Role.OFFICE), "Whatever-1")


def test_the_last_admin_cannot_be_disabled_or_demoted(db: Database) -> None:
    admin = _admin(db)
    with pytest.raises(LastAdmin), db.transaction(admin) as s:
        account_admin.update_account(s, admin, AccountInput("admin", Role.VIEWER))
    with pytest.raises(LastAdmin), db.transaction(admin) as s:
        account_admin.update_account(s, admin, AccountInput("admin", Role.ADMIN), active=False)
    with db.transaction(admin) as s:
        account_admin.create_account(s, admin, AccountInput("admin2", Role.ADMIN), "Second-admin1")
        account_admin.update_account(s, admin, AccountInput("admin", Role.VIEWER))


def test_disabled_account_cannot_log_in(db: Database) -> None:
    admin = _admin(db)
    with db.transaction(admin) as s:
        account_admin.create_account(s, admin, AccountInput("v1", Role.VIEWER), "Viewer-pass1")
        account_admin.update_account(s, admin, AccountInput("v1", Role.VIEWER), active=False)
    with pytest.raises(AccountDisabled):
        accounts.login(db, "v1", "Viewer-pass1")


def test_admin_reset_unlocks_and_forces_a_change(db: Database) -> None:
    admin = _admin(db)
    _keeper(db, admin)
    for _ in range(5):
        with pytest.raises((WrongPassword, AccountLocked)):
            accounts.login(db, "keeper1", "wrong-password")
    with db.transaction(admin) as s:
        row = account_admin.reset_password(s, admin, "keeper1", "Fresh-temp-2")
        assert row.locked_until is None and row.must_change_password
    with pytest.raises(PasswordChangeRequired):
        accounts.login(db, "keeper1", "Fresh-temp-2")


def test_admin_unlocks_a_locked_account(db: Database) -> None:
    admin = _admin(db)  # still logged in at another window
    for _ in range(5):
        with pytest.raises((WrongPassword, AccountLocked)):
            accounts.login(db, "admin", "wrong-password")
    with db.transaction(admin) as s:
        assert account_admin.unlock_account(s, admin, "admin").locked_until is None
    assert accounts.login(db, "admin", GOOD).role is Role.ADMIN


def test_the_list_shows_scope_and_lock(db: Database) -> None:
    admin = _admin(db)
    _keeper(db, admin)
    for _ in range(5):
        with pytest.raises((WrongPassword, AccountLocked)):
            accounts.login(db, "keeper1", "wrong-password")
    with db.read() as s:
        rows = {r.username: r for r in account_admin.list_accounts(s, admin)}
        depot = s.scalars(select(Depot)).one()
    keeper = rows["keeper1"]
    assert keeper.locked and keeper.must_change_password and keeper.role is Role.KEEPER
    assert keeper.depots == ("一号库",) and keeper.depot_ids == {depot.id}
    assert not rows["admin"].locked and rows["admin"].last_login_at is not None


def test_a_disabled_or_demoted_account_loses_its_rights_at_once(db: Database) -> None:
    admin = _admin(db)
    _keeper(db, admin)
    keeper = accounts.change_password(db, "keeper1", "Temp-pass-1", "Keeper-own-1")
    with db.transaction(admin) as s:
        s.add(Item(code="BZD", name="编织袋", unit="条", category=Category.FLOOD))
    line = stock.LineInput("BZD", 5)
    receipt = stock.DocumentInput(DocType.RECEIPT, "K1", date(2026, 3, 2), [line])
    with db.transaction(keeper) as s:
        stock.post_document(s, keeper, receipt)
    with db.transaction(admin) as s:
        entry = AccountInput("keeper1", Role.KEEPER, "李保管", depots=("K1",))
        account_admin.update_account(s, admin, entry, active=False)
    with pytest.raises(PermissionDenied), db.transaction(keeper) as s:
        stock.post_document(s, keeper, receipt)
    with db.transaction(admin) as s:
        account_admin.update_account(s, admin, AccountInput("keeper1", Role.VIEWER, "李保管"))
    with pytest.raises(PermissionDenied), db.transaction(keeper) as s:
        stock.post_document(s, keeper, receipt)
