"""Render every report of the demo county to PDF and each page to PNG, for looking at them.

Run: ``python scripts/render_reports.py OUTDIR [--db FILE] [--dpi 60]``. Without ``--db`` the
demo county is built into ``OUTDIR/demo.db`` (once; reused on later runs). Each report is
written as ``OUTDIR/<name>.pdf`` and its pages as ``OUTDIR/<name>/page-<n>.png`` (pdftoppm from
poppler-utils); the script prints one line per report with its page count and time.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from ledger.core.actor import SYSTEM, Actor
from ledger.core.enums import DocType, Role
from ledger.models import Depot, Document, Incident, Item, Movement, OrgUnit
from ledger.models.engine import Database, open_database
from ledger.reports.kinds import Kind, ReportRequest, render
from ledger.services.reporting.stock import GroupBy

TODAY = date(2026, 11, 25)
OFFICE = Actor("office", Role.OFFICE, "王办事员")
VIEWER = Actor("viewer", Role.VIEWER, "查阅人")


def demo(path: Path) -> Database:
    """Open ``path``, building the demo county into it when it is new."""
    fresh = not path.exists()
    db = open_database(path)
    if fresh:
        from ledger.services.demo import build_demo

        with db.transaction(SYSTEM) as s:
            build_demo(s, SYSTEM, today=TODAY)
            root = s.scalars(select(OrgUnit).where(OrgUnit.parent_id.is_(None))).first()
            if root is not None and not root.profile_id:
                root.profile_id = "henan-2021-66"  # so the shortfall report has findings
    return db


def requests(db: Database) -> dict[str, tuple[Actor, ReportRequest]]:
    """One request per report (several for vouchers: one of each document type)."""
    with db.read() as s:
        busiest = s.execute(
            select(Depot.code, Item.code)
            .select_from(Movement)
            .join(Item, Item.id == Movement.item_id)
            .join(Depot, Depot.id == Movement.depot_id)
            .group_by(Depot.code, Item.code)
            .order_by(func.count().desc(), Depot.code, Item.code)
            .limit(1)
        ).first()
        depot, item = busiest if busiest else (None, None)
        town = s.scalar(select(OrgUnit.code).where(OrgUnit.level == "town").limit(1))
        incident = s.scalar(select(Incident.name).limit(1))
        vouchers = {}
        for doc_type in DocType:
            found = s.scalars(
                select(Document).where(Document.doc_type == doc_type).order_by(Document.number)
            ).first()
            if found is not None:
                vouchers[f"voucher-{doc_type.prefix}"] = str(found.id)
        reversal = s.scalar(select(Document.id).where(Document.reverses_id.is_not(None)).limit(1))
    start = date(TODAY.year, 1, 1)
    out: dict[str, tuple[Actor, ReportRequest]] = {
        "inventory": (OFFICE, ReportRequest(Kind.INVENTORY)),
        "inventory-category": (OFFICE, ReportRequest(Kind.INVENTORY, group_by=GroupBy.CATEGORY)),
        "inventory-unit": (OFFICE, ReportRequest(Kind.INVENTORY, group_by=GroupBy.UNIT)),
        "stock-card": (
            OFFICE,
            ReportRequest(Kind.STOCK_CARD, depot=depot, item=item, start=start),
        ),
        "summary": (OFFICE, ReportRequest(Kind.SUMMARY, start=start)),
        "incident": (OFFICE, ReportRequest(Kind.INCIDENT, incident=incident)),
        "roster-town": (OFFICE, ReportRequest(Kind.ROSTER, unit=town)),
        "roster-viewer": (VIEWER, ReportRequest(Kind.ROSTER, unit=town)),
        "equipment": (OFFICE, ReportRequest(Kind.EQUIPMENT, unit=town)),
        "shortfalls": (OFFICE, ReportRequest(Kind.SHORTFALLS)),
        "labels-equipment": (OFFICE, ReportRequest(Kind.LABELS, unit=town)),
        "labels-lots": (OFFICE, ReportRequest(Kind.LABELS, labels="lots", depot=depot)),
        "annual": (OFFICE, ReportRequest(Kind.ANNUAL)),
    }
    for name, document in vouchers.items():
        out[name] = (OFFICE, ReportRequest(Kind.VOUCHER, document=document))
    if reversal is not None:
        out["voucher-HC"] = (OFFICE, ReportRequest(Kind.VOUCHER, document=str(reversal)))
    return out


def main(argv: list[str] | None = None) -> int:
    """Render everything; return 1 if any report failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--db", type=Path, help="a database to report on (default: the demo)")
    parser.add_argument("--dpi", type=int, default=60, help="PNG resolution (default 60)")
    parser.add_argument("--only", nargs="*", help="render only these reports")
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    db = open_database(args.db) if args.db else demo(args.outdir / "demo.db")
    failed = 0
    try:
        for name, (actor, request) in requests(db).items():
            if args.only and name not in args.only:
                continue
            start = time.perf_counter()
            try:
                with db.read() as s:
                    data = render(s, actor, request, today=TODAY)
            except Exception as error:  # report and go on: the script is for looking
                print(f"{name}: FAILED {type(error).__name__}: {error}", file=sys.stderr)
                failed += 1
                continue
            pdf = args.outdir / f"{name}.pdf"
            pdf.write_bytes(data)
            pages = _pngs(pdf, args.dpi)
            print(f"{name}: {pages} pages, {time.perf_counter() - start:.1f} s → {pdf}")
    finally:
        db.dispose()
    return 1 if failed else 0


def _pngs(pdf: Path, dpi: int) -> int:
    """Write the pages of ``pdf`` as ``<name>/page-<n>.png`` beside it; return the page count."""
    folder = pdf.with_suffix("")
    folder.mkdir(exist_ok=True)
    for old in folder.glob("page-*.png"):
        old.unlink()
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (install poppler-utils): PDFs only", file=sys.stderr)
        return 0
    command = ["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(folder / "page")]
    subprocess.run(command, check=True)
    return len(list(folder.glob("page-*.png")))


if __name__ == "__main__":
    sys.exit(main())
