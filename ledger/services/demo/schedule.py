"""Planning the demo's documents by intent: an issue now, its return later, a transfer, a loss.

A :class:`Scheduler` turns "issue these to that team on that day" into a planned document whose
lots are chosen when it is posted, and remembers each issue so its return can name it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from ledger.core.enums import Reason
from ledger.models import OrgUnit, Team
from ledger.services.demo.context import Context
from ledger.services.demo.keeper import Issued, Keeper, ReceiptLine, days
from ledger.services.demo.plan import ISSUE, RECEIPT, RETURN, TRANSFER, WRITE_OFF, Plan, add_months
from ledger.services.stock import Posted

Wants = list[tuple[str, Decimal]]


def w(**quantities: float | int | str) -> Wants:
    """Wanted quantities by item name: ``w(编织袋=3000, 铅丝="1.5")``."""
    return [(name, Decimal(str(qty))) for name, qty in quantities.items()]


class Scheduler:
    """Plans issues and the returns that refer back to them."""

    def __init__(self, ctx: Context, keeper: Keeper, plan: Plan, code: dict[int, str]) -> None:
        self.ctx, self.keeper, self.plan, self.code = ctx, keeper, plan, code
        self.issued: dict[str, Issued | None] = {}
        self.posted: dict[str, Posted] = {}
        self.teams = {t.name: t for t in ctx.teams.values()}
        self.towns = {t.name: t for t in ctx.towns}

    def day(self, base: date, offset: int = 0) -> date:
        """``offset`` days after ``base``, never after the reference date."""
        return min(base + days(offset), self.ctx.today)

    def before(self, base: date, offset: int) -> date:
        """``offset`` days before ``base``, never before the year's second day."""
        return max(base - days(offset), self.ctx.start + days(1))

    def issue(
        self,
        key: str,
        depot: int,
        day: date,
        wants: Wants,
        to: str,
        incident: str | None,
        note: str = "",
    ) -> None:
        """Plan an issue to a team (by name) or a town government (by the town's name)."""
        target: Team | OrgUnit = self.teams[to] if to in self.teams else self.towns[to]
        found = self.ctx.incidents[incident] if incident else None

        def run() -> None:
            self.issued[key] = self.keeper.issue(
                self.code[depot], day, wants, target, incident=found, note=note
            )

        self.plan.at(day, ISSUE, run)

    def back(
        self, key: str, day: date, share: float, note: str = "", items: tuple[str, ...] = ()
    ) -> None:
        """Plan the return of ``share`` of what the issue ``key`` took (of ``items`` if named)."""
        self.plan.at(
            day,
            RETURN,
            lambda: self.keeper.give_back(self.issued.get(key), day, share, note, items),
        )

    def move(self, src: int, dst: int, day: date, wants: Wants, note: str) -> None:
        """Plan a transfer between depots."""
        self.plan.at(
            day,
            TRANSFER,
            lambda: self.keeper.transfer(self.code[src], self.code[dst], day, wants, note),
        )

    def lose(
        self,
        depot: int,
        day: date,
        wants: Wants,
        reason: Reason,
        note: str,
        *,
        expired_only: bool = False,
    ) -> None:
        """Plan a write-off."""
        self.plan.at(
            day,
            WRITE_OFF,
            lambda: self.keeper.write_off(
                self.code[depot], day, wants, reason, note, expired_only=expired_only
            ),
        )

    def gift(self, depot: int, day: date, lines: Wants, donor: str, incident: str) -> None:
        """Plan a donation received (捐赠), in fresh lots where the item has a shelf life."""

        def run() -> None:
            received: list[ReceiptLine] = []
            for name, qty in lines:
                item = self.ctx.item(name)
                if item.shelf_life_months is None:
                    received.append((name, qty, "", None))
                    continue
                produced = day - days(20)
                expiry = add_months(produced, item.shelf_life_months)
                received.append(
                    (name, qty, self.keeper.lot_for(item.code, produced, expiry), expiry)
                )
            self.keeper.receive(
                self.code[depot],
                day,
                received,
                counterparty=donor,
                note="社会捐赠",
                incident=self.ctx.incidents[incident],
            )

        self.plan.at(day, RECEIPT, run)

    def receive(
        self, key: str, depot: int, day: date, lines: Wants, counterparty: str, note: str
    ) -> None:
        """Plan a receipt of items without a shelf life (remembered for a reversal)."""

        def run() -> None:
            received: list[ReceiptLine] = [(name, qty, "", None) for name, qty in lines]
            self.posted[key] = self.keeper.receive(
                self.code[depot], day, received, counterparty=counterparty, note=note
            )

        self.plan.at(day, RECEIPT, run)

    def reverse(self, key: str, day: date, note: str, order: int) -> None:
        """Plan the reversal (红冲) of the issue or receipt planned under ``key``."""

        def run() -> None:
            issued = self.issued.get(key)
            posted = issued.posted if issued else self.posted.get(key)
            if posted is not None:
                self.keeper.reverse(posted, day, note)

        self.plan.at(day, order, run)

    def at(self, day: date, order: int, action: Callable[[], object]) -> None:
        """Plan any other document."""
        self.plan.at(day, order, action)
