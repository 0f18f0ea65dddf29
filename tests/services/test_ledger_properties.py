"""Property: whatever keepers post and reverse, balances equal their movements and stay >= 0."""

from __future__ import annotations

import contextlib
import uuid
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.core.enums import DocType, Reason
from ledger.core.errors import LedgerError
from ledger.models import Balance, Movement
from ledger.models.engine import Database
from ledger.services.stock import DocumentInput, LineInput, post_document, reverse_document
from ledger.services.stock.stocktake import Count, StocktakeInput, post_stocktake
from ledger.services.verify.checks import verify
from tests.scenario import depot, item

START = date(2026, 1, 1)
LOTS = ("", "A")

days = st.integers(min_value=0, max_value=40)
#: Opening stock of every item and lot in both depots on the first day.
OPENING = 10
#: Depot and item indexes lean to the first, so that documents meet each other's stock.
MOSTLY_FIRST = [0, 0, 0, 1]


def lines(most: int) -> st.SearchStrategy[list[tuple[int, str, Decimal]]]:
    """One or two lines of item index, lot and a quantity up to ``most``."""
    quantity = st.decimals(min_value=Decimal("0.001"), max_value=Decimal(most), places=3)
    return st.lists(
        st.tuples(st.sampled_from(MOSTLY_FIRST), st.sampled_from(LOTS), quantity),
        min_size=1,
        max_size=2,
    )


#: Kinds of operation, weighted like a keeper's week: mostly receipts and issues.
KINDS = ["RK"] * 4 + ["CK"] * 4 + ["DB", "BS", "GH", "HC", "PD"]


@st.composite
def operation(draw: st.DrawFn) -> tuple[object, ...]:
    """One keeper action: a document, a reversal of an earlier one, or a partial count.

    Stock comes in larger than it goes out, so that most issues find something to take.
    """
    kind = draw(st.sampled_from(KINDS))
    where = draw(st.sampled_from(MOSTLY_FIRST))
    if kind == "HC":
        return (kind, draw(st.integers(0, 30)), draw(days))
    if kind == "PD":
        counted = st.tuples(st.integers(0, 1), st.sampled_from(LOTS), st.integers(0, 80))
        return (kind, where, draw(days), draw(counted))
    if kind == "RK":
        return (kind, where, draw(days), draw(lines(200)))
    return (kind, where, draw(days), draw(lines(12)))


operations = st.lists(operation(), min_size=1, max_size=30)

TYPES = {
    "RK": DocType.RECEIPT,
    "CK": DocType.ISSUE,
    "DB": DocType.TRANSFER,
    "BS": DocType.WRITE_OFF,
    "GH": DocType.RETURN,
}


class Keeper:
    """Plays operations against a fresh pair of depots and items, one transaction each."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        tag = uuid.uuid4().hex[:8]
        with db.transaction(actor) as s:
            self.depots = [depot(s, f"库{tag}{n}").id for n in range(2)]
            self.items = [item(s, f"物{tag}{n}").id for n in range(2)]
        self.posted: list[uuid.UUID] = []
        self.issues: list[uuid.UUID] = []
        opening = [(i, lot, Decimal(OPENING)) for i in range(2) for lot in LOTS]
        for where in range(2):
            self.play(("RK", where, 0, opening))

    def play(self, op: tuple[object, ...]) -> None:
        # a refusal leaves nothing behind (the savepoint is rolled back, the rest commits);
        # the invariants below check that
        with self.db.transaction(self.actor) as s, contextlib.suppress(LedgerError):
            self._play(s, op)

    def _play(self, s: Session, op: tuple[object, ...]) -> None:
        kind = op[0]
        if kind == "HC":
            _, index, day = op
            if self.posted:
                target = self.posted[int(index) % len(self.posted)]  # type: ignore[call-overload]
                reverse_document(
                    s, self.actor, target, START + timedelta(days=day), note="录入有误"
                )  # type: ignore[arg-type]
        elif kind == "PD":
            _, where, day, (which, lot, counted) = op  # type: ignore[misc]
            entry = StocktakeInput(
                self.depots[where],
                START + timedelta(days=day),
                [Count(self.items[which], counted, lot)],
                full=False,
                approver="张三",
            )
            self.posted.append(post_stocktake(s, self.actor, entry).id)
        else:
            self._post(s, op)

    def _post(self, s: Session, op: tuple[object, ...]) -> None:
        kind, where, day, entered = op
        doc_type = TYPES[str(kind)]
        source = self.issues[-1] if doc_type is DocType.RETURN and self.issues else None
        entry = DocumentInput(
            doc_type,
            self.depots[where],  # type: ignore[index]
            START + timedelta(days=day),  # type: ignore[arg-type]
            [LineInput(self.items[i], q, lot=lot) for i, lot, q in entered],  # type: ignore[attr-defined]
            dest_depot=self.depots[1 - where],  # type: ignore[operator]
            approver="张三",
            reason=Reason.DAMAGED,
            source_document=source,
        )
        posted = post_document(s, self.actor, entry)
        self.posted.append(posted.id)
        if doc_type is DocType.ISSUE:
            self.issues.append(posted.id)


def assert_balances_equal_movements_and_never_negative(db: Database) -> None:
    with db.read() as s:
        per_day: dict[tuple[object, ...], list[tuple[date, Decimal]]] = defaultdict(list)
        for depot_id, item_id, lot, day, total in s.execute(
            select(
                Movement.depot_id,
                Movement.item_id,
                Movement.lot,
                Movement.occurred_on,
                func.sum(Movement.quantity),
            )
            .group_by(Movement.depot_id, Movement.item_id, Movement.lot, Movement.occurred_on)
            .order_by(Movement.occurred_on)
        ):
            per_day[(depot_id, item_id, lot)].append((day, total))
        balances = {(b.depot_id, b.item_id, b.lot): b.quantity for b in s.scalars(select(Balance))}
    for key, days_ in per_day.items():
        running = Decimal(0)
        for day, total in days_:
            running += total
            assert running >= 0, f"{key} closes at {running} on {day}"
        assert balances.get(key, Decimal(0)) == running, key
    for key, quantity in balances.items():
        assert quantity >= 0
        if key not in per_day:
            assert quantity == 0


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations)
def test_balances_equal_the_sum_of_movements_and_never_go_negative(
    db: Database, actor: Actor, ops: list[tuple[object, ...]]
) -> None:
    keeper = Keeper(db, actor)
    for op in ops:
        keeper.play(op)
        assert_balances_equal_movements_and_never_negative(db)
    with db.read() as s:
        assert verify(s) == []
