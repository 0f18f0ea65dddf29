"""Alembic environment: runs on the connection the application hands over (or on a URL)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

import ledger.models  # noqa: F401 - registers every table on the metadata
from ledger.models import personal
from ledger.models.base import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    """Run the migrations in one transaction on the given connection."""
    connection = config.attributes.get("connection")
    if connection is None:
        url = config.get_main_option("sqlalchemy.url")
        if url is None:
            raise RuntimeError("alembic: neither a connection nor sqlalchemy.url was given")
        engine = create_engine(url)
        personal.unlock(engine, url, url)  # the key beside the file, as the program opens it
        with engine.begin() as conn:
            _configure_and_run(conn)
    else:
        _configure_and_run(connection)


def _configure_and_run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
