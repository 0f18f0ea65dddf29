"""``ledger users``: accounts from the command line, for whoever administers the computer.

::

    ledger users list
    ledger users add NAME --role admin|office|keeper|viewer [--depot CODE]… [--unit CODE]…
                     [--display-name 姓名] [--password P]
    ledger users reset NAME [--password P]
    ledger users unlock NAME

Whoever can run commands on the database file can change it anyway, so these run as the
system administrator; they are the way back in when the only administrator forgot the
password. A password not given is asked for twice without echo. Every new or reset password
is temporary: the user must change it at the next login.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from ledger.commands.common import add_db_option, open_db, subcommand
from ledger.core.actor import SYSTEM
from ledger.core.enums import Role
from ledger.core.errors import InvalidValue
from ledger.services import account_admin
from ledger.services.account_admin import AccountInput, AccountRow


def register(sub: Any) -> None:
    """Add ``ledger users`` and its actions."""
    parser = subcommand(sub, "users", "用户账户：列出、新增、重置密码、解锁", None, may_create=True)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    _action(actions, "list", "列出全部账户", run_list)
    add = _action(actions, "add", "新增账户（临时密码，首次登录须修改）", run_add)
    add.add_argument("name", metavar="NAME", help="用户名")
    add.add_argument("--role", required=True, choices=[r.value for r in Role], help="角色")
    add.add_argument("--display-name", default="", help="姓名")
    add.add_argument("--depot", action="append", default=[], help="保管员负责的仓库编号")
    add.add_argument("--unit", action="append", default=[], help="所属单位的区划代码")
    add.add_argument("--password", help="临时密码（不给出则提示输入）")
    reset = _action(actions, "reset", "重置密码为临时密码并解锁", run_reset)
    reset.add_argument("name", metavar="NAME", help="用户名")
    reset.add_argument("--password", help="临时密码（不给出则提示输入）")
    unlock = _action(actions, "unlock", "解除输错密码造成的锁定", run_unlock)
    unlock.add_argument("name", metavar="NAME", help="用户名")


def _action(actions: Any, name: str, help_text: str, func: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = actions.add_parser(
        name, help=help_text, description=help_text
    )
    add_db_option(parser)
    parser.set_defaults(func=func)
    return parser


def _password(given: str | None) -> str:
    if given is not None:
        return given
    first = getpass.getpass("临时密码：")
    if getpass.getpass("再次输入：") != first:
        raise InvalidValue(where="命令行", field="密码", value="", reason="两次输入不一致")
    return first


def _show(row: AccountRow) -> str:
    state = "已停用" if not row.active else "已锁定" if row.locked else "正常"
    if row.active and not row.locked and row.must_change_password:
        state = "须修改密码"
    scope = "、".join(row.depots + row.units)
    return f"{row.username}\t{row.display_name}\t{row.role.label}\t{state}\t{scope}"


def run_list(args: argparse.Namespace) -> int:
    """Print one line per account."""
    db = open_db(args)
    try:
        with db.read() as session:
            rows = account_admin.list_accounts(session, SYSTEM)
    finally:
        db.dispose()
    for row in rows:
        print(_show(row))
    if not rows:
        print("还没有账户：首次启动图形界面时创建管理员", file=sys.stderr)
    return 0


def run_add(args: argparse.Namespace) -> int:
    """Create an account with a temporary password."""
    entry = AccountInput(
        args.name, Role(args.role), args.display_name, tuple(args.depot), tuple(args.unit)
    )
    password = _password(args.password)
    return _write(args, lambda s: account_admin.create_account(s, SYSTEM, entry, password))


def run_reset(args: argparse.Namespace) -> int:
    """Give an account a temporary password and unlock it."""
    password = _password(args.password)
    return _write(args, lambda s: account_admin.reset_password(s, SYSTEM, args.name, password))


def run_unlock(args: argparse.Namespace) -> int:
    """Lift a lockout."""
    return _write(args, lambda s: account_admin.unlock_account(s, SYSTEM, args.name))


def _write(args: argparse.Namespace, work: Any) -> int:
    db = open_db(args)
    try:
        with db.transaction(SYSTEM) as session:
            row = work(session)
    finally:
        db.dispose()
    print(_show(row))
    return 0
