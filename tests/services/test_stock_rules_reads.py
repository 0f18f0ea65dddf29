"""The stock rules read only through their small interface, and stock asks the exchange nothing
directly: other offices' answers are registered with it when the exchange is imported, and a
posting inside one office reaches no exchange code at all."""

from __future__ import annotations

import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import FrameType

import pytest
from sqlalchemy import event, select

from ledger.core.actor import SYSTEM, Actor
from ledger.core.enums import DocType
from ledger.core.errors import (
    BeforeStocktake,
    ExpiredLot,
    InsufficientStock,
    NotLoggedIn,
    PeriodClosed,
    RecordOwnedElsewhere,
    WouldGoNegative,
)
from ledger.models import Depot, DocumentLine, OrgUnit, Sender
from ledger.models.engine import Database, open_database
from ledger.services.accounts import users
from ledger.services.stock import DocumentInput, LineInput, post_document
from ledger.services.stock import constraints as rules
from ledger.services.stock.journal import BalanceRow, Delta
from tests.scenario import given

D = date.fromisoformat
DEPOT, ITEM = uuid.uuid4(), uuid.uuid4()


@dataclass
class Card:
    """A stock card kept in memory: the rules' reads (rules.StockReads) without a database."""

    moves: list[tuple[date, Decimal]] = field(default_factory=list)
    counted: list[date] = field(default_factory=list)
    closes: list[tuple[str, date, date]] = field(default_factory=list)
    expiry: date | None = None

    def balance(self, key: rules.Key) -> BalanceRow | None:
        total = sum((q for _, q in self.moves), Decimal(0))
        return BalanceRow(uuid.uuid4(), *key, self.expiry, total) if self.moves else None

    def days_after(self, key: rules.Key, on: date) -> list[tuple[date, Decimal]]:
        days: dict[date, Decimal] = {}
        for day, quantity in sorted(self.moves):
            if day > on:
                days[day] = days.get(day, Decimal(0)) + quantity
        return sorted(days.items())

    def total_through(self, key: rules.Key, on: date) -> Decimal:
        return sum((q for day, q in self.moves if day <= on), Decimal(0))

    def last_stocktake(
        self, depot_id: uuid.UUID, item_id: uuid.UUID, after: date | None = None
    ) -> date | None:
        later = [day for day in self.counted if after is None or day > after]
        return max(later, default=None)

    def covering_close(self, depot_id: uuid.UUID, on: date) -> tuple[str, date, date] | None:
        covering = sorted((c for c in self.closes if c[2] >= on), key=lambda c: (c[2], c[0]))
        return covering[0] if covering else None

    def names(self, depot_id: uuid.UUID, item_id: uuid.UUID) -> rules.Names:
        return rules.Names("一号库", "编织袋", "袋")


def _take(quantity: int, lot: str = "", override: str = "") -> list[Delta]:
    line = DocumentLine(override_reason=override)
    return [Delta(DEPOT, ITEM, lot, None, Decimal(-quantity), line)]


def test_the_rules_are_functions_of_what_they_read() -> None:
    card = Card(moves=[(D("2026-03-01"), Decimal(100)), (D("2026-03-10"), Decimal(-60))])
    card.moves.append((D("2026-03-20"), Decimal(-30)))
    key = (DEPOT, ITEM, "")
    assert rules.closing_balances(card, key, D("2026-03-05")) == [
        (D("2026-03-05"), Decimal(100)),
        (D("2026-03-10"), Decimal(40)),
        (D("2026-03-20"), Decimal(10)),
    ]
    assert rules.available(card, key, D("2026-03-05")) == 10
    with pytest.raises(WouldGoNegative) as refused:
        rules.check_availability(card, _take(50), D("2026-03-05"))
    assert refused.value.first_date == "2026-03-10"
    with pytest.raises(InsufficientStock):
        rules.check_availability(card, _take(101), D("2026-03-21"))
    rules.check_availability(card, _take(10), D("2026-03-05"))


def test_stocktakes_closes_and_expiry_are_read_through_the_interface_too() -> None:
    card = Card(moves=[(D("2026-01-05"), Decimal(5))], counted=[D("2026-03-31")])
    with pytest.raises(BeforeStocktake, match="2026-03-31"):
        rules.check_after_stocktake(card, {(DEPOT, ITEM)}, D("2026-03-30"))
    rules.check_after_stocktake(card, {(DEPOT, ITEM)}, D("2026-03-31"))
    card.closes = [
        ("year", D("2025-01-01"), D("2025-12-31")),
        ("month", D("2026-01-01"), D("2026-01-31")),
    ]
    with pytest.raises(PeriodClosed) as closed:
        rules.check_open(card, DEPOT, D("2026-01-20"))
    assert closed.value.period == "2026年1月"
    with pytest.raises(PeriodClosed) as closed:
        rules.check_open(card, DEPOT, D("2024-06-01"))
    assert closed.value.period == "2025年度及以前"
    rules.check_open(card, DEPOT, D("2026-02-01"))
    card.expiry = D("2026-02-01")
    with pytest.raises(ExpiredLot):
        rules.check_not_expired(card, _take(1), D("2026-02-02"))
    rules.check_not_expired(card, _take(1, override="抗洪急用"), D("2026-02-02"))


def _modules_after(code: str) -> str:
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def test_stock_is_never_used_without_the_exchanges_answers_and_guard() -> None:
    code = (
        "import sys; from ledger.services.stock import offices; "
        "print(type(offices.current()).__name__, "
        "'ledger.services.exchange.guard' in sys.modules)"
    )
    assert _modules_after(code) == "ExchangeOffices True"


def _statements(db: Database, actor: Actor, text: str) -> list[str]:
    seen: list[str] = []

    def note(conn: object, cursor: object, statement: str, *rest: object) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        with db.transaction(actor) as s:
            given(s, actor, text)
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    return seen


def test_a_posting_after_the_depots_last_stocktake_asks_no_per_item_stocktake(
    db: Database, actor: Actor
) -> None:
    with db.transaction(actor) as s:
        given(s, actor, "RK 2026-03-01 一号库 编织袋 10袋；铁锹 5把")
        given(s, actor, "PD 2026-03-10 一号库 部分 编织袋 10袋")

    def per_item(statements: list[str]) -> list[str]:
        return [q for q in statements if "max(documents.doc_date)" in q]

    # the chain read found no stocktake of 一号库 after 03-20: no per-item question
    assert per_item(_statements(db, actor, "CK 2026-03-20 一号库 编织袋 1袋；铁锹 1把")) == []
    # before the count: each item asked (铁锹 was not counted), a counted one refused as ever
    assert len(per_item(_statements(db, actor, "CK 2026-03-05 一号库 铁锹 1把"))) == 1
    with pytest.raises(BeforeStocktake):
        _statements(db, actor, "CK 2026-03-05 一号库 编织袋 1袋")


def _modules_called(db: Database, actor: Actor, text: str) -> set[str]:
    """The modules of every Python function called while ``text`` is posted."""
    called: set[str] = set()

    def note(frame: FrameType, what: str, arg: object) -> None:
        if what == "call":
            called.add(str(frame.f_globals.get("__name__", "")))

    with db.transaction(actor) as s:
        sys.setprofile(note)
        try:
            given(s, actor, text)
        finally:
            sys.setprofile(None)
    return called


def test_a_posting_inside_one_office_calls_no_exchange_code(db: Database, actor: Actor) -> None:
    with db.transaction(actor) as s:
        given(s, actor, "RK 2026-03-01 一号库 编织袋 10袋")
    called = _modules_called(db, actor, "CK 2026-03-02 一号库 编织袋 1袋")
    assert "ledger.services.stock.posting" in called
    assert sorted(m for m in called if m.startswith("ledger.services.exchange")) == []


def test_a_posting_reads_its_depot_with_whether_accounts_exist_and_nothing_twice(
    db: Database, actor: Actor
) -> None:
    with db.transaction(actor) as s:
        given(s, actor, "RK 2026-03-01 一号库 编织袋 10袋")
    seen: list[str] = []

    def note(conn: object, cursor: object, statement: str, *rest: object) -> None:
        seen.append(" ".join(statement.split()))

    issue = DocumentInput(DocType.ISSUE, "一号库", D("2026-03-02"), [LineInput("编织袋", 1)])
    event.listen(db.engine, "before_cursor_execute", note)
    try:
        with db.transaction(actor) as s:
            post_document(s, actor, issue)
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    reading_users = [q for q in seen if "FROM users" in q]
    assert len(reading_users) == 1
    assert reading_users[0].startswith("SELECT depots.id")
    for table in ("depots", "items", "balances", "chain_heads"):  # each row read once
        assert sum(q.startswith(f"SELECT {table}.") for q in seen) == 1, table


def test_the_first_account_another_pc_creates_is_seen_by_the_next_posting(
    db: Database, actor: Actor
) -> None:
    with db.transaction(actor) as s:
        given(s, actor, "RK 2026-03-01 一号库 编织袋 10袋")  # no account: taken as given
    url = db.path if db.is_sqlite else db.engine.url.render_as_string(hide_password=False)
    other_pc = open_database(url)
    try:
        with other_pc.transaction(SYSTEM) as s:
            users.create_first_admin(s, "Qz7-river-lantern")
    finally:
        other_pc.dispose()
    with pytest.raises(NotLoggedIn), db.transaction(actor) as s:
        given(s, actor, "CK 2026-03-02 一号库 编织袋 1袋")


def test_a_sender_registered_after_a_posting_guards_its_records_at_once(
    db: Database, actor: Actor
) -> None:
    """A posting finds no other office (the guard of their records then has nothing to ask);
    a sender registered later in the same transaction makes the guard ask again."""
    with db.transaction(actor) as s:
        given(s, actor, "RK 2026-03-01 一号库 编织袋 10袋")
    with pytest.raises(RecordOwnedElsewhere), db.transaction(actor) as s:
        given(s, actor, "CK 2026-03-02 一号库 编织袋 1袋")
        depot = s.scalars(select(Depot).where(Depot.code == "一号库")).one()
        town = s.get_one(OrgUnit, depot.unit_id)
        s.add(Sender(installation_id=uuid.uuid4(), unit_code=town.code, public_key="0" * 64))
        s.flush()
        depot.name = "一号库（改名）"
        s.flush()
