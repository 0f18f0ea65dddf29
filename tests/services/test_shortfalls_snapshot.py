"""The demo county's findings equal a snapshot taken before the check was made faster.

The snapshot (``shortfalls_demo.json.gz`` beside this file) holds every finding of the demo
county (seed 7) under each shipped profile and under the bound profiles, on three dates: the
demo's reference day, half a year before it (stock rebuilt from later movements) and a quarter
after (lots expired or expiring), with office minimums and per-person amounts set so that the
stock sums are compared too. Ids differ between builds, so records are named by their label,
or an item by its code. Regenerate only on purpose, with
``python -m tests.services.test_shortfalls_snapshot | gzip -9n > FILE``.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger.core.actor import SYSTEM
from ledger.models import Balance, Depot, Item, OrgUnit
from ledger.models.engine import Database, open_database
from ledger.norms.model import Finding
from ledger.services.norms import profiles as norm_profiles
from ledger.services.norms import settings as norm_settings
from ledger.services.norms.shortfalls import check

SNAPSHOT = Path(__file__).with_name("shortfalls_demo.json.gz")
DEMO_DAY = date(2026, 11, 25)
DATES = (DEMO_DAY, DEMO_DAY - timedelta(days=183), DEMO_DAY + timedelta(days=92))
PROFILES = (None, *sorted(p.stem for p in norm_profiles.shipped_dir().glob("*.toml")))


def _row(finding: Finding, items: dict[Any, str]) -> list[Any]:
    def text(value: object) -> str | None:
        return None if value is None else str(value)

    records = [
        [r.kind, r.label or (items.get(r.id, "?") if r.kind == "item" else "")]
        for r in finding.records
    ]
    return [
        finding.unit_code,
        finding.profile,
        finding.rule_id,
        finding.kind,
        finding.subject,
        text(finding.required),
        text(finding.actual),
        text(finding.gap),
        finding.severity.value,
        finding.measure,
        finding.detail,
        text(finding.effective),
        finding.range_text,
        records,
    ]


def _ordered(rows: list[list[Any]]) -> list[list[Any]]:
    """Rows in the check's order of units and rules, those of one unit and rule sorted.

    Within a rule the check lists records (lots, certificates …) in the order the database
    returns them, which no one promised; the order of units and rules is the check's own.
    """
    first: dict[tuple[Any, ...], int] = {}
    for row in rows:
        first.setdefault((row[0], row[1], row[2]), len(first))
    return sorted(rows, key=lambda r: (first[(r[0], r[1], r[2])], json.dumps(r)))


def snapshot(session: Session) -> dict[str, Any]:
    """Every finding of every checked date and profile, as plain JSON values."""
    items = {i.id: i.code for i in session.scalars(select(Item))}
    found: dict[str, Any] = {}
    for on in DATES:
        for profile in PROFILES:
            result = check(session, SYSTEM, on=on, profile_id=profile)
            found[f"{on} {profile or 'bound'}"] = {
                "findings": _ordered([_row(x, items) for x in result.findings]),
                "units": [[u.code, u.effective_profile] for u in result.units],
                "unbound": list(result.unbound),
            }
    return found


def build(template: Path, folder: Path) -> Database:
    """The demo county (seed 7) in a copy of the migrated template."""
    from ledger.services.demo import build_demo

    path = folder / "demo.db"
    shutil.copy(template, path)
    database = open_database(path)
    with database.transaction(SYSTEM) as session:
        build_demo(session, SYSTEM, seed=7, today=DEMO_DAY)
        settings(session)
    return database


def settings(session: Session) -> None:
    """Office settings that make the stock sums count: minimums and per-person amounts.

    Every depot gets a minimum (40 to 120) of each item it has held; the county office sets 0.01 per
    person and day of every item it may for each scaled reserve rule of every shipped profile.
    """
    held = session.execute(
        select(Depot.code, Item.code)
        .join(Balance, Balance.depot_id == Depot.id)
        .join(Item, Item.id == Balance.item_id)
        .distinct()
        .order_by(Depot.code, Item.code)
    ).all()
    for n, (depot, item) in enumerate(held):
        norm_settings.set_minimum(session, SYSTEM, depot, item, 40 + n % 5 * 20)
    county = session.scalars(select(OrgUnit).where(OrgUnit.parent_id.is_(None))).one()
    items = sorted(session.scalars(select(Item)), key=lambda i: i.code)
    for profile in PROFILES[1:]:
        for rule in norm_settings.scaled_rules(profile):  # type: ignore[arg-type]
            for item in items:
                if rule.category is not None and item.category is not rule.category:
                    continue
                norm_settings.set_per_capita(session, SYSTEM, county.id, rule, item.id, "0.01")


@pytest.fixture(scope="module")
def demo(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The demo county, built once for this module."""
    database = build(sqlite_template, tmp_path_factory.mktemp("demo"))
    yield database
    database.dispose()


def test_the_demo_findings_are_those_of_the_snapshot(demo: Database) -> None:
    expected = json.loads(gzip.decompress(SNAPSHOT.read_bytes()))
    with demo.read() as session:
        got = json.loads(json.dumps(snapshot(session), ensure_ascii=False))
    assert sorted(got) == sorted(expected)
    for key in expected:
        assert got[key] == expected[key], key
    assert sum(len(v["findings"]) for v in expected.values()) > 500


def main() -> None:
    """Print the snapshot of a freshly built demo county."""
    with tempfile.TemporaryDirectory() as folder:
        template = Path(folder) / "template.db"
        open_database(template).dispose()
        database = build(template, Path(folder))
        with database.read() as session:
            data = snapshot(session)
        database.dispose()
    json.dump(data, sys.stdout, ensure_ascii=False, indent=0)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
