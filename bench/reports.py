"""Benchmark: a 10,000-line inventory list (库存清单) as a PDF, limit 10 s.

Run: ``python bench/reports.py [--lines 10000] [--db FILE]``. Builds (once, or reuses ``--db``)
a database with that many lots posted through the stock services, then times, in the same run:

1. the report as the app makes it: query, grouping, layout, header/footer, page x of y, PDF;
2. a raw reportlab ``Table`` (``repeatRows=1``) of the same rows, in the same font and widths,
   in a ``SimpleDocTemplate`` with nothing else: the floor reportlab itself sets.

Prints both times, pages and the ratio; exits 1 when the report takes longer than the limit.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from ledger.core.actor import SYSTEM
from ledger.core.enums import Category, DocType, Level
from ledger.models import Depot, Item, OrgUnit
from ledger.models.engine import Database, open_database
from ledger.reports.fmt import day, qty
from ledger.reports.fonts import report_fonts
from ledger.reports.kinds import Kind, ReportRequest, render
from ledger.reports.styles import PORTRAIT
from ledger.services.reporting import stock as reporting
from ledger.services.stock import DocumentInput, LineInput, post_document

LIMIT_S = 10.0
LINES_PER_DOC = 500


def build(db: Database, lines: int) -> None:
    """Post ``lines`` lots: 4 depots, 250 items, lots spread over them by receipts."""
    with db.transaction(SYSTEM) as s:
        county = OrgUnit(code="410122", name="青山县", level=Level.COUNTY)
        s.add(county)
        s.flush()
        for n in range(4):
            s.add(Depot(code=f"KF{n:02d}", name=f"青山县第{n + 1}储备库", unit_id=county.id))
        categories = list(Category)
        for n in range(250):
            s.add(
                Item(
                    code=f"WZ{n:05d}",
                    name=f"应急物资{n:03d}号（防汛抗旱用）",
                    spec=f"{n % 9 + 1}0cm×{n % 7 + 2}0cm",
                    unit="件",
                    category=categories[n % len(categories)],
                )
            )
    made = 0
    while made < lines:
        batch = []
        for k in range(min(LINES_PER_DOC, lines - made)):
            n = made + k
            batch.append(
                LineInput(
                    f"WZ{n % 250:05d}",
                    (n % 97) + 1,
                    lot=f"L{n // 1000:02d}-{n:05d}",
                    expiry=date(2027, n % 12 + 1, 1),
                )
            )
        with db.transaction(SYSTEM) as s:
            depot = f"KF{(made // LINES_PER_DOC) % 4:02d}"
            post_document(s, SYSTEM, DocumentInput(DocType.RECEIPT, depot, date(2026, 3, 1), batch))
        made += len(batch)


def time_report(db: Database) -> tuple[float, float, bytes]:
    """The inventory list as ``ledger report inventory`` makes it: wall and CPU seconds."""
    start, cpu = time.perf_counter(), time.process_time()
    with db.read() as s:
        data = render(s, SYSTEM, ReportRequest(Kind.INVENTORY))
    return time.perf_counter() - start, time.process_time() - cpu, data


def time_raw(db: Database) -> tuple[float, float, bytes]:
    """The same rows in a bare reportlab table (rows fetched before the clock starts)."""
    with db.read() as s:
        inv = reporting.inventory(s)
    rows = [["序号", "物资编码", "物资名称", "规格型号", "批次", "有效期至", "数量"]]
    for group in inv.groups:
        for line in group.lines:
            rows.append(
                [
                    str(len(rows)),
                    line.item_code,
                    line.item_name,
                    line.spec,
                    line.lot,
                    day(line.expiry),
                    qty(line.quantity, line.unit),
                ]
            )
    font = report_fonts().main
    start, cpu = time.perf_counter(), time.process_time()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=PORTRAIT, leftMargin=15 * mm, rightMargin=15 * mm)
    widths = [w * mm for w in (13, 20, 55, 24, 24, 20, 24)]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle([("FONT", (0, 0), (-1, -1), font, 9), ("GRID", (0, 0), (-1, -1), 0.4, "grey")])
    )
    doc.build([table])
    return time.perf_counter() - start, time.process_time() - cpu, buffer.getvalue()


def pages(data: bytes) -> int:
    """Page count of a PDF."""
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--db", help="reuse (or create) this database file")
    args = parser.parse_args(argv)
    path = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "bench-reports.db"
    fresh = not path.exists()
    db = open_database(path)
    try:
        if fresh:
            start = time.perf_counter()
            build(db, args.lines)
            print(f"setup: {args.lines} lots posted in {time.perf_counter() - start:.1f} s")
        report_fonts()  # font discovery is a one-off per process, timed in neither
        ours, ours_cpu, data = time_report(db)
        raw, raw_cpu, raw_data = time_raw(db)
    finally:
        db.dispose()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"load average {load:.1f} on {os.cpu_count()} CPUs")
    print(f"inventory report ({args.lines} lines): {ours:.2f} s ({ours_cpu:.2f} s CPU), "
          f"{pages(data)} pages, {len(data) // 1024} KB")  # fmt: skip
    print(f"raw reportlab Table, same rows: {raw:.2f} s ({raw_cpu:.2f} s CPU), "
          f"{pages(raw_data)} pages")  # fmt: skip
    print(f"ratio report / raw: {ours / raw:.2f} (CPU {ours_cpu / raw_cpu:.2f})")
    if ours > LIMIT_S:
        print(f"FAIL: over the {LIMIT_S:.0f} s limit", file=sys.stderr)
        return 1
    print(f"OK: within the {LIMIT_S:.0f} s limit")
    return 0


if __name__ == "__main__":
    sys.exit(main())
