"""``ledger export FILE.xlsx``: write every table to a workbook in the import format."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ledger.commands._progress import progress
from ledger.commands.common import actor_of, open_db, subcommand
from ledger.core.files import write_whole
from ledger.io.export import export_database


def register(sub: Any) -> None:
    """Add ``ledger export``."""
    parser = subcommand(sub, "export", "把全部数据导出为工作簿（与导入模板格式相同）", run)
    parser.add_argument("file", metavar="FILE.xlsx", help="要写入的工作簿")
    parser.add_argument(
        "--no-movements", action="store_true", help="不导出出入库流水（只导出台账各表）"
    )


def run(args: argparse.Namespace) -> int:
    """Export the database (personal data whole for admin and office, masked otherwise)."""
    actor = actor_of(args)
    db = open_db(args)
    path = Path(args.file)
    try:
        with progress("导出") as report, db.read() as session:
            counts = write_whole(
                path,
                lambda temp: export_database(
                    session, actor, temp, movements=not args.no_movements, progress=report
                ),
            )
    finally:
        db.dispose()
    parts = [f"{name} {n} 行" for name, n in counts.rows.items()]
    print(f"已导出到 {path}：{'，'.join(parts)}")
    return 0
