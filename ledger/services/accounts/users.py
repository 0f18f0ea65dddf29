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

import secrets
import uuid
from dataclasses import dataclass, replace
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
    WrongRecoveryCode,
)
from ledger.models import utcnow
from ledger.models.engine import Database
from ledger.models.users import User
from ledger.paths import resource

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
    """Refuse a password that is short, contains the user name, is one repeated character or
    is one of the common passwords everyone tries first (resources/security).

    Raises:
        WeakPassword: naming what is wrong.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(reason=f"至少 {MIN_PASSWORD_LENGTH} 个字符")
    name = username.strip().lower()
    if password.strip().lower() == name or (len(name) >= 4 and name in password.lower()):
        raise WeakPassword(reason="不能与用户名相同或包含用户名")
    if len(set(password)) == 1:
        raise WeakPassword(reason="不能是同一个字符重复")
    if password.strip().lower() in common_passwords():
        raise WeakPassword(reason="这是最常见的密码之一，别人最先会试它；请换一个")


@cache
def common_passwords() -> frozenset[str]:
    """The common passwords refused for any account (lower case)."""
    text = resource("security", "weak_passwords.txt").read_text(encoding="utf-8")
    lines = (line.strip().lower() for line in text.splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


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


#: The logins this process issued: an actor's token → its account's id. An actor whose token
#: is not here was made up by its caller, not issued by a login (see :func:`issued_account`).
_issued: dict[str, uuid.UUID] = {}


def actor_for(session: Session, user: User) -> Actor:
    """The actor a logged-in account acts as: its role, depots and home units, and the token
    that proves the login (the services check it; see ``permissions.effective``)."""
    token = secrets.token_urlsafe(24)
    _issued[token] = user.id
    return replace(current_actor(user), token=token)


def current_actor(user: User, token: str = "") -> Actor:
    """The actor an account is right now in the database (role, depots, units)."""
    return Actor(
        username=user.username,
        role=user.role,
        display_name=user.display_name,
        depot_ids=frozenset(d.depot_id for d in user.depots),
        unit_ids=frozenset(u.unit_id for u in user.units),
        token=token,
    )


def issued_account(actor: Actor) -> uuid.UUID | None:
    """The account a login issued ``actor`` for in this process, or None (made up)."""
    return _issued.get(actor.token) if actor.token else None


def log_out(actor: Actor) -> None:
    """Withdraw an actor's login: the services refuse it from now on."""
    _issued.pop(actor.token, None)


# --- the offline recovery code (恢复码) ---------------------------------------------------

#: Letters and digits that cannot be misread on paper (no 0/O, 1/I/L).
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_CODE_GROUPS = 5


def issue_recovery_code(session: Session, username: str) -> str:
    """Give an administrator a new recovery code and return it (shown once, to keep on paper).

    Only its argon2 hash is stored; an earlier code of the account stops working.

    Raises:
        PermissionDenied: the account is not an administrator.
    """
    user = user_named(session, username)
    if user is None or user.role is not Role.ADMIN:
        raise PermissionDenied(user=username, action="持有恢复码（只有管理员可以）")
    code = "-".join(
        "".join(secrets.choice(_CODE_ALPHABET) for _ in range(5)) for _ in range(_CODE_GROUPS)
    )
    user.recovery_hash = _hasher.hash(_plain_code(code))
    session.flush()
    return code


def _plain_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def recover(db: Database, username: str, code: str, new_password: str) -> str:
    """Set an administrator's password with its recovery code; return the new code.

    The account is unlocked and enabled; the code used is spent and a new one issued.

    Raises:
        WrongRecoveryCode, WeakPassword.
    """
    with db.transaction(Actor(username.strip() or "?", Role.ADMIN)) as session:
        user = user_named(session, username)
        refusal = _check_recovery(user, username, code)
        if refusal is None and user is not None:
            check_password_strength(user.username, new_password)
            user.password_hash = _hasher.hash(new_password)
            user.must_change_password = False
            user.failed_attempts = 0
            user.locked_until = None
            user.active = True
            fresh = issue_recovery_code(session, user.username)
    if refusal is not None:
        raise refusal
    return fresh


def _check_recovery(user: User | None, username: str, code: str) -> LedgerError | None:
    """None when ``code`` is the account's recovery code. A password lockout does not stop it
    (a locked-out administrator is who needs it); guessing is hopeless anyway: 25 characters
    of 31 (about 124 bits), each try an argon2 hash."""
    if user is None or user.role is not Role.ADMIN or not user.recovery_hash:
        _dummy_verify(code)
        return WrongRecoveryCode(user=username)
    if not _verify(user.recovery_hash, _plain_code(code)):
        return WrongRecoveryCode(user=username)
    return None
