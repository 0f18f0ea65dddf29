"""What every subcommand shares: the ``--db`` option and opening the database it names."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ledger.paths import default_database

if TYPE_CHECKING:  # the database layer is imported when a command opens one, not before:
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


def db_target(args: argparse.Namespace) -> str:
    """The database the user named, or the default file in the user's data folder."""
    return str(getattr(args, "db", None) or default_database())


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
