"""``ledger gui`` (and ``ledger`` alone): start the desktop application."""

from __future__ import annotations

import argparse
from typing import Any

from ledger.commands.common import db_target, subcommand


def register(sub: Any) -> None:
    """Add ``ledger gui``."""
    subcommand(sub, "gui", "启动图形界面", run)


def run(args: argparse.Namespace) -> int:
    """Start the GUI on the database the arguments name (demo county on first start)."""
    from ledger.ui.app import run_app

    return run_app(db_target(args))
