"""Statements run on the driver's cursor: the same rows, writes and errors as SQLAlchemy's.

Every prepared statement of a posting is run both ways on the same data, on SQLite and on
PostgreSQL. The refusals a posting raises from what these statements read (stocktake, closed
period, expiry, shortage, unknown codes) are tested through the services in test_rules.py,
test_stock.py and test_periods.py, which now run on this path.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Connection, exc, insert, select
from sqlalchemy.orm import Session

from ledger.core.actor import Actor
from ledger.models import Balance
from ledger.models.engine import Database
from ledger.models.prepared import Prepared
from ledger.services import posting, posting_reads, rules
from ledger.services.periods import close_period, month
from tests.scenario import counterparty, depot, given, item

D = date.fromisoformat


@pytest.fixture
def s(db: Database, actor: Actor) -> Iterator[Session]:
    """One open transaction with receipts, an issue, a stocktake and a closed month."""
    with db.transaction(actor) as session:
        counterparty(session, "某供应商")
        given(
            session, actor, "RK 2026-03-01 一号库 编织袋 100袋 批次L1 有效期2027-03-01 对方某供应商"
        )
        given(session, actor, "RK 2026-03-02 一号库 铁锹 5把")
        given(session, actor, "CK 2026-03-05 一号库 编织袋 30袋 批次L1")
        given(session, actor, "PD 2026-03-10 一号库 部分 铁锹 4把 审批人张三")
        given(session, actor, "RK 2026-05-02 二号库 铁锹 2把")
        close_period(session, actor, "一号库", month(2026, 3), today=D("2026-11-25"))
        session.flush()
        yield session


def _both(conn: Connection, prepared: Prepared, params: dict[str, Any]) -> tuple[list, list]:
    fast = prepared.rows(conn, params)
    slow = [tuple(row) for row in conn.execute(prepared.statement, params)]
    return fast, slow


def _read_cases(s: Session) -> list[tuple[Prepared, dict[str, Any]]]:
    one, two = depot(s, "一号库").id, depot(s, "二号库").id
    bag, spade = item(s, "编织袋").id, item(s, "铁锹").id
    cases: list[tuple[Prepared, dict[str, Any]]] = []
    for code in ("一号库", "二号库", "三号库"):
        cases.append((posting_reads._DEPOT, {"code": code}))
    for code in ("编织袋", "铁锹", "帐篷"):
        cases.append((posting_reads._ITEM, {"code": code}))
    for depot_id in (one, two, uuid.uuid4()):
        for on in (D("2026-03-31"), D("2026-04-01")):
            for name in ("某供应商", "路人", None):
                params = {"depot_id": depot_id, "on": on, "name": name}
                cases.append((posting_reads._CHAIN, params))
        cases.append((posting._HEAD_ROW, {"h_depot": depot_id}))
    for key in ((one, bag, "L1"), (one, bag, ""), (one, spade, ""), (two, spade, "")):
        params = {"depot_id": key[0], "item_id": key[1], "lot": key[2]}
        cases.append((posting._BALANCE_CORE, params))
        for on in (D("2026-03-01"), D("2026-03-05"), D("2026-06-01")):
            cases.append((rules._LATER, {**params, "on": on}))
        for after in (date.min, D("2026-03-09"), D("2026-03-10")):
            params = {"depot_id": key[0], "item_id": key[1], "after": after}
            cases.append((rules._LAST_STOCKTAKE_FAST, params))
    return cases


def test_prepared_reads_return_what_sqlalchemy_returns(s: Session) -> None:
    conn = s.connection()
    cases = _read_cases(s)
    found = 0
    for prepared, params in cases:
        fast, slow = _both(conn, prepared, params)
        assert fast == slow, (prepared.statement, params)
        found += bool(fast and any(v is not None for v in fast[0]))
    assert found > len(cases) // 2  # most cases find a row: the comparison is not of nothing


def test_converted_values_have_the_models_types(s: Session) -> None:
    conn = s.connection()
    one, bag = depot(s, "一号库").id, item(s, "编织袋").id
    row = posting._BALANCE_CORE.first(conn, {"depot_id": one, "item_id": bag, "lot": "L1"})
    assert row is not None
    assert isinstance(row[0], uuid.UUID)
    assert row[1:] == (D("2027-03-01"), Decimal(70))
    params = {"depot_id": one, "on": D("2026-03-31"), "name": "某供应商"}
    seq, link, closed, party, any_sender = posting_reads._CHAIN.first(conn, params) or ()
    assert (seq, len(link), closed, any_sender) == (4, 64, True, False)
    assert party == counterparty(s, "某供应商").id
    stocktake = {"depot_id": one, "item_id": item(s, "铁锹").id, "after": date.min}
    assert rules._LAST_STOCKTAKE_FAST.scalar(conn, stocktake) == D("2026-03-10")


def _balances(conn: Connection, lot: str) -> list[tuple]:
    query = select(Balance.depot_id, Balance.item_id, Balance.expiry, Balance.quantity)
    return [
        tuple(r) for r in conn.execute(query.where(Balance.lot == lot).order_by(Balance.depot_id))
    ]


def test_prepared_writes_store_what_sqlalchemy_stores(s: Session) -> None:
    conn = s.connection()
    one, two = depot(s, "一号库").id, depot(s, "二号库").id
    bag = item(s, "编织袋").id

    def rows(lot: str) -> list[dict[str, Any]]:
        return [
            {"id": uuid.uuid4(), "depot_id": d, "item_id": bag, "lot": lot}
            | {"expiry": D("2028-02-29"), "quantity": Decimal("12.345")}
            for d in (one, two)
        ]

    posting._INSERT_BALANCE.run(conn, rows("快"))  # many rows: executemany
    conn.execute(insert(Balance.__table__), rows("慢"))
    posting._INSERT_BALANCE.run(conn, rows("快一")[0])
    conn.execute(insert(Balance.__table__), rows("慢一")[0])
    assert _balances(conn, "快") == _balances(conn, "慢") != []
    assert _balances(conn, "快一") == _balances(conn, "慢一") != []
    (fast_id,) = conn.execute(select(Balance.id).where(Balance.lot == "快一")).scalars()
    (slow_id,) = conn.execute(select(Balance.id).where(Balance.lot == "慢一")).scalars()
    change = {"b_quantity": Decimal("0.001"), "b_expiry": None}
    posting._UPDATE_BALANCE.run(conn, {**change, "b_id": fast_id})
    conn.execute(posting._UPDATE_BALANCE.statement, {**change, "b_id": slow_id})
    assert (
        _balances(conn, "快一") == _balances(conn, "慢一") == [(one, bag, None, Decimal("0.001"))]
    )


def test_a_returning_update_gives_the_new_value(s: Session) -> None:
    conn = s.connection()
    params = {"c_depot": depot(s, "一号库").id, "c_series": "RK", "c_year": 2026}
    assert posting._BUMP_COUNTER.scalar(conn, params) == 3
    assert conn.execute(posting._BUMP_COUNTER.statement, params).scalar() == 4
    assert posting._BUMP_COUNTER.scalar(conn, {**params, "c_year": 1999}) is None


def test_a_driver_error_is_raised_as_sqlalchemy_raises_it(db: Database, actor: Actor) -> None:
    with db.transaction(actor) as s:
        given(s, actor, "RK 2026-03-01 一号库 编织袋 100袋 批次L1")
        key = {"depot_id": depot(s, "一号库").id, "item_id": item(s, "编织袋").id, "lot": "L1"}
    row = {"id": uuid.uuid4(), **key, "expiry": None, "quantity": Decimal(1)}
    with pytest.raises(exc.IntegrityError) as fast, db.transaction(actor) as s:
        posting._INSERT_BALANCE.run(s.connection(), row)
    with pytest.raises(exc.IntegrityError) as slow, db.transaction(actor) as s:
        s.connection().execute(insert(Balance.__table__), row)
    assert type(fast.value.orig) is type(slow.value.orig)
    assert getattr(fast.value.orig, "sqlstate", None) == getattr(slow.value.orig, "sqlstate", None)
    with db.read() as s:  # both rolled back: the key's row is the receipt's, unchanged
        assert posting._BALANCE_CORE.first(s.connection(), key)[2] == Decimal(100)


def test_a_statement_needing_python_defaults_is_refused(s: Session) -> None:
    partial = Prepared(insert(Balance.__table__), ["depot_id", "item_id", "quantity"])
    with pytest.raises(ValueError, match="not a plain statement"):
        partial.run(s.connection(), {"depot_id": uuid.uuid4(), "item_id": uuid.uuid4()})


def test_an_insert_that_would_fetch_its_key_back_is_refused(s: Session) -> None:
    from ledger.models.audit import AuditRow
    from ledger.models.base import utcnow

    keys = ["at", "actor", "action", "table", "row_id", "before", "after", "prev_hash", "hash"]
    fetching = Prepared(insert(AuditRow.__table__), keys)
    row = dict.fromkeys(keys, "x") | {"at": utcnow(), "row_id": None, "before": None, "after": None}
    compiled = insert(AuditRow.__table__).compile(dialect=s.connection().dialect, column_keys=keys)
    if compiled.implicit_returning:  # PostgreSQL fetches an autoincrement key back
        with pytest.raises(ValueError, match="not a plain statement"):
            fetching.run(s.connection(), row)
    Prepared(insert(AuditRow.__table__).inline(), keys).run(s.connection(), row)  # accepted
