"""Automatic backups on exit: taken when something changed, the newest N kept, others left."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from ledger.core.enums import Level
from ledger.core.errors import BackupFailed
from ledger.models import OrgUnit
from ledger.models.engine import Database
from ledger.services.backup.rotation import automatic_backup, backups
from ledger.services.backup.sqlite import check_backup

T0 = datetime(2026, 11, 25, 17, 30, 0)


def _change(db: Database, n: int) -> None:
    with db.transaction() as s:
        s.add(OrgUnit(code=f"C{n}", name=f"第{n}镇", level=Level.TOWN))


def test_a_backup_is_taken_only_when_something_changed(sqlite_db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "备份"
    source = Path(sqlite_db.path)
    _change(sqlite_db, 1)
    first = automatic_backup(source, folder, now=T0)
    assert first is not None and first.path.name == "ledger-20261125-173000.db"
    assert check_backup(first.path)
    assert automatic_backup(source, folder, now=T0 + timedelta(minutes=1)) is None
    _change(sqlite_db, 2)
    second = automatic_backup(source, folder, now=T0 + timedelta(minutes=2))
    assert second is not None
    assert [b.path for b in backups(folder, source)] == [second.path, first.path]


def test_only_the_newest_are_kept_and_other_files_stay(sqlite_db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    mine = folder / "别的文件.db"
    mine.write_bytes(b"not ours")
    other_db = folder / "other-20260101-000000.db"
    other_db.write_bytes(b"another database's backup")
    source = Path(sqlite_db.path)
    for n in range(5):
        _change(sqlite_db, n)
        automatic_backup(source, folder, keep=3, now=T0 + timedelta(hours=n))
    kept = backups(folder, source)
    assert [b.taken_at for b in kept] == [T0 + timedelta(hours=n) for n in (4, 3, 2)]
    assert mine.exists() and other_db.exists()


def test_two_backups_in_one_second_get_distinct_names(sqlite_db: Database, tmp_path: Path) -> None:
    source = Path(sqlite_db.path)
    _change(sqlite_db, 1)
    first = automatic_backup(source, tmp_path, now=T0)
    _change(sqlite_db, 2)
    second = automatic_backup(source, tmp_path, now=T0)
    assert first is not None and second is not None and first.path != second.path
    assert len(backups(tmp_path, source)) == 2


def test_a_server_database_is_not_copied(tmp_path: Path) -> None:
    assert automatic_backup("postgresql+psycopg://u:p@host/db", tmp_path) is None


def test_a_folder_that_cannot_be_made_says_so(sqlite_db: Database, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(BackupFailed, match="备份到"):
        automatic_backup(Path(sqlite_db.path), blocker / "backups")
