"""Opening a database: SQLite pragmas, one transaction per action, writers that queue."""

from __future__ import annotations

import subprocess
import sys
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


def test_the_recorded_heads_are_the_ones_alembics_script_directory_finds() -> None:
    from alembic.script import ScriptDirectory

    from ledger.models.engine import SCHEMA_HEADS, alembic_config, script_heads

    found = frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())
    assert SCHEMA_HEADS == script_heads() == found


def test_a_database_at_the_newest_revision_opens_without_starting_alembic(
    sqlite_template: Path,
) -> None:
    code = (
        "import sys; from ledger.models.engine import open_database; "
        "open_database(sys.argv[1]).dispose(); print(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('alembic', 'mako')))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(sqlite_template)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_the_stored_revisions_are_read_with_one_query(sqlite_db: Database, tmp_path: Path) -> None:
    from ledger.models.engine import script_heads, stored_revisions

    assert stored_revisions(sqlite_db) == script_heads()
    empty = Database(database_url(tmp_path / "new.db"))
    assert stored_revisions(empty) is None  # no revision table yet: Alembic creates it
    empty.dispose()
