"""All the benchmarks in one run: each figure beside its raw baseline, the ratio and its target.

    python bench/run.py                  # every figure at full size (see bench/README.md)
    python bench/run.py --quick          # smaller sizes, a few minutes
    python bench/run.py --only post,card # some sections: post stockview card check verify
                                         # startup memory excel pdf peer city
    python bench/run.py --county FILE    # another county database (built there if missing)

Prints one table and writes it to ``bench/results.json`` and ``bench/RESULTS.md``. Baselines
are measured in the same run: sqlite3 for the database work, openpyxl for Excel, reportlab for
the PDF, a bare Qt window for start-up and memory. The load average (1 min) stands beside
each figure: the machine may be shared.

The county of 1,000,000 movements is built once by ``bench/county.py`` into its cache
(``~/.cache/ledger-bench``) and reused while the schema and the builder are unchanged; the
first full run builds it (a few minutes). The peer (Tryton, in its own venv
``/tmp/venv-tryton``, made from the ``bench`` extra when missing) takes long: its figure is
kept beside the county (``tryton-<moves>.json``) and reused, with when and at which load it was
measured, unless ``--fresh-peer``; our side of the comparison is measured in every run.

How long a full run takes: about 50 minutes on 2 shared cores (load 3–7) with the county and
the peer cached; see bench/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]  # this tree's ledger, whatever is installed

import check  # noqa: E402
import county  # noqa: E402
import peer_tryton  # noqa: E402
import readiness  # noqa: E402

from ledger.core.actor import SYSTEM  # noqa: E402
from ledger.models.engine import Database, open_database  # noqa: E402

PEER_VENV = Path("/tmp/venv-tryton")
SECTIONS = ("post", "stockview", "card", "home", "check", "readiness", "verify", "startup",
            "memory", "exchange", "excel", "pdf", "peer", "city")  # fmt: skip


@dataclass
class Row:
    """One line of the table."""

    figure: str
    ours: float
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    target: str = ""
    met: bool | None = None
    load: float = 0.0
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.ours / self.baseline if self.baseline else None


def load() -> float:
    """The 1-minute load average."""
    return os.getloadavg()[0]


def sizes(quick: bool) -> dict[str, int]:
    """How large each benchmark is."""
    if quick:
        return {"post": 2000, "county": 50_000, "card": 20_000, "import": 5000,
                "export": 50_000, "pdf": 2000, "peer": 2000, "counties": 2,
                "city": 5000}  # fmt: skip
    return {"post": 20_000, "county": 1_000_000, "card": 100_000, "import": 100_000,
            "export": 1_000_000, "pdf": 10_000, "peer": 20_000, "counties": 6,
            "city": 1_000_000}  # fmt: skip


# --- posting -------------------------------------------------------------------------------


def bench_post(n: int, tmp: Path) -> list[Row]:
    """bench/post.py: single-line documents through the services and through sqlite3."""
    import post

    docs = list(post.documents(n))
    ours = post.run_services(tmp / "post.db", docs)
    raw = post.run_baseline(tmp / "post-raw.db", docs)
    at = load()
    cpu = (f"CPU {ours.cpu * 1000 / n:.2f} ms a document over {ours.wall * 1000 / n:.2f} ms wall "
           f"(sqlite3 {raw.cpu * 1000 / n:.2f} ms CPU)")  # fmt: skip
    return [
        Row(
            f"post a document p50 ({n:,} docs)",
            ours.pct(50),
            "ms",
            raw.pct(50),
            "sqlite3",
            load=at,
            note=cpu,
        ),
        Row(
            f"post a document p95 ({n:,} docs)",
            ours.pct(95),
            "ms",
            raw.pct(95),
            "sqlite3",
            "≤ 5 ms",
            ours.pct(95) <= post.TARGET_P95_MS,
            at,
        ),
    ]


# --- the county: stock view, check, memory ------------------------------------------------


def county_db(path: Path | None, movements: int) -> tuple[Path, str]:
    """The county database: ``bench/county.py``'s cached one, built when missing or stale."""
    if path is not None and path.exists():
        return path, f"reused {path}"
    return county.cached(movements, path, check=False)


def largest_depot(db: Database) -> tuple[Any, str]:
    """The depot with the most balance rows, and its code."""
    raw = sqlite3.connect(db.path)
    row = raw.execute(
        "SELECT d.id, d.code FROM balances b JOIN depots d ON d.id = b.depot_id "
        "GROUP BY d.id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    raw.close()
    import uuid

    return uuid.UUID(hex=row[0]), row[1]


def bench_stockview(db: Database) -> Row:
    """Open the stock page's table on the largest depot; baseline: its first page in sqlite3."""
    from ledger.core.enums import Role
    from ledger.ui.app import application
    from ledger.ui.context import AppContext
    from ledger.ui.pages.stock import StockPage
    from ledger.ui.settings import Settings

    depot, code = largest_depot(db)
    app = application()
    ctx = AppContext(db, SYSTEM.__class__("bench", Role.ADMIN), Settings(Path(tempfile.mkdtemp())
                     / "s.ini"))  # fmt: skip
    page = StockPage(ctx)
    page.resize(1280, 800)
    page.refresh()
    page.show()
    app.processEvents()
    index = next(i for i in range(page.depot.count()) if page.depot.itemData(i) == depot)
    times = []
    for _ in range(5):
        page.depot.setCurrentIndex(0)  # away (all depots, not timed) and back: a real change
        app.processEvents()
        start = time.perf_counter()
        page.depot.setCurrentIndex(index)
        app.processEvents()
        times.append(time.perf_counter() - start)
    rows = page.model.total
    page.close()
    raw = sqlite3.connect(db.path)
    raw_times = []
    for _ in range(5):
        start = time.perf_counter()
        raw.execute("SELECT count(*) FROM balances WHERE depot_id = ?", (depot.hex,)).fetchone()
        raw.execute(
            "SELECT b.lot, b.expiry, b.quantity, i.code, i.name, i.unit FROM balances b "
            "JOIN items i ON i.id = b.item_id WHERE b.depot_id = ? "
            "ORDER BY i.code, b.expiry IS NULL, b.expiry, b.lot LIMIT 100",
            (depot.hex,),
        ).fetchall()
        raw_times.append(time.perf_counter() - start)
    raw.close()
    return Row(f"open a depot's stock view ({code}, {rows:,} lots)",
               statistics.median(times) * 1000, "ms", statistics.median(raw_times) * 1000,
               "sqlite3 count + first 100", load=load())  # fmt: skip


def bench_check(db: Database, runs: int = 5) -> list[Row]:
    """The county-wide shortfall check (bench/check.py); baseline: the stock sums in sqlite3."""
    findings, evaluations, times = check.time_check(db, check.ON, runs)
    cpu = time.process_time()
    for _ in range(runs):  # the whole check again, for its CPU time
        with db.read() as session:
            check.shortfalls.check(session, SYSTEM, on=check.ON)
    cpu_ms = (time.process_time() - cpu) * 1000 / runs
    evaluate = statistics.median(evaluations)
    raw = sqlite3.connect(db.path)
    raw_times = []
    for _ in range(runs):
        start = time.perf_counter()
        raw.execute(
            "SELECT d.unit_id, b.item_id, sum(b.quantity) FROM balances b "
            "JOIN depots d ON d.id = b.depot_id GROUP BY d.unit_id, b.item_id"
        ).fetchall()
        raw.execute("SELECT t.unit_id, count(*) FROM members m JOIN teams t ON t.id = m.team_id "
                    "WHERE m.left_on IS NULL GROUP BY t.unit_id").fetchall()  # fmt: skip
        raw_times.append(time.perf_counter() - start)
    raw.close()
    ours, base, at = statistics.median(times), statistics.median(raw_times) * 1000, load()
    return [
        Row(f"county-wide check, whole ({findings:,} findings)", ours, "ms", base,
            "sqlite3 stock + member sums", "≤ 200 ms", ours <= check.TARGET_MS, at,
            f"reading the facts {ours - evaluate:.0f} ms + evaluation {evaluate:.0f} ms; "
            f"CPU {cpu_ms:.0f} ms a whole check (mean of {runs} more)"),
        Row("county-wide check, evaluation of the facts", evaluate, "ms", base,
            "sqlite3 stock + member sums", "≤ 200 ms", evaluate <= check.TARGET_MS, at),
    ]  # fmt: skip


def bench_readiness(db: Database, runs: int = 5) -> Row:
    """The readiness plan for the whole county (bench/readiness.py); baseline: its reads."""
    got = readiness.time_plans(db, runs)
    base = readiness.time_raw(Path(db.path), runs)
    ours = float(got["county_ms"])  # type: ignore[arg-type]
    return Row(f"readiness plan, whole county ({got['items']} items, {got['teams']} teams)",
               ours, "ms", base, "sqlite3 reads of the plan", "≤ 200 ms",
               ours <= readiness.TARGET_MS, load(),
               f"{readiness.PEOPLE} people {readiness.DAYS} days; one village "
               f"{got['village_ms']:.0f} ms")  # fmt: skip


def bench_verify(path: Path, movements: int) -> Row:
    """``ledger verify`` on the county; baseline: sqlite3 reading every movement and audit row
    and hashing each with sha256 (the floor of any chain walk in Python)."""
    from ledger.services.verify import checks as verify

    db = open_database(path)
    start, cpu = time.perf_counter(), time.process_time()
    with db.read() as session:
        found = verify.verify(session)
    ours, cpu = time.perf_counter() - start, time.process_time() - cpu
    db.dispose()
    raw = sqlite3.connect(path)
    start = time.perf_counter()
    for table in ("movements", "audit"):
        for row in raw.execute(f"SELECT * FROM {table}"):
            hashlib.sha256(repr(row).encode()).hexdigest()
    base = time.perf_counter() - start
    raw.close()
    return Row(f"ledger verify, county of {movements:,} movements", ours, "s", base,
               "sqlite3 read + sha256 per row", load=load(),
               note=f"ledger verify: {len(found)} discrepancies; CPU {cpu:.0f} s")  # fmt: skip


def bench_city(counties: int, movements: int, tmp: Path) -> list[Row]:
    """bench/city.py: a city of ``counties`` counties of ``movements`` each, imported as
    packages into PostgreSQL (``$LEDGER_TEST_PG``'s server, database ``ledger_city``); its
    check, stock view, stock card, 全市汇总 and ledger verify beside psql baselines."""
    import city
    from sqlalchemy.engine import make_url

    server = os.environ.get("LEDGER_TEST_PG", "")
    if not server:
        return [Row("city on PostgreSQL: skipped, LEDGER_TEST_PG is not set", 0.0, "")]
    url = make_url(server).set(database="ledger_city").render_as_string(hide_password=False)
    source = city.cached_source(movements)  # copied as it is, never rebuilt
    rows, notes = city.run_city(url, counties, movements, source, tmp)
    for row in rows:
        row.note = "; ".join(filter(None, [row.note, *notes[-1:]]))
    return rows  # type: ignore[return-value]  # bench/city.py's Row is this one imported


HWM = """
def hwm():
    return next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM"))
"""

CHILD_MEMORY = (
    HWM
    + """
import os, sys, time, tempfile
from pathlib import Path
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from ledger.core.actor import SYSTEM
from ledger.core.enums import Role
from ledger.models.engine import open_database
from ledger.ui.app import application
from ledger.ui.context import AppContext
from ledger.ui.pages.stock import StockPage
from ledger.ui.settings import Settings
app = application()
db = open_database(sys.argv[1])
settings = Settings(Path(tempfile.mkdtemp()) / "s.ini")
ctx = AppContext(db, SYSTEM.__class__("bench", Role.ADMIN), settings)
page = StockPage(ctx)
page.resize(1280, 800)
page.refresh()
page.show()
app.processEvents()
bar = page.view.verticalScrollBar()
for _ in range(30):
    bar.setValue(bar.maximum())
    app.processEvents()
print(len(page.model.rows), page.model.total, hwm())
"""
)

CHILD_BARE = (
    HWM
    + """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
window.show()
app.processEvents()
print("shown", hwm(), flush=True)
"""
)


def bench_exchange(path: Path, tmp: Path) -> list[Row]:
    """bench/exchange.py: the county's full package exported, then imported into an empty
    ledger (each in a child process: time, records a second, peak memory), beside sqlite3
    executemany of the same rows."""
    import exchange

    figures = exchange.run(path, tmp / "exchange")
    rows = []
    for f in figures:
        base = f.get("baseline_per_s")
        importing = f["figure"].startswith("import")
        rows.append(
            Row(f["figure"], f["per_s"], "records/s", base, f.get("baseline", ""),
                "≥ 10,000/s, ≤ 500 MB (issue 23)" if importing else "≤ 500 MB (issue 23)",
                (f["per_s"] >= 10_000 if importing else True) and f["rss_mb"] <= 500, f["load"],
                note=(f"{f['s']:.0f} s wall" + (f", {f['cpu_s']:.0f} s CPU" if "cpu_s" in f else "")
                      + f", peak {f['rss_mb']:.0f} MB"))
        )  # fmt: skip
    return rows


def _child(code: str, *args: str) -> tuple[float, str]:
    """Run ``code`` in a fresh interpreter; seconds until it printed its line, and the line."""
    env = dict(os.environ, XDG_CONFIG_HOME=tempfile.mkdtemp(), HOME=tempfile.mkdtemp())
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            text=True, env=env)  # fmt: skip
    line = proc.stdout.readline() if proc.stdout else ""
    took = time.perf_counter() - start
    proc.wait()
    if proc.returncode:
        raise RuntimeError(f"child failed ({proc.returncode})")
    return took, line.strip()


def bench_startup(path: Path, tmp: Path, runs: int = 5) -> list[Row]:
    """bench/startup.py's launches on the county: the main window shown, and its first page
    with data, beside a bare window; medians.

    All from compiled bytecode, alternating, after one untimed warm-up launch of each; the
    ledger closes cleanly as the program does, so each timed start is an ordinary start.
    """
    import startup

    ini = str(tmp / "startup.ini")
    startup.launch(startup.BARE)
    startup.launch(startup.FLOOR)
    startup.launch(startup.LEDGER, str(path), ini)
    times = startup.starts(path, ini, runs)
    b, f = statistics.median(times["bare"]), statistics.median(times["floor"])
    shown, data = statistics.median(times["shown"]), statistics.median(times["data"])
    return [
        Row(f"start-up to a shown, answering main window ({path.name})", shown * 1000, "ms",
            b * 1000, "bare Qt window", "≤ 1.5× bare", shown <= startup.TARGET_RATIO * b,
            load(), f"best {min(times['shown']) * 1000:.0f} ms vs bare "
            f"{min(times['bare']) * 1000:.0f} ms"),
        Row("start-up to the first page with its data", data * 1000, "ms", b * 1000,
            "bare Qt window", "", None, load(),
            f"floor (bare window after the ORM and models) {f * 1000:.0f} ms"),
    ]  # fmt: skip


def bench_memory(db: Database) -> Row:
    """Peak memory with the largest table (all depots' stock, scrolled to the end) open.

    The children read VmHWM (this process image's peak), not ``ru_maxrss``, which Linux carries
    over from the forking parent across exec.
    """
    _, line = _child(CHILD_MEMORY, db.path)
    loaded, total, rss = (int(x) for x in line.split())
    _, bare = _child(CHILD_BARE)
    return Row(f"peak memory, stock of all depots open ({loaded:,}/{total:,} rows loaded)",
               rss / 1024, "MiB", int(bare.split()[1]) / 1024, "bare Qt window",
               load=load())  # fmt: skip


# --- card, Excel, PDF ----------------------------------------------------------------------


def bench_home(db: Database, path: Path) -> Row:
    """bench/ui.py: the home page (工作台) on the county; baseline: its reads in sqlite3."""
    import ui

    figures = ui.measure_home(db)
    raw_s = ui.raw_home(path)
    ours = figures["opened_s"] * 1000
    return Row("home page (工作台) on the county (open)", ours, "ms", raw_s * 1000,
               "sqlite3 doing its reads", "< 300 ms", ours < 300, load(),
               f"the shortfall check after it {figures['checked_s'] * 1000:.0f} ms")  # fmt: skip


def bench_card(n: int, tmp: Path) -> Row:
    """bench/ui.py: the stock card of ``n`` movements; baseline: its first page in sqlite3."""
    import ui

    db, depot, item = ui.build(tmp / "card.db", n)
    figures = ui.measure(db, depot, item)
    raw_s = ui.raw_baseline(db, depot, item)
    db.dispose()
    ours = figures["opened_s"] * 1000
    return Row(f"stock card of {n:,} movements (open)", ours, "ms",
               raw_s * 1000, "sqlite3 count + first 100", "≤ 300 ms",
               ours <= 300, load(), f"reopened {figures['reopened_s'] * 1000:.0f} ms")  # fmt: skip


def bench_excel(rows: int, movements: int, tmp: Path) -> list[Row]:
    """bench/excel.py: import of opening stock and export of movements, beside openpyxl."""
    import excel

    ours_in, raw_in = excel.bench_import(tmp, rows)
    at = load()
    ours_out, raw_out = excel.bench_export(tmp, movements)
    target = excel.IMPORT_TARGET_S * rows / 100_000
    return [
        Row(
            f"Excel import of {rows:,} rows",
            ours_in,
            "s",
            raw_in,
            "openpyxl read",
            f"≤ {target:g} s",
            ours_in <= target,
            at,
        ),
        Row(
            f"Excel export of {movements:,} movements",
            ours_out,
            "s",
            raw_out,
            "openpyxl write-only",
            load=load(),
        ),
    ]


def bench_pdf(lines: int, tmp: Path) -> Row:
    """bench/reports.py: the inventory list as a PDF, beside a bare reportlab table."""
    import reports

    from ledger.reports.fonts import report_fonts

    db = open_database(tmp / "pdf.db")
    reports.build(db, lines)
    report_fonts()
    ours, _, _ = reports.time_report(db)
    raw, _, _ = reports.time_raw(db)
    db.dispose()
    target = reports.LIMIT_S * lines / 10_000
    return Row(f"{lines:,}-line PDF (inventory list)", ours, "s", raw, "reportlab Table",
               f"≤ {target:g} s", ours <= target, load())  # fmt: skip


# --- the peer ------------------------------------------------------------------------------


def peer_python() -> Path:
    """Tryton's interpreter, installing the ``bench`` extra's peer into its own venv if needed."""
    python = PEER_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
    probe = subprocess.run([str(python), "-c", "import trytond.modules.stock"], check=False,
                           capture_output=True)  # fmt: skip
    if probe.returncode:
        import tomllib

        extra = tomllib.loads((BENCH.parent / "pyproject.toml").read_text())["project"]
        wanted = extra["optional-dependencies"]["bench"]
        subprocess.run([str(python), "-m", "pip", "install", "-q", *wanted], check=True)
    return python


def ours_moves(moves: int, batch: int, products: int, tmp: Path) -> tuple[float, float]:
    """The peer's plan posted through our services, one document of ``batch`` lines each, one
    transaction each (as Tryton's batches); wall and CPU seconds."""
    from ledger.core.enums import Category, DocType, Level
    from ledger.models import Depot, Item, OrgUnit
    from ledger.services.stock import DocumentInput, LineInput, post_document

    db = open_database(tmp / "peer-ours.db")
    with db.transaction(SYSTEM) as s:
        town = OrgUnit(code="411122100000", name="城关镇", level=Level.TOWN)
        s.add(town)
        s.flush()
        s.add(Depot(code="CK01", name="城关镇储备库", unit_id=town.id))
        for i in range(products):
            s.add(Item(code=f"P{i:04d}", name=f"物资{i}", unit="件", category=Category.FLOOD))
    began, cpu = time.perf_counter(), time.process_time()
    for kind, day, lines in peer_tryton.plan(moves, batch, products):
        doc_type = DocType.RECEIPT if kind == "receipt" else DocType.ISSUE
        entry = DocumentInput(doc_type, "CK01", day,
                              [LineInput(f"P{p:04d}", q) for p, q in lines],
                              counterparty="县应急管理局")  # fmt: skip
        with db.transaction(SYSTEM) as s:
            post_document(s, SYSTEM, entry)
    took, cpu = time.perf_counter() - began, time.process_time() - cpu
    db.dispose()
    return took, cpu


def peer_figures(moves: int, batch: int, products: int, tmp: Path, fresh: bool) -> dict:
    """Tryton's figures: kept from an earlier run of the same size, or measured now (long)."""
    kept = county.cache_dir() / f"tryton-{moves}-{batch}-{products}.json"
    if kept.exists() and not fresh:
        return {**json.loads(kept.read_text()), "kept": str(kept)}
    python = peer_python()
    out = subprocess.run([str(python), str(BENCH / "peer_tryton.py"), "--moves", str(moves),
                          "--batch", str(batch), "--products", str(products),
                          "--dir", str(tmp)], check=True, capture_output=True, text=True,
                         cwd=tmp)  # fmt: skip
    peer = json.loads(out.stdout.strip().splitlines()[-1])
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_text(json.dumps(peer, ensure_ascii=False, indent=1))
    return peer


def bench_peer(moves: int, tmp: Path, fresh: bool, batch: int = 100, products: int = 200) -> Row:
    """The same stock moves through Tryton (its venv, a subprocess) and through our services."""
    peer = peer_figures(moves, batch, products, tmp, fresh)
    ours, cpu = ours_moves(moves, batch, products, tmp)
    when = (f"Tryton measured {peer.get('at', '?')} at load {peer.get('load_1min', 0):.1f}"
            f"{' (kept: ' + peer['kept'] + ')' if 'kept' in peer else ''}")  # fmt: skip
    cpu_ratio = f"; CPU ours {cpu:.1f} s vs Tryton {peer['cpu_s']:.1f} s" if "cpu_s" in peer else ""
    return Row(f"{moves:,} stock moves in batches of {batch} (vs {peer['peer']})", ours, "s",
               peer["seconds"], "Tryton stock.move create+assign_try+do", "faster than peer",
               ours < peer["seconds"], load(),
               f"Tryton {peer['moves_per_s']:.0f} moves/s, ours {moves / ours:.0f} moves/s"
               f"{cpu_ratio}; Tryton batch p95 {peer['batch_p95_ms']:.0f} ms; {when}")  # fmt: skip


# --- the table -----------------------------------------------------------------------------


def ratio_text(ratio: float) -> str:
    """``7.3×``, or two significant digits below 0.1 (``0.044×``)."""
    return f"{ratio:.2g}×" if ratio < 0.1 else f"{ratio:.1f}×"


def table(rows: list[Row]) -> str:
    """The rows as one aligned text table."""
    head = ("figure", "ours", "baseline", "raw", "ratio", "target", "met", "load")
    lines = [head]
    for r in rows:
        met = "" if r.met is None else ("yes" if r.met else "NO")
        lines.append((r.figure, f"{r.ours:,.2f} {r.unit}",
                      "" if r.baseline is None else f"{r.baseline:,.2f} {r.unit}",
                      r.baseline_name, "" if r.ratio is None else ratio_text(r.ratio),
                      r.target, met, f"{r.load:.1f}"))  # fmt: skip
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(head))]
    out = [" | ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True))
           for line in lines]  # fmt: skip
    out.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(out)


def merge(paths: list[Path], json_path: Path, markdown: Path, command: str) -> int:
    """One table of the results that several runs (``--only ...``) wrote: printed, and
    written as JSON and Markdown (each row keeps the load it was measured at)."""
    rows, notes = [], []
    for path in paths:
        data = json.loads(path.read_text())
        rows += [Row(**{k: v for k, v in r.items() if k != "ratio"}) for r in data["rows"]]
        notes += data["notes"]
    notes = list(dict.fromkeys(notes))
    print(table(rows))
    for note in notes:
        print(f"  {note}")
    write_json(json_path, False, rows, notes)
    write_markdown(markdown, rows, notes, command)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the sections asked for, print the table, write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, a few minutes")
    parser.add_argument("--only", help=f"comma-separated sections of: {' '.join(SECTIONS)}")
    parser.add_argument("--county", type=Path, help="county database to reuse (or build there)")
    parser.add_argument("--json", type=Path, default=BENCH / "results.json")
    parser.add_argument(
        "--size",
        action="append",
        default=[],
        metavar="NAME=N",
        help="override one size: post county card import export pdf peer counties city",
    )
    parser.add_argument("--merge", type=Path, nargs="+", help="print one table of JSON results")
    parser.add_argument("--fresh-peer", action="store_true", help="measure Tryton again")
    parser.add_argument("--markdown", type=Path, default=BENCH / "RESULTS.md")
    args = parser.parse_args(argv)
    if args.merge:
        return merge(args.merge, args.json, args.markdown, " ".join(sys.argv))
    only = set(args.only.split(",")) if args.only else set(SECTIONS)
    if only - set(SECTIONS):
        parser.error(f"unknown section: {', '.join(sorted(only - set(SECTIONS)))}")
    size = sizes(args.quick)
    for item in args.size:
        name, _, value = item.partition("=")
        size[name] = int(value)
    rows: list[Row] = []
    notes: list[str] = []
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ledger-bench-") as folder:
        tmp = Path(folder)

        def run(name: str, work: Any) -> None:
            if name in only:
                print(f"[{time.perf_counter() - began:6.0f} s] {name} …", flush=True)
                got = work()
                rows.extend(got if isinstance(got, list) else [got])
                write_json(args.json, args.quick, rows, notes)  # kept if a later one fails

        run("post", lambda: bench_post(size["post"], tmp))
        if only & {"stockview", "home", "check", "readiness", "memory", "verify", "startup",
                   "exchange"}:  # fmt: skip
            path, note = county_db(args.county, size["county"])
            notes.append(f"county: {note}")
            db = open_database(path)
            run("stockview", lambda: bench_stockview(db))
            run("home", lambda: bench_home(db, path))
            run("check", lambda: bench_check(db))
            run("readiness", lambda: bench_readiness(db))
            run("memory", lambda: bench_memory(db))
            db.dispose()
            run("verify", lambda: bench_verify(path, size["county"]))
            run("startup", lambda: bench_startup(path, tmp))
            run("exchange", lambda: bench_exchange(path, tmp))
        run("card", lambda: bench_card(size["card"], tmp))
        run("excel", lambda: bench_excel(size["import"], size["export"], tmp))
        run("pdf", lambda: bench_pdf(size["pdf"], tmp))
        run("peer", lambda: bench_peer(size["peer"], tmp, args.fresh_peer))
        run("city", lambda: bench_city(size["counties"], size["city"], tmp))
    print()
    print(table(rows))
    for row in rows:
        if row.note:
            notes.append(f"{row.figure}: {row.note}")
    for note in notes:
        print(f"  {note}")
    summary = (f"{os.cpu_count()} CPUs; total {time.perf_counter() - began:.0f} s; "
               f"{'quick' if args.quick else 'full'} sizes; {date.today() + timedelta(0)}; "
               f"load at the end {load():.1f}")  # fmt: skip
    print(f"  {summary}")
    notes.append(summary)
    write_json(args.json, args.quick, rows, notes)
    if not args.only:
        write_markdown(args.markdown, rows, notes, " ".join(sys.argv))
    return 0


def write_markdown(path: Path, rows: list[Row], notes: list[str], command: str) -> None:
    """The table as Markdown, with the command, the notes and the load beside each figure."""
    out = [
        "# Benchmark results",
        "",
        f"`{command}`, written by bench/run.py. Load = 1-minute load average when the figure",
        "was taken (2 cores, shared). Ratio = ours / raw baseline.",
        "",
        "| figure | ours | raw baseline | baseline | ratio | target | met | load |",
        "|---|---:|---:|---|---:|---|---|---:|",
    ]
    for r in rows:
        met = "" if r.met is None else ("yes" if r.met else "**no**")
        base = "" if r.baseline is None else f"{r.baseline:,.2f} {r.unit}"
        ratio = "" if r.ratio is None else ratio_text(r.ratio)
        out.append(f"| {r.figure} | {r.ours:,.2f} {r.unit} | {base} | {r.baseline_name} | "
                   f"{ratio} | {r.target} | {met} | {r.load:.1f} |")  # fmt: skip
    notes = list(dict.fromkeys([*notes, *(f"{r.figure}: {r.note}" for r in rows if r.note)]))
    out += ["", "Notes:", ""] + [f"- {n}" for n in notes] + [""]
    path.write_text("\n".join(out))


def write_json(path: Path, quick: bool, rows: list[Row], notes: list[str]) -> None:
    """The results as JSON (rows with their ratio, and the notes)."""
    data = {"quick": quick, "rows": [{**asdict(r), "ratio": r.ratio} for r in rows],
            "notes": notes}  # fmt: skip
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    sys.exit(main())
