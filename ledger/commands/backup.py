"""``ledger backup FILE`` and ``ledger restore FILE``: a consistent copy, a checked restore."""

from __future__ import annotations

import argparse
from typing import Any

from ledger.commands.common import db_target, needs_right, subcommand
from ledger.core.quantity import format_quantity
from ledger.services.backup import backup_database, restore_database
from ledger.services.database import lock_for


def register(sub: Any) -> None:
    """Add ``ledger backup`` and ``ledger restore``."""
    backup = subcommand(
        sub, "backup", "把数据库一致地备份到一个文件（可在程序运行时进行）", run_backup
    )
    backup.add_argument("file", metavar="FILE", help="备份文件路径（已存在则覆盖）")
    backup.add_argument(
        "--with-key",
        action="store_true",
        help="把个人信息密钥文件也复制到备份旁（FILE.key）；持有二者即可读出身份证号，请分开保管",
    )
    needs_right(backup, "backup")
    restore = subcommand(
        sub, "restore", "检查备份文件后用它恢复数据库（原数据库改名保留）", run_restore
    )
    restore.add_argument("file", metavar="FILE", help="要恢复的备份文件")
    needs_right(restore, "restore", unreadable_ok=True)


def run_backup(args: argparse.Namespace) -> int:
    """Back the database up to ``args.file`` and print where and how large."""
    result = backup_database(db_target(args), args.file, with_key=args.with_key)
    size = format_quantity(_kib(result.size))
    print(f"已备份到 {result.path}（{size} KB，结构版本 {'、'.join(result.revisions)}）")
    if result.key_copy is not None:
        print(f"个人信息密钥已复制到 {result.key_copy}：请与备份分开保管")
    elif result.key is not None:
        print(
            f"备份中的身份证号和电话已加密，不含密钥；在另一台电脑上恢复时，还需要密钥文件 "
            f"{result.key}（放到恢复后的数据库旁，文件名为“数据库文件名.key”）"
        )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Restore the database from ``args.file`` and print where the replaced file was kept.

    Refused while a program window has the database open (its instance lock is held).
    """
    lock = lock_for(db_target(args))
    if lock is not None:
        lock.acquire()
    try:
        result = restore_database(args.file, db_target(args))
    finally:
        if lock is not None:
            lock.release()
    kept = f"；原数据库已保留为 {result.kept}" if result.kept else ""
    print(f"已从 {args.file} 恢复数据库 {result.target}{kept}")
    return 0


def _kib(size: int) -> Any:
    from decimal import ROUND_HALF_UP, Decimal

    return (Decimal(size) / 1024).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
