"""Posting speed: single-line documents through the services, beside a raw sqlite3 baseline.

    python bench/post.py              # 20,000 documents (target: p95 <= 5 ms per document)
    python bench/post.py --n 2000     # a quick run

Each document is posted the way a keeper posts it: one transaction (``db.transaction``), one
``post_document`` call, one commit, on a fresh SQLite file in WAL mode with
``synchronous=FULL``. Two of every three documents are receipts, the third an issue from stock
already there, over ten items and five lots, dated through the year.

The baseline writes the same rows with the sqlite3 module alone, in a second fresh database
with the same schema and pragmas: per document the document, its line, its movement (with its
chain hash) and the balance upsert, one commit each. It has none of the services' checks
(stock on hand and on later days, the last stocktake, closed periods, expiry), numbering or
audit rows, so the ratio is what those cost. (A posting that is its transaction's first work
needs no savepoint: see ``ledger.services.common.atomic.atomic``.)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ledger.core.actor import SYSTEM
from ledger.core.enums import Category, DocType, Level
from ledger.models import Depot, Item, OrgUnit
from ledger.models.engine import Database, open_database
from ledger.services.stock import DocumentInput, LineInput, post_document

START = date(2026, 1, 2)
ITEMS = 10
LOTS = 5
PER_DAY = 60
TARGET_P95_MS = 5.0


@dataclass(frozen=True)
class Doc:
    """One single-line document of the run."""

    doc_type: DocType
    day: date
    item: int
    lot: str
    quantity: int


@dataclass(frozen=True)
class Timing:
    """Latencies of one run, in seconds."""

    name: str
    latencies: list[float]
    wall: float
    cpu: float

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.wall

    def pct(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    def line(self) -> str:
        return (
            f"{self.name:<10} {len(self.latencies):>7} 张  {self.rate:>8.0f} 张/秒  "
            f"p50 {self.pct(50):6.2f} ms  p95 {self.pct(95):6.2f} ms  "
            f"p99 {self.pct(99):6.2f} ms  最大 {max(self.latencies) * 1000:7.2f} ms  "
            f"CPU {self.cpu / len(self.latencies) * 1000:5.2f} ms/张"
        )

    def drift(self) -> str:
        """p50 of the first and the last tenth: flat when cost does not grow with the ledger."""
        tenth = max(1, len(self.latencies) // 10)
        first = sorted(self.latencies[:tenth])[tenth // 2] * 1000
        last = sorted(self.latencies[-tenth:])[tenth // 2] * 1000
        return f"{self.name:<10} 前 10% p50 {first:6.2f} ms，后 10% p50 {last:6.2f} ms"


def documents(n: int) -> Iterator[Doc]:
    """Receipts and issues: every third document issues what an earlier receipt brought in."""
    for i in range(n):
        day = START + timedelta(days=i // PER_DAY)
        source = i - 1 if i % 3 == 2 else i  # an issue takes from the receipt before it
        item, lot = source % ITEMS, f"L{(source // ITEMS) % LOTS}"
        if i % 3 == 2:
            yield Doc(DocType.ISSUE, day, item, lot, 1)
        else:
            yield Doc(DocType.RECEIPT, day, item, lot, 5)


def setup(db: Database) -> None:
    """One town, one depot and the catalogue the run posts against."""
    with db.transaction(SYSTEM) as s:
        town = OrgUnit(code="411122100000", name="城关镇", level=Level.TOWN)
        s.add(town)
        s.flush()
        s.add(Depot(code="CK01", name="城关镇储备库", unit_id=town.id))
        for i in range(ITEMS):
            s.add(Item(code=f"FX{i:03d}", name=f"防汛物资{i}", unit="件", category=Category.FLOOD))


def run_services(path: Path, docs: list[Doc]) -> Timing:
    """Post every document through ``post_document``, one transaction each."""
    db = open_database(path)
    setup(db)
    latencies = []
    began, cpu = time.perf_counter(), time.process_time()
    for doc in docs:
        entry = DocumentInput(
            doc.doc_type,
            "CK01",
            doc.day,
            [LineInput(f"FX{doc.item:03d}", doc.quantity, lot=doc.lot, expiry=date(2028, 1, 1))],
            counterparty="县应急管理局",
        )
        t0 = time.perf_counter()
        with db.transaction(SYSTEM) as s:
            post_document(s, SYSTEM, entry)
        latencies.append(time.perf_counter() - t0)
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    db.dispose()
    return Timing("服务层", latencies, wall, cpu)


def run_baseline(path: Path, docs: list[Doc]) -> Timing:
    """Write the same rows with sqlite3 only: document, line, movement, balance upsert."""
    db = open_database(path)  # the same schema, migrated
    setup(db)
    with db.read() as s:
        depot_id = s.query(Depot.id).scalar()
        items = dict(s.query(Item.code, Item.id).all())
    db.dispose()
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
        conn.execute(f"PRAGMA {pragma}")
    write = _baseline_writer(conn, depot_id.hex, {k: v.hex for k, v in items.items()})
    latencies = []
    began, cpu = time.perf_counter(), time.process_time()
    for number, doc in enumerate(docs, start=1):
        t0 = time.perf_counter()
        write(number, doc)
        latencies.append(time.perf_counter() - t0)
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    conn.close()
    return Timing("sqlite3", latencies, wall, cpu)


def _baseline_writer(
    conn: sqlite3.Connection, depot: str, items: dict[str, str]
) -> Callable[[int, Doc], None]:
    head = {"seq": 0, "hash": "0" * 64}

    def write(number: int, doc: Doc) -> None:
        doc_id, line_id, move_id = (uuid.uuid4().hex for _ in range(3))
        item = items[f"FX{doc.item:03d}"]
        sign = -1 if doc.doc_type is DocType.ISSUE else 1
        qty = doc.quantity * 1000
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        head["seq"] += 1
        link = hashlib.sha256(f"{head['hash']}|{head['seq']}|{item}|{sign * qty}".encode())
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO documents (id, doc_type, number, depot_id, doc_date, posted_at, "
            "posted_by, handler, keeper, approver, counterparty_name, scope, note) "
            "VALUES (?, ?, ?, ?, ?, ?, 'system', '系统', '', '', '县应急管理局', '', '')",
            (doc_id, doc.doc_type.value, f"X-{number:06d}", depot, doc.day.isoformat(), now),
        )
        conn.execute(
            "INSERT INTO document_lines (id, document_id, line_no, item_id, lot, expiry, "
            "quantity, serials, override_reason) VALUES (?, ?, 1, ?, ?, '2028-01-01', ?, '', '')",
            (line_id, doc_id, item, doc.lot, qty),
        )
        conn.execute(
            "INSERT INTO movements (id, document_id, line_id, depot_id, item_id, lot, expiry, "
            "quantity, occurred_on, posted_at, seq, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, '2028-01-01', ?, ?, ?, ?, ?, ?)",
            (
                move_id,
                doc_id,
                line_id,
                depot,
                item,
                doc.lot,
                sign * qty,
                doc.day.isoformat(),
                now,
                head["seq"],
                head["hash"],
                link.hexdigest(),
            ),
        )
        conn.execute(
            "INSERT INTO balances (id, depot_id, item_id, lot, expiry, quantity) "
            "VALUES (?, ?, ?, ?, '2028-01-01', ?) ON CONFLICT (depot_id, item_id, lot) "
            "DO UPDATE SET quantity = quantity + excluded.quantity",
            (uuid.uuid4().hex, depot, item, doc.lot, sign * qty),
        )
        conn.execute("COMMIT")
        head["hash"] = link.hexdigest()

    return write


def main(argv: list[str] | None = None) -> int:
    """Run both and print the figures; exit 1 when the services miss the p95 target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="documents to post (20000)")
    parser.add_argument("--dir", type=Path, help="folder for the databases (default: a temp)")
    args = parser.parse_args(argv)
    docs = list(documents(args.n))
    with tempfile.TemporaryDirectory(prefix="ledger-bench-") as tmp:
        folder = args.dir or Path(tmp)
        services = run_services(folder / "services.db", docs)
        baseline = run_baseline(folder / "baseline.db", docs)
    print(f"单行单据过账 {args.n} 张（入库与出库混合，每张一个事务，WAL + synchronous=FULL）")
    print(services.line())
    print(baseline.line())
    print(services.drift())
    print(baseline.drift())
    ratio_p50 = services.pct(50) / baseline.pct(50)
    ratio_rate = baseline.rate / services.rate
    print(f"比值      p50 为基线的 {ratio_p50:.1f} 倍，吞吐为基线的 1/{ratio_rate:.1f}")
    met = services.pct(95) <= TARGET_P95_MS
    verdict = "达标" if met else "未达标"
    print(f"目标      p95 ≤ {TARGET_P95_MS:g} ms：{verdict}（{services.pct(95):.2f} ms）")
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"机器负载  {os.cpu_count()} 核，1/5/15 分钟平均负载 {load}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
