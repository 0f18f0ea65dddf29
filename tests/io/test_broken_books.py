"""Broken workbooks never crash the import: they give errors and leave the database as it was."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.core.actor import SYSTEM
from ledger.io.importer import import_workbook
from ledger.io.schema import SHEETS
from ledger.models.engine import Database
from tests.io.books import VALID, snapshot, write_book

_SHEET_NAMES = [s.name for s in SHEETS]
_JUNK = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=False),
    st.dates(),
    st.booleans(),
    st.sampled_from(["#N/A", "　", "０１", "2027-02-30", "是", "县", "防汛", "=1/0", "'001"]),
)


@st.composite
def broken_books(draw: st.DrawFn) -> dict[str, list[list[Any]]]:
    """The valid county with cells replaced by junk, and at least one certain error."""
    sheets = {name: [list(row) for row in rows] for name, rows in VALID.items()}
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        name = draw(st.sampled_from(_SHEET_NAMES))
        rows = sheets[name]
        row = draw(st.integers(min_value=0, max_value=len(rows)))
        if row == len(rows):
            rows.append([draw(_JUNK) for _ in rows[0]])
        else:
            rows[row][draw(st.integers(0, len(rows[row]) - 1))] = draw(_JUNK)
    # a certain error, so the workbook as a whole is never valid
    sheets["物资目录"].append(["X-1", "某物资", "", "条", "不存在的类别", None, None, "否"])
    return sheets


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(book=broken_books())
def test_a_broken_workbook_gives_errors_and_changes_nothing(
    sqlite_db: Database, book: dict[str, list[list[Any]]]
) -> None:
    before = snapshot(sqlite_db)
    with tempfile.TemporaryDirectory() as folder:
        result = import_workbook(sqlite_db, SYSTEM, write_book(Path(folder) / "b.xlsx", book))
    assert result.errors
    assert all(e.reason for e in result.errors)
    assert snapshot(sqlite_db) == before


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=3000), zipped=st.booleans())
def test_random_bytes_are_refused_without_a_crash(
    sqlite_db: Database, data: bytes, zipped: bool
) -> None:
    before = snapshot(sqlite_db)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.xlsx"
        path.write_bytes((b"PK\x03\x04" if zipped else b"") + data)
        result = import_workbook(sqlite_db, SYSTEM, path)
    assert result.errors
    assert snapshot(sqlite_db) == before
