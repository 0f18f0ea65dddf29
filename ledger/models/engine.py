"""Opening a database: the engine, SQLite pragmas, migrations on open, and transactions.

SQLite runs in WAL mode with foreign keys on, a busy timeout and ``synchronous=FULL`` (an
acknowledged commit survives a pulled plug). Write transactions start with ``BEGIN IMMEDIATE``
so that two writers queue on the lock instead of failing halfway through a read-then-write.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.orm import Session, sessionmaker

from ledger.core.actor import SYSTEM, Actor
from ledger.core.errors import DatabaseError, NewerDatabase
from ledger.models.failures import check_integrity, check_writable, closed_cleanly, translate
from ledger.paths import migrations_dir

if TYPE_CHECKING:  # Alembic is imported only when a migration may be needed
    from alembic.config import Config

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 15000
T = TypeVar("T")


def database_url(target: str | Path) -> str:
    """Turn a path or URL into a SQLAlchemy URL (a bare path means a SQLite file)."""
    text = str(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def alembic_config(connection: Any = None) -> Config:
    """Alembic configuration pointing at the migrations shipped in the package."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["connection"] = connection
    return cfg


class Database:
    """An open database: engines for reading and writing, and session factories."""

    def __init__(
        self, url: str, *, echo: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS
    ) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        kwargs: dict[str, Any] = {"echo": echo}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": busy_timeout_ms / 1000}
        self.engine: Engine = create_engine(url, **kwargs)
        if self.is_sqlite:
            _install_sqlite_hooks(self.engine, busy_timeout_ms)
        self.write_engine = self.engine.execution_options(ledger_write=True)
        self._reader = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._writer = sessionmaker(bind=self.write_engine, expire_on_commit=False)

    @property
    def path(self) -> str:
        """The database file (SQLite) or the URL without password (server)."""
        return (
            self.engine.url.database or "" if self.is_sqlite else self.engine.url.render_as_string()
        )

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; rolled back at the end."""
        with self._reader() as session:
            try:
                yield session
            except exc.DBAPIError as error:
                refusal = translate(error, self.path)
                if refusal is None:
                    raise
                raise refusal from error

    @contextmanager
    def transaction(self, actor: Actor = SYSTEM) -> Iterator[Session]:
        """One user action: a write session committed at the end, rolled back on any error.

        Raises:
            DatabaseBusy: another process held the write lock longer than the busy timeout.
        """
        session = self._writer()
        session.info["actor"] = actor.username
        session.info["actor_obj"] = actor
        try:
            yield session
            session.commit()
        except exc.DBAPIError as error:
            session.rollback()
            refusal = translate(error, self.path)
            if refusal is None:
                raise
            raise refusal from error
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def run(self, work: Callable[[Session], T], actor: Actor = SYSTEM, *, attempts: int = 5) -> T:
        """Run ``work(session)`` as one transaction, and again when it lost a race with a
        concurrent one (on a server: serialization failure, deadlock, or a unique key that
        both inserted); the last attempt's error is raised."""
        for attempt in range(1, attempts + 1):
            try:
                with self.transaction(actor) as session:
                    return work(session)
            except exc.DBAPIError as error:
                if attempt == attempts or not is_conflict(error):
                    raise
                time.sleep(random.uniform(0.01, 0.05 * attempt))
        raise AssertionError("unreachable")

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


#: SQLSTATEs of a transaction that lost a race: serialization failure, deadlock, unique
#: violation (two transactions inserting the same new key, e.g. the first audit head).
CONFLICTS = frozenset({"40001", "40P01", "23505"})


def is_conflict(error: exc.DBAPIError) -> bool:
    """Whether a database error means a concurrent transaction got there first."""
    return getattr(error.orig, "sqlstate", None) in CONFLICTS


def _install_sqlite_hooks(engine: Engine, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("ledger_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that exists but is not a SQLite database.

    Raises:
        DatabaseError: the file is not a database, or cannot be read.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as error:
        raise DatabaseError(path=str(path), reason=error.strerror or str(error)) from error
    if header != SQLITE_MAGIC:
        raise DatabaseError(path=str(path), reason="这不是本程序的数据库文件（不是 SQLite 格式）")


def migrate(db: Database) -> None:
    """Bring the schema to the newest revision; refuse a database from a newer program.

    A database already at the newest revision is told by one query against the revision ids
    read from the migration files, without starting Alembic.

    Raises:
        NewerDatabase: the database has a revision this program does not know.
        DatabaseError: the file is damaged.
    """
    heads = script_heads()
    if heads is not None and stored_revisions(db) == heads:
        return
    _migrate_with_alembic(db)


def stored_revisions(db: Database) -> frozenset[str] | None:
    """The revisions recorded in the database (None: no revision table, a new database).

    Raises:
        DatabaseError: the file is damaged or cannot be read.
    """
    try:
        with db.engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    except exc.DBAPIError as error:
        refusal = translate(error, db.path)
        if refusal is not None:
            raise refusal from error
        return None
    return frozenset(str(row[0]) for row in rows)


_REVISION = re.compile(r"^revision\b[^=\n]*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN_REVISION = re.compile(
    r"^down_revision\b[^=\n]*=\s*(None|['\"][^'\"]*['\"]|[(\[][^)\]]*[)\]])", re.M
)
_QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")


@lru_cache(maxsize=1)
def script_heads() -> frozenset[str] | None:
    """The head revisions of the shipped migrations, read from the files' ``revision`` and
    ``down_revision`` lines (None when a file cannot be read so: Alembic decides then)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    files = sorted((migrations_dir() / "versions").glob("*.py"))
    for file in files:
        if file.name.startswith("_"):
            continue
        source = file.read_text(encoding="utf-8")
        revision, down = _REVISION.findall(source), _DOWN_REVISION.findall(source)
        if len(revision) != 1 or len(down) != 1:
            return None
        revisions.add(revision[0])
        parents.update(_QUOTED.findall(down[0]))
    heads = frozenset(revisions - parents)
    return heads or None


def _migrate_with_alembic(db: Database) -> None:
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    script = ScriptDirectory.from_config(alembic_config())
    try:
        with db.engine.begin() as conn:
            current = MigrationContext.configure(conn).get_current_heads()
            for rev in current:
                try:
                    script.get_revision(rev)
                except CommandError:
                    raise NewerDatabase(path=db.path, revision=rev) from None
            if set(current) != set(script.get_heads()):
                command.upgrade(alembic_config(conn), "heads")
    except exc.DatabaseError as error:
        refusal = translate(error, db.path)
        raise refusal or DatabaseError(path=db.path, reason=str(error.orig)) from error


def open_database(
    target: str | Path,
    *,
    upgrade: bool = True,
    echo: bool = False,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
) -> Database:
    """Open (creating if needed) and migrate the database at a path or URL.

    A SQLite file gets the cheap checks (its header, the folder writable, its schema and
    revision read) every time, and SQLite's full page check when it was not closed cleanly
    last time (see :mod:`ledger.models.failures`).

    Raises:
        DatabaseError: the file is not a usable database.
        NewerDatabase: the database was made by a newer version of the program.
    """
    url = database_url(target)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        check_sqlite_file(path)
        if not path.parent.exists():
            raise DatabaseError(path=str(path), reason="所在文件夹不存在")
        check_writable(path)
    db = Database(url, echo=echo, busy_timeout_ms=busy_timeout_ms)
    try:
        if db.is_sqlite and not closed_cleanly(Path(db.path)):
            check_integrity(db.engine, db.path)
        if upgrade:
            migrate(db)
    except BaseException:
        db.dispose()
        raise
    return db
