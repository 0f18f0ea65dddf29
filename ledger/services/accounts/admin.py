"""Managing accounts (用户管理), for administrators: list, create, edit, reset, unlock.

An account is never deleted (the audit log names it); it is disabled. The last active
administrator can be neither disabled nor demoted. A keeper needs its depots, an office its
home units; a new or reset password is temporary and must be changed at the next login (see
:mod:`ledger.services.accounts.users`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import Role
from ledger.core.errors import (
    DuplicateRecord,
    InvalidValue,
    LastAdmin,
    MissingField,
    UnknownRecord,
)
from ledger.models import Depot, OrgUnit, utcnow
from ledger.models.users import User, UserDepot, UserUnit
from ledger.services.accounts.permissions import Action, require
from ledger.services.accounts.users import check_password_strength, hash_password, user_named
from ledger.services.common import lookup


@dataclass(frozen=True)
class AccountRow:
    """An account as the account list shows it (no password hash)."""

    id: uuid.UUID
    username: str
    display_name: str
    role: Role
    active: bool
    locked_until: datetime | None
    must_change_password: bool
    last_login_at: datetime | None
    depots: tuple[str, ...]
    units: tuple[str, ...]
    depot_ids: frozenset[uuid.UUID] = frozenset()
    unit_ids: frozenset[uuid.UUID] = frozenset()

    @property
    def locked(self) -> bool:
        """Whether the account is locked out right now."""
        return self.locked_until is not None and self.locked_until > utcnow()


@dataclass(frozen=True)
class AccountInput:
    """An account as an administrator enters it; depots and units by code or id."""

    username: str
    role: Role
    display_name: str = ""
    depots: tuple[str | uuid.UUID, ...] = ()
    units: tuple[str | uuid.UUID, ...] = ()


def list_accounts(session: Session, actor: Actor) -> list[AccountRow]:
    """Every account, by user name.

    Raises:
        PermissionDenied: the actor is not an administrator.
    """
    require(session, actor, Action.MANAGE_ACCOUNTS)
    return [_row(session, u) for u in session.scalars(select(User).order_by(User.username))]


def create_account(
    session: Session, actor: Actor, entry: AccountInput, temporary_password: str
) -> AccountRow:
    """Create an account whose temporary password must be changed at first login.

    Raises:
        PermissionDenied, DuplicateRecord, WeakPassword, MissingField, UnknownRecord.
    """
    require(session, actor, Action.MANAGE_ACCOUNTS)
    username = entry.username.strip()
    if not username:
        raise MissingField(where="用户账户", field="用户名")
    if user_named(session, username) is not None:
        raise DuplicateRecord(kind="用户", key=username)
    check_password_strength(username, temporary_password)
    user = User(
        username=username,
        display_name=entry.display_name.strip(),
        role=entry.role,
        password_hash=hash_password(temporary_password),
        must_change_password=True,
    )
    session.add(user)
    _set_scope(session, user, entry.depots, entry.units)
    session.flush()
    return _row(session, user)


def update_account(
    session: Session, actor: Actor, entry: AccountInput, *, active: bool = True
) -> AccountRow:
    """Change an account's name, role, depots, units or whether it is active.

    Raises:
        PermissionDenied, UnknownRecord, LastAdmin, MissingField.
    """
    require(session, actor, Action.MANAGE_ACCOUNTS)
    user = _existing(session, entry.username)
    if user.role is Role.ADMIN and (entry.role is not Role.ADMIN or not active):
        _keep_an_admin(session, user)
    user.display_name = entry.display_name.strip()
    user.role = entry.role
    user.active = active
    _set_scope(session, user, entry.depots, entry.units)
    session.flush()
    return _row(session, user)


def reset_password(
    session: Session, actor: Actor, username: str, temporary_password: str
) -> AccountRow:
    """Give an account a temporary password (to change at next login) and unlock it.

    Raises:
        PermissionDenied, UnknownRecord, WeakPassword.
    """
    require(session, actor, Action.MANAGE_ACCOUNTS)
    user = _existing(session, username)
    check_password_strength(user.username, temporary_password)
    user.password_hash = hash_password(temporary_password)
    user.must_change_password = True
    user.failed_attempts = 0
    user.locked_until = None
    session.flush()
    return _row(session, user)


def unlock_account(session: Session, actor: Actor, username: str) -> AccountRow:
    """Lift a lockout before its five minutes are over.

    Raises:
        PermissionDenied, UnknownRecord.
    """
    require(session, actor, Action.MANAGE_ACCOUNTS)
    user = _existing(session, username)
    user.failed_attempts = 0
    user.locked_until = None
    session.flush()
    return _row(session, user)


def _existing(session: Session, username: str) -> User:
    user = user_named(session, username)
    if user is None:
        raise UnknownRecord(kind="用户", key=username)
    return user


def _keep_an_admin(session: Session, user: User) -> None:
    others = session.scalar(
        select(func.count())
        .select_from(User)
        .where(User.role == Role.ADMIN, User.active.is_(True), User.id != user.id)
    )
    if not others:
        raise LastAdmin(user=user.username)


def _set_scope(
    session: Session,
    user: User,
    depots: Iterable[str | uuid.UUID],
    units: Iterable[str | uuid.UUID],
) -> None:
    depot_ids = {lookup.by_key(session, Depot, key).id for key in depots}
    unit_ids = {lookup.by_key(session, OrgUnit, key).id for key in units}
    if user.role is Role.KEEPER and not depot_ids:
        raise MissingField(where=f"保管员账户“{user.username}”", field="负责的仓库")
    if user.role is Role.OFFICE and not unit_ids:
        raise MissingField(where=f"应急办账户“{user.username}”", field="所属单位")
    if user.role is not Role.KEEPER and depot_ids:
        raise InvalidValue(
            where=f"账户“{user.username}”", field="仓库", value="", reason="只有保管员按仓库授权"
        )
    user.depots[:] = [d for d in user.depots if d.depot_id in depot_ids]
    user.depots.extend(UserDepot(depot_id=i) for i in depot_ids - {d.depot_id for d in user.depots})
    user.units[:] = [u for u in user.units if u.unit_id in unit_ids]
    user.units.extend(UserUnit(unit_id=i) for i in unit_ids - {u.unit_id for u in user.units})


def _row(session: Session, user: User) -> AccountRow:
    depot_names = sorted(session.get_one(Depot, d.depot_id).name for d in user.depots)
    unit_names = sorted(session.get_one(OrgUnit, u.unit_id).name for u in user.units)
    return AccountRow(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        active=user.active,
        locked_until=user.locked_until,
        must_change_password=user.must_change_password,
        last_login_at=user.last_login_at,
        depots=tuple(depot_names),
        units=tuple(unit_names),
        depot_ids=frozenset(d.depot_id for d in user.depots),
        unit_ids=frozenset(u.unit_id for u in user.units),
    )
