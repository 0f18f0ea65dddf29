"""Backups are consistent copies; a restore checks the file and keeps what it replaces."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from ledger.core.actor import Actor
from ledger.core.errors import BackupFailed, RestoreRefused
from ledger.models.engine import Database, alembic_config, database_url, open_database
from ledger.services.backup.sqlite import (
    backup_database,
    check_backup,
    kept_name,
    restore_database,
)
from ledger.services.verify.checks import verify
from tests.scenario import given, on_hand

NOW = datetime(2026, 3, 1, 8, 30, 15)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def ledger(sqlite_db: Database, actor: Actor) -> Database:
    with sqlite_db.transaction(actor) as s:
        given(s, actor, "RK 2026-03-01 一号库 编织袋 1000袋 批次L1；铁锹 20把")
        given(s, actor, "CK 2026-03-02 一号库 编织袋 100袋 批次L1")
    return sqlite_db


def stock(path: Path) -> object:
    db = open_database(path)
    try:
        with db.read() as s:
            return on_hand(s, "一号库", "编织袋", "L1"), verify(s)
    finally:
        db.dispose()


# --- backup -----------------------------------------------------------------------------


def test_backup_is_a_complete_self_contained_copy(ledger: Database, tmp_path: Path) -> None:
    target = tmp_path / "backup" / "台账备份.db"
    target.parent.mkdir()
    result = backup_database(ledger.path, target)
    assert result.path == target and result.size == target.stat().st_size > 0
    assert result.revisions
    # one file: no write-ahead log beside it, and it is not in WAL mode
    assert sorted(p.name for p in target.parent.iterdir()) == ["台账备份.db"]
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert stock(target) == (900, [])


def test_backup_takes_what_is_committed_while_a_writer_is_busy(
    ledger: Database, actor: Actor, tmp_path: Path
) -> None:
    other = open_database(ledger.path)
    try:
        with other.transaction(actor) as s:
            given(s, actor, "CK 2026-03-03 一号库 编织袋 50袋 批次L1")
            s.flush()  # written but not committed while the backup runs
            backup_database(ledger.path, tmp_path / "mid.db")
    finally:
        other.dispose()
    assert stock(tmp_path / "mid.db") == (900, [])
    assert stock(Path(ledger.path)) == (850, [])


def test_backup_replaces_an_older_backup(ledger: Database, tmp_path: Path) -> None:
    target = tmp_path / "b.db"
    target.write_bytes(b"old backup")
    backup_database(ledger.path, target)
    assert stock(target)[0] == 900


def test_backup_into_a_missing_folder_is_refused(ledger: Database, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "b.db"
    with pytest.raises(BackupFailed) as refused:
        backup_database(ledger.path, target)
    assert refused.value.message == f"备份到“{target}”失败：目标文件夹不存在"


def test_backup_of_a_missing_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BackupFailed, match="不存在"):
        backup_database(tmp_path / "none.db", tmp_path / "b.db")
    assert not (tmp_path / "b.db").exists()


def test_backup_of_a_file_that_is_not_a_ledger_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "notes.db"
    source.write_text("会议纪要", encoding="utf-8")
    with pytest.raises(BackupFailed, match="不是 SQLite 格式"):
        backup_database(source, tmp_path / "b.db")


def test_backup_onto_the_database_itself_is_refused(ledger: Database) -> None:
    before = digest(Path(ledger.path))
    with pytest.raises(BackupFailed, match="不能是数据库本身"):
        backup_database(ledger.path, ledger.path)
    assert digest(Path(ledger.path)) == before


def test_a_server_database_is_not_backed_up_here(tmp_path: Path) -> None:
    with pytest.raises(BackupFailed, match="pg_dump"):
        backup_database("postgresql+psycopg://u:p@localhost/ledger", tmp_path / "b.db")


def test_a_sqlite_url_is_accepted(ledger: Database, tmp_path: Path) -> None:
    backup_database(f"sqlite:///{ledger.path}", tmp_path / "b.db")
    assert stock(tmp_path / "b.db")[0] == 900


# --- restore ----------------------------------------------------------------------------


def test_restore_keeps_the_replaced_file_then_puts_the_backup_in_place(
    ledger: Database, actor: Actor, tmp_path: Path
) -> None:
    backup = tmp_path / "b.db"
    backup_database(ledger.path, backup)
    with ledger.transaction(actor) as s:
        given(s, actor, "CK 2026-03-03 一号库 编织袋 300袋 批次L1")
    ledger.dispose()
    target = Path(ledger.path)
    result = restore_database(backup, target, now=NOW)
    assert result.target == target
    assert result.kept == target.with_name("ledger-replaced-20260301-083015.db")
    assert stock(target) == (900, [])
    assert stock(result.kept) == (600, [])
    assert backup.exists()


def test_restore_without_an_existing_database_keeps_nothing(
    ledger: Database, tmp_path: Path
) -> None:
    backup = tmp_path / "b.db"
    backup_database(ledger.path, backup)
    result = restore_database(backup, tmp_path / "new.db", now=NOW)
    assert result.kept is None
    assert stock(tmp_path / "new.db") == (900, [])


def test_kept_names_never_overwrite_each_other(tmp_path: Path) -> None:
    target = tmp_path / "ledger.db"
    first = kept_name(target, NOW)
    first.write_bytes(b"x")
    assert kept_name(target, NOW) == tmp_path / "ledger-replaced-20260301-083015-2.db"


def _refused(ledger: Database, backup: Path, reason: str) -> None:
    target = Path(ledger.path)
    ledger.dispose()
    before = digest(target)
    with pytest.raises(RestoreRefused) as refused:
        restore_database(backup, target, now=NOW)
    assert reason in refused.value.message
    assert refused.value.message.endswith("当前数据库没有任何改动")
    assert digest(target) == before
    assert sorted(p.name for p in target.parent.iterdir() if "replaced" in p.name) == []
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".partial")]


def test_restore_refuses_a_file_that_is_not_sqlite(ledger: Database, tmp_path: Path) -> None:
    backup = tmp_path / "b.db"
    backup.write_bytes(b"\x00" * 4096)
    _refused(ledger, backup, "不是 SQLite 格式")


def test_restore_refuses_a_missing_file(ledger: Database, tmp_path: Path) -> None:
    _refused(ledger, tmp_path / "none.db", "文件不存在")


def test_restore_refuses_a_damaged_backup(ledger: Database, tmp_path: Path) -> None:
    backup = tmp_path / "b.db"
    backup_database(ledger.path, backup)
    data = bytearray(backup.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, page):
        data[start + 100 : start + 400] = b"\xff" * 300
    backup.write_bytes(bytes(data))
    _refused(ledger, backup, "损坏")


def test_restore_refuses_another_programs_database(ledger: Database, tmp_path: Path) -> None:
    backup = tmp_path / "other.db"
    with sqlite3.connect(backup) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    _refused(ledger, backup, "这不是台账数据库")


def test_restore_refuses_a_database_of_a_newer_program(ledger: Database, tmp_path: Path) -> None:
    backup = tmp_path / "b.db"
    backup_database(ledger.path, backup)
    with sqlite3.connect(backup) as conn:
        conn.execute("DELETE FROM alembic_version")
        conn.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    _refused(ledger, backup, "结构版本 9999_future")


def test_restore_refuses_the_database_itself(ledger: Database) -> None:
    _refused(ledger, Path(ledger.path), "就是当前数据库本身")


def test_check_backup_reports_the_revisions(ledger: Database, tmp_path: Path) -> None:
    backup = tmp_path / "b.db"
    made = backup_database(ledger.path, backup)
    assert check_backup(backup) == made.revisions


def test_a_backup_from_an_older_program_restores_and_opens_upgraded(
    ledger: Database, tmp_path: Path
) -> None:
    old = tmp_path / "old.db"
    engine = create_engine(database_url(old))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0002")
    engine.dispose()
    assert check_backup(old) == ("0002",)
    target = Path(ledger.path)
    ledger.dispose()
    restore_database(old, target, now=NOW)
    db = open_database(target)
    try:
        with db.engine.connect() as conn:
            current = set(MigrationContext.configure(conn).get_current_heads())
    finally:
        db.dispose()
    assert current == set(ScriptDirectory.from_config(alembic_config()).get_heads())
