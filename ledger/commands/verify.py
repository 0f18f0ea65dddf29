"""``ledger verify``: recompute balances from movements and walk the hash chains."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ledger.commands._progress import progress
from ledger.commands.common import needs_login, open_db, subcommand
from ledger.services.verify import counts, verify


def register(sub: Any) -> None:
    """Add ``ledger verify``."""
    parser = subcommand(
        sub, "verify", "校验台账：由流水重算库存，并检查流水和审计记录的哈希链", run
    )
    needs_login(parser, False)  # reads, shows no personal data, changes nothing


def run(args: argparse.Namespace) -> int:
    """Print every discrepancy and return 1, or print a one-line summary and return 0."""
    db = open_db(args, may_read_only=True)  # verify also a copy on a read-only disk
    try:
        with db.read() as session, progress("校验台账") as report:
            found = verify(session, report)
            seen = counts(session)
    finally:
        db.dispose()
    if found:
        for item in found:
            print(f"[{item.kind}] {item.table} {item.row}：{item.detail}")
        print(f"校验未通过：发现 {len(found)} 处不一致", file=sys.stderr)
        return 1
    print(
        f"校验通过：{seen.depots} 个仓库、{seen.documents} 张单据、{seen.movements} 条流水、"
        f"{seen.balances} 行库存、{seen.audit_rows} 条审计记录，库存与流水一致，哈希链完整"
    )
    return 0
