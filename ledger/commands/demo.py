"""``ledger demo``: create a database filled with the demo county (河清县, fictional)."""

from __future__ import annotations

import argparse
import time
from datetime import date
from typing import Any

from ledger.commands._progress import progress, steps
from ledger.commands.common import actor_of, open_db, shown_target, subcommand
from ledger.core.errors import InvalidValue
from ledger.services.demo import DEFAULT_SEED, build_demo


def register(sub: Any) -> None:
    """Add ``ledger demo [--seed N] [--date YYYY-MM-DD]``."""
    parser = subcommand(sub, "demo", "创建一个填好演示数据（虚构的河清县）的数据库", run)
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="随机种子：同一种子和日期生成同样的数据"
    )
    parser.add_argument(
        "--date", dest="today", help="参考日期 YYYY-MM-DD（默认今天）：一年的单据截至这一天"
    )


#: How many steps build_demo names through its progress callback.
DEMO_STEPS = 7


def run(args: argparse.Namespace) -> int:
    """Build the demo county in the database ``--db`` names; refuse one that holds data."""
    today = _parse_date(args.today) if args.today else None
    started = time.monotonic()
    actor = actor_of(args)
    db = open_db(args, create=True)  # the demo is made in a new file: an explicit create
    try:
        with db.transaction(actor) as session, progress("生成演示数据") as report:
            summary = build_demo(
                session, actor, seed=args.seed, today=today, progress=steps(report, DEMO_STEPS)
            )
    finally:
        db.dispose()
    print(summary.describe())
    print(f"已写入 {shown_target(args)}（用时 {time.monotonic() - started:.1f} 秒）")
    from ledger.models.personal import key_path

    print(f"身份证号和电话已加密，密钥文件：{key_path(db.url)}（请另行保管，不在备份中）")
    return 0


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidValue(
            where="命令行", field="--date", value=text, reason="日期格式应为 YYYY-MM-DD"
        ) from None
