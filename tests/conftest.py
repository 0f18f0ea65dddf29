"""Shared fixtures: a migrated template database copied per test, on SQLite and PostgreSQL.

PostgreSQL runs when ``LEDGER_TEST_PG`` names a server URL whose user may create databases
(``postgresql+psycopg://ledger:ledger@127.0.0.1/postgres``); .ci/run sets it.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ledger.core.actor import SYSTEM, Actor
from ledger.models.engine import Database, open_database

PG_URL = os.environ.get("LEDGER_TEST_PG", "")
BACKENDS = ["sqlite"] + (["postgres"] if PG_URL else [])
#: One template per test process, so runs side by side on one server do not drop each other's.
PG_TEMPLATE = f"ledger_test_template_{os.getpid()}"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once per test session."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = open_database(path)
    db.dispose()
    return path


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A PostgreSQL database migrated once per test session, copied per test."""
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {PG_TEMPLATE}"))
        conn.execute(text(f"CREATE DATABASE {PG_TEMPLATE}"))
    url = make_url(PG_URL).set(database=PG_TEMPLATE).render_as_string(hide_password=False)
    db = open_database(url)
    db.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {PG_TEMPLATE} WITH (FORCE)"))
    admin.dispose()


def _pg_copy(request: pytest.FixtureRequest) -> Iterator[str]:
    request.getfixturevalue("pg_template")
    name = f"ledger_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {PG_TEMPLATE}"))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated, empty database on each backend under test."""
    if request.param == "sqlite":
        path = tmp_path / "ledger.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        database = open_database(path)
        yield database
        database.dispose()
    else:
        gen = _pg_copy(request)
        url = next(gen)
        database = open_database(url)
        try:
            yield database
        finally:
            database.dispose()
            gen.close()


@pytest.fixture
def sqlite_db(sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated SQLite database (for tests about files, or the GUI)."""
    path = tmp_path / "ledger.db"
    shutil.copy(sqlite_template, path)
    database = open_database(path)
    yield database
    database.dispose()


@pytest.fixture
def actor() -> Actor:
    """The actor of test operations."""
    return SYSTEM
