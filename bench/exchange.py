"""Exchange packages at county size: a full package exported, then imported into an empty ledger.

    python bench/exchange.py --db ~/.cache/ledger-bench/county-1000000.db   # the large county
    python bench/exchange.py --movements 50000                            # a small one, built

The county database is copied first (an export records itself as sent), never written. Export
and import each run in a child process, so its peak memory (``ru_maxrss``) is its own; the
import goes into a fresh, migrated, empty ledger that has registered the county's key. The
raw baseline, in the same run: plain sqlite3 ``executemany`` of the same rows (the package's
JSON lines parsed, the values inserted as they are, into a copy of the empty ledger with its
foreign keys off), one transaction. With ``--pg URL`` the import also runs into a fresh
PostgreSQL database, beside psycopg's ``COPY`` of the same rows as its baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

CHILD_EXPORT = """
import json, resource, sys, time
from pathlib import Path
from sqlalchemy import select
from ledger.core.actor import SYSTEM
from ledger.models import OrgUnit
from ledger.models.engine import open_database
from ledger.services.exchange import export, signing
db, keys, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
database = open_database(db)
with database.transaction(SYSTEM) as s:
    code = s.scalar(select(OrgUnit.code).where(OrgUnit.parent_id.is_(None)))
start = time.perf_counter()
with database.transaction(SYSTEM) as s, out.open("wb") as f:
    made = export.export_package(s, SYSTEM, code, key_dir=keys, full=True, out=f)
took = time.perf_counter() - start
with database.transaction(SYSTEM) as s:
    key = signing.public_key_file(s, SYSTEM, keys, code)
Path(sys.argv[4]).write_bytes(key)
print(json.dumps({"s": took, "rows": made.total, "rss_kb": resource.getrusage(
    resource.RUSAGE_SELF).ru_maxrss, "cpu": time.process_time(), "code": code}))
"""

CHILD_IMPORT = """
import json, resource, sys, time
from pathlib import Path
from ledger.core.actor import SYSTEM
from ledger.models.engine import open_database
from ledger.services.exchange import importer, signing
url, package, key = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
database = open_database(url)
with database.transaction(SYSTEM) as s:
    signing.register_sender(s, SYSTEM, signing.read_key_file(key.read_bytes(), key.name))
cpu = time.process_time()
start = time.perf_counter()
with database.transaction(SYSTEM) as s:
    done = importer.import_package(s, SYSTEM, package, name=package.name)
took = time.perf_counter() - start
print(json.dumps({"s": took, "rows": done.added, "skipped": done.skipped,
    "cpu": time.process_time() - cpu,
    "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def child(code: str, *args: str) -> dict[str, Any]:
    """Run ``code`` in a fresh interpreter and read the JSON line it prints."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise RuntimeError(f"child failed ({done.returncode}):\n{done.stderr[-3000:]}")
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def catch_up(path: Path) -> list[str]:
    """Give the copy the tables and columns the current models have and it lacks (the cached
    county predates some migrations); return what was added. New columns take their
    defaults: false, empty text, or nothing."""
    from sqlalchemy import Boolean, create_engine

    from ledger.models import Base

    raw = sqlite3.connect(path)
    added = []
    for table in Base.metadata.sorted_tables:
        have = {row[1] for row in raw.execute(f'PRAGMA table_info("{table.name}")')}
        if not have:
            added.append(table.name)
            continue
        for column in table.columns:
            if column.name in have:
                continue
            boolean = isinstance(column.type, Boolean)
            kind = "BOOLEAN" if boolean else "VARCHAR"
            default = "" if column.nullable else " NOT NULL DEFAULT " + ("0" if boolean else "''")
            raw.execute(f'ALTER TABLE "{table.name}" ADD COLUMN "{column.name}" {kind}{default}')
            added.append(f"{table.name}.{column.name}")
    raw.commit()
    raw.close()
    engine = create_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine, checkfirst=True)
    engine.dispose()
    return added


def consistent(path: Path) -> int:
    """Make the copy's issue movements that add stock take it out, as their lines say; return
    how many were changed.

    ``bench/county.py`` files a line of an issue (出库) from a lot holding nothing as a
    movement *into* the depot, a movement its line does not make; the import refuses such a
    package (issue 22), so the copy's are turned and each depot's chain hashed again (the
    cached county itself is left as it is).
    """
    from types import SimpleNamespace

    from sqlalchemy import bindparam, select, update

    from ledger.core.actor import SYSTEM
    from ledger.models import ChainHead, Document, Movement
    from ledger.models.engine import open_database
    from ledger.models.stock import movement_hash

    db = open_database(path)
    m = Movement.__table__.c
    turned = 0
    with db.transaction(SYSTEM) as s:
        conn = s.connection()
        issues = set(
            conn.execute(select(Document.id).where(Document.doc_type == "issue")).scalars()
        )
        prev: dict[Any, str] = {}
        changes: list[dict[str, Any]] = []
        statement = (
            update(Movement.__table__)
            .where(m.id == bindparam("m_id"))
            .values(quantity=bindparam("m_q"), prev_hash=bindparam("m_p"), hash=bindparam("m_h"))
        )
        rows = conn.execution_options(yield_per=5000).execute(
            select(Movement.__table__).order_by(m.depot_id, m.seq)
        )
        for row in rows:
            move = SimpleNamespace(**row._mapping)
            if move.document_id in issues and move.quantity > 0:
                move.quantity = -move.quantity
                turned += 1
            link = prev.get(move.depot_id, move.prev_hash)
            digest = movement_hash(link, move)  # type: ignore[arg-type]
            if digest != move.hash or link != move.prev_hash:
                changes.append({"m_id": move.id, "m_q": move.quantity, "m_p": link, "m_h": digest})
            prev[move.depot_id] = digest
            if len(changes) == 5000:  # columns the reading order does not use
                conn.execute(statement, changes)
                changes = []
        if changes:
            conn.execute(statement, changes)
        heads = ChainHead.__table__
        conn.execute(
            update(heads)
            .where(heads.c.depot_id == bindparam("h_depot"))
            .values(hash=bindparam("h_hash")),
            [{"h_depot": depot, "h_hash": link} for depot, link in prev.items()],
        )
    db.dispose()
    return turned


def empty_ledger(path: Path) -> Path:
    """A fresh, migrated, empty ledger."""
    from ledger.models.engine import open_database

    open_database(path).dispose()
    return path


def baseline_sqlite(package: Path, empty: Path, target: Path) -> dict[str, Any]:
    """sqlite3 executemany of the package's rows (values as parsed), one transaction."""
    shutil.copy(empty, target)
    start = time.perf_counter()
    raw = sqlite3.connect(target)
    raw.execute("PRAGMA foreign_keys=OFF")
    rows = 0
    with zipfile.ZipFile(package) as archive:
        for name in sorted(archive.namelist()):
            if not name.startswith("data/"):
                continue
            table = name.removeprefix("data/").removesuffix(".jsonl")
            columns: list[str] = []
            batch: list[tuple[Any, ...]] = []
            with archive.open(name) as member:
                for line in member:
                    row = json.loads(line)
                    if not columns:
                        columns = sorted(row)
                        sql = (f'INSERT INTO "{table}" ({", ".join(columns)}) '
                               f'VALUES ({", ".join("?" * len(columns))})')  # fmt: skip
                    batch.append(tuple(_raw(row[c]) for c in columns))
                    if len(batch) == 5000:
                        raw.executemany(sql, batch)
                        rows += len(batch)
                        batch = []
            if batch:
                raw.executemany(sql, batch)
                rows += len(batch)
    raw.commit()
    raw.close()
    return {"s": time.perf_counter() - start, "rows": rows}


def _raw(value: Any) -> Any:
    return json.dumps(value) if isinstance(value, dict | list) else value


def baseline_copy(package: Path, url: str) -> dict[str, Any]:
    """psycopg COPY of the package's rows (as text) into copies of an empty ledger's tables
    on PostgreSQL (``CREATE TABLE … (LIKE …)``: columns and types, no foreign keys)."""
    import psycopg

    start = time.perf_counter()
    rows = 0
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
        with zipfile.ZipFile(package) as archive:
            for name in sorted(archive.namelist()):
                if not name.startswith("data/"):
                    continue
                table = name.removeprefix("data/").removesuffix(".jsonl")
                # its columns and types, no foreign keys (rows come in the package's order)
                conn.execute(f'CREATE TABLE "raw_{table}" (LIKE "{table}")')
                with archive.open(name) as member:
                    lines = iter(member)
                    row = json.loads(next(lines))
                    columns = sorted(row)
                    copy_sql = f'COPY "raw_{table}" ({", ".join(columns)}) FROM STDIN'
                    with conn.cursor() as cursor, cursor.copy(copy_sql) as copy:
                        copy.write_row([_raw(row[c]) for c in columns])
                        rows += 1
                        for line in lines:
                            row = json.loads(line)
                            copy.write_row([_raw(row[c]) for c in columns])
                            rows += 1
        conn.commit()
    return {"s": time.perf_counter() - start, "rows": rows}


def fresh_pg(url: str, name: str) -> str:
    """A fresh database ``name`` on the server of ``url``, migrated; its URL."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    made = make_url(url).set(database=name).render_as_string(hide_password=False)
    from ledger.models.engine import open_database

    open_database(made).dispose()
    return made


def run(db: Path, tmp: Path, pg: str | None = None) -> list[dict[str, Any]]:
    """Export the county's full package, import it, and the baselines; one dict a figure."""
    tmp.mkdir(parents=True, exist_ok=True)
    source = tmp / "county.db"
    shutil.copy(db, source)
    key_file = db.with_name(db.name + ".key")  # the personal values' key, beside the file
    if key_file.exists():
        shutil.copy(key_file, source.with_name(source.name + ".key"))
    from ledger.models.engine import open_database

    open_database(source).dispose()  # migrated as the app does first
    print("columns added to the copy:", ", ".join(catch_up(source)) or "none", flush=True)
    started = time.perf_counter()
    turned = consistent(source)
    print(f"{turned:,} movements turned in {time.perf_counter() - started:.0f} s", flush=True)
    package, key = tmp / "county.zip", tmp / "county.pub"
    load = os.getloadavg()[0]
    made = child(CHILD_EXPORT, str(source), str(tmp / "keys"), str(package), str(key))
    figures = [
        {"figure": f"export full package ({made['rows']:,} records)", "s": made["s"],
         "per_s": made["rows"] / made["s"], "rss_mb": made["rss_kb"] / 1024,
         "bytes": package.stat().st_size, "load": load},
    ]  # fmt: skip
    source.unlink()
    empty = empty_ledger(tmp / "empty.db")
    target = tmp / "import.db"
    shutil.copy(empty, target)
    load = os.getloadavg()[0]
    done = child(CHILD_IMPORT, str(target), str(package), str(key))
    base = baseline_sqlite(package, empty, tmp / "raw.db")
    figures.append(
        {"figure": f"import into an empty ledger, SQLite ({done['rows']:,} records)",
         "s": done["s"], "per_s": done["rows"] / done["s"], "cpu_s": done["cpu"],
         "rss_mb": done["rss_kb"] / 1024, "baseline_s": base["s"],
         "baseline_per_s": base["rows"] / base["s"], "baseline": "sqlite3 executemany",
         "load": load}
    )  # fmt: skip
    if pg:
        url = fresh_pg(pg, "ledger_bench_exchange")
        load = os.getloadavg()[0]
        done = child(CHILD_IMPORT, url, str(package), str(key))
        raw_url = fresh_pg(pg, "ledger_bench_exchange_raw")
        base = baseline_copy(package, raw_url)
        figures.append(
            {"figure": f"import into an empty ledger, PostgreSQL ({done['rows']:,} records)",
             "s": done["s"], "per_s": done["rows"] / done["s"], "cpu_s": done["cpu"],
             "rss_mb": done["rss_kb"] / 1024, "baseline_s": base["s"],
             "baseline_per_s": base["rows"] / base["s"], "baseline": "psycopg COPY",
             "load": load}
        )  # fmt: skip
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="the county database (copied, not written)")
    parser.add_argument("--movements", type=int, default=50_000, help="build a county this size")
    parser.add_argument("--pg", help="also import into PostgreSQL (a server URL)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ledger-bench-exchange-") as folder:
        tmp = Path(folder)
        db = args.db
        if db is None:
            import county

            db, _ = county.cached(args.movements, tmp / f"county-{args.movements}.db", check=False)
        for figure in run(db, tmp, args.pg):
            print(json.dumps(figure, ensure_ascii=False))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"load {os.getloadavg()}; peak of this process {peak} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
