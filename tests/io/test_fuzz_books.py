"""Mutated workbooks (byte flips, truncations, XML damage, junk values) through the importer:
no traceback, no crash, no partial write. ``LEDGER_FUZZ_WORKBOOKS=2000`` runs the long version
(about a minute on an idle machine); the normal suite runs a short one."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import ledger

ROOT = Path(ledger.__file__).resolve().parents[1]
COUNT = int(os.environ.get("LEDGER_FUZZ_WORKBOOKS", "150"))
SECONDS = float(os.environ.get("LEDGER_FUZZ_SECONDS", "60" if COUNT <= 150 else "240"))


def test_mutated_workbooks_never_crash_nor_write_part_of_themselves(
    sqlite_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "ledger.db"
    shutil.copy(sqlite_template, db)
    seed = int(os.environ.get("LEDGER_FUZZ_SEED", "7"))
    run = subprocess.run(
        [sys.executable, "-m", "tests.io.fuzz", str(db), str(COUNT), str(SECONDS), str(seed)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=SECONDS + 300,
    )
    assert run.returncode == 0, run.stderr[-3000:]  # a crash (an abort, out of memory)
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    print(figures)
    assert figures["traceback_count"] == 0, figures["tracebacks"]
    assert figures["partial"] == 0
    assert figures["workbooks"] >= min(COUNT, 50)
    assert figures["refused"] > 0
