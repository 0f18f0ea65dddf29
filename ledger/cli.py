"""The ``ledger`` command: starts the GUI by default; subcommands do headless work.

Each subcommand lives in a module of :mod:`ledger.commands` that defines ``register(sub)``;
every subcommand takes ``--db`` and exits non-zero with a one-line reason on failure. A plain
start (``ledger`` or ``ledger --db FILE``) goes to the GUI without importing the subcommands.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

import ledger
from ledger import commands
from ledger.commands.common import add_user_option
from ledger.core.errors import LedgerError


def base_parser() -> argparse.ArgumentParser:
    """The options every start takes (``--version``, ``--db``), without the subcommands."""
    parser = argparse.ArgumentParser(prog="ledger", description="应急资源台账")
    parser.add_argument("--version", action="version", version=f"ledger {ledger.__version__}")
    parser.add_argument(
        "--db", help="数据库文件路径或连接URL（默认：用户数据文件夹中的 ledger.db）"
    )
    add_user_option(parser)
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand of :mod:`ledger.commands`."""
    parser = base_parser()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if module_info.name.startswith("_") or module_info.name == "common":
            continue
        module = importlib.import_module(f"ledger.commands.{module_info.name}")
        module.register(sub)
    return parser


def gui_start(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options of a plain start of the GUI (no subcommand, no help); None otherwise.

    A plain start does not import the subcommands' modules (Excel, PDF, signing...), so the
    window comes up sooner.
    """
    if any(arg in ("-h", "--help") for arg in argv):
        return None
    args, rest = base_parser().parse_known_args(list(argv))
    return None if rest else args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    plain = gui_start(argv)
    if plain is not None:
        from ledger.commands.gui import run as run_gui

        return run_gui(plain)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from ledger.commands.gui import run as run_gui

        return run_gui(args)
    try:
        from ledger.commands.common import authenticate

        authenticate(args)
        return int(args.func(args) or 0)
    except LedgerError as error:
        print(f"错误：{error.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    finally:
        from ledger.commands.common import close_opened

        close_opened()


if __name__ == "__main__":
    sys.exit(main())
