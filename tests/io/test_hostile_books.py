"""A hostile workbook's recorded size, merges or far cell cannot make the import eat the memory.

Each import runs in a child process whose address space is capped (RLIMIT_AS), so a
regression fails the test instead of aborting pytest (calamine aborts the whole process when
it cannot allocate).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ledger
from ledger.models.engine import open_database
from tests.io.books import snapshot
from tests.io.hostile import sheet_xml, write

ROOT = Path(ledger.__file__).resolve().parents[1]
LIMIT = 3 << 30  # 3 GiB: the import of a small workbook needs a fraction of it
IMPORT = """
import json, resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[3]), int(sys.argv[3])))
from ledger.core.actor import SYSTEM
from ledger.io.importer import import_workbook
from ledger.models.engine import open_database
db = open_database(sys.argv[1])
result = import_workbook(db, SYSTEM, Path(sys.argv[2]))
db.dispose()
print(json.dumps([[e.sheet, e.row, e.column, e.reason] for e in result.errors]))
"""
HEAD = (1, [("A1", "仓库编号"), ("B1", "物资编码"), ("C1", "数量")])
ROW = (2, [("A2", "K01"), ("B2", "001"), ("C2", 5)])
FAR = (1048576, [("XFD1048576", "x")])


def import_limited(db_path: Path, book: Path) -> list[list[object]]:
    """The import's errors, run in a child process with its memory capped."""
    run = subprocess.run(
        [sys.executable, "-c", IMPORT, str(db_path), str(book), str(LIMIT)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    errors: list[list[object]] = json.loads(run.stdout.strip().splitlines()[-1])
    return errors


def _counts(path: Path) -> dict[str, int]:
    db = open_database(path)
    try:
        return snapshot(db)
    finally:
        db.dispose()


@pytest.fixture
def db_path(sqlite_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "ledger.db"
    shutil.copy(sqlite_template, path)
    return path


@pytest.mark.parametrize(
    "sheet",
    [
        sheet_xml([HEAD, ROW, FAR]),  # one far cell, no recorded size
        sheet_xml([HEAD, ROW, FAR], dimension="A1:C2"),  # a recorded size that hides it
    ],
    ids=["no dimension", "small dimension"],
)
def test_a_cell_at_the_sheets_far_corner_is_refused_naming_the_sheet(
    db_path: Path, tmp_path: Path, sheet: str
) -> None:
    book = write(tmp_path / "far.xlsx", sheet)
    assert book.stat().st_size < 20_000
    before = _counts(db_path)
    errors = import_limited(db_path, book)
    assert _counts(db_path) == before
    assert len(errors) == 1
    title, row, _, reason = errors[0]
    assert title == "期初库存" and row is None
    assert "XFD1048576" in str(reason) and "最多 256 列" in str(reason)


@pytest.mark.parametrize(
    ("dimension", "merge"),
    [("A1:XFD1048576", None), (None, "A5:XFD1048576"), (None, "D1:XFD1048576")],
    ids=["lying dimension", "merge over the body", "merge over the header"],
)
def test_a_lying_size_or_a_merge_over_the_sheet_reads_only_the_real_cells(
    db_path: Path, tmp_path: Path, dimension: str | None, merge: str | None
) -> None:
    book = write(tmp_path / "lie.xlsx", sheet_xml([HEAD, ROW], dimension=dimension, merge=merge))
    errors = import_limited(db_path, book)
    # the one row was read: what is wrong with it is that K01 and 001 are not in the ledger
    assert errors and all(e[0] == "期初库存" and e[1] == 2 for e in errors), errors
