"""A large county for the benchmarks, built in bulk deterministically; `ledger verify` clean.

    python bench/county.py                 # 30 towns, 600 villages, 1,000 teams, 20,000 members,
                                           # 50 depots, 2,000 items, 1,000,000 movements with
                                           # lots and expiries, into the cache; ledger verify
    python bench/county.py --movements 100000 --db /tmp/county.db   # a smaller one, elsewhere
    python bench/county.py --force         # rebuild even if the cached one is current

Where: ``$LEDGER_BENCH_CACHE`` or ``~/.cache/ledger-bench``, as ``county-<movements>.db``
with a stamp beside it (``.json``: the schema's fingerprint, this builder's and the figures).
:func:`cached` reuses the file while the stamp matches and rebuilds it when the file is
missing, the models (tables, columns, indexes) or the migrations' heads changed, or this
builder did. ``bench/run.py``
calls it, so a full run builds the county once.

How long: about two minutes for the million movements on 2 idle cores (the build), and
about half a minute more for ``ledger verify`` (measured figures in bench/RESULTS.md).

The bulk path (``bench/bulk.py``, documented there): plain sqlite3 executemany in one
unjournaled transaction, secondary indexes built after the load. The ledger is one posting
could have made: receipts and issues of ten lines per depot dated 2021–2026 (an issue takes
out only items the depot holds, and is shorter when it empties the depot); perishable items
(every third) received in lots with expiries and issued first-expiring-first-out, never below
zero; each movement the next link of its depot's hash chain; balances the sums of the
movements; chain heads and document counters at the last; every record of an audited table
(units, teams, members, posts, items, depots, equipment, documents, lines) with its ``insert``
audit row. The random generator is seeded and ids are counters: two builds are identical.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import time
import uuid
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this tree's ledger
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bulk
from check import shares
from sqlalchemy import inspect
from sqlalchemy.schema import CreateIndex, CreateTable

from ledger.core.enums import Category, DocType, Level, Nature, PostKind, TeamType
from ledger.core.quantity import QTY_SCALE
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
    OrgUnit,
    Post,
    Team,
    personal,
)
from ledger.models.base import Base
from ledger.models.engine import SCHEMA_HEADS, open_database
from ledger.services.verify import checks as verify

TOWNS, VILLAGES_PER_TOWN = 30, 20
TEAMS, MEMBERS, DEPOTS, ITEMS, MOVEMENTS = 1_000, 20_000, 50, 2_000, 1_000_000
KIT = ("卫星电话", "应急发电机", "排水泵", "微型消防站", "手持扩音器")
TEAM_TYPES = (TeamType.FLOOD, TeamType.FOREST_FIRE, TeamType.GEOHAZARD, TeamType.COMMS)
ON = date(2026, 6, 1)
LINE_KEYS = {"id", "document_id", "line_no", "item_id", "lot", "expiry", "quantity",
             "unit_price", "serials", "reason", "override_reason", "book_quantity",
             "counted_quantity"}  # fmt: skip
#: Stored by the fast path; the other columns of a line are NULL.
LINE_COLUMNS = ["id", "document_id", "line_no", "item_id", "lot", "expiry", "quantity", "serials",
                "override_reason"]  # fmt: skip
MOVE_COLUMNS = ["id", "document_id", "line_id", "depot_id", "item_id", "lot", "expiry",
                "quantity", "occurred_on", "posted_at", "seq", "prev_hash", "hash"]  # fmt: skip


def cache_dir() -> Path:
    """Where cached counties live: ``$LEDGER_BENCH_CACHE`` or ``~/.cache/ledger-bench``."""
    return Path(os.environ.get("LEDGER_BENCH_CACHE", Path.home() / ".cache" / "ledger-bench"))


def fingerprint() -> dict[str, str]:
    """The schema (every table and index as SQLite creates it, the migrations' heads) and this
    builder, hashed."""
    ddl = sorted(SCHEMA_HEADS)
    ddl += [str(CreateTable(t).compile(dialect=bulk.DIALECT)) for t in Base.metadata.sorted_tables]
    ddl += sorted(str(CreateIndex(i).compile(dialect=bulk.DIALECT))
                  for t in Base.metadata.sorted_tables for i in t.indexes)  # fmt: skip
    here = Path(__file__).resolve().parent
    code = b"".join((here / name).read_bytes() for name in ("county.py", "bulk.py"))
    return {"schema": hashlib.sha256("\n".join(ddl).encode()).hexdigest()[:16],
            "builder": hashlib.sha256(code).hexdigest()[:16]}  # fmt: skip


def cached(
    movements: int = MOVEMENTS, path: Path | None = None, check: bool = True
) -> tuple[Path, str]:
    """The county database of ``movements``: reused when current, (re)built otherwise.

    ``check=False`` leaves ``ledger verify`` to the caller (``bench/run.py`` times it).
    """
    path = path or cache_dir() / f"county-{movements}.db"
    stamp = path.with_suffix(".json")
    want = {**fingerprint(), "movements": movements}
    if path.exists() and stamp.exists():
        have = json.loads(stamp.read_text())
        if all(have.get(k) == v for k, v in want.items()):
            return path, f"reused {path} (built in {have['build_s']:.0f} s)"
    made = make(path, movements, check)
    stamp.write_text(json.dumps({**want, **made}, ensure_ascii=False, indent=1))
    verified = (f"ledger verify {made['verify_s']:.0f} s: {made['discrepancies']} discrepancies"
                if check else "not verified here")  # fmt: skip
    return path, (f"built {path} in {made['build_s']:.0f} s at load {made['load_1min']:.1f}, "
                  f"{verified}")  # fmt: skip


def make(path: Path, movements: int, check: bool = True) -> dict[str, Any]:
    """Build into ``path`` (through a temporary file), verify; return the figures."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{part}{suffix}").unlink(missing_ok=True)
    open_database(part).dispose()  # created and migrated as the app does
    start = time.perf_counter()
    made = build(part, movements)
    made["build_s"] = time.perf_counter() - start
    made["load_1min"] = os.getloadavg()[0]
    if check:
        start = time.perf_counter()
        found = run_verify(part)
        made["verify_s"], made["discrepancies"] = time.perf_counter() - start, len(found)
        for d in found[:10]:
            print(f"  {d.kind} {d.table} {d.row} {d.detail}", file=sys.stderr)
        if found:
            raise SystemExit(f"ledger verify found {len(found)} discrepancies in {part}")
    for suffix in ("-wal", "-shm", ".clean"):  # the old file's log and clean-close stamp
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    part.replace(path)
    key = personal.own_key(part)  # the key of its personal data goes with it
    if key is not None:
        key.replace(personal.own_key(path) or key)
    return made


def copy(source: Path, target: Path) -> Path:
    """Copy a county's file with the key of its personal data (ID numbers, phones) beside it."""
    shutil.copyfile(source, target)
    key, their = personal.own_key(source), personal.own_key(target)
    if key is not None and their is not None and key.exists():
        shutil.copyfile(key, their)
    return target


def run_verify(path: Path) -> list[verify.Discrepancy]:
    """``ledger verify``'s checks over the whole database."""
    db = open_database(path)
    try:
        with db.read() as session:
            return verify.verify(session)
    finally:
        db.dispose()


def build(path: Path, movements: int = MOVEMENTS) -> dict[str, Any]:
    """Write the county into the migrated, empty database at ``path``; return what was written."""
    out = bulk.Bulk(path)
    ids = bulk.Ids()
    county, towns, villages = _units(out, ids)
    members = _people(out, ids, county, towns, villages)
    items, depots = _catalogue(out, ids, [county, *towns, *villages])
    written = Ledger(out, ids).write(items, depots, movements)
    out.finish()
    return {"towns": len(towns), "villages": len(villages), "teams": TEAMS, "members": members,
            "depots": len(depots), "items": ITEMS, "movements": written,
            "audit_rows": out.audited}  # fmt: skip


def _uuid(ids: bulk.Ids) -> uuid.UUID:
    return uuid.UUID(hex=ids.hex())


def _units(out: bulk.Bulk, ids: bulk.Ids) -> tuple[Any, list[Any], list[Any]]:
    """The county, its towns and its villages (every fifth village with forest duty)."""
    county = {"id": _uuid(ids), "code": "410182000000", "name": "样例县", "population": 650_000,
              "level": Level.COUNTY, "parent_id": None, "profile_id": "henan-2021-66",
              "flags": []}  # fmt: skip
    towns, villages = [], []
    for t in range(TOWNS):
        town = {"id": _uuid(ids), "code": f"410182{t + 1:03d}000", "name": f"第{t + 1}镇",
                "level": Level.TOWN, "parent_id": county["id"], "population": 20_000,
                "profile_id": None, "flags": ["全国重点镇"] if t < 3 else []}  # fmt: skip
        towns.append(town)
        for v in range(VILLAGES_PER_TOWN):
            villages.append({"id": _uuid(ids), "code": f"{town['code'][:9]}{v + 1:03d}",
                             "name": f"{town['name']}第{v + 1}村", "level": Level.VILLAGE,
                             "parent_id": town["id"], "population": 1000, "profile_id": None,
                             "flags": ["森林防灭火任务"] if v % 5 == 0 else []})  # fmt: skip
    out.insert(OrgUnit, [county, *towns, *villages])
    return county, towns, villages


def _people(out: bulk.Bulk, ids: bulk.Ids, county: Any, towns: list[Any],
            villages: list[Any]) -> int:  # fmt: skip
    """1,000 teams with 20,000 members in all, and the posts of towns and villages."""
    plan = [(county, TeamType.COMPREHENSIVE, Nature.PART_TIME, 60),
            (county, TeamType.FIRE, Nature.FULL_TIME, 200)]  # fmt: skip
    plan += [(town, TeamType.COMPREHENSIVE, Nature.PART_TIME, 25) for town in towns]
    extra = TEAMS - len(plan) - len(villages)
    village_teams = [(v, TeamType.COMPREHENSIVE) for v in villages]
    village_teams += [(villages[k], TEAM_TYPES[k % len(TEAM_TYPES)]) for k in range(extra)]
    left = MEMBERS - sum(p[3] for p in plan)
    plan += [(v, kind, Nature.PART_TIME, left // len(village_teams) + (i < left %
             len(village_teams))) for i, (v, kind) in enumerate(village_teams)]  # fmt: skip
    teams, members, n = [], [], 0
    for k, (unit, team_type, nature, size) in enumerate(plan):
        team_id = _uuid(ids)
        name = f"{unit['name']}{team_type.label}队"
        teams.append({"id": team_id, "code": f"D{k:05d}", "name": name, "unit_id": unit["id"],
                      "team_type": team_type, "nature": nature})  # fmt: skip
        for _ in range(size):
            n += 1
            members.append({"id": _uuid(ids), "team_id": team_id, "name": f"队员{n}",
                            "id_number": f"410182{n:012d}", "nature": nature,
                            "joined_on": date(2021, 1, 1),
                            "left_on": date(2025, 1, 1) if n % 50 == 0 else None})  # fmt: skip
    out.insert(Team, teams)
    out.insert(Member, members)
    kinds = (PostKind.EMERGENCY_OFFICER, PostKind.DISASTER_INFORMANT, PostKind.SAFETY_ADVISOR)
    out.insert(Post, [{"id": _uuid(ids), "unit_id": u["id"], "kind": kind,
                       "name": f"{u['name']}{kind.label}"}
                      for u in [*towns, *villages] for kind in kinds])  # fmt: skip
    return len(members)


def _catalogue(out: bulk.Bulk, ids: bulk.Ids, units: list[Any]) -> tuple[list[Any], list[Any]]:
    """2,000 items (every third stock item perishable), 50 depots and the villages' 5+X kit."""
    items = [{"id": _uuid(ids), "code": f"Z{i:02d}", "name": name, "unit": "台",
              "category": Category.OTHER, "serial_tracked": True, "shelf_life_months": None}
             for i, name in enumerate(KIT)]  # fmt: skip
    categories = (Category.LIVING, Category.FLOOD, Category.OTHER)
    items += [{"id": _uuid(ids), "code": f"W{i:04d}", "name": f"储备物资{i:04d}", "unit": "件",
               "category": categories[i % 3], "serial_tracked": False,
               "shelf_life_months": 24 if i % 3 == 0 else None}
              for i in range(ITEMS - len(KIT))]  # fmt: skip
    out.insert(Item, items)
    # two county depots, one per town, the rest in the first villages
    owners = [units[0], *units][:DEPOTS]
    depots = [{"id": _uuid(ids), "code": f"K{k:04d}", "name": f"{u['name']}仓库{k}",
               "unit_id": u["id"], "kind": "应急物资储备库", "area_m2": Decimal(500)}
              for k, u in enumerate(owners)]  # fmt: skip
    out.insert(Depot, depots)
    kit = [{"id": _uuid(ids), "serial": f"SN{k:06d}", "item_id": items[k % 5]["id"],
            "holder_unit_id": v["id"], "status": "in_stock"}
           for k, v in enumerate(u for u in units if u["level"] is Level.VILLAGE
                                 for _ in KIT) if k % 17]  # fmt: skip
    out.insert(Equipment, kit)
    return items[len(KIT) :], depots


class Held:
    """The items a depot holds now (a plain item above zero, a perishable one with an open lot),
    in the order they came to be held, so an issue picks one at random in constant time."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self.at: dict[Any, int] = {}

    def __bool__(self) -> bool:
        return bool(self.items)

    def pick(self, rng: random.Random) -> Any:
        """One held item, at random."""
        return self.items[rng.randrange(len(self.items))]

    def mark(self, item: Any, holds: bool) -> None:
        """Record whether ``item`` is held after a line moved it."""
        key = item["id"]
        if holds and key not in self.at:
            self.at[key] = len(self.items)
            self.items.append(item)
        elif not holds and key in self.at:
            last = self.items.pop()
            k = self.at.pop(key)
            if last["id"] != key:  # the last one fills the gap
                self.items[k], self.at[last["id"]] = last, k


class Ledger:
    """Documents, lines, movements, balances, chain heads and counters, in stored form."""

    def __init__(self, out: bulk.Bulk, ids: bulk.Ids) -> None:
        self.out, self.ids = out, ids
        self.rng = random.Random(20260601)
        self.stock: dict[tuple[str, str, str], list[Any]] = {}
        self.docs: list[dict[str, Any]] = []
        self.lines: list[tuple[Any, ...]] = []
        self.moves: list[tuple[Any, ...]] = []
        self.line_json = _line_template()
        self.posted_at = bulk._processor("movements", "posted_at")(bulk.AT)
        self.posted_iso = bulk.AT.isoformat(timespec="microseconds")
        _check_stored_forms()

    def write(self, items: list[Any], depots: list[Any], total: int) -> int:
        """``total`` movements in receipts and issues of ten lines, chained per depot."""
        keys = {i["id"]: (i["id"].hex, str(i["id"])) for i in [*items, *depots]}
        counters, heads, written = [], [], 0
        for depot, count, stocked in shares(depots, items, total):
            numbers: dict[tuple[DocType, int], int] = defaultdict(int)
            seq, prev = self._depot(depot, count, stocked, keys, numbers)
            written += seq
            heads.append({"depot_id": depot["id"], "seq": seq, "hash": prev})
            counters += [{"depot_id": depot["id"], "series": k.prefix, "year": y, "last": n}
                         for (k, y), n in numbers.items()]  # fmt: skip
            self._flush()
        self._flush(force=True)
        self.out.insert(ChainHead, heads)
        self.out.insert(DocCounter, counters)
        by_hex = {h: i for i, (h, _) in keys.items()}
        self.out.insert(Balance, [{"id": _uuid(self.ids), "depot_id": by_hex[d],
                                   "item_id": by_hex[i], "lot": lot, "expiry": v[0],
                                   "quantity": Decimal(v[1])}
                                  for (d, i, lot), v in self.stock.items()])  # fmt: skip
        return written

    def _depot(self, depot: Any, count: int, stocked: list[Any], keys: dict[Any, Any],
               numbers: dict[Any, int]) -> tuple[int, str]:  # fmt: skip
        rng, days = self.rng, (ON - date(2021, 1, 1)).days
        depot_hex, depot_s = keys[depot["id"]]
        open_lots: dict[Any, list[str]] = defaultdict(list)
        held = Held()
        seq, prev = 0, bulk.GENESIS
        while seq < count:
            day = date(2021, 1, 1) + timedelta(days=days * seq // max(count, 1))
            day_s = day.isoformat()
            kind = DocType.ISSUE if seq and held and rng.random() < 0.5 else DocType.RECEIPT
            numbers[(kind, day.year)] += 1
            doc_hex = self.ids.hex()
            doc_s = bulk.dashed(doc_hex)
            number = f"{kind.prefix}-{day.year}-{numbers[(kind, day.year)]:05d}"
            self.docs.append({"id": uuid.UUID(hex=doc_hex), "doc_type": kind, "number": number,
                              "depot_id": depot["id"], "doc_date": day, "posted_at": bulk.AT,
                              "posted_by": "bench"})  # fmt: skip
            for line_no in range(1, min(10, count - seq) + 1):
                if kind is DocType.ISSUE:
                    if not held:
                        break  # the depot is empty: a shorter issue, the rest in the next
                    item = held.pick(rng)
                else:
                    item = stocked[rng.randrange(len(stocked))]
                    if len(open_lots[item["id"]]) >= 2:
                        item = stocked[1]  # enough lots of that one: receive a plain item
                lot, qty = self._line(kind, item, day, open_lots, depot_hex, keys)
                item_hex, item_s = keys[item["id"]]
                entry = self.stock[(depot_hex, item_hex, lot)]
                entry[1] += qty
                held.mark(item, entry[1] > 0 if lot == "" else bool(open_lots[item["id"]]))
                expiry = entry[0]
                exp_s = expiry.isoformat() if expiry else None
                seq += 1
                line_hex, move_hex = self.ids.hex(), self.ids.hex()
                line_s, stored_qty = bulk.dashed(line_hex), abs(qty) * QTY_SCALE
                self.lines.append(
                    (line_hex, doc_hex, line_no, item_hex, lot, exp_s, stored_qty, "", "")
                )
                after = self.line_json % (doc_s, f'"{exp_s}"' if exp_s else "null", line_s,
                                          item_s, line_no, lot, abs(qty))  # fmt: skip
                self.out.audit("document_lines", line_hex, line_s, after)
                link = "|".join((prev, str(seq), depot_s, item_s, lot, exp_s or "", str(qty),
                                 day_s, self.posted_iso, doc_s, line_s))  # fmt: skip
                hashed = hashlib.sha256(link.encode()).hexdigest()
                stored = (move_hex, doc_hex, line_hex, depot_hex, item_hex, lot, exp_s,
                          qty * QTY_SCALE, day_s, self.posted_at, seq, prev, hashed)  # fmt: skip
                self.moves.append(stored)
                prev = hashed
        return seq, prev

    def _line(self, kind: DocType, item: Any, day: date, open_lots: dict[Any, list[str]],
              depot: str, keys: dict[Any, Any]) -> tuple[str, int]:  # fmt: skip
        """The lot and signed quantity of one line, as a keeper would post it.

        Items without a shelf life are kept without lot numbers. Perishable ones come in lots
        with an expiry and go out first-expiring-first-out; an expired lot, the oldest of more
        than two, and often any lot are taken out whole, so a depot holds a few lots of each.
        An issue's item is one the depot holds (:class:`Held`), so every issue line takes out.
        """
        rng, stock, item_hex = self.rng, self.stock, keys[item["id"]][0]
        lots = open_lots[item["id"]]
        if not item["shelf_life_months"]:
            held = stock.setdefault((depot, item_hex, ""), [None, 0])[1]
            if kind is DocType.ISSUE:
                return "", -min(held, rng.randint(20, 200))
            return "", rng.randint(20, 200)
        if kind is DocType.ISSUE:
            lot = min(lots, key=lambda name: stock[(depot, item_hex, name)][0])
            expiry, held = stock[(depot, item_hex, lot)]
            whole = expiry < day or len(lots) > 2 or rng.random() < 0.5
            take = held if whole else min(held, rng.randint(20, 200))
            if take == held:
                lots.remove(lot)
            return lot, -take
        lot = f"L{day:%y%m%d}{len(stock) % 1000:03d}"
        stock[(depot, item_hex, lot)] = [day + timedelta(days=30 * item["shelf_life_months"]), 0]
        lots.append(lot)
        return lot, rng.randint(20, 200)

    def _flush(self, force: bool = False) -> None:
        if len(self.moves) < bulk.BATCH and not force:
            return
        self.out.insert(Document, self.docs)
        self.out.rows("document_lines", LINE_COLUMNS, self.lines)
        self.out.rows("movements", MOVE_COLUMNS, self.moves)
        self.docs, self.lines, self.moves = [], [], []


def _line_template() -> str:
    """A line's audit ``after`` as compact sorted JSON, with %-fields for what varies."""
    keys = {a.key for a in inspect(DocumentLine).column_attrs}
    if keys != LINE_KEYS:
        raise SystemExit(f"document_lines has other columns now ({keys ^ LINE_KEYS}): "
                         "update bench/county.py's line template")  # fmt: skip
    varying = {"document_id": '"@s"', "expiry": "@s", "id": '"@s"', "item_id": '"@s"',
               "line_no": "@d", "lot": '"@s"', "quantity": '"@d"'}  # fmt: skip
    sample = {"unit_price": None, "serials": "", "reason": None, "override_reason": "",
              "book_quantity": None, "counted_quantity": None}  # fmt: skip
    sample.update({k: f"@@{k}@@" for k in varying})
    text = json.dumps(sample, **bulk.JSON_OPTS).replace("%", "%%")
    for key, form in varying.items():
        text = text.replace(f'"@@{key}@@"', form.replace('"@', '"%').replace("@", "%"))
    return text


def _check_stored_forms() -> None:
    """The stored forms the fast path writes are what the column types would store."""
    day = date(2026, 3, 1)
    assert bulk._processor("movements", "occurred_on")(day) == day.isoformat()
    assert bulk._processor("movements", "quantity")(Decimal(-150)) == -150 * QTY_SCALE
    probe = uuid.uuid4()
    assert bulk._processor("movements", "id")(probe) == probe.hex
    assert bulk.dashed(probe.hex) == str(probe)


def main() -> int:
    """Build the county (into the cache, or ``--db``), verify it, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--movements", type=int, default=MOVEMENTS)
    parser.add_argument("--db", type=Path, help="build here (default: the cache)")
    parser.add_argument("--force", action="store_true", help="rebuild even when current")
    parser.add_argument("--no-verify", action="store_true", help="leave ledger verify out")
    args = parser.parse_args()
    path = args.db or cache_dir() / f"county-{args.movements}.db"
    if args.force:
        path.with_suffix(".json").unlink(missing_ok=True)
    path, note = cached(args.movements, path, check=not args.no_verify)
    print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
