"""bench/county.py builds a ledger a posting could have made: issues only take out, verify clean."""

from __future__ import annotations

import random
import sqlite3
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import county  # noqa: E402

from ledger.models.engine import open_database  # noqa: E402


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    """A small county (3,000 movements), verified by the builder."""
    path = tmp_path_factory.mktemp("county") / "county.db"
    return path, county.make(path, 3000, check=True)


def test_the_county_verifies_clean_with_the_movements_asked(
    built: tuple[Path, dict[str, object]],
) -> None:
    path, made = built
    assert made["discrepancies"] == 0
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT count(*) FROM movements").fetchone() == (3000,)
    raw.close()


def test_an_issue_only_takes_out_and_issues_lots_first_expiring_first(
    built: tuple[Path, dict[str, object]],
) -> None:
    raw = sqlite3.connect(built[0])
    rows = dict(
        raw.execute(
            "SELECT d.doc_type, sum(m.quantity > 0) FROM movements m "
            "JOIN documents d ON d.id = m.document_id GROUP BY d.doc_type"
        ).fetchall()
    )
    lots_out = raw.execute(
        "SELECT count(*) FROM movements m JOIN documents d ON d.id = m.document_id "
        "WHERE d.doc_type = 'issue' AND m.lot <> '' AND m.expiry IS NOT NULL"
    ).fetchone()[0]
    empty = raw.execute(
        "SELECT count(*) FROM documents d WHERE NOT EXISTS "
        "(SELECT 1 FROM document_lines l WHERE l.document_id = d.id)"
    ).fetchone()[0]
    raw.close()
    assert rows["issue"] == 0
    assert rows["receipt"] > 0
    assert lots_out > 0  # perishable lots go out too
    assert empty == 0


def test_the_county_has_the_current_schema_and_opens_with_its_copied_key(
    built: tuple[Path, dict[str, object]], tmp_path: Path
) -> None:
    copy = county.copy(built[0], tmp_path / "copy.db")
    db = open_database(copy)  # sealed ID numbers: refused without the key beside it
    try:
        with db.read() as session:
            heads = session.connection().exec_driver_sql("SELECT version_num FROM alembic_version")
            assert {row[0] for row in heads} == set(county.SCHEMA_HEADS)
    finally:
        db.dispose()


def test_held_picks_only_what_is_held() -> None:
    held = county.Held()
    items = [{"id": k} for k in range(5)]
    for item in items:
        held.mark(item, True)
    held.mark(items[1], False)
    held.mark(items[4], False)
    held.mark(items[2], True)  # held already: once
    rng = random.Random(1)
    assert {held.pick(rng)["id"] for _ in range(200)} == {0, 2, 3}
    for item in items:
        held.mark(item, False)
    assert not held
