"""Format 2 packages stream: bounded memory, all or nothing when killed, checksums read as
they stream, and format 1 packages (made by the program before) still import."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ledger.core.actor import SYSTEM
from ledger.core.errors import PackageTampered
from ledger.models import Document, DocumentLine, Movement
from ledger.models.engine import Database, open_database
from ledger.services.exchange import importer, manifest, signing
from ledger.services.stock.bulk_receipts import post_receipts
from ledger.services.verify.checks import verify
from tests.services.exchange_world import (
    COUNTY,
    TOWN_A,
    Office,
    fingerprint,
    make_world,
    receipt,
    set_up_town,
    state,
)
from tests.services.test_exchange import BACKENDS
from tests.services.test_exchange import make_db as make_db  # the fixture

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]
SQLITE = pytest.mark.parametrize("make_db", ["sqlite"], indirect=True)

CHILD = """
import json, resource, sys
from pathlib import Path
from ledger.core.actor import SYSTEM
from ledger.models.engine import open_database
from ledger.services.exchange import importer
db = open_database(sys.argv[1])
def report(done, total, text):
    if total and done:
        print(json.dumps({"done": done}), flush=True)
if len(sys.argv) > 3:  # a cap on the address space from here on: more raises MemoryError
    size = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmSize"))
    cap = size * 1024 + int(sys.argv[3]) * 1024**2
    resource.setrlimit(resource.RLIMIT_AS, (cap, resource.getrlimit(resource.RLIMIT_AS)[1]))
Path("/proc/self/clear_refs").write_text("5")  # the peak (VmHWM) from here on
with db.transaction(SYSTEM) as s:
    done = importer.import_package(s, SYSTEM, Path(sys.argv[2]), name="包.zip", progress=report)
peak = next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(json.dumps({"added": done.added, "rss_kb": int(peak)}), flush=True)
"""


def _child(db: Database, package: Path, cap_mb: int | None = None) -> subprocess.Popen[str]:
    """The import of ``package`` in a process of its own; with ``cap_mb``, under a resource
    limit of that much more address space than it had before the import began."""
    cap = [] if cap_mb is None else [str(cap_mb)]
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db.path), str(package), *cap],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _outcome(proc: subprocess.Popen[str]) -> dict[str, int]:
    out, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0, out
    found: dict[str, int] = json.loads(out.strip().splitlines()[-1])
    return found


def _large(office: Office, tag: str, receipts: int, lines: int) -> Path:
    """A package of ``receipts`` receipts of ``lines`` lines each (posted in bulk) at the
    office's depot, written to a file."""
    entries = [
        receipt(
            f"{tag}-K1",
            "2026-03-02",
            *(
                (("WZ-001", 10 + i % 7, f"L{n % 50}") if i % 2 else ("WZ-002", 3, ""))
                for i in range(lines)
            ),
        )
        for n in range(receipts)
    ]
    with office.tx() as s:
        post_receipts(s, SYSTEM, entries)
    path = Path(office.db.path).with_suffix(".zip")
    with path.open("wb") as out:
        office.export(out=out)
    return path


def _unpacked(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist())


@pytest.fixture
def large(make_db: Callable[[str], Database], tmp_path: Path) -> tuple[Office, Path, Path]:
    """The county; town A's large package (some 120,000 posted records) and town B's small one."""
    county, a, b = make_world(make_db, tmp_path / "keys")
    set_up_town(a, "A")
    set_up_town(b, "B")
    small = Path(b.db.path).with_suffix(".zip")
    with small.open("wb") as out:
        b.export(out=out)
    return county, _large(a, "A", 1000, 60), small


@SQLITE
def test_a_package_larger_than_the_memory_cap_imports_under_it(
    large: tuple[Office, Path, Path],
) -> None:
    """The import of 120,000 posted records runs under a resource limit (RLIMIT_AS) of 150 MB
    more address space than the process had before it, and its peak memory (VmHWM, reset
    before the import) stays within 40 MB of one importing a handful, though the package
    unpacks to more than that (whole in memory, as format 1 is read, it took some 4 KB a
    record, 500 MB here)."""
    county, big, small = large
    cap_mb = 40
    assert _unpacked(big) > cap_mb * 1024**2
    baseline = _outcome(_child(county.db, small))
    found = _outcome(_child(county.db, big, cap_mb=150))
    assert found["added"] > 120_000
    grew_mb = (found["rss_kb"] - baseline["rss_kb"]) / 1024
    print(f"peak grew by {grew_mb:.0f} MB")
    assert grew_mb < cap_mb, f"peak grew by {grew_mb:.0f} MB"
    with county.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Movement)) > 60_000
        assert verify(s) == []


@SQLITE
def test_an_import_killed_midway_leaves_the_ledger_as_it_was(
    large: tuple[Office, Path, Path],
) -> None:
    county, big, _ = large
    before = fingerprint(county)
    proc = _child(county.db, big)
    assert proc.stdout is not None
    line = proc.stdout.readline()  # the first batch is written (not committed)
    assert json.loads(line)["done"] > 0
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    county.db.dispose()
    county.db = open_database(county.db.path)
    assert fingerprint(county) == before
    with county.db.read() as s:
        assert verify(s) == []
    assert _outcome(_child(county.db, big))["added"] > 120_000  # and it goes in whole later


def _stored_zip(path: Path) -> None:
    """Write the package again without compression (so a byte can be changed in place)."""
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)


@SQLITE
def test_a_member_changed_while_it_streams_is_refused_and_nothing_is_written(
    make_db: Callable[[str], Database], tmp_path: Path
) -> None:
    """The checksums are checked before anything is read; a movement changed on disk after
    that check (between the two passes) is caught as it streams, and nothing stays."""
    county, a, _ = make_world(make_db, tmp_path / "keys")
    set_up_town(a, "A")
    path = tmp_path / "a.zip"
    path.write_bytes(a.export().data)
    _stored_zip(path)
    raw = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(manifest.data_file("movements"))
        content = archive.read(info)
    start = raw.index(content)
    at = start + content.index(b'"quantity":"') + len(b'"quantity":"')
    changed = raw[:at] + (b"9" if raw[at : at + 1] != b"9" else b"8") + raw[at + 1 :]
    before = fingerprint(county)
    opened = io.BytesIO(raw)

    def swap(done: int, total: int, text: str) -> None:
        if total and opened.getvalue() != changed:  # after the check pass: change the file
            at = opened.tell()
            opened.seek(0)
            opened.write(changed)
            opened.seek(at)

    refused = r"data/movements\.jsonl.*校验和不符（读取时）"
    with pytest.raises(PackageTampered, match=refused), county.tx() as s:
        importer.import_package(s, SYSTEM, opened, name="包.zip", progress=swap)
    assert fingerprint(county) == before
    with pytest.raises(
        PackageTampered, match=r"data/movements\.jsonl 与签名清单不符（校验和不符）"
    ):
        county.receive(changed)  # and refused before any row is read when changed before
    assert fingerprint(county) == before


@pytest.mark.parametrize("make_db", BACKENDS, indirect=True)
def test_a_format_1_package_of_the_program_before_still_imports(
    make_db: Callable[[str], Database],
) -> None:
    """tests/services/fixtures/county-format1.zip was exported by the program before
    streaming (``make_format1.py``, commit efc3ee6): a county with a receipt and an issue."""
    data = (FIXTURES / "county-format1.zip").read_bytes()
    assert manifest.open_package(data, "x").version == 1
    db = make_db("town")
    key = FIXTURES / "county-format1.pub"
    with db.transaction(SYSTEM) as s:
        signing.register_sender(s, SYSTEM, signing.read_key_file(key.read_bytes(), key.name))
    with db.transaction(SYSTEM) as s:
        done = importer.import_package(s, SYSTEM, data, name="旧格式.zip")
    assert done.unit_code == COUNTY
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 2
        assert s.scalar(select(func.count()).select_from(DocumentLine)) == 3
        assert s.scalar(select(func.count()).select_from(Movement)) == 3
        assert verify(s) == []


@pytest.mark.parametrize("make_db", BACKENDS, indirect=True)
def test_format_2_packages_stream_in_order_and_make_the_same_ledger(
    make_db: Callable[[str], Database], tmp_path: Path
) -> None:
    county, a, _ = make_world(make_db, tmp_path / "keys")
    set_up_town(a, "A")
    _large_small(a)
    made = a.export()
    package = manifest.open_package(made.data, "x")
    assert package.version == manifest.FORMAT_VERSION == 2
    moves = [json.loads(line) for line in package.lines(manifest.data_file("movements"))]
    assert [(m["depot_id"], m["seq"]) for m in moves] == sorted(
        (m["depot_id"], m["seq"]) for m in moves
    )
    county.receive(made.data)
    assert state(county, TOWN_A) == state(a, TOWN_A)
    with county.db.read() as s:
        assert verify(s) == []


def _large_small(office: Office) -> None:
    with office.tx() as s:
        post_receipts(
            s,
            SYSTEM,
            [
                receipt("A-K1", "2026-03-03", ("WZ-001", 5, "L2"), ("WZ-002", 1, ""))
                for _ in range(30)
            ],
        )
