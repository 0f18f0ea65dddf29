"""One window per database file: the lock file, its refusal and its release."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ledger.core.errors import DatabaseInUse
from ledger.services.database.instance_lock import InstanceLock, lock_for, lock_path


def test_the_lock_sits_beside_the_database(tmp_path: Path) -> None:
    assert lock_path(tmp_path / "ledger.db") == tmp_path / "ledger.db.lock"


def test_a_second_lock_on_the_same_file_is_refused_until_released(tmp_path: Path) -> None:
    first = InstanceLock(tmp_path / "ledger.db")
    first.acquire()
    first.acquire()  # taking it again is harmless
    text = lock_path(tmp_path / "ledger.db").read_text(encoding="utf-8")
    assert f"进程 {os.getpid()}" in text
    with pytest.raises(DatabaseInUse) as caught:
        InstanceLock(tmp_path / "ledger.db").acquire()
    assert str(tmp_path / "ledger.db") in caught.value.message
    first.release()
    assert not first.held
    with InstanceLock(tmp_path / "ledger.db") as second:
        assert second.held


def test_different_databases_do_not_block_each_other(tmp_path: Path) -> None:
    with InstanceLock(tmp_path / "a.db"), InstanceLock(tmp_path / "b.db") as other:
        assert other.held


def test_lock_for_files_and_urls(tmp_path: Path) -> None:
    by_path = lock_for(tmp_path / "x.db")
    by_url = lock_for(f"sqlite:///{tmp_path / 'x.db'}")
    assert by_path is not None and by_url is not None and by_path.path == by_url.path
    assert lock_for("postgresql+psycopg://u:p@host/db") is None


def test_a_folder_that_cannot_hold_the_lock_is_left_to_the_database_to_report(
    tmp_path: Path,
) -> None:
    lock = InstanceLock(tmp_path / "missing" / "ledger.db")
    lock.acquire()
    assert not lock.held
