"""A large county for the benchmarks, built in bulk deterministically; `ledger verify` clean.

    python bench/county.py                       # 30 towns, 600 villages, 1,000 teams,
                                                 # 20,000 members, 50 depots, 2,000 items,
                                                 # 1,000,000 movements; then ledger verify
    python bench/county.py --movements 50000 --db /tmp/county.db

The bulk path (documented here, used by ``bench/run.py``): rows are written straight into the
tables with ``insert(Model)`` executemany batches, as ``bench/check.py`` does, and its ledger
builder is reused unchanged (receipts and issues of ten lines, lots with expiries for the
perishable items, each depot's movements chained by ``movement_hash``, balances the sums of
the movements, chain heads at the last link). What posting would add besides, and
``ledger verify`` checks, is written too: every inserted record of an audited table (units,
teams, members, posts, items, depots, equipment, documents and their lines) gets its
``insert`` audit row, with the record's full columns (defaults filled in, as the ORM listener
records them) chained by ``row_hash`` from the audit head, and the head is moved to the last.
The random generator is seeded, so two builds hold the same ledger (ids differ).
"""

from __future__ import annotations

import argparse
import sys
import time
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import check
from sqlalchemy import insert, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ledger.core.actor import SYSTEM
from ledger.core.enums import Category, Level, Nature, PostKind, TeamType
from ledger.models import AuditHead, AuditRow, Depot, Equipment, Item, Member, Post, Team
from ledger.models.audit import GENESIS, UNAUDITED, plain, row_hash
from ledger.models.base import Base
from ledger.models.engine import Database, open_database
from ledger.services import verify

TEAMS, MEMBERS, DEPOTS, ITEMS, MOVEMENTS = 1_000, 20_000, 50, 2_000, 1_000_000
BATCH = 20_000
AT = datetime(2026, 6, 1, 8, tzinfo=UTC)
TEAM_TYPES = (TeamType.FLOOD, TeamType.FOREST_FIRE, TeamType.GEOHAZARD, TeamType.COMMS)


class AuditedConnection:
    """A connection whose ``execute(insert(Model), rows)`` also writes the rows' audit rows."""

    def __init__(self, conn: Connection, prev: str) -> None:
        self.conn, self.prev = conn, prev
        self.models = {m.class_.__tablename__: m.class_ for m in Base.registry.mappers}
        self.pending: list[dict[str, Any]] = []
        self.columns: dict[str, list[tuple[str, Any]]] = {}
        self.written = 0

    def execute(self, statement: Any, rows: Any = None) -> Any:
        """Run ``statement``; for a bulk insert into an audited table, audit each row first."""
        name = getattr(statement, "table", None)
        if rows and name is not None and name.name not in UNAUDITED:
            self._audit(self.models[name.name], rows if isinstance(rows, list) else [rows])
        return (
            self.conn.execute(statement, rows) if rows is not None else self.conn.execute(statement)
        )

    def _defaults(self, model: Any) -> list[tuple[str, Any]]:
        if model.__tablename__ not in self.columns:
            spec = []
            for attr in inspect(model).column_attrs:
                column = attr.columns[0]
                if column.default is not None:
                    spec.append((attr.key, column.default))
                elif column.server_default is None:
                    spec.append((attr.key, None))
            self.columns[model.__tablename__] = spec
        return self.columns[model.__tablename__]

    def _audit(self, model: Any, rows: list[dict[str, Any]]) -> None:
        spec, table = self._defaults(model), model.__tablename__
        for row in rows:
            for key, default in spec:
                if key not in row:
                    if default is None:
                        row[key] = None
                    else:
                        row[key] = default.arg if default.is_scalar else default.arg(None)
            after = {key: plain(value) for key, value in row.items()}
            entry = SimpleNamespace(at=AT, actor="bench", action="insert", table=table,
                                    row_id=row.get("id"), before=None, after=after,
                                    prev_hash=self.prev)  # fmt: skip
            entry.hash = self.prev = row_hash(self.prev, entry)  # type: ignore[arg-type]
            self.pending.append(vars(entry))
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Insert the audit rows gathered so far."""
        if self.pending:
            self.conn.execute(insert(AuditRow), self.pending)
            self.written += len(self.pending)
            self.pending = []


def _people(conn: Any, county: Any, towns: list[Any], villages: list[Any]) -> int:
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
        team_id = uuid.uuid4()
        name = f"{unit['name']}{team_type.label}队"
        teams.append({"id": team_id, "code": f"D{k:05d}", "name": name,
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


def _catalogue(conn: Any, units: list[Any]) -> tuple[list[Any], list[Any]]:
    """2,000 items (every third stock item perishable), 50 depots and the villages' 5+X kit."""
    items = [{"id": uuid.uuid4(), "code": f"Z{i:02d}", "name": name, "unit": "台",
              "category": Category.OTHER, "serial_tracked": True, "shelf_life_months": None}
             for i, name in enumerate(check.KIT)]  # fmt: skip
    categories = (Category.LIVING, Category.FLOOD, Category.OTHER)
    items += [{"id": uuid.uuid4(), "code": f"W{i:04d}", "name": f"储备物资{i:04d}", "unit": "件",
               "category": categories[i % 3], "serial_tracked": False,
               "shelf_life_months": 24 if i % 3 == 0 else None}
              for i in range(ITEMS - len(check.KIT))]  # fmt: skip
    conn.execute(insert(Item), items)
    # two county depots, one per town, the rest in the first villages (check._shares' order)
    owners = [units[0], *units][:DEPOTS]
    depots = [{"id": uuid.uuid4(), "code": f"K{k:04d}", "name": f"{u['name']}仓库{k}",
               "unit_id": u["id"], "kind": "应急物资储备库", "area_m2": Decimal(500)}
              for k, u in enumerate(owners)]  # fmt: skip
    conn.execute(insert(Depot), depots)
    kit = [{"id": uuid.uuid4(), "serial": f"SN{k:06d}", "item_id": items[k % 5]["id"],
            "holder_unit_id": v["id"], "status": "in_stock"}
           for k, v in enumerate(u for u in units if u["level"] is Level.VILLAGE
                                 for _ in check.KIT) if k % 17]  # fmt: skip
    conn.execute(insert(Equipment), kit)
    return items[len(check.KIT) :], depots


def build(db: Database, movements: int = MOVEMENTS, profile: str = "henan-2021-66") -> dict:
    """Write the county into ``db``; return what was written."""
    with db.transaction(SYSTEM) as session:
        head = session.get(AuditHead, 1)
        conn = AuditedConnection(session.connection(), head.hash if head else GENESIS)
        county, towns, villages = check._units(conn, profile)  # type: ignore[arg-type]
        members = _people(conn, county, towns, villages)
        items, depots = _catalogue(conn, [county, *towns, *villages])
        written = check._ledger(conn, items, depots, movements)  # type: ignore[arg-type]
        conn.flush()
        _move_head(session, conn.prev)
    return {"towns": len(towns), "villages": len(villages), "teams": TEAMS, "members": members,
            "depots": len(depots), "items": len(items) + len(check.KIT), "movements": written,
            "audit_rows": conn.written}  # fmt: skip


def _move_head(session: Session, last: str) -> None:
    head = session.get(AuditHead, 1)
    if head is None:
        session.add(AuditHead(id=1, hash=last))
    else:
        head.hash = last


def run_verify(db: Database) -> list[verify.Discrepancy]:
    """``ledger verify``'s checks over the whole database."""
    with db.read() as session:
        return verify.verify(session)


def main() -> int:
    """Build the county into ``--db`` (a new file), verify it, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--movements", type=int, default=MOVEMENTS)
    parser.add_argument("--db", type=Path, default=Path("/tmp/bench-county.db"))
    parser.add_argument("--no-verify", action="store_true")
    args = parser.parse_args()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    db = open_database(args.db)
    start = time.perf_counter()
    made = build(db, args.movements)
    print(f"built {made} in {time.perf_counter() - start:.1f} s into {args.db}")
    found = []
    if not args.no_verify:
        start = time.perf_counter()
        found = run_verify(db)
        print(f"ledger verify: {len(found)} discrepancies in {time.perf_counter() - start:.1f} s")
        for d in found[:10]:
            print(f"  {d.kind} {d.table} {d.row} {d.detail}")
    db.dispose()
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
