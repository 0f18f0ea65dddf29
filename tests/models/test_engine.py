"""Opening a database: SQLite pragmas, one transaction per action, writers that queue."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from ledger.core.actor import Actor
from ledger.core.enums import Level
from ledger.models import Depot, OrgUnit
from ledger.models.engine import Database, database_url, open_database
from tests.scenario import unit


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_full_sync(sqlite_db: Database) -> None:
    with sqlite_db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar_one() == 2
        assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() >= 5000


def test_a_bare_path_means_a_sqlite_file(tmp_path: Path) -> None:
    assert database_url(tmp_path / "a.db") == f"sqlite:///{tmp_path / 'a.db'}"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_a_transaction_commits_at_the_end(db: Database, actor: Actor) -> None:
    with db.transaction(actor) as s:
        unit(s, "城关镇")
    with db.read() as s:
        assert s.scalars(select(OrgUnit.name)).all() == ["城关镇"]


def test_an_error_rolls_the_whole_action_back(db: Database, actor: Actor) -> None:
    with pytest.raises(ValueError), db.transaction(actor) as s:
        unit(s, "城关镇")
        raise ValueError("中途出错")
    with db.read() as s:
        assert s.scalars(select(OrgUnit)).all() == []


def test_foreign_keys_are_enforced(db: Database, actor: Actor) -> None:
    import uuid

    with pytest.raises(IntegrityError), db.transaction(actor) as s:
        s.add(Depot(code="D1", name="一号库", unit_id=uuid.uuid4()))


def test_a_read_session_does_not_keep_changes(db: Database, actor: Actor) -> None:
    with db.read() as s:
        s.add(OrgUnit(code="X", name="临时", level=Level.TOWN))
        s.flush()
    with db.read() as s:
        assert s.scalars(select(OrgUnit)).all() == []


def test_two_writers_queue_instead_of_failing(sqlite_db: Database, actor: Actor) -> None:
    """Write transactions begin IMMEDIATE: the second waits for the first, then both commit."""
    other = open_database(sqlite_db.path)
    started = threading.Event()
    errors: list[BaseException] = []

    def slow_writer() -> None:
        try:
            with sqlite_db.transaction(actor) as s:
                s.execute(text("SELECT 1"))
                started.set()
                unit(s, "甲镇")
                time.sleep(0.5)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    thread = threading.Thread(target=slow_writer)
    thread.start()
    assert started.wait(5)
    with other.transaction(actor) as s:
        names = s.scalars(select(OrgUnit.name)).all()
        unit(s, "乙镇")
    thread.join()
    other.dispose()
    assert errors == []
    # the second writer began after the first committed, so it saw 甲镇
    assert names == ["甲镇"]
    with sqlite_db.read() as s:
        assert sorted(s.scalars(select(OrgUnit.name))) == ["乙镇", "甲镇"]
