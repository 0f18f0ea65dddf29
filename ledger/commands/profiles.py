"""``ledger profiles``: list the norm profiles, add a plan of one's own, bind a unit to one."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from ledger.commands.common import db_target, open_db, subcommand
from ledger.core.actor import SYSTEM
from ledger.core.errors import MissingField
from ledger.models import Item
from ledger.services import norm_profiles


def register(sub: Any) -> None:
    """Add ``ledger profiles``."""
    parser = subcommand(sub, "profiles", "列出规划（标准）；添加自有规划；为单位绑定规划", run)
    parser.add_argument("--add", metavar="FILE", help="校验并安装一个规划文件（TOML）")
    parser.add_argument("--bind", metavar="PROFILE", help="把 --unit 指定的单位绑定到此规划")
    parser.add_argument("--unbind", action="store_true", help="取消 --unit 的绑定（改为继承上级）")
    parser.add_argument("--unit", metavar="CODE", help="单位的区划代码")


def _warn_unmatched(args: argparse.Namespace, profile_id: str) -> None:
    """Warn about equipment names of the profile that match nothing in the catalogue."""
    target = db_target(args)
    if "://" not in target and not Path(target).exists():
        print(f"未找到数据库 {target}，未核对装备名称与物资目录")
        return
    db = open_db(args)
    try:
        with db.read() as session:
            if not session.scalar(select(func.count()).select_from(Item)):
                print("物资目录为空，未核对装备名称")
                return
            found = norm_profiles.unmatched_names(session, norm_profiles.profile(profile_id))
    finally:
        db.dispose()
    for problem in found:
        print(f"警告：{problem.text}")
    if any(p.always_missing for p in found):
        print(
            "提示：名称都找不到的项将一直报缺失；"
            "请在物资目录中使用这些名称，或在规划文件的 accept 中加入目录里的名称"
        )


def run(args: argparse.Namespace) -> int:
    """List, add or bind."""
    if args.add:
        info = norm_profiles.install_profile(SYSTEM, Path(args.add))
        print(f"已安装规划 {info.id}：{info.name}（{info.rules} 条规则）")
        _warn_unmatched(args, info.id)
        return 0
    if args.bind or args.unbind:
        if not args.unit:
            raise MissingField(where="命令行", field="--unit")
        db = open_db(args)
        try:
            with db.transaction(SYSTEM) as session:
                norm_profiles.bind_profile(session, SYSTEM, args.unit, args.bind or None)
        finally:
            db.dispose()
        print(
            f"单位 {args.unit} " + (f"已绑定规划 {args.bind}" if args.bind else "改为继承上级规划")
        )
        return 0
    infos, problems = norm_profiles.list_profiles()
    for info in infos:
        where = "自有" if info.user else "内置"
        number = info.number or "无文号"
        when = info.date.isoformat() if info.date else "未署日期"
        print(
            f"{info.id}\t{info.name}（{number}，{info.issuer}，{when}）\t{info.rules}条规则\t{where}"
        )
    for problem in problems:
        print(f"无法载入 {problem.path}：{problem.message}")
    return 0
