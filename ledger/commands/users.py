"""``ledger users``: accounts from the command line, for whoever administers the computer.

::

    ledger users list
    ledger users add NAME --role admin|office|keeper|viewer [--depot CODE]… [--unit CODE]…
                     [--display-name 姓名] [--password P]
    ledger users reset NAME [--password P]
    ledger users unlock NAME
    ledger users recovery-code
    ledger users recover NAME --code CODE [--password P]

Once the database has an account these log in first (``--user``) and need an administrator.
The first account made here (on a database with none) must be an administrator; its recovery
code is printed once, to be kept on paper. With that code ``recover`` sets a forgotten
administrator password without logging in (the way back in when the only administrator
forgot it); the code is then spent and a new one printed. A password not given is asked for
twice without echo. Every new or reset password is temporary: the user must change it at the
next login.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from ledger.commands.common import actor_of, add_db_option, needs_login, open_db, subcommand
from ledger.core.actor import SYSTEM, Actor
from ledger.core.enums import Role
from ledger.core.errors import InvalidValue, MissingField
from ledger.services import accounts
from ledger.services.accounts import AccountInput, AccountRow


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
    _action(actions, "recovery-code", "为登录的管理员换发恢复码（旧恢复码作废）", run_new_code)
    recover = _action(
        actions, "recover", "用恢复码重设管理员密码（忘记密码时，无须登录）", run_recover
    )
    recover.add_argument("name", metavar="NAME", help="管理员用户名")
    recover.add_argument("--code", required=True, help="首次启动时抄下的恢复码")
    recover.add_argument("--password", help="新密码（不给出则提示输入）")
    needs_login(recover, False)  # the code is the proof


def _action(actions: Any, name: str, help_text: str, func: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = actions.add_parser(
        name, help=help_text, description=help_text
    )
    add_db_option(parser)
    parser.set_defaults(func=func)
    return parser


def _password(given: str | None, prompt: str = "临时密码：") -> str:
    if given is not None:
        return given
    first = getpass.getpass(prompt)
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
            rows = accounts.list_accounts(session, actor_of(args))
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
    if actor_of(args) is SYSTEM:
        return _first_admin(args, entry, password)
    return _write(args, lambda s: accounts.create_account(s, actor_of(args), entry, password))


def _first_admin(args: argparse.Namespace, entry: AccountInput, password: str) -> int:
    """The first account of a database: an administrator, with its recovery code shown once."""
    if entry.role is not Role.ADMIN:
        raise InvalidValue(
            where="首个账户", field="--role", value=entry.role.label, reason="首个账户须是管理员"
        )
    if entry.depots or entry.units:
        raise InvalidValue(where="首个账户", field="--unit", value="", reason="管理员不按单位授权")
    db = open_db(args)
    try:
        with db.transaction(Actor(entry.username.strip(), Role.ADMIN)) as session:
            actor = accounts.create_first_admin(
                session, password, username=entry.username, display_name=entry.display_name
            )
            code = accounts.issue_recovery_code(session, actor.username)
            row = next(r for r in accounts.list_accounts(session, actor))
    finally:
        db.dispose()
    print(_show(row))
    _print_code(code)
    return 0


def _print_code(code: str) -> None:
    print(f"恢复码：{code}")
    print(
        "请把恢复码抄在纸上，交由单位负责人保管；它只显示这一次。忘记管理员密码时，"
        "用 ledger users recover 用户名 --code 恢复码 重设密码。",
        file=sys.stderr,
    )


def run_new_code(args: argparse.Namespace) -> int:
    """Give the logged-in administrator a new recovery code (the old one stops working)."""
    actor = actor_of(args)
    if actor is SYSTEM:
        raise MissingField(where="换发恢复码", field="管理员账户（数据库还没有账户）")
    db = open_db(args)
    try:
        with db.transaction(actor) as session:
            accounts.list_accounts(session, actor)  # an administrator's right
            code = accounts.issue_recovery_code(session, actor.username)
    finally:
        db.dispose()
    _print_code(code)
    return 0


def run_recover(args: argparse.Namespace) -> int:
    """Set an administrator's password with the recovery code; print the new code."""
    password = _password(args.password, "新密码：")
    db = open_db(args)
    try:
        code = accounts.recover(db, args.name, args.code, password)
    finally:
        db.dispose()
    print(f"已重设“{args.name}”的密码并解锁；原恢复码已作废。")
    _print_code(code)
    return 0


def run_reset(args: argparse.Namespace) -> int:
    """Give an account a temporary password and unlock it."""
    password = _password(args.password)
    return _write(args, lambda s: accounts.reset_password(s, actor_of(args), args.name, password))


def run_unlock(args: argparse.Namespace) -> int:
    """Lift a lockout."""
    return _write(args, lambda s: accounts.unlock_account(s, actor_of(args), args.name))


def _write(args: argparse.Namespace, work: Any) -> int:
    db = open_db(args)
    try:
        with db.transaction(actor_of(args)) as session:
            row = work(session)
    finally:
        db.dispose()
    print(_show(row))
    return 0
