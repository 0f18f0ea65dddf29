"""The demo's warehouse keeper: posts documents through the stock services, minding the stock.

Every document goes through :func:`ledger.services.stock.post_document`,
:func:`~ledger.services.stock.reverse_document` or
:func:`ledger.services.stock.stocktake.post_stocktake`, exactly as a keeper's would. An in-memory
mirror of the balances lets the demo pick lots first-expiring-first-out without querying, and
serial-numbered equipment follows its stock from depot to team and back.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal

from ledger.core.enums import Category, DocType, EquipmentStatus, Reason
from ledger.models import Equipment, Incident, OrgUnit, Team
from ledger.services.demo.context import Context
from ledger.services.demo.depots import government
from ledger.services.stock import DocumentInput, LineInput, Posted, post_document, reverse_document
from ledger.services.stock.stocktake import Count, StocktakeInput, post_stocktake

ZERO = Decimal(0)
Key = tuple[str, str]  # depot code, item code
#: A receipt line: item name, quantity, lot and expiry.
ReceiptLine = tuple[str, Decimal, str, date | None]


@dataclass
class LotState:
    """What the mirror knows of one lot in one depot."""

    quantity: Decimal
    expiry: date | None


@dataclass(frozen=True)
class Take:
    """One line taken out by an issue: what a return may bring back."""

    item: str
    lot: str
    expiry: date | None
    quantity: Decimal
    serials: tuple[str, ...]


@dataclass(frozen=True)
class Issued:
    """A posted issue, remembered for the return that follows it."""

    posted: Posted
    depot: str
    to: Team | OrgUnit
    incident: Incident | None
    takes: tuple[Take, ...]


class Keeper:
    """Posts the demo's documents and keeps a mirror of every depot's lots and serials."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.lots: dict[Key, dict[str, LotState]] = defaultdict(dict)
        self.serials: dict[Key, list[str]] = defaultdict(list)
        self.lot_expiry: dict[tuple[str, str], date | None] = {}
        self.doc_types: Counter[DocType] = Counter()
        self.reversals = 0
        self._effects: dict[uuid.UUID, list[tuple[str, str, str, date | None, Decimal]]] = {}
        self._serial_numbers: Counter[str] = Counter()
        self.approver = ctx.people.any_name()

    # -- what is on hand ---------------------------------------------------------------
    def on_hand(
        self, depot: str, item: str, on: date, *, fresh: bool = True
    ) -> list[tuple[str, Decimal, date | None]]:
        """Lots of an item in a depot, first-expiring first (expired lots left out if ``fresh``)."""
        lots = [
            (lot, qty, expiry)
            for lot, state in self.lots[(depot, item)].items()
            for qty, expiry in [(state.quantity, state.expiry)]
            if qty > ZERO and not (fresh and expiry is not None and expiry < on)
        ]
        return sorted(lots, key=lambda x: (x[2] is None, x[2] or date.max, x[0]))

    def lot_for(self, item: str, produced: date, expiry: date | None) -> str:
        """A batch number from the production date, unique with its expiry across the county."""
        for letter in "ABCDEFGH":
            lot = f"{produced:%Y%m%d}{letter}"
            known = self.lot_expiry.setdefault((item, lot), expiry)
            if known == expiry:
                return lot
        raise AssertionError("too many lots on one day")

    def _apply(
        self, doc: uuid.UUID, depot: str, item: str, lot: str, expiry: date | None, qty: Decimal
    ) -> None:
        entry = self.lots[(depot, item)].setdefault(lot, LotState(ZERO, expiry))
        entry.quantity += qty
        self._effects.setdefault(doc, []).append((depot, item, lot, expiry, qty))

    # -- documents ----------------------------------------------------------------------
    def _post(self, entry: DocumentInput) -> Posted:
        # Each document is flushed whole at the end of posting; the demo's documents never
        # name the same depot, item and lot twice, so the service's queries need no autoflush
        # (which would run the audit listener once per query and line).
        with self.ctx.session.no_autoflush:
            posted = post_document(self.ctx.session, self.ctx.actor, entry)
        self.doc_types[entry.doc_type] += 1
        return posted

    def keeper_of(self, depot: str) -> str:
        """The depot's first keeper (保管员), who signs its documents."""
        return self.ctx.depots[depot].keepers.split("、")[0]

    def handler_of(self, depot: str) -> str:
        """The depot's second keeper, who handles (经办) its documents."""
        return self.ctx.depots[depot].keepers.split("、")[-1]

    def receive(
        self,
        depot: str,
        day: date,
        lines: list[ReceiptLine],
        *,
        counterparty: str = "",
        note: str = "",
        incident: Incident | None = None,
    ) -> Posted:
        """Post a receipt of ``(item, quantity, lot, expiry)`` lines; equipment gets serials."""
        inputs, moves = [], []
        for name, qty, lot, expiry in lines:
            item = self.ctx.item(name)
            serials = self.new_serials(item.code, day, qty) if item.serial_tracked else ()
            inputs.append(
                LineInput(item.code, qty, lot, expiry, self.ctx.prices[item.code], serials)
            )
            moves.append((item.code, lot, expiry, qty, serials))
        posted = self._post(
            DocumentInput(
                DocType.RECEIPT,
                depot,
                day,
                inputs,
                counterparty=counterparty,
                note=note,
                incident_id=incident.id if incident else None,
                keeper=self.keeper_of(depot),
                handler=self.handler_of(depot),
            )
        )
        for code, lot, expiry, qty, serials in moves:
            self._apply(posted.id, depot, code, lot, expiry, qty)
            for serial in serials:
                self._equipment_in(depot, code, serial, day)
        return posted

    def new_serials(self, code: str, day: date, qty: Decimal | int) -> tuple[str, ...]:
        """Fresh serial numbers for ``qty`` pieces of an item bought on ``day``."""
        serials = []
        for _ in range(int(qty)):
            self._serial_numbers[code] += 1
            serials.append(f"SN{code}{day:%y}{self._serial_numbers[code]:04d}")
        return tuple(serials)

    def _equipment_in(self, depot: str, code: str, serial: str, day: date) -> None:
        equipment = Equipment(
            serial=serial,
            item_id=self.ctx.items[code].id,
            holder_depot_id=self.ctx.depots[depot].id,
            status=EquipmentStatus.IN_STOCK,
            purchased_on=day,
        )
        self.ctx.add(equipment)
        self.ctx.equipment[serial] = equipment
        self.serials[(depot, code)].append(serial)

    def _pick(self, depot: str, day: date, wants: list[tuple[str, Decimal]]) -> list[Take]:
        takes = []
        for name, wanted in wants:
            item = self.ctx.item(name)
            left = wanted
            for lot, qty, expiry in self.on_hand(depot, item.code, day):
                if left <= ZERO:
                    break
                take = min(qty, left)
                if item.serial_tracked:
                    take = min(take, Decimal(len(self.serials[(depot, item.code)])))
                    serials = tuple(self.serials[(depot, item.code)][: int(take)])
                else:
                    serials = ()
                if take > ZERO:
                    takes.append(Take(item.code, lot, expiry, take, serials))
                    left -= take
        return takes

    def issue(
        self,
        depot: str,
        day: date,
        wants: list[tuple[str, Decimal]],
        to: Team | OrgUnit,
        *,
        incident: Incident | None = None,
        note: str = "",
    ) -> Issued | None:
        """Issue what is available of ``wants`` (FEFO lots) to a team or a town government."""
        takes = self._pick(depot, day, wants)
        if not takes:
            return None
        name = to.name if isinstance(to, Team) else government(to)
        posted = self._post(
            DocumentInput(
                DocType.ISSUE,
                depot,
                day,
                [LineInput(t.item, t.quantity, t.lot, t.expiry, serials=t.serials) for t in takes],
                counterparty=name,
                incident_id=incident.id if incident else None,
                note=note,
                keeper=self.keeper_of(depot),
                handler=self.handler_of(depot),
            )
        )
        for take in takes:
            self._apply(posted.id, depot, take.item, take.lot, take.expiry, -take.quantity)
            self._move_serials(depot, take, to)
        return Issued(posted, depot, to, incident, tuple(takes))

    def _move_serials(self, depot: str, take: Take, to: Team | OrgUnit | str) -> None:
        for serial in take.serials:
            self.serials[(depot, take.item)].remove(serial)
            equipment = self.ctx.equipment[serial]
            equipment.holder_depot_id = equipment.holder_team_id = equipment.holder_unit_id = None
            if isinstance(to, Team):
                equipment.holder_team_id, equipment.status = to.id, EquipmentStatus.IN_USE
            elif isinstance(to, OrgUnit):
                equipment.holder_unit_id, equipment.status = to.id, EquipmentStatus.IN_USE
            else:
                equipment.holder_depot_id = self.ctx.depots[to].id
                self.serials[(to, take.item)].append(serial)

    def transfer(
        self, src: str, dst: str, day: date, wants: list[tuple[str, Decimal]], note: str = ""
    ) -> Posted | None:
        """Move what is available of ``wants`` from one depot to another (调拨)."""
        takes = self._pick(src, day, wants)
        if not takes:
            return None
        posted = self._post(
            DocumentInput(
                DocType.TRANSFER,
                src,
                day,
                [LineInput(t.item, t.quantity, t.lot, t.expiry, serials=t.serials) for t in takes],
                dest_depot=dst,
                approver=self.approver,
                note=note,
                keeper=self.keeper_of(src),
                handler=self.handler_of(src),
            )
        )
        for take in takes:
            self._apply(posted.id, src, take.item, take.lot, take.expiry, -take.quantity)
            self._apply(posted.id, dst, take.item, take.lot, take.expiry, take.quantity)
            self._move_serials(src, take, dst)
        return posted

    def give_back(
        self,
        issued: Issued | None,
        day: date,
        share: float,
        note: str = "",
        items: tuple[str, ...] = (),
    ) -> Posted | None:
        """Return ``share`` of what an issue took (whole units; equipment comes back whole)."""
        if issued is None:
            return None
        lines, backs = [], []
        codes = {self.ctx.item(name).code for name in items}
        for take in issued.takes:
            if codes and take.item not in codes:
                continue
            qty = (
                take.quantity
                if take.serials
                else (take.quantity * Decimal(str(share))).to_integral_value(ROUND_FLOOR)
            )
            if qty <= ZERO:
                continue
            lines.append(LineInput(take.item, qty, take.lot, take.expiry, serials=take.serials))
            backs.append((take, qty))
        if not lines:
            return None
        name = issued.to.name if isinstance(issued.to, Team) else government(issued.to)
        posted = self._post(
            DocumentInput(
                DocType.RETURN,
                issued.depot,
                day,
                lines,
                counterparty=name,
                source_document=issued.posted.id,
                note=note or f"归还 {issued.posted.number}",
                incident_id=issued.incident.id if issued.incident else None,
                keeper=self.keeper_of(issued.depot),
                handler=self.handler_of(issued.depot),
            )
        )
        for take, qty in backs:
            self._apply(posted.id, issued.depot, take.item, take.lot, take.expiry, qty)
            for serial in take.serials:
                equipment = self.ctx.equipment[serial]
                equipment.holder_team_id = equipment.holder_unit_id = None
                equipment.holder_depot_id = self.ctx.depots[issued.depot].id
                equipment.status = EquipmentStatus.IN_STOCK
                self.serials[(issued.depot, take.item)].append(serial)
        return posted

    def write_off(
        self,
        depot: str,
        day: date,
        wants: list[tuple[str, Decimal]],
        reason: Reason,
        note: str,
        *,
        expired_only: bool = False,
    ) -> Posted | None:
        """Write off stock (报损) with a reason and the county's approver; expired lots go first."""
        lines, moves = [], []
        for name, wanted in wants:
            code = self.ctx.item(name).code
            left = wanted
            for lot, qty, expiry in self.on_hand(depot, code, day, fresh=False):
                expired = expiry is not None and expiry < day
                if left <= ZERO or (expired_only and not expired):
                    continue
                take = min(qty, left)
                lines.append(
                    LineInput(
                        code,
                        take,
                        lot,
                        expiry,
                        reason=reason,
                        override_reason="过期报废" if expired else "",
                    )
                )
                moves.append((code, lot, expiry, take))
                left -= take
        if not lines:
            return None
        posted = self._post(
            DocumentInput(
                DocType.WRITE_OFF,
                depot,
                day,
                lines,
                reason=reason,
                approver=self.approver,
                note=note,
                keeper=self.keeper_of(depot),
                handler=self.handler_of(depot),
            )
        )
        for code, lot, expiry, qty in moves:
            self._apply(posted.id, depot, code, lot, expiry, -qty)
        return posted

    def stocktake(
        self,
        depot: str,
        day: date,
        diffs: dict[str, Decimal],
        *,
        category: Category | None = None,
        only: tuple[str, ...] = (),
    ) -> Posted:
        """Count a depot (fully, by category, or only some items) and post the differences."""
        counts = []
        names = set(diffs) | set(only)
        for (dep, code), lots in sorted(self.lots.items()):
            item = self.ctx.items[code]
            if (
                dep != depot
                or (category and item.category is not category)
                or (only and item.name not in names)
            ):
                continue
            for index, (lot, state) in enumerate(sorted(lots.items())):
                qty, expiry = state.quantity, state.expiry
                if qty == ZERO:
                    continue
                change = max(diffs.get(item.name, ZERO), -qty) if index == 0 else ZERO
                counts.append((code, lot, expiry, qty + change, change))
        posted = post_stocktake(
            self.ctx.session,
            self.ctx.actor,
            StocktakeInput(
                depot,
                day,
                [Count(code, counted, lot, expiry) for code, lot, expiry, counted, _ in counts],
                full=not only,
                category=category,
                approver=self.approver,
                note="季度盘点" if not only else "汛后抽盘",
                keeper=self.keeper_of(depot),
                handler=self.handler_of(depot),
            ),
        )
        self.doc_types[DocType.STOCKTAKE] += 1
        for code, lot, expiry, _, change in counts:
            if change:
                self._apply(posted.id, depot, code, lot, expiry, change)
        return posted

    def reverse(self, posted: Posted, day: date, note: str) -> Posted:
        """Reverse (红冲) a posted document and undo its effect on the mirror."""
        reversal = reverse_document(self.ctx.session, self.ctx.actor, posted.id, on=day, note=note)
        self.reversals += 1
        for depot, item, lot, expiry, qty in self._effects[posted.id]:
            self._apply(reversal.id, depot, item, lot, expiry, -qty)
        return reversal


def days(n: int) -> timedelta:
    """``n`` days, for date arithmetic in the year's plan."""
    return timedelta(days=n)
