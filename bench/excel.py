"""Excel speed: import of opening stock and export of movements, each beside raw openpyxl.

    python bench/excel.py                      # 100,000 opening-stock rows, 1,000,000 movements
    python bench/excel.py --rows 5000 --movements 20000     # a quick run

Targets (issue 5): the import of 100,000 opening-stock rows in at most 30 s; the export of
1,000,000 movements in openpyxl's write-only mode. Each is measured beside raw openpyxl reading
or writing the same rows in the same run, and the ratio is printed. The import reads with
python-calamine (ledger/io/fast_read.py), so a raw calamine read of the rows is printed too.
``--movements 0`` or ``--rows 0`` skips a part. Wall-clock and CPU seconds
are both printed, and the load average: on a shared machine the CPU time shows the work.
After the import, ``ledger verify``'s checks must find nothing, and a second import of the
same workbook must change nothing.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook, load_workbook
from sqlalchemy import insert

from ledger.core.actor import SYSTEM
from ledger.core.enums import Category, DocType, Level
from ledger.io.export import MOVEMENT_COLUMNS, export_database
from ledger.io.importer import import_parsed, known
from ledger.io.reader import read_workbook
from ledger.models import Depot, Document, DocumentLine, Item, Movement, OrgUnit
from ledger.models.engine import Database, open_database
from ledger.services.verify import checks as verify

IMPORT_TARGET_S = 30.0
DEPOTS, ITEMS = 20, 1000


def opening_rows(n: int) -> Iterator[list[object]]:
    """``n`` distinct opening-stock rows over 20 depots, 1,000 items and as many lots as needed."""
    for k in range(n):
        depot, item, lot = k % DEPOTS, (k // DEPOTS) % ITEMS, k // (DEPOTS * ITEMS)
        yield [f"K{depot:02d}", f"W{item:05d}", 10 + k % 7, f"L{lot}", "2028-01-01", 1.5]


def write_import_book(path: Path, n: int) -> None:
    """The workbook to import: a county, the catalogue, the depots and ``n`` stock rows."""
    book = Workbook(write_only=True)
    units = book.create_sheet("组织机构")
    units.append(["区划代码", "名称", "级别"])
    units.append(["410102000000", "中原区", "县"])
    items = book.create_sheet("物资目录")
    items.append(["物资编码", "物资名称", "计量单位", "类别"])
    for i in range(ITEMS):
        items.append([f"W{i:05d}", f"物资{i}", "个", "防汛抗旱"])
    depots = book.create_sheet("仓库")
    depots.append(["仓库编号", "仓库名称", "所属区划代码"])
    for d in range(DEPOTS):
        depots.append([f"K{d:02d}", f"仓库{d}", "410102000000"])
    stock = book.create_sheet("期初库存")
    stock.append(["仓库编号", "物资编码", "数量", "批次号", "有效期至", "单价"])
    for row in opening_rows(n):
        stock.append(row)
    book.save(path)


class Clock:
    """Wall-clock and CPU seconds since it was made: under load, CPU time shows the work."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def read(self) -> tuple[float, float]:
        """(wall, cpu) seconds so far."""
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def bench_import(folder: Path, n: int) -> tuple[float, float]:
    """Import ``n`` rows; return (ours, raw openpyxl read) in seconds.

    The import is checked as ``ledger verify`` checks it, and imported a second time, which
    must change nothing.
    """
    path = folder / "import.xlsx"
    write_import_book(path, n)
    clock = Clock()
    book = load_workbook(path, read_only=True, data_only=True)
    raw_rows = sum(1 for name in book.sheetnames for _ in book[name].iter_rows(values_only=True))
    book.close()
    raw, raw_cpu = clock.read()
    clock = Clock()
    fast_rows = _calamine_rows(path)
    fast, fast_cpu = clock.read()

    db = open_database(folder / "import.db")
    clock = Clock()
    with db.read() as session:
        info = known(session)
    parsed = read_workbook(path, info)
    read_s, read_cpu = clock.read()
    with db.transaction(SYSTEM) as session:
        result = import_parsed(session, SYSTEM, parsed)
    total, total_cpu = clock.read()
    assert result.ok, result.errors[:5]
    with db.read() as session:
        found = verify.verify(session)
    assert not found, found[:5]
    clock = Clock()
    with db.transaction(SYSTEM) as session:
        again = import_parsed(session, SYSTEM, read_workbook(path, info))
    second, _ = clock.read()
    assert again.summary is not None and not again.summary.changed
    db.dispose()
    verdict = "OK" if total <= IMPORT_TARGET_S * n / 100_000 else "OVER TARGET"
    print(
        f"import  {n:>9,} opening-stock rows: {total:7.2f} s wall, {total_cpu:6.2f} s cpu "
        f"(read+normalise {read_s:.2f} s / {read_cpu:.2f} s cpu, "
        f"check+write+post {total - read_s:.2f} s / {total_cpu - read_cpu:.2f} s cpu)  {verdict}"
    )
    print(f"        raw openpyxl read of the same {raw_rows:,} rows: {raw:7.2f} s wall, "
          f"{raw_cpu:6.2f} s cpu   ratio {total / raw:5.2f}x wall, {total_cpu / raw_cpu:5.2f}x cpu "
          f"(read+normalise alone {read_s / raw:4.2f}x)")  # fmt: skip
    if fast_rows is not None:
        print(f"        raw calamine read (the import's reader) of the same {fast_rows:,} rows: "
              f"{fast:7.2f} s wall, {fast_cpu:6.2f} s cpu")  # fmt: skip
    print(f"        ledger verify after the import: clean; second import of the same workbook: "
          f"{second:.2f} s, nothing changed")  # fmt: skip
    return total, raw


def _calamine_rows(path: Path) -> int | None:
    """Rows of every sheet read by python-calamine (``None`` where it is not installed)."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        return None
    book = CalamineWorkbook.from_path(str(path))
    count = sum(
        len(book.get_sheet_by_name(name).to_python(skip_empty_area=False))
        for name in book.sheet_names
    )
    book.close()
    return count


def fill_movements(db: Database, n: int) -> None:
    """``n`` movements written straight into the tables (the export only reads them)."""
    with db.transaction(SYSTEM) as session:
        unit = OrgUnit(id=uuid.uuid4(), code="410102000000", name="中原区", level=Level.COUNTY)
        session.add(unit)
        session.flush()
        depot = Depot(id=uuid.uuid4(), code="K01", name="一号库", unit_id=unit.id)
        items = [
            Item(id=uuid.uuid4(), code=f"W{i:05d}", name=f"物资{i}", unit="个",
                 category=Category.FLOOD)
            for i in range(ITEMS)
        ]  # fmt: skip
        session.add_all([depot, *items])
        session.flush()
        doc = Document(id=uuid.uuid4(), doc_type=DocType.RECEIPT, number="RK-2026-00001",
                       depot_id=depot.id, doc_date=date(2026, 1, 1), posted_by="bench")  # fmt: skip
        session.add(doc)
        session.flush()
        conn = session.connection()
        day0 = date(2026, 1, 1)
        for start in range(0, n, 20_000):
            lines, moves = [], []
            for k in range(start, min(n, start + 20_000)):
                line_id = uuid.uuid4()
                item_id = items[k % ITEMS].id
                qty = Decimal(k % 50 + 1)
                lines.append({"id": line_id, "document_id": doc.id, "line_no": k + 1,
                              "item_id": item_id, "lot": "", "quantity": qty})  # fmt: skip
                moves.append({
                    "id": uuid.uuid4(), "document_id": doc.id, "line_id": line_id,
                    "depot_id": depot.id, "item_id": item_id, "lot": "L1",
                    "expiry": day0 + timedelta(days=700), "quantity": qty,
                    "occurred_on": day0 + timedelta(days=k % 365),
                    "posted_at": doc.posted_at, "seq": k + 1, "prev_hash": "0" * 64,
                    "hash": "0" * 64,
                })  # fmt: skip
            conn.execute(insert(DocumentLine), lines)
            conn.execute(insert(Movement), moves)


def bench_export(folder: Path, n: int) -> tuple[float, float]:
    """Export ``n`` movements; return (ours, raw openpyxl write) in seconds."""
    db = open_database(folder / "export.db")
    fill_movements(db, n)
    clock = Clock()
    with db.read() as session:
        counts = export_database(session, SYSTEM, folder / "export.xlsx")
    ours, ours_cpu = clock.read()
    db.dispose()
    assert counts.rows["出入库流水"] == n

    day0 = date(2026, 1, 1)
    rows = [
        (day0 + timedelta(days=k % 365), "RK-2026-00001", "入库单", "K01", "一号库",
         f"W{k % ITEMS:05d}", f"物资{k % ITEMS}", "", "L1", day0 + timedelta(days=700),
         Decimal(k % 50 + 1), "个", k + 1)
        for k in range(n)
    ]  # fmt: skip
    clock = Clock()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("raw")
    sheet.append([c.header for c in MOVEMENT_COLUMNS])
    for row in rows:
        sheet.append(row)
    book.save(folder / "raw.xlsx")
    raw, raw_cpu = clock.read()
    print(f"export  {n:>9,} movements (database → styled write-only workbook): {ours:7.2f} s "
          f"wall, {ours_cpu:6.2f} s cpu")  # fmt: skip
    print(f"        raw openpyxl write-only of the same rows (from memory): {raw:7.2f} s wall, "
          f"{raw_cpu:6.2f} s cpu   ratio {ours / raw:5.2f}x wall, "
          f"{ours_cpu / raw_cpu:5.2f}x cpu")  # fmt: skip
    return ours, raw


def main() -> None:
    """Run both benchmarks in a temporary folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="opening-stock rows to import")
    parser.add_argument("--movements", type=int, default=1_000_000, help="movements to export")
    args = parser.parse_args()
    print("load average (1, 5, 15 min) at start: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    with tempfile.TemporaryDirectory() as folder:
        if args.rows:
            bench_import(Path(folder), args.rows)
        if args.movements:
            bench_export(Path(folder), args.movements)
    print("load average (1, 5, 15 min) at end:   " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
