"""Accounts (用户账户): first start, login with lockout, password changes, and managing accounts.

Passwords are hashed with argon2id (memory-hard). Five wrong passwords in a row lock an
account for five minutes. On first start there is no account; the login dialog asks for the
administrator's password and :func:`create_first_admin` creates the account with it, so no
default password ever exists. An account an administrator creates or resets gets a temporary
password that must be changed at the next login: :func:`attempt_login` issues no actor until
:func:`attempt_change_password` has set a new one.

Login and password changes write the failure counters even when they refuse, so they return
their refusal as data (:class:`LoginResult`); :func:`login` and :func:`change_password` run
them in a transaction of their own and raise after it is committed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import Role
from ledger.core.errors import (
    AccountDisabled,
    AccountLocked,
    LedgerError,
    MissingField,
    PasswordChangeRequired,
    PermissionDenied,
    WeakPassword,
    WrongPassword,
)
from ledger.models import utcnow
from ledger.models.engine import Database
from ledger.models.users import User

MAX_FAILURES = 5
LOCK_MINUTES = 5
MIN_PASSWORD_LENGTH = 8
FIRST_ADMIN = "admin"

#: argon2id with OWASP's recommended minimum for interactive logins (19 MiB, 2 passes, one
#: lane): about 0.1 s per login here. Hashes made with other parameters still verify and
#: are rehashed at the next successful login.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


@dataclass(frozen=True)
class LoginResult:
    """The outcome of a login or password change: an actor, or the refusal to raise."""

    actor: Actor | None
    error: LedgerError | None = None


def first_start(session: Session) -> bool:
    """Whether the database has no account yet (the app must create the administrator)."""
    return not session.scalar(select(func.count()).select_from(User))


def create_first_admin(
    session: Session, password: str, username: str = FIRST_ADMIN, display_name: str = "管理员"
) -> Actor:
    """Create the first administrator with the password chosen on first start.

    Raises:
        PermissionDenied: an account exists already (only the first start may do this).
        WeakPassword: the password is too weak.
    """
    if not first_start(session):
        raise PermissionDenied(user=username, action="在已有账户的数据库中创建首个管理员")
    if not username.strip():
        raise MissingField(where="管理员账户", field="用户名")
    check_password_strength(username, password)
    user = User(
        username=username.strip(),
        display_name=display_name.strip(),
        role=Role.ADMIN,
        password_hash=_hasher.hash(password),
        must_change_password=False,
        last_login_at=utcnow(),
    )
    session.add(user)
    session.flush()
    return actor_for(session, user)


def check_password_strength(username: str, password: str) -> None:
    """Refuse a password that is short, equals the user name or is one repeated character.

    Raises:
        WeakPassword: naming what is wrong.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(reason=f"至少 {MIN_PASSWORD_LENGTH} 个字符")
    if password.strip().lower() == username.strip().lower():
        raise WeakPassword(reason="不能与用户名相同")
    if len(set(password)) == 1:
        raise WeakPassword(reason="不能是同一个字符重复")


def attempt_login(
    session: Session, username: str, password: str, *, now: datetime | None = None
) -> LoginResult:
    """Check a user name and password, counting failures; the result carries any refusal."""
    now = now or utcnow()
    user = user_named(session, username)
    if user is None:
        _dummy_verify(password)
        return LoginResult(None, WrongPassword(left=MAX_FAILURES - 1, minutes=LOCK_MINUTES))
    error = _check_password(user, password, now)
    if error is not None:
        return LoginResult(None, error)
    if user.must_change_password:
        return LoginResult(None, PasswordChangeRequired(user=user.username))
    user.last_login_at = now
    return LoginResult(actor_for(session, user))


def attempt_change_password(
    session: Session,
    username: str,
    old_password: str,
    new_password: str,
    *,
    now: datetime | None = None,
) -> LoginResult:
    """Change a password after checking the old one (failures count as at login)."""
    now = now or utcnow()
    user = user_named(session, username)
    if user is None:
        _dummy_verify(old_password)
        return LoginResult(None, WrongPassword(left=MAX_FAILURES - 1, minutes=LOCK_MINUTES))
    try:
        check_password_strength(user.username, new_password)
        if new_password == old_password:
            raise WeakPassword(reason="新密码不能与旧密码相同")
    except LedgerError as weak:
        return LoginResult(None, weak)
    refusal = _check_password(user, old_password, now)
    if refusal is not None:
        return LoginResult(None, refusal)
    user.password_hash = _hasher.hash(new_password)
    user.must_change_password = False
    user.last_login_at = now
    return LoginResult(actor_for(session, user))


def login(db: Database, username: str, password: str) -> Actor:
    """Log in: commit the failure counters, then return the actor or raise the refusal.

    Raises:
        WrongPassword, AccountLocked, AccountDisabled, PasswordChangeRequired.
    """
    with db.transaction(Actor(username.strip() or "?", Role.VIEWER)) as session:
        result = attempt_login(session, username, password)
    return _outcome(result)


def change_password(db: Database, username: str, old_password: str, new_password: str) -> Actor:
    """Change a password in its own transaction and return the logged-in actor.

    Raises:
        WrongPassword, AccountLocked, AccountDisabled, WeakPassword.
    """
    with db.transaction(Actor(username.strip() or "?", Role.VIEWER)) as session:
        result = attempt_change_password(session, username, old_password, new_password)
    return _outcome(result)


def hash_password(password: str) -> str:
    """The argon2id hash of a password, as stored."""
    return _hasher.hash(password)


def _outcome(result: LoginResult) -> Actor:
    if result.error is not None:
        raise result.error
    assert result.actor is not None
    return result.actor


def user_named(session: Session, username: str) -> User | None:
    """The account called ``username`` (surrounding spaces ignored), if any."""
    return session.scalar(select(User).where(User.username == username.strip()))


def _check_password(user: User, password: str, now: datetime) -> LedgerError | None:
    """Verify, updating the failure count and lock; the refusal, or None when it matches."""
    if not user.active:
        return AccountDisabled(user=user.username)
    if user.locked_until is not None:
        if user.locked_until > now:
            return _locked(user)
        user.locked_until = None
        user.failed_attempts = 0
    if not _verify(user.password_hash, password):
        user.failed_attempts += 1
        if user.failed_attempts >= MAX_FAILURES:
            user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            return _locked(user)
        return WrongPassword(left=MAX_FAILURES - user.failed_attempts, minutes=LOCK_MINUTES)
    if user.failed_attempts:
        user.failed_attempts = 0
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return None


def _locked(user: User) -> AccountLocked:
    assert user.locked_until is not None
    until = user.locked_until.astimezone().strftime("%H:%M:%S")
    return AccountLocked(user=user.username, until=until, locked_until=user.locked_until)


def _verify(password_hash: str, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    return _hasher.hash("not-a-password")


def _dummy_verify(password: str) -> None:
    """Spend the time a real check takes, so a wrong user name is not told apart by timing."""
    _verify(_dummy_hash(), password)


def actor_for(session: Session, user: User) -> Actor:
    """The actor a logged-in account acts as: its role, depots and home units."""
    return Actor(
        username=user.username,
        role=user.role,
        display_name=user.display_name,
        depot_ids=frozenset(d.depot_id for d in user.depots),
        unit_ids=frozenset(u.unit_id for u in user.units),
    )
