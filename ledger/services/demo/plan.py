"""The order in which the demo posts its documents: by date, receipts before issues."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

# Order of documents within one day: receipts count before issues (the ledger's own rule).
RECEIPT, TRANSFER, ISSUE, RETURN, WRITE_OFF, STOCKTAKE = range(6)


@dataclass
class Plan:
    """Documents to post, each a callable run in date order."""

    events: list[tuple[date, int, int, Callable[[], object]]] = field(default_factory=list)

    def at(self, day: date, order: int, action: Callable[[], object]) -> None:
        """Post ``action`` on ``day``; ``order`` ranks it among that day's documents."""
        self.events.append((day, order, len(self.events), action))

    def run(self) -> None:
        """Post every document in date order."""
        for _, _, _, action in sorted(self.events, key=lambda e: e[:3]):
            action()


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), clipped to the month's end."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError(day)
