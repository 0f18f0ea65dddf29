"""Stock (库存): posting documents and reversals through one journal; this is its public face.

- :mod:`.documents`: what a keeper posts (receipt, issue, transfer, return, write-off) and
  reversals (红冲), checked whole before anything is written;
- :mod:`.journal`: the one writer of movements, balances, chain heads and counters, which
  locks the depots' chains, numbers documents and hashes movements (one row or many);
- :mod:`.rules`: the stock rules (receipts before issues, no backdating below zero, not
  before a stocktake, closed periods, expired lots);
- :mod:`.reads`: what a posting reads before it writes; :mod:`.fefo`: lots first-expiring-first.
"""

from ledger.services.stock.documents import (
    DocumentInput,
    LineInput,
    Posted,
    check_line,
    post_document,
    reverse_document,
)
from ledger.services.stock.fefo import LotPick, suggest_lots
from ledger.services.stock.journal import OUTGOING

__all__ = [
    "OUTGOING",
    "DocumentInput",
    "LineInput",
    "LotPick",
    "Posted",
    "check_line",
    "post_document",
    "reverse_document",
    "suggest_lots",
]
