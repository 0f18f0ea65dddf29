"""Concurrency on one SQLite file: two posting processes lose nothing, a writer kept waiting
too long is told the database is busy, and a second window is told the file is open."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import time
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ledger.core.actor import SYSTEM
from ledger.core.enums import Category, DocType, Level
from ledger.core.errors import DatabaseBusy, DatabaseInUse
from ledger.models import Document, Movement
from ledger.models.engine import open_database
from ledger.services import stock
from ledger.services.catalogue import register as catalogue
from ledger.services.database.instance_lock import InstanceLock
from ledger.services.org import tree as org
from ledger.services.verify import checks as verify

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")

DAY = date(2026, 3, 2)
PER_WRITER = 40


@pytest.fixture
def path(sqlite_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "ledger.db"
    shutil.copy(sqlite_template, target)
    db = open_database(target)
    with db.transaction(SYSTEM) as s:
        town = org.add_unit(s, SYSTEM, org.UnitInput("410122100", "城关镇", Level.TOWN))
        catalogue.save_depot(s, SYSTEM, catalogue.DepotInput("K1", "一号库", town))
        catalogue.save_item(s, SYSTEM, catalogue.ItemInput("BZD", "编织袋", "条", Category.FLOOD))
    db.dispose()
    return target


def _fork(work: Callable[[int, int], None]) -> tuple[int, int, int]:
    """Fork a child running ``work(go_fd, out_fd)``; return its pid, its go pipe and output."""
    go_read, go_write = os.pipe()
    out_read, out_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(go_write)
        os.close(out_read)
        status = 0
        try:
            work(go_read, out_write)
        except BaseException:
            os.write(out_write, traceback.format_exc().encode())
            status = 1
        finally:
            os._exit(status)
    os.close(go_read)
    os.close(out_write)
    return pid, go_write, out_read


def _read_all(fd: int) -> str:
    data = b""
    while chunk := os.read(fd, 65536):
        data += chunk
    os.close(fd)
    return data.decode()


def _wait_for(fd: int, word: bytes) -> None:
    seen = b""
    while word not in seen:
        chunk = os.read(fd, 1)
        assert chunk, "the child ended early"
        seen += chunk


def _writer(path: Path, doc_type: DocType) -> Callable[[int, int], None]:
    def work(go_fd: int, out_fd: int) -> None:
        db = open_database(path)
        os.write(out_fd, b"READY\n")
        os.read(go_fd, 1)
        for _ in range(PER_WRITER):
            line = stock.LineInput("BZD", 3 if doc_type is DocType.RECEIPT else 1)
            entry = stock.DocumentInput(doc_type, "K1", DAY, [line])
            with db.transaction(SYSTEM) as s:
                posted = stock.post_document(s, SYSTEM, entry)
            os.write(out_fd, f"ACK {posted.number}\n".encode())

    return work


def test_two_processes_posting_at_once_lose_nothing(path: Path) -> None:
    db = open_database(path)
    with db.transaction(SYSTEM) as s:  # enough stock for every issue the second writer makes
        line = stock.LineInput("BZD", PER_WRITER)
        stock.post_document(s, SYSTEM, stock.DocumentInput(DocType.RECEIPT, "K1", DAY, [line]))
    db.dispose()
    children = [_fork(_writer(path, t)) for t in (DocType.RECEIPT, DocType.ISSUE)]
    for _, _, out in children:
        _wait_for(out, b"READY\n")
    for _, go, _ in children:  # both start at the same moment
        os.write(go, b"g")
    acks: list[str] = []
    for pid, go, out in children:
        output = _read_all(out)
        os.close(go)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0, output
        acks += [line.split()[1] for line in output.splitlines() if line.startswith("ACK")]
    assert len(acks) == 2 * PER_WRITER
    db = open_database(path)
    with db.read() as s:
        numbers = set(s.scalars(select(Document.number)))
        assert set(acks) <= numbers
        receipts = sorted(n for n in numbers if n.startswith("K1-RK"))
        assert receipts == [f"K1-RK-2026-{i:05d}" for i in range(1, PER_WRITER + 2)]
        total = s.scalar(select(func.sum(Movement.quantity)))
        assert total == PER_WRITER + 3 * PER_WRITER - PER_WRITER
        assert verify.verify(s) == []
    db.dispose()


def _holder(path: Path, seconds: float) -> Callable[[int, int], None]:
    """A process that holds SQLite's write lock for ``seconds`` (a long import, say)."""

    def work(go_fd: int, out_fd: int) -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE items SET note = 'busy' WHERE code = 'BZD'")
        os.write(out_fd, b"LOCKED\n")
        time.sleep(seconds)
        conn.execute("COMMIT")
        conn.close()

    return work


def test_a_writer_kept_waiting_too_long_is_told_busy(path: Path) -> None:
    pid, go, out = _fork(_holder(path, 3.0))
    _wait_for(out, b"LOCKED\n")
    db = open_database(path, busy_timeout_ms=300)
    entry = stock.DocumentInput(DocType.RECEIPT, "K1", DAY, [stock.LineInput("BZD", 5)])
    started = time.monotonic()
    with pytest.raises(DatabaseBusy) as caught, db.transaction(SYSTEM) as s:
        stock.post_document(s, SYSTEM, entry)
    waited = time.monotonic() - started
    assert 0.25 <= waited < 2.5
    assert "正被另一个程序写入" in caught.value.message and "稍候再试" in caught.value.message
    db.dispose()
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(go)
    _read_all(out)
    db = open_database(path)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 0
    db.dispose()


def test_a_writer_within_the_timeout_waits_and_then_posts(path: Path) -> None:
    pid, go, out = _fork(_holder(path, 0.8))
    _wait_for(out, b"LOCKED\n")
    db = open_database(path)
    entry = stock.DocumentInput(DocType.RECEIPT, "K1", DAY, [stock.LineInput("BZD", 5)])
    started = time.monotonic()
    with db.transaction(SYSTEM) as s:
        posted = stock.post_document(s, SYSTEM, entry)
    assert time.monotonic() - started >= 0.3
    assert posted.number == "K1-RK-2026-00001"
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    os.close(go)
    _read_all(out)
    db.dispose()


def _window(path: Path) -> Callable[[int, int], None]:
    def work(go_fd: int, out_fd: int) -> None:
        lock = InstanceLock(path)
        lock.acquire()
        os.write(out_fd, b"OPEN\n")
        os.read(go_fd, 1)

    return work


def test_a_second_window_is_told_the_database_is_open(path: Path) -> None:
    pid, go, out = _fork(_window(path))
    _wait_for(out, b"OPEN\n")
    with pytest.raises(DatabaseInUse) as caught:
        InstanceLock(path).acquire()
    assert f"进程 {pid}" in caught.value.message
    assert "已在另一个程序窗口中打开" in caught.value.message
    os.kill(pid, signal.SIGKILL)  # the first window dies without cleaning up
    os.waitpid(pid, 0)
    os.close(go)
    _read_all(out)
    with InstanceLock(path) as lock:  # no stale lock is left behind
        assert lock.held
