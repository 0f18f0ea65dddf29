"""What every subcommand shares: the ``--db`` option and opening the database it names."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger.paths import default_database

if TYPE_CHECKING:  # the database layer is imported when a command opens one, not before:
    from ledger.core.actor import Actor
    from ledger.models.engine import Database  # a plain start shows the window first

#: Databases the running command opened, closed (and stamped clean) when it ends.
_opened: list[Database] = []


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """Give a subcommand its own ``--db`` (also accepted before the subcommand)."""
    parser.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help="数据库文件路径或连接URL（默认：用户数据文件夹中的 ledger.db）",
    )
    add_user_option(parser)


def db_target(args: argparse.Namespace) -> str:
    """The database the user named, or the default file in the user's data folder."""
    return str(getattr(args, "db", None) or default_database())


def shown_target(args: argparse.Namespace) -> str:
    """The database the user named, as it may be printed (a URL's password hidden)."""
    from ledger.core.dburl import shown_target as shown

    return shown(db_target(args))


def open_db(args: argparse.Namespace, **kwargs: Any) -> Database:
    """Open and migrate the database the arguments name; :func:`close_opened` closes it.

    A missing or empty file is created only when the command was given ``--new`` (or the
    caller passes ``create=True``); a file that is not a ledger is refused untouched.
    """
    from ledger.models.engine import open_database

    kwargs.setdefault("create", bool(getattr(args, "new", False)))
    db = open_database(db_target(args), **kwargs)
    _opened.append(db)
    return db


def close_opened() -> None:
    """Close every database this command opened; a SQLite file left with no write-ahead log is
    stamped as closed cleanly, so the next open skips the full page check (as the GUI does)."""
    if not _opened:
        return
    from ledger.services.database import close_ledger

    while _opened:
        close_ledger(_opened.pop())


def subcommand(
    sub: Any, name: str, help_text: str, func: Any, *, may_create: bool = False
) -> argparse.ArgumentParser:
    """Add a subcommand that takes ``--db`` (and ``--new`` when it may create the database)
    and runs ``func(args)``."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help_text, description=help_text)
    add_db_option(parser)
    if may_create:
        parser.add_argument(
            "--new", action="store_true", help="数据库文件不存在时新建一个空的台账数据库"
        )
    parser.set_defaults(func=func)
    return parser


# --- logging in (issue 22): kept apart from opening, which other work changes ---------------

#: Whether a subcommand logs in: always (True), never (False), or as its options say.
Login = bool | Callable[[argparse.Namespace], bool]

#: The environment variable a script gives the password in (never on the command line, where
#: every user of the computer could read it in the process list).
PASSWORD_VARIABLE = "LEDGER_PASSWORD"


def needs_login(parser: argparse.ArgumentParser, when: Login) -> None:
    """Declare whether a subcommand logs in; one that declares nothing logs in (the safe
    default: every command that changes data or shows personal data)."""
    parser.set_defaults(login=when)


def needs_right(
    parser: argparse.ArgumentParser, action: str, *, unreadable_ok: bool = False
) -> None:
    """Declare the right (a ``permissions.Action`` value) a subcommand that works on the file
    as a whole needs, checked right after the login (backup, restore); ``unreadable_ok``: a
    file that cannot be opened as a database at all needs no login (restore over it)."""
    parser.set_defaults(login=True, right=action, unreadable_ok=unreadable_ok)


def add_user_option(parser: argparse.ArgumentParser) -> None:
    """Give a parser ``--user`` (the account to log in as)."""
    parser.add_argument(
        "--user",
        default=argparse.SUPPRESS,
        help=f"登录的用户名（数据库已有账户时须给出；密码在控制台输入，或由环境变量 "
        f"{PASSWORD_VARIABLE} 给出）",
    )


def authenticate(args: argparse.Namespace) -> None:
    """Log in as the subcommand declares (see :func:`needs_login`) and keep the actor in
    ``args.actor`` for :func:`actor_of`.

    A database with no account (a file not made yet, the demo county) needs no login: the
    command acts as the system. Once an account exists the user logs in as in the window
    (wrong passwords count towards the lockout) and the command acts as that user.

    Raises:
        LoginRequired: no user name or no password could be had.
        WrongPassword, AccountLocked, AccountDisabled, PasswordChangeRequired.
    """
    when: Login = getattr(args, "login", True)
    if not (when(args) if callable(when) else when):
        return
    from ledger.core.actor import SYSTEM

    target = db_target(args)
    if "://" not in target and not Path(target).exists():
        args.actor = SYSTEM  # nothing to log in to: the command makes the file
        return
    from ledger.core.errors import DatabaseError
    from ledger.services import accounts

    try:
        db = open_db(args)
    except DatabaseError:
        if not getattr(args, "unreadable_ok", False):
            raise
        # restore over a file that is no longer a usable database: as the window's 无法打开
        # dialog offers, with no accounts left to ask (whoever can damage the file can
        # replace it anyway)
        args.actor = SYSTEM
        return
    with db.read() as session:
        first = accounts.first_start(session)
    try:
        args.actor = SYSTEM if first else _log_in(db, args)
        right = getattr(args, "right", None)
        if right and not first:
            from ledger.services.accounts import Action, require

            with db.read() as session:
                require(session, args.actor, Action(right))
    finally:  # the command opens the database itself; restore must find it closed
        _opened.remove(db)
        db.dispose()


def actor_of(args: argparse.Namespace) -> Actor:
    """Who the command acts as, after :func:`authenticate`."""
    if not hasattr(args, "actor"):
        raise RuntimeError(f"command {args.command!r} acts without declaring a login")
    actor: Actor = args.actor
    return actor


def _log_in(db: Database, args: argparse.Namespace) -> Actor:
    from ledger.core.errors import LoginRequired, PasswordChangeRequired
    from ledger.services import accounts

    console = sys.stdin.isatty()
    username = getattr(args, "user", None) or (input("用户名：").strip() if console else "")
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None and console:
        password = getpass.getpass(f"“{username}”的密码：")
    if not username or password is None:
        raise LoginRequired()
    try:
        return accounts.login(db, username, password)
    except PasswordChangeRequired:
        if not console:
            raise
    new = getpass.getpass("须设置新密码。新密码：")
    if getpass.getpass("再次输入：") != new:
        from ledger.core.errors import InvalidValue

        raise InvalidValue(where="命令行", field="新密码", value="", reason="两次输入不一致")
    return accounts.change_password(db, username, password, new)
