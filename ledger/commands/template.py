"""``ledger template FILE.xlsx``: write the empty import workbook."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ledger.commands.common import needs_login, subcommand
from ledger.io.template import write_template


def register(sub: Any) -> None:
    """Add ``ledger template``."""
    parser = subcommand(sub, "template", "生成空白的标准导入模板（.xlsx）", run)
    parser.add_argument("file", metavar="FILE.xlsx", help="要写入的模板文件")
    needs_login(parser, False)  # no database


def run(args: argparse.Namespace) -> int:
    """Write the template; a file that cannot be written is a one-line error."""
    path = Path(args.file)
    try:
        write_template(path)
    except OSError as error:
        print(f"错误：无法写入“{path}”：{error.strerror or error}", file=sys.stderr)
        return 1
    print(f"已生成导入模板：{path}")
    return 0
