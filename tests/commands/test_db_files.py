"""Only an explicit create makes a database; a file that is not a ledger is refused untouched."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from ledger.cli import main
from ledger.core.errors import DatabaseError
from ledger.models.engine import APPLICATION_ID, alembic_config, database_url, open_database
from ledger.services.database.opening import create_ledger, open_ledger
from tests.io.books import VALID, write_book


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _app_id(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA application_id").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def other_program(tmp_path: Path) -> Path:
    """Another program's SQLite file: an address book."""
    path = tmp_path / "contacts.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('张三', '13800000000')")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("command", [["verify"], ["check"], ["export", "out.xlsx"]])
def test_another_programs_sqlite_file_is_refused_untouched(
    other_program: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    before = _digest(other_program)
    args = [a if a != "out.xlsx" else str(tmp_path / a) for a in command]
    assert main([*args, "--db", str(other_program)]) != 0
    err = capsys.readouterr().err
    assert "不是应急资源台账的数据库文件" in err and "contacts" in err
    assert "校验通过" not in err
    assert _digest(other_program) == before
    assert not (tmp_path / "out.xlsx").exists()


@pytest.mark.parametrize("command", [["verify"], ["check"], ["import", "--check", "BOOK"]])
def test_a_mistyped_path_or_an_empty_file_does_not_become_a_ledger(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    book = write_book(tmp_path / "b.xlsx", VALID)
    args = [str(book) if a == "BOOK" else a for a in command]
    missing = tmp_path / "ledgr.db"
    assert main([*args, "--db", str(missing)]) != 0
    assert "文件不存在" in capsys.readouterr().err
    assert not missing.exists()
    empty = tmp_path / "empty.db"
    empty.touch()
    assert main([*args, "--db", str(empty)]) != 0
    assert "0 字节" in capsys.readouterr().err
    assert empty.stat().st_size == 0


def test_new_creates_a_marked_ledger(tmp_path: Path) -> None:
    book = write_book(tmp_path / "b.xlsx", VALID)
    target = tmp_path / "new.db"
    assert main(["import", "--new", "--db", str(target), str(book)]) == 0
    assert _app_id(target) == APPLICATION_ID
    assert main(["verify", "--db", str(target)]) == 0


def test_the_gui_opens_only_ledgers_and_creates_only_when_asked(
    tmp_path: Path, other_program: Path
) -> None:
    with pytest.raises(DatabaseError, match="文件不存在"):
        open_ledger(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()
    with pytest.raises(DatabaseError, match="不是应急资源台账"):
        open_ledger(other_program)
    create_ledger(tmp_path / "chosen.db")
    assert _app_id(tmp_path / "chosen.db") == APPLICATION_ID
    open_ledger(tmp_path / "chosen.db").dispose()


def test_a_ledger_from_before_the_mark_is_recognised_and_marked(
    sqlite_template: Path, tmp_path: Path
) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    path = tmp_path / "old.db"
    engine = create_engine(database_url(path))
    with engine.begin() as conn:  # a ledger as the program made it before 0019 marked files
        command.upgrade(alembic_config(conn), "0020_recovery_code")
    engine.dispose()
    assert _app_id(path) == 0
    open_database(path, create=False).dispose()
    assert _app_id(path) == APPLICATION_ID


def test_a_ledger_on_a_read_only_disk_is_verified(
    sqlite_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A real read-only mount (a tmpfs remounted ro; root ignores chmod)."""
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", str(mount)]).returncode:
        pytest.skip("cannot mount a tmpfs here (not root)")
    try:
        shutil.copy(sqlite_template, mount / "ledger.db")
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        code = main(["verify", "--db", str(mount / "ledger.db")])
        out = capsys.readouterr()
        assert code == 0, out.err
        assert "校验通过" in out.out
        assert main(["check", "--db", str(mount / "ledger.db")]) != 0  # it would write
        assert "只读" in capsys.readouterr().err
    finally:
        subprocess.run(["umount", str(mount)], check=True)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real, nearly full disk: a tmpfs of 8 KB."""
    mount = tmp_path / "full"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8k", "tmpfs", str(mount)]).returncode:
        pytest.skip("cannot mount a tmpfs here (not root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


@pytest.mark.parametrize(
    "command", [["export", "OUT"], ["report", "roster", "-o", "OUT"]], ids=["export", "report"]
)
def test_a_full_disk_leaves_no_partial_file_and_says_so(
    sqlite_template: Path,
    tmp_path: Path,
    tiny_disk: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    db = tmp_path / "ledger.db"
    shutil.copy(sqlite_template, db)
    assert main(["import", "--db", str(db), str(write_book(tmp_path / "v.xlsx", VALID))]) == 0
    out = tiny_disk / "out.file"
    out.write_bytes(b"older")
    capsys.readouterr()
    args = [str(out) if a == "OUT" else a for a in command]
    assert main([*args, "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "磁盘空间已满" in err and "Traceback" not in err
    assert [p.name for p in tiny_disk.iterdir()] == ["out.file"]  # no partial file left
    assert out.read_bytes() == b"older"
