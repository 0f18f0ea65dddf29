"""A city on PostgreSQL: N counties' packages imported into one city ledger, then timed.

    python bench/city.py --pg URL                          # 6 counties of 1,000,000 movements
    python bench/city.py --pg URL --counties 6 --movements 100000   # smaller counties

Each county is a copy of one source county (``bench/county.py``'s, built into this run's
folder at ``--movements``, or with ``--source FILE`` an existing one such as the cached
``county-1000000.db``, which is copied, never rebuilt) made distinct cheaply: its own unit
codes (620701…, 620702… below the city 620700 张掖市) and names, depot and team codes and
serials prefixed, every id of its own records moved into its own range (the shared catalogue
keeps its ids, as a catalogue sent down by the city would), its movements' hash chains
linked again over the new ids, and the city placed above it. Each county then exports its full
package the way an office does (``export_package``) and the city, on PostgreSQL, imports it
(``import_package``) after registering the county's key.

On the city: the city-wide shortfall check, a depot's stock view and a stock card (first page
and count, as the pages ask), ``ledger verify`` (the command, with its progress), and the
全市汇总 view; each beside a raw baseline run by ``psql`` (``\\timing``) in the same run.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]  # this tree's ledger, whatever is installed

import county  # noqa: E402
from run import Row, load, table, write_json, write_markdown  # noqa: E402
from sqlalchemy import Uuid, create_engine, func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from ledger.core.actor import SYSTEM  # noqa: E402
from ledger.core.enums import Level  # noqa: E402
from ledger.models import Balance, Base, ChainHead, Movement, OrgUnit  # noqa: E402
from ledger.models.engine import Database, open_database  # noqa: E402
from ledger.models.stock import movement_hash  # noqa: E402
from ledger.services.exchange import export, importer, registry, signing  # noqa: E402
from ledger.services.exchange.county import overview  # noqa: E402
from ledger.services.norms import shortfalls  # noqa: E402
from ledger.services.stock import queries as stock_queries  # noqa: E402

CITY_ID = uuid.UUID("01900000-ffff-7000-8000-000000000001")
CITY_CODE, CITY_NAME = "620700000000", "张掖市"
NAMES = ("甘州区", "肃南县", "民乐县", "临泽县", "高台县", "山丹县", "东区", "西区", "南区")
ON = date(2026, 6, 1)
CHECK_MS, VIEW_MS = 1000.0, 100.0
#: Unique codes of a county's own records, prefixed per county (items are the city's).
CODES = {"depots": "code", "teams": "code", "equipment": "serial"}


# --- the counties ---------------------------------------------------------------------------


def county_code(k: int) -> str:
    """The k-th county's 12-digit code (620701000000 …)."""
    return f"6207{k:02d}000000"


def own_uuid_columns() -> dict[str, list[str]]:
    """Table → its UUID columns that name a county's own records (not the shared catalogue)."""
    shared = {t for t in registry.TRAVEL if not registry.is_home_table(t)}
    found: dict[str, list[str]] = {}
    for tbl in Base.metadata.sorted_tables:
        columns = []
        for column in tbl.columns:
            if not isinstance(column.type, Uuid):
                continue
            targets = {fk.column.table.name for fk in column.foreign_keys}
            if (column.name == "id" and tbl.name in shared) or targets & shared:
                continue
            columns.append(column.name)
        if columns:
            found[tbl.name] = columns
    return found


def make_county(source: Path, path: Path, k: int) -> None:
    """Copy ``source`` to ``path`` as the k-th county of the city (see the module's text)."""
    county.copy(source, path)  # with its key
    open_database(path).dispose()  # migrated to the current schema, as the app opens it
    raw = sqlite3.connect(path)
    tag = f"{k:04x}"
    for name, columns in own_uuid_columns().items():
        sets = ", ".join(f"{c} = substr({c}, 1, 4) || '{tag}' || substr({c}, 9)" for c in columns)
        raw.execute(f"UPDATE {name} SET {sets}")
    for name, column in CODES.items():
        raw.execute(f"UPDATE {name} SET {column} = 'C{k}-' || {column}")
    prefix = county_code(k)[:6]
    raw.execute(f"UPDATE org_units SET code = '{prefix}' || substr(code, 7)")
    raw.execute("UPDATE org_units SET name = ? WHERE level = 'county'", (NAMES[k - 1],))
    raw.commit()
    raw.close()
    db = open_database(path)
    try:
        with db.transaction(SYSTEM) as session:
            session.add(OrgUnit(id=CITY_ID, code=CITY_CODE, name=CITY_NAME, level=Level.CITY))
            session.flush()
            own = session.scalars(select(OrgUnit).where(OrgUnit.level == Level.COUNTY)).one()
            own.parent_id = CITY_ID
        relink(db, path)
    finally:
        db.dispose()


def relink(db: Database, path: Path) -> None:
    """Hash every depot's movements again over their new ids; the chain heads follow."""
    table = Movement.__table__
    updates: list[tuple[str, str, str]] = []
    heads: dict[str, str] = {}
    with db.read() as session:
        rows = session.execute(select(table).order_by(table.c.depot_id, table.c.seq))
        depot, prev = None, "0" * 64
        for row in rows:
            if row.depot_id != depot:
                depot, prev = row.depot_id, "0" * 64
            new = movement_hash(prev, SimpleNamespace(**row._mapping))  # type: ignore[arg-type]
            updates.append((prev, new, row.id.hex))
            heads[row.depot_id.hex] = new
            prev = new
    raw = sqlite3.connect(path)
    raw.executemany("UPDATE movements SET prev_hash = ?, hash = ? WHERE id = ?", updates)
    raw.executemany("UPDATE chain_heads SET hash = ? WHERE depot_id = ?",
                    [(h, d) for d, h in heads.items()])  # fmt: skip
    raw.commit()
    raw.close()


# --- the city -------------------------------------------------------------------------------


def fresh_city(url: str, keys: Path) -> Database:
    """An empty PostgreSQL database ``url`` (dropped first), migrated, with the city's unit
    and its office's installation."""
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()
    db = open_database(url)
    with db.transaction(SYSTEM) as session:
        session.add(OrgUnit(id=CITY_ID, code=CITY_CODE, name=CITY_NAME, level=Level.CITY,
                            population=1_100_000))  # fmt: skip
        identity, _key = signing.ensure_installation(session, keys)
        identity.unit_code = CITY_CODE
    return db


def send(county_db: Database, city: Database, k: int, keys: Path) -> dict[str, float]:
    """The k-th county registers at the city, exports its full package; the city imports it."""
    code = county_code(k)
    start = time.perf_counter()
    with county_db.transaction(SYSTEM) as session:
        made = export.export_package(session, SYSTEM, code, key_dir=keys, full=True)
        key = signing.public_key_file(session, SYSTEM, keys, code)
    exported = time.perf_counter() - start
    with city.transaction(SYSTEM) as session:
        signing.register_sender(session, SYSTEM, signing.read_key_file(key, f"{code}.pub"))
    start = time.perf_counter()
    with city.transaction(SYSTEM) as session:
        importer.import_package(session, SYSTEM, made.data, name=f"{NAMES[k - 1]}.zip")
    imported = time.perf_counter() - start
    return {"export_s": exported, "import_s": imported, "records": made.total,
            "mb": len(made.data) / 1e6}  # fmt: skip


# --- the figures ----------------------------------------------------------------------------


def psql_ms(url: str, sql: str, runs: int = 5) -> float:
    """The median time ``psql`` reports (``\\timing``) for ``sql``, run ``runs`` times."""
    target = make_url(url)
    dsn = (f"postgresql://{target.username}:{target.password}@{target.host}:{target.port or 5432}"
           f"/{target.database}")  # fmt: skip
    script = "\\timing on\n" + "\n".join([sql.rstrip(";") + ";"] * runs) + "\n"
    done = subprocess.run(["psql", dsn, "-X", "-q", "-At", "-o", "/dev/null"], input=script,
                          capture_output=True, text=True, check=True)  # fmt: skip
    times = [float(t) for t in re.findall(r"Time: ([\d.]+) ms", done.stdout + done.stderr)]
    return statistics.median(times)


def median_ms(work: Callable[[], Any], runs: int = 5) -> tuple[float, Any]:
    """The median wall time of ``work`` in ms, and its last result."""
    times, got = [], None
    for _ in range(runs):
        start = time.perf_counter()
        got = work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), got


def figures(city: Database, url: str, counties: int) -> list[Row]:
    """The timed figures on the city, each beside its psql baseline."""
    rows: list[Row] = []

    def check() -> int:
        with city.read() as session:
            return len(shortfalls.check(session, SYSTEM, on=ON, unit=CITY_ID).findings)

    cpu_start = time.process_time()
    ours, found = median_ms(check)
    cpu = (time.process_time() - cpu_start) * 1000 / 5
    base = psql_ms(url, "SELECT d.unit_id, b.item_id, sum(b.quantity) FROM balances b JOIN depots "
                   "d ON d.id = b.depot_id GROUP BY d.unit_id, b.item_id; SELECT t.unit_id, "
                   "count(*) FROM members m JOIN teams t ON t.id = m.team_id WHERE m.left_on IS "
                   "NULL GROUP BY t.unit_id")  # fmt: skip
    rows.append(Row(f"city-wide shortfall check ({counties} counties, {found:,} findings)", ours,
                    "ms", base, "psql stock + member sums", "≤ 1 s", ours <= CHECK_MS,
                    load(), f"this process's CPU time {cpu:.0f} ms a check (the rest: the "
                    "server, and waiting for a core)"))  # fmt: skip
    with city.read() as session:
        depot, lots = session.execute(
            select(Balance.depot_id, func.count()).where(Balance.quantity != 0)
            .group_by(Balance.depot_id).order_by(func.count().desc()).limit(1)
        ).one()  # fmt: skip
        item, moves = session.execute(
            select(Movement.item_id, func.count()).where(Movement.depot_id == depot)
            .group_by(Movement.item_id).order_by(func.count().desc()).limit(1)
        ).one()  # fmt: skip
    flt = stock_queries.StockFilter(depot_id=depot)

    def stock_view() -> int:
        with city.read() as session:
            stock_queries.stock_on_hand(session, flt, limit=100)
            return stock_queries.count_stock(session, flt)

    ours, _ = median_ms(stock_view)
    base = psql_ms(url, f"SELECT count(*) FROM balances WHERE depot_id = '{depot}' AND quantity "
                   f"<> 0; SELECT b.lot, b.expiry, b.quantity, i.code, i.name, i.unit FROM "
                   f"balances b JOIN items i ON i.id = b.item_id WHERE b.depot_id = '{depot}' "
                   f"AND b.quantity <> 0 ORDER BY i.code, b.expiry, b.lot LIMIT 100")  # fmt: skip
    rows.append(Row(f"a depot's stock view ({lots:,} lots), count + first 100", ours, "ms", base,
                    "psql count + first 100", "≤ 100 ms", ours <= VIEW_MS, load()))  # fmt: skip
    key = stock_queries.CardKey(depot_id=depot, item_id=item)

    def card() -> int:
        with city.read() as session:
            stock_queries.stock_card(session, key, limit=100)
            return stock_queries.count_card(session, key)

    ours, _ = median_ms(card)
    base = psql_ms(url, f"SELECT count(*) FROM movements WHERE depot_id = '{depot}' AND item_id "
                   f"= '{item}'; SELECT * FROM movements WHERE depot_id = '{depot}' AND item_id "
                   f"= '{item}' ORDER BY occurred_on, seq LIMIT 100")  # fmt: skip
    rows.append(Row(f"a stock card ({moves:,} movements), count + first 100", ours, "ms", base,
                    "psql count + first 100", "≤ 100 ms", ours <= VIEW_MS, load()))  # fmt: skip

    def city_view() -> int:
        with city.read() as session:
            return len(overview(session, SYSTEM, CITY_ID, ON))

    ours, offices = median_ms(city_view, runs=3)
    base = psql_ms(url, "SELECT unit_id, count(*) FROM teams GROUP BY unit_id; SELECT t.unit_id, "
                   "count(*) FROM members m JOIN teams t ON t.id = m.team_id GROUP BY t.unit_id; "
                   "SELECT d.unit_id, count(*) FROM balances b JOIN depots d ON d.id = b.depot_id "
                   "WHERE b.quantity <> 0 GROUP BY d.unit_id", runs=3)  # fmt: skip
    rows.append(Row(f"全市汇总 ({offices} rows, shortfalls checked)", ours, "ms", base,
                    "psql grouped counts", load=load()))  # fmt: skip
    return rows


def verify_row(url: str, movements: int) -> Row:
    """``ledger verify`` on the city (the command, its progress on stderr); baseline: psql
    reading every movement and audit row and hashing each with sha256."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ledger", "verify", "--db", url],
                          capture_output=True, text=True)  # fmt: skip
    ours = time.perf_counter() - start
    base = psql_ms(url, "SELECT sum(length(sha256(convert_to(m::text, 'UTF8')))) FROM movements m; "
                   "SELECT sum(length(sha256(convert_to(a::text, 'UTF8')))) FROM audit a",
                   runs=1) / 1000  # fmt: skip
    last = (done.stdout.strip().splitlines() or [""])[-1]
    return Row(f"ledger verify, city of {movements:,} movements", ours, "s", base,
               "psql read + sha256 per row", load=load(),
               note=f"exit {done.returncode}: {last[:160]}")  # fmt: skip


def cached_source(movements: int) -> Path | None:
    """The cached county of ``movements`` if there is one (copied as it is, never rebuilt)."""
    path = county.cache_dir() / f"county-{movements}.db"
    return path if path.exists() else None


def run_city(
    url: str, counties: int, movements: int, source: Path | None, tmp: Path, keep: bool = False
) -> tuple[list[Row], list[str]]:
    """Build the city of ``counties`` copies of ``source`` (built in ``tmp`` at ``movements``
    when ``None``) at ``url`` unless ``keep``, then time it: the rows and the notes."""
    rows: list[Row] = []
    notes: list[str] = []
    began = time.perf_counter()
    keys = tmp / "keys"
    if not keep:
        if source is None:
            source = tmp / f"county-{movements}.db"
            made = county.make(source, movements, check=False)
            notes.append(f"source county built in {made['build_s']:.0f} s: {made}")
        city = fresh_city(url, keys)
        for k in range(1, counties + 1):
            start = time.perf_counter()
            path = tmp / f"county-{k}.db"
            make_county(source, path, k)
            copied = time.perf_counter() - start
            county_db = open_database(path)
            got = send(county_db, city, k, keys)
            county_db.dispose()
            path.unlink()
            line = (f"county {k} {NAMES[k - 1]}: made in {copied:.0f} s, package "
                    f"{got['records']:,} records {got['mb']:.0f} MB exported in "
                    f"{got['export_s']:.0f} s, imported in {got['import_s']:.0f} s "
                    f"({got['records'] / got['import_s']:,.0f} records/s)")  # fmt: skip
            print(line, flush=True)
            notes.append(line)
        city.dispose()
    city = open_database(url)
    with city.read() as session:
        moves = session.scalar(select(func.count()).select_from(Movement)) or 0
        heads = session.scalar(select(func.count()).select_from(ChainHead)) or 0
    plain = url.replace("postgresql+psycopg", "postgresql")
    subprocess.run(["psql", "-X", "-q", "-c", "ANALYZE", plain], check=True)
    rows += figures(city, url, counties)
    city.dispose()
    rows.append(verify_row(url, moves))
    took = time.perf_counter() - began
    notes.append(f"city: {counties} counties of {movements:,} movements each; {moves:,} "
                 f"movements in {heads} depots; total {took:.0f} s")  # fmt: skip
    return rows, notes


def main(argv: list[str] | None = None) -> int:
    """Build the city, time it, print the table and write bench/city.json and the Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default=os.environ.get("LEDGER_TEST_PG", ""),
                        help="a PostgreSQL server's URL (its database is --database)")  # fmt: skip
    parser.add_argument("--database", default="ledger_city")
    parser.add_argument("--counties", type=int, default=6)
    parser.add_argument("--movements", type=int, default=county.MOVEMENTS, help="per county")
    parser.add_argument("--source", type=Path,
                        help="an existing county file to copy (default at full size: the "
                        "cached county-1000000.db when there is one)")  # fmt: skip
    parser.add_argument("--keep", action="store_true", help="reuse the city database if built")
    parser.add_argument("--json", type=Path, default=BENCH / "city.json")
    parser.add_argument("--markdown", type=Path, help="also write the table here")
    args = parser.parse_args(argv)
    if not args.pg:
        parser.error("--pg or LEDGER_TEST_PG: a PostgreSQL URL")
    if args.source is None and args.movements == county.MOVEMENTS:
        args.source = cached_source(args.movements)
    url = make_url(args.pg).set(database=args.database).render_as_string(hide_password=False)
    with tempfile.TemporaryDirectory(prefix="ledger-city-") as folder:
        rows, notes = run_city(url, args.counties, args.movements, args.source, Path(folder),
                               keep=args.keep)  # fmt: skip
    print(table(rows))
    for note in notes:
        print(f"  {note}")
    write_json(args.json, False, rows, notes)
    if args.markdown:
        write_markdown(
            args.markdown, rows, notes, " ".join(["python bench/city.py", *sys.argv[1:]])
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
