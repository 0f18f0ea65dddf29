"""Crash safety: a child posting and importing is killed (SIGKILL) at random moments, 30 times.

After every kill the file passes ``PRAGMA integrity_check``, ``verify`` finds nothing wrong,
every document and import the child acknowledged (printed after its commit returned) is there
whole, and nothing is half-written: each document has its lines and movements, each imported
team all its members. The child is forked from the test process, so a run takes seconds.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import time
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.core.actor import SYSTEM
from ledger.core.enums import Category, DocType, Level, Nature, TeamType
from ledger.core.errors import LedgerError
from ledger.models import Balance, Depot, Document, DocumentLine, Member, Movement, Team
from ledger.models.engine import Database, open_database
from ledger.services import stock
from ledger.services.catalogue import register as catalogue
from ledger.services.imports import batch as importing
from ledger.services.imports.records import Batch, MemberRecord, StockRecord, TeamRecord
from ledger.services.org import tree as org
from ledger.services.verify import checks as verify

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL"),
]

KILLS = 30
DAY = date(2026, 3, 2)
ITEMS = ("BZD", "JSY", "SD")
TOWN = "410122100"


def _world(path: Path) -> None:
    db = open_database(path)
    with db.transaction(SYSTEM) as s:
        town = org.add_unit(s, SYSTEM, org.UnitInput(TOWN, "城关镇", Level.TOWN))
        for code in ("K1", "K2"):
            catalogue.save_depot(s, SYSTEM, catalogue.DepotInput(code, f"{code}库", town))
        for code in ITEMS:
            catalogue.save_item(s, SYSTEM, catalogue.ItemInput(code, code, "件", Category.FLOOD))
    db.dispose()


# --- the child ------------------------------------------------------------------------


def _say(fd: int, line: str) -> None:
    os.write(fd, (line + "\n").encode())


def _child(path: Path, fd: int, seed: int) -> None:
    """Post receipts, issues, transfers, reversals and imports until killed."""
    rng = random.Random(seed)
    db = open_database(path)
    _say(fd, "READY")
    for n in range(10_000):
        kind = rng.choice(("receipt", "receipt", "issue", "transfer", "reverse", "import"))
        _say(fd, f"BEGIN {seed}-{n} {kind}")
        try:
            with db.transaction(SYSTEM) as s:
                ack = _step(s, rng, kind, f"{seed}-{n}")
        except LedgerError:  # e.g. a reversal of stock already issued
            ack = "none"
        _say(fd, f"ACK {seed}-{n} {kind} {ack}")


def _step(s: Session, rng: random.Random, kind: str, tag: str) -> str:
    if kind == "import":
        return _import(s, rng, tag)
    if kind == "reverse":
        reversed_ids = select(Document.reverses_id).where(Document.reverses_id.is_not(None))
        doc_id = s.scalar(
            select(Document.id)
            .where(Document.reverses_id.is_(None), Document.doc_type == DocType.RECEIPT)
            .where(Document.id.not_in(reversed_ids))
            .order_by(func.random())
            .limit(1)
        )
        if doc_id is None:
            return "none"
        posted = stock.reverse_document(s, SYSTEM, doc_id, DAY, note="录入有误")
        return f"{posted.id} {posted.movements}"
    if kind in ("issue", "transfer"):
        row = s.execute(
            select(Balance.depot_id, Balance.item_id, Balance.lot, Balance.quantity)
            .where(Balance.quantity >= 2)
            .order_by(func.random())
            .limit(1)
        ).first()
        if row is None:
            return "none"
        dest = None
        if kind == "transfer":
            dest = "K2" if row.depot_id != _depot_id(s, "K2") else "K1"
        entry = stock.DocumentInput(
            DocType.TRANSFER if dest else DocType.ISSUE,
            row.depot_id,
            DAY,
            [stock.LineInput(row.item_id, 1, lot=row.lot)],
            dest_depot=dest,
        )
    else:
        lines = [
            stock.LineInput(rng.choice(ITEMS), rng.randint(5, 50), lot=f"L{rng.randint(1, 4)}")
            for _ in range(rng.randint(1, 4))
        ]
        entry = stock.DocumentInput(DocType.RECEIPT, rng.choice(("K1", "K2")), DAY, lines)
    posted = stock.post_document(s, SYSTEM, entry)
    return f"{posted.id} {posted.movements}"


def _depot_id(s: Session, code: str) -> uuid.UUID | None:
    return s.scalar(select(Depot.id).where(Depot.code == code))


def _import(s: Session, rng: random.Random, tag: str) -> str:
    team = f"CRASH-{tag}"
    batch = Batch(
        teams=(TeamRecord(team, f"队{tag}", TOWN, TeamType.FLOOD, Nature.VOLUNTEER),),
        members=tuple(MemberRecord(team, f"队员{i}") for i in range(3)),
        stock=(StockRecord("K1", rng.choice(ITEMS), Decimal(rng.randint(1, 9)), f"IMP-{tag}"),),
    )
    importing.apply(s, SYSTEM, batch, on=DAY)
    return team


# --- the parent -----------------------------------------------------------------------


@dataclass
class Acks:
    """What the children acknowledged, and how many kills landed inside a transaction."""

    documents: dict[str, int] = field(default_factory=dict)
    teams: set[str] = field(default_factory=set)
    in_flight: list[str] = field(default_factory=list)


def _run_and_kill(path: Path, seed: int, acks: Acks, rng: random.Random) -> None:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: never returns into pytest
        os.close(read_fd)
        try:
            _child(path, write_fd, seed)
        finally:
            os._exit(0)
    os.close(write_fd)
    buffer = b""
    wanted = rng.randint(0, 3)  # let it acknowledge a few operations, then kill it anywhere
    while buffer.count(b"ACK ") < wanted or b"READY" not in buffer:
        chunk = os.read(read_fd, 65536)
        if not chunk:
            break
        buffer += chunk
    time.sleep(rng.uniform(0.0, 0.15))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    while chunk := os.read(read_fd, 65536):
        buffer += chunk
    os.close(read_fd)
    _collect(buffer.decode().splitlines(), acks)


def _collect(lines: list[str], acks: Acks) -> None:
    for line in lines:
        parts = line.split()
        if parts and parts[0] == "ACK" and parts[3] != "none":
            if parts[2] == "import":
                acks.teams.add(parts[3])
            else:
                acks.documents[parts[3]] = int(parts[4])
    if lines and lines[-1].startswith("BEGIN"):
        acks.in_flight.append(lines[-1])


def _check(path: Path, acks: Acks) -> None:
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    db: Database = open_database(path)
    try:
        with db.read() as s:
            assert verify.verify(s) == []
            _check_acknowledged(s, acks)
            _check_nothing_half_written(s)
    finally:
        db.dispose()


def _check_acknowledged(s: Session, acks: Acks) -> None:
    moves = dict(
        s.execute(select(Movement.document_id, func.count()).group_by(Movement.document_id)).all()
    )
    for doc_id, count in acks.documents.items():
        assert moves.get(uuid.UUID(doc_id)) == count, f"acknowledged document {doc_id} lost"
    codes = set(s.scalars(select(Team.code)))
    assert acks.teams <= codes, f"acknowledged imports lost: {acks.teams - codes}"


def _check_nothing_half_written(s: Session) -> None:
    lines = dict(
        s.execute(
            select(DocumentLine.document_id, func.count()).group_by(DocumentLine.document_id)
        ).all()
    )
    moves = dict(
        s.execute(select(Movement.document_id, func.count()).group_by(Movement.document_id)).all()
    )
    for doc_id, doc_type in s.execute(select(Document.id, Document.doc_type)):
        per_line = 2 if doc_type is DocType.TRANSFER else 1
        assert lines.get(doc_id, 0) > 0, "a document without lines"
        assert moves.get(doc_id, 0) == lines[doc_id] * per_line, "a document without movements"
    members = dict(
        s.execute(
            select(Team.code, func.count(Member.id))
            .outerjoin(Member, Member.team_id == Team.id)
            .where(Team.code.like("CRASH-%"))
            .group_by(Team.code)
        ).all()
    )
    assert all(count == 3 for count in members.values()), f"half-imported teams: {members}"


def test_killed_mid_work_loses_nothing_acknowledged(sqlite_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    shutil.copy(sqlite_template, path)
    _world(path)
    rng = random.Random(20261125)
    acks = Acks()
    for kill in range(KILLS):
        _run_and_kill(path, kill, acks, rng)
        _check(path, acks)
    assert len(acks.documents) >= KILLS, "the children did too little work to mean anything"
    assert acks.teams, "no import was acknowledged"
    assert len(acks.in_flight) >= KILLS // 2, "too few kills landed inside a transaction"
