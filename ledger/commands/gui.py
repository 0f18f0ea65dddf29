"""``ledger gui`` (and ``ledger`` alone): start the desktop application."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ledger.commands.common import db_target, needs_login, subcommand
from ledger.core.errors import LedgerError


def register(sub: Any) -> None:
    """Add ``ledger gui``."""
    needs_login(
        subcommand(sub, "gui", "启动图形界面", run, may_create=True), False
    )  # the window logs in


def run(args: argparse.Namespace) -> int:
    """Start the GUI on the database the arguments name (the demo file on a first start)."""
    target = db_target(args)
    # Run from the source tree, a first start opens the demo county in its own file (built
    # once); the office's default database is never filled with it and waits, empty, for
    # 「返回本单位数据」. The installed (frozen) application asks in the first-start wizard.
    first = not getattr(args, "db", None) and not Path(target).exists()
    if first and not getattr(sys, "frozen", False):
        from ledger.paths import demo_database
        from ledger.services.demo import ensure_demo_database  # only on the first start

        target = str(demo_database())
        try:
            ensure_demo_database(target, progress=_note)
        except LedgerError as error:
            print(f"错误：{error.message}", file=sys.stderr)
            return 1
    if (first or getattr(args, "new", False)) and not Path(target).exists():
        from ledger.services.database import create_ledger  # the first start, or --new

        try:
            create_ledger(target)
        except LedgerError as error:
            print(f"错误：{error.message}", file=sys.stderr)
            return 1
    from ledger.ui.app import run_app

    return run_app(target)


def _note(step: str) -> None:
    print(f"首次启动，正在生成演示数据：{step}…", file=sys.stderr)
