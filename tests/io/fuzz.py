"""Mutated workbooks through the importer, in a child process with its memory capped.

``python -m tests.io.fuzz DB COUNT SECONDS SEED`` imports up to COUNT mutations of the valid
county workbook (byte flips, truncations, XML damage, cell values replaced by junk) within
SECONDS into the ledger DB and prints one JSON line: how many, how long, and the outcomes. A
traceback is recorded (``tracebacks``), a crash kills the process (the caller sees its code),
a partial write is an import with errors that changed the database (``partial``).
"""

from __future__ import annotations

import io
import json
import random
import resource
import shutil
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

from ledger.core.actor import SYSTEM
from ledger.io.importer import import_workbook
from ledger.models.engine import open_database
from tests.io.books import VALID, snapshot, write_book

JUNK = [
    "1e308", "-1", "9" * 40, "NaN", "9999-12-31", "0001-01-01", "=1/0", "#N/A", "\u202e", "＊",
    "3000000", "2.5e-7", "", " ", "是", "否", "县", "_x0007_", "A" * 3000, "18446744073709551616",
]  # fmt: skip
MEMORY = 3 << 30


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    kind = rng.randrange(3)
    if kind == 0:  # byte flips anywhere
        for _ in range(rng.randint(1, 8)):
            out[rng.randrange(len(out))] ^= rng.randint(1, 255)
    elif kind == 1:  # truncation
        del out[rng.randrange(len(out)) :]
    else:  # a run of bytes overwritten
        start = rng.randrange(len(out))
        out[start : start + rng.randint(1, 64)] = bytes(rng.randrange(256) for _ in range(64))
    return bytes(out)


def _mutate_parts(data: bytes, rng: random.Random) -> bytes:
    """Damage inside the package (valid zip, CRC right): XML bytes, cell values, merges, sizes."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheets = [n for n in parts if n.startswith("xl/worksheets/")]
    for _ in range(rng.randint(1, 4)):
        name = rng.choice(sheets if rng.random() < 0.8 else list(parts))
        text = parts[name]
        kind = rng.randrange(5)
        if kind == 0 and text:
            pos = rng.randrange(len(text))
            text = text[:pos] + bytes([rng.randrange(256)]) + text[pos + 1 :]
        elif kind == 1:  # a cell value replaced by junk
            starts = [i for i in range(len(text)) if text.startswith(b"<t>", i)] or [0]
            at = rng.choice(starts) + 3
            end = text.find(b"<", at)
            junk = rng.choice(JUNK).encode()
            text = text[:at] + junk + text[end if end > 0 else at :]
        elif kind == 2:  # a far cell, a merge or a size
            far = rng.choice([b"XFD1048576", b"IV65536", b"A1048577", b"ZZZZ1", b"A0"])
            text = text.replace(b"</sheetData>", b'<row><c r="' + far + b'"><v>1</v></c></row>'
                                b"</sheetData>", 1)  # fmt: skip
        elif kind == 3:
            text = text.replace(b"</worksheet>", b'<mergeCells><mergeCell ref="A1:XFD1048576"/>'
                                b"</mergeCells></worksheet>", 1)  # fmt: skip
        else:
            text = text[: rng.randrange(len(text) + 1)]
        parts[name] = text
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return out.getvalue()


def run(db_path: Path, count: int, seconds: float, seed: int) -> dict[str, object]:
    """Import up to ``count`` mutated workbooks within ``seconds``; the figures."""
    rng = random.Random(seed)
    folder = Path(tempfile.mkdtemp())
    valid = write_book(folder / "valid.xlsx", VALID).read_bytes()
    pristine = folder / "pristine.db"
    shutil.copy(db_path, pristine)
    db = open_database(db_path)
    before = snapshot(db)
    outcomes = {"refused": 0, "imported": 0}
    tracebacks: list[str] = []
    partial = 0
    started = time.monotonic()
    done = 0
    while done < count and time.monotonic() - started < seconds:
        data = _mutate_bytes(valid, rng) if rng.random() < 0.4 else _mutate_parts(valid, rng)
        book = folder / "m.xlsx"
        book.write_bytes(data)
        try:
            result = import_workbook(db, SYSTEM, book)
        except Exception:
            tracebacks.append(traceback.format_exc(limit=6)[-1500:])
            result = None
        done += 1
        if result is not None and result.ok:
            outcomes["imported"] += 1  # still a valid county: start again from the empty ledger
            db.dispose()
            shutil.copy(pristine, db_path)
            db = open_database(db_path)
        else:
            outcomes["refused"] += 1
            if done % 25 == 0 or result is None:
                partial += snapshot(db) != before
    partial += snapshot(db) != before
    db.dispose()
    elapsed = time.monotonic() - started
    return {
        "workbooks": done,
        "seconds": round(elapsed, 1),
        **outcomes,
        "partial": partial,
        "tracebacks": tracebacks[:5],
        "traceback_count": len(tracebacks),
    }


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    db_arg, count_arg, seconds_arg, seed_arg = sys.argv[1:5]
    print(json.dumps(run(Path(db_arg), int(count_arg), float(seconds_arg), int(seed_arg))))
