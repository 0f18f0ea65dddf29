"""``ledger import FILE.xlsx``: validate a workbook and import it, or print every error."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from ledger.commands._progress import progress
from ledger.commands.common import actor_of, open_db, subcommand
from ledger.io.export import write_errors
from ledger.io.importer import ImportResult, import_workbook, validate_workbook
from ledger.io.reader import RowError
from ledger.io.schema import SHEETS_BY_KIND

_VERBS = (("created", "新增"), ("updated", "更新"), ("unchanged", "未变"))


def register(sub: Any) -> None:
    """Add ``ledger import``."""
    parser = subcommand(
        sub,
        "import",
        "检查并导入标准模板工作簿；有错误时列出全部错误，不导入",
        run,
        may_create=True,
    )
    parser.add_argument("file", metavar="FILE.xlsx", help="要导入的工作簿")
    parser.add_argument("--check", action="store_true", help="只检查，不导入")
    parser.add_argument("--date", type=date.fromisoformat, help="期初库存入库日期（默认今天）")
    parser.add_argument("--errors", metavar="OUT.xlsx", help="把错误清单另存为工作簿")


def run(args: argparse.Namespace) -> int:
    """Import (or only check) the workbook; exit 1 when it has errors."""
    actor = actor_of(args)
    db = open_db(args)
    try:
        if args.check:
            with db.read() as session:
                result = validate_workbook(session, Path(args.file))
        else:
            with progress("导入") as report:
                result = import_workbook(db, actor, Path(args.file), on=args.date, progress=report)
    finally:
        db.dispose()
    for notice in result.notices:
        print(f"注意：{notice}", file=sys.stderr)
    if result.errors:
        print_errors(result.errors)
        if args.errors:
            write_errors(Path(args.errors), result.errors)
            print(f"错误清单已保存到：{args.errors}", file=sys.stderr)
        return 1
    print_summary(result, checked_only=args.check)
    return 0


def error_line(error: RowError) -> str:
    """One error as a line: sheet, row, column, value, reason."""
    where = [error.sheet or "文件"]
    if error.row:
        where.append(f"第{error.row}行")
    if error.column:
        where.append(f"“{error.column}”列")
    value = f"值“{error.value}”：" if error.value else ""
    return f"{' '.join(where)}：{value}{error.reason}"


def print_errors(errors: tuple[RowError, ...]) -> None:
    """Print every error, then how many; nothing was imported."""
    for error in errors:
        print(error_line(error))
    print(f"共 {len(errors)} 处错误，未导入任何数据。请改正后重新导入。", file=sys.stderr)


def print_summary(result: ImportResult, *, checked_only: bool) -> None:
    """Print per sheet what was created, updated or left unchanged."""
    if checked_only or result.summary is None:
        print("检查通过：没有发现错误（未导入）。")
        return
    summary = result.summary
    for kind, counts in summary.counts.items():
        parts = [f"{label} {getattr(counts, attr)}" for attr, label in _VERBS]
        print(f"{SHEETS_BY_KIND[kind].name}：{'，'.join(parts)}")
    if summary.zero_skipped:
        print(f"期初库存：数量为 0 的 {summary.zero_skipped} 行已跳过")
    if summary.documents:
        print(f"期初库存入库单：{'、'.join(summary.documents)}")
    print("导入完成。" if summary.changed else "导入完成：数据库中已是这些数据，没有变化。")
