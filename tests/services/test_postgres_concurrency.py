"""A shared PostgreSQL database: two processes posting to one depot at once keep it right.

Posting locks the depot's chain head row (``SELECT … FOR UPDATE``) before it reads balances,
numbers the document from a locked counter, and ``Database.run`` runs a transaction again
when the server reports it lost a race (deadlock, serialization failure, or the same new key
inserted by both). These tests start two real processes on one server database and check that
nothing is lost, nothing is counted twice, no balance goes below zero and the chains hold.

Run as a script, this module is the worker process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ledger.core.actor import SYSTEM
from ledger.core.enums import Category, CounterpartyKind, DocType, Level
from ledger.core.errors import InsufficientStock
from ledger.models import Balance, Counterparty, Depot, Document, Item, Movement, OrgUnit
from ledger.models.engine import Database, open_database
from ledger.services.stock import DocumentInput, LineInput, post_document
from ledger.services.verify.checks import verify

pytestmark = pytest.mark.postgres
DAY = date(2026, 3, 1)
ROUNDS = 40


def _entry(kind: DocType, quantity: int) -> DocumentInput:
    return DocumentInput(kind, "K1", DAY, [LineInput("WZ-001", quantity, lot="L1")])


def work(url: str, mode: str, count: int, go: str, out: str) -> None:
    """The worker: wait for the go file, then post ``count`` documents as fast as it can."""
    db = open_database(url)
    posted = refused = 0
    try:
        while not Path(go).exists():
            time.sleep(0.002)
        for number in range(count):
            if mode == "drain":
                entry = _entry(DocType.ISSUE, 1)
            else:
                entry = _entry(
                    DocType.RECEIPT if number % 2 == 0 else DocType.ISSUE, 3 - number % 2 * 2
                )
            try:
                db.run(lambda s, entry=entry: post_document(s, SYSTEM, entry))
                posted += 1
            except InsufficientStock:
                refused += 1
    finally:
        db.dispose()
    Path(out).write_text(json.dumps({"posted": posted, "refused": refused}))


@pytest.fixture
def server(db: Database) -> Database:
    """A database on the PostgreSQL server with one depot and one item."""
    if db.is_sqlite:
        pytest.skip("a shared server database: PostgreSQL only")
    with db.transaction(SYSTEM) as s:
        unit = OrgUnit(code="410122", name="示范县", level=Level.COUNTY)
        s.add(unit)
        s.add(Item(code="WZ-001", name="编织袋", unit="条", category=Category.FLOOD))
        s.flush()
        s.add(Depot(code="K1", name="县库", unit_id=unit.id))
    return db


def _race(db: Database, tmp_path: Path, mode: str, count: int) -> list[dict[str, int]]:
    go = tmp_path / "go"
    outs = [tmp_path / f"out{i}.json" for i in range(2)]
    env = dict(os.environ)
    children = [
        subprocess.Popen(
            [
                sys.executable,
                __file__,
                db.engine.url.render_as_string(hide_password=False),
                mode,
                str(count),
                str(go),
                str(out),
            ],
            env=env,
        )
        for out in outs
    ]
    time.sleep(1.5)  # both children connected and waiting
    go.touch()
    for child in children:
        assert child.wait(timeout=300) == 0
    return [json.loads(out.read_text()) for out in outs]


def _on_hand(db: Database) -> Decimal:
    with db.read() as s:
        return s.scalars(select(Balance.quantity)).one()


def test_two_processes_posting_to_one_depot_lose_nothing(server: Database, tmp_path: Path) -> None:
    results = _race(server, tmp_path, "mixed", ROUNDS)
    assert [r["posted"] for r in results] == [ROUNDS, ROUNDS]
    # each process receives 3 and issues 1 per pair of documents
    assert _on_hand(server) == Decimal(2 * (ROUNDS // 2) * 2)
    with server.read() as s:
        assert verify(s) == []
        numbers = s.scalars(select(Document.number)).all()
        assert len(numbers) == len(set(numbers)) == 2 * ROUNDS
        seqs = s.scalars(select(Movement.seq).order_by(Movement.seq)).all()
        assert seqs == list(range(1, 2 * ROUNDS + 1))


def test_two_processes_draining_one_lot_never_take_more_than_there_is(
    server: Database, tmp_path: Path
) -> None:
    with server.transaction(SYSTEM) as s:
        post_document(s, SYSTEM, _entry(DocType.RECEIPT, 50))
    results = _race(server, tmp_path, "drain", 30)
    assert sum(r["posted"] for r in results) == 50
    assert sum(r["refused"] for r in results) == 10
    assert _on_hand(server) == Decimal(0)
    with server.read() as s:
        assert verify(s) == []
        issues = s.scalar(
            select(func.count()).select_from(Document).where(Document.doc_type == DocType.ISSUE)
        )
        assert issues == 50


def test_a_transaction_that_lost_a_race_for_a_new_key_runs_again(db: Database) -> None:
    """The first audit row of a fresh database: two writers insert the same head row; the
    one that waited gets a unique violation, and ``Database.run`` runs it again."""
    if db.is_sqlite:
        pytest.skip("SQLite writers queue on the file lock instead")
    first_flushed, release = threading.Event(), threading.Event()
    attempts: list[int] = []

    def first() -> None:
        with db.transaction(SYSTEM) as s:
            s.add(Counterparty(name="甲供应商", kind=CounterpartyKind.SUPPLIER))
            s.flush()
            first_flushed.set()
            release.wait(10)

    def second(s: object) -> None:
        attempts.append(1)
        if len(attempts) == 1:
            # the first commits while this one waits on the head row it inserts too
            threading.Timer(0.5, release.set).start()
        s.add(Counterparty(name="乙供应商", kind=CounterpartyKind.SUPPLIER))  # type: ignore[attr-defined]
        s.flush()  # type: ignore[attr-defined]

    thread = threading.Thread(target=first)
    thread.start()
    assert first_flushed.wait(10)
    db.run(second)
    thread.join(10)
    assert len(attempts) == 2
    with db.read() as s:
        assert sorted(s.scalars(select(Counterparty.name))) == ["乙供应商", "甲供应商"]
        assert verify(s) == []


if __name__ == "__main__":
    work(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5])
