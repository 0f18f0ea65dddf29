"""``ledger close``: month and year close (月结/年结), reopening (反结账) and the list of closes."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ledger.commands.common import actor_of, open_db, subcommand
from ledger.core.actor import Actor
from ledger.core.errors import MissingField
from ledger.services import closing


def register(sub: Any) -> None:
    """Add ``ledger close``."""
    parser = subcommand(
        sub,
        "close",
        "月结/年结：保存截止日的库存和流水链头，此后不能登记该期间及以前日期的单据",
        run,
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--month", help="结账月份，如 2026-10")
    which.add_argument("--year", help="年结年度，如 2025")
    parser.add_argument("--depot", help="只结此仓库（仓库编号；默认全部仓库）")
    parser.add_argument("--reopen", action="store_true", help="反结账：撤销该仓库最近一次结账")
    parser.add_argument("--list", action="store_true", help="列出已结账的期间")


def run(args: argparse.Namespace) -> int:
    """Close, reopen or list; print what was done."""
    db = open_db(args)
    try:
        if args.list:
            with db.read() as session:
                rows = closing.closes(session)
            for row in rows:
                print(
                    f"{row.period.label}\t{row.depot_name}（{row.depot_code}）\t"
                    f"{row.lines} 行结存\t流水链第 {row.chain_seq} 条\t{row.closed_by}"
                )
            if not rows:
                print("还没有结账记录")
            return 0
        text = args.month or args.year
        if not text:
            raise MissingField(where="结账", field="--month 或 --year")
        period = closing.parse_period(text)
        actor = actor_of(args)
        with db.transaction(actor) as session:
            if args.reopen:
                return _reopen(session, actor, args, period)
            return _close(session, actor, args, period)
    finally:
        db.dispose()


def _close(session: Any, actor: Actor, args: argparse.Namespace, period: closing.Period) -> int:
    if args.depot:
        made = [closing.close_period(session, actor, args.depot, period)]
        skipped: list[str] = []
    else:
        made, skipped = closing.close_all(session, actor, period)
    for row in made:
        print(f"已结账：{row.depot_name} {period.label}（{row.lines} 行结存）")
    if skipped:
        print(f"此前已结账：{'、'.join(skipped)}", file=sys.stderr)
    if not made and not skipped:
        print("没有可结账的仓库")
    mark = closing.fingerprint(session)
    if made and mark:
        print(f"台账指纹：{mark}（已签名的校验点，请抄在月结报表上，与打印的单据核对）")
    return 0


def _reopen(session: Any, actor: Actor, args: argparse.Namespace, period: closing.Period) -> int:
    if not args.depot:
        raise MissingField(where="反结账", field="--depot")
    closing.reopen(session, actor, args.depot, period)
    print(f"已反结账：{args.depot} {period.label}")
    return 0
