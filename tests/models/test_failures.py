"""Bad files: a damaged, foreign, newer, read-only or full database gives a clear Chinese
message, and the file is left exactly as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, select, text

from ledger.core.enums import Level
from ledger.core.errors import (
    DatabaseCorrupt,
    DatabaseError,
    DiskFull,
    NewerDatabase,
    ReadOnlyDatabase,
)
from ledger.models import OrgUnit
from ledger.models.engine import open_database
from ledger.models.failures import (
    check_integrity,
    clean_stamp,
    closed_cleanly,
    mark_closed_cleanly,
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _filled(template: Path, folder: Path, rows: int = 300) -> Path:
    path = folder / "ledger.db"
    shutil.copy(template, path)
    db = open_database(path)
    with db.transaction() as s:
        for i in range(rows):
            s.add(OrgUnit(code=f"C{i:05d}", name=f"第{i}镇", level=Level.TOWN, note="备注" * 100))
    db.dispose()
    return path


def _mount(*args: str) -> bool:
    if os.geteuid() != 0:
        return False
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture
def readonly_folder(sqlite_template: Path, tmp_path: Path) -> Iterator[Path]:
    """A folder holding a valid database that cannot be written (a read-only mount as root,
    permissions otherwise)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    _filled(sqlite_template, folder, rows=3)
    if _mount("--bind", str(folder), str(folder)):
        if not _mount("-o", "remount,bind,ro", str(folder)):
            subprocess.run(["umount", str(folder)], check=True)
            pytest.skip("cannot remount read-only")
        try:
            yield folder
        finally:
            subprocess.run(["umount", str(folder)], check=True)
    elif os.geteuid() != 0:
        folder.chmod(0o555)
        (folder / "ledger.db").chmod(0o444)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
    else:
        pytest.skip("running as root without the right to mount")


def test_damaged_pages_are_refused_and_the_file_is_untouched(
    sqlite_template: Path, tmp_path: Path
) -> None:
    path = _filled(sqlite_template, tmp_path)
    size = path.stat().st_size
    with path.open("r+b") as handle:  # overwrite pages in the middle of the file
        handle.seek(size // 2 // 4096 * 4096)
        handle.write(bytes(range(256)) * 32)
    before = _digest(path)
    with pytest.raises(DatabaseCorrupt) as caught:
        open_database(path)
    assert "已损坏" in caught.value.message and "从备份恢复" in caught.value.message
    assert _digest(path) == before


def test_damaged_first_page_is_refused(sqlite_template: Path, tmp_path: Path) -> None:
    path = _filled(sqlite_template, tmp_path)
    with path.open("r+b") as handle:
        handle.seek(100)
        handle.write(b"\xff" * 3000)
    before = _digest(path)
    with pytest.raises(DatabaseError) as caught:
        open_database(path)
    assert "数据库" in caught.value.message
    assert _digest(path) == before


def test_a_file_that_is_no_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "表格.xlsx"
    path.write_bytes(b"PK\x03\x04" + os.urandom(5000))
    before = _digest(path)
    with pytest.raises(DatabaseError, match="不是本程序的数据库文件"):
        open_database(path)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["表格.xlsx"]


def test_a_newer_database_is_refused_untouched(sqlite_template: Path, tmp_path: Path) -> None:
    path = _filled(sqlite_template, tmp_path, rows=1)
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO alembic_version (version_num) VALUES ('9999_future')")
    conn.close()
    before = _digest(path)
    with pytest.raises(NewerDatabase, match="升级本程序"):
        open_database(path)
    assert _digest(path) == before


def test_read_only_folder_gives_a_clear_message(readonly_folder: Path) -> None:
    with pytest.raises(ReadOnlyDatabase, match="只读"):
        open_database(readonly_folder / "ledger.db")
    with pytest.raises(ReadOnlyDatabase):
        open_database(readonly_folder / "新建.db")
    # the ledger and the key of its personal data, made when the fixture filled it
    assert sorted(p.name for p in readonly_folder.iterdir()) == ["ledger.db", "ledger.db.key"]


@pytest.fixture
def tiny_disk(sqlite_template: Path, tmp_path: Path) -> Iterator[tuple[Path, bool]]:
    """A database on a nearly full disk: a 1 MiB tmpfs as root, else a page-count limit."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = _mount("-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder))
    try:
        path = folder / "ledger.db"
        shutil.copy(sqlite_template, path)
        yield path, mounted
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=True)


def test_full_disk_refuses_the_action_and_keeps_what_was_saved(
    tiny_disk: tuple[Path, bool],
) -> None:
    path, mounted = tiny_disk
    db = open_database(path)
    if not mounted:
        pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]
        event.listen(
            db.engine,
            "connect",
            lambda conn, _: conn.execute(f"PRAGMA max_page_count={pages + 200}"),
        )
        db.engine.dispose()
    saved = 0
    with pytest.raises(DiskFull) as caught:
        for batch in range(1000):
            with db.transaction() as s:
                for i in range(20):
                    s.add(
                        OrgUnit(code=f"F{batch}-{i}", name="镇", level=Level.TOWN, note="满" * 500)
                    )
            saved += 20
    assert "磁盘空间已满" in caught.value.message and "未保存" in caught.value.message
    assert saved > 0
    with db.read() as s:
        assert len(s.scalars(select(OrgUnit)).all()) == saved
        assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    db.dispose()


# The full page check on open: only after an unclean close ---------------------------------


def _damage_quietly(path: Path) -> None:
    """Overwrite pages in the middle of the file, keeping its size and modification time (as a
    failing disk would, unseen by the program)."""
    stat = path.stat()
    with path.open("r+b") as handle:
        handle.seek(path.stat().st_size // 2 // 4096 * 4096)
        handle.write(bytes(range(256)) * 32)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _closed_cleanly(template: Path, folder: Path) -> Path:
    path = _filled(template, folder)
    db = open_database(path)
    db.dispose()
    assert mark_closed_cleanly(path)
    assert closed_cleanly(path)
    return path


def test_a_clean_close_lets_the_next_open_skip_the_full_check(
    sqlite_template: Path, tmp_path: Path
) -> None:
    path = _closed_cleanly(sqlite_template, tmp_path)
    _damage_quietly(path)
    db = open_database(path)  # the damage is not looked for on this open...
    try:
        with pytest.raises(DatabaseCorrupt, match="已损坏"):  # ...but the check on demand finds it
            check_integrity(db.engine, db.path)
    finally:
        db.dispose()


def test_a_file_changed_since_its_clean_close_gets_the_full_check(
    sqlite_template: Path, tmp_path: Path
) -> None:
    path = _closed_cleanly(sqlite_template, tmp_path)
    with path.open("r+b") as handle:
        handle.seek(path.stat().st_size // 2 // 4096 * 4096)
        handle.write(bytes(range(256)) * 32)
    assert not closed_cleanly(path)
    before = _digest(path)
    with pytest.raises(DatabaseCorrupt) as caught:
        open_database(path)
    assert "已损坏" in caught.value.message and "从备份恢复" in caught.value.message
    assert _digest(path) == before


CRASH = """
import os, sys
from ledger.core.enums import Level
from ledger.models import OrgUnit
from ledger.models.engine import open_database
db = open_database(sys.argv[1])
with db.transaction() as s:
    s.add(OrgUnit(code="CRASH", name="断电镇", level=Level.TOWN))
os._exit(0)  # the power goes off: no connection is closed
"""


def test_an_unclean_shutdown_triggers_the_full_check(sqlite_template: Path, tmp_path: Path) -> None:
    path = _closed_cleanly(sqlite_template, tmp_path)
    subprocess.run([sys.executable, "-c", CRASH, str(path)], check=True)
    assert path.with_name(path.name + "-wal").exists()
    assert not closed_cleanly(path)
    _damage_quietly(path)
    with pytest.raises(DatabaseCorrupt, match="已损坏"):
        open_database(path)


def test_an_unclean_shutdown_of_a_sound_file_opens_with_its_saved_work(
    sqlite_template: Path, tmp_path: Path
) -> None:
    path = _closed_cleanly(sqlite_template, tmp_path)
    subprocess.run([sys.executable, "-c", CRASH, str(path)], check=True)
    db = open_database(path)
    with db.read() as s:
        assert s.scalars(select(OrgUnit.name).where(OrgUnit.code == "CRASH")).one() == "断电镇"
    db.dispose()
    assert mark_closed_cleanly(path) and closed_cleanly(path)


def test_no_clean_stamp_while_another_connection_keeps_the_file_open(
    sqlite_template: Path, tmp_path: Path
) -> None:
    path = _filled(sqlite_template, tmp_path, rows=1)
    first, second = open_database(path), open_database(path)
    first.dispose()
    assert not mark_closed_cleanly(path)
    assert not closed_cleanly(path)
    second.dispose()
    assert mark_closed_cleanly(path)
    assert clean_stamp(path).exists() and closed_cleanly(path)
