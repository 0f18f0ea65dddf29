"""Readiness (应急推演) speed: the plan for the whole large county, beside the raw reads it needs.

    python bench/readiness.py                 # the cached county of bench/county.py
    python bench/readiness.py --db FILE       # another county database

The county holds no per-person amounts, so the run sets some at the county office (the 20
living items with the most stock, water and food per person a day, the rest once per person,
plus the serial items) and places every unit and depot (towns scattered over 60 km, villages
and depots near their town, as an office that recorded coordinates has them, so the other
towns' depots are ordered by distance) inside a transaction it rolls back at the end: the
cached county is left as it was. Then ``ledger.services.readiness.plan`` runs for the whole
county (5,000 people, 15 days, the day after the last movement) and for one village (its own
depots first, then its town's, the county's and the other towns' nearest first), each timed
over a few runs. The baseline is sqlite3 alone doing the reads the plan needs: the units and
depots, the amounts, the items' lots and minimums, the movements after the date, equipment in
stock, agreements, and the teams with their member counts and equipment.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))

import check
import county

from ledger.models import Depot, Item, OrgUnit
from ledger.models.engine import Database, open_database
from ledger.models.norms import PerCapitaAmount
from ledger.services import readiness

TARGET_MS = 200.0
PEOPLE, DAYS = 5000, 15


def _amounts(session: Session) -> str:
    """Set per-person amounts at the county office (rolled back by the caller); its code."""
    top = session.scalars(select(OrgUnit).where(OrgUnit.parent_id.is_(None))).first()
    assert top is not None
    stocked = session.execute(
        text(
            "SELECT i.id FROM balances b JOIN items i ON i.id = b.item_id "
            "WHERE i.category = 'living' AND b.quantity > 0 GROUP BY i.id "
            "ORDER BY sum(b.quantity) DESC LIMIT 20"
        )
    ).scalars()
    ids = [Item.id.type.python_type(hex=x) if isinstance(x, str) else x for x in stocked]
    ids += list(session.scalars(select(Item.id).where(Item.serial_tracked)))
    for n, item_id in enumerate(ids):
        session.add(
            PerCapitaAmount(
                unit_id=top.id,
                profile_id="bench",
                rule_id="bench",
                item_id=item_id,
                amount=Decimal("0.5") if n < 4 else Decimal("0.01"),
                per_day=n < 4,
            )
        )
    session.flush()
    return top.code


def _places(session: Session) -> None:
    """Coordinates for every unit and depot (rolled back by the caller): each town somewhere in
    a 60 km square, what is below it within 4 km of it, the county's depots at its seat."""
    rng = random.Random(21)
    units = session.execute(select(OrgUnit.id, OrgUnit.parent_id, OrgUnit.level)).all()
    parent = {u.id: u.parent_id for u in units}
    seat: dict[object, tuple[float, float]] = {}
    for u in sorted(units, key=lambda u: u.level.rank):
        above = seat.get(u.parent_id)
        if above is None or u.level.rank <= 2:
            seat[u.id] = (34.75, 113.95) if above is None else above
        elif u.level.rank == 3:
            seat[u.id] = (34.5 + rng.random() * 0.54, 113.6 + rng.random() * 0.66)
        else:
            seat[u.id] = (
                above[0] + rng.uniform(-0.036, 0.036),
                above[1] + rng.uniform(-0.044, 0.044),
            )
    for u in units:
        lat, lon = seat[u.id]
        session.execute(
            update(OrgUnit)
            .where(OrgUnit.id == u.id)
            .values(latitude=Decimal(f"{lat:.6f}"), longitude=Decimal(f"{lon:.6f}"))
        )
    for depot_id, unit_id in session.execute(select(Depot.id, Depot.unit_id)).all():
        lat, lon = seat.get(unit_id) or seat[parent[unit_id]]
        session.execute(
            update(Depot)
            .where(Depot.id == depot_id)
            .values(
                latitude=Decimal(f"{lat + rng.uniform(-0.003, 0.003):.6f}"),
                longitude=Decimal(f"{lon + rng.uniform(-0.003, 0.003):.6f}"),
            )
        )
    session.flush()


def time_plans(db: Database, runs: int = 5) -> dict[str, object]:
    """Wall times (ms) of the county's and a village's plans, and what the county's found."""
    with Session(db.engine) as session:
        code = _amounts(session)
        _places(session)
        village = session.scalars(
            select(OrgUnit.code).where(OrgUnit.level == "village").order_by(OrgUnit.code)
        ).first()
        assert village is not None
        readiness.plan(session, [code], PEOPLE, DAYS, check.ON)  # statements compiled
        whole, one = [], []
        for _ in range(runs):
            start = time.perf_counter()
            found = readiness.plan(session, [code], PEOPLE, DAYS, check.ON)
            whole.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            readiness.plan(session, [village], PEOPLE, DAYS, check.ON)
            one.append((time.perf_counter() - start) * 1000)
        session.rollback()
    return {
        "county_ms": statistics.median(whole),
        "village_ms": statistics.median(one),
        "items": len(found.needs),
        "allocations": sum(len(n.allocations) for n in found.needs),
        "teams": len(found.teams),
        "short": len(found.short),
    }


def time_raw(path: Path, runs: int = 5) -> float:
    """sqlite3 alone doing the plan's reads (median ms)."""
    raw = sqlite3.connect(path)
    ids = [
        r[0]
        for r in raw.execute(
            "SELECT i.id FROM balances b JOIN items i ON i.id = b.item_id "
            "WHERE i.category = 'living' AND b.quantity > 0 GROUP BY i.id "
            "ORDER BY sum(b.quantity) DESC LIMIT 20"
        )
    ]
    ids += [r[0] for r in raw.execute("SELECT id FROM items WHERE serial_tracked")]
    marks = ",".join("?" * len(ids))
    on = check.ON.isoformat()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        units = raw.execute(
            "SELECT id, code, name, level, parent_id, latitude, longitude FROM org_units"
        ).fetchall()
        raw.execute("SELECT id, code, name, unit_id, latitude, longitude FROM depots").fetchall()
        raw.execute("SELECT unit_id, item_id, amount, per_day FROM per_capita_amounts").fetchall()
        raw.execute(f"SELECT * FROM items WHERE id IN ({marks})", ids).fetchall()
        raw.execute(
            "SELECT depot_id, item_id, lot, expiry, quantity FROM balances "
            f"WHERE item_id IN ({marks}) AND quantity != 0",
            ids,
        ).fetchall()
        raw.execute(
            "SELECT depot_id, item_id, lot, sum(quantity), max(expiry) FROM movements "
            f"WHERE item_id IN ({marks}) AND occurred_on > ? GROUP BY depot_id, item_id, lot",
            [*ids, on],
        ).fetchall()
        raw.execute(
            f"SELECT depot_id, item_id, quantity FROM stock_minimums WHERE item_id IN ({marks})",
            ids,
        ).fetchall()
        raw.execute(
            "SELECT holder_depot_id, item_id, serial FROM equipment "
            f"WHERE item_id IN ({marks}) AND holder_depot_id IS NOT NULL "
            "AND status = 'in_stock' ORDER BY serial",
            ids,
        ).fetchall()
        raw.execute(
            "SELECT l.item_id, l.quantity, a.*, c.* FROM reserve_agreement_lines l "
            "JOIN reserve_agreements a ON a.id = l.agreement_id "
            f"JOIN counterparties c ON c.id = a.counterparty_id WHERE l.item_id IN ({marks})",
            ids,
        ).fetchall()
        unit_ids = [u[0] for u in units]
        team_ids = [
            r[0]
            for r in raw.execute(
                f"SELECT * FROM teams WHERE unit_id IN ({','.join('?' * len(unit_ids))})",
                unit_ids,
            )
        ]
        team_marks = ",".join("?" * len(team_ids))
        raw.execute(
            f"SELECT team_id, count(*) FROM members WHERE team_id IN ({team_marks}) "
            "AND (joined_on IS NULL OR joined_on <= ?) AND (left_on IS NULL OR left_on > ?) "
            "GROUP BY team_id",
            [*team_ids, on, on],
        ).fetchall()
        raw.execute(
            "SELECT e.holder_team_id, i.name, i.unit, count(*) FROM equipment e "
            f"JOIN items i ON i.id = e.item_id WHERE e.holder_team_id IN ({team_marks}) "
            "AND e.status IN ('in_stock', 'in_use') GROUP BY e.holder_team_id, i.name, i.unit",
            team_ids,
        ).fetchall()
        times.append((time.perf_counter() - start) * 1000)
    raw.close()
    return statistics.median(times)


def main() -> int:
    """Time the plans on the cached county (or ``--db``) and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="county database (default: bench/county.py's)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = args.db or county.cached(check=False)[0]
    db = open_database(path)
    try:
        got = time_plans(db, args.runs)
    finally:
        db.dispose()
    base = time_raw(path, args.runs)
    print(
        f"readiness, whole county ({got['items']} items, {got['allocations']} allocation lines, "
        f"{got['teams']} teams, {got['short']} short): {got['county_ms']:.1f} ms "
        f"(target {TARGET_MS:.0f}); one village {got['village_ms']:.1f} ms; "
        f"sqlite3 reads {base:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
