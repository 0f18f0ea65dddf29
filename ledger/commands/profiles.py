"""``ledger profiles``: list the norm profiles, add a plan of one's own, bind a unit to one."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from ledger.commands.common import actor_of, db_target, needs_login, open_db, subcommand
from ledger.core.errors import MissingField
from ledger.models import Item
from ledger.norms import drafting
from ledger.norms.drafting import output
from ledger.services import norms


def register(sub: Any) -> None:
    """Add ``ledger profiles``."""
    parser = subcommand(
        sub, "profiles", "列出规划（标准）；添加自有规划；为单位绑定规划", run, may_create=True
    )
    parser.add_argument("--add", metavar="FILE", help="校验并安装一个规划文件（TOML）")
    parser.add_argument("--bind", metavar="PROFILE", help="把 --unit 指定的单位绑定到此规划")
    parser.add_argument("--unbind", action="store_true", help="取消 --unit 的绑定（改为继承上级）")
    parser.add_argument("--unit", metavar="CODE", help="单位的区划代码")
    parser.add_argument(
        "--draft", metavar="PLAN", help="读取规划文本（.txt、.docx、.pdf），起草规则建议"
    )
    parser.add_argument(
        "--format", choices=["json", "toml"], default="json", help="起草结果的格式（默认 json）"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="起草结果写入此文件（默认输出到屏幕）"
    )
    needs_login(parser, _changes)


def _changes(args: argparse.Namespace) -> bool:
    """Listing the profiles and drafting without a database change nothing: no login."""
    return bool(args.add or args.bind or args.unbind or (args.draft and getattr(args, "db", None)))


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
            found = norms.unmatched_names(session, norms.profile(profile_id))
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
    """List, add, bind or draft."""
    if args.draft:
        return _draft(args)
    if args.add:
        info = norms.install_profile(actor_of(args), Path(args.add))
        print(f"已安装规划 {info.id}：{info.name}（{info.rules} 条规则）")
        _warn_unmatched(args, info.id)
        return 0
    if args.bind or args.unbind:
        if not args.unit:
            raise MissingField(where="命令行", field="--unit")
        db = open_db(args)
        try:
            with db.transaction(actor_of(args)) as session:
                norms.bind_profile(session, actor_of(args), args.unit, args.bind or None)
        finally:
            db.dispose()
        print(
            f"单位 {args.unit} " + (f"已绑定规划 {args.bind}" if args.bind else "改为继承上级规划")
        )
        return 0
    infos, problems = norms.list_profiles()
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


def _draft(args: argparse.Namespace) -> int:
    """``--draft``: a plan's proposals as JSON, or as a profile TOML the schema accepts.

    With ``--db`` the equipment names are matched against that ledger's catalogue.
    """
    path = Path(args.draft)
    if getattr(args, "db", None):
        db = open_db(args)
        with db.transaction(actor_of(args)) as session:
            draft = norms.draft_plan(session, actor_of(args), path)
    else:
        draft = drafting.draft_file(path)
    if args.format == "toml":
        text = output.draft_toml(draft)
        output.validate(text, Path(args.output).name if args.output else "draft.toml")
    else:
        text = json.dumps(output.draft_json(draft), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"已起草 {len(output.numbered(draft))} 条规则建议，写入 {args.output}")
    else:
        sys.stdout.write(text)
    notes = sys.stdout if args.output else sys.stderr  # stdout stays one JSON array or TOML
    for item in draft.skipped:
        print(f"未采用 第{item.line}行（{item.reason}）：{item.quote[:60]}", file=notes)
    return 0
