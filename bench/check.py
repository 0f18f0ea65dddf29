"""Shortfall check speed: a large county built in bulk, then the county-wide check timed.

    python bench/check.py                   # 30 towns, 600 villages, 20,000 members,
                                            # 1,000,000 movements (target: whole check <= 200 ms)
    python bench/check.py --db /tmp/county.db     # build it there once; later runs reuse it
    python bench/check.py --db /tmp/bench-county.db  # or time bench/county.py's county
    python bench/check.py --movements 50000 --verify  # a quick run that also checks the chains

The figure held to the 200 ms target is the whole check as an office runs it: the 短板检查 page
and ``ledger check`` both open a read session and call ``ledger.services.norms.shortfalls.check``
with each unit against its bound profile, which reads the facts from the database, evaluates
and orders the findings. Beside it: the evaluation alone (``ledger.norms.evaluate.evaluate``,
the pure function over facts already read), the first check of the process (statements
compiled, profiles parsed) and, with ``--cli``, ``ledger check`` as a process (Python's start
and imports included). The first date is the day after the last movement; the second a year
earlier, where stock is rebuilt from a year of movements. The load average stands beside each.

The county is written straight into the tables with executemany (``insert(Model)`` on the
connection, in batches), not through the posting services, which would take an hour for a
million movements. The stock ledger is still one a real posting could have made:

- every depot gets receipts (入库) and issues (出库) of ten lines each, dated 2021–2026;
- each line writes one movement carrying its depot's next ``seq`` and the hash of the movement
  before it (``ledger.models.stock.movement_hash``), so every depot's chain is unbroken;
- issues only take items their depot holds, and only what the lot holds, so every issue line
  takes stock out and no balance goes below zero;
- the balance rows are the sums of the movements, and each depot's chain head is its last link.

``--verify`` runs ``ledger verify``'s balance, chain and line checks on the result. The audit
log is not written (bulk inserts bypass the ORM), so verify's audit checks do not apply here.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from contextlib import nullcontext
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from unittest.mock import patch

from sqlalchemy import insert
from sqlalchemy.engine import Connection

from ledger.core.actor import SYSTEM
from ledger.core.enums import Category, DocType, Level, Nature, PostKind, TeamType
from ledger.models import (
    Balance,
    ChainHead,
    Depot,
    DocCounter,
    Document,
    DocumentLine,
    Equipment,
    Item,
    Member,
    Movement,
    OrgUnit,
    Post,
    Team,
)
from ledger.models.engine import Database, open_database
from ledger.models.stock import movement_hash
from ledger.norms.evaluate import evaluate
from ledger.norms.kinds.hygiene import expiry_lookahead
from ledger.services.norms import shortfalls
from ledger.services.norms.facts import gather_facts
from ledger.services.norms.profiles import load_all
from ledger.services.verify import checks as verify

TARGET_MS = 200.0
PROFILE_TIMED = "henan-2021-66"
ON = date(2026, 6, 1)
TOWNS, VILLAGES_PER_TOWN, MEMBERS = 30, 20, 20_000
KIT = ("卫星电话", "应急发电机", "排水泵", "微型消防站", "手持扩音器")
STOCK = [(f"储备物资{i:02d}", Category.LIVING if i % 3 else Category.FLOOD) for i in range(40)]
BATCH = 20_000


def _units(conn: Connection, profile: str) -> tuple[Any, list[Any], list[Any]]:
    """The county, its towns and its villages (every fifth village with forest duty)."""
    county = {"id": uuid.uuid4(), "code": "410182000000", "name": "样例县",
              "population": 650_000, "level": Level.COUNTY, "parent_id": None,
              "profile_id": profile, "flags": []}  # fmt: skip
    towns, villages = [], []
    for t in range(TOWNS):
        town = {"id": uuid.uuid4(), "code": f"410182{t + 1:03d}000", "name": f"第{t + 1}镇",
                "level": Level.TOWN, "parent_id": county["id"], "population": 20_000,
                "profile_id": None, "flags": ["全国重点镇"] if t < 3 else []}  # fmt: skip
        towns.append(town)
        for v in range(VILLAGES_PER_TOWN):
            villages.append({"id": uuid.uuid4(), "code": f"{town['code'][:9]}{v + 1:03d}",
                             "name": f"{town['name']}第{v + 1}村", "level": Level.VILLAGE,
                             "parent_id": town["id"], "population": 1000, "profile_id": None,
                             "flags": ["森林防灭火任务"] if v % 5 == 0 else []})  # fmt: skip
    conn.execute(insert(OrgUnit), [county, *towns, *villages])
    return county, towns, villages


def _people(conn: Connection, county: Any, towns: list[Any], villages: list[Any]) -> int:
    """Teams with 20,000 members in all, and the posts of towns and villages."""
    plan = [(county, TeamType.COMPREHENSIVE, Nature.PART_TIME, 60),
            (county, TeamType.FIRE, Nature.FULL_TIME, 200)]  # fmt: skip
    plan += [(town, TeamType.COMPREHENSIVE, Nature.PART_TIME, 25) for town in towns]
    left = MEMBERS - sum(p[3] for p in plan)
    plan += [(v, TeamType.COMPREHENSIVE, Nature.PART_TIME, left // len(villages) + (i < left %
             len(villages))) for i, v in enumerate(villages)]  # fmt: skip
    teams, members, n = [], [], 0
    for k, (unit, team_type, nature, size) in enumerate(plan):
        team_id = uuid.uuid4()
        teams.append({"id": team_id, "code": f"D{k:05d}", "name": f"{unit['name']}救援队",
                      "unit_id": unit["id"], "team_type": team_type, "nature": nature})  # fmt: skip
        for _ in range(size):
            n += 1
            members.append({"id": uuid.uuid4(), "team_id": team_id, "name": f"队员{n}",
                            "id_number": f"410182{n:012d}", "nature": nature,
                            "joined_on": date(2021, 1, 1),
                            "left_on": date(2025, 1, 1) if n % 50 == 0 else None})  # fmt: skip
    conn.execute(insert(Team), teams)
    for start in range(0, len(members), BATCH):
        conn.execute(insert(Member), members[start : start + BATCH])
    kinds = (PostKind.EMERGENCY_OFFICER, PostKind.DISASTER_INFORMANT, PostKind.SAFETY_ADVISOR)
    posts = [{"id": uuid.uuid4(), "unit_id": u["id"], "kind": kind,
              "name": f"{u['name']}{kind.label}"}
             for u in [*towns, *villages] for kind in kinds]  # fmt: skip
    conn.execute(insert(Post), posts)
    return len(members)


def _catalogue(conn: Connection, units: list[Any]) -> tuple[list[Any], list[Any]]:
    """Items, one depot per unit (two for the county), and most villages' 5+X kit."""
    items = [
        {
            "id": uuid.uuid4(),
            "code": f"Z{i:02d}",
            "name": name,
            "unit": "台",
            "category": Category.OTHER,
            "serial_tracked": True,
            "shelf_life_months": None,
        }
        for i, name in enumerate(KIT)
    ]
    items += [{"id": uuid.uuid4(), "code": f"W{i:02d}", "name": name, "unit": "件",
               "category": category, "serial_tracked": False,
               "shelf_life_months": 24 if i % 3 == 0 else None}
              for i, (name, category) in enumerate(STOCK)]  # fmt: skip
    conn.execute(insert(Item), items)
    depots = [{"id": uuid.uuid4(), "code": f"K{k:04d}", "name": f"{u['name']}仓库",
               "unit_id": u["id"], "kind": "应急物资储备库", "area_m2": Decimal(500)}
              for k, u in enumerate([units[0], *units])]  # fmt: skip
    conn.execute(insert(Depot), depots)
    kit = [{"id": uuid.uuid4(), "serial": f"SN{k:06d}", "item_id": items[k % 5]["id"],
            "holder_unit_id": v["id"], "status": "in_stock"}
           for k, v in enumerate(u for u in units if u["level"] is Level.VILLAGE for _ in KIT)
           if k % 17]  # fmt: skip
    conn.execute(insert(Equipment), kit)
    return items[len(KIT) :], depots


def _ledger(conn: Connection, items: list[Any], depots: list[Any], total: int) -> int:
    """``total`` movements in receipts and issues of ten lines, chained per depot."""
    from county import Held  # an issue takes out only what its depot holds

    rng = random.Random(20260601)
    posted_at = datetime(2026, 6, 1, 8, tzinfo=UTC)
    days = (ON - date(2021, 1, 1)).days
    docs, lines, moves, counters = [], [], [], []
    stock: dict[tuple[Any, Any, str], list[Any]] = {}
    written = 0
    for d, (depot, count, stocked) in enumerate(shares(depots, items, total)):
        seq, prev, numbers = 0, "0" * 64, defaultdict(int)
        open_lots: dict[Any, list[str]] = defaultdict(list)
        held = Held()
        while seq < count:
            day = date(2021, 1, 1) + timedelta(days=days * seq // max(count, 1))
            kind = DocType.ISSUE if seq and held and rng.random() < 0.5 else DocType.RECEIPT
            numbers[(kind, day.year)] += 1
            doc_id = uuid.uuid4()
            docs.append({"id": doc_id, "doc_type": kind, "depot_id": depot["id"], "doc_date": day,
                         "number": f"{kind.prefix}-{day.year}-{numbers[(kind, day.year)]:05d}",
                         "posted_at": posted_at, "posted_by": "bench"})  # fmt: skip
            for line_no in range(1, min(10, count - seq) + 1):
                if kind is DocType.ISSUE:
                    if not held:
                        break  # the depot is empty: a shorter issue, the rest in the next
                    item = held.pick(rng)
                else:
                    item = stocked[rng.randrange(len(stocked))]
                    if len(open_lots[item["id"]]) >= 2:
                        item = stocked[1]  # enough lots of that one: receive a plain item
                lot, qty = _line(kind, item, day, open_lots, stock, depot, rng)
                key = (depot["id"], item["id"], lot)
                stock[key][1] += qty
                held.mark(item, stock[key][1] > 0 if lot == "" else bool(open_lots[item["id"]]))
                seq += 1
                line_id = uuid.uuid4()
                lines.append({"id": line_id, "document_id": doc_id, "line_no": line_no,
                              "item_id": item["id"], "lot": lot, "expiry": stock[key][0],
                              "quantity": abs(qty)})  # fmt: skip
                move = SimpleNamespace(id=uuid.uuid4(), document_id=doc_id, line_id=line_id,
                                       depot_id=depot["id"], item_id=item["id"], lot=lot,
                                       expiry=stock[key][0], quantity=qty, occurred_on=day,
                                       posted_at=posted_at, seq=seq, prev_hash=prev)  # fmt: skip
                move.hash = prev = movement_hash(prev, move)  # type: ignore[arg-type]
                moves.append(vars(move))
        written += seq
        counters += [{"depot_id": depot["id"], "series": k.prefix, "year": y, "last": n}
                     for (k, y), n in numbers.items()]  # fmt: skip
        conn.execute(insert(ChainHead), [{"depot_id": depot["id"], "seq": seq, "hash": prev}])
        if len(moves) >= BATCH or d == len(depots) - 1:
            _flush(conn, docs, lines, moves)
    conn.execute(insert(DocCounter), counters)
    balances = [{"id": uuid.uuid4(), "depot_id": k[0], "item_id": k[1], "lot": k[2],
                 "expiry": v[0], "quantity": v[1]} for k, v in stock.items()]  # fmt: skip
    for start in range(0, len(balances), BATCH):
        conn.execute(insert(Balance), balances[start : start + BATCH])
    return written


def shares(depots: list[Any], items: list[Any], total: int) -> list[tuple[Any, int, list[Any]]]:
    """Each depot with its number of movements and the items it stocks.

    The two county depots take a tenth of the movements each and stock every item; the 30 town
    depots 1.5% each and 30 items; the village depots share the remaining 35% and stock 10.
    """
    county, towns, villages = depots[:2], depots[2 : 2 + TOWNS], depots[2 + TOWNS :]
    plan = [(d, total * 10 // 100, items) for d in county]
    plan += [(d, total * 15 // 1000, items[:30]) for d in towns]
    rest = total - sum(p[1] for p in plan)
    plan += [(d, rest // len(villages) + (k < rest % len(villages)), items[:10])
             for k, d in enumerate(villages)]  # fmt: skip
    return plan


def _line(kind: DocType, item: Any, day: date, open_lots: dict[Any, list[str]],
          stock: dict[tuple[Any, Any, str], list[Any]], depot: Any,
          rng: random.Random) -> tuple[str, Decimal]:  # fmt: skip
    """The lot and signed quantity of one line, as a keeper would post it.

    Items without a shelf life are kept without lot numbers. Perishable ones come in lots with
    an expiry and go out first-expiring-first-out; an expired lot, the oldest of more than two,
    and often any lot are taken out whole, so a depot holds a few lots of each.
    """
    lots = open_lots[item["id"]]
    if not item["shelf_life_months"]:
        key = (depot["id"], item["id"], "")
        held = stock.setdefault(key, [None, Decimal(0)])[1]
        if kind is DocType.ISSUE:
            return "", -min(held, Decimal(rng.randint(20, 200)))
        return "", Decimal(rng.randint(20, 200))
    if kind is DocType.ISSUE:
        lot = min(lots, key=lambda name: stock[(depot["id"], item["id"], name)][0])
        expiry, held = stock[(depot["id"], item["id"], lot)]
        whole = expiry < day or len(lots) > 2 or rng.random() < 0.5
        take = held if whole else min(held, Decimal(rng.randint(20, 200)))
        if take == held:
            lots.remove(lot)
        return lot, -take
    lot = f"L{day:%y%m%d}{len(stock) % 1000:03d}"
    expiry = day + timedelta(days=30 * item["shelf_life_months"])
    stock[(depot["id"], item["id"], lot)] = [expiry, Decimal(0)]
    lots.append(lot)
    return lot, Decimal(rng.randint(20, 200))


def _flush(conn: Connection, docs: list[Any], lines: list[Any], moves: list[Any]) -> None:
    for model, rows in ((Document, docs), (DocumentLine, lines), (Movement, moves)):
        for start in range(0, len(rows), BATCH):
            conn.execute(insert(model), rows[start : start + BATCH])
        rows.clear()


def build(db: Database, movements: int, profile: str) -> tuple[int, int]:
    """Write the county; return (members, movements)."""
    with db.transaction(SYSTEM) as session:
        conn = session.connection()
        county, towns, villages = _units(conn, profile)
        members = _people(conn, county, towns, villages)
        items, depots = _catalogue(conn, [county, *towns, *villages])
        written = _ledger(conn, items, depots, movements)
    return members, written


def time_check(db: Database, on: date, runs: int) -> tuple[int, list[float], list[float]]:
    """Findings, and the wall times (ms) of ``runs`` evaluations and of ``runs`` whole checks.

    The whole check is what the 短板检查 page and ``ledger check`` run: a read session of its
    own, then ``shortfalls.check`` with each unit against its bound profile (reading the facts,
    evaluating, ordering the findings). The evaluation is the pure function alone over facts
    already read the same way, for every bound profile, its lookup tables built afresh each run
    (with the cycle collector paused, as the check pauses it).
    """
    profiles = load_all()[0]
    lookahead = expiry_lookahead(rule for p in profiles.values() for rule in p.rules)
    evaluations, checks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        with db.read() as session:
            result = shortfalls.check(session, SYSTEM, on=on)
        checks.append((time.perf_counter() - start) * 1000)
    with db.read() as session:
        facts = gather_facts(session, on, lookahead=lookahead)
    bound: dict[str, list[Any]] = defaultdict(list)
    for unit in facts.units:
        if (pid := facts.profile_of(unit.id)) in profiles:
            bound[pid].append(unit.id)
    for _ in range(runs):
        fresh = replace(facts)
        gc.disable()  # as shortfalls.check does while it runs
        start = time.perf_counter()
        found = [
            x for pid, ids in bound.items() for x in evaluate(profiles[pid], fresh, on, units=ids)
        ]
        evaluations.append((time.perf_counter() - start) * 1000)
        gc.enable()
    assert len(found) == len(result.findings), (len(found), len(result.findings))
    return len(found), evaluations, checks


def collector_cost(db: Database, on: date, runs: int) -> tuple[float, float]:
    """CPU time (ms, medians) of the whole check with the cycle collector paused, as
    ``shortfalls.check`` pauses it, and with the collector left on: the proof that the pause
    earns its place (issue 19: ``gc`` is left alone unless a benchmark proves the pause)."""
    paused, on_ = [], []
    for _ in range(runs):
        for times, pause in ((paused, True), (on_, False)):
            keep = (
                nullcontext()
                if pause
                else patch.object(shortfalls, "_collector_paused", nullcontext)
            )
            with keep, db.read() as session:
                start = time.process_time()
                shortfalls.check(session, SYSTEM, on=on)
                times.append((time.process_time() - start) * 1000)
    return statistics.median(paused), statistics.median(on_)


def first_check(db: Database, on: date) -> float:
    """Wall time (ms) of the first check of a process: statements compiled, profiles parsed."""
    start = time.perf_counter()
    with db.read() as session:
        shortfalls.check(session, SYSTEM, on=on)
    return (time.perf_counter() - start) * 1000


def cli_check(path: Path, on: date) -> float:
    """Wall time (ms) of ``ledger check --format json`` as a process, Python start included."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "ledger", "check", "--db", str(path), "--date", str(on),
         "--format", "json"],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return (time.perf_counter() - start) * 1000


def load() -> str:
    """The 1-minute load average, as ``uptime`` shows it."""
    return f"{os.getloadavg()[0]:.2f}"


def main() -> None:
    """Build the county (in a temporary folder, or ``--db`` once), time the check, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--movements", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--verify", action="store_true", help="check balances and hash chains")
    parser.add_argument("--db", type=Path, help="build the county here once and reuse it after")
    parser.add_argument("--cli", action="store_true", help="also time `ledger check` as a process")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "county.db"
        fresh = not path.exists()
        db = open_database(path)
        if fresh:
            start = time.perf_counter()
            members, written = build(db, args.movements, PROFILE_TIMED)
            built = time.perf_counter() - start
            print(f"built   1 county, {TOWNS} towns, {TOWNS * VILLAGES_PER_TOWN} villages, "
                  f"{members:,} members, {written:,} movements in {built:6.1f} s")  # fmt: skip
        else:
            print(f"reused  {path}")
        if args.verify:
            with db.read() as session:
                found = verify.check_balances(session) + verify.check_movement_chains(session)
                found += verify.check_movement_lines(session)
            print(f"verify  balances, hash chains, lines: {len(found)} discrepancies")
        print(f"first   check of the process {first_check(db, ON):.0f} ms (load {load()})")
        for on in (ON, ON - timedelta(days=365)):
            count, evaluations, checks = time_check(db, on, args.runs)
            median = statistics.median(checks)
            verdict = "OK" if median <= TARGET_MS else "OVER TARGET"
            if on == ON:
                paused, collecting = collector_cost(db, on, args.runs)
                print(f"gc      whole check CPU median {paused:.0f} ms with the cycle collector "
                      f"paused, {collecting:.0f} ms with it on; load {load()}")  # fmt: skip
            print(f"check   {on}: {count:,} findings; whole check median {median:.0f} ms "
                  f"(best {min(checks):.0f}), target {TARGET_MS:.0f} ms {verdict}; "
                  f"evaluation alone median {statistics.median(evaluations):.0f} ms "
                  f"(best {min(evaluations):.0f}); load {load()}")  # fmt: skip
        db.dispose()
        if args.cli:
            print(
                f"cli     ledger check --format json ({ON}), a process: "
                f"{cli_check(path, ON):.0f} ms (load {load()})"
            )


if __name__ == "__main__":
    main()
