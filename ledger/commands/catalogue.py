"""``ledger catalogue standard``: load the standard catalogue into an empty catalogue."""

from __future__ import annotations

import argparse
from typing import Any

from ledger.commands.common import actor_of, open_db, subcommand


def register(sub: Any) -> None:
    """Add ``ledger catalogue``."""
    parser = subcommand(
        sub, "catalogue", "物资目录：载入标准应急物资目录（仅限空目录）", run, may_create=True
    )
    parser.add_argument(
        "action", choices=["standard"], help="standard：把标准物资目录载入空的物资目录"
    )


def run(args: argparse.Namespace) -> int:
    """Load the standard catalogue; a catalogue that has items is a one-line refusal."""
    from ledger.services.catalogue import load_standard_catalogue

    actor = actor_of(args)
    db = open_db(args)
    with db.transaction(actor) as session:
        added = load_standard_catalogue(session, actor)
    print(f"已载入标准物资目录：{added} 种物资")
    return 0
